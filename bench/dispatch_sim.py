"""Replay a day of on-demand pickups through the dispatch engine and a greedy baseline.

    .venv/bin/python bench/dispatch_sim.py --generate --fleet 1500 [--seed 7] [--orders-count N]
    .venv/bin/python bench/dispatch_sim.py --orders orders.csv --couriers couriers.csv
    .venv/bin/python bench/dispatch_sim.py --round-bench

Prints exactly one JSON object on stdout (progress goes to stderr). For ``engine`` and
``greedy`` side by side: ``on_time_share`` (courier at the door ≤ 60 min after the promise
start; unserved orders count as late), ``wait_p50_min`` / ``wait_p95_min`` (promise start →
arrival, over served orders), ``km_per_pickup`` (courier road km — great-circle × detour — per
served pickup), ``unserved``, ``round_ms_p50`` / ``round_ms_p99``. Unless ``--no-round-bench``,
also ``round_2000x5000_ms``: the median of several timed engine rounds of 2,000 open tasks ×
5,000 couriers after a warm-up.

Inputs: ``--orders`` CSV ``order_id,placed_s,lat,lng`` (seconds since the day's start; the
promise starts at ``placed_s``, the deadline is ``placed_s + 3600``) and ``--couriers`` CSV
``courier_id,lat,lng,on_s,off_s``; or ``--generate``: one seeded city of 30 km × 30 km centred
on 22.52 N, 113.38 E, 100,000 pickups placed between 08:00 and 20:00 on a two-peak curve
(base + peaks at 10:30 and 16:30, peak rate ≈ 1.7 × the day's mean), denser in the centre
(half from a 4.5 km Gaussian around the centre, a quarter around 8 hot spots, a quarter
uniform); ``--fleet`` couriers start at points drawn from the same spatial mix, on shift from
07:30–08:00 until 20:30–21:00.

Model (both policies): the fixed movement model of `courier_api.dispatch.engine` — 18 km/h,
roads 1.3 × the great-circle distance, 4 minutes at each pickup, after which the courier is
free at the pickup's location (pickups only, no deliveries). A courier who is mid-task at the
end of the shift finishes it; no new work starts at or after ``off_s``.

- ``engine``: a round every 10 s of simulated time calls
  `courier_api.dispatch.engine.assign` with the open orders and the on-shift couriers who can
  still start work before their shift ends, each with its load and ``--capacity`` (default
  2: the task in hand plus one queued next; a busy courier is offered at where and when its
  queued work ends; the engine gives new work only to couriers below capacity). **Couriers
  accept every offer at once** (no declines, no 90 s expiry in the simulation) and
  assignments are never revised. Orders wait for the next round (0–10 s) before they are
  first considered. ``--capacity 1`` runs the engine without the queued look-ahead.
- ``greedy``: event-driven at exact times, no batching: an order, when placed, takes the
  nearest idle courier (great-circle distance); a courier, when free (or coming on shift),
  takes the nearest waiting order. Couriers hold one task at a time.

Round timings: ``engine`` times the `assign` call of each round that had open orders and
on-shift couriers; ``greedy`` times the event processing of each 10 s window with events.
Also printed: ``wait_p99_min``, ``wait_max_min``, ``served``, ``late_served``,
``rounds_timed``. Policy knobs (``--unassigned-cost``, ``--wait-cost``, ...) override the
engine's `DispatchPolicy` defaults for experiments.
"""

from __future__ import annotations

import argparse
import csv
import heapq
import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from courier_api.dispatch import engine

PROMISE_S = 3600.0
ROUND_S = 10.0
CENTRE_LAT, CENTRE_LNG = 22.52, 113.38
HALF_SIDE_KM = 15.0
KM_PER_DEG_LAT = math.pi * engine.EARTH_RADIUS_KM / 180.0
KM_PER_DEG_LNG = KM_PER_DEG_LAT * math.cos(math.radians(CENTRE_LAT))


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


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Scenario
# ---------------------------------------------------------------------------------------------


def _city_points(rng: np.random.Generator, n: int, hotspots: np.ndarray) -> tuple[np.ndarray, ...]:
    """n points (lat, lng) in the city square: ½ central Gaussian, ¼ hot spots, ¼ uniform."""
    kind = rng.choice(3, size=n, p=[0.5, 0.25, 0.25])
    x = np.empty(n)
    y = np.empty(n)
    todo = np.arange(n)
    while todo.size:
        k = kind[todo]
        px = rng.uniform(-HALF_SIDE_KM, HALF_SIDE_KM, todo.size)
        py = rng.uniform(-HALF_SIDE_KM, HALF_SIDE_KM, todo.size)
        central = k == 0
        px[central] = rng.normal(0.0, 4.5, central.sum())
        py[central] = rng.normal(0.0, 4.5, central.sum())
        spot = k == 1
        which = rng.integers(0, hotspots.shape[0], spot.sum())
        px[spot] = hotspots[which, 0] + rng.normal(0.0, 0.8, spot.sum())
        py[spot] = hotspots[which, 1] + rng.normal(0.0, 0.8, spot.sum())
        x[todo], y[todo] = px, py
        inside = (np.abs(px) <= HALF_SIDE_KM) & (np.abs(py) <= HALF_SIDE_KM)
        todo = todo[~inside]
    return CENTRE_LAT + y / KM_PER_DEG_LAT, CENTRE_LNG + x / KM_PER_DEG_LNG


def demand_curve(hours: np.ndarray) -> np.ndarray:
    """Relative order rate over the day: a base plus peaks at 10:30 and 16:30."""
    return (
        0.25
        + np.exp(-0.5 * ((hours - 10.5) / 1.2) ** 2)
        + 0.85 * np.exp(-0.5 * ((hours - 16.5) / 1.3) ** 2)
    )


def generate(seed: int, n_orders: int, fleet: int) -> tuple[Orders, Fleet]:
    rng = np.random.default_rng(seed)
    hotspots = rng.uniform(-10.0, 10.0, size=(8, 2))
    grid = np.linspace(8.0, 20.0, 12 * 3600 + 1)
    cdf = np.cumsum(demand_curve(grid))
    cdf = (cdf - cdf[0]) / (cdf[-1] - cdf[0])
    placed_h = np.interp(rng.uniform(0.0, 1.0, n_orders), cdf, grid)
    placed = np.sort(np.round(placed_h * 3600.0))
    lat, lng = _city_points(rng, n_orders, hotspots)
    c_lat, c_lng = _city_points(rng, fleet, hotspots)
    on = 7.5 * 3600 + rng.uniform(0, 1800, fleet)
    off = 20.5 * 3600 + rng.uniform(0, 1800, fleet)
    return Orders(placed, lat, lng), Fleet(c_lat, c_lng, on, off)


def read_orders(path: Path) -> Orders:
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    placed = np.array([float(r["placed_s"]) for r in rows])
    order = np.argsort(placed, kind="stable")
    return Orders(
        placed[order],
        np.array([float(r["lat"]) for r in rows])[order],
        np.array([float(r["lng"]) for r in rows])[order],
    )


def read_fleet(path: Path) -> Fleet:
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    return Fleet(*(np.array([float(r[k]) for r in rows]) for k in ("lat", "lng", "on_s", "off_s")))


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


def summarise(orders: Orders, arrival: np.ndarray, road_km: float, round_ms: list[float]) -> dict:
    served = np.isfinite(arrival)
    wait_min = (arrival[served] - orders.placed_s[served]) / 60.0
    on_time = int(np.count_nonzero(wait_min <= PROMISE_S / 60.0))
    n_served = int(served.sum())
    rounds = np.asarray(round_ms) if round_ms else np.zeros(1)
    return {
        "on_time_share": round(on_time / len(orders), 5) if len(orders) else 1.0,
        "wait_p50_min": round(float(np.percentile(wait_min, 50)), 2) if n_served else None,
        "wait_p95_min": round(float(np.percentile(wait_min, 95)), 2) if n_served else None,
        "wait_p99_min": round(float(np.percentile(wait_min, 99)), 2) if n_served else None,
        "wait_max_min": round(float(wait_min.max()), 2) if n_served else None,
        "km_per_pickup": round(road_km / n_served, 4) if n_served else None,
        "unserved": len(orders) - n_served,
        "round_ms_p50": round(float(np.percentile(rounds, 50)), 3),
        "round_ms_p99": round(float(np.percentile(rounds, 99)), 3),
        "served": n_served,
        "late_served": n_served - on_time,
        "rounds_timed": len(round_ms),
    }


# ---------------------------------------------------------------------------------------------
# Engine policy: a round every 10 s through courier_api.dispatch.engine.assign
# ---------------------------------------------------------------------------------------------


def run_engine(
    orders: Orders,
    fleet: Fleet,
    *,
    capacity: int,
    policy: engine.DispatchPolicy,
    trace: dict | None = None,
) -> dict:
    model = engine.MOVEMENT
    n_c = len(fleet)
    pos_lat, pos_lng = fleet.lat.copy(), fleet.lng.copy()  # where each courier is when free
    free_at = fleet.on_s.copy()  # when its queued work ends
    done_at = np.full((n_c, capacity), -np.inf)  # completion time of each held task
    deadline = orders.placed_s + PROMISE_S
    arrival = np.full(len(orders), np.inf)
    courier_of = np.full(len(orders), -1, dtype=np.intp)
    road_km = 0.0
    open_idx = np.zeros(0, dtype=np.intp)
    next_order = 0
    round_ms: list[float] = []
    t = math.floor(min(fleet.on_s.min(), orders.placed_s.min(initial=np.inf)) / ROUND_S) * ROUND_S
    end = fleet.off_s.max()
    while t < end:
        upto = int(np.searchsorted(orders.placed_s, t, side="right"))
        if upto > next_order:
            open_idx = np.concatenate((open_idx, np.arange(next_order, upto, dtype=np.intp)))
            next_order = upto
        if open_idx.size:
            load = np.count_nonzero(done_at > t, axis=1)
            # On shift and able to start new work before the shift ends; the engine itself
            # leaves out those holding `capacity` tasks (they still count as nearby couriers).
            pool = np.flatnonzero((fleet.on_s <= t) & (t < fleet.off_s) & (free_at < fleet.off_s))
            if pool.size:
                tasks = engine.Tasks(
                    orders.lat[open_idx],
                    orders.lng[open_idx],
                    deadline[open_idx],
                    orders.placed_s[open_idx],
                )
                couriers = engine.Couriers(
                    pos_lat[pool], pos_lng[pool], free_at[pool], load[pool], capacity
                )
                started = time.perf_counter()
                result = engine.assign(tasks, couriers, t, policy=policy)
                round_ms.append((time.perf_counter() - started) * 1000.0)
                if len(result):
                    o = open_idx[result.task_index]
                    c = pool[result.courier_index]
                    km = engine.haversine_km(pos_lat[c], pos_lng[c], orders.lat[o], orders.lng[o])
                    arrive = np.maximum(free_at[c], t) + model.travel_s(km)
                    road_km += float(model.road_km(km).sum())
                    arrival[o] = arrive
                    courier_of[o] = c
                    free_at[c] = arrive + model.dwell_s
                    pos_lat[c], pos_lng[c] = orders.lat[o], orders.lng[o]
                    slot = np.argmin(done_at[c], axis=1)
                    done_at[c, slot] = free_at[c]
                    open_idx = open_idx[result.unassigned]
        if next_order >= len(orders) and not open_idx.size:
            break
        t += ROUND_S
    if trace is not None:
        trace.update(arrival=arrival, courier=courier_of)
    return summarise(orders, arrival, road_km, round_ms)


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

    def take_nearest(self, lat: float, lng: float) -> int:
        n = self.size
        i = int(np.argmin(engine.haversine_km(lat, lng, self.lat[:n], self.lng[:n])))
        order = int(self.ids[i])
        last = n - 1
        self.ids[i], self.lat[i], self.lng[i] = self.ids[last], self.lat[last], self.lng[last]
        self.size = last
        return order


def run_greedy(orders: Orders, fleet: Fleet, trace: dict | None = None) -> dict:
    model = engine.MOVEMENT
    n_c = len(fleet)
    pos_lat, pos_lng = fleet.lat.copy(), fleet.lng.copy()
    idle = np.zeros(n_c, dtype=bool)
    arrival = np.full(len(orders), np.inf)
    courier_of = np.full(len(orders), -1, dtype=np.intp)
    road_km = 0.0
    waiting = _Pool(len(orders))
    events: list[tuple[float, int]] = [(float(fleet.on_s[c]), c) for c in range(n_c)]
    heapq.heapify(events)  # couriers becoming free (or coming on shift)
    placed = orders.placed_s
    next_order = 0
    round_ms: list[float] = []

    def dispatch(c: int, o: int, now: float) -> None:
        nonlocal road_km
        km = float(engine.haversine_km(pos_lat[c], pos_lng[c], orders.lat[o], orders.lng[o]))
        arrive = now + float(model.travel_s(km))
        road_km += float(model.road_km(km))
        arrival[o] = arrive
        courier_of[o] = c
        pos_lat[c], pos_lng[c] = orders.lat[o], orders.lng[o]
        idle[c] = False
        heapq.heappush(events, (arrive + model.dwell_s, c))

    window_end = math.floor(min(events[0][0], placed.min(initial=np.inf)) / ROUND_S) * ROUND_S
    end = fleet.off_s.max()
    while window_end < end + ROUND_S:
        window_end += ROUND_S
        started = time.perf_counter()
        handled = 0
        while True:
            t_free = events[0][0] if events else math.inf
            t_order = placed[next_order] if next_order < len(orders) else math.inf
            now = min(t_free, t_order)
            if now >= window_end:
                break
            handled += 1
            if t_free <= t_order:  # a courier becomes free: nearest waiting order
                _, c = heapq.heappop(events)
                if now >= fleet.off_s[c]:
                    continue  # shift over
                if waiting.size:
                    dispatch(c, waiting.take_nearest(pos_lat[c], pos_lng[c]), now)
                else:
                    idle[c] = True
            else:  # an order is placed: nearest idle courier
                o = next_order
                next_order += 1
                free = np.flatnonzero(idle & (fleet.off_s > now))
                if free.size:
                    km = engine.haversine_km(
                        orders.lat[o], orders.lng[o], pos_lat[free], pos_lng[free]
                    )
                    dispatch(int(free[np.argmin(km)]), o, now)
                else:
                    waiting.add(o, orders.lat[o], orders.lng[o])
        if handled:
            round_ms.append((time.perf_counter() - started) * 1000.0)
        if next_order >= len(orders) and not waiting.size:
            break
    if trace is not None:
        trace.update(arrival=arrival, courier=courier_of)
    return summarise(orders, arrival, road_km, round_ms)


# ---------------------------------------------------------------------------------------------
# Round benchmark: 2,000 open tasks × 5,000 couriers
# ---------------------------------------------------------------------------------------------


def round_bench(
    policy: engine.DispatchPolicy, *, tasks: int = 2000, couriers: int = 5000, runs: int = 9
) -> dict:
    rng = np.random.default_rng(12345)
    hotspots = rng.uniform(-10.0, 10.0, size=(8, 2))
    now = 12 * 3600.0
    t_lat, t_lng = _city_points(rng, tasks, hotspots)
    c_lat, c_lng = _city_points(rng, couriers, hotspots)
    t = engine.Tasks(t_lat, t_lng, now + rng.uniform(-300, PROMISE_S, tasks))
    busy = rng.random(couriers) < 0.6
    free_at = np.where(busy, now + rng.uniform(0, 1200, couriers), now - 1)
    c = engine.Couriers(c_lat, c_lng, free_at, busy.astype(np.int64), 2)
    engine.assign(t, c, now, policy=policy)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = engine.assign(t, c, now, policy=policy)
        times.append((time.perf_counter() - started) * 1000.0)
    return {
        "round_2000x5000_ms": round(float(np.median(times)), 2),
        "round_2000x5000_ms_max": round(max(times), 2),
        "round_2000x5000_runs": runs,
        "round_2000x5000_assigned": len(result),
    }


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--generate", action="store_true", help="seeded synthetic day")
    source.add_argument("--orders", type=Path, help="CSV order_id,placed_s,lat,lng")
    parser.add_argument("--couriers", type=Path, help="CSV courier_id,lat,lng,on_s,off_s")
    parser.add_argument("--fleet", type=int, default=1500, help="couriers (with --generate)")
    parser.add_argument("--orders-count", type=int, default=100_000, help="with --generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--capacity", type=int, default=2, help="tasks a courier may hold")
    parser.add_argument("--modes", default="engine,greedy", help="comma list: engine,greedy")
    parser.add_argument("--round-bench", action="store_true", help="only the 2000x5000 round")
    parser.add_argument("--no-round-bench", action="store_true")
    parser.add_argument("--candidates", type=int, default=engine.DEFAULT_POLICY.candidates)
    parser.add_argument("--miss-penalty", type=float, default=engine.DEFAULT_POLICY.miss_penalty_s)
    parser.add_argument(
        "--late-penalty", type=float, default=engine.DEFAULT_POLICY.late_penalty_s_per_s
    )
    parser.add_argument("--delay-weight", type=float, default=engine.DEFAULT_POLICY.delay_weight)
    parser.add_argument(
        "--unassigned-cost", type=float, default=engine.DEFAULT_POLICY.unassigned_cost_s
    )
    parser.add_argument("--wait-cost", type=float, default=engine.DEFAULT_POLICY.wait_cost_s_per_s)
    parser.add_argument("--reach", type=float, default=engine.DEFAULT_POLICY.reach_s)
    parser.add_argument("--hold-margin", type=float, default=engine.DEFAULT_POLICY.hold_margin_s)
    args = parser.parse_args(argv)
    policy = engine.DispatchPolicy(
        candidates=args.candidates,
        miss_penalty_s=args.miss_penalty,
        late_penalty_s_per_s=args.late_penalty,
        delay_weight=args.delay_weight,
        unassigned_cost_s=args.unassigned_cost,
        wait_cost_s_per_s=args.wait_cost,
        reach_s=args.reach,
        hold_margin_s=args.hold_margin,
    )
    out: dict = {"policy": policy.__dict__ | {"capacity": args.capacity}}
    if args.round_bench:
        out |= round_bench(policy)
        print(json.dumps(out))
        return 0
    if args.generate:
        orders, fleet = generate(args.seed, args.orders_count, args.fleet)
        out["scenario"] = {
            "generated": True,
            "seed": args.seed,
            "orders": len(orders),
            "fleet": len(fleet),
        }
    elif args.orders and args.couriers:
        orders, fleet = read_orders(args.orders), read_fleet(args.couriers)
        out["scenario"] = {"generated": False, "orders": len(orders), "fleet": len(fleet)}
    else:
        parser.error("give --generate, or --orders and --couriers, or --round-bench")
    out["scenario"]["assumption"] = (
        "couriers accept every offer at once (no declines, no 90 s expiry); engine couriers may"
        f" hold {args.capacity} task(s) (in hand + queued), greedy couriers one"
    )
    for mode in args.modes.split(","):
        started = time.perf_counter()
        log(f"{mode}: simulating {len(orders)} orders, {len(fleet)} couriers ...")
        if mode == "engine":
            out[mode] = run_engine(orders, fleet, capacity=args.capacity, policy=policy)
        elif mode == "greedy":
            out[mode] = run_greedy(orders, fleet)
        else:
            parser.error(f"unknown mode {mode!r}")
        log(f"{mode}: done in {time.perf_counter() - started:.1f} s: {out[mode]}")
    if not args.no_round_bench:
        out |= round_bench(policy)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
