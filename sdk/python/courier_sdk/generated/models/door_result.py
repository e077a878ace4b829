from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.door_result_shipment_state import DoorResultShipmentState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attempt import Attempt
    from ..models.custody_promise import CustodyPromise
    from ..models.task import Task


T = TypeVar("T", bound="DoorResult")


@_attrs_define
class DoorResult:
    """
    Attributes:
        attempt (Attempt):
        shipment_state (DoorResultShipmentState):
        task (Task):
        custody_promise (CustodyPromise | None | Unset): the signed promise for the custody events this request recorded
    """

    attempt: Attempt
    shipment_state: DoorResultShipmentState
    task: Task
    custody_promise: CustodyPromise | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.custody_promise import CustodyPromise

        attempt = self.attempt.to_dict()

        shipment_state = self.shipment_state.value

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
                "attempt": attempt,
                "shipment_state": shipment_state,
                "task": task,
            }
        )
        if custody_promise is not UNSET:
            field_dict["custody_promise"] = custody_promise

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt import Attempt
        from ..models.custody_promise import CustodyPromise
        from ..models.task import Task

        d = dict(src_dict)
        attempt = Attempt.from_dict(d.pop("attempt"))

        shipment_state = DoorResultShipmentState(d.pop("shipment_state"))

        task = Task.from_dict(d.pop("task"))

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

        door_result = cls(
            attempt=attempt,
            shipment_state=shipment_state,
            task=task,
            custody_promise=custody_promise,
        )

        return door_result
