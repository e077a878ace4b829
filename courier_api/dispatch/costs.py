"""What a dispatch round weighs: the policy's knobs, the cost of giving a task to a courier
and the cost of leaving it open. Pure numpy — no database, no Flask; the matching that
minimises these costs is in `engine.py`.

Cost of giving task *t* to courier *c* in a round at ``now`` (all in seconds)::

    start  = max(now, free_at[c])                # when c can set off (after queued work)
    travel = haversine(c, t) × detour ÷ speed    # seconds on the road
    eta    = start + travel                      # predicted arrival at the door
    late   = eta − deadline[t]
    cost   = w × (travel + delay_weight × (start − now))
             + miss_penalty × [late > 0] + late_penalty × max(0, late)
             (+ the task's pull, below, when c is more than ``aging_slack`` further than
              the task's nearest courier; inf when eta + dwell is past the courier's
              shift end)

``w`` (`time_weight`) is 1 while couriers are at least as many as the open tasks and grows
by ``scarcity_weight`` per extra open task per courier, up to ``max_time_weight``: when work
queues up, a second of a courier's travel is a second more for everyone behind, and the
round turns towards the nearest work (greedy-nearest's strength) instead of driving far to
rescue one promise. In overload — more than ``overload_per_courier`` open tasks per courier,
more work than the couriers clear within the promise — ``w`` is ``overload_time_weight``
and the wait does not count (below): the round serves nearest-first, a savable promise
breaking near-ties, because then how many are served at all is decided by the couriers'
travel. The step ``miss_penalty`` (an hour of travel) makes the matching keep
the promises it can; ``late_penalty`` orders the tasks that will be late anyway.

Cost of leaving *t* open this round (it is offered again in the next one), with
``age = now − since[t]`` and ``overdue = max(0, age − PROMISE_S)``::

    held    = now + reach − deadline[t]          # lateness if first reached `reach` from now
    at_risk = held > 0  or  now + nearest[t] + hold_margin > deadline[t]
    waiting = wait_cost × age + overdue_weight × overdue      # 0 in overload
    open    = unassigned_cost + waiting
              + miss_penalty × at_risk + late_penalty × max(0, held)
              (+ scarce_open while tasks outnumber couriers)

where ``nearest[t]`` is the travel time of the courier nearest to *t* (any load). While
couriers are plentiful a fresh task waits (rounds are 10 s apart) rather than take a courier
costing more than ``unassigned_cost``; once at risk, any courier who can still make it is
taken. While tasks outnumber couriers, nothing waits for a better courier: no available
courier idles while work waits, and a busy courier is given more only if free within
``queue_horizon``, one round (an earlier commitment is made on staler information: with
a minute, couriers travelled 2 % further than greedy-nearest, which decides at the moment).

No starvation: the open cost grows without bound with the wait (``wait_cost`` and, past the
deadline, ``overdue_weight`` more), while the travel weight is bounded, so an old task always
beats a fresh near one in the end. While tasks outnumber couriers, the wait and the promise at
risk (``pull`` = open − unassigned_cost) pull only the couriers nearest the task (within
``aging_slack`` of its nearest courier of any load): an urgent or old order is served by
whoever is closest to it, not by couriers drawn across the region, who would leave their own
neighbourhoods unserved and end up scattered when the next peak comes; to the others it is
an order like any other, so it is still served when it is someone's nearest. With couriers
to spare, every courier feels the full pull. Overload suspends the wait's pull (under a
sustained overload some orders wait whatever the policy; serving nearest-first serves the
most); it resumes when the backlog is back within ``overload_per_courier``. While couriers
are plentiful a task out of ``reach`` of every courier is offered at once to the courier who
can get there soonest (its open cost is raised to its cheapest pair
plus ``unassigned_cost``; cost is monotone in the arrival time). Rules and figures:
docs/dispatch.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from courier_api.dispatch.arrays import PROMISE_S, Couriers, Floats, Ints, Tasks
from courier_api.dispatch.geo import MOVEMENT, MovementModel, distance_matrix_km, haversine_km


@dataclass(frozen=True)
class DispatchPolicy:
    """The knobs of a round (all times in seconds). The defaults are the tuned ones; see
    `bench/dispatch_sim.py` for the figures they were tuned against."""

    #: Couriers considered per task (k of the k-nearest pruning).
    candidates: int = 8
    #: Cost of a predicted missed promise (a step, in seconds of travel): the steep penalty.
    miss_penalty_s: float = 3600.0
    #: Cost of each second of predicted lateness on top of the step.
    late_penalty_s_per_s: float = 1.0
    #: Cost of each second spent waiting for a busy courier to become free, against travel.
    delay_weight: float = 1.0
    #: What a fresh task is worth holding out for: pairs costing more wait for a later round.
    unassigned_cost_s: float = 300.0
    #: Growth of that limit with each second the task has waited (since its promise start).
    wait_cost_s_per_s: float = 0.25
    #: A task is at risk once its deadline is within this of now ...
    reach_s: float = 900.0
    #: ... or within its nearest courier's travel time plus this (a remote task).
    hold_margin_s: float = 600.0
    #: Starvation guard: each second past the deadline adds this on top of ``wait_cost``...
    overdue_weight: float = 0.25
    #: Travel and delay weigh 1 + this × (open tasks per courier − 1) when tasks outnumber
    #: couriers: a second of a courier's time is then a second more for the queue behind.
    scarcity_weight: float = 5.0
    #: ... up to this: bounded, so the growing cost of waiting always wins in the end.
    max_time_weight: float = 50.0
    #: Overload: more open tasks per courier than this (at 4 minutes' dwell and a few of
    #: travel each, more work than the couriers clear within the promise) ...
    overload_per_courier: float = 10.0
    #: ... and travel weighs this much: the round serves nearest-first (the throughput that
    #: decides how many are served at all), a savable promise only breaking near-ties, and
    #: waiting time does not count until the backlog is back within reach of the fleet.
    overload_time_weight: float = 150.0
    #: While tasks outnumber couriers, a task's wait and promise at risk pull only couriers
    #: at most this much further than its nearest courier of any load.
    aging_slack_s: float = 60.0
    #: While tasks outnumber couriers, leaving a task open costs this much more: no
    #: available courier idles while work waits (more than any pair costs).
    scarce_open_s: float = 1e9
    #: While tasks outnumber couriers, a courier with queued work is offered more only if
    #: free within this (a commitment made early is made on stale information).
    queue_horizon_s: float = 10.0

    def __post_init__(self) -> None:
        if self.candidates < 1:
            raise ValueError("candidates must be at least 1")
        weights = (
            self.miss_penalty_s,
            self.late_penalty_s_per_s,
            self.delay_weight,
            self.unassigned_cost_s,
            self.wait_cost_s_per_s,
            self.reach_s,
            self.hold_margin_s,
            self.scarcity_weight,
            self.overdue_weight,
            self.scarce_open_s,
            self.queue_horizon_s,
            self.max_time_weight,
            self.overload_per_courier,
            self.overload_time_weight,
            self.aging_slack_s,
        )
        if min(weights) < 0:
            raise ValueError("penalties, weights, costs and margin must be non-negative")


DEFAULT_POLICY = DispatchPolicy()


def unassigned_cost(
    tasks: Tasks,
    now_s: float,
    nearest_travel_s: ArrayLike,
    policy: DispatchPolicy = DEFAULT_POLICY,
    *,
    overloaded: bool = False,
) -> Floats:
    """Cost of leaving each task open this round (see the module docstring), given the travel
    time of the courier nearest to it, whatever that courier's load (``inf``: no courier);
    in an overloaded round the wait does not count."""
    nearest = np.asarray(nearest_travel_s, dtype=np.float64)
    late_if_held = now_s + policy.reach_s - tasks.deadline_s
    at_risk = (late_if_held > 0) | (now_s + nearest + policy.hold_margin_s > tasks.deadline_s)
    return (
        policy.unassigned_cost_s
        + _waiting_cost(tasks, now_s, policy) * (not overloaded)
        + policy.miss_penalty_s * at_risk
        + policy.late_penalty_s_per_s * np.maximum(late_if_held, 0.0)
    )


def _waiting_cost(tasks: Tasks, now_s: float, policy: DispatchPolicy) -> Floats:
    """What each task's wait adds to leaving it open: growing without bound."""
    age = np.maximum(now_s - tasks.since_s, 0.0)
    return policy.wait_cost_s_per_s * age + policy.overdue_weight * np.maximum(age - PROMISE_S, 0)


def overloaded(n_tasks: int, n_couriers: int, policy: DispatchPolicy) -> bool:
    """Is the round's region overloaded: more open tasks per courier than
    ``overload_per_courier`` (docs/dispatch.md)."""
    return n_tasks > policy.overload_per_courier * max(n_couriers, 1)


def time_weight(n_tasks: int, n_couriers: int, policy: DispatchPolicy) -> float:
    """What a second of a courier's travel or delay costs, against the penalties: 1 while
    couriers are as many as the tasks, more as the backlog per courier grows; in overload,
    ``overload_time_weight``."""
    if overloaded(n_tasks, n_couriers, policy):
        return policy.overload_time_weight
    per_courier = n_tasks / max(n_couriers, 1)
    weight = 1.0 + policy.scarcity_weight * max(per_courier - 1.0, 0.0)
    return min(weight, max(policy.max_time_weight, 1.0))


def pair_costs(
    tasks: Tasks,
    couriers: Couriers,
    rows: Ints,
    cols: Ints,
    now_s: float,
    nearest: Floats,
    policy: DispatchPolicy,
    model: MovementModel,
) -> tuple[Floats, Floats]:
    """(cost, eta) of the pairs (rows[i], cols[i]), given each task's nearest courier's travel
    time; a pair the courier cannot finish before their shift ends costs ``inf``. While tasks
    outnumber couriers, a task's wait and promise at risk pull only couriers within
    ``aging_slack`` of its nearest: from further off the pair costs that back."""
    travel = model.travel_s(
        haversine_km(tasks.lat[rows], tasks.lng[rows], couriers.lat[cols], couriers.lng[cols])
    )
    start = np.maximum(couriers.free_at_s[cols], now_s)
    eta = start + travel
    late = eta - tasks.deadline_s[rows]
    cost = (
        time_weight(len(tasks), len(couriers), policy)
        * (travel + policy.delay_weight * (start - now_s))
        + policy.miss_penalty_s * (late > 0)
        + policy.late_penalty_s_per_s * np.maximum(late, 0.0)
    )
    scarce = len(tasks) > len(couriers)
    if scarce and not overloaded(len(tasks), len(couriers), policy):
        beyond = travel > nearest[rows] + policy.aging_slack_s
        pull = unassigned_cost(tasks, now_s, nearest, policy) - policy.unassigned_cost_s
        cost[beyond] += pull[rows[beyond]]
    cost[eta + model.dwell_s > couriers.shift_end_s[cols]] = np.inf
    return cost, eta


def cost_matrix(
    tasks: Tasks,
    couriers: Couriers,
    now_s: float,
    *,
    policy: DispatchPolicy = DEFAULT_POLICY,
    model: MovementModel = MOVEMENT,
) -> tuple[Floats, Floats]:
    """Dense (cost, eta) matrices, tasks × couriers, ignoring capacity — for small instances,
    tests and dispatcher tooling; `assign` computes only the pruned pairs."""
    n_t, n_c = len(tasks), len(couriers)
    rows = np.repeat(np.arange(n_t, dtype=np.intp), n_c)
    cols = np.tile(np.arange(n_c, dtype=np.intp), n_t)
    travel = model.travel_s(distance_matrix_km(tasks.lat, tasks.lng, couriers.lat, couriers.lng))
    nearest = travel.min(axis=1) if n_c else np.full(n_t, np.inf)
    cost, eta = pair_costs(tasks, couriers, rows, cols, now_s, nearest, policy, model)
    return cost.reshape(n_t, n_c), eta.reshape(n_t, n_c)
