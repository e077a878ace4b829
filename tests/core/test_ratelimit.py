"""Rate limits count in Redis when it is configured, in the database otherwise, and let
requests through (logged) when their store is down."""

from __future__ import annotations

import re
import uuid

import pytest
import redis

from courier_api.core import ratelimit
from courier_api.core.errors import Problem
from tests.helpers import REDIS_URL, redis_up


@pytest.fixture
def limiter(app):
    """A request context with a 2-per-minute limit and a chosen store."""
    saved = (dict(app.config["RATE_LIMITS"]), app.config.get("REDIS_URL"))

    def use(redis_url: str | None):
        app.config["RATE_LIMITS"]["login_ip"] = "2/60"
        app.config["REDIS_URL"] = redis_url
        app.extensions.pop("courier_redis", None)
        return app.test_request_context("/")

    yield use
    app.config["RATE_LIMITS"].update(saved[0])
    app.config["REDIS_URL"] = saved[1]
    app.extensions.pop("courier_redis", None)


def _third_hit_is_refused(subject: str) -> Problem:
    ratelimit.hit("login_ip", subject)
    ratelimit.hit("login_ip", subject)
    with pytest.raises(Problem) as refused:
        ratelimit.hit("login_ip", subject)
    return refused.value


def test_database_store_counts(limiter):
    with limiter(None):
        problem = _third_hit_is_refused("10.0.0.1")
    assert problem.status == 429 and int(problem.headers["Retry-After"]) <= 60


@pytest.mark.skipif(not redis_up(), reason="Redis is not running on 127.0.0.1:6379")
def test_redis_store_counts(limiter):
    subject = f"client-{uuid.uuid4()}"
    with limiter(REDIS_URL):
        problem = _third_hit_is_refused(subject)
    assert problem.code == "rate_limited"
    keys = redis.Redis.from_url(REDIS_URL).keys("rl:login_ip:*")
    assert keys and all(subject.encode() not in k for k in keys)  # stored as a digest


def test_unreachable_store_fails_open(limiter, caplog):
    with limiter("redis://127.0.0.1:9/0"):
        for _ in range(5):
            ratelimit.hit("login_ip", "10.0.0.2")  # no 429: the limiter is down, not the API
    assert "rate limit store unavailable" in caplog.text


FIELD_ITEM = re.compile(r'^"(?P<name>[a-z_]+)";(?P<params>[a-z]=\d+(;[a-z]=\d+)*)$')


def _fields(value: str) -> dict[str, dict[str, int]]:
    """A structured-field list of `"name";k=v` items, parsed (anything else fails)."""
    parsed = {}
    for item in value.split(", "):
        match = FIELD_ITEM.match(item)
        assert match, f"not a structured-field item: {item!r}"
        params = dict(param.split("=") for param in match.group("params").split(";"))
        parsed[match.group("name")] = {k: int(v) for k, v in params.items()}
    return parsed


def test_answers_say_where_the_caller_stands_and_a_429_when_to_retry(app, client):
    saved = dict(app.config["RATE_LIMITS"])
    app.config["RATE_LIMITS"].update(login_ip="2/60", login_account="5/300")
    login = {"username": "nobody", "password": "wrong password"}
    address = {"REMOTE_ADDR": f"10.9.{uuid.uuid4().int % 250}.1"}
    try:
        answers = [
            client.post("/v1/auth/staff/login", json=login, environ_base=address) for _ in range(3)
        ]
    finally:
        app.config["RATE_LIMITS"] = saved
    first, _, refused = answers
    assert first.status_code == 401
    assert _fields(first.headers["RateLimit-Policy"]) == {
        "login_ip": {"q": 2, "w": 60},
        "login_account": {"q": 5, "w": 300},
    }
    assert _fields(first.headers["RateLimit"])["login_ip"]["r"] == 1
    assert refused.status_code == 429
    state = _fields(refused.headers["RateLimit"])["login_ip"]
    assert state["r"] == 0
    assert 1 <= int(refused.headers["Retry-After"]) == state["t"] <= 60
