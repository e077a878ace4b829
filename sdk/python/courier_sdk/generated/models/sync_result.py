from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.verdict import Verdict


T = TypeVar("T", bound="SyncResult")


@_attrs_define
class SyncResult:
    """
    Attributes:
        accepted (int):
        duplicate (int):
        rejected (int):
        verdicts (list[Verdict]):
    """

    accepted: int
    duplicate: int
    rejected: int
    verdicts: list[Verdict]

    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        duplicate = self.duplicate

        rejected = self.rejected

        verdicts = []
        for verdicts_item_data in self.verdicts:
            verdicts_item = verdicts_item_data.to_dict()
            verdicts.append(verdicts_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accepted": accepted,
                "duplicate": duplicate,
                "rejected": rejected,
                "verdicts": verdicts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.verdict import Verdict

        d = dict(src_dict)
        accepted = d.pop("accepted")

        duplicate = d.pop("duplicate")

        rejected = d.pop("rejected")

        verdicts = []
        _verdicts = d.pop("verdicts")
        for verdicts_item_data in _verdicts:
            verdicts_item = Verdict.from_dict(verdicts_item_data)

            verdicts.append(verdicts_item)

        sync_result = cls(
            accepted=accepted,
            duplicate=duplicate,
            rejected=rejected,
            verdicts=verdicts,
        )

        return sync_result
