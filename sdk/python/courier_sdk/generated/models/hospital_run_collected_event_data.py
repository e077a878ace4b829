from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="HospitalRunCollectedEventData")


@_attrs_define
class HospitalRunCollectedEventData:
    """
    Attributes:
        collected (list[str]): waybill numbers
        extra (list[str]): waybill numbers
        missing (list[str]): waybill numbers
        run_id (str):
    """

    collected: list[str]
    extra: list[str]
    missing: list[str]
    run_id: str

    def to_dict(self) -> dict[str, Any]:
        collected = self.collected

        extra = self.extra

        missing = self.missing

        run_id = self.run_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "collected": collected,
                "extra": extra,
                "missing": missing,
                "run_id": run_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        collected = cast(list[str], d.pop("collected"))

        extra = cast(list[str], d.pop("extra"))

        missing = cast(list[str], d.pop("missing"))

        run_id = d.pop("run_id")

        hospital_run_collected_event_data = cls(
            collected=collected,
            extra=extra,
            missing=missing,
            run_id=run_id,
        )

        return hospital_run_collected_event_data
