"""Where blob bytes live: a local directory by default, S3-compatible in production.

`BLOB_STORAGE=local` (default; `BLOB_DIR`, default instance/blobs) or `BLOB_STORAGE=s3`
with `S3_BUCKET`, `S3_ENDPOINT_URL` (for S3-compatible stores), `S3_REGION`, and the usual
AWS credentials in the environment. Keys are the SHA-256, so writes are idempotent.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Protocol


class BlobStorage(Protocol):
    def put(self, sha256: str, data: bytes, content_type: str) -> None: ...

    def get(self, sha256: str) -> bytes: ...


class LocalStorage:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, sha256: str, data: bytes, content_type: str) -> None:
        path = self._path(sha256)
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a reader never sees half a file, two writers never clash.
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
