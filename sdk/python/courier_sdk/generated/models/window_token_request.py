from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.party_in import PartyIn


T = TypeVar("T", bound="WindowTokenRequest")


@_attrs_define
class WindowTokenRequest:
    """
    Attributes:
        recipient (PartyIn):
    """

    recipient: PartyIn

    def to_dict(self) -> dict[str, Any]:
        recipient = self.recipient.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "recipient": recipient,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.party_in import PartyIn

        d = dict(src_dict)
        recipient = PartyIn.from_dict(d.pop("recipient"))

        window_token_request = cls(
            recipient=recipient,
        )

        return window_token_request
