"""The application factory, configuration and operations endpoints."""

from __future__ import annotations

import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from flask import Flask

from courier_api.config import SECRET_SETTINGS, ConfigError, kept_once, load_config
from courier_api.core import clock
from courier_api.core.blueprint import Blueprint
from courier_api.core.security import check_every_endpoint_has_a_rule
from courier_api.custody.keys import new_private_pem
from tests.factories import PASSWORD, signed

STRONG = "s" * 40
SIGNING_KEY = new_private_pem()


def _production(**overrides):
    secrets = {name: STRONG for name in SECRET_SETTINGS} | {"CUSTODY_SIGNING_KEY": SIGNING_KEY}
    public = {"API_PUBLIC_URL": "https://api.post.example.cn"}
    return load_config({"COURIER_ENV": "production", **secrets, **public, **overrides})


@pytest.mark.parametrize("name", SECRET_SETTINGS)
def test_production_refuses_default_or_missing_secrets(monkeypatch, name):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.internal/courier")
    monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError, match=f"{name} is not set"):
        _production(**{name: None})
    with pytest.raises(ConfigError, match=f"{name} is a default or too short"):
        _production(**{name: "short"})
    assert _production()[name] == STRONG


def test_production_refuses_sqlite(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        _production()


def test_production_refuses_the_placeholder_public_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.internal/courier")
    monkeypatch.delenv("API_PUBLIC_URL", raising=False)
    for unset in (None, "", "https://api.courier.example"):  # the contract's placeholder
        with pytest.raises(ConfigError, match="API_PUBLIC_URL"):
            _production(API_PUBLIC_URL=unset)
    assert _production()["API_PUBLIC_URL"] == "https://api.post.example.cn"


def test_an_unknown_business_time_zone_stops_the_app(monkeypatch):
    monkeypatch.setenv("BUSINESS_TIMEZONE", "Asia/Shangai")  # a typo
    with pytest.raises(ConfigError, match="BUSINESS_TIMEZONE 'Asia/Shangai'"):
        load_config({"COURIER_ENV": "testing"})


@pytest.mark.parametrize(("given", "prepared"), [(None, True), ("off", False), ("On", True)])
def test_prepared_statements_are_on_unless_turned_off(monkeypatch, given, prepared):
    if given is not None:
        monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", given)
    assert load_config({"COURIER_ENV": "testing"})["DATABASE_PREPARED_STATEMENTS"] is prepared


def test_a_prepared_statements_setting_neither_on_nor_off_stops_the_app(monkeypatch):
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "sometimes")
    with pytest.raises(ConfigError, match="DATABASE_PREPARED_STATEMENTS must be on or off"):
        load_config({"COURIER_ENV": "testing"})


def test_the_business_time_zone_is_the_configured_one(app):
    with app.app_context():
        assert clock.business_zone() == ZoneInfo("Asia/Shanghai")
        app.config["BUSINESS_TIMEZONE"] = "Asia/Urumqi"
        try:
            assert clock.business_zone() == ZoneInfo("Asia/Urumqi")
        finally:
            app.config["BUSINESS_TIMEZONE"] = "Asia/Shanghai"


def test_development_secrets_are_generated_once_and_shared(tmp_path, monkeypatch):
    monkeypatch.setenv("COURIER_INSTANCE_DIR", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("TOKEN_KEY", raising=False)
    first = load_config({"COURIER_ENV": "development"})
    second = load_config({"COURIER_ENV": "development"})
    assert first["TOKEN_KEY"] == second["TOKEN_KEY"]
    assert len(first["TOKEN_KEY"]) >= 32
    assert (tmp_path / "dev-secrets.json").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("round_", range(5))  # a race: lost by the old code 9 times in 10
def test_workers_starting_at_once_all_read_the_one_file_written_first(tmp_path, round_):
    # gunicorn's workers boot together and each makes the development secrets and the
    # custody key if missing: every one must read the same whole file, never a half.
    path = tmp_path / "custody-signing-key.pem"
    contents = [f"worker {n} ".encode() * 4000 for n in range(16)]
    start = threading.Barrier(len(contents))

    def boot(fresh: bytes) -> bytes:
        start.wait()
        return kept_once(path, fresh)

    with ThreadPoolExecutor(len(contents)) as pool:
        read = list(pool.map(boot, contents))
    assert len(set(read)) == 1 and read[0] in contents
    assert path.read_bytes() == read[0] and path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no drafts left behind


def test_an_endpoint_without_an_auth_rule_stops_the_app():
    app = Flask("rule-check")
    blp = Blueprint("naked", __name__)

    @blp.get("/naked")
    def naked():
        return "no rule"

    app.register_blueprint(blp)
    with pytest.raises(RuntimeError, match="GET /naked"):
        check_every_endpoint_has_a_rule(app, frozenset())


def test_metrics_count_requests_by_route(client, world):
    client.get(f"/v1/stations/{world.stations['A']}")
    client.get("/v1/stations/stn_other")
    text = client.get("/metrics").get_data(as_text=True)
    assert 'route="/v1/stations/<station_id>"' in text
    assert "courier_http_request_duration_seconds_bucket" in text
    assert world.stations["A"] not in text  # ids never become label values


def test_logs_carry_no_secrets_or_personal_data(client, world, caplog):
    caplog.set_level(logging.DEBUG)
    response = client.post(
        "/v1/auth/courier/login",
        json={"employee_no": "E0001", "password": PASSWORD, "device_id": "d-1"},
    )
    tokens = response.get_json()
    client.get("/v1/couriers", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    client.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    logged = "\n".join(
        record.getMessage() + json.dumps(record.__dict__, default=str) for record in caplog.records
    )
    routes = [getattr(r, "route", None) for r in caplog.records if r.name == "courier_api.access"]
    assert routes == ["/v1/auth/courier/login", "/v1/couriers", "/v1/auth/refresh"]
    for secret in (PASSWORD, tokens["access_token"], tokens["refresh_token"], "13900000000"):
        assert secret not in logged


def test_readiness_and_liveness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"]["database"] == "ok"


def test_cli_creates_people_and_prints_their_secret_once(app, world):
    runner = CliRunner()
    with app.app_context():
        result = runner.invoke(
            app.cli,
            [
                "create-courier",
                "--employee-no",
                "C7777",
                "--name",
                "Li",
                "--phone",
                "13800000001",
                "--station",
                "ST-A",
            ],
        )
    assert result.exit_code == 0, result.output
    password = result.output.strip().rsplit(": ", 1)[1]
    client = app.test_client()
    login = client.post(
        "/v1/auth/courier/login",
        json={"employee_no": "C7777", "password": password, "device_id": "x"},
    )
    assert login.status_code == 200
    with app.app_context():
        staff = runner.invoke(
            app.cli,
            [
                "create-staff",
                "--username",
                "disp2",
                "--name",
                "D",
                "--role",
                "dispatcher",
                "--scope",
                "ST-A,ST-B",
            ],
        )
        bad = runner.invoke(
            app.cli, ["create-staff", "--username", "c", "--name", "C", "--role", "org_clerk"]
        )
    assert staff.exit_code == 0, staff.output
    assert bad.exit_code != 0
    staff_password = staff.output.strip().rsplit(": ", 1)[1]
    body = client.post(
        "/v1/auth/staff/login", json={"username": "disp2", "password": staff_password}
    ).get_json()
    assert sorted(body["principal"]["station_ids"]) == sorted(world.stations.values())


def test_seed_demo_then_every_printed_login_works(app, tmp_path):
    runner = CliRunner()
    app.config["INSTANCE_DIR"] = str(tmp_path)
    with app.app_context():
        result = runner.invoke(app.cli, ["seed-demo"])
        again = runner.invoke(app.cli, ["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "already present" in again.output
    logins = json.loads((tmp_path / "demo-credentials.json").read_text())["logins"]
    assert {entry["kind"] for entry in logins} == {"courier", "staff", "api_client", "citizen"}
    client = app.test_client()
    for entry in logins:
        fields = entry["fields"]
        assert " ".join(f"{k}={v}" for k, v in fields.items()) in entry["how"]
        if entry["kind"] == "api_client":
            response = signed(client, "GET", "/v1/stations", (fields["key_id"], fields["secret"]))
        else:
            response = client.post(
                f"/v1/auth/{entry['kind']}/login".replace("citizen", "wechat"), json=fields
            )
        assert response.status_code == 200, (entry["who"], response.get_json())
        if entry["who"].startswith("staff admin"):
            token = response.get_json()["access_token"]
    stations = client.get("/v1/stations", headers={"Authorization": f"Bearer {token}"})
    assert [s["area_type"] for s in stations.get_json()["items"]] == ["urban", "fringe", "township"]
