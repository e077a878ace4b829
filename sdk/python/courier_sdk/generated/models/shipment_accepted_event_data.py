from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ShipmentAcceptedEventData")


@_attrs_define
class ShipmentAcceptedEventData:
    """
    Attributes:
        deliver_by (datetime.datetime | None):
        product (str):
        run_at (datetime.datetime | None):
        shipment_id (str):
        waybill (str):
    """

    deliver_by: datetime.datetime | None
    product: str
    run_at: datetime.datetime | None
    shipment_id: str
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        deliver_by: None | str
        if isinstance(self.deliver_by, datetime.datetime):
            deliver_by = self.deliver_by.isoformat()
        else:
            deliver_by = self.deliver_by

        product = self.product

        run_at: None | str
        if isinstance(self.run_at, datetime.datetime):
            run_at = self.run_at.isoformat()
        else:
            run_at = self.run_at

        shipment_id = self.shipment_id

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "deliver_by": deliver_by,
                "product": product,
                "run_at": run_at,
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

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

        product = d.pop("product")

        def _parse_run_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                run_at_type_0 = datetime.datetime.fromisoformat(data)

                return run_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        run_at = _parse_run_at(d.pop("run_at"))

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        shipment_accepted_event_data = cls(
            deliver_by=deliver_by,
            product=product,
            run_at=run_at,
            shipment_id=shipment_id,
            waybill=waybill,
        )

        return shipment_accepted_event_data
