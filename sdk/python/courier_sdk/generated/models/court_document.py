from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.court_document_outcome import CourtDocumentOutcome
from ..models.court_document_state import CourtDocumentState

if TYPE_CHECKING:
    from ..models.attempt_out import AttemptOut
    from ..models.price import Price


T = TypeVar("T", bound="CourtDocument")


@_attrs_define
class CourtDocument:
    """
    Attributes:
        address (str): address: in full to its owners and for institutions, else masked
        addressee_kind (str):
        addressee_name (str): name: in full to its owners and for institutions, else masked
        addressee_role (str):
        attempts (list[AttemptOut]):
        case_number (str):
        cause (None | str):
        document_type (str):
        id (str):
        job_id (str):
        mediation (bool):
        opposing_party_name (None | str): name: in full to its owners and for institutions, else masked
        outcome (CourtDocumentOutcome):
        phone (str): phone: in full to its owners and for institutions, else masked
        price (Price):
        receipt_url (str):
        reference (None | str): the court's own reference (null on documents sent before it)
        row (int):
        service_date (datetime.datetime | None): when the outcome happened (signing or refusal date)
        service_deadline (datetime.date):
        shipment_id (str):
        state (CourtDocumentState):
        waybill (str):
    """

    address: str
    addressee_kind: str
    addressee_name: str
    addressee_role: str
    attempts: list[AttemptOut]
    case_number: str
    cause: None | str
    document_type: str
    id: str
    job_id: str
    mediation: bool
    opposing_party_name: None | str
    outcome: CourtDocumentOutcome
    phone: str
    price: Price
    receipt_url: str
    reference: None | str
    row: int
    service_date: datetime.datetime | None
    service_deadline: datetime.date
    shipment_id: str
    state: CourtDocumentState
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        addressee_kind = self.addressee_kind

        addressee_name = self.addressee_name

        addressee_role = self.addressee_role

        attempts = []
        for attempts_item_data in self.attempts:
            attempts_item = attempts_item_data.to_dict()
            attempts.append(attempts_item)

        case_number = self.case_number

        cause: None | str
        cause = self.cause

        document_type = self.document_type

        id = self.id

        job_id = self.job_id

        mediation = self.mediation

        opposing_party_name: None | str
        opposing_party_name = self.opposing_party_name

        outcome = self.outcome.value

        phone = self.phone

        price = self.price.to_dict()

        receipt_url = self.receipt_url

        reference: None | str
        reference = self.reference

        row = self.row

        service_date: None | str
        if isinstance(self.service_date, datetime.datetime):
            service_date = self.service_date.isoformat()
        else:
            service_date = self.service_date

        service_deadline = self.service_deadline.isoformat()

        shipment_id = self.shipment_id

        state = self.state.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "addressee_kind": addressee_kind,
                "addressee_name": addressee_name,
                "addressee_role": addressee_role,
                "attempts": attempts,
                "case_number": case_number,
                "cause": cause,
                "document_type": document_type,
                "id": id,
                "job_id": job_id,
                "mediation": mediation,
                "opposing_party_name": opposing_party_name,
                "outcome": outcome,
                "phone": phone,
                "price": price,
                "receipt_url": receipt_url,
                "reference": reference,
                "row": row,
                "service_date": service_date,
                "service_deadline": service_deadline,
                "shipment_id": shipment_id,
                "state": state,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt_out import AttemptOut
        from ..models.price import Price

        d = dict(src_dict)
        address = d.pop("address")

        addressee_kind = d.pop("addressee_kind")

        addressee_name = d.pop("addressee_name")

        addressee_role = d.pop("addressee_role")

        attempts = []
        _attempts = d.pop("attempts")
        for attempts_item_data in _attempts:
            attempts_item = AttemptOut.from_dict(attempts_item_data)

            attempts.append(attempts_item)

        case_number = d.pop("case_number")

        def _parse_cause(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cause = _parse_cause(d.pop("cause"))

        document_type = d.pop("document_type")

        id = d.pop("id")

        job_id = d.pop("job_id")

        mediation = d.pop("mediation")

        def _parse_opposing_party_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        opposing_party_name = _parse_opposing_party_name(d.pop("opposing_party_name"))

        outcome = CourtDocumentOutcome(d.pop("outcome"))

        phone = d.pop("phone")

        price = Price.from_dict(d.pop("price"))

        receipt_url = d.pop("receipt_url")

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        row = d.pop("row")

        def _parse_service_date(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                service_date_type_0 = datetime.datetime.fromisoformat(data)

                return service_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        service_date = _parse_service_date(d.pop("service_date"))

        service_deadline = datetime.date.fromisoformat(d.pop("service_deadline"))

        shipment_id = d.pop("shipment_id")

        state = CourtDocumentState(d.pop("state"))

        waybill = d.pop("waybill")

        court_document = cls(
            address=address,
            addressee_kind=addressee_kind,
            addressee_name=addressee_name,
            addressee_role=addressee_role,
            attempts=attempts,
            case_number=case_number,
            cause=cause,
            document_type=document_type,
            id=id,
            job_id=job_id,
            mediation=mediation,
            opposing_party_name=opposing_party_name,
            outcome=outcome,
            phone=phone,
            price=price,
            receipt_url=receipt_url,
            reference=reference,
            row=row,
            service_date=service_date,
            service_deadline=service_deadline,
            shipment_id=shipment_id,
            state=state,
            waybill=waybill,
        )

        return court_document
