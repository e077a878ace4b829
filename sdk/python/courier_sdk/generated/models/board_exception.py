from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BoardException")


@_attrs_define
class BoardException:
    """
    Attributes:
        detail (str):
        kind (str): e.g. run_not_countersigned (docs/hospital.md)
        since (datetime.datetime):
        station_id (str):
        subject_id (str):
        subject_type (str): e.g. hospital_run
    """

    detail: str
    kind: str
    since: datetime.datetime
    station_id: str
    subject_id: str
    subject_type: str

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        kind = self.kind

        since = self.since.isoformat()

        station_id = self.station_id

        subject_id = self.subject_id

        subject_type = self.subject_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "detail": detail,
                "kind": kind,
                "since": since,
                "station_id": station_id,
                "subject_id": subject_id,
                "subject_type": subject_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        detail = d.pop("detail")

        kind = d.pop("kind")

        since = datetime.datetime.fromisoformat(d.pop("since"))

        station_id = d.pop("station_id")

        subject_id = d.pop("subject_id")

        subject_type = d.pop("subject_type")

        board_exception = cls(
            detail=detail,
            kind=kind,
            since=since,
            station_id=station_id,
            subject_id=subject_id,
            subject_type=subject_type,
        )

        return board_exception
