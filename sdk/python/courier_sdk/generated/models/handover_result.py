from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.accepted import Accepted
    from ..models.custody_promise import CustodyPromise
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
        custody_promise (CustodyPromise | None | Unset): the signed promise for the custody events this request recorded
    """

    accepted: list[Accepted]
    delivery_task_ids: list[str]
    duplicate: list[str]
    exceptions: list[str]
    extra: list[str]
    kind: str
    missing: list[str]
    refused: list[Refused]
    custody_promise: CustodyPromise | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.custody_promise import CustodyPromise

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

        custody_promise: dict[str, Any] | None | Unset
        if isinstance(self.custody_promise, Unset):
            custody_promise = UNSET
        elif isinstance(self.custody_promise, CustodyPromise):
            custody_promise = self.custody_promise.to_dict()
        else:
            custody_promise = self.custody_promise

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
        if custody_promise is not UNSET:
            field_dict["custody_promise"] = custody_promise

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.accepted import Accepted
        from ..models.custody_promise import CustodyPromise
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

        def _parse_custody_promise(data: object) -> CustodyPromise | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custody_promise_type_0 = CustodyPromise.from_dict(data)

                return custody_promise_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustodyPromise | None | Unset, data)

        custody_promise = _parse_custody_promise(d.pop("custody_promise", UNSET))

        handover_result = cls(
            accepted=accepted,
            delivery_task_ids=delivery_task_ids,
            duplicate=duplicate,
            exceptions=exceptions,
            extra=extra,
            kind=kind,
            missing=missing,
            refused=refused,
            custody_promise=custody_promise,
        )

        return handover_result
