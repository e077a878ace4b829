"""Blobs: content-addressed, type-sniffed, size-limited; readable by their uploaders and
by whoever may read an object that refers to them. No Flask; never commits.

Small blobs keep their bytes in their row, written in the same transaction as what refers
to them; larger ones go to the blob storage (a directory, or S3) before the row is written.
A delivery's signature strokes and rendered PNG are a few KB each and a sync batch makes
hundreds: one COPY of rows instead of a file (or an S3 PUT) each, and a rolled-back proof
leaves no orphaned bytes behind."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence

import sqlalchemy as sa

from courier_api.blobs.models import Blob, BlobReference
from courier_api.blobs.storage import BlobStorage
from courier_api.core import clock
from courier_api.core.db import insert_ignoring_conflicts
from courier_api.core.errors import Problem, field_error, not_found
from courier_api.core.pg import among, insert_rows
from courier_api.core.scoping import scoped_select
from courier_api.core.security import Principal
from courier_api.extensions import db

INLINE_MAX_BYTES = 64 * 1024
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
UPLOADER = "uploader"
#: What a photo of an item or a door may be.
PHOTO_TYPES = ("image/jpeg", "image/png")
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)

#: subject_type -> the model whose scoping says who may read those objects (see wiring.py).
_readers: dict[str, type] = {}


def readable_through(subject_type: str, model: type) -> None:
    """A blob that an object of `subject_type` refers to is readable by whoever may read
    that object, as `scoped_select` on its model decides."""
    _readers[subject_type] = model


def sniff(data: bytes) -> str | None:
    for magic, content_type in _SIGNATURES:
        if data.startswith(magic):
            return content_type
    if data.lstrip()[:1] in (b"{", b"["):
        try:
            json.loads(data)
        except ValueError:
            return None
        return "application/json"
    return None


def check_name(sha256: str) -> None:
    if not SHA256_HEX.match(sha256):
        raise Problem(404, "blob_not_found", "Blob names are lowercase hex SHA-256.")


def put(
    *, caller: Principal, sha256: str, data: bytes, storage: BlobStorage, max_bytes: int
) -> tuple[Blob, bool]:
    """Store the blob (or find it stored); returns it and whether it is new."""
    check_name(sha256)
    if len(data) > max_bytes:
        raise Problem(413, "payload_too_large", f"Blobs are limited to {max_bytes} bytes.")
    if hashlib.sha256(data).hexdigest() != sha256:
        raise Problem(422, "digest_mismatch", "The body does not hash to the blob's name.")
    content_type = sniff(data)
    if content_type is None:
        raise Problem(415, "unsupported_blob_type", "Send a JPEG, PNG, PDF or JSON document.")
    existing = db.session.get(Blob, sha256)
    if existing is not None:
        # Whoever holds the same bytes may read them: they are this uploader's too.
        link(sha256, UPLOADER, caller.id)
        return existing, False
    inline = _inline(data)
    if inline is None:
        storage.put(sha256, data, content_type)
    blob = Blob(
        sha256=sha256,
        size=len(data),
        content_type=content_type,
        uploader_kind=caller.kind,
        uploader_id=caller.id,
        created_at=clock.now(),
        content=inline,
    )
    db.session.add(blob)
    db.session.flush()
    link(sha256, UPLOADER, caller.id)
    return blob, True


def store_many(
    items: Sequence[tuple[bytes, str]],
    *,
    caller: Principal,
    storage: BlobStorage,
    subjects: Sequence[tuple[str, str]],
) -> list[str]:
    """Keep server-made files (`(data, content_type)`, e.g. rendered signatures) as blobs
    referred to by `subjects[i]`; set-based: one read, one insert, one link statement."""
    if not items:
        return []
    names = [hashlib.sha256(data).hexdigest() for data, _ in items]
    # Only a file for the storage is worth not writing twice; rows already there are
    # skipped by the insert itself (a signature's strokes and image are kept in their rows:
    # asking first was a statement more a delivery).
    kept_in_rows = all(_inline(data) is not None for data, _ in items)
    known = (
        set()
        if kept_in_rows
        else set(db.session.scalars(sa.select(Blob.sha256).where(among(Blob.sha256, names))))
    )
    now = clock.now()
    rows = {}
    new_files = []
    for name, (data, content_type) in zip(names, items, strict=True):
        if name not in known and name not in rows:
            inline = _inline(data)
            if inline is None:
                new_files.append((name, data, content_type))
            rows[name] = {
                "sha256": name,
                "size": len(data),
                "content_type": content_type,
                "uploader_kind": caller.kind,
                "uploader_id": caller.id,
                "created_at": now,
                "content": inline,
            }
    storage.put_many(new_files)
    insert_rows(Blob.__table__, list(rows.values()), ignore_conflicts=True)
    link_many([(n, *subject) for n, subject in zip(names, subjects, strict=True)])
    return names


def _inline(data: bytes) -> bytes | None:
    """The bytes to keep in the blob's row, or None when they go to the storage."""
    return data if len(data) <= INLINE_MAX_BYTES else None


def read(sha256: str, storage: BlobStorage) -> bytes:
    """A stored blob's bytes, from its row or else from the storage."""
    return read_many([sha256], storage)[sha256]


def read_many(names: Sequence[str], storage: BlobStorage) -> dict[str, bytes]:
    """Stored blobs' bytes by name: those kept in their rows with one query, the others
    from the storage."""
    inline = dict(
        db.session.execute(
            sa.select(Blob.sha256, Blob.content).where(among(Blob.sha256, set(names)))
        ).all()
    )
    return {
        name: inline[name] if inline.get(name) is not None else storage.get(name) for name in names
    }


def link_many(links: Sequence[tuple[str, str, str]]) -> None:
    """`(sha256, subject_type, subject_id)` references, in one statement."""
    insert_rows(
        BlobReference.__table__,
        [{"sha256": s, "subject_type": t, "subject_id": i} for s, t, i in set(links)],
        ignore_conflicts=True,
    )


def existing(names: Sequence[str]) -> dict[str, Blob]:
    valid = [n for n in names if SHA256_HEX.match(n or "")]
    if not valid:
        return {}
    found = db.session.scalars(sa.select(Blob).where(among(Blob.sha256, valid)))
    return {b.sha256: b for b in found}


def check_uploaded(blob: Blob | None, field: str, *, allowed: Sequence[str] | None = None) -> Blob:
    if blob is None:
        raise field_error(field, "Upload the file first (PUT /v1/blobs/{sha256}).", "blob_missing")
    if allowed and blob.content_type not in allowed:
        raise field_error(field, f"Must be one of {', '.join(allowed)}.", "wrong_blob_type")
    return blob


def link(sha256: str, subject_type: str, subject_id: str) -> None:
    """Record that `subject` refers to the blob (the blob must exist)."""
    db.session.execute(
        insert_ignoring_conflicts(BlobReference.__table__).values(
            sha256=sha256, subject_type=subject_type, subject_id=subject_id
        )
    )


def require_uploaded(sha256: str, field: str, *, allowed: Sequence[str] | None = None) -> Blob:
    blob = db.session.get(Blob, sha256) if SHA256_HEX.match(sha256 or "") else None
    return check_uploaded(blob, field, allowed=allowed)


def get_readable(*, caller: Principal, sha256: str) -> Blob:
    check_name(sha256)
    blob = db.session.get(Blob, sha256)
    if blob is None or not may_read(caller, sha256):
        raise not_found("blob")
    return blob


def may_read(caller: Principal, sha256: str) -> bool:
    """The caller uploaded the blob, or may read an object that refers to it."""
    if caller.role == "admin":
        return True
    refs = db.session.execute(
        sa.select(BlobReference.subject_type, BlobReference.subject_id).where(
            BlobReference.sha256 == sha256
        )
    ).all()
    by_type: dict[str, list[str]] = {}
    for subject_type, subject_id in refs:
        if subject_type == UPLOADER and subject_id == caller.id:
            return True
        by_type.setdefault(subject_type, []).append(subject_id)
    return any(
        _readable(_readers[kind], caller, ids) for kind, ids in by_type.items() if kind in _readers
    )


def _readable(model: type, caller: Principal, ids: Sequence[str]) -> bool:
    found = db.session.scalars(
        scoped_select(model, caller).where(model.id.in_(ids)).with_only_columns(model.id)
    )
    return found.first() is not None
