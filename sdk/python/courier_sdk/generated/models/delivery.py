from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.delivery_currency import DeliveryCurrency
from ..models.delivery_status import DeliveryStatus

if TYPE_CHECKING:
    from ..models.item import Item
    from ..models.options import Options
    from ..models.price import Price
    from ..models.proxy import Proxy
    from ..models.shipment_party import ShipmentParty


T = TypeVar("T", bound="Delivery")


@_attrs_define
class Delivery:
    """
    Attributes:
        channel (str):
        cold_chain (bool):
        confirmed_at (datetime.datetime | None):
        created_at (datetime.datetime):
        currency (DeliveryCurrency):
        declared_value_fen (int): amount in fen
        deliver_by (datetime.datetime | None): null until the hospital confirms a WeChat order
        fee_fen (int): amount in fen
        id (str):
        insured_amount_fen (int): amount in fen
        items (list[Item]):
        options (Options):
        organisation_id (str):
        pickup_point_id (str):
        price (Price):
        product (str):
        proxies (list[Proxy]): who may receive instead of the patient (names in full to the delivery's owners, else
            masked)
        recipient (ShipmentParty):
        reference_no (str):
        run_at (datetime.datetime | None): the hand-over run that collects it; null until the hospital confirms a WeChat
            order
        shipment_id (str):
        status (DeliveryStatus): awaiting_confirmation, or the shipment's state
        waybill (str):
    """

    channel: str
    cold_chain: bool
    confirmed_at: datetime.datetime | None
    created_at: datetime.datetime
    currency: DeliveryCurrency
    declared_value_fen: int
    deliver_by: datetime.datetime | None
    fee_fen: int
    id: str
    insured_amount_fen: int
    items: list[Item]
    options: Options
    organisation_id: str
    pickup_point_id: str
    price: Price
    product: str
    proxies: list[Proxy]
    recipient: ShipmentParty
    reference_no: str
    run_at: datetime.datetime | None
    shipment_id: str
    status: DeliveryStatus
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        cold_chain = self.cold_chain

        confirmed_at: None | str
        if isinstance(self.confirmed_at, datetime.datetime):
            confirmed_at = self.confirmed_at.isoformat()
        else:
            confirmed_at = self.confirmed_at

        created_at = self.created_at.isoformat()

        currency = self.currency.value

        declared_value_fen = self.declared_value_fen

        deliver_by: None | str
        if isinstance(self.deliver_by, datetime.datetime):
            deliver_by = self.deliver_by.isoformat()
        else:
            deliver_by = self.deliver_by

        fee_fen = self.fee_fen

        id = self.id

        insured_amount_fen = self.insured_amount_fen

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        options = self.options.to_dict()

        organisation_id = self.organisation_id

        pickup_point_id = self.pickup_point_id

        price = self.price.to_dict()

        product = self.product

        proxies = []
        for proxies_item_data in self.proxies:
            proxies_item = proxies_item_data.to_dict()
            proxies.append(proxies_item)

        recipient = self.recipient.to_dict()

        reference_no = self.reference_no

        run_at: None | str
        if isinstance(self.run_at, datetime.datetime):
            run_at = self.run_at.isoformat()
        else:
            run_at = self.run_at

        shipment_id = self.shipment_id

        status = self.status.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "cold_chain": cold_chain,
                "confirmed_at": confirmed_at,
                "created_at": created_at,
                "currency": currency,
                "declared_value_fen": declared_value_fen,
                "deliver_by": deliver_by,
                "fee_fen": fee_fen,
                "id": id,
                "insured_amount_fen": insured_amount_fen,
                "items": items,
                "options": options,
                "organisation_id": organisation_id,
                "pickup_point_id": pickup_point_id,
                "price": price,
                "product": product,
                "proxies": proxies,
                "recipient": recipient,
                "reference_no": reference_no,
                "run_at": run_at,
                "shipment_id": shipment_id,
                "status": status,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.item import Item
        from ..models.options import Options
        from ..models.price import Price
        from ..models.proxy import Proxy
        from ..models.shipment_party import ShipmentParty

        d = dict(src_dict)
        channel = d.pop("channel")

        cold_chain = d.pop("cold_chain")

        def _parse_confirmed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        confirmed_at = _parse_confirmed_at(d.pop("confirmed_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = DeliveryCurrency(d.pop("currency"))

        declared_value_fen = d.pop("declared_value_fen")

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

        fee_fen = d.pop("fee_fen")

        id = d.pop("id")

        insured_amount_fen = d.pop("insured_amount_fen")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Item.from_dict(items_item_data)

            items.append(items_item)

        options = Options.from_dict(d.pop("options"))

        organisation_id = d.pop("organisation_id")

        pickup_point_id = d.pop("pickup_point_id")

        price = Price.from_dict(d.pop("price"))

        product = d.pop("product")

        proxies = []
        _proxies = d.pop("proxies")
        for proxies_item_data in _proxies:
            proxies_item = Proxy.from_dict(proxies_item_data)

            proxies.append(proxies_item)

        recipient = ShipmentParty.from_dict(d.pop("recipient"))

        reference_no = d.pop("reference_no")

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

        status = DeliveryStatus(d.pop("status"))

        waybill = d.pop("waybill")

        delivery = cls(
            channel=channel,
            cold_chain=cold_chain,
            confirmed_at=confirmed_at,
            created_at=created_at,
            currency=currency,
            declared_value_fen=declared_value_fen,
            deliver_by=deliver_by,
            fee_fen=fee_fen,
            id=id,
            insured_amount_fen=insured_amount_fen,
            items=items,
            options=options,
            organisation_id=organisation_id,
            pickup_point_id=pickup_point_id,
            price=price,
            product=product,
            proxies=proxies,
            recipient=recipient,
            reference_no=reference_no,
            run_at=run_at,
            shipment_id=shipment_id,
            status=status,
            waybill=waybill,
        )

        return delivery
