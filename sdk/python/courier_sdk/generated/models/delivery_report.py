from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.delivery_sla_row import DeliverySlaRow


T = TypeVar("T", bound="DeliveryReport")


@_attrs_define
class DeliveryReport:
    """
    Attributes:
        from_ (datetime.datetime):
        period (str):
        rows (list[DeliverySlaRow]):
        to (datetime.datetime):
    """

    from_: datetime.datetime
    period: str
    rows: list[DeliverySlaRow]
    to: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        period = self.period

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        to = self.to.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "period": period,
                "rows": rows,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.delivery_sla_row import DeliverySlaRow

        d = dict(src_dict)
        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        period = d.pop("period")

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = DeliverySlaRow.from_dict(rows_item_data)

            rows.append(rows_item)

        to = datetime.datetime.fromisoformat(d.pop("to"))

        delivery_report = cls(
            from_=from_,
            period=period,
            rows=rows,
            to=to,
        )

        return delivery_report
