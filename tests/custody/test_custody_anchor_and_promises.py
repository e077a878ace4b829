"""The outside anchor is write-once (local directory, S3); a door action's response carries
the signed promise for what it recorded."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from courier_api.blobs.storage import LocalAnchor, S3Anchor, build_anchor
from tests.custody.test_custody_tamper import verifier
from tests.factories import ME, SIGNATURE
from tests.helpers import shipment_of


def test_a_local_anchor_never_overwrites(tmp_path):
    anchor = build_anchor({"INSTANCE_DIR": str(tmp_path)})
    assert isinstance(anchor, LocalAnchor)
    anchor.write("000000000001/aa.json", b"signed head")
    with pytest.raises(FileExistsError):
        anchor.write("000000000001/aa.json", b"forged head")
    assert anchor.read("000000000001/aa.json") == b"signed head"
    assert anchor.names() == ["000000000001/aa.json"]


@mock_aws
def test_an_s3_anchor_writes_once_under_its_prefix(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    boto3.client("s3", region_name="cn-north-1").create_bucket(
        Bucket="courier-anchor", CreateBucketConfiguration={"LocationConstraint": "cn-north-1"}
    )
    anchor = build_anchor(
        {
            "CUSTODY_ANCHOR": "s3",
            "CUSTODY_ANCHOR_BUCKET": "courier-anchor",
            "S3_REGION": "cn-north-1",
        }
    )
    assert isinstance(anchor, S3Anchor)
    anchor.write("000000000001/aa.json", b"signed head")
    with pytest.raises(anchor.client.exceptions.ClientError, match="PreconditionFailed"):
        anchor.write("000000000001/aa.json", b"forged head")
    assert anchor.names() == ["000000000001/aa.json"]
    assert anchor.read("000000000001/aa.json") == b"signed head"


def test_a_delivery_answers_with_its_signed_promise(app, client, as_, at_station, load, door):
    [waybill] = at_station()
    [task_id] = load([waybill])
    answer = door("deliver", task_id, {"receiver": ME, "signature": SIGNATURE})
    assert answer.status_code == 200, answer.get_json()
    promise = answer.get_json()["custody_promise"]
    _, events, _ = shipment_of(app, waybill)
    delivered = events[-1]
    assert delivered.kind == "delivered"
    assert promise["events"] == [
        {"shipment_id": delivered.shipment_id, "seq": delivered.seq, "event_hash": delivered.hash}
    ]
    bundle = client.get(
        f"/v1/shipments/{delivered.shipment_id}/custody/evidence", headers=as_("admin")
    ).get_json()
    published = client.get("/.well-known/custody-keys.json").get_json()["keys"]
    keys = {key["kid"]: key["public_key"] for key in published}
    assert verifier().verify_bundle(bundle, keys, [promise]) == []  # kept, and in the chain
    forged = {**promise, "timestamp": "2026-01-01T00:00:00Z"}
    assert verifier().verify_bundle(bundle, keys, [forged]) == [
        "the promise of 2026-01-01T00:00:00Z: the signature does not match"
    ]
