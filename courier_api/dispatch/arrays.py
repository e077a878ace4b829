"""The arrays a dispatch round works on: open tasks, couriers, and the round's result.
Pure numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: The pickup promise: a courier at the door within an hour of the promise start.
PROMISE_S = 3600.0

Floats = NDArray[np.float64]
Ints = NDArray[np.intp]


def _float_array(values: ArrayLike, name: str) -> Floats:
    array = np.ascontiguousarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite")
    return array


@dataclass(frozen=True, eq=False, init=False)
class Tasks:
    """Open tasks of a round: position (WGS-84 degrees), deadline and the time the task started
    waiting (its promise start; default ``deadline − PROMISE_S``), in seconds on the round's
    clock."""

    lat: Floats
    lng: Floats
    deadline_s: Floats
    since_s: Floats

    def __init__(
        self,
        lat: ArrayLike,
        lng: ArrayLike,
        deadline_s: ArrayLike,
        since_s: ArrayLike | None = None,
    ) -> None:
        object.__setattr__(self, "lat", _float_array(lat, "lat"))
        object.__setattr__(self, "lng", _float_array(lng, "lng"))
        object.__setattr__(self, "deadline_s", _float_array(deadline_s, "deadline_s"))
        since = self.deadline_s - PROMISE_S if since_s is None else _float_array(since_s, "since_s")
        object.__setattr__(self, "since_s", since)
        if not self.lat.shape == self.lng.shape == self.deadline_s.shape == self.since_s.shape:
            raise ValueError("task arrays must have the same length")

    def __len__(self) -> int:
        return int(self.lat.shape[0])


@dataclass(frozen=True, eq=False, init=False)
class Couriers:
    """Couriers of a round. ``lat``/``lng`` is where the courier will be when free (for a
    courier with queued work, the last queued stop — the caller supplies it); ``free_at_s``
    is when that is (past or present means free now); ``load`` is the tasks held and
    ``capacity`` how many may be held (scalar or per courier); ``shift_end_s`` is when the
    courier's shift ends (no work is given that cannot be finished by then; default never)."""

    lat: Floats
    lng: Floats
    free_at_s: Floats
    load: NDArray[np.int64]
    capacity: NDArray[np.int64]
    shift_end_s: Floats

    def __init__(
        self,
        lat: ArrayLike,
        lng: ArrayLike,
        free_at_s: ArrayLike,
        load: ArrayLike = 0,
        capacity: ArrayLike = 1,
        shift_end_s: ArrayLike = np.inf,
    ) -> None:
        object.__setattr__(self, "lat", _float_array(lat, "lat"))
        object.__setattr__(self, "lng", _float_array(lng, "lng"))
        object.__setattr__(self, "free_at_s", _float_array(free_at_s, "free_at_s"))
        n = self.lat.shape[0]
        if not self.lng.shape == self.free_at_s.shape == (n,):
            raise ValueError("courier arrays must have the same length")
        object.__setattr__(self, "load", np.broadcast_to(np.asarray(load, np.int64), (n,)))
        object.__setattr__(self, "capacity", np.broadcast_to(np.asarray(capacity, np.int64), (n,)))
        shift_end = np.broadcast_to(np.asarray(shift_end_s, np.float64), (n,))
        if np.isnan(shift_end).any():
            raise ValueError("shift_end_s must not be NaN")
        object.__setattr__(self, "shift_end_s", shift_end)

    def __len__(self) -> int:
        return int(self.lat.shape[0])

    @property
    def available(self) -> NDArray[np.bool_]:
        """Couriers who may take a task this round (``load < capacity``)."""
        return self.load < self.capacity


@dataclass(frozen=True, eq=False)
class Assignment:
    """Result of a round: parallel arrays, sorted by task index; ``unassigned`` lists the task
    indices left open."""

    task_index: Ints
    courier_index: Ints
    eta_s: Floats
    cost: Floats
    unassigned: Ints
    #: Per task (all of them, by index): what leaving it open was priced at this round.
    open_cost: Floats

    @classmethod
    def none(cls, open_cost: Floats) -> Assignment:
        """Nothing assigned: every task stays open."""
        empty_i = np.zeros(0, dtype=np.intp)
        empty_f = np.zeros(0, dtype=np.float64)
        n_tasks = open_cost.shape[0]
        return cls(empty_i, empty_i, empty_f, empty_f, np.arange(n_tasks, dtype=np.intp), open_cost)

    @property
    def total_cost(self) -> float:
        """The objective: costs of the pairs made plus the open costs of the rest."""
        return float(self.cost.sum() + self.open_cost[self.unassigned].sum())

    def __len__(self) -> int:
        return int(self.task_index.shape[0])

    def pairs(self) -> list[tuple[int, int, float]]:
        """``(task_index, courier_index, eta_s)`` for every assigned task."""
        return [
            (int(t), int(c), float(e))
            for t, c, e in zip(self.task_index, self.courier_index, self.eta_s, strict=True)
        ]
