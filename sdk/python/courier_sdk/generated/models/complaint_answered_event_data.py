from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.complaint_answered_event_data_status import (
    ComplaintAnsweredEventDataStatus,
)

T = TypeVar("T", bound="ComplaintAnsweredEventData")


@_attrs_define
class ComplaintAnsweredEventData:
    """
    Attributes:
        answer (None | str):
        answered_at (datetime.datetime):
        answered_in_time (bool):
        category (str):
        complaint_id (str):
        pickup_id (None | str):
        shipment_id (None | str):
        status (ComplaintAnsweredEventDataStatus):
    """

    answer: None | str
    answered_at: datetime.datetime
    answered_in_time: bool
    category: str
    complaint_id: str
    pickup_id: None | str
    shipment_id: None | str
    status: ComplaintAnsweredEventDataStatus

    def to_dict(self) -> dict[str, Any]:
        answer: None | str
        answer = self.answer

        answered_at = self.answered_at.isoformat()

        answered_in_time = self.answered_in_time

        category = self.category

        complaint_id = self.complaint_id

        pickup_id: None | str
        pickup_id = self.pickup_id

        shipment_id: None | str
        shipment_id = self.shipment_id

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer": answer,
                "answered_at": answered_at,
                "answered_in_time": answered_in_time,
                "category": category,
                "complaint_id": complaint_id,
                "pickup_id": pickup_id,
                "shipment_id": shipment_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_answer(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        answer = _parse_answer(d.pop("answer"))

        answered_at = datetime.datetime.fromisoformat(d.pop("answered_at"))

        answered_in_time = d.pop("answered_in_time")

        category = d.pop("category")

        complaint_id = d.pop("complaint_id")

        def _parse_pickup_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pickup_id = _parse_pickup_id(d.pop("pickup_id"))

        def _parse_shipment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        shipment_id = _parse_shipment_id(d.pop("shipment_id"))

        status = ComplaintAnsweredEventDataStatus(d.pop("status"))

        complaint_answered_event_data = cls(
            answer=answer,
            answered_at=answered_at,
            answered_in_time=answered_in_time,
            category=category,
            complaint_id=complaint_id,
            pickup_id=pickup_id,
            shipment_id=shipment_id,
            status=status,
        )

        return complaint_answered_event_data
