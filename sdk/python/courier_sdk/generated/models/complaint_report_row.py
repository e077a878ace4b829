from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ComplaintReportRow")


@_attrs_define
class ComplaintReportRow:
    """
    Attributes:
        answered (int):
        answered_late (int):
        answered_within_7_days (int):
        category (str):
        month (str):  Example: 2026-11.
        open_ (int):
        overdue (int): open and past the 7 days, as of `as_of`
        received (int):
        within_7_days_share (float | None): answered within 7 days ÷ (answered + overdue); complaints still inside their
            7 days are not counted; null when there are none
    """

    answered: int
    answered_late: int
    answered_within_7_days: int
    category: str
    month: str
    open_: int
    overdue: int
    received: int
    within_7_days_share: float | None

    def to_dict(self) -> dict[str, Any]:
        answered = self.answered

        answered_late = self.answered_late

        answered_within_7_days = self.answered_within_7_days

        category = self.category

        month = self.month

        open_ = self.open_

        overdue = self.overdue

        received = self.received

        within_7_days_share: float | None
        within_7_days_share = self.within_7_days_share

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answered": answered,
                "answered_late": answered_late,
                "answered_within_7_days": answered_within_7_days,
                "category": category,
                "month": month,
                "open": open_,
                "overdue": overdue,
                "received": received,
                "within_7_days_share": within_7_days_share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        answered = d.pop("answered")

        answered_late = d.pop("answered_late")

        answered_within_7_days = d.pop("answered_within_7_days")

        category = d.pop("category")

        month = d.pop("month")

        open_ = d.pop("open")

        overdue = d.pop("overdue")

        received = d.pop("received")

        def _parse_within_7_days_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        within_7_days_share = _parse_within_7_days_share(d.pop("within_7_days_share"))

        complaint_report_row = cls(
            answered=answered,
            answered_late=answered_late,
            answered_within_7_days=answered_within_7_days,
            category=category,
            month=month,
            open_=open_,
            overdue=overdue,
            received=received,
            within_7_days_share=within_7_days_share,
        )

        return complaint_report_row
