"""Organisation systems sign every request (DESIGN.md "API-client signing")."""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import redis
import sqlalchemy as sa

from courier_api import create_app
from courier_api.core import clock, replay
from courier_api.core.redis import get_redis
from courier_api.extensions import db
from courier_api.identity.models import ApiClient
from courier_api.signing import canonical_request, sign_request
from tests.factories import make_api_client, signed
from tests.helpers import REDIS_URL, assert_problem, redis_up

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


def test_a_non_hex_signature_is_401_not_500(client, app, world):
    with app.app_context():
        kiosk = make_api_client(world)
    response = signed(client, "GET", "/v1/stations", kiosk, extra_headers={"X-Signature": "é" * 64})
    assert_problem(response, 401, "invalid_signature")


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
def with_redis(app, monkeypatch):
    """Point the app at a Redis. Its nonce-store keys get a prefix of their own (other tests
    and other runs of the suite share that Redis) and are removed afterwards."""
    prefix = f"test-{uuid.uuid4().hex}:"
    monkeypatch.setattr(replay, "KEY_PREFIX", prefix)

    def use(url):
        app.config["REDIS_URL"] = url
        app.extensions.pop("courier_redis", None)
        return prefix

    yield use
    app.config["REDIS_URL"] = None
    app.extensions.pop("courier_redis", None)
    if redis_up():
        store = redis.Redis.from_url(REDIS_URL)
        for key in store.scan_iter(f"{prefix}*"):
            store.delete(key)
        store.close()


@dataclasses.dataclass
class NonceStore:
    redis: redis.Redis
    prefix: str

    @property
    def epoch_key(self) -> str:
        return f"{self.prefix}nonce-epoch"

    def up_since(self, at: float) -> None:
        self.redis.set(self.epoch_key, f"{at:.3f}")

    def lose_memory(self) -> None:
        """What a restart without persistence (or FLUSHDB) does to this store, limited to
        its own keys so nothing else on the shared Redis is disturbed."""
        for key in self.redis.scan_iter(f"{self.prefix}*"):
            self.redis.delete(key)

    def nonce_ttl(self, client_id: str, nonce: str) -> int:
        return self.redis.ttl(f"{self.prefix}nonce:{client_id}:{nonce}")


@pytest.fixture
def redis_nonces(with_redis):
    """The Redis nonce store, up (and remembering) for the last hour."""
    if not redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    store = NonceStore(redis.Redis.from_url(REDIS_URL), with_redis(REDIS_URL))
    store.up_since(clock.now().timestamp() - 3600)
    yield store
    store.redis.close()


def _client_id(app, key_id: str) -> str:
    with app.app_context():
        return db.session.scalar(sa.select(ApiClient.id).where(ApiClient.key_id == key_id))


def test_replay_is_refused_with_the_redis_store(client, kiosk, redis_nonces, app):
    nonce = uuid.uuid4().hex
    assert signed(client, "GET", "/v1/stations", kiosk, nonce=nonce).status_code == 200
    assert_problem(signed(client, "GET", "/v1/stations", kiosk, nonce=nonce), 401, "nonce_reused")
    assert 0 < redis_nonces.nonce_ttl(_client_id(app, kiosk[0]), nonce) <= 600


def test_a_redis_store_that_lost_its_memory_does_not_reopen_replay(
    client, kiosk, redis_nonces, app
):
    sent_at = datetime(2026, 3, 2, 8, 0, 0, 400000, tzinfo=UTC)
    clock.freeze(sent_at)
    redis_nonces.up_since(sent_at.timestamp() - 3600)
    nonce, at = uuid.uuid4().hex, int(sent_at.timestamp())
    assert (
        signed(client, "GET", "/v1/stations", kiosk, nonce=nonce, timestamp=at).status_code == 200
    )

    # Redis restarts empty 20 s later; the captured request is still inside the skew window.
    redis_nonces.lose_memory()
    back = sent_at + timedelta(seconds=20)
    clock.freeze(back)
    replayed = signed(client, "GET", "/v1/stations", kiosk, nonce=nonce, timestamp=at)
    assert_problem(replayed, 401, "nonce_store_restarted")
    assert replayed.get_json()["store_epoch"] == int(back.timestamp())
    # The refused request spent nothing, and the epoch is kept, not moved, by later use.
    assert redis_nonces.nonce_ttl(_client_id(app, kiosk[0]), nonce) == -2
    clock.freeze(back + timedelta(seconds=30))
    again = signed(client, "GET", "/v1/stations", kiosk, nonce=nonce, timestamp=at)
    assert_problem(again, 401, "nonce_store_restarted")
    assert again.get_json()["store_epoch"] == int(back.timestamp())

    # Signed in the epoch's own second: could have been seen before the loss, refused.
    same_second = int(back.timestamp())
    assert_problem(
        signed(client, "GET", "/v1/stations", kiosk, timestamp=same_second),
        401,
        "nonce_store_restarted",
    )
    # Re-signed with a fresh timestamp: accepted, and its nonce is remembered again.
    fresh = uuid.uuid4().hex
    after = same_second + 1
    response = signed(client, "GET", "/v1/stations", kiosk, nonce=fresh, timestamp=after)
    assert response.status_code == 200, response.get_json()
    assert_problem(
        signed(client, "GET", "/v1/stations", kiosk, nonce=fresh, timestamp=after),
        401,
        "nonce_reused",
    )


def test_clock_skew_is_unchanged_with_the_redis_store(client, kiosk, redis_nonces):
    now = int(clock.now().timestamp())
    # Held on the whole second: a second's fraction, plus the time the requests take,
    # would otherwise move the 301 s offsets back inside the 300 s window.
    clock.freeze(clock.from_timestamp(now))
    assert signed(client, "GET", "/v1/stations", kiosk, timestamp=now - 290).status_code == 200
    assert signed(client, "GET", "/v1/stations", kiosk, timestamp=now + 290).status_code == 200
    for offset in (-301, 301):
        assert_problem(
            signed(client, "GET", "/v1/stations", kiosk, timestamp=now + offset),
            401,
            "timestamp_out_of_range",
        )
    # Once the store has lost its memory, a slow clock is refused until it passes the
    # epoch; the skew check still comes first.
    redis_nonces.lose_memory()
    assert_problem(
        signed(client, "GET", "/v1/stations", kiosk, timestamp=now - 290),
        401,
        "nonce_store_restarted",
    )
    assert_problem(
        signed(client, "GET", "/v1/stations", kiosk, timestamp=now - 301),
        401,
        "timestamp_out_of_range",
    )
    assert signed(client, "GET", "/v1/stations", kiosk, timestamp=now + 290).status_code == 200


def test_a_redis_store_without_the_claim_script_loads_it(client, kiosk, redis_nonces, app):
    with app.app_context():
        store = get_redis()

    def unknown_script(*args):
        raise redis.exceptions.NoScriptError("NOSCRIPT No matching script.")

    evals = []

    def counted_eval(*args):
        evals.append(args[0])
        return redis.Redis.eval(store, *args)

    store.evalsha = unknown_script  # a restarted Redis has an empty script cache
    store.eval = counted_eval
    assert signed(client, "GET", "/v1/stations", kiosk).status_code == 200
    assert evals == [replay._CLAIM_LUA]


def test_the_database_store_keeps_no_epoch(client, kiosk):
    nonce, at = uuid.uuid4().hex, int(clock.now().timestamp()) - 200
    assert (
        signed(client, "GET", "/v1/stations", kiosk, nonce=nonce, timestamp=at).status_code == 200
    )
    assert_problem(
        signed(client, "GET", "/v1/stations", kiosk, nonce=nonce, timestamp=at),
        401,
        "nonce_reused",
    )


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
