from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.background_broker import BackgroundBroker
from ..types import UNSET, Unset

T = TypeVar("T", bound="Background")


@_attrs_define
class Background:
    """
    Attributes:
        broker (BackgroundBroker):
        queue_depth (int | None | Unset): jobs waiting for the worker
        worker_heartbeat_age_s (float | None | Unset):
        worker_last_heartbeat (datetime.datetime | None | Unset):
    """

    broker: BackgroundBroker
    queue_depth: int | None | Unset = UNSET
    worker_heartbeat_age_s: float | None | Unset = UNSET
    worker_last_heartbeat: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        broker = self.broker.value

        queue_depth: int | None | Unset
        if isinstance(self.queue_depth, Unset):
            queue_depth = UNSET
        else:
            queue_depth = self.queue_depth

        worker_heartbeat_age_s: float | None | Unset
        if isinstance(self.worker_heartbeat_age_s, Unset):
            worker_heartbeat_age_s = UNSET
        else:
            worker_heartbeat_age_s = self.worker_heartbeat_age_s

        worker_last_heartbeat: None | str | Unset
        if isinstance(self.worker_last_heartbeat, Unset):
            worker_last_heartbeat = UNSET
        elif isinstance(self.worker_last_heartbeat, datetime.datetime):
            worker_last_heartbeat = self.worker_last_heartbeat.isoformat()
        else:
            worker_last_heartbeat = self.worker_last_heartbeat

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "broker": broker,
            }
        )
        if queue_depth is not UNSET:
            field_dict["queue_depth"] = queue_depth
        if worker_heartbeat_age_s is not UNSET:
            field_dict["worker_heartbeat_age_s"] = worker_heartbeat_age_s
        if worker_last_heartbeat is not UNSET:
            field_dict["worker_last_heartbeat"] = worker_last_heartbeat

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        broker = BackgroundBroker(d.pop("broker"))

        def _parse_queue_depth(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        queue_depth = _parse_queue_depth(d.pop("queue_depth", UNSET))

        def _parse_worker_heartbeat_age_s(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        worker_heartbeat_age_s = _parse_worker_heartbeat_age_s(
            d.pop("worker_heartbeat_age_s", UNSET)
        )

        def _parse_worker_last_heartbeat(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                worker_last_heartbeat_type_0 = datetime.datetime.fromisoformat(data)

                return worker_last_heartbeat_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        worker_last_heartbeat = _parse_worker_last_heartbeat(d.pop("worker_last_heartbeat", UNSET))

        background = cls(
            broker=broker,
            queue_depth=queue_depth,
            worker_heartbeat_age_s=worker_heartbeat_age_s,
            worker_last_heartbeat=worker_last_heartbeat,
        )

        return background
