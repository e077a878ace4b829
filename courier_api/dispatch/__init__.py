"""Dispatch: matching open pickup tasks to couriers in batches (one round per region every 10 s).

`courier_api.dispatch.engine` is the pure part (numpy/scipy, no database, no Flask): given the
open tasks and the available couriers of a round, it returns the least-cost assignment. The
simulator `bench/dispatch_sim.py` replays a day through the same code.
"""
