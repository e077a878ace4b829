from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.complaint_group import ComplaintGroup
    from ..models.complaint_report_row import ComplaintReportRow


T = TypeVar("T", bound="ComplaintReport")


@_attrs_define
class ComplaintReport:
    """
    Attributes:
        as_of (datetime.datetime):
        from_ (datetime.date):
        rows (list[ComplaintReportRow]):
        to (datetime.date):
        total (ComplaintGroup):
    """

    as_of: datetime.datetime
    from_: datetime.date
    rows: list[ComplaintReportRow]
    to: datetime.date
    total: ComplaintGroup

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        from_ = self.from_.isoformat()

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        to = self.to.isoformat()

        total = self.total.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "from": from_,
                "rows": rows,
                "to": to,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.complaint_group import ComplaintGroup
        from ..models.complaint_report_row import ComplaintReportRow

        d = dict(src_dict)
        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))

        from_ = datetime.date.fromisoformat(d.pop("from"))

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = ComplaintReportRow.from_dict(rows_item_data)

            rows.append(rows_item)

        to = datetime.date.fromisoformat(d.pop("to"))

        total = ComplaintGroup.from_dict(d.pop("total"))

        complaint_report = cls(
            as_of=as_of,
            from_=from_,
            rows=rows,
            to=to,
            total=total,
        )

        return complaint_report
