from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.board_courier import BoardCourier
    from ..models.board_exception import BoardException
    from ..models.board_task import BoardTask


T = TypeVar("T", bound="Board")


@_attrs_define
class Board:
    """
    Attributes:
        couriers (list[BoardCourier]):
        exceptions (list[BoardException]): what other domains ask a dispatcher to act on, oldest first
        generated_at (datetime.datetime):
        tasks (list[BoardTask]):
    """

    couriers: list[BoardCourier]
    exceptions: list[BoardException]
    generated_at: datetime.datetime
    tasks: list[BoardTask]

    def to_dict(self) -> dict[str, Any]:
        couriers = []
        for couriers_item_data in self.couriers:
            couriers_item = couriers_item_data.to_dict()
            couriers.append(couriers_item)

        exceptions = []
        for exceptions_item_data in self.exceptions:
            exceptions_item = exceptions_item_data.to_dict()
            exceptions.append(exceptions_item)

        generated_at = self.generated_at.isoformat()

        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "couriers": couriers,
                "exceptions": exceptions,
                "generated_at": generated_at,
                "tasks": tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.board_courier import BoardCourier
        from ..models.board_exception import BoardException
        from ..models.board_task import BoardTask

        d = dict(src_dict)
        couriers = []
        _couriers = d.pop("couriers")
        for couriers_item_data in _couriers:
            couriers_item = BoardCourier.from_dict(couriers_item_data)

            couriers.append(couriers_item)

        exceptions = []
        _exceptions = d.pop("exceptions")
        for exceptions_item_data in _exceptions:
            exceptions_item = BoardException.from_dict(exceptions_item_data)

            exceptions.append(exceptions_item)

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = BoardTask.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        board = cls(
            couriers=couriers,
            exceptions=exceptions,
            generated_at=generated_at,
            tasks=tasks,
        )

        return board
