"""Opaque, sortable ids with a type prefix: `cou_01JD...` (ULID, Crockford base32)."""

from ulid import ULID

ID_LENGTH = 40  # column width: prefix (<= 8) + "_" + 26


def new_id(prefix: str) -> str:
    return f"{prefix}_{ULID()}"
