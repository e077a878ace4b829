#!/usr/bin/env python3
"""Verify courier_api custody evidence offline, with only the published keys.

    python courier_verify.py bundle.json|receipt.pdf --keys custody-keys.json \
        [--promise promise.json ...] [--previous older-bundle.json|older-receipt.pdf]

`custody-keys.json` is what the courier network serves at /.well-known/custody-keys.json.
A receipt PDF carries one bundle per document as an embedded file. A promise is the
`custody_promise` a response gave a party when it recorded events (their hashes and a
signed timestamp): the bundle must contain every event of its shipment a kept promise
names. `--previous` is an older bundle (or receipt) of the same shipment: the new bundle
(fetched with `?since=` that older tree head's number) must prove with a consistency proof
that its head extends it.

Prints `valid`, or one line per thing that does not match, and exits 1. Needs only
`cryptography` (and `pypdf` for a PDF); nothing of the courier_api application. The bundle
format is documented in docs/custody.md of courier_api: this file is its reference reader.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

LOG_ID = "courier_api/custody/v1"
BUNDLE_FORMAT = "courier-custody-evidence/1"
GENESIS_HASH = "0" * 64
#: The fields an event's hash covers.
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
HEAD_FIELDS = ("log", "number", "tree_size", "root_hash", "timestamp", "previous_hash", "key_id")
PROMISE_FIELDS = ("log", "events", "timestamp", "key_id")


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (RFC 8785 for strings, integers and objects)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def root_from_inclusion(index: int, size: int, leaf: bytes, path: list[bytes]) -> bytes | None:
    """RFC 9162 2.1.3.2: the root an audit path leads to (None if it leads nowhere)."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, _sha256(b"\x00" + leaf)
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = _sha256(b"\x01" + p + r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = _sha256(b"\x01" + r + p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: list[bytes]
) -> bool:
    """RFC 9162 2.1.4.2: the newer tree extends the older one unchanged."""
    if old_size == new_size:
        return old_root == new_root and not proof
    if not 0 < old_size < new_size or not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = _sha256(b"\x01" + c + fr), _sha256(b"\x01" + c + sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = _sha256(b"\x01" + sr + c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root


def _signed(keys: dict[str, str], key_id: str, signature: str, document: bytes) -> str | None:
    """None when the signature is good; else why not."""
    public = keys.get(key_id)
    if public is None:
        return f"key {key_id} is not among the published keys"
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public)).verify(
            base64.b64decode(signature), document
        )
    except (InvalidSignature, ValueError):
        return "the signature does not match"
    return None


def _event_problems(event: dict[str, Any], expected_seq: int, prev_hash: str) -> list[str]:
    seq = event.get("seq")
    if seq != expected_seq:
        return [f"link {expected_seq} is missing from the bundle"]
    if event.get("missing"):
        return [f"link {seq} is in the log (leaf {event.get('leaf_index')}) but was deleted"]
    document = {name: event.get(name) for name in HASHED_FIELDS}
    if hashlib.sha256(canonical_json(document)).hexdigest() != event.get("hash"):
        return [f"link {seq}: its hash does not match its fields (the event was altered)"]
    if event.get("prev_hash") != prev_hash:
        return [f"link {seq} does not follow link {seq - 1}"]
    return []


def _proof_problem(event: dict[str, Any], head: dict[str, Any]) -> str | None:
    try:
        path = [bytes.fromhex(h) for h in event["inclusion_proof"]]
        leaf = bytes.fromhex(event["hash"])
    except (KeyError, ValueError, TypeError):
        return f"link {event.get('seq')}: the inclusion proof is malformed"
    root = root_from_inclusion(event["leaf_index"], head["tree_size"], leaf, path)
    if root is None or root.hex() != head["root_hash"]:
        return (
            f"link {event['seq']}: the inclusion proof (leaf {event['leaf_index']}) does not "
            f"lead to the root of tree head {head['number']}"
        )
    return None


def _promise_problems(
    promises: list[dict[str, Any]], keys: dict[str, str], bundle: dict[str, Any]
) -> list[str]:
    """Every event a kept promise names for this shipment is in the bundle, unchanged."""
    problems = []
    by_seq = {e.get("seq"): e for e in bundle.get("events", []) if not e.get("missing")}
    for promise in promises:
        document = canonical_json({name: promise.get(name) for name in PROMISE_FIELDS})
        why = _signed(keys, promise.get("key_id", ""), promise.get("signature", ""), document)
        if why or promise.get("log") != LOG_ID:
            problems.append(f"the promise of {promise.get('timestamp')}: {why or 'another log'}")
            continue
        for promised in promise["events"]:
            if promised.get("shipment_id") != bundle.get("shipment_id"):
                continue
            seq, kept = promised.get("seq"), by_seq.get(promised.get("seq"))
            if kept is None or kept.get("hash") != promised.get("event_hash"):
                problems.append(
                    f"link {seq} was promised at {promise['timestamp']} with hash "
                    f"{promised.get('event_hash')}, the bundle has "
                    f"{kept.get('hash') if kept else 'no such link'}: the chain was rewritten"
                )
    return problems


def _head_problem(head: dict[str, Any], keys: dict[str, str]) -> str | None:
    document = canonical_json({name: head.get(name) for name in HEAD_FIELDS})
    why = _signed(keys, head.get("key_id", ""), head.get("signature", ""), document)
    if why or head.get("log") != LOG_ID:
        return f"tree head {head.get('number')}: {why or 'another log'}"
    return None


def _consistency_problems(
    bundle: dict[str, Any], keys: dict[str, str], previous: dict[str, Any] | None
) -> list[str]:
    """The bundle's head extends the older head it names (and the one a party kept)."""
    consistency, head = bundle.get("consistency"), bundle.get("tree_head")
    if consistency is None:
        return ["no consistency proof from the previous tree head"] if previous else []
    old = consistency["from"]
    problems = [p for p in (_head_problem(old, keys),) if p]
    if previous is not None and previous != old:
        problems.append(f"tree head {old.get('number')} is not the one kept")
    try:
        proof = [bytes.fromhex(h) for h in consistency["proof"]]
        sizes, roots = (old["tree_size"], head["tree_size"]), (old["root_hash"], head["root_hash"])
        consistent = verify_consistency(*sizes, *(bytes.fromhex(r) for r in roots), proof)
    except (KeyError, ValueError, TypeError):
        consistent = False
    if not consistent:
        problems.append(
            f"tree head {head.get('number')} does not extend tree head {old.get('number')}: "
            "what the older head covered was rewritten"
        )
    return problems


def verify_bundle(
    bundle: dict[str, Any],
    keys: dict[str, str],
    promises: list[dict[str, Any]] = (),
    previous: dict[str, Any] | None = None,
) -> list[str]:
    """What does not match (an empty list: valid). `previous`: a tree head a party kept
    (an older receipt's), which the bundle's consistency proof must extend."""
    if bundle.get("format") != BUNDLE_FORMAT:
        return [f"not a custody evidence bundle ({bundle.get('format')!r})"]
    head = bundle.get("tree_head")
    problems: list[str] = []
    if head is not None:
        problems += [p for p in (_head_problem(head, keys),) if p]
        problems += _consistency_problems(bundle, keys, previous)
    prev_hash, pending_from = GENESIS_HASH, None
    for expected_seq, event in enumerate(bundle.get("events", []), start=1):
        found = _event_problems(event, expected_seq, prev_hash)
        if found:
            problems += found
            break
        prev_hash = event["hash"]
        if event.get("leaf_index") is None:
            pending_from = pending_from or expected_seq
        elif head is None or pending_from is not None:
            problems.append(f"link {expected_seq} has a leaf but no tree head proves the links")
        else:
            problem = _proof_problem(event, head)
            if problem:
                problems.append(problem)
    return problems + _promise_problems(list(promises), keys, bundle)


def bundles_in_pdf(path: Path) -> list[dict[str, Any]]:
    """The bundles a receipt PDF carries as embedded files."""
    from pypdf import PdfReader  # only needed for a PDF

    found = []
    for name, contents in sorted(PdfReader(path).attachments.items()):
        if name.endswith(".json"):
            found += [json.loads(data) for data in contents]
    return found


def load_bundles(path: Path | None) -> list[dict[str, Any]]:
    if path is None:
        return []
    if path.suffix.lower() == ".pdf":
        return bundles_in_pdf(path)
    return [json.loads(path.read_text())]


def load_keys(path: Path) -> dict[str, str]:
    return {key["kid"]: key["public_key"] for key in json.loads(path.read_text())["keys"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("evidence", type=Path, help="bundle.json or receipt.pdf")
    parser.add_argument("--keys", type=Path, required=True, help="custody-keys.json")
    parser.add_argument("--promise", type=Path, action="append", default=[])
    parser.add_argument("--previous", type=Path, help="an older bundle or receipt")
    args = parser.parse_args(argv)
    keys = load_keys(args.keys)
    bundles = load_bundles(args.evidence)
    previous = {b["shipment_id"]: b["tree_head"] for b in load_bundles(args.previous)}
    promises = [json.loads(p.read_text()) for p in args.promise]
    if not bundles:
        print("no custody evidence found")
        return 1
    problems = []
    for bundle in bundles:
        shipment = bundle.get("shipment_id")
        found = verify_bundle(bundle, keys, promises, previous.get(shipment))
        problems += [f"{shipment}: {p}" for p in found]
    print("\n".join(problems) if problems else "valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
