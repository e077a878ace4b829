"""Customer service in a real browser: complaints oldest first with the 7-day deadline,
the overdue one flagged, and answering one."""

from __future__ import annotations

from tests.console.browsing import expect, log_in, shot, skip_without_browser

skip_without_browser()


def test_customer_service_answers_a_complaint(new_page, client, complaints_waiting):
    overdue, fresh = complaints_waiting
    page = new_page()
    log_in(page, "service")  # lands on the open complaints
    rows = page.locator("#complaints tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_attribute("data-complaint", overdue)  # oldest first
    expect(rows.nth(0)).to_have_class("late")
    expect(rows.nth(0).locator(".days-left")).to_have_text("已超期")
    expect(rows.nth(1).locator(".days-left")).to_have_text("7")
    shot(page, "complaints")

    rows.nth(1).locator("a").click()
    page.locator("#answer-form textarea").fill("经核实快递员未按约上门，已致歉并调整排班。")
    page.locator("#answer-form button").click()
    expect(page.locator("#complaint-state")).to_have_text("已答复")
    expect(page.locator("#answer")).to_contain_text("已致歉")
    shot(page, "complaint")
    page.get_by_role("link", name="← 投诉").click()
    page.get_by_role("link", name="已答复").click()
    expect(page.locator(f"tr[data-complaint='{fresh}']")).to_be_visible()
