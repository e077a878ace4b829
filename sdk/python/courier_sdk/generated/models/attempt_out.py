from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.proof_out import ProofOut


T = TypeVar("T", bound="AttemptOut")


@_attrs_define
class AttemptOut:
    """
    Attributes:
        lat (float | None):
        lng (float | None):
        next_step (None | str):
        number (int): 0: the return
        occurred_at (datetime.datetime):
        outcome (str):
        phone_called_at (datetime.datetime | None):
        phone_reached (bool | None):
        proof (None | ProofOut):
        reason_code (None | str):
    """

    lat: float | None
    lng: float | None
    next_step: None | str
    number: int
    occurred_at: datetime.datetime
    outcome: str
    phone_called_at: datetime.datetime | None
    phone_reached: bool | None
    proof: None | ProofOut
    reason_code: None | str

    def to_dict(self) -> dict[str, Any]:
        from ..models.proof_out import ProofOut

        lat: float | None
        lat = self.lat

        lng: float | None
        lng = self.lng

        next_step: None | str
        next_step = self.next_step

        number = self.number

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome

        phone_called_at: None | str
        if isinstance(self.phone_called_at, datetime.datetime):
            phone_called_at = self.phone_called_at.isoformat()
        else:
            phone_called_at = self.phone_called_at

        phone_reached: bool | None
        phone_reached = self.phone_reached

        proof: dict[str, Any] | None
        if isinstance(self.proof, ProofOut):
            proof = self.proof.to_dict()
        else:
            proof = self.proof

        reason_code: None | str
        reason_code = self.reason_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "lat": lat,
                "lng": lng,
                "next_step": next_step,
                "number": number,
                "occurred_at": occurred_at,
                "outcome": outcome,
                "phone_called_at": phone_called_at,
                "phone_reached": phone_reached,
                "proof": proof,
                "reason_code": reason_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.proof_out import ProofOut

        d = dict(src_dict)

        def _parse_lat(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        lat = _parse_lat(d.pop("lat"))

        def _parse_lng(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        lng = _parse_lng(d.pop("lng"))

        def _parse_next_step(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_step = _parse_next_step(d.pop("next_step"))

        number = d.pop("number")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = d.pop("outcome")

        def _parse_phone_called_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                phone_called_at_type_0 = datetime.datetime.fromisoformat(data)

                return phone_called_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        phone_called_at = _parse_phone_called_at(d.pop("phone_called_at"))

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

        attempt_out = cls(
            lat=lat,
            lng=lng,
            next_step=next_step,
            number=number,
            occurred_at=occurred_at,
            outcome=outcome,
            phone_called_at=phone_called_at,
            phone_reached=phone_reached,
            proof=proof,
            reason_code=reason_code,
        )

        return attempt_out
