"""A court receipt carries its custody evidence: the bundle comes out of the PDF and verifies
offline with only the published keys; one changed byte anywhere makes it fail, saying why."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from tests.government.test_receipts import SIGNER_ID, _receipt, _signed, job  # noqa: F401
from tests.helpers import pdf_text

VERIFIER = Path(__file__).parents[2] / "sdk" / "verifier" / "courier_verify.py"


def run_verifier(evidence: Path, keys: Path) -> tuple[int, str]:
    """As a court's IT runs it: its own process, nothing of the app on its path."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-I", str(VERIFIER), str(evidence), "--keys", str(keys)],
        capture_output=True,
        text=True,
        cwd=evidence.parent,
        env=env,
        check=False,
    )
    return done.returncode, done.stdout.strip()


def flip(text: str, at: int = 3) -> str:
    """The string with one byte changed."""
    return text[:at] + ("0" if text[at] != "0" else "1") + text[at + 1 :]


@pytest.fixture
def receipt(app, client, as_, job, door, tmp_path):  # noqa: F811
    job_id, [(document_id, waybill, task_id)] = job({"addressee_name": "刘洋"})
    assert door("deliver", task_id, _signed("刘洋", SIGNER_ID)).status_code == 200
    assert app.test_cli_runner().invoke(args=["custody-checkpoint"]).exit_code == 0
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(_receipt(client, as_, job_id, document_id))
    keys = tmp_path / "custody-keys.json"
    keys.write_text(json.dumps(client.get("/.well-known/custody-keys.json").get_json()))
    return pdf, keys, waybill


def test_the_receipts_bundle_verifies_offline_with_only_the_published_keys(receipt):
    pdf, keys, waybill = receipt
    attachments = pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).attachments
    [bundle_bytes] = attachments[f"custody-{waybill}.json"]
    bundle = json.loads(bundle_bytes)
    kinds = [e["kind"] for e in bundle["events"]]
    assert kinds[0] == "created" and kinds[-1] == "delivered"
    assert all(e["leaf_index"] is not None for e in bundle["events"])
    assert SIGNER_ID not in bundle_bytes.decode() and "刘洋" not in bundle_bytes.decode()
    assert "监管链证据" in pdf_text(pdf.read_bytes())
    assert run_verifier(pdf, keys) == (0, "valid")


def _tampered(bundle: dict, where: str) -> dict:
    changed = copy.deepcopy(bundle)
    event = changed["events"][1]
    if where == "event":
        event["actor_id"] = flip(event["actor_id"], 5)
    elif where == "proof":
        event["inclusion_proof"][0] = flip(event["inclusion_proof"][0])
    else:
        changed["tree_head"]["signature"] = flip(changed["tree_head"]["signature"])
    return changed


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("event", "link 2: its hash does not match its fields (the event was altered)"),
        ("proof", "link 2: the inclusion proof (leaf 1) does not lead to the root of tree head 1"),
        ("signature", "tree head 1: the signature does not match"),
    ],
)
def test_one_changed_byte_fails_with_a_clear_reason(receipt, where, reason):
    pdf, keys, waybill = receipt
    [bundle_bytes] = pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).attachments[
        f"custody-{waybill}.json"
    ]
    bundle = json.loads(bundle_bytes)
    tampered = pdf.parent / "bundle.json"
    tampered.write_text(json.dumps(_tampered(bundle, where)))
    code, output = run_verifier(tampered, keys)
    assert code == 1 and output == f"{bundle['shipment_id']}: {reason}"
