from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attempt_next_step import AttemptNextStep
from ..models.attempt_outcome import AttemptOutcome

if TYPE_CHECKING:
    from ..models.proof_out import ProofOut


T = TypeVar("T", bound="Attempt")


@_attrs_define
class Attempt:
    """
    Attributes:
        id (str):
        next_step (AttemptNextStep): `lodged`: a refusal that served the item by lodging; it stays
        number (int): 1, 2, …; 0 for the return to the sender
        occurred_at (datetime.datetime):
        outcome (AttemptOutcome):
        phone_reached (bool | None):
        proof (None | ProofOut):
        reason_code (None | str):
        shipment_id (str):
        task_id (str):
    """

    id: str
    next_step: AttemptNextStep
    number: int
    occurred_at: datetime.datetime
    outcome: AttemptOutcome
    phone_reached: bool | None
    proof: None | ProofOut
    reason_code: None | str
    shipment_id: str
    task_id: str

    def to_dict(self) -> dict[str, Any]:
        from ..models.proof_out import ProofOut

        id = self.id

        next_step = self.next_step.value

        number = self.number

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome.value

        phone_reached: bool | None
        phone_reached = self.phone_reached

        proof: dict[str, Any] | None
        if isinstance(self.proof, ProofOut):
            proof = self.proof.to_dict()
        else:
            proof = self.proof

        reason_code: None | str
        reason_code = self.reason_code

        shipment_id = self.shipment_id

        task_id = self.task_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "next_step": next_step,
                "number": number,
                "occurred_at": occurred_at,
                "outcome": outcome,
                "phone_reached": phone_reached,
                "proof": proof,
                "reason_code": reason_code,
                "shipment_id": shipment_id,
                "task_id": task_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.proof_out import ProofOut

        d = dict(src_dict)
        id = d.pop("id")

        next_step = AttemptNextStep(d.pop("next_step"))

        number = d.pop("number")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = AttemptOutcome(d.pop("outcome"))

        def _parse_phone_reached(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        phone_reached = _parse_phone_reached(d.pop("phone_reached"))

        def _parse_proof(data: object) -> None | ProofOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                proof_type_0 = ProofOut.from_dict(data)

                return proof_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProofOut, data)

        proof = _parse_proof(d.pop("proof"))

        def _parse_reason_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason_code = _parse_reason_code(d.pop("reason_code"))

        shipment_id = d.pop("shipment_id")

        task_id = d.pop("task_id")

        attempt = cls(
            id=id,
            next_step=next_step,
            number=number,
            occurred_at=occurred_at,
            outcome=outcome,
            phone_reached=phone_reached,
            proof=proof,
            reason_code=reason_code,
            shipment_id=shipment_id,
            task_id=task_id,
        )

        return attempt
