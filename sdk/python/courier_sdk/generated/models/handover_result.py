from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.accepted import Accepted
    from ..models.refused import Refused


T = TypeVar("T", bound="HandoverResult")


@_attrs_define
class HandoverResult:
    """
    Attributes:
        accepted (list[Accepted]):
        delivery_task_ids (list[str]):
        duplicate (list[str]):
        exceptions (list[str]):
        extra (list[str]):
        kind (str):
        missing (list[str]):
        refused (list[Refused]):
    """

    accepted: list[Accepted]
    delivery_task_ids: list[str]
    duplicate: list[str]
    exceptions: list[str]
    extra: list[str]
    kind: str
    missing: list[str]
    refused: list[Refused]

    def to_dict(self) -> dict[str, Any]:
        accepted = []
        for accepted_item_data in self.accepted:
            accepted_item = accepted_item_data.to_dict()
            accepted.append(accepted_item)

        delivery_task_ids = self.delivery_task_ids

        duplicate = self.duplicate

        exceptions = self.exceptions

        extra = self.extra

        kind = self.kind

        missing = self.missing

        refused = []
        for refused_item_data in self.refused:
            refused_item = refused_item_data.to_dict()
            refused.append(refused_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accepted": accepted,
                "delivery_task_ids": delivery_task_ids,
                "duplicate": duplicate,
                "exceptions": exceptions,
                "extra": extra,
                "kind": kind,
                "missing": missing,
                "refused": refused,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.accepted import Accepted
        from ..models.refused import Refused

        d = dict(src_dict)
        accepted = []
        _accepted = d.pop("accepted")
        for accepted_item_data in _accepted:
            accepted_item = Accepted.from_dict(accepted_item_data)

            accepted.append(accepted_item)

        delivery_task_ids = cast(list[str], d.pop("delivery_task_ids"))

        duplicate = cast(list[str], d.pop("duplicate"))

        exceptions = cast(list[str], d.pop("exceptions"))

        extra = cast(list[str], d.pop("extra"))

        kind = d.pop("kind")

        missing = cast(list[str], d.pop("missing"))

        refused = []
        _refused = d.pop("refused")
        for refused_item_data in _refused:
            refused_item = Refused.from_dict(refused_item_data)

            refused.append(refused_item)

        handover_result = cls(
            accepted=accepted,
            delivery_task_ids=delivery_task_ids,
            duplicate=duplicate,
            exceptions=exceptions,
            extra=extra,
            kind=kind,
            missing=missing,
            refused=refused,
        )

        return handover_result
