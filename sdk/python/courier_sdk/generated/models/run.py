from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.custody_promise import CustodyPromise
    from ..models.point import Point
    from ..models.run_counts import RunCounts
    from ..models.run_task import RunTask


T = TypeVar("T", bound="Run")


@_attrs_define
class Run:
    """
    Attributes:
        clerk_signature_sha256 (None | str):
        clerk_signed_at (datetime.datetime | None):
        counts (RunCounts):
        courier_signature_sha256 (None | str):
        courier_signed_at (datetime.datetime | None):
        extra (bool): asked for now by a clerk or a dispatcher
        id (str):
        organisation_id (str):
        pickup_point (Point):
        scheduled_at (datetime.datetime):
        task (RunTask):
        custody_promise (CustodyPromise | None | Unset): the signed promise for the custody events this request recorded
    """

    clerk_signature_sha256: None | str
    clerk_signed_at: datetime.datetime | None
    counts: RunCounts
    courier_signature_sha256: None | str
    courier_signed_at: datetime.datetime | None
    extra: bool
    id: str
    organisation_id: str
    pickup_point: Point
    scheduled_at: datetime.datetime
    task: RunTask
    custody_promise: CustodyPromise | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.custody_promise import CustodyPromise

        clerk_signature_sha256: None | str
        clerk_signature_sha256 = self.clerk_signature_sha256

        clerk_signed_at: None | str
        if isinstance(self.clerk_signed_at, datetime.datetime):
            clerk_signed_at = self.clerk_signed_at.isoformat()
        else:
            clerk_signed_at = self.clerk_signed_at

        counts = self.counts.to_dict()

        courier_signature_sha256: None | str
        courier_signature_sha256 = self.courier_signature_sha256

        courier_signed_at: None | str
        if isinstance(self.courier_signed_at, datetime.datetime):
            courier_signed_at = self.courier_signed_at.isoformat()
        else:
            courier_signed_at = self.courier_signed_at

        extra = self.extra

        id = self.id

        organisation_id = self.organisation_id

        pickup_point = self.pickup_point.to_dict()

        scheduled_at = self.scheduled_at.isoformat()

        task = self.task.to_dict()

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
                "clerk_signature_sha256": clerk_signature_sha256,
                "clerk_signed_at": clerk_signed_at,
                "counts": counts,
                "courier_signature_sha256": courier_signature_sha256,
                "courier_signed_at": courier_signed_at,
                "extra": extra,
                "id": id,
                "organisation_id": organisation_id,
                "pickup_point": pickup_point,
                "scheduled_at": scheduled_at,
                "task": task,
            }
        )
        if custody_promise is not UNSET:
            field_dict["custody_promise"] = custody_promise

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.custody_promise import CustodyPromise
        from ..models.point import Point
        from ..models.run_counts import RunCounts
        from ..models.run_task import RunTask

        d = dict(src_dict)

        def _parse_clerk_signature_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        clerk_signature_sha256 = _parse_clerk_signature_sha256(d.pop("clerk_signature_sha256"))

        def _parse_clerk_signed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                clerk_signed_at_type_0 = datetime.datetime.fromisoformat(data)

                return clerk_signed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        clerk_signed_at = _parse_clerk_signed_at(d.pop("clerk_signed_at"))

        counts = RunCounts.from_dict(d.pop("counts"))

        def _parse_courier_signature_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        courier_signature_sha256 = _parse_courier_signature_sha256(
            d.pop("courier_signature_sha256")
        )

        def _parse_courier_signed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                courier_signed_at_type_0 = datetime.datetime.fromisoformat(data)

                return courier_signed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        courier_signed_at = _parse_courier_signed_at(d.pop("courier_signed_at"))

        extra = d.pop("extra")

        id = d.pop("id")

        organisation_id = d.pop("organisation_id")

        pickup_point = Point.from_dict(d.pop("pickup_point"))

        scheduled_at = datetime.datetime.fromisoformat(d.pop("scheduled_at"))

        task = RunTask.from_dict(d.pop("task"))

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

        run = cls(
            clerk_signature_sha256=clerk_signature_sha256,
            clerk_signed_at=clerk_signed_at,
            counts=counts,
            courier_signature_sha256=courier_signature_sha256,
            courier_signed_at=courier_signed_at,
            extra=extra,
            id=id,
            organisation_id=organisation_id,
            pickup_point=pickup_point,
            scheduled_at=scheduled_at,
            task=task,
            custody_promise=custody_promise,
        )

        return run
