from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.pickup_task_state import PickupTaskState

T = TypeVar("T", bound="PickupTask")


@_attrs_define
class PickupTask:
    """
    Attributes:
        accepted_at (datetime.datetime | None):
        arrived_at (datetime.datetime | None):
        courier_id (None | str):
        id (str):
        state (PickupTaskState):
    """

    accepted_at: datetime.datetime | None
    arrived_at: datetime.datetime | None
    courier_id: None | str
    id: str
    state: PickupTaskState

    def to_dict(self) -> dict[str, Any]:
        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        arrived_at: None | str
        if isinstance(self.arrived_at, datetime.datetime):
            arrived_at = self.arrived_at.isoformat()
        else:
            arrived_at = self.arrived_at

        courier_id: None | str
        courier_id = self.courier_id

        id = self.id

        state = self.state.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accepted_at": accepted_at,
                "arrived_at": arrived_at,
                "courier_id": courier_id,
                "id": id,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)

                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))

        def _parse_arrived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                arrived_at_type_0 = datetime.datetime.fromisoformat(data)

                return arrived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        arrived_at = _parse_arrived_at(d.pop("arrived_at"))

        def _parse_courier_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        courier_id = _parse_courier_id(d.pop("courier_id"))

        id = d.pop("id")

        state = PickupTaskState(d.pop("state"))

        pickup_task = cls(
            accepted_at=accepted_at,
            arrived_at=arrived_at,
            courier_id=courier_id,
            id=id,
            state=state,
        )

        return pickup_task
