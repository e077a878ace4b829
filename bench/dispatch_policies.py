"""The two dispatch policies `dispatch_sim.py` replays a day through, and their figures.

- ``engine``: a round every 10 s of simulated time calls `courier_api.dispatch.engine.assign`
  with the open orders and every on-shift courier (each at where and when their queued work
  ends, with its load, ``capacity`` and shift end; a courier with an offer pending counts as
  nearby but takes nothing new), exactly as `courier_api.dispatch.rounds` does.
- ``greedy``: event-driven at exact times, no batching: an order, when placed (or back from a
  decline), is offered to the nearest idle courier; a courier, when free (or coming on shift),
  is offered the nearest waiting order. Couriers hold one task at a time.

Both see the same couriers: an offer is declined with probability ``decline_prob`` — half of
those answered "no" after 5–60 s, half never answered and expiring after 90 s — and the order
goes back to the pool, never again to that courier; an accepted offer is taken at once. No
courier takes work they cannot finish (arrive and spend the dwell) before their shift ends.
"""

from __future__ import annotations

import heapq
import math
import time
from dataclasses import dataclass

import numpy as np

from courier_api.dispatch import engine

PROMISE_S = 3600.0
ROUND_S = 10.0
OFFER_TTL_S = 90.0


@dataclass
class Orders:
    placed_s: np.ndarray
    lat: np.ndarray
    lng: np.ndarray

    def __len__(self) -> int:
        return int(self.placed_s.shape[0])


@dataclass
class Fleet:
    lat: np.ndarray
    lng: np.ndarray
    on_s: np.ndarray
    off_s: np.ndarray

    def __len__(self) -> int:
        return int(self.lat.shape[0])


class Answers:
    """How couriers answer offers: (accepted, seconds until the answer or the expiry)."""

    def __init__(self, seed: int, decline_prob: float) -> None:
        self.rng = np.random.default_rng(seed)
        self.decline_prob = decline_prob
        self.declined = 0
        self.expired = 0

    def draw(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if self.decline_prob <= 0:
            return np.ones(n, dtype=bool), np.zeros(n)
        u = self.rng.random(n)
        accepted = u >= self.decline_prob
        lapses = u < self.decline_prob / 2
        after = np.where(lapses, OFFER_TTL_S, self.rng.uniform(5.0, 60.0, n))
        after[accepted] = 0.0
        self.expired += int(lapses.sum())
        self.declined += int((~accepted & ~lapses).sum())
        return accepted, after


class RoundTimes:
    """Wall and CPU milliseconds of each round: on a shared machine the wall time includes
    waiting for a core; the CPU time is what the round itself cost."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def start(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def stop(self) -> None:
        self.wall.append((time.perf_counter() - self._wall) * 1000.0)
        self.cpu.append((time.process_time() - self._cpu) * 1000.0)


def summarise(
    orders: Orders, arrival: np.ndarray, road_km: float, times: RoundTimes, answers: Answers
) -> dict:
    served = np.isfinite(arrival)
    wait_min = (arrival[served] - orders.placed_s[served]) / 60.0
    on_time = int(np.count_nonzero(wait_min <= PROMISE_S / 60.0))
    n_served = int(served.sum())
    rounds = np.asarray(times.wall) if times.wall else np.zeros(1)
    cpu = np.asarray(times.cpu) if times.cpu else np.zeros(1)

    def pct(q: float) -> float | None:
        return round(float(np.percentile(wait_min, q)), 2) if n_served else None

    return {
        "on_time_share": round(on_time / len(orders), 5) if len(orders) else 1.0,
        "wait_p50_min": pct(50),
        "wait_p95_min": pct(95),
        "wait_p99_min": pct(99),
        "wait_max_min": round(float(wait_min.max()), 2) if n_served else None,
        "km_per_pickup": round(road_km / n_served, 4) if n_served else None,
        "unserved": len(orders) - n_served,
        "round_ms_p50": round(float(np.percentile(rounds, 50)), 3),
        "round_ms_p99": round(float(np.percentile(rounds, 99)), 3),
        "round_cpu_ms_p50": round(float(np.percentile(cpu, 50)), 3),
        "round_cpu_ms_p99": round(float(np.percentile(cpu, 99)), 3),
        "served": n_served,
        "late_served": n_served - on_time,
        "rounds_timed": len(times.wall),
        "offers_declined": answers.declined,
        "offers_expired": answers.expired,
    }


# ---------------------------------------------------------------------------------------------
# Engine: a round every 10 s through courier_api.dispatch.engine.assign
# ---------------------------------------------------------------------------------------------


def _excluded_pairs(
    passed: tuple[np.ndarray, np.ndarray], open_pos: np.ndarray, courier_pos: np.ndarray
) -> np.ndarray:
    """(round task index, round courier index) rows of the couriers who passed an open order
    on, from the (orders, couriers) pairs of every "no" so far."""
    task, courier = open_pos[passed[0]], courier_pos[passed[1]]
    both = (task >= 0) & (courier >= 0)
    return np.column_stack((task[both], courier[both]))


def run_engine(
    orders: Orders,
    fleet: Fleet,
    *,
    capacity: int,
    policy: engine.DispatchPolicy,
    answers: Answers,
    trace: dict | None = None,
) -> dict:
    model = engine.MOVEMENT
    n_c, n_o = len(fleet), len(orders)
    pos_lat, pos_lng = fleet.lat.copy(), fleet.lng.copy()  # where each courier is when free
    free_at = fleet.on_s.copy()  # when its queued work ends
    done_at = np.full((n_c, capacity), -np.inf)  # completion time of each held task
    asked_until = np.full(n_c, -np.inf)  # an offer is pending until then
    deadline = orders.placed_s + PROMISE_S
    arrival = np.full(n_o, np.inf)
    road_km = 0.0
    open_idx = np.zeros(0, dtype=np.intp)
    open_pos = np.full(n_o, -1, dtype=np.intp)  # order -> index in this round's tasks
    courier_pos = np.full(n_c, -1, dtype=np.intp)
    # (orders, couriers): who declined which open order or let the offer lapse.
    passed = (np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp))
    returning: list[tuple[float, int]] = []  # (time, order): back in the pool after a "no"
    next_order = 0
    times = RoundTimes()
    t = math.floor(min(fleet.on_s.min(), orders.placed_s.min(initial=np.inf)) / ROUND_S) * ROUND_S
    end = fleet.off_s.max()
    while t < end:
        upto = int(np.searchsorted(orders.placed_s, t, side="right"))
        back = []
        while returning and returning[0][0] <= t:
            back.append(heapq.heappop(returning)[1])
        if upto > next_order or back:
            new = np.arange(next_order, upto, dtype=np.intp)
            open_idx = np.concatenate((open_idx, new, np.asarray(back, dtype=np.intp)))
            next_order = upto
        pool = np.flatnonzero((fleet.on_s <= t) & (t < fleet.off_s))
        if open_idx.size and pool.size:
            load = np.count_nonzero(done_at[pool] > t, axis=1)
            cap = np.where(asked_until[pool] > t, 0, capacity)
            tasks = engine.Tasks(
                orders.lat[open_idx],
                orders.lng[open_idx],
                deadline[open_idx],
                orders.placed_s[open_idx],
            )
            couriers = engine.Couriers(
                pos_lat[pool], pos_lng[pool], free_at[pool], load, cap, fleet.off_s[pool]
            )
            open_pos[open_idx] = np.arange(open_idx.size)
            courier_pos[pool] = np.arange(pool.size)
            excluded = _excluded_pairs(passed, open_pos, courier_pos)
            times.start()
            result = engine.assign(tasks, couriers, t, policy=policy, excluded=excluded)
            times.stop()
            open_pos[open_idx] = -1
            courier_pos[pool] = -1
            if len(result):
                o = open_idx[result.task_index]
                c = pool[result.courier_index]
                accepted, after = answers.draw(o.size)
                passed = (
                    np.concatenate((passed[0], o[~accepted])),
                    np.concatenate((passed[1], c[~accepted])),
                )
                for order, wait in zip(o[~accepted], after[~accepted], strict=True):
                    heapq.heappush(returning, (t + float(wait), int(order)))
                asked_until[c[~accepted]] = t + after[~accepted]
                o, c = o[accepted], c[accepted]
                km = engine.haversine_km(pos_lat[c], pos_lng[c], orders.lat[o], orders.lng[o])
                arrive = np.maximum(free_at[c], t) + model.travel_s(km)
                road_km += float(model.road_km(km).sum())
                arrival[o] = arrive
                free_at[c] = arrive + model.dwell_s
                pos_lat[c], pos_lng[c] = orders.lat[o], orders.lng[o]
                slot = np.argmin(done_at[c], axis=1)
                done_at[c, slot] = free_at[c]
                if passed[0].size and o.size:
                    kept = ~np.isin(passed[0], o)
                    passed = (passed[0][kept], passed[1][kept])
                open_idx = open_idx[result.unassigned]
        if next_order >= n_o and not open_idx.size and not returning:
            break
        t += ROUND_S
    if trace is not None:
        trace.update(arrival=arrival)
    return summarise(orders, arrival, road_km, times, answers)


# ---------------------------------------------------------------------------------------------
# Greedy baseline: event-driven, nearest idle courier / nearest waiting order
# ---------------------------------------------------------------------------------------------


class _Pool:
    """Waiting orders, compact arrays with swap-remove."""

    def __init__(self, capacity: int) -> None:
        self.ids = np.empty(capacity, dtype=np.intp)
        self.lat = np.empty(capacity)
        self.lng = np.empty(capacity)
        self.size = 0

    def add(self, order: int, lat: float, lng: float) -> None:
        i = self.size
        self.ids[i], self.lat[i], self.lng[i] = order, lat, lng
        self.size += 1

    def take_nearest(
        self, courier: int, lat: float, lng: float, reach_km: float, passed: dict
    ) -> int | None:
        """The nearest waiting order within ``reach_km`` this courier has not passed on."""
        n = self.size
        km = engine.haversine_km(lat, lng, self.lat[:n], self.lng[:n])
        km[km > reach_km] = np.inf
        for _ in range(4):  # a courier rarely passed on the nearest: look a little further
            i = int(np.argmin(km))
            if not math.isfinite(km[i]):
                return None
            order = int(self.ids[i])
            if courier not in passed.get(order, ()):
                break
            km[i] = np.inf
        else:
            return None
        last = n - 1
        self.ids[i], self.lat[i], self.lng[i] = self.ids[last], self.lat[last], self.lng[last]
        self.size = last
        return order


def run_greedy(
    orders: Orders, fleet: Fleet, *, answers: Answers, trace: dict | None = None
) -> dict:
    model = engine.MOVEMENT
    n_c = len(fleet)
    pos_lat, pos_lng = fleet.lat.copy(), fleet.lng.copy()
    idle = np.zeros(n_c, dtype=bool)
    arrival = np.full(len(orders), np.inf)
    road_km = 0.0
    waiting = _Pool(len(orders))
    passed: dict[int, set[int]] = {}
    # (time, kind, id): kind 0 = courier free / on shift, 1 = order back after a "no".
    events: list[tuple[float, int, int]] = [(float(fleet.on_s[c]), 0, c) for c in range(n_c)]
    heapq.heapify(events)
    placed = orders.placed_s
    next_order = 0
    times = RoundTimes()
    km_per_s = model.straight_km_per_s

    def offer(c: int, o: int, now: float) -> None:
        nonlocal road_km
        idle[c] = False
        accepted, after = answers.draw(1)
        if not accepted[0]:
            passed.setdefault(o, set()).add(c)
            heapq.heappush(events, (now + float(after[0]), 0, c))
            heapq.heappush(events, (now + float(after[0]), 1, o))
            return
        km = float(engine.haversine_km(pos_lat[c], pos_lng[c], orders.lat[o], orders.lng[o]))
        arrive = now + float(model.travel_s(km))
        road_km += float(model.road_km(km))
        arrival[o] = arrive
        pos_lat[c], pos_lng[c] = orders.lat[o], orders.lng[o]
        heapq.heappush(events, (arrive + model.dwell_s, 0, c))
        passed.pop(o, None)

    def place(o: int, now: float) -> None:
        # Idle couriers who can get there and finish before their shift ends.
        free = np.flatnonzero(idle)
        if free.size:
            km = engine.haversine_km(orders.lat[o], orders.lng[o], pos_lat[free], pos_lng[free])
            km[(fleet.off_s[free] - now - model.dwell_s) * km_per_s < km] = np.inf
            if o in passed:
                km[np.isin(free, list(passed[o]))] = np.inf
            best = int(np.argmin(km))
            if math.isfinite(km[best]):
                offer(int(free[best]), o, now)
                return
        waiting.add(o, orders.lat[o], orders.lng[o])

    window_end = math.floor(min(events[0][0], placed.min(initial=np.inf)) / ROUND_S) * ROUND_S
    end = fleet.off_s.max()
    while window_end < end + ROUND_S:
        window_end += ROUND_S
        times.start()
        handled = 0
        while True:
            t_event = events[0][0] if events else math.inf
            t_order = placed[next_order] if next_order < len(orders) else math.inf
            now = min(t_event, t_order)
            if now >= window_end:
                break
            handled += 1
            if t_event <= t_order:
                _, kind, who = heapq.heappop(events)
                if kind == 1:
                    place(who, now)  # declined or lapsed: to the next nearest courier
                    continue
                reach_km = (fleet.off_s[who] - now - model.dwell_s) * km_per_s
                o = None
                if waiting.size and reach_km > 0:
                    o = waiting.take_nearest(who, pos_lat[who], pos_lng[who], reach_km, passed)
                if o is None:
                    idle[who] = now < fleet.off_s[who]
                else:
                    offer(who, o, now)
            else:
                o = next_order
                next_order += 1
                place(o, now)
        if handled:
            times.stop()
        if next_order >= len(orders) and not waiting.size and not events:
            break
    if trace is not None:
        trace.update(arrival=arrival)
    return summarise(orders, arrival, road_km, times, answers)
