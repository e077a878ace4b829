"""Citizens log in from the WeChat mini-program: code -> jscode2session -> our session."""

from __future__ import annotations

import dataclasses

import httpx
import pytest
import sqlalchemy as sa

from courier_api import create_app
from courier_api.config import SECRET_SETTINGS, ConfigError
from courier_api.custody.keys import new_private_pem
from courier_api.extensions import db
from courier_api.identity.models import Citizen
from courier_api.integrations.wechat import HttpWeChat, WeChatSettings
from tests.helpers import assert_problem


def login(client, code: str):
    return client.post("/v1/auth/wechat/login", json={"code": code})


def test_fake_login_creates_one_citizen_per_wechat_user(client, world):
    first = login(client, "demo-alice")
    assert first.status_code == 200, first.get_json()
    body = first.get_json()
    assert body["principal"]["kind"] == "citizen"
    assert body["principal"]["role"] == "citizen"
    again = login(client, "demo-alice").get_json()
    assert again["principal"]["id"] == body["principal"]["id"]
    assert login(client, "demo-bob").get_json()["principal"]["id"] != body["principal"]["id"]
    refreshed = client.post("/v1/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert refreshed.status_code == 200
    assert refreshed.get_json()["principal"]["kind"] == "citizen"
    assert body["refresh_expires_in"] == 30 * 86400


def test_a_code_works_once(client, world):
    assert login(client, "wx-code-1").status_code == 200
    assert_problem(login(client, "wx-code-1"), 401, "wechat_code_invalid")


@pytest.mark.parametrize(
    ("errcode", "status", "code"),
    [
        (-1, 503, "wechat_busy"),
        (40029, 401, "wechat_code_invalid"),
        (45011, 429, "wechat_rate_limited"),
        (40226, 403, "wechat_user_blocked"),
        (40163, 424, "wechat_error"),
    ],
)
def test_wechat_errcodes_become_problems(client, world, errcode, status, code):
    response = login(client, f"errcode:{errcode}")
    assert_problem(response, status, code)
    if status in (503, 429):
        assert int(response.headers["Retry-After"]) > 0


@pytest.fixture
def real_wechat(app):
    """The real HTTP connector, answered by a recorded jscode2session payload."""
    calls: list[httpx.Request] = []

    def wechat(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(
            200,
            json={
                "openid": "oGZUI0egBJY1zhBYw2KhdUfwVJJE",
                "session_key": "tiihtNczf5v6AKRyjwEUhQ==",
                "unionid": "oZzTc5zBTrLq4qYCDMrDk1VU7Vac",
            },
        )

    saved = app.extensions["connectors"]
    settings = WeChatSettings(app_id="wx1234567890", app_secret="app-secret-value")
    connector = HttpWeChat(settings, httpx.Client(transport=httpx.MockTransport(wechat)))
    app.extensions["connectors"] = dataclasses.replace(saved, wechat=connector)
    yield calls
    app.extensions["connectors"] = saved


def test_real_connector_end_to_end_keeps_session_key_on_the_server(client, world, app, real_wechat):
    response = login(client, "081Kq4Ga1MSox41ufFGa1elhGa1Kq4GS")
    assert response.status_code == 200
    assert "tiihtNczf5v6AKRyjwEUhQ" not in response.get_data(as_text=True)
    query = real_wechat[0].url.params
    assert real_wechat[0].url.path == "/sns/jscode2session"
    assert query["js_code"] == "081Kq4Ga1MSox41ufFGa1elhGa1Kq4GS"
    assert query["grant_type"] == "authorization_code"
    with app.app_context():
        citizen = db.session.scalars(sa.select(Citizen)).one()
        assert citizen.unionid == "oZzTc5zBTrLq4qYCDMrDk1VU7Vac"


def test_wechat_login_is_rate_limited(client, world, app):
    limits = app.config["RATE_LIMITS"]
    saved = limits["wechat_login"]
    limits["wechat_login"] = "2/60"
    try:
        assert login(client, "demo-a").status_code == 200
        assert login(client, "demo-b").status_code == 200
        assert_problem(login(client, "demo-c"), 429, "rate_limited")
    finally:
        limits["wechat_login"] = saved


def test_citizens_cannot_use_back_office_endpoints(client, world):
    token = login(client, "demo-alice").get_json()["access_token"]
    response = client.get("/v1/couriers", headers={"Authorization": f"Bearer {token}"})
    assert_problem(response, 403, "forbidden")


def test_production_refuses_the_fake_wechat(monkeypatch, tmp_path):
    strong = "p" * 40
    for name in SECRET_SETTINGS:
        monkeypatch.setenv(name, strong)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.internal/courier")
    monkeypatch.setenv("API_PUBLIC_URL", "https://api.post.example.cn")
    monkeypatch.setenv("WECHAT_PROVIDER", "fake")
    monkeypatch.setenv("CUSTODY_SIGNING_KEY", new_private_pem())
    with pytest.raises(ConfigError, match="WECHAT_PROVIDER"):
        create_app({"COURIER_ENV": "production", "INSTANCE_DIR": str(tmp_path)})
