"""Organisation systems sign every request (DESIGN.md "API-client signing")."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

import pytest
import redis
import sqlalchemy as sa

from courier_api import create_app
from courier_api.core import clock
from courier_api.extensions import db
from courier_api.identity.models import ApiClient
from courier_api.signing import canonical_request, sign_request
from tests.core.test_problems import assert_problem
from tests.core.test_ratelimit import REDIS_URL, _redis_up
from tests.factories import make_api_client, signed

VECTOR_BODY = '{"patient_name":"张三","phone":"13800138000"}'.encode()


def test_design_test_vector_byte_for_byte():
    assert hashlib.sha256(VECTOR_BODY).hexdigest() == (
        "e1411a0fcc95dc4491dad2f47fe36e3d5c4f3c24dab2e790608bb82828b14b5d"
    )
    canonical = canonical_request(
        "POST",
        "/v1/hospital/deliveries",
        "channel=kiosk&b=x y",
        1795400000,
        "4f9c2a7d1e8b3c6a",
        VECTOR_BODY,
    )
    assert canonical.split("\n")[:5] == [
        "POST",
        "/v1/hospital/deliveries",
        "b=x%20y&channel=kiosk",
        "1795400000",
        "4f9c2a7d1e8b3c6a",
    ]
    signature = sign_request(
        "kiosk-secret-demo",
        "POST",
        "/v1/hospital/deliveries",
        "channel=kiosk&b=x%20y",
        1795400000,
        "4f9c2a7d1e8b3c6a",
        VECTOR_BODY,
    )
    assert signature == "94ec5435317ddcb482ab1cccaec6d292a683e49a6c57a2df8840c3a05efeffe2"


@pytest.fixture
def kiosk(app, world):
    with app.app_context():
        return make_api_client(world)


def test_good_signature_reads_what_a_clerk_may_read(client, kiosk):
    response = signed(client, "GET", "/v1/stations?limit=5&region_id=", kiosk)
    assert response.status_code == 200, response.get_json()
    assert len(response.get_json()["items"]) == 2


def test_body_and_query_are_signed(client, kiosk):
    body = {"url": "https://hospital.example/hooks", "events": ["*"]}
    created = signed(client, "POST", "/v1/webhook-endpoints", kiosk, json_body=body)
    assert created.status_code == 201, created.get_json()
    # The same headers on another body: the signature no longer matches.
    response = signed(client, "GET", "/v1/stations?limit=5", kiosk)
    headers = {k: v for k, v in response.request.headers.items() if k.startswith("X-")}
    tampered = client.get("/v1/stations?limit=6", headers=headers)
    assert_problem(tampered, 401, "invalid_signature")


def test_bad_signature_is_refused(client, kiosk):
    wrong = (kiosk[0], "not-the-secret")
    assert_problem(signed(client, "GET", "/v1/stations", wrong), 401, "invalid_signature")


@pytest.mark.parametrize("offset", [-301, 301])
def test_stale_and_future_timestamps_are_refused(client, kiosk, offset):
    at = int(clock.now().timestamp()) + offset
    assert_problem(
        signed(client, "GET", "/v1/stations", kiosk, timestamp=at), 401, "timestamp_out_of_range"
    )


def test_within_the_skew_is_accepted(client, kiosk):
    at = int(clock.now().timestamp()) - 290
    assert signed(client, "GET", "/v1/stations", kiosk, timestamp=at).status_code == 200


def test_missing_signature_headers(client, kiosk):
    response = client.get("/v1/stations", headers={"X-Client-Key": kiosk[0]})
    assert_problem(response, 401, "signature_required")
    short_nonce = signed(client, "GET", "/v1/stations", kiosk, nonce="abc")
    assert_problem(short_nonce, 401, "invalid_nonce")


def test_replayed_nonce_is_refused_even_by_another_worker(
    client, kiosk, app, database_url, tmp_path
):
    nonce = uuid.uuid4().hex
    assert signed(client, "GET", "/v1/stations", kiosk, nonce=nonce).status_code == 200
    # A second app process on the same database: the nonce store is shared.
    other = create_app(
        {
            "COURIER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_DIR": str(tmp_path),
        }
    )
    replay = signed(other.test_client(), "GET", "/v1/stations", kiosk, nonce=nonce)
    with other.app_context():
        db.engine.dispose()  # the second "worker" closes its connections
    assert_problem(replay, 401, "nonce_reused")


@pytest.fixture
def with_redis(app):
    def use(url):
        app.config["REDIS_URL"] = url
        app.extensions.pop("courier_redis", None)

    yield use
    app.config["REDIS_URL"] = None
    app.extensions.pop("courier_redis", None)


@pytest.mark.skipif(not _redis_up(), reason="Redis is not running on 127.0.0.1:6379")
def test_replay_is_refused_with_the_redis_store(client, kiosk, with_redis, app):
    with_redis(REDIS_URL)
    nonce = uuid.uuid4().hex
    assert signed(client, "GET", "/v1/stations", kiosk, nonce=nonce).status_code == 200
    assert_problem(signed(client, "GET", "/v1/stations", kiosk, nonce=nonce), 401, "nonce_reused")
    with app.app_context():
        client_id = db.session.scalar(sa.select(ApiClient.id).where(ApiClient.key_id == kiosk[0]))
    assert redis.Redis.from_url(REDIS_URL).ttl(f"nonce:{client_id}:{nonce}") > 0


def test_nonce_store_down_fails_closed_with_503(client, kiosk, with_redis, as_):
    with_redis("redis://127.0.0.1:9/0")
    response = signed(client, "GET", "/v1/stations", kiosk)
    assert_problem(response, 503, "nonce_store_unavailable")
    # Bearer callers do not depend on the nonce store (and rate limits fail open).
    assert client.get("/v1/stations", headers=as_("admin")).status_code == 200


def test_revoked_key_is_refused(client, kiosk, app):
    from click.testing import CliRunner

    with app.app_context():
        result = CliRunner().invoke(app.cli, ["revoke-api-client", "--key", kiosk[0]])
    assert result.exit_code == 0, result.output
    assert_problem(signed(client, "GET", "/v1/stations", kiosk), 401, "invalid_client")


def test_rotation_keeps_the_old_secret_for_the_overlap(client, kiosk, app):
    from click.testing import CliRunner

    with app.app_context():
        result = CliRunner().invoke(
            app.cli, ["rotate-api-client-secret", "--key", kiosk[0], "--overlap-hours", "2"]
        )
    assert result.exit_code == 0, result.output
    new_secret = result.output.split(": ", 1)[1].split(" ")[0]
    rotated = (kiosk[0], new_secret)
    assert signed(client, "GET", "/v1/stations", kiosk).status_code == 200
    assert signed(client, "GET", "/v1/stations", rotated).status_code == 200
    clock.freeze(clock.now() + timedelta(hours=2, seconds=1))
    assert_problem(signed(client, "GET", "/v1/stations", kiosk), 401, "invalid_signature")
    assert signed(client, "GET", "/v1/stations", rotated).status_code == 200


def test_api_clients_cannot_use_staff_only_endpoints(client, kiosk):
    assert_problem(signed(client, "GET", "/v1/couriers", kiosk), 403, "forbidden")
