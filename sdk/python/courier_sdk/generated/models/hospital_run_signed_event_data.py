from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HospitalRunSignedEventData")


@_attrs_define
class HospitalRunSignedEventData:
    """
    Attributes:
        run_id (str):
        signed_at (datetime.datetime):
    """

    run_id: str
    signed_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        run_id = self.run_id

        signed_at = self.signed_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "run_id": run_id,
                "signed_at": signed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        run_id = d.pop("run_id")

        signed_at = datetime.datetime.fromisoformat(d.pop("signed_at"))

        hospital_run_signed_event_data = cls(
            run_id=run_id,
            signed_at=signed_at,
        )

        return hospital_run_signed_event_data
