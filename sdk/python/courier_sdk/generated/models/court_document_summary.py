from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.court_document_summary_outcome import CourtDocumentSummaryOutcome
from ..models.court_document_summary_state import CourtDocumentSummaryState

if TYPE_CHECKING:
    from ..models.price import Price


T = TypeVar("T", bound="CourtDocumentSummary")


@_attrs_define
class CourtDocumentSummary:
    """
    Attributes:
        case_number (str):
        document_type (str):
        id (str):
        outcome (CourtDocumentSummaryOutcome):
        price (Price):
        reference (None | str): the court's own reference (null on documents sent before it)
        row (int):
        state (CourtDocumentSummaryState):
        waybill (str):
    """

    case_number: str
    document_type: str
    id: str
    outcome: CourtDocumentSummaryOutcome
    price: Price
    reference: None | str
    row: int
    state: CourtDocumentSummaryState
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        case_number = self.case_number

        document_type = self.document_type

        id = self.id

        outcome = self.outcome.value

        price = self.price.to_dict()

        reference: None | str
        reference = self.reference

        row = self.row

        state = self.state.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "case_number": case_number,
                "document_type": document_type,
                "id": id,
                "outcome": outcome,
                "price": price,
                "reference": reference,
                "row": row,
                "state": state,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.price import Price

        d = dict(src_dict)
        case_number = d.pop("case_number")

        document_type = d.pop("document_type")

        id = d.pop("id")

        outcome = CourtDocumentSummaryOutcome(d.pop("outcome"))

        price = Price.from_dict(d.pop("price"))

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        row = d.pop("row")

        state = CourtDocumentSummaryState(d.pop("state"))

        waybill = d.pop("waybill")

        court_document_summary = cls(
            case_number=case_number,
            document_type=document_type,
            id=id,
            outcome=outcome,
            price=price,
            reference=reference,
            row=row,
            state=state,
            waybill=waybill,
        )

        return court_document_summary
