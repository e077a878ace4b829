from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.advance_to import AdvanceTo
from ..types import UNSET, Unset

T = TypeVar("T", bound="Advance")


@_attrs_define
class Advance:
    """
    Attributes:
        pin (str | Unset): a PIN delivery: the PIN the recipient got (read it from GET /v1/sandbox/messages)
        to (AdvanceTo | Unset): the next state or outcome; omitted: the next step of a successful journey (picked_up,
            at_station, out_for_delivery, delivered; a returning item: returned)
    """

    pin: str | Unset = UNSET
    to: AdvanceTo | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        pin = self.pin

        to: str | Unset = UNSET
        if not isinstance(self.to, Unset):
            to = self.to.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if pin is not UNSET:
            field_dict["pin"] = pin
        if to is not UNSET:
            field_dict["to"] = to

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pin = d.pop("pin", UNSET)

        _to = d.pop("to", UNSET)
        to: AdvanceTo | Unset
        if isinstance(_to, Unset):
            to = UNSET
        else:
            to = AdvanceTo(_to)

        advance = cls(
            pin=pin,
            to=to,
        )

        return advance
