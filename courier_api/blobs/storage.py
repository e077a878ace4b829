"""Where blob bytes live: a local directory by default, S3-compatible in production.

`BLOB_STORAGE=local` (default; `BLOB_DIR`, default instance/blobs) or `BLOB_STORAGE=s3`
with `S3_BUCKET`, `S3_ENDPOINT_URL` (for S3-compatible stores), `S3_REGION`, and the usual
AWS credentials in the environment. Keys are the SHA-256, so writes are idempotent.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

#: `(sha256, data, content_type)`
File = tuple[str, bytes, str]


class BlobStorage(Protocol):
    def put(self, sha256: str, data: bytes, content_type: str) -> None: ...

    def put_many(self, files: Sequence[File]) -> None: ...

    def get(self, sha256: str) -> bytes: ...


class LocalStorage:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._made: set[str] = set()

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, sha256: str, data: bytes, content_type: str) -> None:
        self.put_many([(sha256, data, content_type)])

    def put_many(self, files: Sequence[File]) -> None:
        # One after another, with plain os calls: a local write is a few system calls, and
        # handing each to a thread (or going through pathlib and tempfile) cost more than
        # the writing (a sync batch writes hundreds).
        for sha256, data, _ in files:
            directory = os.path.join(self.root, sha256[:2])
            path = os.path.join(directory, sha256)
            if os.path.exists(path):
                continue
            if directory not in self._made:
                os.makedirs(directory, exist_ok=True)
                self._made.add(directory)
            # Write then rename: a reader never sees half a file; the temporary name is
            # this process's and thread's own, so two writers never clash.
            tmp = f"{path}.{os.getpid()}-{threading.get_ident()}.tmp"
            with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                out.write(data)
            os.replace(tmp, path)

    def get(self, sha256: str) -> bytes:
        return self._path(sha256).read_bytes()


class S3Storage:
    def __init__(self, bucket: str, *, endpoint_url: str | None, region: str | None) -> None:
        import boto3  # imported only when S3 is configured: it is heavy

        self.bucket = bucket
        self.client = boto3.client("s3", endpoint_url=endpoint_url, region_name=region)

    def put(self, sha256: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=sha256, Body=data, ContentType=content_type)

    def put_many(self, files: Sequence[File]) -> None:
        # In parallel: the time is spent waiting on the network.
        with ThreadPoolExecutor(max_workers=min(8, len(files) or 1)) as pool:
            list(pool.map(lambda file: self.put(*file), files))

    def get(self, sha256: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=sha256)["Body"].read()


def build_storage(config: dict[str, Any]) -> BlobStorage:
    if config.get("BLOB_STORAGE", "local") == "s3":
        return S3Storage(
            config["S3_BUCKET"],
            endpoint_url=config.get("S3_ENDPOINT_URL"),
            region=config.get("S3_REGION"),
        )
    return LocalStorage(config.get("BLOB_DIR") or Path(config["INSTANCE_DIR"]) / "blobs")


class LocalAnchor:
    """Write-once named files under a directory (the custody log's outside anchor in
    development): an existing name is never overwritten."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def write(self, name: str, data: bytes) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444), "wb") as out:
            out.write(data)

    def names(self, folder: str = "") -> list[str]:
        """The documents in `folder` (`"000000000042/"`), or in every folder."""
        found = self.root.glob(f"{folder}*.json" if folder else "*/*.json")
        return sorted(str(path.relative_to(self.root)) for path in found)

    def read(self, name: str) -> bytes:
        return (self.root / name).read_bytes()


class S3Anchor:
    """Write-once objects under a prefix: `If-None-Match: *` refuses to replace one; the
    bucket should also have Object Lock (compliance mode), so that the app's own
    credentials cannot delete what it wrote."""

    def __init__(self, bucket: str, prefix: str, **client: Any) -> None:
        import boto3

        self.bucket, self.prefix = bucket, prefix
        self.client = boto3.client("s3", **client)

    def write(self, name: str, data: bytes) -> None:
        self.client.put_object(
            Bucket=self.bucket, Key=self.prefix + name, Body=data, IfNoneMatch="*"
        )

    def names(self, folder: str = "") -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix + folder
        )
        keys = [o["Key"] for page in pages for o in page.get("Contents", [])]
        return sorted(key.removeprefix(self.prefix) for key in keys)

    def read(self, name: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=self.prefix + name)["Body"].read()


def build_anchor(config: dict[str, Any]) -> LocalAnchor | S3Anchor:
    """`CUSTODY_ANCHOR=local` (default; `CUSTODY_ANCHOR_DIR`, default instance/custody-anchor)
    or `s3` (`CUSTODY_ANCHOR_BUCKET`, default S3_BUCKET; under custody-anchor/)."""
    if config.get("CUSTODY_ANCHOR", "local") == "s3":
        return S3Anchor(
            config.get("CUSTODY_ANCHOR_BUCKET") or config["S3_BUCKET"],
            "custody-anchor/",
            endpoint_url=config.get("S3_ENDPOINT_URL"),
            region_name=config.get("S3_REGION"),
        )
    root = config.get("CUSTODY_ANCHOR_DIR") or Path(config["INSTANCE_DIR"]) / "custody-anchor"
    return LocalAnchor(root)
