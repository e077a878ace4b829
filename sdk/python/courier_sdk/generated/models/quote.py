from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.quote_currency import QuoteCurrency

if TYPE_CHECKING:
    from ..models.fee_line import FeeLine
    from ..models.options import Options
    from ..models.price import Price


T = TypeVar("T", bound="Quote")


@_attrs_define
class Quote:
    """
    Attributes:
        catalogue_version (int):
        currency (QuoteCurrency):
        deliver_by (datetime.datetime | None):
        destination_station_id (str):
        expires_at (datetime.datetime):
        fee_lines (list[FeeLine]):
        id (str):
        insured_amount_fen (int):
        notice (None | str):
        options (Options):
        origin_station_id (str):
        pickup_by (datetime.datetime):
        premium_fen (int):
        price (Price):
        product (str):
        promise_available (bool): false: the couriers of the region cannot be at the door within the hour now (supply
            and backlog); pickup_by is then the earliest honest time, and an order from this quote keeps it
        promise_start (datetime.datetime):
        station_open_now (bool):
        total_fen (int):
    """

    catalogue_version: int
    currency: QuoteCurrency
    deliver_by: datetime.datetime | None
    destination_station_id: str
    expires_at: datetime.datetime
    fee_lines: list[FeeLine]
    id: str
    insured_amount_fen: int
    notice: None | str
    options: Options
    origin_station_id: str
    pickup_by: datetime.datetime
    premium_fen: int
    price: Price
    product: str
    promise_available: bool
    promise_start: datetime.datetime
    station_open_now: bool
    total_fen: int

    def to_dict(self) -> dict[str, Any]:
        catalogue_version = self.catalogue_version

        currency = self.currency.value

        deliver_by: None | str
        if isinstance(self.deliver_by, datetime.datetime):
            deliver_by = self.deliver_by.isoformat()
        else:
            deliver_by = self.deliver_by

        destination_station_id = self.destination_station_id

        expires_at = self.expires_at.isoformat()

        fee_lines = []
        for fee_lines_item_data in self.fee_lines:
            fee_lines_item = fee_lines_item_data.to_dict()
            fee_lines.append(fee_lines_item)

        id = self.id

        insured_amount_fen = self.insured_amount_fen

        notice: None | str
        notice = self.notice

        options = self.options.to_dict()

        origin_station_id = self.origin_station_id

        pickup_by = self.pickup_by.isoformat()

        premium_fen = self.premium_fen

        price = self.price.to_dict()

        product = self.product

        promise_available = self.promise_available

        promise_start = self.promise_start.isoformat()

        station_open_now = self.station_open_now

        total_fen = self.total_fen

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "catalogue_version": catalogue_version,
                "currency": currency,
                "deliver_by": deliver_by,
                "destination_station_id": destination_station_id,
                "expires_at": expires_at,
                "fee_lines": fee_lines,
                "id": id,
                "insured_amount_fen": insured_amount_fen,
                "notice": notice,
                "options": options,
                "origin_station_id": origin_station_id,
                "pickup_by": pickup_by,
                "premium_fen": premium_fen,
                "price": price,
                "product": product,
                "promise_available": promise_available,
                "promise_start": promise_start,
                "station_open_now": station_open_now,
                "total_fen": total_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.fee_line import FeeLine
        from ..models.options import Options
        from ..models.price import Price

        d = dict(src_dict)
        catalogue_version = d.pop("catalogue_version")

        currency = QuoteCurrency(d.pop("currency"))

        def _parse_deliver_by(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deliver_by_type_0 = datetime.datetime.fromisoformat(data)

                return deliver_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deliver_by = _parse_deliver_by(d.pop("deliver_by"))

        destination_station_id = d.pop("destination_station_id")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        fee_lines = []
        _fee_lines = d.pop("fee_lines")
        for fee_lines_item_data in _fee_lines:
            fee_lines_item = FeeLine.from_dict(fee_lines_item_data)

            fee_lines.append(fee_lines_item)

        id = d.pop("id")

        insured_amount_fen = d.pop("insured_amount_fen")

        def _parse_notice(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notice = _parse_notice(d.pop("notice"))

        options = Options.from_dict(d.pop("options"))

        origin_station_id = d.pop("origin_station_id")

        pickup_by = datetime.datetime.fromisoformat(d.pop("pickup_by"))

        premium_fen = d.pop("premium_fen")

        price = Price.from_dict(d.pop("price"))

        product = d.pop("product")

        promise_available = d.pop("promise_available")

        promise_start = datetime.datetime.fromisoformat(d.pop("promise_start"))

        station_open_now = d.pop("station_open_now")

        total_fen = d.pop("total_fen")

        quote = cls(
            catalogue_version=catalogue_version,
            currency=currency,
            deliver_by=deliver_by,
            destination_station_id=destination_station_id,
            expires_at=expires_at,
            fee_lines=fee_lines,
            id=id,
            insured_amount_fen=insured_amount_fen,
            notice=notice,
            options=options,
            origin_station_id=origin_station_id,
            pickup_by=pickup_by,
            premium_fen=premium_fen,
            price=price,
            product=product,
            promise_available=promise_available,
            promise_start=promise_start,
            station_open_now=station_open_now,
            total_fen=total_fen,
        )

        return quote
