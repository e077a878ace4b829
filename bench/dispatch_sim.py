"""Replay a day of on-demand pickups through the dispatch engine and a greedy baseline.

    .venv/bin/python bench/dispatch_sim.py --generate --fleet 1500 [--seed 7] [--orders-count N]
    .venv/bin/python bench/dispatch_sim.py --orders orders.csv --couriers couriers.csv
    .venv/bin/python bench/dispatch_sim.py --sweep [--comfortable N] [--orders-count N]
    .venv/bin/python bench/dispatch_sim.py --round-bench

A single run prints exactly one JSON object on stdout (progress goes to stderr). For
``engine`` and ``greedy`` side by side: ``on_time_share`` (courier at the door ≤ 60 min after
the promise start; unserved orders count as late), ``wait_p50_min`` / ``wait_p95_min``
(promise start → arrival, over served orders), ``km_per_pickup`` (courier road km —
great-circle × detour — per served pickup), ``unserved``, ``round_ms_p50`` /
``round_ms_p99`` (wall) and ``round_cpu_ms_p50`` / ``round_cpu_ms_p99`` (CPU), ``sim_s`` /
``sim_cpu_s``; also ``wait_p99_min``, ``wait_max_min``, ``served``, ``late_served``,
``rounds_timed``, ``offers_declined``, ``offers_expired``. Unless ``--no-round-bench``, also
``round_2000x5000_ms``: the median of several timed engine rounds of 2,000 open tasks × 5,000
couriers after a warm-up.

``--sweep`` first calibrates the comfortable fleet of the generated day — the smallest (to
25 couriers) at which greedy is on time for ≥ 99 % of orders — unless ``--comfortable`` gives
it, then prints one table of the day at 25, 50, 75, 100 and 150 % of it, engine and greedy
side by side (a Markdown table on stdout).

Inputs: ``--orders`` CSV ``order_id,placed_s,lat,lng`` (seconds since the day's start; the
promise starts at ``placed_s``, the deadline is ``placed_s + 3600``) and ``--couriers`` CSV
``courier_id,lat,lng,on_s,off_s`` (a courier works from ``on_s`` to ``off_s``); or
``--generate``: one seeded day (see `generate`). Seeds are fixed and printed: the orders from
``--seed``, the fleet from seed + 1, the couriers' answers from seed + 2 (engine) and
seed + 3 (greedy).

Model (both policies): see `dispatch_policies`. The fixed movement model of
`courier_api.dispatch.engine` — 18 km/h, roads 1.3 × the great-circle distance, 4 minutes at
each pickup, after which the courier is free at the pickup's location (pickups only, no
deliveries). Each offer is declined with probability ``--decline-prob`` (default 0.1; half
explicit "no" after 5–60 s, half left to expire after 90 s). Engine couriers may hold
``--capacity`` tasks (default 2: the one in hand plus one queued), greedy couriers one. Policy
knobs (``--unassigned-cost``, ``--wait-cost``, ...) override the engine's `DispatchPolicy`
defaults for experiments.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dispatch_policies import PROMISE_S, Answers, Fleet, Orders, run_engine, run_greedy

from courier_api.dispatch import engine

CENTRE_LAT, CENTRE_LNG = 22.52, 113.38
#: The generated area: 50 km × 50 km (a city and its outlying towns).
HALF_SIDE_KM = 25.0
KM_PER_DEG_LAT = math.pi * engine.EARTH_RADIUS_KM / 180.0
KM_PER_DEG_LNG = KM_PER_DEG_LAT * math.cos(math.radians(CENTRE_LAT))
SWEEP_SHARES = (0.25, 0.5, 0.75, 1.0, 1.5)
#: Shift patterns of the generated fleet: (share, start h, end h); each starts up to 30 min
#: later than its pattern, at random.
SHIFTS = (
    (0.30, 8.0, 20.5),  # full day
    (0.20, 7.5, 15.5),  # early
    (0.25, 12.5, 21.0),  # late
    (0.125, 10.5, 14.5),  # lunch peak
    (0.125, 16.5, 20.5),  # evening peak
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Scenario
# ---------------------------------------------------------------------------------------------


def _area_points(rng: np.random.Generator, n: int, hotspots: np.ndarray) -> tuple[np.ndarray, ...]:
    """n points (lat, lng) in the area: 40 % a 6 km Gaussian around the centre, 35 % around
    the hot spots (town centres, 1.2 km), 25 % uniform."""
    kind = rng.choice(3, size=n, p=[0.4, 0.35, 0.25])
    x = np.empty(n)
    y = np.empty(n)
    todo = np.arange(n)
    while todo.size:
        k = kind[todo]
        px = rng.uniform(-HALF_SIDE_KM, HALF_SIDE_KM, todo.size)
        py = rng.uniform(-HALF_SIDE_KM, HALF_SIDE_KM, todo.size)
        central = k == 0
        px[central] = rng.normal(0.0, 6.0, central.sum())
        py[central] = rng.normal(0.0, 6.0, central.sum())
        spot = k == 1
        which = rng.integers(0, hotspots.shape[0], spot.sum())
        px[spot] = hotspots[which, 0] + rng.normal(0.0, 1.2, spot.sum())
        py[spot] = hotspots[which, 1] + rng.normal(0.0, 1.2, spot.sum())
        x[todo], y[todo] = px, py
        inside = (np.abs(px) <= HALF_SIDE_KM) & (np.abs(py) <= HALF_SIDE_KM)
        todo = todo[~inside]
    return CENTRE_LAT + y / KM_PER_DEG_LAT, CENTRE_LNG + x / KM_PER_DEG_LNG


def demand_curve(hours: np.ndarray) -> np.ndarray:
    """Relative order rate over the day: a low base, a morning bump, and sharp lunch (11:45)
    and evening (18:00) peaks, each about three times the day's mean rate."""
    return (
        0.12
        + 0.35 * np.exp(-0.5 * ((hours - 9.5) / 0.8) ** 2)
        + 1.0 * np.exp(-0.5 * ((hours - 11.75) / 0.45) ** 2)
        + 0.85 * np.exp(-0.5 * ((hours - 18.0) / 0.55) ** 2)
    )


def generate_orders(seed: int, n_orders: int) -> Orders:
    """The day's orders, placed between 08:00 and 20:00 on `demand_curve`."""
    rng = np.random.default_rng(seed)
    hotspots = rng.uniform(-20.0, 20.0, size=(12, 2))
    grid = np.linspace(8.0, 20.0, 12 * 3600 + 1)
    cdf = np.cumsum(demand_curve(grid))
    cdf = (cdf - cdf[0]) / (cdf[-1] - cdf[0])
    placed = np.sort(np.round(np.interp(rng.uniform(0.0, 1.0, n_orders), cdf, grid) * 3600.0))
    lat, lng = _area_points(rng, n_orders, hotspots)
    return Orders(placed, lat, lng)


def generate_fleet(seed: int, fleet: int) -> Fleet:
    """``fleet`` couriers starting at points of the same spatial mix (the orders' hot spots:
    drawn from the orders' seed), on the shift patterns of `SHIFTS`."""
    hotspots = np.random.default_rng(seed - 1).uniform(-20.0, 20.0, size=(12, 2))
    rng = np.random.default_rng(seed)
    lat, lng = _area_points(rng, fleet, hotspots)
    shares = np.array([share for share, _, _ in SHIFTS])
    pattern = rng.choice(len(SHIFTS), size=fleet, p=shares / shares.sum())
    jitter = rng.uniform(0, 1800, fleet)
    on = np.array([SHIFTS[p][1] for p in pattern]) * 3600 + jitter
    off = np.array([SHIFTS[p][2] for p in pattern]) * 3600 + jitter
    return Fleet(lat, lng, on, off)


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
# Round benchmark: 2,000 open tasks × 5,000 couriers
# ---------------------------------------------------------------------------------------------


def round_bench(
    policy: engine.DispatchPolicy, *, tasks: int = 2000, couriers: int = 5000, runs: int = 9
) -> dict:
    rng = np.random.default_rng(12345)
    hotspots = rng.uniform(-20.0, 20.0, size=(12, 2))
    now = 12 * 3600.0
    t_lat, t_lng = _area_points(rng, tasks, hotspots)
    c_lat, c_lng = _area_points(rng, couriers, hotspots)
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


# ---------------------------------------------------------------------------------------------
# Runs and the sweep
# ---------------------------------------------------------------------------------------------


def simulate(
    mode: str, orders: Orders, fleet: Fleet, args: argparse.Namespace, policy: engine.DispatchPolicy
) -> dict:
    started, cpu = time.perf_counter(), time.process_time()
    log(f"{mode}: simulating {len(orders)} orders, {len(fleet)} couriers ...")
    if mode == "engine":
        answers = Answers(args.seed + 2, args.decline_prob)
        out = run_engine(orders, fleet, capacity=args.capacity, policy=policy, answers=answers)
    elif mode == "greedy":
        out = run_greedy(orders, fleet, answers=Answers(args.seed + 3, args.decline_prob))
    else:
        raise ValueError(f"unknown mode {mode!r}")
    out["sim_s"] = round(time.perf_counter() - started, 1)
    out["sim_cpu_s"] = round(time.process_time() - cpu, 1)
    log(f"{mode}: done in {out['sim_s']} s: {out}")
    return out


def calibrate(orders: Orders, args: argparse.Namespace, policy: engine.DispatchPolicy) -> int:
    """The smallest fleet (to 25 couriers) at which greedy is on time for ≥ 99 %."""

    def comfortable(size: int) -> bool:
        fleet = generate_fleet(args.seed + 1, size)
        share = simulate("greedy", orders, fleet, args, policy)["on_time_share"]
        log(f"calibrate: {size} couriers, greedy on time {share:.4f}")
        return share >= 0.99

    low, high = 0, 1500
    while not comfortable(high):
        low, high = high, high * 2
    while high - low > 25:
        middle = (low + high) // 2 // 25 * 25 or 25
        if middle in (low, high):
            break
        low, high = (low, middle) if comfortable(middle) else (middle, high)
    return high


def sweep(orders: Orders, args: argparse.Namespace, policy: engine.DispatchPolicy) -> str:
    comfortable = args.comfortable or calibrate(orders, args, policy)
    lines = [
        f"orders: {len(orders)} (seed {args.seed}); fleet seed {args.seed + 1}; answers seeds "
        f"{args.seed + 2} (engine), {args.seed + 3} (greedy); decline probability "
        f"{args.decline_prob}, offers expire after 90 s",
        f"comfortable fleet (greedy >= 99 % on time): {comfortable}"
        + (" (given)" if args.comfortable else " (calibrated)"),
        "",
        "| fleet | on time engine / greedy | wait p50 min e / g | wait p95 min e / g "
        "| km per pickup e / g | unserved e / g | round p99 ms e (CPU / wall) "
        "| day s e / g (CPU / wall) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for share in SWEEP_SHARES:
        size = round(comfortable * share)
        fleet = generate_fleet(args.seed + 1, size)
        e = simulate("engine", orders, fleet, args, policy)
        g = simulate("greedy", orders, fleet, args, policy)
        lines.append(
            f"| {size} ({share:.0%}) | {e['on_time_share']:.2%} / {g['on_time_share']:.2%} "
            f"| {e['wait_p50_min']} / {g['wait_p50_min']} | {e['wait_p95_min']} / "
            f"{g['wait_p95_min']} | {e['km_per_pickup']} / {g['km_per_pickup']} "
            f"| {e['unserved']} / {g['unserved']} | {e['round_cpu_ms_p99']} / "
            f"{e['round_ms_p99']} | {e['sim_cpu_s']} / {e['sim_s']}; {g['sim_cpu_s']} / "
            f"{g['sim_s']} |"
        )
        log(lines[-1])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--generate", action="store_true", help="seeded synthetic day")
    source.add_argument("--orders", type=Path, help="CSV order_id,placed_s,lat,lng")
    source.add_argument("--sweep", action="store_true", help="generated day, 25-150 %% fleets")
    parser.add_argument("--couriers", type=Path, help="CSV courier_id,lat,lng,on_s,off_s")
    parser.add_argument("--fleet", type=int, default=1500, help="couriers (with --generate)")
    parser.add_argument("--comfortable", type=int, help="with --sweep: skip the calibration")
    parser.add_argument("--orders-count", type=int, default=100_000, help="generated orders")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--decline-prob", type=float, default=0.1, help="0 turns declines off")
    parser.add_argument("--capacity", type=int, default=2, help="tasks a courier may hold")
    parser.add_argument("--modes", default="engine,greedy", help="comma list: engine,greedy")
    parser.add_argument("--round-bench", action="store_true", help="only the 2000x5000 round")
    parser.add_argument("--no-round-bench", action="store_true")
    defaults = engine.DEFAULT_POLICY
    knobs = {
        "candidates": ("--candidates", int),
        "miss_penalty_s": ("--miss-penalty", float),
        "late_penalty_s_per_s": ("--late-penalty", float),
        "delay_weight": ("--delay-weight", float),
        "unassigned_cost_s": ("--unassigned-cost", float),
        "wait_cost_s_per_s": ("--wait-cost", float),
        "reach_s": ("--reach", float),
        "hold_margin_s": ("--hold-margin", float),
        "overdue_weight": ("--overdue-weight", float),
        "scarcity_weight": ("--scarcity-weight", float),
        "scarce_open_s": ("--scarce-open", float),
        "queue_horizon_s": ("--queue-horizon", float),
        "max_time_weight": ("--max-time-weight", float),
        "overload_per_courier": ("--overload-per-courier", float),
        "overload_time_weight": ("--overload-time-weight", float),
        "aging_slack_s": ("--aging-slack", float),
    }
    for field, (flag, kind) in knobs.items():
        parser.add_argument(flag, type=kind, default=getattr(defaults, field), dest=field)
    args = parser.parse_args(argv)
    if not 0 <= args.decline_prob < 1:
        parser.error("--decline-prob must be in [0, 1)")
    policy = engine.DispatchPolicy(**{field: getattr(args, field) for field in knobs})
    out: dict = {"policy": policy.__dict__ | {"capacity": args.capacity}}
    if args.round_bench:
        out |= round_bench(policy)
        print(json.dumps(out))
        return 0
    if args.sweep:
        log(f"seeds: orders {args.seed}, fleet {args.seed + 1}, answers {args.seed + 2}/+3")
        print(sweep(generate_orders(args.seed, args.orders_count), args, policy))
        return 0
    if args.generate:
        log(f"seeds: orders {args.seed}, fleet {args.seed + 1}, answers {args.seed + 2}/+3")
        orders = generate_orders(args.seed, args.orders_count)
        fleet = generate_fleet(args.seed + 1, args.fleet)
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
        parser.error("give --generate, or --orders and --couriers, or --sweep, or --round-bench")
    out["scenario"] |= {
        "seeds": {"answers_engine": args.seed + 2, "answers_greedy": args.seed + 3},
        "decline_prob": args.decline_prob,
        "assumption": (
            f"each offer declined with probability {args.decline_prob} (half after 5-60 s, half"
            " expiring after 90 s), otherwise taken at once; no work a courier cannot finish"
            f" before their shift ends; engine couriers may hold {args.capacity} task(s)"
            " (in hand + queued), greedy couriers one"
        ),
    }
    for mode in args.modes.split(","):
        out[mode] = simulate(mode, orders, fleet, args, policy)
    if not args.no_round_bench:
        out |= round_bench(policy)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
