from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.scan_condition import ScanCondition
from ..types import UNSET, Unset

T = TypeVar("T", bound="Scan")


@_attrs_define
class Scan:
    """
    Attributes:
        waybill (str):
        condition (ScanCondition | Unset): Default when left out: `"ok"`.
        note_code (str | Unset):
        photo_sha256 (str | Unset): needed when damaged
        seal_no (str | Unset):
    """

    waybill: str
    condition: ScanCondition | Unset = UNSET
    note_code: str | Unset = UNSET
    photo_sha256: str | Unset = UNSET
    seal_no: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        waybill = self.waybill

        condition: str | Unset = UNSET
        if not isinstance(self.condition, Unset):
            condition = self.condition.value

        note_code = self.note_code

        photo_sha256 = self.photo_sha256

        seal_no = self.seal_no

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "waybill": waybill,
            }
        )
        if condition is not UNSET:
            field_dict["condition"] = condition
        if note_code is not UNSET:
            field_dict["note_code"] = note_code
        if photo_sha256 is not UNSET:
            field_dict["photo_sha256"] = photo_sha256
        if seal_no is not UNSET:
            field_dict["seal_no"] = seal_no

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        waybill = d.pop("waybill")

        _condition = d.pop("condition", UNSET)
        condition: ScanCondition | Unset
        if isinstance(_condition, Unset):
            condition = UNSET
        else:
            condition = ScanCondition(_condition)

        note_code = d.pop("note_code", UNSET)

        photo_sha256 = d.pop("photo_sha256", UNSET)

        seal_no = d.pop("seal_no", UNSET)

        scan = cls(
            waybill=waybill,
            condition=condition,
            note_code=note_code,
            photo_sha256=photo_sha256,
            seal_no=seal_no,
        )

        return scan
