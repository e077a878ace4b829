"""Both SDKs against a live server, and their generated parts against the spec.

The server is the one `make run` starts (gunicorn and a Celery worker with beat, SQLite,
the demo city), on a port it picks. Each SDK runs its smoke flows: WeChat login, quote,
pickup and read-back (a replayed Idempotency-Key answers the stored order); a signed kiosk
prescription order; a webhook received and verified. The TypeScript ones run when Node and
sdk/typescript/node_modules are there (`npm ci`), and must with CI=true.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from courier_sdk import (
    BearerToken,
    OrganisationSigner,
    ProblemError,
    connect,
    replayed,
    verify_webhook,
    with_idempotency_key,
)
from courier_sdk.generated.api.auth import login_with_wechat
from courier_sdk.generated.api.hospital import create_hospital_delivery, create_hospital_run
from courier_sdk.generated.api.pickups import create_pickup, create_quote, get_pickup
from courier_sdk.generated.api.webhooks import create_webhook_endpoint, delete_webhook_endpoint
from courier_sdk.generated.models import (
    DeliveryCreate,
    PickupFromQuote,
    QuoteRequest,
    RunRequest,
    WebhookEndpointInput,
    WebhookEndpointInputEventsItem,
    WeChatLogin,
)
from werkzeug import Request, Response

from courier_api.devserver import worker_command
from tests.test_ops_serving import Gunicorn, _environment

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TYPESCRIPT = ROOT / "sdk" / "typescript"
WEBHOOK_WAIT_S = 90  # the worker dispatches the outbox every 2 s and sends webhooks every 5 s
SENDER = {"name": "王小明", "phone": "13800138000", "address": "中山市孙文中路1号3栋502室"}
RECIPIENT = {"name": "李四", "phone": "13912345678", "address": "中山市博爱路88号2栋101室"}


# The live server runs on its own SQLite file whatever the suite's database: the PostgreSQL
# run of the suite would only repeat these tests.
sqlite_run_only = pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")), reason="the live server is on SQLite: run once"
)


@dataclass
class LiveServer:
    base_url: str
    kiosk: dict[str, str]  # key_id, secret of the demo hospital's kiosk


def _flask(*args: str, env: dict[str, str]) -> None:
    done = subprocess.run(
        [str(BIN / "flask"), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    directory = tmp_path_factory.mktemp("sdk-live")
    env = {**_environment(directory), "FLASK_APP": "courier_api", "LOG_LEVEL": "WARNING"}
    _flask("db", "upgrade", env=env)
    _flask("seed-demo", env=env)
    logins = json.loads((directory / "demo-credentials.json").read_text())["logins"]
    kiosk = next(login["fields"] for login in logins if login["kind"] == "api_client")
    with (directory / "worker.log").open("wb") as log:
        worker = subprocess.Popen(
            [*worker_command("WARNING"), "--pool", "solo"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Gunicorn(directory)
    try:
        yield LiveServer(f"http://127.0.0.1:{server.port}", kiosk)
    finally:
        server.stop()
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


@pytest.fixture
def connected() -> Iterator[Callable[..., Any]]:
    """`connect`, each client closed after the test: the server keeps connections alive."""
    made: list[Any] = []

    def make(*args: Any, **kwargs: Any) -> Any:
        made.append(connect(*args, **kwargs))
        return made[-1]

    yield make
    for client in made:
        client.get_httpx_client().close()


@sqlite_run_only
def test_python_wechat_login_quote_pickup_and_read_back(live, connected):
    api = connected(live.base_url)
    tokens = login_with_wechat.sync(client=api, body=WeChatLogin(code=f"demo-py-{uuid.uuid4()}"))
    citizen = connected(live.base_url, auth=BearerToken(tokens.access_token))
    quote = create_quote.sync(
        client=citizen,
        body=QuoteRequest.from_dict(
            {
                "product": "express",
                "weight_g": 800,
                "pickup": {**SENDER, "lat": 22.52, "lng": 113.38},
                "recipient": {**RECIPIENT, "lat": 22.52, "lng": 113.45},
            }
        ),
    )
    key = str(uuid.uuid4())

    def order(key: str):
        return create_pickup.sync_detailed(
            client=citizen, body=PickupFromQuote(quote_id=quote.id), idempotency_key=key
        )

    made = with_idempotency_key(order, key=key)
    again = with_idempotency_key(order, key=key)
    assert made.status_code == again.status_code == 201
    assert not replayed(made) and replayed(again)
    assert again.parsed.to_dict() == made.parsed.to_dict()
    read = get_pickup.sync(client=citizen, pickup_id=made.parsed.id)
    assert read.id == made.parsed.id
    assert [s.waybill for s in read.shipments] == [s.waybill for s in made.parsed.shipments]
    with pytest.raises(ProblemError) as stranger:
        get_pickup.sync(client=api, pickup_id=made.parsed.id)
    assert stranger.value.status == 401


@sqlite_run_only
def test_python_signed_kiosk_order_and_its_run_webhook_verified(live, httpserver, connected):
    received: list[tuple[str, bytes]] = []

    def receive(request: Request) -> Response:
        received.append((request.headers["X-Courier-Signature"], request.get_data()))
        return Response("ok")

    httpserver.expect_request("/hooks", method="POST").respond_with_handler(receive)
    kiosk = connected(
        live.base_url, auth=OrganisationSigner(live.kiosk["key_id"], live.kiosk["secret"])
    )
    endpoint = create_webhook_endpoint.sync(
        client=kiosk,
        body=WebhookEndpointInput(
            url=httpserver.url_for("/hooks"),
            events=[WebhookEndpointInputEventsItem.HOSPITAL_RUN_BUILT],
        ),
    )
    delivery = with_idempotency_key(
        lambda key: create_hospital_delivery.sync_detailed(
            client=kiosk,
            idempotency_key=key,
            body=DeliveryCreate.from_dict(
                {
                    "channel": "kiosk",
                    "reference_no": f"RX-PY-{uuid.uuid4().hex[:12]}",
                    "recipient": {**RECIPIENT, "lat": 22.52, "lng": 113.45},
                    "items": [{"name": "阿莫西林胶囊", "quantity": 2}],
                    "declared_value_fen": 8_000,
                }
            ),
        )
    )
    assert delivery.status_code == 201 and delivery.parsed.channel == "kiosk"
    try:
        with_idempotency_key(
            lambda key: create_hospital_run.sync(
                client=kiosk,
                idempotency_key=key,
                body=RunRequest(pickup_point_id=delivery.parsed.pickup_point_id),
            )
        )
    except ProblemError as error:
        # The worker's scheduled run may have taken the item first: its event comes all the same.
        assert error.code == "nothing_to_collect"
    deadline = time.monotonic() + WEBHOOK_WAIT_S
    while not received and time.monotonic() < deadline:
        time.sleep(0.25)
    assert received, f"no webhook arrived within {WEBHOOK_WAIT_S} s"
    signature, raw = received[0]
    assert verify_webhook(endpoint.secret, signature, raw)
    assert not verify_webhook(endpoint.secret, signature, raw + b" ")
    assert json.loads(raw)["type"] == "hospital_run.built"
    delete_webhook_endpoint.sync_detailed(client=kiosk, endpoint_id=endpoint.id)


def _typescript_ready() -> bool:
    """Node and the SDK's packages are there; with CI=true they must be."""
    ready = shutil.which("node") is not None and (TYPESCRIPT / "node_modules").is_dir()
    if not ready and os.environ.get("CI") == "true":
        pytest.fail("CI: Node and sdk/typescript/node_modules (npm ci) are needed")
    return ready


needs_typescript = pytest.mark.skipif(
    not _typescript_ready(), reason="Node or sdk/typescript/node_modules (npm ci) missing"
)


@sqlite_run_only
@needs_typescript
def test_typescript_type_checks_and_runs_its_flows_against_the_server(live):
    """`tsc --strict`, the vectors, the wx.request adapter, and test/live.test.ts here."""
    done = subprocess.run(
        ["npm", "test", "--silent"],
        cwd=TYPESCRIPT,
        env={
            **os.environ,
            "COURIER_SDK_LIVE": json.dumps({"base_url": live.base_url, "kiosk": live.kiosk}),
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-5000:]
    assert "# fail 0" in output and "# skipped 0" in output, output[-3000:]


def _same_tree(fresh: Path, committed: Path) -> list[str]:
    """Files that differ, or are only on one side (caches left out)."""
    compared = filecmp.dircmp(fresh, committed, ignore=["__pycache__"])
    differ: list[str] = []

    def walk(node: filecmp.dircmp, prefix: str) -> None:
        differ.extend(prefix + name for name in node.left_only + node.right_only + node.diff_files)
        for name, child in node.subdirs.items():
            walk(child, f"{prefix}{name}/")

    walk(compared, "")
    return differ


def _regenerate(which: str, into: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "sdk" / "generate.py"), "--only", which, "--into", str(into)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "which, generated",
    [
        ("python", "sdk/python/courier_sdk/generated"),
        pytest.param("typescript", "sdk/typescript/src/generated", marks=needs_typescript),
    ],
)
def test_the_committed_sdk_is_what_the_spec_generates(tmp_path, which, generated):
    _regenerate(which, tmp_path)
    stale = _same_tree(tmp_path / generated, ROOT / generated)
    assert not stale, f"{generated} is stale: run `make sdk` and commit it ({stale[:5]})"
