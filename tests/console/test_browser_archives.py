"""The traffic-office clerk in a real browser: an incoming archive transfer with its seal,
a wrong seal refused and recorded, then receipt confirmed with the sender's seal."""

from __future__ import annotations

from tests.console.browsing import expect, log_in, shot, skip_without_browser

skip_without_browser()


def test_a_receiving_office_confirms_an_archive_with_its_seal(
    new_page, client, as_, archive_out_for_delivery
):
    page = new_page()
    log_in(page, "clerk_office_b")  # lands on the office's transfers
    row = page.locator(f"tr[data-transfer='{archive_out_for_delivery}']")
    expect(row).to_contain_text("SEAL-000123")
    expect(row).to_contain_text("派送中")
    row.locator("a").click()

    page.locator("#confirm input[name=seal_no]").fill("SEAL-999999")
    page.locator("#confirm button").click()
    expect(page.locator("ul.errors")).to_be_visible()
    expect(page.locator("#custody tr.seal_mismatch")).to_contain_text("封签不符")  # recorded
    page.locator("#confirm input[name=seal_no]").fill("SEAL-000123")
    page.locator("#confirm button").click()
    expect(page.locator("#transfer-state")).to_contain_text("已签收")
    shot(page, "archive_transfer")
    seen = client.get(
        f"/v1/archive-transfers/{archive_out_for_delivery}", headers=as_("clerk_office")
    ).get_json()
    assert seen["state"] == "delivered" and seen["received_at"]
