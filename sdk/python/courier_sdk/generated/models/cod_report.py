from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.cod_report_currency import CodReportCurrency

T = TypeVar("T", bound="CodReport")


@_attrs_define
class CodReport:
    """
    Attributes:
        collected_count (int):
        collected_fen (int): amount in fen
        currency (CodReportCurrency):
        discrepancy_count (int):
        from_ (datetime.date):
        max_hours_to_remittance (float | None):
        median_hours_to_remittance (float | None):
        remitted_count (int):
        shortage_fen (int): amount in fen
        surplus_fen (int): amount in fen
        to (datetime.date):
        within_t_plus_1_count (int): remitted by the end of the next business day
        within_t_plus_1_share (float | None):
    """

    collected_count: int
    collected_fen: int
    currency: CodReportCurrency
    discrepancy_count: int
    from_: datetime.date
    max_hours_to_remittance: float | None
    median_hours_to_remittance: float | None
    remitted_count: int
    shortage_fen: int
    surplus_fen: int
    to: datetime.date
    within_t_plus_1_count: int
    within_t_plus_1_share: float | None

    def to_dict(self) -> dict[str, Any]:
        collected_count = self.collected_count

        collected_fen = self.collected_fen

        currency = self.currency.value

        discrepancy_count = self.discrepancy_count

        from_ = self.from_.isoformat()

        max_hours_to_remittance: float | None
        max_hours_to_remittance = self.max_hours_to_remittance

        median_hours_to_remittance: float | None
        median_hours_to_remittance = self.median_hours_to_remittance

        remitted_count = self.remitted_count

        shortage_fen = self.shortage_fen

        surplus_fen = self.surplus_fen

        to = self.to.isoformat()

        within_t_plus_1_count = self.within_t_plus_1_count

        within_t_plus_1_share: float | None
        within_t_plus_1_share = self.within_t_plus_1_share

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "collected_count": collected_count,
                "collected_fen": collected_fen,
                "currency": currency,
                "discrepancy_count": discrepancy_count,
                "from": from_,
                "max_hours_to_remittance": max_hours_to_remittance,
                "median_hours_to_remittance": median_hours_to_remittance,
                "remitted_count": remitted_count,
                "shortage_fen": shortage_fen,
                "surplus_fen": surplus_fen,
                "to": to,
                "within_t_plus_1_count": within_t_plus_1_count,
                "within_t_plus_1_share": within_t_plus_1_share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        collected_count = d.pop("collected_count")

        collected_fen = d.pop("collected_fen")

        currency = CodReportCurrency(d.pop("currency"))

        discrepancy_count = d.pop("discrepancy_count")

        from_ = datetime.date.fromisoformat(d.pop("from"))

        def _parse_max_hours_to_remittance(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        max_hours_to_remittance = _parse_max_hours_to_remittance(d.pop("max_hours_to_remittance"))

        def _parse_median_hours_to_remittance(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_hours_to_remittance = _parse_median_hours_to_remittance(
            d.pop("median_hours_to_remittance")
        )

        remitted_count = d.pop("remitted_count")

        shortage_fen = d.pop("shortage_fen")

        surplus_fen = d.pop("surplus_fen")

        to = datetime.date.fromisoformat(d.pop("to"))

        within_t_plus_1_count = d.pop("within_t_plus_1_count")

        def _parse_within_t_plus_1_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        within_t_plus_1_share = _parse_within_t_plus_1_share(d.pop("within_t_plus_1_share"))

        cod_report = cls(
            collected_count=collected_count,
            collected_fen=collected_fen,
            currency=currency,
            discrepancy_count=discrepancy_count,
            from_=from_,
            max_hours_to_remittance=max_hours_to_remittance,
            median_hours_to_remittance=median_hours_to_remittance,
            remitted_count=remitted_count,
            shortage_fen=shortage_fen,
            surplus_fen=surplus_fen,
            to=to,
            within_t_plus_1_count=within_t_plus_1_count,
            within_t_plus_1_share=within_t_plus_1_share,
        )

        return cod_report
