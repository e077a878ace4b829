from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TreeHead")


@_attrs_define
class TreeHead:
    """
    Attributes:
        key_id (str):
        log (str):
        number (int):
        previous_hash (str):
        root_hash (str):
        signature (str):
        timestamp (datetime.datetime):
        tree_size (int):
    """

    key_id: str
    log: str
    number: int
    previous_hash: str
    root_hash: str
    signature: str
    timestamp: datetime.datetime
    tree_size: int

    def to_dict(self) -> dict[str, Any]:
        key_id = self.key_id

        log = self.log

        number = self.number

        previous_hash = self.previous_hash

        root_hash = self.root_hash

        signature = self.signature

        timestamp = self.timestamp.isoformat()

        tree_size = self.tree_size

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key_id": key_id,
                "log": log,
                "number": number,
                "previous_hash": previous_hash,
                "root_hash": root_hash,
                "signature": signature,
                "timestamp": timestamp,
                "tree_size": tree_size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key_id = d.pop("key_id")

        log = d.pop("log")

        number = d.pop("number")

        previous_hash = d.pop("previous_hash")

        root_hash = d.pop("root_hash")

        signature = d.pop("signature")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        tree_size = d.pop("tree_size")

        tree_head = cls(
            key_id=key_id,
            log=log,
            number=number,
            previous_hash=previous_hash,
            root_hash=root_hash,
            signature=signature,
            timestamp=timestamp,
            tree_size=tree_size,
        )

        return tree_head
