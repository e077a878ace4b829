from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.application_currency import ApplicationCurrency
from ..models.application_shipment_state import ApplicationShipmentState
from ..models.application_state import ApplicationState

if TYPE_CHECKING:
    from ..models.named_recipient import NamedRecipient
    from ..models.price import Price
    from ..models.shipment_party import ShipmentParty


T = TypeVar("T", bound="Application")


@_attrs_define
class Application:
    """
    Attributes:
        baby_name (str): name: in full to its owners and for institutions, else masked
        birth_date (datetime.date):
        certificate_no (None | str):
        cod_amount_fen (int): amount in fen
        consented_at (datetime.datetime):
        created_at (datetime.datetime):
        currency (ApplicationCurrency):
        deliver_by (datetime.datetime | None): null until the certificate is ready
        fee_fen (int): amount in fen
        id (str):
        organisation_id (str):
        parents (list[NamedRecipient]): mother and father: names in full to the owners; ID numbers masked
        postage_on_delivery (bool):
        price (Price):
        ready_at (datetime.datetime | None):
        recipient (ShipmentParty):
        reject_reason (None | str):
        rejected_at (datetime.datetime | None):
        run_at (datetime.datetime | None): the hand-over run that collects it; null until the certificate is ready
        shipment_id (str):
        shipment_state (ApplicationShipmentState):
        state (ApplicationState):
        waybill (str):
    """

    baby_name: str
    birth_date: datetime.date
    certificate_no: None | str
    cod_amount_fen: int
    consented_at: datetime.datetime
    created_at: datetime.datetime
    currency: ApplicationCurrency
    deliver_by: datetime.datetime | None
    fee_fen: int
    id: str
    organisation_id: str
    parents: list[NamedRecipient]
    postage_on_delivery: bool
    price: Price
    ready_at: datetime.datetime | None
    recipient: ShipmentParty
    reject_reason: None | str
    rejected_at: datetime.datetime | None
    run_at: datetime.datetime | None
    shipment_id: str
    shipment_state: ApplicationShipmentState
    state: ApplicationState
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        baby_name = self.baby_name

        birth_date = self.birth_date.isoformat()

        certificate_no: None | str
        certificate_no = self.certificate_no

        cod_amount_fen = self.cod_amount_fen

        consented_at = self.consented_at.isoformat()

        created_at = self.created_at.isoformat()

        currency = self.currency.value

        deliver_by: None | str
        if isinstance(self.deliver_by, datetime.datetime):
            deliver_by = self.deliver_by.isoformat()
        else:
            deliver_by = self.deliver_by

        fee_fen = self.fee_fen

        id = self.id

        organisation_id = self.organisation_id

        parents = []
        for parents_item_data in self.parents:
            parents_item = parents_item_data.to_dict()
            parents.append(parents_item)

        postage_on_delivery = self.postage_on_delivery

        price = self.price.to_dict()

        ready_at: None | str
        if isinstance(self.ready_at, datetime.datetime):
            ready_at = self.ready_at.isoformat()
        else:
            ready_at = self.ready_at

        recipient = self.recipient.to_dict()

        reject_reason: None | str
        reject_reason = self.reject_reason

        rejected_at: None | str
        if isinstance(self.rejected_at, datetime.datetime):
            rejected_at = self.rejected_at.isoformat()
        else:
            rejected_at = self.rejected_at

        run_at: None | str
        if isinstance(self.run_at, datetime.datetime):
            run_at = self.run_at.isoformat()
        else:
            run_at = self.run_at

        shipment_id = self.shipment_id

        shipment_state = self.shipment_state.value

        state = self.state.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "baby_name": baby_name,
                "birth_date": birth_date,
                "certificate_no": certificate_no,
                "cod_amount_fen": cod_amount_fen,
                "consented_at": consented_at,
                "created_at": created_at,
                "currency": currency,
                "deliver_by": deliver_by,
                "fee_fen": fee_fen,
                "id": id,
                "organisation_id": organisation_id,
                "parents": parents,
                "postage_on_delivery": postage_on_delivery,
                "price": price,
                "ready_at": ready_at,
                "recipient": recipient,
                "reject_reason": reject_reason,
                "rejected_at": rejected_at,
                "run_at": run_at,
                "shipment_id": shipment_id,
                "shipment_state": shipment_state,
                "state": state,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.named_recipient import NamedRecipient
        from ..models.price import Price
        from ..models.shipment_party import ShipmentParty

        d = dict(src_dict)
        baby_name = d.pop("baby_name")

        birth_date = datetime.date.fromisoformat(d.pop("birth_date"))

        def _parse_certificate_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        certificate_no = _parse_certificate_no(d.pop("certificate_no"))

        cod_amount_fen = d.pop("cod_amount_fen")

        consented_at = datetime.datetime.fromisoformat(d.pop("consented_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = ApplicationCurrency(d.pop("currency"))

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

        organisation_id = d.pop("organisation_id")

        parents = []
        _parents = d.pop("parents")
        for parents_item_data in _parents:
            parents_item = NamedRecipient.from_dict(parents_item_data)

            parents.append(parents_item)

        postage_on_delivery = d.pop("postage_on_delivery")

        price = Price.from_dict(d.pop("price"))

        def _parse_ready_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ready_at_type_0 = datetime.datetime.fromisoformat(data)

                return ready_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ready_at = _parse_ready_at(d.pop("ready_at"))

        recipient = ShipmentParty.from_dict(d.pop("recipient"))

        def _parse_reject_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reject_reason = _parse_reject_reason(d.pop("reject_reason"))

        def _parse_rejected_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rejected_at_type_0 = datetime.datetime.fromisoformat(data)

                return rejected_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        rejected_at = _parse_rejected_at(d.pop("rejected_at"))

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

        shipment_state = ApplicationShipmentState(d.pop("shipment_state"))

        state = ApplicationState(d.pop("state"))

        waybill = d.pop("waybill")

        application = cls(
            baby_name=baby_name,
            birth_date=birth_date,
            certificate_no=certificate_no,
            cod_amount_fen=cod_amount_fen,
            consented_at=consented_at,
            created_at=created_at,
            currency=currency,
            deliver_by=deliver_by,
            fee_fen=fee_fen,
            id=id,
            organisation_id=organisation_id,
            parents=parents,
            postage_on_delivery=postage_on_delivery,
            price=price,
            ready_at=ready_at,
            recipient=recipient,
            reject_reason=reject_reason,
            rejected_at=rejected_at,
            run_at=run_at,
            shipment_id=shipment_id,
            shipment_state=shipment_state,
            state=state,
            waybill=waybill,
        )

        return application
