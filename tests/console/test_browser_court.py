"""The court clerk in a real browser: uploading a CSV batch (a bad row reported, the good
one served), following the job, and downloading a document's receipt PDF."""

from __future__ import annotations

from tests.console.browsing import expect, log_in, shot, skip_without_browser
from tests.helpers import pdf_text

skip_without_browser()


def test_a_court_clerk_uploads_a_batch_and_downloads_a_receipt(new_page, court_batch, serve):
    page = new_page()
    log_in(page, "clerk_court")  # lands on the court's jobs
    page.set_input_files("input[name=batch]", str(court_batch))
    page.locator("#upload button").click()
    expect(page.locator(".notice")).to_contain_text("1")
    expect(page.locator("#documents tbody tr")).to_have_count(1)
    expect(page.locator("#rejected tbody tr")).to_have_count(1)
    expect(page.locator("#rejected")).to_contain_text("phone")
    job_id = page.url.rsplit("/", 1)[-1]

    serve(job_id)
    page.reload()
    expect(page.locator("#documents .outcome")).to_have_text("已送达")
    shot(page, "court_job")
    waybill = page.locator("#documents code").inner_text()
    receipt = page.request.get(page.locator("#documents a.receipt").get_attribute("href"))
    assert receipt.status == 200 and receipt.headers["content-type"] == "application/pdf"
    text = pdf_text(receipt.body()).replace("\n", "")
    assert "送达回证" in text and waybill in text and "赵一" in text
