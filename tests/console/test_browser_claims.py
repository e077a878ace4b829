"""The claims adjuster's screens in a real browser: the queue oldest first with the
30-day deadline, a claim with its custody timeline and basis, deciding and paying."""

from __future__ import annotations

from tests.console.browsing import expect, log_in, shot, skip_without_browser

skip_without_browser()


def test_an_adjuster_decides_and_pays_a_claim(new_page, client, citizen, waiting_claims):
    older, newer = waiting_claims
    page = new_page()
    log_in(page, "adjuster")  # lands on the queue
    rows = page.locator("#claims tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_attribute("data-claim", older)  # oldest first
    expect(rows.nth(0).locator(".days-left")).to_have_text("27")
    expect(rows.nth(1).locator(".days-left")).to_have_text("30")
    shot(page, "claims")

    rows.nth(1).locator("a").click()
    # The custody record bears the claim out: station A took the item in damaged.
    expect(page.locator("#custody tr.damaged")).to_contain_text("异常 · 破损")
    page.click("#review")
    expect(page.locator("#claim-state")).to_have_text("审核中")

    decide = page.locator("#decide")
    decide.locator("select[name=cause]").select_option("carrier")
    decide.locator("input[name=actual_loss_fen]").fill("120000")
    decide.locator("input[name=reason]").fill("照片显示运输中破损")
    decide.locator("button").click()
    expect(page.locator("#claim-state")).to_have_text("部分赔付")
    expect(page.locator("#approved")).to_have_text("¥800.00")
    # The basis: 120,000 × insured 200,000 ÷ declared 300,000.
    expect(page.locator("#basis .arithmetic")).to_contain_text("= 80,000")

    pay = page.locator("#pay")
    expect(pay.locator("input[name=amount_fen]")).to_have_value("80000")  # what remains
    pay.locator("select[name=channel]").select_option("wechat_pay")
    pay.locator("input[name=reference]").fill("WX-4200001234")
    pay.locator("button").click()
    expect(page.locator("#claim-state")).to_have_text("已赔付")
    expect(page.locator("#payouts")).to_contain_text("WX-4200001234")
    shot(page, "claim")

    seen = client.get(f"/v1/claims/{newer}", headers=citizen.headers).get_json()
    assert (seen["status"], seen["paid_fen"], seen["payout"]["channel"]) == (
        "paid",
        80_000,
        "wechat_pay",
    )
