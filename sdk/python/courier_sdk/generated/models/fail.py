from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.fail_reason_code import FailReasonCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.phone_call import PhoneCall
    from ..models.refusal import Refusal


T = TypeVar("T", bound="Fail")


@_attrs_define
class Fail:
    """
    Attributes:
        reason_code (FailReasonCode):
        lat (float | Unset):
        lng (float | Unset):
        note (str | Unset):
        occurred_at (datetime.datetime | Unset): when it happened on the handheld (default now)
        phone_call (PhoneCall | Unset):
        refusal (Refusal | Unset):
    """

    reason_code: FailReasonCode
    lat: float | Unset = UNSET
    lng: float | Unset = UNSET
    note: str | Unset = UNSET
    occurred_at: datetime.datetime | Unset = UNSET
    phone_call: PhoneCall | Unset = UNSET
    refusal: Refusal | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason_code = self.reason_code.value

        lat = self.lat

        lng = self.lng

        note = self.note

        occurred_at: str | Unset = UNSET
        if not isinstance(self.occurred_at, Unset):
            occurred_at = self.occurred_at.isoformat()

        phone_call: dict[str, Any] | Unset = UNSET
        if not isinstance(self.phone_call, Unset):
            phone_call = self.phone_call.to_dict()

        refusal: dict[str, Any] | Unset = UNSET
        if not isinstance(self.refusal, Unset):
            refusal = self.refusal.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason_code": reason_code,
            }
        )
        if lat is not UNSET:
            field_dict["lat"] = lat
        if lng is not UNSET:
            field_dict["lng"] = lng
        if note is not UNSET:
            field_dict["note"] = note
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if phone_call is not UNSET:
            field_dict["phone_call"] = phone_call
        if refusal is not UNSET:
            field_dict["refusal"] = refusal

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.phone_call import PhoneCall
        from ..models.refusal import Refusal

        d = dict(src_dict)
        reason_code = FailReasonCode(d.pop("reason_code"))

        lat = d.pop("lat", UNSET)

        lng = d.pop("lng", UNSET)

        note = d.pop("note", UNSET)

        _occurred_at = d.pop("occurred_at", UNSET)
        occurred_at: datetime.datetime | Unset
        if isinstance(_occurred_at, Unset):
            occurred_at = UNSET
        else:
            occurred_at = datetime.datetime.fromisoformat(_occurred_at)

        _phone_call = d.pop("phone_call", UNSET)
        phone_call: PhoneCall | Unset
        if isinstance(_phone_call, Unset):
            phone_call = UNSET
        else:
            phone_call = PhoneCall.from_dict(_phone_call)

        _refusal = d.pop("refusal", UNSET)
        refusal: Refusal | Unset
        if isinstance(_refusal, Unset):
            refusal = UNSET
        else:
            refusal = Refusal.from_dict(_refusal)

        fail = cls(
            reason_code=reason_code,
            lat=lat,
            lng=lng,
            note=note,
            occurred_at=occurred_at,
            phone_call=phone_call,
            refusal=refusal,
        )

        return fail
