"""Batch dispatch engine: the least-cost assignment of open pickup tasks to available couriers.

Pure numpy/scipy — no database, no Flask. A dispatch round (every 10 s per region) hands in
the open tasks and the available couriers as arrays and gets back (task, courier, eta) pairs.

The movement model is fixed: 18 km/h along roads that are 1.3 × the great-circle distance, and
4 minutes at each pickup (`MOVEMENT`).

Costs (what a round weighs, and the policy's knobs) are in `costs.py`.

The round minimises the total cost over all tasks (assigned or not), each courier taking at
most one new task, only couriers with ``load < capacity`` taking part. Candidates are pruned
first: for each task the ``candidates`` nearest couriers in a 3-D space (equirectangular
x, y in km, plus the courier's weighted delay converted to km at the travel speed) found with
a k-d tree; then the exact costs of those pairs are computed with haversine and the matching
is solved optimally on that sparse graph (scipy's LAPJVsp,
`min_weight_full_bipartite_matching`, as the matching of largest total saving against
leaving tasks open, on the smaller side with one "nothing" partner each so a full matching
always exists: a round's matching is as large as its free couriers, not its backlog). Under
a backlog, only the tasks that can matter this round enter the matching: each available
courier's ``candidates`` nearest tasks, plus the ``candidates`` × (available couriers)
tasks of highest open cost (the oldest and most urgent), and, while couriers outnumber
tasks, every task out of reach; the rest simply stay open, and under a backlog deeper than
the round can use only the tasks considered are priced exactly (their nearest courier looked
up). With ``candidates`` at least the number of couriers and of tasks nothing is pruned and
the result is the exact optimum.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from courier_api.dispatch.arrays import PROMISE_S, Assignment, Couriers, Floats, Ints, Tasks
from courier_api.dispatch.costs import (
    DEFAULT_POLICY,
    DispatchPolicy,
    cost_matrix,
    overloaded,
    pair_costs,
    unassigned_cost,
)
from courier_api.dispatch.geo import (
    EARTH_RADIUS_KM,
    MOVEMENT,
    MovementModel,
    distance_matrix_km,
    eta_s,
    haversine_km,
    project_km,
)

if TYPE_CHECKING:
    from scipy.spatial import cKDTree


__all__ = [
    "DEFAULT_POLICY",
    "EARTH_RADIUS_KM",
    "MOVEMENT",
    "PROMISE_S",
    "Assignment",
    "Couriers",
    "DispatchPolicy",
    "MovementModel",
    "Tasks",
    "assign",
    "cost_matrix",
    "distance_matrix_km",
    "eta_s",
    "haversine_km",
    "reachability",
    "unassigned_cost",
]


def _kd_tree(points: NDArray[np.float64], **options: bool) -> cKDTree:
    # scipy is imported when a round runs, not with this module: the API's workers import
    # it (through the dispatcher's board and its escalations) but never run a round, and
    # scipy would add about 40 MB to each of them (issue #30: memory a gunicorn worker).
    from scipy.spatial import cKDTree

    return cKDTree(points, **options)


def _excluded_codes(
    excluded: Iterable[tuple[int, int]] | NDArray[np.integer], n_t: int, n_c: int
) -> NDArray[np.int64]:
    rows = excluded if isinstance(excluded, np.ndarray) else list(excluded)
    pairs = np.asarray(rows, dtype=np.int64).reshape(-1, 2)
    inside = (pairs[:, 0] >= 0) & (pairs[:, 0] < n_t) & (pairs[:, 1] >= 0) & (pairs[:, 1] < n_c)
    pairs = pairs[inside]
    return np.unique(pairs[:, 0] * n_c + pairs[:, 1])


@dataclass(frozen=True)
class _Plane:
    """Tasks and couriers projected to km (equirectangular) and a k-d tree of the couriers:
    only for finding candidates, never for costing them."""

    tx: Floats
    ty: Floats
    ax: Floats
    ay: Floats
    couriers: cKDTree

    @classmethod
    def of(cls, tasks: Tasks, couriers: Couriers) -> _Plane:
        lat0 = float(np.radians(0.5 * (tasks.lat.mean() + couriers.lat.mean())))
        tx, ty = project_km(tasks.lat, tasks.lng, lat0)
        ax, ay = project_km(couriers.lat, couriers.lng, lat0)
        return cls(tx, ty, ax, ay, _kd_tree(np.column_stack((ax, ay))))


def _nearest_couriers(
    tasks: Tasks, couriers: Couriers, plane: _Plane, which: Ints, k: int, model: MovementModel
) -> tuple[Ints, Floats]:
    """The k couriers nearest each of the tasks ``which`` (any load), and their travel
    times."""
    k = min(k, len(couriers))
    points = np.column_stack((plane.tx[which], plane.ty[which]))
    _, near = plane.couriers.query(points, k=k)
    near = np.asarray(near, dtype=np.intp).reshape(which.size, k)
    lat, lng = tasks.lat[which, None], tasks.lng[which, None]
    travel = model.travel_s(haversine_km(lat, lng, couriers.lat[near], couriers.lng[near]))
    return near, travel


def reachability(
    tasks: Tasks, couriers: Couriers, now_s: float, *, k: int = 8, model: MovementModel = MOVEMENT
) -> tuple[NDArray[np.bool_], Floats]:
    """Per task: can one of its ``k`` nearest couriers (whatever their load) arrive and finish
    the dwell before their shift ends; and the travel time of the nearest courier (``inf``
    and False for every task when there is no courier)."""
    if len(tasks) == 0 or len(couriers) == 0:
        return np.zeros(len(tasks), dtype=bool), np.full(len(tasks), np.inf)
    every = np.arange(len(tasks), dtype=np.intp)
    near, travel = _nearest_couriers(tasks, couriers, _Plane.of(tasks, couriers), every, k, model)
    finish = np.maximum(couriers.free_at_s[near], now_s) + travel + model.dwell_s
    return (finish <= couriers.shift_end_s[near]).any(axis=1), travel.min(axis=1)


def _focus(
    plane: _Plane, pool: Ints, priority: Floats, far: NDArray[np.bool_], k: int
) -> tuple[Ints, Ints, Ints]:
    """The tasks worth matching this round (see the module docstring): each available
    courier's k nearest tasks, the k × couriers of highest priority, and as many far ones;
    and the k nearest tasks of each available courier, as (pool index, task) pairs."""
    n_t, n_p = plane.tx.shape[0], pool.size
    k_near = min(k, n_t)
    tree = _kd_tree(np.column_stack((plane.tx, plane.ty)), balanced_tree=False, compact_nodes=False)
    _, near = tree.query(np.column_stack((plane.ax[pool], plane.ay[pool])), k=k_near)
    near = np.asarray(near, dtype=np.intp).reshape(n_p, k_near)
    own_local, own_task = np.repeat(np.arange(n_p, dtype=np.intp), k_near), near.ravel()
    limit = k * n_p
    if n_t <= limit:
        return np.arange(n_t, dtype=np.intp), own_local, own_task
    urgent = np.argpartition(-priority, limit - 1)[:limit]
    far_idx = np.flatnonzero(far)
    if far_idx.size > limit:
        far_idx = far_idx[np.argpartition(-priority[far_idx], limit - 1)[:limit]]
    return np.unique(np.concatenate((own_task, urgent, far_idx))), own_local, own_task


def _open_costs(
    tasks: Tasks,
    now_s: float,
    nearest: Floats,
    n_couriers: int,
    policy: DispatchPolicy,
) -> Floats:
    """What leaving each task open costs this round, the scarcity term included."""
    overload = overloaded(len(tasks), n_couriers, policy)
    open_cost = unassigned_cost(tasks, now_s, nearest, policy, overloaded=overload)
    scarce = len(tasks) > n_couriers
    if scarce:
        open_cost += policy.scarce_open_s
    return open_cost


def _best_matching(rows: Ints, cols: Ints, gain: Floats, n_rows: int, n_cols: int) -> Ints:
    """The edges (rows[i], cols[i]) of the matching with the largest total gain (what giving
    the task to the courier saves against leaving it open), as edge indices. Solved with
    LAPJVsp as a full matching of the smaller side, each of its vertices with a dummy partner
    that gains nothing: the rounds' size follows min(tasks, couriers)."""
    if n_rows > n_cols:
        rows, cols, n_rows, n_cols = cols, rows, n_cols, n_rows
    from scipy.sparse import csr_matrix  # when a round runs (see _kd_tree)
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    top = float(gain.max()) + 1.0  # weights top − gain ≥ 1: LAPJVsp drops zero weights
    own = np.arange(n_rows, dtype=np.intp)
    graph = csr_matrix(
        (
            np.concatenate((top - gain, np.full(n_rows, top))),
            (np.concatenate((rows, own)), np.concatenate((cols, n_cols + own))),
        ),
        shape=(n_rows, n_cols + n_rows),
    )
    row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    real = col_ind < n_cols
    code = rows.astype(np.int64) * n_cols + cols
    order = np.argsort(code)
    wanted = row_ind[real].astype(np.int64) * n_cols + col_ind[real]
    return order[np.searchsorted(code, wanted, sorter=order)]


def assign(
    tasks: Tasks,
    couriers: Couriers,
    now_s: float,
    *,
    policy: DispatchPolicy = DEFAULT_POLICY,
    excluded: Iterable[tuple[int, int]] | NDArray[np.integer] = (),
    model: MovementModel = MOVEMENT,
) -> Assignment:
    """One dispatch round: the least-total-cost assignment (see the module docstring).

    ``excluded`` holds (task_index, courier_index) pairs that must never be offered (a courier
    who declined a task). Returns at most one task per courier, only to couriers with
    ``load < capacity`` who can still start before their shift ends; tasks whose best use is
    to wait stay in ``unassigned``. ``open_cost`` is exact for the tasks the round considered;
    under a backlog deeper than the round can use, the rest are priced as if their nearest
    courier stood at the door (a lower bound).
    """
    n_t, n_c = len(tasks), len(couriers)
    if n_t == 0 or n_c == 0:
        return Assignment.none(unassigned_cost(tasks, now_s, np.inf, policy))
    scarce = n_t > n_c
    horizon = policy.queue_horizon_s if scarce else np.inf
    pool = np.flatnonzero(
        couriers.available
        & (np.maximum(couriers.free_at_s, now_s) < couriers.shift_end_s)
        & (couriers.free_at_s <= now_s + horizon)
    )
    plane = _Plane.of(tasks, couriers)
    # The nearest courier of any load: a lower bound on any arrival, for the open cost. Under
    # a deep backlog only the tasks in the round's focus are looked up (far ones then compete
    # like the rest: no task is lifted while tasks outnumber couriers).
    deep = scarce and n_t > policy.candidates * max(pool.size, 1)
    nearest = np.zeros(n_t)
    if not deep:
        every = np.arange(n_t, dtype=np.intp)
        nearest = _nearest_couriers(tasks, couriers, plane, every, 1, model)[1][:, 0]
    if pool.size == 0:
        return Assignment.none(_open_costs(tasks, now_s, nearest, n_c, policy))
    far = nearest > policy.reach_s
    open_cost = _open_costs(tasks, now_s, nearest, n_c, policy)
    focus, own_local, own_task = _focus(plane, pool, open_cost, far, policy.candidates)
    if deep:
        nearest[focus] = _nearest_couriers(tasks, couriers, plane, focus, 1, model)[1][:, 0]
        open_cost = _open_costs(tasks, now_s, nearest, n_c, policy)
    n_f = focus.size
    tx, ty, ax, ay = plane.tx, plane.ty, plane.ax, plane.ay

    # Candidate pruning: k nearest available couriers per task in (x, y, weighted delay) space.
    delay = np.maximum(couriers.free_at_s[pool] - now_s, 0.0)
    cz = policy.delay_weight * delay * model.straight_km_per_s
    excluded_codes = _excluded_codes(excluded, n_t, n_c)
    extra = int(np.bincount(excluded_codes // n_c).max()) if excluded_codes.size else 0
    k = min(policy.candidates + extra, pool.size)
    tree = _kd_tree(np.column_stack((ax[pool], ay[pool], cz)), balanced_tree=False)
    _, local = tree.query(np.column_stack((tx[focus], ty[focus], np.zeros(n_f))), k=k)
    local = np.asarray(local, dtype=np.intp).reshape(n_f, k).ravel()
    frow = np.repeat(np.arange(n_f, dtype=np.intp), k)  # row in the focus
    # ... and each available courier's nearest tasks, so a free courier always has its own
    # neighbourhood to choose from even where busier couriers crowd the tasks' lists.
    focus_row = np.full(n_t, -1, dtype=np.intp)
    focus_row[focus] = np.arange(n_f, dtype=np.intp)
    codes = np.unique(
        np.concatenate(
            (frow.astype(np.int64) * pool.size + local, focus_row[own_task] * pool.size + own_local)
        )
    )
    frow, local = (codes // pool.size).astype(np.intp), (codes % pool.size).astype(np.intp)
    cols = pool[local]
    if excluded_codes.size:
        keep = ~np.isin(focus[frow].astype(np.int64) * n_c + cols, excluded_codes)
        frow, cols, local = frow[keep], cols[keep], local[keep]
    rows = focus[frow]

    # Exact costs of the candidate pairs. A task out of reach is not left for a nearer
    # courier who will not come: it costs more to leave open than its soonest courier.
    cost, eta = pair_costs(tasks, couriers, rows, cols, now_s, nearest, policy, model)
    best = np.full(n_t, np.inf)
    np.minimum.at(best, rows, cost)
    lift = far & np.isfinite(best) & (not scarce)
    open_cost[lift] = np.maximum(open_cost[lift], best[lift] + policy.unassigned_cost_s)
    # A pair costing more than leaving the task open is never needed in an optimal solution
    # (swap it for the task's "unassigned" column).
    useful = cost < open_cost[rows]
    if not useful.any():
        return Assignment.none(open_cost)
    frow, local, cost, eta = frow[useful], local[useful], cost[useful], eta[useful]

    # Sparse matching on the couriers that appear as candidates.
    used, column = np.unique(local, return_inverse=True)
    edge = _best_matching(frow, column, open_cost[focus[frow]] - cost, n_f, used.size)
    task_index = focus[frow[edge]]
    assigned = np.zeros(n_t, dtype=bool)
    assigned[task_index] = True
    by_task = np.argsort(task_index)
    return Assignment(
        task_index=task_index[by_task],
        courier_index=pool[used[column[edge]]].astype(np.intp)[by_task],
        eta_s=eta[edge][by_task],
        cost=cost[edge][by_task],
        unassigned=np.flatnonzero(~assigned).astype(np.intp),
        open_cost=open_cost,
    )
