"""The traffic-office clerk in a real browser: an incoming archive transfer with its seal,
a wrong seal refused and recorded, then receipt confirmed with the sender's seal."""

from __future__ import annotations

from tests.console.browsing import expect, log_in, shot, skip_without_browser
from tests.factories import id_number

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


def test_an_office_sends_a_sealed_archive_to_another_office(new_page, client, as_, gov):
    page = new_page()
    log_in(page, "clerk_office")  # lands on the office's transfers, the form on top
    form = page.locator("#send-transfer")
    form.get_by_label("档案编号").fill("442000-2026-000888")
    form.get_by_label("驾驶人", exact=True).fill("吴六")
    form.get_by_label("驾驶人身份证号").fill(id_number("44200019850505001"))
    form.get_by_label("封签号").fill("SEAL-000888")
    form.get_by_label("收件车管所").select_option(gov.organisations["office_b"])
    shot(page, "archive_send")
    form.get_by_role("button", name="寄出").click()
    expect(page.locator(".notice")).to_contain_text("已寄出")
    transfer_id = page.url.rsplit("/", 1)[1]
    seen = client.get(f"/v1/archive-transfers/{transfer_id}", headers=as_("clerk_office"))
    assert seen.get_json()["seal_no"] == "SEAL-000888"
    assert seen.get_json()["to_organisation_id"] == gov.organisations["office_b"]
