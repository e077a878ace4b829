from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.board_task_kind import BoardTaskKind
from ..models.board_task_state import BoardTaskState

if TYPE_CHECKING:
    from ..models.offer import Offer
    from ..models.task_item import TaskItem


T = TypeVar("T", bound="BoardTask")


@_attrs_define
class BoardTask:
    """
    Attributes:
        accepted_at (datetime.datetime | None):
        address (str): address: in full to its owners and for institutions, else masked
        arrived_at (datetime.datetime | None):
        at_risk (bool): not accepted 15 min after the promise start
        contact_name (None | str): name: in full to its owners and for institutions, else masked
        contact_phone (None | str): a person's masked (POST .../contact gives a callable number); an institution's desk
            as it is
        courier_id (None | str):
        deadline (datetime.datetime | None):
        escalated (bool): dispatch could not place it: a dispatcher should act
        escalation_cause (None | str): why (while not accepted): no_courier_available, no_courier_before_shift_end,
            out_of_reach, couriers_busy, declined
        finished_at (datetime.datetime | None):
        id (str):
        items (list[TaskItem]):
        kind (BoardTaskKind):
        lat (float):
        late (bool): deadline passed, no arrival
        lng (float):
        offer (None | Offer):
        promise_start (datetime.datetime | None):
        state (BoardTaskState):
        station_id (str):
        window_end (datetime.datetime):
        window_start (datetime.datetime):
    """

    accepted_at: datetime.datetime | None
    address: str
    arrived_at: datetime.datetime | None
    at_risk: bool
    contact_name: None | str
    contact_phone: None | str
    courier_id: None | str
    deadline: datetime.datetime | None
    escalated: bool
    escalation_cause: None | str
    finished_at: datetime.datetime | None
    id: str
    items: list[TaskItem]
    kind: BoardTaskKind
    lat: float
    late: bool
    lng: float
    offer: None | Offer
    promise_start: datetime.datetime | None
    state: BoardTaskState
    station_id: str
    window_end: datetime.datetime
    window_start: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        from ..models.offer import Offer

        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        address = self.address

        arrived_at: None | str
        if isinstance(self.arrived_at, datetime.datetime):
            arrived_at = self.arrived_at.isoformat()
        else:
            arrived_at = self.arrived_at

        at_risk = self.at_risk

        contact_name: None | str
        contact_name = self.contact_name

        contact_phone: None | str
        contact_phone = self.contact_phone

        courier_id: None | str
        courier_id = self.courier_id

        deadline: None | str
        if isinstance(self.deadline, datetime.datetime):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        escalated = self.escalated

        escalation_cause: None | str
        escalation_cause = self.escalation_cause

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        kind = self.kind.value

        lat = self.lat

        late = self.late

        lng = self.lng

        offer: dict[str, Any] | None
        if isinstance(self.offer, Offer):
            offer = self.offer.to_dict()
        else:
            offer = self.offer

        promise_start: None | str
        if isinstance(self.promise_start, datetime.datetime):
            promise_start = self.promise_start.isoformat()
        else:
            promise_start = self.promise_start

        state = self.state.value

        station_id = self.station_id

        window_end = self.window_end.isoformat()

        window_start = self.window_start.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accepted_at": accepted_at,
                "address": address,
                "arrived_at": arrived_at,
                "at_risk": at_risk,
                "contact_name": contact_name,
                "contact_phone": contact_phone,
                "courier_id": courier_id,
                "deadline": deadline,
                "escalated": escalated,
                "escalation_cause": escalation_cause,
                "finished_at": finished_at,
                "id": id,
                "items": items,
                "kind": kind,
                "lat": lat,
                "late": late,
                "lng": lng,
                "offer": offer,
                "promise_start": promise_start,
                "state": state,
                "station_id": station_id,
                "window_end": window_end,
                "window_start": window_start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.offer import Offer
        from ..models.task_item import TaskItem

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

        address = d.pop("address")

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

        at_risk = d.pop("at_risk")

        def _parse_contact_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_name = _parse_contact_name(d.pop("contact_name"))

        def _parse_contact_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_phone = _parse_contact_phone(d.pop("contact_phone"))

        def _parse_courier_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        courier_id = _parse_courier_id(d.pop("courier_id"))

        def _parse_deadline(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.datetime.fromisoformat(data)

                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deadline = _parse_deadline(d.pop("deadline"))

        escalated = d.pop("escalated")

        def _parse_escalation_cause(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        escalation_cause = _parse_escalation_cause(d.pop("escalation_cause"))

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

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = TaskItem.from_dict(items_item_data)

            items.append(items_item)

        kind = BoardTaskKind(d.pop("kind"))

        lat = d.pop("lat")

        late = d.pop("late")

        lng = d.pop("lng")

        def _parse_offer(data: object) -> None | Offer:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                offer_type_0 = Offer.from_dict(data)

                return offer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Offer, data)

        offer = _parse_offer(d.pop("offer"))

        def _parse_promise_start(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                promise_start_type_0 = datetime.datetime.fromisoformat(data)

                return promise_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        promise_start = _parse_promise_start(d.pop("promise_start"))

        state = BoardTaskState(d.pop("state"))

        station_id = d.pop("station_id")

        window_end = datetime.datetime.fromisoformat(d.pop("window_end"))

        window_start = datetime.datetime.fromisoformat(d.pop("window_start"))

        board_task = cls(
            accepted_at=accepted_at,
            address=address,
            arrived_at=arrived_at,
            at_risk=at_risk,
            contact_name=contact_name,
            contact_phone=contact_phone,
            courier_id=courier_id,
            deadline=deadline,
            escalated=escalated,
            escalation_cause=escalation_cause,
            finished_at=finished_at,
            id=id,
            items=items,
            kind=kind,
            lat=lat,
            late=late,
            lng=lng,
            offer=offer,
            promise_start=promise_start,
            state=state,
            station_id=station_id,
            window_end=window_end,
            window_start=window_start,
        )

        return board_task
