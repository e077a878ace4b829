from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.claim_report_currency import ClaimReportCurrency

if TYPE_CHECKING:
    from ..models.claim_group import ClaimGroup
    from ..models.claim_report_row import ClaimReportRow


T = TypeVar("T", bound="ClaimReport")


@_attrs_define
class ClaimReport:
    """
    Attributes:
        currency (ClaimReportCurrency):
        from_ (datetime.date):
        rows (list[ClaimReportRow]):
        to (datetime.date):
        total (ClaimGroup):
    """

    currency: ClaimReportCurrency
    from_: datetime.date
    rows: list[ClaimReportRow]
    to: datetime.date
    total: ClaimGroup

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency.value

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
                "currency": currency,
                "from": from_,
                "rows": rows,
                "to": to,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.claim_group import ClaimGroup
        from ..models.claim_report_row import ClaimReportRow

        d = dict(src_dict)
        currency = ClaimReportCurrency(d.pop("currency"))

        from_ = datetime.date.fromisoformat(d.pop("from"))

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = ClaimReportRow.from_dict(rows_item_data)

            rows.append(rows_item)

        to = datetime.date.fromisoformat(d.pop("to"))

        total = ClaimGroup.from_dict(d.pop("total"))

        claim_report = cls(
            currency=currency,
            from_=from_,
            rows=rows,
            to=to,
            total=total,
        )

        return claim_report
