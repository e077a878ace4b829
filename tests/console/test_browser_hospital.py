"""The hospital clerk's screens in a real browser: countersigning a run after checking its
manifest, marking a birth certificate ready, and another hospital's run answering 404."""

from __future__ import annotations

from tests.console.browsing import expect, log_in, shot, skip_without_browser
from tests.factories import PATIENT, order_body
from tests.helpers import login_citizen, pdf_text

skip_without_browser()


def _sign(page) -> None:
    """Draw a signature on the pad with the mouse."""
    pad = page.locator("canvas.signature").bounding_box()
    page.mouse.move(pad["x"] + 30, pad["y"] + 100)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(pad["x"] + 30 + step * 25, pad["y"] + 100 - (step % 3) * 30)
    page.mouse.up()


def test_a_hospital_clerk_countersigns_a_run_and_marks_a_certificate_ready(
    new_page, client, as_, run_to_countersign, certificate_applied
):
    page = new_page()
    log_in(page, "clerk_hospital")  # lands on today's orders
    page.get_by_role("link", name="交接批次").click()
    row = page.locator(f"tr[data-run='{run_to_countersign}']")
    expect(row).to_contain_text("等待您会签")
    row.locator("a").click()
    manifest = page.locator("#manifest tbody tr")
    expect(manifest).to_have_count(2)
    expect(page.locator("#manifest tr.late")).to_contain_text("缺失")  # the one not scanned
    expect(page.locator("#manifest")).to_contain_text("张三")  # the hospital's own patients

    page.locator("#countersign button:not([type=button])").click()  # nothing drawn yet
    expect(page.locator("ul.errors")).to_contain_text("请先在框内签名")
    _sign(page)
    shot(page, "run")
    page.locator("#countersign button:not([type=button])").click()
    expect(page.locator("#run-signatures")).to_contain_text("已会签")
    run = client.get(
        f"/v1/hospital/runs/{run_to_countersign}", headers=as_("clerk_hospital")
    ).get_json()
    assert run["clerk_signed_at"] and run["clerk_signature_sha256"]

    page.get_by_role("link", name="出生证明").click()
    application = page.locator(f"tr[data-application='{certificate_applied}']")
    application.locator("input[name=certificate_no]").fill("Q440012345")
    application.locator("form.ready button").click()
    expect(page.locator(".notice")).to_contain_text("已标记为可领取")
    expect(page.locator(f"tr[data-application='{certificate_applied}']")).to_contain_text(
        "可领取 · Q440012345"
    )
    shot(page, "birth_certificates")
    seen = client.get(
        f"/v1/birth-certificates/{certificate_applied}", headers=as_("clerk_hospital")
    ).get_json()
    assert (seen["state"], seen["certificate_no"]) == ("ready", "Q440012345")


def test_a_clerk_of_another_hospital_opening_a_run_by_url_gets_404(
    new_page, run_to_countersign, other_hospital_clerk
):
    page = new_page()
    log_in(page, other_hospital_clerk)
    answer = page.goto(f"/console/runs/{run_to_countersign}")
    assert answer.status == 404
    expect(page.locator("body")).not_to_contain_text(run_to_countersign)


def test_a_hospital_clerk_sees_the_days_orders_by_channel_confirms_wechat_and_prints_a_slip(
    new_page, client, world, as_, kiosk
):
    kiosk(order_body("RX-KIOSK"))
    patient = login_citizen(client, "demo-patient")
    wechat = client.post(
        "/v1/hospital/deliveries",
        json=order_body(channel="wechat", hospital_id=world.organisations["hospital"]),
        headers={**patient, "Idempotency-Key": "console-wx"},
    ).get_json()
    page = new_page()
    log_in(page, "clerk_hospital")
    page.get_by_role("link", name="订单").click()
    expect(page.locator("#channel-kiosk tbody tr")).to_have_count(1)
    waiting = page.locator(f"#channel-wechat tr[data-order='{wechat['id']}']")
    expect(waiting.locator(".status")).to_have_text("等待您确认")
    shot(page, "hospital_orders")
    waiting.locator("button.confirm").click()
    expect(page.locator(f"tr[data-order='{wechat['id']}'] .status")).not_to_have_text("等待您确认")
    assert (
        client.get(
            f"/v1/hospital/deliveries/{wechat['id']}", headers=as_("clerk_hospital")
        ).get_json()["status"]
        != "awaiting_confirmation"
    )

    slip = page.request.get(
        page.locator(f"tr[data-order='{wechat['id']}'] a.slip").get_attribute("href")
    )
    assert slip.status == 200 and slip.headers["content-type"] == "application/pdf"
    assert wechat["waybill"] in pdf_text(slip.body())


def test_a_clerk_scans_a_patients_code_at_the_pharmacy_window_and_hands_over(
    new_page, client, world, as_, hospitals
):
    patient = login_citizen(client, "demo-window-browser")
    code = client.post(
        "/v1/citizen/window-token", json={"recipient": PATIENT}, headers=patient
    ).get_json()["token"]
    page = new_page()
    log_in(page, "clerk_hospital")
    page.get_by_role("link", name="订单").click()
    window = page.locator("#window-scan")
    window.get_by_label("患者寄药码").fill(code)  # a scanner types the code into the box
    window.get_by_label("处方号").fill("RX-WINDOW")
    window.get_by_label("药品 1").fill("阿莫西林胶囊")
    window.get_by_label("数量 1").fill("2")
    window.get_by_label("药品 2").fill("胰岛素注射液")
    window.get_by_label("数量 2").fill("1")
    window.get_by_label("冷链 2").check()
    window.get_by_role("button", name="交寄").click()
    expect(page.locator(".notice")).to_contain_text("已交寄")
    expect(page.locator("#channel-window tbody tr")).to_have_count(1)
    expect(page.locator("#channel-window tbody")).to_contain_text("RX-WINDOW")
    shot(page, "window_scan")
    [made] = client.get("/v1/hospital/deliveries", headers=as_("clerk_hospital")).get_json()[
        "items"
    ]
    assert made["recipient"]["name"] == PATIENT["name"] and made["cold_chain"] is True
