"""The Python SDK (sdk/python) without a server: the brief's vectors, the signer against the
server's own verification, idempotent retries and typed problems (httpx.MockTransport)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from courier_sdk import (
    BearerToken,
    OrganisationSigner,
    ProblemError,
    canonical_query,
    connect,
    replayed,
    verify_webhook,
    webhook_signature,
    with_idempotency_key,
)
from courier_sdk.generated.api.pickups import get_pickup
from courier_sdk.signing import canonical_request, signature
from hypothesis import given, settings
from hypothesis import strategies as st

from courier_api import signing as server

SDK = Path(__file__).resolve().parent.parent / "sdk" / "python"
VECTOR_BODY = '{"patient_name":"张三","phone":"13800138000"}'.encode()


def test_the_signing_vector():
    canonical = canonical_request(
        method="POST",
        path="/v1/hospital/deliveries",
        query="channel=kiosk&b=x y",
        timestamp=1795400000,
        nonce="4f9c2a7d1e8b3c6a",
        body=VECTOR_BODY,
    )
    assert canonical == (
        "POST\n/v1/hospital/deliveries\nb=x%20y&channel=kiosk\n1795400000\n4f9c2a7d1e8b3c6a\n"
        "e1411a0fcc95dc4491dad2f47fe36e3d5c4f3c24dab2e790608bb82828b14b5d"
    )
    assert signature("kiosk-secret-demo", canonical) == (
        "94ec5435317ddcb482ab1cccaec6d292a683e49a6c57a2df8840c3a05efeffe2"
    )


def test_the_signer_signs_what_httpx_sends_as_the_server_checks_it():
    request = httpx.Request(
        "POST",
        "http://api.test/v1/hospital/deliveries",
        params={"channel": "kiosk", "b": "x y", "q": "it's (a)*!"},
        content=VECTOR_BODY,
    )
    headers = OrganisationSigner("ck_1", "kiosk-secret-demo").headers(
        request, timestamp=1795400000, nonce="4f9c2a7d1e8b3c6a"
    )
    expected = server.sign_request(
        "kiosk-secret-demo",
        "POST",
        "/v1/hospital/deliveries",
        request.url.query.decode(),
        1795400000,
        "4f9c2a7d1e8b3c6a",
        VECTOR_BODY,
    )
    assert headers["X-Signature"] == expected
    assert headers["X-Client-Key"] == "ck_1"


@settings(deadline=None)  # no timing on a shared machine
@given(st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8)), max_size=6))
def test_the_canonical_query_is_the_servers_for_any_pairs(pairs):
    assert canonical_query(pairs) == server.canonical_query(pairs)
    sent = str(httpx.QueryParams(pairs))
    assert canonical_query(sent) == server.canonical_query(sent)


def test_the_webhook_vector_and_what_must_not_verify():
    body = b'{"event":"shipment.delivered","waybill":"EA123456785CN"}'
    header = "t=1795400000,v1=7fb3856b1aa13533f167c9330510c064f3da9c894082ac2074eb61122210b018"
    assert webhook_signature("whsec-demo", 1795400000, body) == header
    assert verify_webhook("whsec-demo", header, body, now=1795400100)
    assert not verify_webhook("whsec-demo", header, body + b" ", now=1795400100)
    assert not verify_webhook("whsec-other", header, body, now=1795400100)
    assert not verify_webhook("whsec-demo", header, body, now=1795400000 + 301)
    assert not verify_webhook("whsec-demo", "v1=7fb3", body)


def _problem(status: int, code: str) -> httpx.Response:
    body = {"type": "about:blank", "title": code, "status": status, "code": code}
    return httpx.Response(
        status,
        content=json.dumps({**body, "detail": code, "request_id": "r-1"}),
        headers={"Content-Type": "application/problem+json"},
    )


def test_retries_keep_the_key_sign_anew_and_stop_at_the_answer():
    sent: list[httpx.Request] = []
    answers = [
        httpx.ConnectError("connection refused"),
        _problem(409, "idempotency_key_in_flight"),
        httpx.Response(201, json={"id": "pku_1"}, headers={"Idempotent-Replayed": "true"}),
    ]

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        outcome = answers.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    client = connect(
        "http://api.test",
        auth=OrganisationSigner("ck_1", "secret"),
        transport=httpx.MockTransport(answer),
    )
    http = client.get_httpx_client()
    made = with_idempotency_key(
        lambda key: http.post(
            "/v1/pickups", json={"quote_id": "quo_1"}, headers={"Idempotency-Key": key}
        ),
        sleep=lambda _: None,
    )
    assert made.json() == {"id": "pku_1"} and replayed(made)
    assert len({request.headers["Idempotency-Key"] for request in sent}) == 1
    assert len({request.headers["X-Nonce"] for request in sent}) == 3


def test_a_final_problem_is_raised_typed_and_not_retried():
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return _problem(404, "pickup_not_found")

    client = connect(
        "http://api.test", auth=BearerToken("tok"), transport=httpx.MockTransport(answer)
    )
    with pytest.raises(ProblemError) as raised:
        with_idempotency_key(lambda key: get_pickup.sync(client=client, pickup_id="pku_x"))
    assert (raised.value.status, raised.value.code, raised.value.request_id) == (
        404,
        "pickup_not_found",
        "r-1",
    )
    assert len(sent) == 1 and sent[0].headers["Authorization"] == "Bearer tok"


def test_a_page_that_is_no_problem_still_raises_one():
    client = connect(
        "http://api.test",
        transport=httpx.MockTransport(lambda _: httpx.Response(502, text="<h1>Bad gateway</h1>")),
    )
    with pytest.raises(ProblemError) as raised:
        get_pickup.sync(client=client, pickup_id="pku_x")
    assert (raised.value.status, raised.value.code) == (502, "unexpected_response")


def test_the_sdk_type_checks_strictly_generated_part_included(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "courier_sdk"],
        cwd=SDK,  # its pyproject.toml: strict, and the generator's two known slips
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:]
