from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.staff_complaint_category import StaffComplaintCategory
from ..models.staff_complaint_status import StaffComplaintStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="StaffComplaint")


@_attrs_define
class StaffComplaint:
    """
    Attributes:
        answer (None | str):
        answer_due_at (datetime.datetime):
        answered_at (datetime.datetime | None):
        answered_in_time (bool | None): within the 7 days; null while open
        category (StaffComplaintCategory):
        days_left (int | None): of the 7 days; null once answered
        description (str):
        id (str):
        overdue (bool): unanswered after 7 days
        pickup_id (None | str):
        shipment_id (None | str):
        status (StaffComplaintStatus):
        submitted_at (datetime.datetime):
        answered_by_id (None | str | Unset):
        complainant_id (str | Unset):
        complainant_kind (str | Unset):
        filed_by (str | Unset):
    """

    answer: None | str
    answer_due_at: datetime.datetime
    answered_at: datetime.datetime | None
    answered_in_time: bool | None
    category: StaffComplaintCategory
    days_left: int | None
    description: str
    id: str
    overdue: bool
    pickup_id: None | str
    shipment_id: None | str
    status: StaffComplaintStatus
    submitted_at: datetime.datetime
    answered_by_id: None | str | Unset = UNSET
    complainant_id: str | Unset = UNSET
    complainant_kind: str | Unset = UNSET
    filed_by: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        answer: None | str
        answer = self.answer

        answer_due_at = self.answer_due_at.isoformat()

        answered_at: None | str
        if isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        answered_in_time: bool | None
        answered_in_time = self.answered_in_time

        category = self.category.value

        days_left: int | None
        days_left = self.days_left

        description = self.description

        id = self.id

        overdue = self.overdue

        pickup_id: None | str
        pickup_id = self.pickup_id

        shipment_id: None | str
        shipment_id = self.shipment_id

        status = self.status.value

        submitted_at = self.submitted_at.isoformat()

        answered_by_id: None | str | Unset
        if isinstance(self.answered_by_id, Unset):
            answered_by_id = UNSET
        else:
            answered_by_id = self.answered_by_id

        complainant_id = self.complainant_id

        complainant_kind = self.complainant_kind

        filed_by = self.filed_by

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer": answer,
                "answer_due_at": answer_due_at,
                "answered_at": answered_at,
                "answered_in_time": answered_in_time,
                "category": category,
                "days_left": days_left,
                "description": description,
                "id": id,
                "overdue": overdue,
                "pickup_id": pickup_id,
                "shipment_id": shipment_id,
                "status": status,
                "submitted_at": submitted_at,
            }
        )
        if answered_by_id is not UNSET:
            field_dict["answered_by_id"] = answered_by_id
        if complainant_id is not UNSET:
            field_dict["complainant_id"] = complainant_id
        if complainant_kind is not UNSET:
            field_dict["complainant_kind"] = complainant_kind
        if filed_by is not UNSET:
            field_dict["filed_by"] = filed_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_answer(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        answer = _parse_answer(d.pop("answer"))

        answer_due_at = datetime.datetime.fromisoformat(d.pop("answer_due_at"))

        def _parse_answered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)

                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        answered_at = _parse_answered_at(d.pop("answered_at"))

        def _parse_answered_in_time(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        answered_in_time = _parse_answered_in_time(d.pop("answered_in_time"))

        category = StaffComplaintCategory(d.pop("category"))

        def _parse_days_left(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        days_left = _parse_days_left(d.pop("days_left"))

        description = d.pop("description")

        id = d.pop("id")

        overdue = d.pop("overdue")

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

        status = StaffComplaintStatus(d.pop("status"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        def _parse_answered_by_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        answered_by_id = _parse_answered_by_id(d.pop("answered_by_id", UNSET))

        complainant_id = d.pop("complainant_id", UNSET)

        complainant_kind = d.pop("complainant_kind", UNSET)

        filed_by = d.pop("filed_by", UNSET)

        staff_complaint = cls(
            answer=answer,
            answer_due_at=answer_due_at,
            answered_at=answered_at,
            answered_in_time=answered_in_time,
            category=category,
            days_left=days_left,
            description=description,
            id=id,
            overdue=overdue,
            pickup_id=pickup_id,
            shipment_id=shipment_id,
            status=status,
            submitted_at=submitted_at,
            answered_by_id=answered_by_id,
            complainant_id=complainant_id,
            complainant_kind=complainant_kind,
            filed_by=filed_by,
        )

        return staff_complaint
