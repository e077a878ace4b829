from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.custody_promise import CustodyPromise
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
        custody_promise (CustodyPromise | None | Unset): the signed promise for the custody events this request recorded
    """

    accepted: int
    duplicate: int
    rejected: int
    verdicts: list[Verdict]
    custody_promise: CustodyPromise | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.custody_promise import CustodyPromise

        accepted = self.accepted

        duplicate = self.duplicate

        rejected = self.rejected

        verdicts = []
        for verdicts_item_data in self.verdicts:
            verdicts_item = verdicts_item_data.to_dict()
            verdicts.append(verdicts_item)

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
                "duplicate": duplicate,
                "rejected": rejected,
                "verdicts": verdicts,
            }
        )
        if custody_promise is not UNSET:
            field_dict["custody_promise"] = custody_promise

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.custody_promise import CustodyPromise
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

        sync_result = cls(
            accepted=accepted,
            duplicate=duplicate,
            rejected=rejected,
            verdicts=verdicts,
            custody_promise=custody_promise,
        )

        return sync_result
