"""Appending to and verifying the custody log. No Flask; never commits.

`append` is the one way every domain records custody, inside the caller's transaction,
set-based: a hand-over of 2,000 items costs a handful of statements, not 2,000 round trips.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.db import built_once, execute_core
from courier_api.core.pg import HotStatement, among, insert_rows, update_rows
from courier_api.core.security import Principal
from courier_api.custody.models import (
    CUSTODY_KINDS,
    GENESIS_HASH,
    CustodyCheckpoint,
    CustodyEvent,
    CustodyHead,
)
from courier_api.extensions import db

T = TypeVar("T", bound=db.Model)

#: The fields a link's hash covers, in the canonical JSON (sorted keys, no whitespace).
HASHED_FIELDS = (
    "shipment_id",
    "seq",
    "kind",
    "occurred_at",
    "recorded_at",
    "actor_kind",
    "actor_id",
    "station_id",
    "task_id",
    "refs",
    "prev_hash",
)


@dataclass(frozen=True)
class Entry:
    """One custody fact to record. `refs` holds references and hashes, never personal data."""

    shipment_id: str
    kind: str
    actor_kind: str
    actor_id: str
    occurred_at: datetime | None = None
    station_id: str | None = None
    task_id: str | None = None
    refs: dict[str, Any] = field(default_factory=dict)
    #: A sandbox item's event, kept apart from the live log (docs/shipments.md).
    sandbox: bool = False

    @classmethod
    def by(cls, actor: Principal, shipment_id: str, kind: str, **facts: Any) -> Entry:
        """The fact as `actor` (the caller who did it) records it; a sandbox caller's (the
        sandbox client, the robo-courier) is a sandbox event."""
        return cls(shipment_id, kind, actor.kind, actor.id, sandbox=actor.sandbox, **facts)


def canonical_json(value: Any) -> bytes:
    """RFC 8785 style for our values (strings, integers, nested objects): sorted keys, no
    whitespace, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link_hash(row: dict[str, Any]) -> str:
    document = {name: row[name] for name in HASHED_FIELDS}
    if row.get("sandbox"):
        # Hashed only when set, so live links keep their hashes and a sandbox event cannot
        # be passed off as live (or back) without breaking its link.
        document["sandbox"] = True
    for name in ("occurred_at", "recorded_at"):
        document[name] = clock.to_rfc3339(document[name])
    return hashlib.sha256(canonical_json(document)).hexdigest()


_INSERT_HEADS = sa.insert(CustodyHead.__table__)
#: Who hears of the rows each append recorded (wiring.custody_log: the request's promise).
_listeners: list[Callable[[list[dict[str, Any]]], None]] = []


def on_append(listener: Callable[[list[dict[str, Any]]], None]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def _lock_heads(shipment_ids: Sequence[str]) -> dict[str, tuple[int, str]]:
    table = CustodyHead.__table__
    insert_rows(
        table,
        [{"shipment_id": sid, "seq": 0, "hash": GENESIS_HASH} for sid in shipment_ids],
        ignore_conflicts=True,
    )
    rows = db.session.execute(built_once(_heads_among), {"shipment_ids": list(shipment_ids)})
    return {row.shipment_id: (row.seq, row.hash) for row in rows}


def _heads_among() -> sa.Select:
    table = CustodyHead.__table__
    return (
        sa.select(table.c.shipment_id, table.c.seq, table.c.hash)
        .where(among(table.c.shipment_id, named="shipment_ids"))
        .with_for_update()
    )


def append(entries: Iterable[Entry], *, new_chains: bool = False) -> list[dict[str, Any]]:
    """Record entries (in order; several may concern one shipment); returns the rows.

    `new_chains`: the shipments were created in this transaction, so their chains start
    here: no head to lock (their heads are inserted; a clash would be a bug and fails)."""
    entries = list(entries)
    if not entries:
        return []
    for entry in entries:
        if entry.kind not in CUSTODY_KINDS:
            raise ValueError(f"unknown custody kind {entry.kind!r}")
    shipment_ids = sorted({e.shipment_id for e in entries})
    # The inserts below bypass the session (no autoflush): the shipments they refer to
    # must be in the database first.
    db.session.flush()
    if new_chains:
        heads = {sid: (0, GENESIS_HASH) for sid in shipment_ids}
    else:
        heads = _lock_heads(shipment_ids)
    recorded_at = clock.now()
    rows = []
    for entry in entries:
        seq, prev_hash = heads[entry.shipment_id]
        row = {
            "shipment_id": entry.shipment_id,
            "seq": seq + 1,
            "kind": entry.kind,
            "occurred_at": entry.occurred_at or recorded_at,
            "recorded_at": recorded_at,
            "actor_kind": entry.actor_kind,
            "actor_id": entry.actor_id,
            "station_id": entry.station_id,
            "task_id": entry.task_id,
            "refs": entry.refs,
            "prev_hash": prev_hash,
            "sandbox": entry.sandbox,
        }
        row["hash"] = link_hash(row)
        heads[entry.shipment_id] = (row["seq"], row["hash"])
        rows.append(row)
    insert_rows(CustodyEvent.__table__, rows)
    for listener in _listeners:
        listener(rows)
    if new_chains:
        execute_core(
            _INSERT_HEADS,
            [{"shipment_id": sid, "seq": seq, "hash": h} for sid, (seq, h) in heads.items()],
        )
        return rows
    update_rows(
        CustodyHead.__table__,
        "shipment_id",
        [{"shipment_id": sid, "seq": seq, "hash": h} for sid, (seq, h) in heads.items()],
    )
    return rows


def of_chain(model: type[T], shipment_id: str) -> list[T]:
    """A shipment's rows of `model` (its events, or its leaves in the log), by seq."""
    return list(
        db.session.scalars(
            sa.select(model).where(model.shipment_id == shipment_id).order_by(model.seq)
        )
    )


def events_of(shipment_id: str) -> list[CustodyEvent]:
    return of_chain(CustodyEvent, shipment_id)


_TIMELINE = HotStatement(
    sa.select(
        CustodyEvent.__table__.c.occurred_at,
        CustodyEvent.__table__.c.kind,
        CustodyEvent.__table__.c.station_id,
    )
    .where(CustodyEvent.__table__.c.shipment_id == sa.bindparam("shipment_id"))
    .order_by(CustodyEvent.__table__.c.seq)
)


def timeline_of(shipment_id: str) -> list[Any]:
    """When, what and where of each link, in order (rows: occurred_at, kind, station_id):
    what a shipment's timeline shows, read without the rest of each event (public tracking
    and the timeline are 15 % of the peak mix's requests)."""
    return _TIMELINE.all({"shipment_id": shipment_id})


def _row(event: CustodyEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in (*HASHED_FIELDS, "hash", "sandbox")}


@dataclass
class Verdict:
    valid: bool
    events: int
    head_hash: str | None
    first_broken_seq: int | None = None
    problem: str | None = None
    checkpoints_checked: int = 0
    #: The signed tree head the chain was proved in; links recorded since are pending.
    tree_head: int | None = None
    pending_events: int = 0
    #: A sandbox item's chain: valid links, vouched for by no checkpoint.
    sandbox: bool = False

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def verify_chain(shipment_id: str, *, key: str | None = None) -> Verdict:
    """Recompute every link; with the HMAC key, also check the old checkpoints that cover
    this chain (log.verify_shipment then checks it against the signed log)."""
    events = events_of(shipment_id)
    prev_hash = GENESIS_HASH
    for expected_seq, event in enumerate(events, start=1):
        row = _row(event)
        broken = None
        if event.seq != expected_seq:
            broken = f"link {expected_seq} is missing"
        elif event.prev_hash != prev_hash:
            broken = f"link {event.seq} does not follow link {event.seq - 1}"
        elif link_hash(row) != event.hash:
            broken = f"link {event.seq} was altered"
        if broken:
            return Verdict(False, len(events), None, expected_seq, broken)
        prev_hash = event.hash
    head = db.session.get(CustodyHead, shipment_id)
    if head is not None and (head.seq, head.hash) != (len(events), prev_hash):
        return Verdict(
            False, len(events), None, len(events) + 1, "links after the last are missing"
        )
    verdict = Verdict(True, len(events), prev_hash if events else None)
    verdict.sandbox = any(event.sandbox for event in events)
    if key is not None and events and not verdict.sandbox:
        _verify_covering_checkpoints(verdict, [e.id for e in events], key)
    return verdict


# --- the HMAC checkpoints made before the Merkle log (still verified, none made now) --------


def _range_digest(previous_digest: str, first_id: int, last_id: int) -> str:
    digest = hashlib.sha256(previous_digest.encode())
    hashes = db.session.scalars(
        sa.select(CustodyEvent.hash)
        .where(CustodyEvent.id > first_id, CustodyEvent.id <= last_id)
        .order_by(CustodyEvent.id)
    )
    for value in hashes:
        digest.update(value.encode())
    return digest.hexdigest()


def _sign(key: str, checkpoint_fields: str) -> str:
    return hmac.new(key.encode(), checkpoint_fields.encode(), hashlib.sha256).hexdigest()


def _signed_text(first_id: int, last_id: int, digest: str) -> str:
    return f"{first_id}:{last_id}:{digest}"


def _checkpoint_problem(
    checkpoint: CustodyCheckpoint, previous_digest: str, key: str
) -> str | None:
    expected_signature = _sign(
        key, _signed_text(checkpoint.first_event_id, checkpoint.last_event_id, checkpoint.digest)
    )
    if not hmac.compare_digest(expected_signature, checkpoint.signature):
        return f"checkpoint {checkpoint.id} is not signed with the custody key"
    recomputed = _range_digest(previous_digest, checkpoint.first_event_id, checkpoint.last_event_id)
    if recomputed != checkpoint.digest:
        first, last = checkpoint.first_event_id + 1, checkpoint.last_event_id
        return f"events {first}-{last} no longer match checkpoint {checkpoint.id}"
    return None


def _previous_digest(checkpoint: CustodyCheckpoint) -> str:
    previous = db.session.scalars(
        sa.select(CustodyCheckpoint.digest).where(
            CustodyCheckpoint.last_event_id == checkpoint.first_event_id
        )
    ).first()
    return previous or GENESIS_HASH


def _verify_covering_checkpoints(verdict: Verdict, event_ids: list[int], key: str) -> None:
    covering = db.session.scalars(
        sa.select(CustodyCheckpoint)
        .where(
            CustodyCheckpoint.first_event_id < max(event_ids),
            CustodyCheckpoint.last_event_id >= min(event_ids),
        )
        .order_by(CustodyCheckpoint.id)
    ).all()
    for checkpoint in covering:
        problem = _checkpoint_problem(checkpoint, _previous_digest(checkpoint), key)
        verdict.checkpoints_checked += 1
        if problem:
            verdict.valid, verdict.problem, verdict.head_hash = False, problem, None
            return


def verify_all(*, key: str) -> dict[str, Any]:
    """Walk every chain and every old HMAC checkpoint; report the first broken link of each
    kind (log.verify_all adds the Merkle log)."""
    report: dict[str, Any] = {
        "chains": 0,
        "broken_chains": [],
        "checkpoints": 0,
        "broken_checkpoint": None,
    }
    sandbox_chains = sa.select(CustodyEvent.shipment_id).where(CustodyEvent.sandbox.is_(True))
    shipment_ids = db.session.scalars(
        sa.select(CustodyHead.shipment_id)
        .where(CustodyHead.shipment_id.not_in(sandbox_chains))
        .order_by(CustodyHead.shipment_id)
    )
    for shipment_id in shipment_ids.all():
        report["chains"] += 1
        verdict = verify_chain(shipment_id)
        if not verdict.valid:
            report["broken_chains"].append(
                {
                    "shipment_id": shipment_id,
                    "first_broken_seq": verdict.first_broken_seq,
                    "problem": verdict.problem,
                }
            )
    previous = GENESIS_HASH
    for checkpoint in db.session.scalars(
        sa.select(CustodyCheckpoint).order_by(CustodyCheckpoint.id)
    ):
        report["checkpoints"] += 1
        problem = _checkpoint_problem(checkpoint, previous, key)
        if problem:
            report["broken_checkpoint"] = problem
            break
        previous = checkpoint.digest
    report["valid"] = not report["broken_chains"] and report["broken_checkpoint"] is None
    return report
