"""Blobs: content-addressed uploads, sniffed and size-limited, readable by the uploader and
by whoever may read an object that refers to them; local and S3-compatible storage."""

from __future__ import annotations

import hashlib

import boto3
import pytest
from moto import mock_aws

from courier_api.blobs import service as blobs
from courier_api.blobs.storage import LocalStorage, S3Storage, build_storage
from courier_api.extensions import db
from tests.factories import make_api_client, make_organisation, make_shipments, signed
from tests.helpers import assert_problem

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"jfif" * 32


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def put(client, headers, data, name=None, content_type="application/octet-stream"):
    return client.put(
        f"/v1/blobs/{name or sha(data)}",
        data=data,
        headers={**headers, "Content-Type": content_type},
    )


def test_upload_is_idempotent_and_typed(client, as_):
    courier = as_("courier_a")
    first = put(client, courier, PNG)
    assert first.status_code == 201
    assert first.headers["Location"] == f"/v1/blobs/{sha(PNG)}"
    assert put(client, courier, PNG).status_code == 200  # a retry changes nothing
    fetched = client.get(f"/v1/blobs/{sha(PNG)}", headers=courier)
    assert fetched.status_code == 200
    assert fetched.mimetype == "image/png"
    assert fetched.data == PNG


def test_a_body_that_does_not_hash_to_the_name_is_refused(client, as_):
    assert_problem(put(client, as_("courier_a"), PNG, name=sha(JPEG)), 422, "digest_mismatch")
    assert_problem(
        client.get(f"/v1/blobs/{sha(JPEG)}", headers=as_("admin")), 404, "blob_not_found"
    )


def test_unknown_types_and_oversized_bodies_are_refused(client, as_, app):
    assert_problem(
        put(client, as_("courier_a"), b"MZ\x90\x00 not an image"), 415, "unsupported_blob_type"
    )
    limit = app.config["BLOB_MAX_BYTES"]
    big = b"\xff\xd8\xff" + b"0" * limit
    assert_problem(put(client, as_("courier_a"), big), 413, "payload_too_large")
    # Above the API's 1 MiB JSON limit but within the blob limit: accepted.
    photo = b"\xff\xd8\xff" + b"1" * (2 * 1024 * 1024)
    assert put(client, as_("courier_a"), photo).status_code == 201


def test_small_blobs_keep_their_bytes_in_their_row_and_large_ones_in_the_storage(client, as_, app):
    courier = as_("courier_a")
    large = b"\xff\xd8\xff" + b"2" * blobs.INLINE_MAX_BYTES  # three bytes over
    assert put(client, courier, PNG).status_code == 201
    assert put(client, courier, large).status_code == 201
    stored = {p.name for p in app.extensions["blob_storage"].root.rglob("*")}
    assert sha(large) in stored and sha(PNG) not in stored
    for data in (PNG, large):
        assert client.get(f"/v1/blobs/{sha(data)}", headers=courier).data == data


def test_bad_names_are_404(client, as_):
    assert_problem(client.get("/v1/blobs/NOT-A-HASH", headers=as_("admin")), 404, "blob_not_found")


def test_only_the_uploader_and_readers_of_a_referring_object_may_read(client, as_, app, world):
    put(client, as_("courier_a"), JPEG)
    url = f"/v1/blobs/{sha(JPEG)}"
    assert_problem(client.get(url, headers=as_("courier_b")), 404, "blob_not_found")
    assert_problem(client.get(url, headers=as_("clerk_hospital")), 404, "blob_not_found")
    with app.app_context():
        [shipment] = make_shipments(world)  # owned by the hospital
        blobs.link(sha(JPEG), "shipment", shipment.id)
        db.session.commit()
        court_kiosk = make_api_client(world, make_organisation(world, "court"))
        hospital_kiosk = make_api_client(world, "hospital")
    assert client.get(url, headers=as_("clerk_hospital")).status_code == 200
    assert signed(client, "GET", url, hospital_kiosk).status_code == 200
    assert_problem(signed(client, "GET", url, court_kiosk), 404, "blob_not_found")
    assert_problem(client.get(url, headers=as_("courier_b")), 404, "blob_not_found")


def test_local_storage_writes_atomically_once(tmp_path):
    storage = LocalStorage(tmp_path)
    storage.put(sha(PNG), PNG, "image/png")
    storage.put(sha(PNG), b"ignored", "image/png")
    assert storage.get(sha(PNG)) == PNG


def test_local_storage_writes_a_batch_and_leaves_no_temporary_files(tmp_path):
    storage = LocalStorage(tmp_path)
    storage.put(sha(PNG), PNG, "image/png")
    storage.put_many([(sha(JPEG), JPEG, "image/jpeg"), (sha(PNG), b"ignored", "image/png")])
    assert storage.get(sha(JPEG)) == JPEG and storage.get(sha(PNG)) == PNG
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        [sha(PNG), sha(JPEG)]
    )


@mock_aws
def test_s3_storage_round_trip():
    boto3.client("s3", region_name="cn-north-1").create_bucket(
        Bucket="courier-blobs", CreateBucketConfiguration={"LocationConstraint": "cn-north-1"}
    )
    storage = build_storage(
        {"BLOB_STORAGE": "s3", "S3_BUCKET": "courier-blobs", "S3_REGION": "cn-north-1"}
    )
    assert isinstance(storage, S3Storage)
    storage.put(sha(JPEG), JPEG, "image/jpeg")
    assert storage.get(sha(JPEG)) == JPEG


@pytest.fixture(autouse=True)
def _aws_credentials(monkeypatch):
    # moto needs credentials to exist; never real ones.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
