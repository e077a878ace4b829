from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Shift")


@_attrs_define
class Shift:
    """
    Attributes:
        on_shift (bool):
        shift_changed_at (datetime.datetime | None | Unset):
    """

    on_shift: bool
    shift_changed_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        on_shift = self.on_shift

        shift_changed_at: None | str | Unset
        if isinstance(self.shift_changed_at, Unset):
            shift_changed_at = UNSET
        elif isinstance(self.shift_changed_at, datetime.datetime):
            shift_changed_at = self.shift_changed_at.isoformat()
        else:
            shift_changed_at = self.shift_changed_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "on_shift": on_shift,
            }
        )
        if shift_changed_at is not UNSET:
            field_dict["shift_changed_at"] = shift_changed_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        on_shift = d.pop("on_shift")

        def _parse_shift_changed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                shift_changed_at_type_0 = datetime.datetime.fromisoformat(data)

                return shift_changed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        shift_changed_at = _parse_shift_changed_at(d.pop("shift_changed_at", UNSET))

        shift = cls(
            on_shift=on_shift,
            shift_changed_at=shift_changed_at,
        )

        return shift
