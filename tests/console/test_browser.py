"""The console in a real browser: the dispatcher's and the admin's screens (browsing.py
says how the browser is run)."""

from __future__ import annotations

from tests import factories
from tests.console.browsing import expect, log_in, shot, skip_without_browser
from tests.helpers import courier_on_shift, waiting_task

XSS_PROBE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'

skip_without_browser()


def test_a_dispatcher_assigns_an_at_risk_task_and_the_courier_sees_the_offer(
    new_page, app, world, client, as_
):
    task_id = waiting_task(app, world, minutes=20)
    waiting_task(app, world, minutes=2)  # on time: not highlighted
    courier_on_shift(app, world, "courier_a")
    page = new_page()
    log_in(page, "dispatcher_a")
    row = page.locator(f"tr[data-task='{task_id}']")
    expect(row).to_have_class("at-risk")
    expect(row.locator(".causes")).to_contain_text("15")
    expect(page.locator("svg.map rect.task.at-risk")).to_have_count(1)
    expect(page.locator("svg.map circle.courier")).to_have_count(1)
    shot(page, "board")

    row.locator("a").click()
    page.select_option("select[name=courier_id]", world.couriers["courier_a"])
    page.click("#assign")
    expect(page.locator("#task-state")).to_have_text("已派单")
    shot(page, "task")

    offered = client.get("/v1/courier/tasks", headers=as_("courier_a")).get_json()["items"]
    assert [(t["id"], t["state"]) for t in offered] == [(task_id, "offered")]


def test_the_board_refreshes_itself_without_a_reload(new_page, app, world):
    page = new_page()
    log_in(page, "dispatcher_a")
    expect(page.locator("tr[data-task]")).to_have_count(0)
    page.evaluate("window.__same_document = true")
    task_id = waiting_task(app, world, minutes=30)
    expect(page.locator(f"tr[data-task='{task_id}']")).to_have_class("at-risk", timeout=20_000)
    assert page.evaluate("window.__same_document") is True


def test_an_admin_adds_a_hospital_its_pickup_point_and_a_client_that_signs(
    new_page, app, world, client
):
    page = new_page()
    log_in(page, "admin")
    page.goto("/console/organisations")
    form = page.locator("#new-organisation")
    form.locator("input[name=name]").fill("中山市人民医院")
    form.locator("select[name=kind]").select_option("hospital")
    form.locator("select[name=region_id]").select_option(world.region_id)
    form.locator("button").click()
    expect(page.locator("h1")).to_contain_text("中山市人民医院")

    point = page.locator("#new-point")
    point.locator("input[name=name]").fill("门诊药房")
    point.locator("select[name=kind]").select_option("pharmacy")
    point.locator("select[name=station_id]").select_option(world.stations["A"])
    point.locator("input[name=address]").fill("中山市孙文中路2号")
    point.locator("input[name=lat]").fill("22.52")
    point.locator("input[name=lng]").fill("113.38")
    point.locator("input[name=run_times]").fill("10:00, 15:30")
    point.locator("button").click()
    expect(page.locator("table").first).to_contain_text("门诊药房")

    page.locator("#new-client input[name=name]").fill("药房自助机 1")
    page.locator("#new-client button").click()
    key_id = page.locator("#issued-key").inner_text()
    secret = page.locator("#issued-value").inner_text()
    shot(page, "organisation")

    answer = factories.signed(client, "GET", f"/v1/api-clients/{key_id}", (key_id, secret))
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["name"] == "药房自助机 1"


def test_a_dispatcher_opening_another_stations_task_by_url_gets_404(new_page, app, world):
    task_id = waiting_task(app, world, minutes=5)
    page = new_page()
    log_in(page, "dispatcher_b")
    answer = page.goto(f"/console/tasks/{task_id}")
    assert answer.status == 404
    expect(page.locator("body")).not_to_contain_text(task_id)


def test_the_xss_probe_is_inert_and_a_form_without_its_csrf_token_is_refused(new_page, app, world):
    page = new_page()
    log_in(page, "admin")
    page.goto("/console/organisations")
    form = page.locator("#new-organisation")
    form.locator("input[name=name]").fill(XSS_PROBE)
    form.locator("select[name=kind]").select_option("hospital")
    form.locator("select[name=region_id]").select_option(world.region_id)
    form.locator("button").click()
    page.goto("/console/organisations")
    expect(page.locator("table")).to_contain_text(XSS_PROBE)  # shown as text
    assert page.evaluate("window.__xss") is None
    assert page.locator("main img").count() == 0
    shot(page, "organisations")

    forged = page.request.post(
        "/console/organisations",
        form={"name": "Forged", "kind": "hospital", "region_id": world.region_id},
    )
    assert forged.status == 400
    page.reload()
    expect(page.locator("table")).not_to_contain_text("Forged")


def test_logout_ends_the_session(new_page, world, base_url):
    page = new_page()
    log_in(page, "dispatcher_a")
    kept = page.context.cookies()
    assert [c["name"] for c in kept] == ["courier_console"]
    assert kept[0]["httpOnly"] and kept[0]["sameSite"] == "Lax"
    page.click("#logout")
    expect(page).to_have_url(f"{base_url}/console/login")
    shot(page, "login")

    replay = new_page()
    replay.context.add_cookies(kept)  # the cookie as it was before logging out
    replay.goto("/console/board")
    assert "/console/login" in replay.url
