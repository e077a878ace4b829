"""Unit tests of the pure dispatch engine (no app, no database)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from courier_api.dispatch import engine
from courier_api.dispatch.engine import (
    DEFAULT_POLICY,
    MOVEMENT,
    Couriers,
    DispatchPolicy,
    Tasks,
    assign,
    cost_matrix,
    distance_matrix_km,
    eta_s,
    haversine_km,
    unassigned_cost,
)

LAT0, LNG0 = 22.52, 113.38
KM_PER_DEG_LAT = math.pi * engine.EARTH_RADIUS_KM / 180.0
NOW = 36_000.0
#: No pruning: every courier is a candidate, so the result is the exact optimum.
EXACT = replace(DEFAULT_POLICY, candidates=1000)


def north(km: float) -> float:
    """Latitude ``km`` north of LAT0."""
    return LAT0 + km / KM_PER_DEG_LAT


def available(couriers: Couriers, scarce: bool, policy: DispatchPolicy) -> list[int]:
    """Couriers who may take a task: below capacity, able to start before their shift ends,
    and while tasks outnumber couriers, free within the queue horizon."""
    horizon = policy.queue_horizon_s if scarce else math.inf
    return [
        c
        for c in range(len(couriers))
        if couriers.load[c] < couriers.capacity[c]
        and max(couriers.free_at_s[c], NOW) < couriers.shift_end_s[c]
        and couriers.free_at_s[c] <= NOW + horizon
    ]


def open_costs(
    tasks: Tasks,
    couriers: Couriers,
    policy: DispatchPolicy,
    excluded: frozenset[tuple[int, int]] = frozenset(),
) -> np.ndarray:
    """The engine's open cost, recomputed from dense matrices: from the nearest courier of any
    load; while tasks outnumber couriers, plus the scarcity constant; otherwise, for a task out
    of reach, at least its cheapest possible pair plus the base cost."""
    distance = distance_matrix_km(tasks.lat, tasks.lng, couriers.lat, couriers.lng)
    nearest = MOVEMENT.travel_s(distance).min(axis=1) if len(couriers) else np.inf
    overloaded = engine.overloaded(len(tasks), len(couriers), policy)
    open_cost = unassigned_cost(tasks, NOW, nearest, policy, overloaded=overloaded)
    scarce = len(tasks) > len(couriers)
    if scarce and len(couriers):
        return open_cost + policy.scarce_open_s
    cost, _ = cost_matrix(tasks, couriers, NOW, policy=policy)
    free = available(couriers, scarce, policy)
    for t in range(len(tasks)):
        pairs = [cost[t, c] for c in free if (t, c) not in excluded]
        if nearest[t] > policy.reach_s and pairs and np.isfinite(min(pairs)):
            open_cost[t] = max(open_cost[t], min(pairs) + policy.unassigned_cost_s)
    return open_cost


def brute_force(
    tasks: Tasks,
    couriers: Couriers,
    policy: DispatchPolicy,
    excluded: frozenset[tuple[int, int]] = frozenset(),
) -> float:
    """Least total cost over every way of giving each task one free courier or none."""
    cost, _ = cost_matrix(tasks, couriers, NOW, policy=policy)
    open_cost = open_costs(tasks, couriers, policy, excluded)
    free = available(couriers, len(tasks) > len(couriers), policy)
    best = math.inf

    def walk(t: int, used: frozenset[int], acc: float) -> None:
        nonlocal best
        if t == len(tasks):
            best = min(best, acc)
            return
        walk(t + 1, used, acc + open_cost[t])
        for c in free:
            if c not in used and (t, c) not in excluded:
                walk(t + 1, used | {c}, acc + cost[t, c])

    walk(0, frozenset(), 0.0)
    return best


def random_instance(
    rng: np.random.Generator, n_tasks: int, n_couriers: int, spread_km: float = 4.0
) -> tuple[Tasks, Couriers]:
    def points(n: int) -> tuple[np.ndarray, np.ndarray]:
        lat = LAT0 + rng.uniform(-spread_km, spread_km, n) / KM_PER_DEG_LAT
        lng = LNG0 + rng.uniform(-spread_km, spread_km, n) / (KM_PER_DEG_LAT * 0.92)
        return lat, lng

    t_lat, t_lng = points(n_tasks)
    c_lat, c_lng = points(n_couriers)
    since = NOW - rng.uniform(0, 3600, n_tasks)
    tasks = Tasks(t_lat, t_lng, since + 3600, since)
    couriers = Couriers(
        c_lat,
        c_lng,
        NOW + rng.uniform(-600, 900, n_couriers),
        rng.integers(0, 3, n_couriers),
        2,
    )
    return tasks, couriers


# --- distances and the movement model ---------------------------------------------------------


def test_haversine_known_values() -> None:
    # One degree of latitude (or of longitude on the equator) is R·π/180.
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.19508, abs=1e-4)
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19508, abs=1e-4)
    # Half the circumference between antipodes.
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * engine.EARTH_RADIUS_KM)
    # Paris (Notre-Dame) – London (Trafalgar Square): ≈ 343.5 km great-circle.
    assert haversine_km(48.8530, 2.3499, 51.5080, -0.1281) == pytest.approx(343.5, abs=1.0)
    # Beijing (Tiananmen) – Shanghai (People's Square): ≈ 1,067 km.
    assert haversine_km(39.9087, 116.3975, 31.2304, 121.4737) == pytest.approx(1067, abs=3)
    assert haversine_km(LAT0, LNG0, LAT0, LNG0) == 0.0


def test_haversine_broadcasts_and_matrix_matches() -> None:
    rng = np.random.default_rng(3)
    a_lat, a_lng = LAT0 + rng.uniform(-0.1, 0.1, 5), LNG0 + rng.uniform(-0.1, 0.1, 5)
    b_lat, b_lng = LAT0 + rng.uniform(-0.1, 0.1, 7), LNG0 + rng.uniform(-0.1, 0.1, 7)
    matrix = distance_matrix_km(a_lat, a_lng, b_lat, b_lng, block=2)
    assert matrix.shape == (5, 7)
    for i in range(5):
        for j in range(7):
            assert matrix[i, j] == pytest.approx(
                float(haversine_km(a_lat[i], a_lng[i], b_lat[j], b_lng[j]))
            )
    assert np.allclose(
        matrix, haversine_km(b_lat[None, :], b_lng[None, :], a_lat[:, None], a_lng[:, None])
    )


def test_movement_model_one_km() -> None:
    assert (MOVEMENT.speed_kmh, MOVEMENT.detour, MOVEMENT.dwell_s) == (18.0, 1.3, 240.0)
    straight = float(haversine_km(LAT0, LNG0, north(1.0), LNG0))
    assert straight == pytest.approx(1.0)
    assert float(MOVEMENT.road_km(straight)) == pytest.approx(1.3)
    assert float(MOVEMENT.travel_s(straight)) == pytest.approx(260.0)


def test_eta_is_free_time_plus_travel() -> None:
    one_km = north(1.0)
    assert float(eta_s(one_km, LNG0, LAT0, LNG0, NOW - 500, NOW)) == pytest.approx(NOW + 260)
    assert float(eta_s(one_km, LNG0, LAT0, LNG0, NOW + 100, NOW)) == pytest.approx(NOW + 360)
    etas = eta_s(one_km, LNG0, np.array([LAT0, one_km]), LNG0, np.array([NOW, NOW + 60]), NOW)
    assert np.allclose(etas, [NOW + 260, NOW + 60])


def test_cost_follows_the_formula() -> None:
    tasks = Tasks([north(1.0)], [LNG0], [NOW + 300], [NOW - 600])
    couriers = Couriers([LAT0, LAT0], [LNG0, LNG0], [NOW - 5, NOW + 100])
    policy = DispatchPolicy(miss_penalty_s=1000, late_penalty_s_per_s=3, delay_weight=0.5)
    cost, eta = cost_matrix(tasks, couriers, NOW, policy=policy)
    assert np.allclose(eta, [[NOW + 260, NOW + 360]])
    assert cost[0, 0] == pytest.approx(260)  # on time, free now
    assert cost[0, 1] == pytest.approx(260 + 0.5 * 100 + 1000 + 3 * 60)  # 60 s late
    # Leaving it open: base + wait cost × age; once at risk, + the miss penalty, and + the
    # lateness it would have if first reached `reach` from now.
    relaxed = Tasks([LAT0], [LNG0], [NOW + 3000], [NOW - 600])
    base = policy.unassigned_cost_s + policy.wait_cost_s_per_s * 600
    assert unassigned_cost(relaxed, NOW, [60.0], policy)[0] == pytest.approx(base)
    # Remote: the nearest courier needs 2,500 s, + the 600 s margin > 3,000 s left.
    assert unassigned_cost(relaxed, NOW, [2500.0], policy)[0] == pytest.approx(base + 1000)
    urgent = Tasks([LAT0], [LNG0], [NOW + 600], [NOW - 3000])
    assert unassigned_cost(urgent, NOW, [60.0], policy)[0] == pytest.approx(
        policy.unassigned_cost_s + policy.wait_cost_s_per_s * 3000 + 1000 + 3 * 300
    )


# --- optimality ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_optimal_against_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    tasks, couriers = random_instance(rng, int(rng.integers(1, 5)), int(rng.integers(1, 6)))
    policy = replace(
        EXACT,
        unassigned_cost_s=float(rng.choice([300.0, 900.0, 5000.0])),
        delay_weight=float(rng.choice([0.5, 1.0])),
    )
    result = assign(tasks, couriers, NOW, policy=policy)
    assert np.allclose(result.open_cost, open_costs(tasks, couriers, policy))
    assert result.total_cost == pytest.approx(brute_force(tasks, couriers, policy))


@pytest.mark.parametrize("seed", range(10))
def test_optimal_with_exclusions(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    tasks, couriers = random_instance(rng, 4, 4, spread_km=1.5)
    couriers = Couriers(couriers.lat, couriers.lng, couriers.free_at_s, 0, 1)
    policy = replace(EXACT, unassigned_cost_s=5000.0)  # every task wants a courier
    first = assign(tasks, couriers, NOW, policy=policy)
    excluded = frozenset(
        (int(t), int(c)) for t, c in zip(first.task_index, first.courier_index, strict=True)
    )
    result = assign(tasks, couriers, NOW, policy=policy, excluded=excluded)
    assert not excluded & {(t, c) for t, c, _ in result.pairs()}
    assert result.total_cost == pytest.approx(brute_force(tasks, couriers, policy, excluded))


def test_pruned_matching_is_near_optimal_and_valid() -> None:
    rng = np.random.default_rng(7)
    tasks, couriers = random_instance(rng, 150, 400, spread_km=10.0)
    pruned = assign(tasks, couriers, NOW)
    exact = assign(tasks, couriers, NOW, policy=replace(DEFAULT_POLICY, candidates=400))
    assert np.allclose(pruned.open_cost, exact.open_cost)
    assert exact.total_cost <= pruned.total_cost <= 1.01 * exact.total_cost
    for result in (pruned, exact):
        assert len(set(result.courier_index.tolist())) == len(result)
        assert np.all(couriers.load[result.courier_index] < 2)


def test_reported_eta_and_cost_match_the_pair() -> None:
    rng = np.random.default_rng(11)
    tasks, couriers = random_instance(rng, 30, 50)
    result = assign(tasks, couriers, NOW)
    assert len(result) > 0
    cost, eta = cost_matrix(tasks, couriers, NOW)
    assert np.allclose(result.eta_s, eta[result.task_index, result.courier_index])
    assert np.allclose(result.cost, cost[result.task_index, result.courier_index])
    expected = eta_s(
        tasks.lat[result.task_index],
        tasks.lng[result.task_index],
        couriers.lat[result.courier_index],
        couriers.lng[result.courier_index],
        couriers.free_at_s[result.courier_index],
        NOW,
    )
    assert np.allclose(result.eta_s, expected)
    assert sorted([*result.task_index.tolist(), *result.unassigned.tolist()]) == list(range(30))


# --- rules ---------------------------------------------------------------------------------------


def test_excluded_pair_is_never_returned() -> None:
    # The declined courier is on the doorstep; the other is 1 km away.
    tasks = Tasks([LAT0], [LNG0], [NOW + 3000])
    couriers = Couriers([LAT0, north(1.0)], [LNG0, LNG0], [NOW, NOW])
    assert assign(tasks, couriers, NOW).pairs()[0][1] == 0
    result = assign(tasks, couriers, NOW, excluded={(0, 0)})
    assert [(t, c) for t, c, _ in result.pairs()] == [(0, 1)]
    # Declined by everyone: stays open.
    result = assign(tasks, couriers, NOW, excluded={(0, 0), (0, 1)})
    assert len(result) == 0 and result.unassigned.tolist() == [0]


@pytest.mark.parametrize("seed", range(5))
def test_exclusions_hold_under_pruning(seed: int) -> None:
    rng = np.random.default_rng(200 + seed)
    tasks, couriers = random_instance(rng, 40, 60)
    policy = replace(DEFAULT_POLICY, candidates=3)
    excluded = {(t, c) for t in range(40) for c in rng.choice(60, 10, replace=False).tolist()}
    result = assign(tasks, couriers, NOW, policy=policy, excluded=excluded)
    assert not excluded & {(t, c) for t, c, _ in result.pairs()}
    assert len(result) > 0


def test_capacity_is_respected() -> None:
    tasks = Tasks([LAT0, north(0.1)], [LNG0, LNG0], [NOW + 3000, NOW + 3000])
    # Courier 0 sits on the tasks but is full; courier 1 is 3 km away with room.
    couriers = Couriers([LAT0, north(3.0)], [LNG0, LNG0], [NOW, NOW], [2, 1], [2, 2])
    result = assign(tasks, couriers, NOW, policy=replace(EXACT, unassigned_cost_s=5000))
    assert result.courier_index.tolist() == [1]
    full = Couriers([LAT0], [LNG0], [NOW], 3, 3)
    assert len(assign(tasks, full, NOW)) == 0


def test_at_most_one_task_per_courier() -> None:
    n = 12
    tasks = Tasks(north(0.05) + np.arange(n) * 1e-4, np.full(n, LNG0), np.full(n, NOW + 600))
    couriers = Couriers([LAT0, north(0.3)], [LNG0, LNG0], [NOW, NOW], 0, 5)
    result = assign(tasks, couriers, NOW)
    assert len(result) == 2
    assert sorted(result.courier_index.tolist()) == [0, 1]
    assert len(result.unassigned) == n - 2


def test_courier_free_later_is_preferred_less() -> None:
    tasks = Tasks([north(1.0)], [LNG0], [NOW + 3000])
    # Same place; courier 0 busy for 5 more minutes, courier 1 free now.
    couriers = Couriers([LAT0, LAT0], [LNG0, LNG0], [NOW + 300, NOW - 10], [1, 0], 2)
    result = assign(tasks, couriers, NOW)
    assert result.pairs() == [(0, 1, pytest.approx(NOW + 260))]
    # A busy courier next door beats a free one far away, when the wait is short.
    couriers = Couriers([north(1.0), north(4.0)], [LNG0, LNG0], [NOW + 120, NOW], [1, 0], 2)
    result = assign(tasks, couriers, NOW)
    assert result.pairs() == [(0, 0, pytest.approx(NOW + 120))]


def test_lateness_penalty_steers_urgent_task_to_courier_who_can_make_it() -> None:
    # T0 is due in 5 minutes at the origin; T1 is fresh, 1.1 km north.
    # C0 is free, 1 km north (T0 in 260 s: on time). C1 stands on T0 but is busy for 400 s
    # (arrives 100 s late). By travel and delay alone, C1→T0 + C0→T1 is cheaper.
    tasks = Tasks([LAT0, north(1.1)], [LNG0, LNG0], [NOW + 300, NOW + 3500], [NOW, NOW])
    couriers = Couriers([north(1.0), LAT0], [LNG0, LNG0], [NOW, NOW + 400], [0, 1], 2)
    no_penalty = replace(
        EXACT, miss_penalty_s=0, late_penalty_s_per_s=0, unassigned_cost_s=10_000, reach_s=0
    )
    blind = assign(tasks, couriers, NOW, policy=no_penalty)
    assert sorted((t, c) for t, c, _ in blind.pairs()) == [(0, 1), (1, 0)]
    steered = assign(tasks, couriers, NOW, policy=replace(EXACT, unassigned_cost_s=10_000))
    pairs = {t: (c, eta) for t, c, eta in steered.pairs()}
    assert pairs[0][0] == 0
    assert pairs[0][1] <= NOW + 300


def test_fresh_task_waits_for_a_better_courier_then_is_served_in_time() -> None:
    # The only courier is 3 km away (780 s, within reach): not worth it for a fresh task...
    couriers = Couriers([north(3.0)], [LNG0], [0.0])
    since = NOW
    fresh = Tasks([LAT0], [LNG0], [since + 3600], [since])
    assert len(assign(fresh, couriers, NOW + 10)) == 0
    # ... but, replaying rounds every 10 s, it is taken once it is at risk, in time to make it.
    now = NOW
    while not len(result := assign(fresh, couriers, now)):
        now += 10
    ((_, courier, eta),) = result.pairs()
    assert courier == 0
    assert eta == pytest.approx(now + 780)
    assert eta <= since + 3600
    assert now - since >= 20 * 60  # it did wait for someone closer


def test_late_task_is_served_by_a_courier_who_can_come_soon() -> None:
    late = Tasks([LAT0], [LNG0], [NOW - 600], [NOW - 4200])
    near = Couriers([north(3.0)], [LNG0], [NOW])
    assert len(assign(late, near, NOW)) == 1


# --- shapes --------------------------------------------------------------------------------------


def test_empty_inputs() -> None:
    no_tasks = Tasks([], [], [])
    no_couriers = Couriers([], [], [])
    one_task = Tasks([LAT0], [LNG0], [NOW + 600])
    one_courier = Couriers([LAT0], [LNG0], [NOW])
    for tasks, couriers in [
        (no_tasks, no_couriers),
        (no_tasks, one_courier),
        (one_task, no_couriers),
    ]:
        result = assign(tasks, couriers, NOW)
        assert len(result) == 0
        assert result.pairs() == []
        assert result.unassigned.tolist() == list(range(len(tasks)))


def test_more_tasks_than_couriers_and_vice_versa() -> None:
    rng = np.random.default_rng(5)
    for n_tasks, n_couriers in [(50, 3), (3, 50), (1, 1), (20, 20)]:
        tasks, couriers = random_instance(rng, n_tasks, n_couriers, spread_km=1.0)
        couriers = Couriers(couriers.lat, couriers.lng, np.full(n_couriers, NOW), 0, 1)
        result = assign(tasks, couriers, NOW, policy=replace(DEFAULT_POLICY, unassigned_cost_s=1e5))
        assert len(result) == min(n_tasks, n_couriers)
        assert len(set(result.courier_index.tolist())) == len(result)
        assert len(set(result.task_index.tolist())) == len(result)


def test_invalid_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        Tasks([LAT0, LAT0], [LNG0], [NOW])
    with pytest.raises(ValueError):
        Couriers([LAT0], [LNG0], [NOW, NOW])
    with pytest.raises(ValueError):
        Tasks([math.nan], [LNG0], [NOW])
    with pytest.raises(ValueError):
        DispatchPolicy(candidates=0)
    with pytest.raises(ValueError):
        DispatchPolicy(miss_penalty_s=-1)


# --- no starvation --------------------------------------------------------------------------------


def test_an_order_far_from_every_courier_is_offered_at_once_to_the_soonest() -> None:
    # 20 km from everyone (over an hour away): no nearer courier is coming, so waiting for
    # one would only make it later. It goes to the courier who can get there first: the busy
    # one 15 km away (free in 2 minutes) rather than the free one 19 km away.
    fresh = Tasks([north(20.0)], [LNG0], [NOW + 3600], [NOW])
    couriers = Couriers(
        [LAT0, north(5.0), north(1.0)], [LNG0, LNG0, LNG0], [NOW, NOW + 120, NOW], [0, 1, 0], 2
    )
    result = assign(fresh, couriers, NOW)
    ((_, courier, eta),) = result.pairs()
    assert courier == 1
    assert eta == pytest.approx(NOW + 120 + MOVEMENT.travel_s(15.0), rel=1e-3)
    # Still served when even the soonest courier cannot make the promise any more.
    hopeless = Tasks([north(40.0)], [LNG0], [NOW + 600], [NOW - 3000])
    assert [c for _, c, _ in assign(hopeless, couriers, NOW).pairs()] == [1]


def test_an_order_behind_a_stream_of_fresh_near_orders_is_not_starved() -> None:
    # One courier, an order 1 km south already 10 minutes late, and every 4 minutes (as fast
    # as the courier can serve them) a new order at a shop 300 m north, each still savable
    # (its deadline 10 minutes off): the miss penalty alone prefers the savable stream.
    old = (north(-1.0), LNG0, NOW - 600, NOW - 4200)  # lat, lng, deadline, since
    stream: list[tuple[float, float, float, float]] = []
    c_lat, free_at = LAT0, NOW
    now, served_at = NOW, None
    while now < NOW + 6 * 3600 and served_at is None:
        if (now - NOW) % 240 == 0:
            stream.append((north(0.3), LNG0, now + 600, now - 3000))
        open_ = [old, *stream]
        tasks = Tasks(*(np.array(column) for column in zip(*open_, strict=True)))
        couriers = Couriers([c_lat], [LNG0], [free_at], [int(free_at > now)], 1)
        for task, _, eta in assign(tasks, couriers, now).pairs():
            c_lat, free_at = open_[task][0], eta + MOVEMENT.dwell_s
            if task == 0:
                served_at = eta
            else:
                stream.remove(open_[task])
        now += 10
    assert served_at is not None
    # Taken within 3½ hours of going late (the wait cost alone: 4 hours and more; without
    # the overdue guard, 6).
    assert served_at - old[2] < 3.5 * 3600


# --- overload ---------------------------------------------------------------------------------


def test_overload_serves_nearest_first_and_the_old_order_once_it_is_over() -> None:
    # An order 3 hours late 400 m north, and a dozen fresh ones 200 m south of the only
    # courier: more work than one courier clears within the promise. Nearest-first then:
    # driving to the old order would serve fewer. With two open, it is no overload, and the
    # old order's wait wins.
    old = (north(0.4), LNG0, NOW - 3 * 3600, NOW - 4 * 3600)
    fresh = [(north(-0.2), LNG0 + i * 1e-5, NOW + 3000, NOW - 600) for i in range(12)]
    courier = Couriers([LAT0], [LNG0], [NOW])

    def chosen(
        open_: list[tuple[float, float, float, float]], policy: DispatchPolicy = DEFAULT_POLICY
    ) -> int:
        tasks = Tasks(*(np.array(column) for column in zip(*open_, strict=True)))
        ((task, _, _),) = assign(tasks, courier, NOW, policy=policy).pairs()
        return task

    assert engine.overloaded(13, 1, DEFAULT_POLICY)
    assert chosen([old, *fresh]) != 0
    assert chosen([old, *fresh], replace(DEFAULT_POLICY, overload_per_courier=20)) == 0
    assert not engine.overloaded(2, 1, DEFAULT_POLICY)
    assert chosen([old, fresh[0]]) == 0


def test_under_scarcity_an_old_order_pulls_only_its_nearest_couriers() -> None:
    # Three orders, two couriers. One order is 2 hours late next to a courier who is busy
    # for 5 more minutes; the free courier, 3 km away, stands 100 m from a fresh order. The
    # free courier takes the fresh order; the old one waits for the courier next to it.
    # Without the slack its wait would draw the free courier 3 km across.
    tasks = Tasks(
        [north(3.0), north(-0.1), north(-8.0)], [LNG0] * 3, [NOW - 7200, NOW + 3000, NOW + 3000]
    )
    couriers = Couriers([north(3.05), LAT0], [LNG0, LNG0], [NOW + 300, NOW], [1, 0], 1)
    assert assign(tasks, couriers, NOW).pairs()[0][:2] == (1, 1)
    drawn = assign(tasks, couriers, NOW, policy=replace(DEFAULT_POLICY, aging_slack_s=np.inf))
    assert drawn.pairs()[0][:2] == (0, 1)
