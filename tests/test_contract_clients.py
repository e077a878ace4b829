"""Clients generated from the committed contract work as integrators run them (#27): no
flags beyond the defaults, no hand edits.

- Python: `openapi-python-client` writes a client into a temporary folder, and real flows
  run through it over HTTP against the app served on 127.0.0.1.
- TypeScript: `openapi-typescript` types a small program (tests/contract_client.ts) that
  `tsc --strict` compiles with its default options; with Node absent it is skipped, except
  under CI=true, where a missing tool fails the run.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from flask import Flask
from PIL import Image

from courier_api.core import clock
from tests import factories
from tests.helpers import at_local, served_in_thread

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "openapi" / "openapi.json"
NODE_TOOLS = ROOT / ".ci" / "node" / "node_modules" / ".bin"
TS_PROGRAM = Path(__file__).parent / "contract_client.ts"
BIN = Path(sys.executable).parent

#: What the Python generator cannot express, and says so: it has no type for a CSV body or
#: a body or answer of a media type other than JSON and octet-stream (the blob upload keeps
#: its octet-stream variant; a PDF answer is read from `Response.content`). Anything else it
#: warns about is a defect of the contract.
KNOWN_GAPS = re.compile(
    r"Unsupported content type (text/csv|application/pdf|image/jpeg|image/png)"
    r"|Cannot parse response for status code .* \(Unsupported content_type application/pdf\)"
)


@pytest.fixture(scope="module")
def courier_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The package openapi-python-client generates from the committed contract."""
    out = tmp_path_factory.mktemp("generated")
    generated = subprocess.run(
        [
            *(BIN / "openapi-python-client", "generate", "--path", SPEC, "--meta", "none"),
            *("--output-path", out / "courier_client"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},  # its ruff
        timeout=300,
        check=False,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    warned = [
        line
        for line in generated.stdout.splitlines()
        if line.startswith(("Unsupported", "Cannot parse", "Unable", "Invalid"))
    ]
    assert [line for line in warned if not KNOWN_GAPS.search(line)] == []
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module("courier_client")
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n.partition(".")[0] == "courier_client"]:
            del sys.modules[name]


@pytest.fixture
def served(app: Flask) -> Iterator[str]:
    with served_in_thread(app) as address:
        yield address


def _api(courier_client: ModuleType, module: str) -> ModuleType:
    return importlib.import_module(f"courier_client.api.{module}")


def _model(courier_client: ModuleType, name: str) -> type:
    return getattr(importlib.import_module("courier_client.models"), name)


def test_a_citizen_quotes_orders_and_reads_back_a_pickup(courier_client, served, world):
    clock.freeze(at_local(10, 0))  # stations open, the promise within the day
    models = importlib.import_module("courier_client.models")
    anonymous = courier_client.Client(base_url=served, raise_on_unexpected_status=True)
    login = _api(courier_client, "auth.login_with_wechat")
    tokens = login.sync(client=anonymous, body=models.WeChatLogin(code="demo-sender"))
    assert isinstance(tokens, models.Tokens), tokens
    citizen = courier_client.AuthenticatedClient(
        base_url=served, token=tokens.access_token, raise_on_unexpected_status=True
    )

    quote = _api(courier_client, "pickups.create_quote").sync(
        client=citizen,
        body=models.QuoteRequest.from_dict(
            {
                "product": "express",
                "pickup": factories.PICKUP,
                "recipient": factories.RECIPIENT,
                "weight_g": 2500,
            }
        ),
    )
    assert isinstance(quote, models.Quote), quote

    ordered = _api(courier_client, "pickups.create_pickup").sync(
        client=citizen,
        body=models.PickupFromQuote(quote_id=quote.id),
        idempotency_key="client-order-1",
    )
    assert isinstance(ordered, models.Pickup), ordered
    read = _api(courier_client, "pickups.get_pickup").sync(ordered.id, client=citizen)
    assert isinstance(read, models.Pickup), read
    assert (read.id, read.state, read.total_fee_fen) == (
        ordered.id,
        "open",
        quote.total_fen,
    )
    assert read.shipments[0].waybill == ordered.shipments[0].waybill


def test_staff_list_couriers_without_their_passwords(courier_client, served, world):
    models = importlib.import_module("courier_client.models")
    anonymous = courier_client.Client(base_url=served, raise_on_unexpected_status=True)
    tokens = _api(courier_client, "auth.login_staff").sync(
        client=anonymous,
        body=models.StaffLogin(username="admin", password=factories.PASSWORD),
    )
    assert isinstance(tokens, models.Tokens), tokens
    admin = courier_client.AuthenticatedClient(
        base_url=served, token=tokens.access_token, raise_on_unexpected_status=True
    )
    page = _api(courier_client, "people.list_couriers").sync(client=admin)
    assert isinstance(page, models.CourierPage), page
    assert {c.employee_no for c in page.items} == set(world.employee_nos.values())


def test_a_blob_uploaded_through_the_client_reads_back(courier_client, served, world):
    clock.freeze(at_local(10, 0))
    models = importlib.import_module("courier_client.models")
    types = importlib.import_module("courier_client.types")
    anonymous = courier_client.Client(base_url=served, raise_on_unexpected_status=True)
    tokens = _api(courier_client, "auth.login_with_wechat").sync(
        client=anonymous, body=models.WeChatLogin(code="demo-sender")
    )
    citizen = courier_client.AuthenticatedClient(
        base_url=served, token=tokens.access_token, raise_on_unexpected_status=True
    )
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(png, format="PNG")
    data = png.getvalue()
    sha256 = hashlib.sha256(data).hexdigest()

    uploaded = _api(courier_client, "blobs.upload_blob").sync_detailed(
        sha256, client=citizen, body=types.File(payload=io.BytesIO(data))
    )
    assert uploaded.status_code in (200, 201), uploaded.content
    read = _api(courier_client, "blobs.download_blob").sync_detailed(sha256, client=citizen)
    assert read.status_code == 200
    assert read.content == data
    assert read.headers["Content-Type"] == "image/png"  # sniffed, not the upload's header


def _node_tool(name: str) -> Path:
    tool = NODE_TOOLS / name
    if shutil.which("node") and tool.exists():
        return tool
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: Node and {name} must be installed (.ci/run: npm ci in .ci/node)")
    pytest.skip(f"needs Node and `npm ci` in .ci/node ({name})")


def test_a_typescript_program_compiles_strictly_against_the_types(tmp_path):
    generate, tsc = _node_tool("openapi-typescript"), _node_tool("tsc")
    shutil.copy(TS_PROGRAM, tmp_path / TS_PROGRAM.name)
    typed = subprocess.run(
        [generate, SPEC, "--output", tmp_path / "api.d.ts"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert typed.returncode == 0, typed.stdout + typed.stderr
    compiled = subprocess.run(
        [tsc, "--strict", "--noEmit", TS_PROGRAM.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
