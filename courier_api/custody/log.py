"""The custody Merkle log (RFC 6962 / 9162): leaves, signed tree heads, the outside anchor,
proofs, evidence bundles and verification. No Flask; never commits.

Every custody event, in recording order, is one leaf (its hash). The checkpointer (the
worker, every minute) gives the events recorded since its last run their leaf indexes,
extends the tree, signs a tree head with Ed25519 and writes it, append-only, to the
outside anchor. docs/custody.md describes the bundle and why each check is where it is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.errors import not_found
from courier_api.core.pg import among, insert_rows
from courier_api.custody import keys, merkle, service
from courier_api.custody.keys import Signer
from courier_api.custody.models import (
    GENESIS_HASH,
    CustodyEvent,
    CustodyLeaf,
    CustodyTreeHead,
    CustodyTreeNode,
)
from courier_api.custody.service import HASHED_FIELDS, canonical_json, events_of
from courier_api.extensions import db

#: Names the log in everything it signs, so a signature cannot be replayed elsewhere.
LOG_ID = "courier_api/custody/v1"
BUNDLE_FORMAT = "courier-custody-evidence/1"
#: Events taken into the tree per round trip while checkpointing.
CHUNK = 20_000


class Anchor(Protocol):
    """Write-once named documents outside the database (blobs/storage.py has the backends;
    create_app picks one from the configuration)."""

    def write(self, name: str, data: bytes) -> None: ...

    def names(self, folder: str = "") -> list[str]: ...

    def read(self, name: str) -> bytes: ...


# --- tree heads -----------------------------------------------------------------------------


def head_document(head: CustodyTreeHead) -> dict[str, Any]:
    """What the signature covers (canonical JSON of this)."""
    return {
        "log": LOG_ID,
        "number": head.number,
        "tree_size": head.tree_size,
        "root_hash": head.root_hash,
        "timestamp": clock.to_rfc3339(head.timestamp),
        "previous_hash": head.previous_hash,
        "key_id": head.key_id,
    }


def head_hash(head: CustodyTreeHead) -> str:
    return hashlib.sha256(canonical_json(head_document(head))).hexdigest()


def signed_head(head: CustodyTreeHead) -> dict[str, Any]:
    return {**head_document(head), "signature": head.signature}


def anchor_folder(number: int) -> str:
    """A folder a head number: the per-request check looks into two, never lists them all."""
    return f"{number:012d}/"


def anchor_name(head: CustodyTreeHead) -> str:
    """`000000000042/<16 hex of the head's hash>.json`: a head whose transaction failed
    after it was anchored leaves its file, and the next head of that number gets its own."""
    return f"{anchor_folder(head.number)}{head_hash(head)[:16]}.json"


def _anchored_number(name: str) -> int:
    return int(name.split("/", 1)[0])


def newest_head() -> CustodyTreeHead | None:
    return db.session.scalars(
        sa.select(CustodyTreeHead).order_by(CustodyTreeHead.number.desc()).limit(1)
    ).first()


def _stored_nodes() -> merkle.Nodes:
    """The tree's nodes read on demand, each once per call."""
    seen: dict[tuple[int, int], bytes] = {}
    table = CustodyTreeNode.__table__

    def node(level: int, index: int) -> bytes:
        found = seen.get((level, index))
        if found is None:
            found = db.session.scalar(
                sa.select(table.c.hash).where(table.c.level == level, table.c.node_index == index)
            )
            if found is None:
                raise LookupError(f"tree node {level}/{index} is missing")
            seen[level, index] = found = bytes(found)
        return found

    return node


def _new_events(after_event_id: int, upto_event_id: int) -> Iterator[list[sa.Row]]:
    table = CustodyEvent.__table__
    while True:
        chunk = db.session.execute(
            sa.select(table.c.id, table.c.shipment_id, table.c.seq, table.c.hash)
            # Live events only: a sandbox event is never a leaf (docs/shipments.md).
            .where(
                table.c.id > after_event_id,
                table.c.id <= upto_event_id,
                table.c.sandbox.is_(False),
            )
            .order_by(table.c.id)
            .limit(CHUNK)
        ).all()
        if not chunk:
            return
        yield chunk
        after_event_id = chunk[-1].id


#: Serialises checkpointer runs on PostgreSQL (pg_advisory_xact_lock's key).
CHECKPOINT_LOCK = 0x637573746F6479  # "custody"


def settled_event_id() -> int:
    """The newest event id with no append still in flight below it: on PostgreSQL a SHARE
    lock waits until every transaction that inserted an event has committed (ids are
    handed out before commit, so a lower one may still be coming). Commit right after: the
    lock holds up every append until then."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text("LOCK TABLE custody_events IN SHARE MODE"))
    return db.session.scalar(sa.select(sa.func.max(CustodyEvent.id))) or 0


def checkpoint(
    *, signer: Signer, anchor: Anchor, upto_event_id: int | None = None
) -> CustodyTreeHead | None:
    """Take the events recorded since the last run (up to `upto_event_id`, from
    `settled_event_id()` in a transaction of its own, so appends wait milliseconds, not
    the whole run; without it, settled here) into the tree, sign the new tree head and
    anchor it outside the database. None when nothing new was recorded."""
    if upto_event_id is None:
        upto_event_id = settled_event_id()
    if db.engine.dialect.name == "postgresql":
        # Two runs never extend the tree from the same size.
        db.session.execute(sa.select(sa.func.pg_advisory_xact_lock(CHECKPOINT_LOCK)))
    previous = newest_head()
    size = previous.tree_size if previous else 0
    after = db.session.scalar(sa.select(sa.func.max(CustodyLeaf.event_id))) or 0
    nodes = _stored_nodes()
    tree = merkle.CompactRange(size, [nodes(*p) for p in merkle.edge_positions(size)])
    for chunk in _new_events(after, upto_event_id):
        leaves, built = [], []
        for event in chunk:
            leaves.append(
                {
                    "leaf_index": tree.size,
                    "event_id": event.id,
                    "shipment_id": event.shipment_id,
                    "seq": event.seq,
                    "event_hash": event.hash,
                }
            )
            built += tree.push(bytes.fromhex(event.hash))
        insert_rows(CustodyLeaf.__table__, leaves)
        insert_rows(
            CustodyTreeNode.__table__,
            [{"level": level, "node_index": index, "hash": h} for level, index, h in built],
        )
    if tree.size == size:
        return None
    keys.publish(signer)
    head = CustodyTreeHead(
        number=previous.number + 1 if previous else 1,
        tree_size=tree.size,
        root_hash=tree.root().hex(),
        # Whole milliseconds: what is signed survives every database's timestamp type.
        timestamp=_millis(clock.now()),
        previous_hash=head_hash(previous) if previous else GENESIS_HASH,
        key_id=signer.key_id,
        signature="",
    )
    head.signature = signer.sign(canonical_json(head_document(head)))
    db.session.add(head)
    db.session.flush()
    anchor.write(anchor_name(head), canonical_json(signed_head(head)))
    return head


def _millis(value: datetime) -> datetime:
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


# --- promises (the parties' own copies) ---------------------------------------------------


def promise(events: list[dict[str, Any]], *, signer: Signer) -> dict[str, Any]:
    """A signed promise to include the events in the log (as a CT log's SCT): each link
    and its hash, and when they were recorded, signed on the write path (one signature for
    them all), with no counter: their leaf indexes come with the next tree head."""
    document = {
        "log": LOG_ID,
        "events": [
            {"shipment_id": e["shipment_id"], "seq": e["seq"], "event_hash": e["hash"]}
            for e in events
        ],
        "timestamp": clock.to_rfc3339(max(e["recorded_at"] for e in events)),
        "key_id": signer.key_id,
    }
    return {**document, "signature": signer.sign(canonical_json(document))}


# --- evidence -----------------------------------------------------------------------------


def _leaves_of(shipment_id: str) -> list[CustodyLeaf]:
    return service.of_chain(CustodyLeaf, shipment_id)


#: Node positions read per query.
NODES_PER_QUERY = 5_000


def _nodes_for(leaf_indexes: Iterable[int], size: int) -> merkle.Nodes:
    """The stored nodes the inclusion proofs of these leaves (in the tree of `size` leaves)
    need, read set-based: a proof's positions are known before any hash is."""
    wanted: set[tuple[int, int]] = set()

    def note(level: int, index: int) -> bytes:
        wanted.add((level, index))
        return b""

    for index in leaf_indexes:
        merkle.inclusion_proof(note, index, size)
    table, positions = CustodyTreeNode.__table__, sorted(wanted)
    found: dict[tuple[int, int], bytes] = {}
    for start in range(0, len(positions), NODES_PER_QUERY):
        rows = db.session.execute(
            sa.select(table.c.level, table.c.node_index, table.c.hash).where(
                sa.tuple_(table.c.level, table.c.node_index).in_(
                    positions[start : start + NODES_PER_QUERY]
                )
            )
        )
        found.update({(row.level, row.node_index): bytes(row.hash) for row in rows})

    def node(level: int, index: int) -> bytes:
        if (level, index) not in found:
            raise LookupError(f"tree node {level}/{index} is missing")
        return found[level, index]

    return node


def _event_fields(event: CustodyEvent) -> dict[str, Any]:
    fields = {name: getattr(event, name) for name in HASHED_FIELDS}
    for name in ("occurred_at", "recorded_at"):
        fields[name] = clock.to_rfc3339(fields[name])
    return {**fields, "hash": event.hash}


def _entry(
    seq: int,
    event: CustodyEvent | None,
    leaf: CustodyLeaf | None,
    head: CustodyTreeHead | None,
    nodes: merkle.Nodes,
) -> dict[str, Any]:
    entry = _event_fields(event) if event else {"seq": seq, "hash": leaf.event_hash}
    entry.update(missing=event is None, leaf_index=None, inclusion_proof=[])
    if leaf is not None and leaf.leaf_index < head.tree_size:
        entry["leaf_index"] = leaf.leaf_index
        # A node the database lost leaves the proof empty: the verifier then says so.
        with suppress(LookupError):
            proof = merkle.inclusion_proof(nodes, leaf.leaf_index, head.tree_size)
            entry["inclusion_proof"] = [h.hex() for h in proof]
    return entry


def _by_shipment(model: type, shipment_ids: list[str]) -> dict[str, dict[int, Any]]:
    rows: dict[str, dict[int, Any]] = {sid: {} for sid in shipment_ids}
    for row in db.session.scalars(sa.select(model).where(among(model.shipment_id, shipment_ids))):
        rows[row.shipment_id][row.seq] = row
    return rows


def evidence_many(shipment_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The verification bundles (docs/custody.md) of many shipments, set-based: each
    chain's events as the log holds them, with leaf index and inclusion proof in the
    newest signed tree head (events recorded since that head have no leaf index yet)."""
    ids = sorted(set(shipment_ids))
    head = newest_head()
    events = _by_shipment(CustodyEvent, ids)
    leaves = _by_shipment(CustodyLeaf, ids) if head else {sid: {} for sid in ids}
    nodes = _nodes_for(
        [leaf.leaf_index for chain in leaves.values() for leaf in chain.values()],
        head.tree_size if head else 0,
    )
    return {
        sid: {
            "format": BUNDLE_FORMAT,
            "shipment_id": sid,
            "events": [
                _entry(seq, events[sid].get(seq), leaves[sid].get(seq), head, nodes)
                for seq in sorted(events[sid].keys() | leaves[sid].keys())
            ],
            "tree_head": signed_head(head) if head else None,
        }
        for sid in ids
    }


def evidence(shipment_id: str, *, since: int | None = None) -> dict[str, Any]:
    """One shipment's bundle. `since`: a tree head the caller holds (an older receipt's);
    the bundle then proves the newest head extends it."""
    bundle = evidence_many([shipment_id])[shipment_id]
    if since is not None:
        bundle["consistency"] = _consistency_from(since, newest_head(), _stored_nodes())
    return bundle


def _consistency_from(
    number: int, head: CustodyTreeHead | None, nodes: merkle.Nodes
) -> dict[str, Any]:
    """RFC 6962's consistency proof from tree head `number` to `head`: nothing the older
    head covered was rewritten since."""
    old = db.session.get(CustodyTreeHead, number)
    if old is None or head is None:
        raise not_found("tree_head")
    proof = merkle.consistency_proof(nodes, old.tree_size, head.tree_size)
    return {"from": signed_head(old), "proof": [h.hex() for h in proof]}


# --- verification ---------------------------------------------------------------------------


@dataclass
class LogCheck:
    """What the log says of one chain, or of the whole log."""

    problems: list[str] = field(default_factory=list)
    tree_head: int | None = None
    pending_events: int = 0


def _signature_problem(head: CustodyTreeHead, trusted: dict[str, str]) -> str | None:
    public = trusted.get(head.key_id)
    if public is None:
        return f"tree head {head.number} is signed by an unknown key {head.key_id}"
    if not keys.verify(public, head.signature, canonical_json(head_document(head))):
        return f"tree head {head.number} does not match its signature"
    return None


def _trusted_keys(signer: Signer) -> dict[str, str]:
    """Every published key; the signing key itself whatever the database says of it."""
    return {**keys.public_keys(), signer.key_id: signer.public_b64}


def _anchor_problem(head: CustodyTreeHead | None, anchor: Anchor) -> str | None:
    """The database's newest tree head against the anchor: anchored too, and nothing
    anchored after it (deleting the newest heads from the database leaves the next)."""
    following = (head.number if head else 0) + 1
    if anchor.names(anchor_folder(following)):
        return f"tree head {following} is in the outside anchor but not in the database"
    if head is None:
        return None
    name = anchor_name(head)
    anchored = anchor.names(anchor_folder(head.number))
    if name not in anchored or anchor.read(name) != canonical_json(signed_head(head)):
        return f"tree head {head.number} differs from the outside anchor"
    return None


def _previous_problem(head: CustodyTreeHead) -> str | None:
    if head.number == 1:
        return None if head.previous_hash == GENESIS_HASH else "tree head 1 has a predecessor"
    previous = db.session.get(CustodyTreeHead, head.number - 1)
    if previous is None:
        return f"tree head {head.number - 1} is missing"
    if head_hash(previous) != head.previous_hash or previous.tree_size > head.tree_size:
        return f"tree head {head.number - 1} was rewritten or reordered"
    return None


def _late_since() -> datetime | None:
    """Events recorded before this and still without a leaf were dropped from the log:
    the second newest head's time (an append blocked by the newest run's lock may land
    just after it, with an earlier recording time)."""
    heads = db.session.scalars(
        sa.select(CustodyTreeHead.timestamp).order_by(CustodyTreeHead.number.desc()).limit(2)
    ).all()
    return heads[1] if len(heads) == 2 else None


def _leaf_problem(
    leaf: CustodyLeaf, event: CustodyEvent | None, head: CustodyTreeHead, nodes: merkle.Nodes
) -> str | None:
    """The leaf's event is there, unchanged, and the leaf is proved in the signed head."""
    if event is None:
        return f"link {leaf.seq} is in the log (leaf {leaf.leaf_index}) but missing"
    if event.hash != leaf.event_hash:
        return f"link {leaf.seq} was rewritten after the log took it (leaf {leaf.leaf_index})"
    if leaf.leaf_index >= head.tree_size:
        return f"leaf {leaf.leaf_index} is beyond tree head {head.number}: heads are missing"
    try:
        proof = merkle.inclusion_proof(nodes, leaf.leaf_index, head.tree_size)
    except LookupError as missing:
        return f"leaf {leaf.leaf_index} cannot be proved: {missing.args[0]}"
    proved = merkle.root_from_inclusion(
        leaf.leaf_index, head.tree_size, bytes.fromhex(leaf.event_hash), proof
    )
    if proved != bytes.fromhex(head.root_hash):
        return f"leaf {leaf.leaf_index} is not in tree head {head.number}"
    return None


def check_shipment(shipment_id: str, *, signer: Signer, anchor: Anchor) -> LogCheck:
    """The chain against the log: every link the log holds is there, unchanged, and
    proved in the newest signed tree head, which matches the outside anchor."""
    check = LogCheck()
    head = newest_head()
    problem = _anchor_problem(head, anchor)
    if problem or head is None:
        check.problems += [problem] if problem else []
        check.pending_events = len(events_of(shipment_id))
        return check
    check.tree_head = head.number
    for problem in (_signature_problem(head, _trusted_keys(signer)), _previous_problem(head)):
        if problem:
            check.problems.append(problem)
            return check
    events = {event.seq: event for event in events_of(shipment_id)}
    leaves = _leaves_of(shipment_id)
    nodes = _nodes_for([leaf.leaf_index for leaf in leaves], head.tree_size)
    for expected_seq, leaf in enumerate(leaves, start=1):
        if leaf.seq != expected_seq:
            problem = f"link {expected_seq} is not in the log"
        else:
            problem = _leaf_problem(leaf, events.get(leaf.seq), head, nodes)
        if problem:
            check.problems.append(problem)
            return check
    pending = [events[seq] for seq in sorted(events) if seq > len(leaves)]
    late = _late_since()
    for event in pending:
        if late is not None and event.recorded_at < late:
            check.problems.append(
                f"link {event.seq} was recorded before the log's last runs but is not in it"
            )
            return check
    check.pending_events = len(pending)
    return check


def check_log(*, signer: Signer, anchor: Anchor) -> LogCheck:
    """The whole log: heads numbered without gaps, chained, signed and anchored; every root
    recomputed from the leaves; every leaf's event unchanged; no event left out."""
    check = LogCheck()
    trusted = _trusted_keys(signer)
    anchored = set(anchor.names())
    heads = db.session.scalars(sa.select(CustodyTreeHead).order_by(CustodyTreeHead.number)).all()
    previous_hash, previous_size = GENESIS_HASH, 0
    for number, head in enumerate(heads, start=1):
        name = anchor_name(head)
        if head.number != number:
            problem = f"tree head {number} is missing"
        elif head.previous_hash != previous_hash or head.tree_size < previous_size:
            problem = f"tree head {number} does not follow tree head {number - 1}"
        elif name not in anchored or anchor.read(name) != canonical_json(signed_head(head)):
            problem = f"tree head {number} differs from the outside anchor"
        else:
            problem = _signature_problem(head, trusted)
        if problem:
            check.problems.append(problem)
            break
        previous_hash, previous_size = head_hash(head), head.tree_size
    # Anchored heads the database lacks: above its newest, they were deleted (below it, a
    # head whose transaction failed after anchoring was replaced by the next run's).
    beyond = max((_anchored_number(n) for n in anchored), default=0)
    if beyond > (heads[-1].number if heads else 0) and not check.problems:
        check.problems.append(
            f"tree head {beyond} is in the outside anchor but not in the database"
        )
    check.tree_head = heads[-1].number if heads else None
    check.problems += _roots_problems(heads) + _leaf_problems()
    return check


def _roots_problems(heads: list[CustodyTreeHead]) -> list[str]:
    """Recompute every head's root from the leaves, in one pass in leaf order."""
    tree = merkle.CompactRange()
    pending = iter(heads)
    head = next(pending, None)
    table = CustodyLeaf.__table__
    rows = db.session.execute(
        sa.select(table.c.leaf_index, table.c.event_hash).order_by(table.c.leaf_index)
    ).yield_per(CHUNK)
    for row in rows:
        while head is not None and head.tree_size == tree.size:
            if tree.root().hex() != head.root_hash:
                return [f"the leaves no longer match tree head {head.number}"]
            head = next(pending, None)
        if row.leaf_index != tree.size:
            return [f"leaf {tree.size} is missing"]
        tree.push(bytes.fromhex(row.event_hash))
    while head is not None:
        if head.tree_size != tree.size or tree.root().hex() != head.root_hash:
            return [f"the leaves no longer match tree head {head.number}"]
        head = next(pending, None)
    return []


def _leaf_problems() -> list[str]:
    """Leaves whose event is gone or changed; events never taken into the log."""
    leaf, event = CustodyLeaf.__table__, CustodyEvent.__table__
    changed = db.session.execute(
        sa.select(leaf.c.leaf_index, leaf.c.shipment_id, leaf.c.seq, event.c.hash)
        .select_from(
            leaf.outerjoin(
                event, sa.and_(event.c.shipment_id == leaf.c.shipment_id, event.c.seq == leaf.c.seq)
            )
        )
        .where(sa.or_(event.c.hash.is_(None), event.c.hash != leaf.c.event_hash))
        .order_by(leaf.c.leaf_index)
        .limit(20)
    ).all()
    problems = [
        f"shipment {row.shipment_id} link {row.seq} (leaf {row.leaf_index}) is "
        + ("missing" if row.hash is None else "rewritten")
        for row in changed
    ]
    late = _late_since()
    if late is not None:
        left_out = db.session.execute(
            sa.select(event.c.shipment_id, event.c.seq)
            .select_from(
                event.outerjoin(
                    leaf,
                    sa.and_(event.c.shipment_id == leaf.c.shipment_id, event.c.seq == leaf.c.seq),
                )
            )
            .where(
                leaf.c.leaf_index.is_(None),
                event.c.recorded_at < late,
                event.c.sandbox.is_(False),
            )
            .limit(20)
        ).all()
        problems += [
            f"shipment {row.shipment_id} link {row.seq} was recorded before the log's last "
            "runs but is not in it"
            for row in left_out
        ]
    return problems


def verify_shipment(
    shipment_id: str, *, key: str, signer: Signer, anchor: Anchor
) -> service.Verdict:
    """The per-shipment check: the chain's links (and the old HMAC checkpoints over it),
    then the chain against the signed log and the anchor."""
    verdict = service.verify_chain(shipment_id, key=key)
    if not verdict.valid or verdict.sandbox:
        return verdict  # a sandbox chain's links are all there is: no tree head covers it
    check = check_shipment(shipment_id, signer=signer, anchor=anchor)
    verdict.tree_head, verdict.pending_events = check.tree_head, check.pending_events
    if check.tree_head is not None:
        verdict.checkpoints_checked += 1
    if check.problems:
        verdict.valid, verdict.problem, verdict.head_hash = False, check.problems[0], None
    return verdict


def verify_all(*, key: str, signer: Signer, anchor: Anchor) -> dict[str, Any]:
    """The CLI walk: every chain, every old HMAC checkpoint, then the whole log."""
    report = service.verify_all(key=key)
    check = check_log(signer=signer, anchor=anchor)
    report["tree_heads"] = check.tree_head or 0
    report["log_problems"] = check.problems
    report["valid"] = report["valid"] and not check.problems
    return report
