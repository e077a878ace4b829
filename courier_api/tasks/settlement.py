"""What the courier's collection scan settles in the product that made the task: a pickup
order, a hospital run. tasks/ sits below the products, so it never imports them;
`create_app` fills this registry, keyed by task kind (see courier_api/wiring.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from courier_api.tasks.models import Task


@dataclass(frozen=True)
class Collected:
    """What the courier's collection scan found at a pickup task."""

    picked_up: Sequence[str]
    missing: Sequence[str]
    extra: Sequence[str]


Settler = Callable[[Task, Collected], None]
_settlers: dict[str, list[Settler]] = {}


def on_collected(kind: str, settler: Settler) -> None:
    """Run `settler` when a collection scan completes a task of `kind` (once, however often
    it is registered)."""
    settlers = _settlers.setdefault(kind, [])
    if settler not in settlers:
        settlers.append(settler)


def settle(task: Task, collection: Collected) -> None:
    """Each product checks whether the task is its own and settles it. A kind nobody
    settles means the registry was never filled: the order would silently stay open."""
    settlers = _settlers.get(task.kind)
    if not settlers:
        raise LookupError(f"nothing settles a collected {task.kind} task (wiring.connect)")
    for settler in settlers:
        settler(task, collection)
