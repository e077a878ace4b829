from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.evidence_event_kind import EvidenceEventKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evidence_event_refs import EvidenceEventRefs


T = TypeVar("T", bound="EvidenceEvent")


@_attrs_define
class EvidenceEvent:
    """
    Attributes:
        hash_ (str):
        inclusion_proof (list[str]):
        leaf_index (int | None):
        missing (bool):
        seq (int):
        actor_id (str | Unset):
        actor_kind (str | Unset):
        kind (EvidenceEventKind | Unset):
        occurred_at (datetime.datetime | Unset):
        prev_hash (str | Unset):
        recorded_at (datetime.datetime | Unset):
        refs (EvidenceEventRefs | Unset):
        shipment_id (str | Unset):
        station_id (None | str | Unset):
        task_id (None | str | Unset):
    """

    hash_: str
    inclusion_proof: list[str]
    leaf_index: int | None
    missing: bool
    seq: int
    actor_id: str | Unset = UNSET
    actor_kind: str | Unset = UNSET
    kind: EvidenceEventKind | Unset = UNSET
    occurred_at: datetime.datetime | Unset = UNSET
    prev_hash: str | Unset = UNSET
    recorded_at: datetime.datetime | Unset = UNSET
    refs: EvidenceEventRefs | Unset = UNSET
    shipment_id: str | Unset = UNSET
    station_id: None | str | Unset = UNSET
    task_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        hash_ = self.hash_

        inclusion_proof = self.inclusion_proof

        leaf_index: int | None
        leaf_index = self.leaf_index

        missing = self.missing

        seq = self.seq

        actor_id = self.actor_id

        actor_kind = self.actor_kind

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        occurred_at: str | Unset = UNSET
        if not isinstance(self.occurred_at, Unset):
            occurred_at = self.occurred_at.isoformat()

        prev_hash = self.prev_hash

        recorded_at: str | Unset = UNSET
        if not isinstance(self.recorded_at, Unset):
            recorded_at = self.recorded_at.isoformat()

        refs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.refs, Unset):
            refs = self.refs.to_dict()

        shipment_id = self.shipment_id

        station_id: None | str | Unset
        if isinstance(self.station_id, Unset):
            station_id = UNSET
        else:
            station_id = self.station_id

        task_id: None | str | Unset
        if isinstance(self.task_id, Unset):
            task_id = UNSET
        else:
            task_id = self.task_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hash": hash_,
                "inclusion_proof": inclusion_proof,
                "leaf_index": leaf_index,
                "missing": missing,
                "seq": seq,
            }
        )
        if actor_id is not UNSET:
            field_dict["actor_id"] = actor_id
        if actor_kind is not UNSET:
            field_dict["actor_kind"] = actor_kind
        if kind is not UNSET:
            field_dict["kind"] = kind
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if prev_hash is not UNSET:
            field_dict["prev_hash"] = prev_hash
        if recorded_at is not UNSET:
            field_dict["recorded_at"] = recorded_at
        if refs is not UNSET:
            field_dict["refs"] = refs
        if shipment_id is not UNSET:
            field_dict["shipment_id"] = shipment_id
        if station_id is not UNSET:
            field_dict["station_id"] = station_id
        if task_id is not UNSET:
            field_dict["task_id"] = task_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.evidence_event_refs import EvidenceEventRefs

        d = dict(src_dict)
        hash_ = d.pop("hash")

        inclusion_proof = cast(list[str], d.pop("inclusion_proof"))

        def _parse_leaf_index(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        leaf_index = _parse_leaf_index(d.pop("leaf_index"))

        missing = d.pop("missing")

        seq = d.pop("seq")

        actor_id = d.pop("actor_id", UNSET)

        actor_kind = d.pop("actor_kind", UNSET)

        _kind = d.pop("kind", UNSET)
        kind: EvidenceEventKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = EvidenceEventKind(_kind)

        _occurred_at = d.pop("occurred_at", UNSET)
        occurred_at: datetime.datetime | Unset
        if isinstance(_occurred_at, Unset):
            occurred_at = UNSET
        else:
            occurred_at = datetime.datetime.fromisoformat(_occurred_at)

        prev_hash = d.pop("prev_hash", UNSET)

        _recorded_at = d.pop("recorded_at", UNSET)
        recorded_at: datetime.datetime | Unset
        if isinstance(_recorded_at, Unset):
            recorded_at = UNSET
        else:
            recorded_at = datetime.datetime.fromisoformat(_recorded_at)

        _refs = d.pop("refs", UNSET)
        refs: EvidenceEventRefs | Unset
        if isinstance(_refs, Unset):
            refs = UNSET
        else:
            refs = EvidenceEventRefs.from_dict(_refs)

        shipment_id = d.pop("shipment_id", UNSET)

        def _parse_station_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        station_id = _parse_station_id(d.pop("station_id", UNSET))

        def _parse_task_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_id = _parse_task_id(d.pop("task_id", UNSET))

        evidence_event = cls(
            hash_=hash_,
            inclusion_proof=inclusion_proof,
            leaf_index=leaf_index,
            missing=missing,
            seq=seq,
            actor_id=actor_id,
            actor_kind=actor_kind,
            kind=kind,
            occurred_at=occurred_at,
            prev_hash=prev_hash,
            recorded_at=recorded_at,
            refs=refs,
            shipment_id=shipment_id,
            station_id=station_id,
            task_id=task_id,
        )

        return evidence_event
