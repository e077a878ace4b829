from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.task_item_status import TaskItemStatus

T = TypeVar("T", bound="TaskItem")


@_attrs_define
class TaskItem:
    """
    Attributes:
        scanned_at (datetime.datetime | None):
        status (TaskItemStatus):
        waybill (str):
    """

    scanned_at: datetime.datetime | None
    status: TaskItemStatus
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        scanned_at: None | str
        if isinstance(self.scanned_at, datetime.datetime):
            scanned_at = self.scanned_at.isoformat()
        else:
            scanned_at = self.scanned_at

        status = self.status.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "scanned_at": scanned_at,
                "status": status,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_scanned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scanned_at_type_0 = datetime.datetime.fromisoformat(data)

                return scanned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scanned_at = _parse_scanned_at(d.pop("scanned_at"))

        status = TaskItemStatus(d.pop("status"))

        waybill = d.pop("waybill")

        task_item = cls(
            scanned_at=scanned_at,
            status=status,
            waybill=waybill,
        )

        return task_item
