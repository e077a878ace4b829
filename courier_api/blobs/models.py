"""Blob metadata and the objects that refer to each blob (who else may read it)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core.db import UTCDateTime
from courier_api.core.ids import ID_LENGTH
from courier_api.extensions import db


class Blob(db.Model):
    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    size: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    content_type: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    uploader_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    uploader_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    #: The bytes of a small blob (up to `service.INLINE_MAX_BYTES`), NULL when the blob
    #: storage holds them. Deferred: metadata reads never load it.
    content: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)


class BlobReference(db.Model):
    """`subject` (e.g. a shipment) refers to the blob: whoever may read it may read the blob."""

    __tablename__ = "blob_references"

    sha256: Mapped[str] = mapped_column(sa.ForeignKey("blobs.sha256"), primary_key=True)
    subject_type: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    subject_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), primary_key=True)
