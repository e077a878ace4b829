"""HttpVirtualNumbers against a mocked provider, and FakeVirtualNumbers."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from courier_api.core import clock
from courier_api.core.errors import Problem
from courier_api.integrations.virtual_numbers import (
    FakeVirtualNumbers,
    HttpVirtualNumbers,
    VirtualNumber,
    VirtualNumberSettings,
)
from tests.helpers import Handler, mock_http

NOW = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
SETTINGS = VirtualNumberSettings(
    api_url="https://axb.example.cn/v2/bindings", api_key="vk_9f8e7d", timeout_s=4
)
COURIER, CUSTOMER = "13900139000", "13800138000"


@pytest.fixture(autouse=True)
def _frozen() -> None:
    clock.freeze(NOW)  # released by the package conftest


def provider(handler: Handler) -> HttpVirtualNumbers:
    return HttpVirtualNumbers(SETTINGS, http=mock_http(handler))


def test_binds_through_the_provider() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            json={
                "binding_id": "b_81c2",
                "number": "17012345678",
                "expires_at": "2026-03-04T05:16:07Z",
            },
        )

    number = provider(handler).bind(COURIER, CUSTOMER, 1800)

    assert number == VirtualNumber("17012345678", NOW + timedelta(minutes=10))
    (request,) = seen
    assert request.method == "POST" and str(request.url) == SETTINGS.api_url
    assert request.headers["Authorization"] == "Bearer vk_9f8e7d"
    assert json.loads(request.content) == {"caller": COURIER, "callee": CUSTOMER, "ttl_s": 1800}
    assert request.extensions["timeout"]["read"] == 4


def test_expiry_defaults_to_the_ttl_and_never_exceeds_it() -> None:
    without = provider(lambda r: httpx.Response(200, json={"number": "17012345678"}))
    assert without.bind(COURIER, CUSTOMER, 600).expires_at == NOW + timedelta(seconds=600)
    longer = provider(
        lambda r: httpx.Response(
            200, json={"number": "17012345678", "expires_at": "2026-03-05T00:00:00+08:00"}
        )
    )
    assert longer.bind(COURIER, CUSTOMER, 600).expires_at == NOW + timedelta(seconds=600)


def _timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("timed out")


@pytest.mark.parametrize(
    "handler",
    [
        _timeout,
        lambda r: httpx.Response(503, text="Service Unavailable"),
        lambda r: httpx.Response(400, json={"error": "number pool exhausted"}),
        lambda r: httpx.Response(200, text="<html>"),
        lambda r: httpx.Response(200, json={"error": "ok but no number"}),
        lambda r: httpx.Response(200, json={"number": "170", "expires_at": "tomorrow"}),
        lambda r: httpx.Response(200, json={"number": "170", "expires_at": "2026-03-04T06:00:00"}),
    ],
)
def test_failures_are_424_upstream_unavailable(handler: Handler) -> None:
    with pytest.raises(Problem) as caught:
        provider(handler).bind(COURIER, CUSTOMER, 600)
    assert (caught.value.status, caught.value.code) == (424, "upstream_unavailable")


def test_the_fake_is_deterministic_and_records_bindings() -> None:
    fake = FakeVirtualNumbers()
    first = fake.bind(COURIER, CUSTOMER, 900)
    again = FakeVirtualNumbers().bind(COURIER, CUSTOMER, 900)

    assert re.fullmatch(r"170\d{8}", first.number)
    assert first == again
    assert first.expires_at == NOW + timedelta(seconds=900)
    assert fake.bind(CUSTOMER, COURIER, 900).number != first.number
    assert [(b.caller, b.callee) for b in fake.bindings] == [
        (COURIER, CUSTOMER),
        (CUSTOMER, COURIER),
    ]


@pytest.mark.parametrize(("caller", "callee", "ttl"), [("", CUSTOMER, 60), (COURIER, "x", 0)])
def test_bad_arguments_are_refused(caller: str, callee: str, ttl: int) -> None:
    with pytest.raises(ValueError):
        FakeVirtualNumbers().bind(caller, callee, ttl)
