"""The console over HTTP (no browser): its session, CSRF, headers, scoping and escaping.
The browser tests (test_browser.py) drive the same screens in Chromium."""

from __future__ import annotations

import pytest

from tests import factories
from tests.helpers import (
    assert_problem,
    console_login,
    courier_on_shift,
    csrf_of,
    race,
    waiting_task,
)


def test_the_cookie_is_httponly_lax_and_scoped_to_the_console(console):
    client, _ = console("admin")
    cookie = client.get_cookie("courier_console", path="/console")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    # The JSON API never sets one.
    answer = client.get("/v1/products")
    assert "Set-Cookie" not in answer.headers


def test_production_marks_the_cookie_secure():
    from courier_api.config import load_config
    from courier_api.custody.keys import new_private_pem

    assert load_config({"COURIER_ENV": "testing"})["SESSION_COOKIE_SECURE"] is False
    secrets = {
        name: "p" * 40
        for name in ("SECRET_KEY", "TOKEN_KEY", "DATA_KEY", "HASH_KEY", "CUSTODY_KEY")
    }
    production = load_config(
        {
            "COURIER_ENV": "production",
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/courier",
            "API_PUBLIC_URL": "https://api.example.cn",
            "CUSTODY_SIGNING_KEY": new_private_pem(),
            **secrets,
        }
    )
    assert production["SESSION_COOKIE_SECURE"] is True


def test_every_page_has_a_strict_policy_and_no_inline_script(console):
    client, _ = console("admin")
    for path in ("/console/board", "/console/organisations", "/console/staff", "/console/login"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        policy = answer.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        html = answer.get_data(as_text=True)
        assert "<script>" not in html and " on" + "click=" not in html


def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(console, app, world):
    client, _ = console("admin")
    refused = client.post(
        "/console/organisations",
        data={"name": "Forged", "kind": "hospital", "region_id": world.region_id},
    )
    assert refused.status_code == 400
    wrong = client.post(
        "/console/organisations",
        data={
            "name": "Forged",
            "kind": "hospital",
            "region_id": world.region_id,
            "csrf_token": "x",
        },
    )
    assert wrong.status_code == 400
    assert "Forged" not in client.get("/console/organisations").get_data(as_text=True)
    # The JSON API takes no CSRF token: it has no cookie to forge.
    assert client.get("/v1/products").status_code == 200


def test_logout_ends_the_session_even_for_a_kept_cookie(console, client):
    client, token = console("admin")
    kept = client.get_cookie("courier_console", path="/console").value
    assert client.post("/console/logout", data={"csrf_token": token}).status_code == 302
    client.set_cookie("courier_console", kept, path="/console")
    answer = client.get("/console/board")
    assert answer.status_code == 302 and "/console/login" in answer.headers["Location"]


def test_ending_a_staff_members_sessions_logs_them_out_of_the_console_and_the_api(
    console, app, world, as_
):
    admin_browser = app.test_client()
    dispatcher, _ = console("dispatcher_a")
    api_headers = as_("dispatcher_a")
    token = console_login(admin_browser, "admin")
    staff_id = world.staff["dispatcher_a"]
    ended = admin_browser.post(
        f"/console/staff/{staff_id}/end-sessions", data={"csrf_token": token}
    )
    assert ended.status_code == 302
    assert dispatcher.get("/console/board").status_code == 302  # to the login form
    assert dispatcher.get("/v1/dispatch/board", headers=api_headers).status_code == 401


def test_another_stations_task_is_404_and_so_is_assigning_it(console, app, world):
    task_id = waiting_task(app, world, minutes=20)
    client, token = console("dispatcher_b")
    assert client.get(f"/console/tasks/{task_id}").status_code == 404
    posted = client.post(
        f"/console/tasks/{task_id}/assign",
        data={"csrf_token": token, "courier_id": world.couriers["courier_a"], "version": "1"},
    )
    assert posted.status_code == 404


def test_the_board_flags_an_at_risk_task_with_its_cause(console, app, world):
    task_id = waiting_task(app, world, minutes=20)
    client, _ = console("dispatcher_a")
    html = client.get("/console/board/live").get_data(as_text=True)
    row = html[html.index(f'data-task="{task_id}"') - 40 :]
    assert 'class="at-risk"' in row[:80]
    assert "15" in row[: row.index("</tr>")]


def test_assigning_with_a_stale_version_says_someone_else_got_there_first(console, app, world):
    task_id = waiting_task(app, world, minutes=20)
    courier_on_shift(app, world, "courier_a")
    client, token = console("dispatcher_a")
    page = client.get(f"/console/tasks/{task_id}").get_data(as_text=True)
    version = page.split('name="version" value="')[1].split('"')[0]
    courier = world.couriers["courier_a"]
    first = client.post(
        f"/console/tasks/{task_id}/assign",
        data={"csrf_token": token, "courier_id": courier, "version": version},
    )
    assert first.status_code == 302
    second = client.post(
        f"/console/tasks/{task_id}/assign",
        data={"csrf_token": token, "courier_id": courier, "version": version},
    )
    assert second.status_code == 409
    assert 'id="refusal"' in second.get_data(as_text=True)


def test_a_name_with_markup_is_shown_as_text(console, app, world):
    client, token = console("admin")
    probe = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
    made = client.post(
        "/console/organisations",
        data={"name": probe, "kind": "hospital", "region_id": world.region_id, "csrf_token": token},
    )
    assert made.status_code == 302
    html = client.get("/console/organisations").get_data(as_text=True)
    assert probe not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html


def test_the_login_rate_limit_applies(console, app, client, world):
    limits = app.config["RATE_LIMITS"]
    saved = limits["login_account"]
    limits["login_account"] = "2/300"
    try:
        token = csrf_of(client.get("/console/login").get_data(as_text=True))
        answers = [
            client.post(
                "/console/login",
                data={"username": "admin", "password": "wrong password", "csrf_token": token},
            ).status_code
            for _ in range(3)
        ]
    finally:
        limits["login_account"] = saved
    assert answers == [401, 401, 429]


def test_the_console_speaks_chinese_and_switches_to_english(console):
    client, token = console("admin")
    assert "调度看板" in client.get("/console/board").get_data(as_text=True)
    client.post("/console/language", data={"lang": "en", "csrf_token": token})
    assert "Dispatch board" in client.get("/console/board").get_data(as_text=True)


def test_a_page_outside_the_role_is_refused(console):
    client, _ = console("dispatcher_a")
    assert client.get("/console/staff").status_code == 403


def test_every_text_of_the_console_has_its_chinese_and_the_compiled_catalogue_is_current():
    """`make translations` keeps these in step (the .mo is committed: `make run` needs no
    build step)."""
    import gettext
    from pathlib import Path

    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg
    from babel.messages.pofile import read_po

    console = Path(__file__).resolve().parents[2] / "courier_api" / "console"
    with (console / "babel.cfg").open() as cfg:
        methods, options = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    used = {
        found[2] if isinstance(found[2], str) else found[2][0]
        for found in extract_from_dir(str(console), methods, options, keywords=keywords)
    }
    folder = console / "translations" / "zh_Hans_CN" / "LC_MESSAGES"
    with (folder / "messages.po").open("rb") as po:
        catalogue = {m.id: m.string for m in read_po(po) if m.id}
    assert used <= catalogue.keys(), sorted(used - catalogue.keys())
    assert all(catalogue[msgid] for msgid in used), "untranslated texts"
    with (folder / "messages.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert {msgid: compiled.gettext(msgid) for msgid in used} == {
        msgid: catalogue[msgid] for msgid in used
    }


@pytest.mark.postgres
def test_two_dispatchers_assigning_at_once_one_wins_the_other_is_told(app, world):
    task_id = waiting_task(app, world, minutes=20)
    courier_on_shift(app, world, "courier_a")
    browsers = [app.test_client(), app.test_client()]
    tokens = [console_login(browser, "dispatcher_a") for browser in browsers]
    page = browsers[0].get(f"/console/tasks/{task_id}").get_data(as_text=True)
    version = page.split('name="version" value="')[1].split('"')[0]

    def assign(n: int) -> int:
        form = {"csrf_token": tokens[n], "courier_id": world.couriers["courier_a"]}
        posted = browsers[n].post(
            f"/console/tasks/{task_id}/assign", data={**form, "version": version}
        )
        return posted.status_code

    assert sorted(race(2, assign)) == [302, 409]


def test_an_admin_rotates_and_revokes_an_api_client_and_its_requests_stop(
    console, app, client, world
):
    with app.app_context():
        key = factories.make_api_client(world)
    browser, token = console("admin")
    rotated = browser.post(f"/console/api-clients/{key[0]}/rotate", data={"csrf_token": token})
    assert rotated.status_code == 200
    new_secret = rotated.get_data(as_text=True).split('id="issued-value">')[1].split("<")[0]
    url = f"/v1/api-clients/{key[0]}"
    assert factories.signed(client, "GET", url, (key[0], new_secret)).status_code == 200
    revoked = browser.post(f"/console/api-clients/{key[0]}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 302
    refused = factories.signed(client, "GET", url, (key[0], new_secret))
    assert refused.status_code == 401


def test_a_dispatcher_releases_a_couriers_device_and_its_token_stops(console, client, as_, world):
    courier = as_("courier_a")
    browser, token = console("dispatcher_a")
    courier_id = world.couriers["courier_a"]
    released = browser.post(
        f"/console/couriers/{courier_id}/release-device",
        data={"csrf_token": token, "next": "https://elsewhere.example/"},
    )
    assert released.headers["Location"] == "/console/"  # never off the console
    assert_problem(client.get("/v1/courier/tasks", headers=courier), 401, "session_revoked")
    foreign = browser.post(
        f"/console/couriers/{world.couriers['courier_b']}/release-device",
        data={"csrf_token": token},
    )
    assert foreign.status_code == 404


def test_a_refused_form_shows_the_apis_messages_and_keeps_the_input(console, world):
    browser, token = console("admin")
    answer = browser.post(
        "/console/staff",
        data={
            "csrf_token": token,
            "username": "new.dispatcher",
            "name": "新调度员",
            "role": "dispatcher",
            "password": "long enough secret",
        },
    )
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert "station_ids" in html and 'value="new.dispatcher"' in html


def test_an_admin_edits_a_station_unless_someone_changed_it_first(console, world):
    browser, token = console("admin")
    station_id = world.stations["A"]
    page = browser.get(f"/console/stations/{station_id}").get_data(as_text=True)
    version = page.split('name="version" value="')[1].split('"')[0]
    form = {
        "csrf_token": token,
        "version": version,
        "name": "石岐揽投部",
        "address": "中山市孙文中路1号",
        "area_type": "urban",
        "cutoff_time": "16:30",
        "active": "1",
    }
    assert browser.post(f"/console/stations/{station_id}", data=form).status_code == 302
    stale = browser.post(f"/console/stations/{station_id}", data={**form, "name": "Old"})
    assert stale.status_code == 409
    shown = browser.get("/console/stations").get_data(as_text=True)
    assert "石岐揽投部" in shown and "16:30" in shown and "Old" not in shown


def test_an_admin_moves_a_dispatcher_to_another_station_and_their_login_ends(
    console, app, world, as_
):
    old_token = as_("dispatcher_a")
    browser, token = console("admin")
    staff_id = world.staff["dispatcher_a"]
    saved = browser.post(
        f"/console/staff/{staff_id}",
        data={"csrf_token": token, "role": "dispatcher", "station_ids": [world.stations["B"]]},
    )
    assert saved.status_code == 302
    assert_problem(browser.get("/v1/dispatch/board", headers=old_token), 401, "session_revoked")
    dispatcher = app.test_client()
    console_login(dispatcher, "dispatcher_a")
    task_id = waiting_task(app, world, minutes=1)  # at station A
    assert dispatcher.get(f"/console/tasks/{task_id}").status_code == 404
