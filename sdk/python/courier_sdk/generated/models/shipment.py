from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.shipment_currency import ShipmentCurrency
from ..models.shipment_state import ShipmentState

if TYPE_CHECKING:
    from ..models.named_recipient import NamedRecipient
    from ..models.options import Options
    from ..models.price import Price
    from ..models.shipment_party import ShipmentParty


T = TypeVar("T", bound="Shipment")


@_attrs_define
class Shipment:
    """
    Attributes:
        attempts (int):
        catalogue_version (int):
        cod_amount_fen (int):
        created_at (datetime.datetime):
        currency (ShipmentCurrency):
        declared_value_fen (int):
        deliver_by (datetime.datetime | None):
        delivered_at (datetime.datetime | None):
        destination_station_id (None | str):
        fee_fen (int):
        id (str):
        insured_amount_fen (int):
        named_recipients (list[NamedRecipient]):
        options (Options):
        origin_station_id (None | str):
        outcome (None | str): the product's named result (court: served, …), if any
        outcome_at (datetime.datetime | None):
        pin_required (bool):
        premium_fen (int):
        price (Price):
        product (str):
        recipient (ShipmentParty):
        seal_no (None | str):
        sender (ShipmentParty):
        state (ShipmentState):
        state_changed_at (datetime.datetime):
        waybill (str):
        weight_g (int):
    """

    attempts: int
    catalogue_version: int
    cod_amount_fen: int
    created_at: datetime.datetime
    currency: ShipmentCurrency
    declared_value_fen: int
    deliver_by: datetime.datetime | None
    delivered_at: datetime.datetime | None
    destination_station_id: None | str
    fee_fen: int
    id: str
    insured_amount_fen: int
    named_recipients: list[NamedRecipient]
    options: Options
    origin_station_id: None | str
    outcome: None | str
    outcome_at: datetime.datetime | None
    pin_required: bool
    premium_fen: int
    price: Price
    product: str
    recipient: ShipmentParty
    seal_no: None | str
    sender: ShipmentParty
    state: ShipmentState
    state_changed_at: datetime.datetime
    waybill: str
    weight_g: int

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        catalogue_version = self.catalogue_version

        cod_amount_fen = self.cod_amount_fen

        created_at = self.created_at.isoformat()

        currency = self.currency.value

        declared_value_fen = self.declared_value_fen

        deliver_by: None | str
        if isinstance(self.deliver_by, datetime.datetime):
            deliver_by = self.deliver_by.isoformat()
        else:
            deliver_by = self.deliver_by

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        destination_station_id: None | str
        destination_station_id = self.destination_station_id

        fee_fen = self.fee_fen

        id = self.id

        insured_amount_fen = self.insured_amount_fen

        named_recipients = []
        for named_recipients_item_data in self.named_recipients:
            named_recipients_item = named_recipients_item_data.to_dict()
            named_recipients.append(named_recipients_item)

        options = self.options.to_dict()

        origin_station_id: None | str
        origin_station_id = self.origin_station_id

        outcome: None | str
        outcome = self.outcome

        outcome_at: None | str
        if isinstance(self.outcome_at, datetime.datetime):
            outcome_at = self.outcome_at.isoformat()
        else:
            outcome_at = self.outcome_at

        pin_required = self.pin_required

        premium_fen = self.premium_fen

        price = self.price.to_dict()

        product = self.product

        recipient = self.recipient.to_dict()

        seal_no: None | str
        seal_no = self.seal_no

        sender = self.sender.to_dict()

        state = self.state.value

        state_changed_at = self.state_changed_at.isoformat()

        waybill = self.waybill

        weight_g = self.weight_g

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attempts": attempts,
                "catalogue_version": catalogue_version,
                "cod_amount_fen": cod_amount_fen,
                "created_at": created_at,
                "currency": currency,
                "declared_value_fen": declared_value_fen,
                "deliver_by": deliver_by,
                "delivered_at": delivered_at,
                "destination_station_id": destination_station_id,
                "fee_fen": fee_fen,
                "id": id,
                "insured_amount_fen": insured_amount_fen,
                "named_recipients": named_recipients,
                "options": options,
                "origin_station_id": origin_station_id,
                "outcome": outcome,
                "outcome_at": outcome_at,
                "pin_required": pin_required,
                "premium_fen": premium_fen,
                "price": price,
                "product": product,
                "recipient": recipient,
                "seal_no": seal_no,
                "sender": sender,
                "state": state,
                "state_changed_at": state_changed_at,
                "waybill": waybill,
                "weight_g": weight_g,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.named_recipient import NamedRecipient
        from ..models.options import Options
        from ..models.price import Price
        from ..models.shipment_party import ShipmentParty

        d = dict(src_dict)
        attempts = d.pop("attempts")

        catalogue_version = d.pop("catalogue_version")

        cod_amount_fen = d.pop("cod_amount_fen")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = ShipmentCurrency(d.pop("currency"))

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

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        def _parse_destination_station_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        destination_station_id = _parse_destination_station_id(d.pop("destination_station_id"))

        fee_fen = d.pop("fee_fen")

        id = d.pop("id")

        insured_amount_fen = d.pop("insured_amount_fen")

        named_recipients = []
        _named_recipients = d.pop("named_recipients")
        for named_recipients_item_data in _named_recipients:
            named_recipients_item = NamedRecipient.from_dict(named_recipients_item_data)

            named_recipients.append(named_recipients_item)

        options = Options.from_dict(d.pop("options"))

        def _parse_origin_station_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        origin_station_id = _parse_origin_station_id(d.pop("origin_station_id"))

        def _parse_outcome(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome = _parse_outcome(d.pop("outcome"))

        def _parse_outcome_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_at_type_0 = datetime.datetime.fromisoformat(data)

                return outcome_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        outcome_at = _parse_outcome_at(d.pop("outcome_at"))

        pin_required = d.pop("pin_required")

        premium_fen = d.pop("premium_fen")

        price = Price.from_dict(d.pop("price"))

        product = d.pop("product")

        recipient = ShipmentParty.from_dict(d.pop("recipient"))

        def _parse_seal_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        seal_no = _parse_seal_no(d.pop("seal_no"))

        sender = ShipmentParty.from_dict(d.pop("sender"))

        state = ShipmentState(d.pop("state"))

        state_changed_at = datetime.datetime.fromisoformat(d.pop("state_changed_at"))

        waybill = d.pop("waybill")

        weight_g = d.pop("weight_g")

        shipment = cls(
            attempts=attempts,
            catalogue_version=catalogue_version,
            cod_amount_fen=cod_amount_fen,
            created_at=created_at,
            currency=currency,
            declared_value_fen=declared_value_fen,
            deliver_by=deliver_by,
            delivered_at=delivered_at,
            destination_station_id=destination_station_id,
            fee_fen=fee_fen,
            id=id,
            insured_amount_fen=insured_amount_fen,
            named_recipients=named_recipients,
            options=options,
            origin_station_id=origin_station_id,
            outcome=outcome,
            outcome_at=outcome_at,
            pin_required=pin_required,
            premium_fen=premium_fen,
            price=price,
            product=product,
            recipient=recipient,
            seal_no=seal_no,
            sender=sender,
            state=state,
            state_changed_at=state_changed_at,
            waybill=waybill,
            weight_g=weight_g,
        )

        return shipment
