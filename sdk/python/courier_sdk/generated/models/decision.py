from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.decision_cause import DecisionCause
from ..types import UNSET, Unset

T = TypeVar("T", bound="Decision")


@_attrs_define
class Decision:
    """
    Attributes:
        cause (DecisionCause): what caused the loss; only `carrier` (and force majeure on an insured item) makes the
            network liable
        reason (str):
        actual_loss_fen (int | None | Unset): the assessed loss; defaults to the amount claimed. Default when left out:
            `null`.
    """

    cause: DecisionCause
    reason: str
    actual_loss_fen: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cause = self.cause.value

        reason = self.reason

        actual_loss_fen: int | None | Unset
        if isinstance(self.actual_loss_fen, Unset):
            actual_loss_fen = UNSET
        else:
            actual_loss_fen = self.actual_loss_fen

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cause": cause,
                "reason": reason,
            }
        )
        if actual_loss_fen is not UNSET:
            field_dict["actual_loss_fen"] = actual_loss_fen

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cause = DecisionCause(d.pop("cause"))

        reason = d.pop("reason")

        def _parse_actual_loss_fen(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        actual_loss_fen = _parse_actual_loss_fen(d.pop("actual_loss_fen", UNSET))

        decision = cls(
            cause=cause,
            reason=reason,
            actual_loss_fen=actual_loss_fen,
        )

        return decision
