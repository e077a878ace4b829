from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.custody_event_refs import CustodyEventRefs


T = TypeVar("T", bound="CustodyEvent")


@_attrs_define
class CustodyEvent:
    """
    Attributes:
        actor_id (str):
        actor_kind (str):
        hash_ (str):
        kind (str):
        occurred_at (datetime.datetime):
        prev_hash (str):
        recorded_at (datetime.datetime):
        refs (CustodyEventRefs):
        sandbox (bool): a sandbox item's event: part of its link's hash when true
        seq (int):
        station_id (None | str):
        task_id (None | str):
    """

    actor_id: str
    actor_kind: str
    hash_: str
    kind: str
    occurred_at: datetime.datetime
    prev_hash: str
    recorded_at: datetime.datetime
    refs: CustodyEventRefs
    sandbox: bool
    seq: int
    station_id: None | str
    task_id: None | str

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        actor_kind = self.actor_kind

        hash_ = self.hash_

        kind = self.kind

        occurred_at = self.occurred_at.isoformat()

        prev_hash = self.prev_hash

        recorded_at = self.recorded_at.isoformat()

        refs = self.refs.to_dict()

        sandbox = self.sandbox

        seq = self.seq

        station_id: None | str
        station_id = self.station_id

        task_id: None | str
        task_id = self.task_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actor_id": actor_id,
                "actor_kind": actor_kind,
                "hash": hash_,
                "kind": kind,
                "occurred_at": occurred_at,
                "prev_hash": prev_hash,
                "recorded_at": recorded_at,
                "refs": refs,
                "sandbox": sandbox,
                "seq": seq,
                "station_id": station_id,
                "task_id": task_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.custody_event_refs import CustodyEventRefs

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        actor_kind = d.pop("actor_kind")

        hash_ = d.pop("hash")

        kind = d.pop("kind")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        prev_hash = d.pop("prev_hash")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        refs = CustodyEventRefs.from_dict(d.pop("refs"))

        sandbox = d.pop("sandbox")

        seq = d.pop("seq")

        def _parse_station_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        station_id = _parse_station_id(d.pop("station_id"))

        def _parse_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_id = _parse_task_id(d.pop("task_id"))

        custody_event = cls(
            actor_id=actor_id,
            actor_kind=actor_kind,
            hash_=hash_,
            kind=kind,
            occurred_at=occurred_at,
            prev_hash=prev_hash,
            recorded_at=recorded_at,
            refs=refs,
            sandbox=sandbox,
            seq=seq,
            station_id=station_id,
            task_id=task_id,
        )

        return custody_event
