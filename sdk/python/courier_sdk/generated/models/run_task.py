from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.run_task_state import RunTaskState

T = TypeVar("T", bound="RunTask")


@_attrs_define
class RunTask:
    """
    Attributes:
        arrived_at (datetime.datetime | None):
        courier_id (None | str):
        finished_at (datetime.datetime | None):
        id (str):
        state (RunTaskState):
    """

    arrived_at: datetime.datetime | None
    courier_id: None | str
    finished_at: datetime.datetime | None
    id: str
    state: RunTaskState

    def to_dict(self) -> dict[str, Any]:
        arrived_at: None | str
        if isinstance(self.arrived_at, datetime.datetime):
            arrived_at = self.arrived_at.isoformat()
        else:
            arrived_at = self.arrived_at

        courier_id: None | str
        courier_id = self.courier_id

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        state = self.state.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "arrived_at": arrived_at,
                "courier_id": courier_id,
                "finished_at": finished_at,
                "id": id,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

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

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = d.pop("id")

        state = RunTaskState(d.pop("state"))

        run_task = cls(
            arrived_at=arrived_at,
            courier_id=courier_id,
            finished_at=finished_at,
            id=id,
            state=state,
        )

        return run_task
