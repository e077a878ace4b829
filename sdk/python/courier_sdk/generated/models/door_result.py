from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.door_result_shipment_state import DoorResultShipmentState

if TYPE_CHECKING:
    from ..models.attempt import Attempt
    from ..models.task import Task


T = TypeVar("T", bound="DoorResult")


@_attrs_define
class DoorResult:
    """
    Attributes:
        attempt (Attempt):
        shipment_state (DoorResultShipmentState):
        task (Task):
    """

    attempt: Attempt
    shipment_state: DoorResultShipmentState
    task: Task

    def to_dict(self) -> dict[str, Any]:
        attempt = self.attempt.to_dict()

        shipment_state = self.shipment_state.value

        task = self.task.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attempt": attempt,
                "shipment_state": shipment_state,
                "task": task,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt import Attempt
        from ..models.task import Task

        d = dict(src_dict)
        attempt = Attempt.from_dict(d.pop("attempt"))

        shipment_state = DoorResultShipmentState(d.pop("shipment_state"))

        task = Task.from_dict(d.pop("task"))

        door_result = cls(
            attempt=attempt,
            shipment_state=shipment_state,
            task=task,
        )

        return door_result
