"""Rewrites an attacker with the app's own database role could make, and which checks catch
each (issue #25's table): the per-shipment API check, the CLI walk (`flask verify-custody`),
and the offline verifier (sdk/verifier/courier_verify.py) given only the published keys,
the evidence bundle and what a party kept.

The log is checkpointed through `flask custody-checkpoint`, as the worker does."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier_api.custody import service as custody
from courier_api.custody.models import CustodyEvent, CustodyLeaf
from courier_api.extensions import db
from tests.custody.test_custody_log import _append, _chain
from tests.factories import make_shipments
from tests.helpers import POSTGRES, race, shipment_of

VERIFIER_PATH = Path(__file__).parents[2] / "sdk" / "verifier" / "courier_verify.py"
#: The tables whose PostgreSQL triggers refuse UPDATE and DELETE.
GUARDED = ("custody_events", "custody_leaves", "custody_tree_heads")


def verifier():
    """The offline verifier, loaded from its file as a court's IT would run it."""
    spec = importlib.util.spec_from_file_location("courier_verify", VERIFIER_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tamper(*statements: tuple[str, dict]) -> None:
    """What an attacker with the app's database role could do (its triggers set aside)."""
    with db.engine.begin() as connection:
        guarded = [t for t in GUARDED if sa.inspect(connection).has_table(t)]
        for table in guarded if POSTGRES else ():
            connection.execute(sa.text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        for sql, params in statements:
            connection.execute(sa.text(sql) if isinstance(sql, str) else sql, params)
        for table in guarded if POSTGRES else ():
            connection.execute(sa.text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))


def checkpoint(app) -> str:
    result = app.test_cli_runner().invoke(args=["custody-checkpoint"])
    assert result.exit_code == 0, result.output
    return result.output


def api_verdict(client, as_, shipment_id: str) -> dict:
    response = client.get(f"/v1/shipments/{shipment_id}/custody/verify", headers=as_("admin"))
    assert response.status_code == 200
    return response.get_json()


def cli_walk(app) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["verify-custody"])
    return result.exit_code, result.output


def offline(client, as_, shipment_id: str, promises=()) -> list[str]:
    """The verifier's findings on the bundle the API serves now, with the published keys."""
    bundle = client.get(f"/v1/shipments/{shipment_id}/custody/evidence", headers=as_("admin"))
    assert bundle.status_code == 200
    published = client.get("/.well-known/custody-keys.json").get_json()
    keys = {key["kid"]: key["public_key"] for key in published["keys"]}
    return verifier().verify_bundle(bundle.get_json(), keys, list(promises))


def forged_rows(shipment_id: str, from_seq: int = 1) -> list[dict]:
    """The chain with a fact changed from `from_seq` on, every hash recomputed."""
    rows, prev = [], "0" * 64
    for event in custody.events_of(shipment_id):
        row = {name: getattr(event, name) for name in custody.HASHED_FIELDS}
        if event.seq >= from_seq:
            row["station_id"], row["prev_hash"] = "stn_forged", prev
            row["hash"] = custody.link_hash(row)
        else:
            row["hash"] = event.hash
        prev = row["hash"]
        rows.append(row)
    db.session.remove()
    return rows


def rewrite_in_place(shipment_id: str, rows: list[dict]) -> None:
    tamper(
        *(
            (
                "UPDATE custody_events SET station_id = :st, prev_hash = :p, hash = :h "
                "WHERE shipment_id = :s AND seq = :q",
                {"st": r["station_id"], "p": r["prev_hash"], "h": r["hash"], "s": shipment_id}
                | {"q": r["seq"]},
            )
            for r in rows
        ),
        (
            "UPDATE custody_heads SET hash = :h WHERE shipment_id = :s",
            {"h": rows[-1]["hash"], "s": shipment_id},
        ),
    )


def test_an_untouched_chain_is_valid_everywhere(app, world, client, as_):
    shipment_id = _chain(app, world)
    checkpoint(app)
    verdict = api_verdict(client, as_, shipment_id)
    assert verdict["valid"] and verdict["tree_head"] == 1 and verdict["pending_events"] == 0
    assert cli_walk(app)[0] == 0
    assert offline(client, as_, shipment_id) == []


EDITS = {
    "edited": (
        [("UPDATE custody_events SET station_id = 'stn_x' WHERE shipment_id = :s AND seq = 2", {})],
        "link 2 was altered",
        "link 2: its hash does not match its fields",
    ),
    "deleted": (
        [("DELETE FROM custody_events WHERE shipment_id = :s AND seq = 2", {})],
        "link 2 is missing",
        "link 2 is in the log (leaf 1) but was deleted",
    ),
    "truncated": (
        [
            ("DELETE FROM custody_events WHERE shipment_id = :s AND seq = 3", {}),
            (
                "UPDATE custody_heads SET seq = 2, hash = (SELECT hash FROM custody_events "
                "WHERE shipment_id = :s AND seq = 2) WHERE shipment_id = :s",
                {},
            ),
        ],
        "link 3 is in the log (leaf 2) but missing",
        "link 3 is in the log (leaf 2) but was deleted",
    ),
}


@pytest.mark.parametrize("how", EDITS)
def test_an_edited_deleted_or_truncated_chain_is_caught_by_all_three(app, world, client, as_, how):
    statements, api_problem, offline_problem = EDITS[how]
    shipment_id = _chain(app, world)
    checkpoint(app)
    with app.app_context():
        tamper(*((sql, {"s": shipment_id, **params}) for sql, params in statements))
    verdict = api_verdict(client, as_, shipment_id)
    assert not verdict["valid"] and verdict["problem"] == api_problem
    code, output = cli_walk(app)
    assert code == 1 and shipment_id in output
    assert any(offline_problem in p for p in offline(client, as_, shipment_id))


def test_case_1_a_chain_rewritten_as_new_rows(app, world, client, as_):
    shipment_id = _chain(app, world)
    checkpoint(app)
    with app.app_context():
        rows = forged_rows(shipment_id)
        tamper(
            ("DELETE FROM custody_events WHERE shipment_id = :s", {"s": shipment_id}),
            (sa.insert(CustodyEvent.__table__), rows),  # new ids, recomputed hashes
            (
                "UPDATE custody_heads SET hash = :h WHERE shipment_id = :s",
                {"h": rows[-1]["hash"], "s": shipment_id},
            ),
        )
        assert custody.verify_chain(shipment_id).valid  # the links alone look fine
    verdict = api_verdict(client, as_, shipment_id)
    assert not verdict["valid"]
    assert verdict["problem"] == "link 1 was rewritten after the log took it (leaf 0)"
    code, output = cli_walk(app)
    assert code == 1 and f"shipment {shipment_id} link 1 (leaf 0) is rewritten" in output
    problems = offline(client, as_, shipment_id)
    assert "link 1: the inclusion proof (leaf 0) does not lead to the root of tree head 1" in (
        problems
    )


def test_case_2_the_newest_tree_heads_deleted_then_a_rewrite(app, world, client, as_):
    shipment_id = _chain(app, world, links=2)
    checkpoint(app)
    with app.app_context():
        _append([shipment_id], "out_for_delivery")
        db.session.commit()
    checkpoint(app)  # tree head 2 is the first to cover link 3
    with app.app_context():
        rows = forged_rows(shipment_id, from_seq=3)
        # Head 2 and all it added go; link 3 is rewritten and looks recorded since head 1.
        tamper(
            ("DELETE FROM custody_tree_heads WHERE number = 2", {}),
            ("DELETE FROM custody_leaves WHERE leaf_index >= 2", {}),
            ("DELETE FROM custody_tree_nodes", {}),
        )
        rewrite_in_place(shipment_id, rows[2:])
    verdict = api_verdict(client, as_, shipment_id)
    assert not verdict["valid"]
    assert verdict["problem"] == "tree head 2 is in the outside anchor but not in the database"
    code, output = cli_walk(app)
    assert code == 1 and "tree head 2 is in the outside anchor but not in the database" in output


def test_case_3_a_rewrite_inside_the_checkpoint_interval(app, client, as_, at_station):
    [waybill] = at_station(1)
    shipment_id = shipment_of(app, waybill)[0].id
    checkpoint(app)
    # The courier loads the item; the handheld keeps the response's promise.
    loaded = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": waybill}]},
        headers=as_("courier_a"),
    )
    assert loaded.status_code == 200
    kept = loaded.get_json()["custody_promise"]
    [promised] = [e for e in kept["events"] if e["shipment_id"] == shipment_id]
    with app.app_context():
        rewrite_in_place(shipment_id, forged_rows(shipment_id, from_seq=promised["seq"]))
    checkpoint(app)  # the next run signs the forgery: on its own, the log looks sound
    assert api_verdict(client, as_, shipment_id)["valid"]
    assert offline(client, as_, shipment_id) == []
    [problem] = offline(client, as_, shipment_id, [kept])
    assert problem.startswith(
        f"link {promised['seq']} was promised at {kept['timestamp']} with hash "
        f"{promised['event_hash']}, the bundle has "
    )
    assert problem.endswith("the chain was rewritten")


def test_a_response_that_records_no_custody_event_promises_nothing(client, as_, at_station):
    at_station(1)
    answer = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": "EX000000000CN"}]},
        headers=as_("courier_a"),
    )
    assert answer.get_json().get("custody_promise") is None


def _bundle(client, as_, shipment_id: str, **query) -> dict:
    url = f"/v1/shipments/{shipment_id}/custody/evidence"
    answer = client.get(url, headers=as_("admin"), query_string=query)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_a_consistency_proof_shows_a_kept_head_was_extended_not_rewritten(app, world, client, as_):
    shipment_id = _chain(app, world)
    checkpoint(app)
    kept = _bundle(client, as_, shipment_id)["tree_head"]  # as an older receipt holds it
    for _ in range(3):
        _chain(app, world)
        checkpoint(app)
    published = client.get("/.well-known/custody-keys.json").get_json()
    keys = {key["kid"]: key["public_key"] for key in published["keys"]}
    bundle = _bundle(client, as_, shipment_id, since=kept["number"])
    assert bundle["tree_head"]["number"] == 4 and bundle["consistency"]["from"] == kept
    assert verifier().verify_bundle(bundle, keys, previous=kept) == []
    # Whoever holds the key rebuilds the log with link 2 changed and signs it afresh.
    with app.app_context():
        rewrite_in_place(shipment_id, forged_rows(shipment_id, from_seq=2)[1:])
        tables = ("custody_tree_heads", "custody_leaves", "custody_tree_nodes")
        tamper(*((f"DELETE FROM {table}", {}) for table in tables))
    shutil.rmtree(app.extensions["custody_anchor"].root)
    checkpoint(app)
    forked = _bundle(client, as_, shipment_id, since=1)
    assert verifier().verify_bundle(forked, keys) == []  # on its own it looks sound
    assert verifier().verify_bundle(forked, keys, previous=kept) == [
        "tree head 1 is not the one kept"
    ]
    forked["consistency"]["from"] = kept
    assert verifier().verify_bundle(forked, keys, previous=kept) == [
        "tree head 1 does not extend tree head 1: what the older head covered was rewritten"
    ]


def test_evidence_since_an_unknown_tree_head_is_404(app, world, client, as_):
    shipment_id = _chain(app, world)
    checkpoint(app)
    url = f"/v1/shipments/{shipment_id}/custody/evidence"
    assert client.get(url, headers=as_("admin"), query_string={"since": 9}).status_code == 404


def test_the_worker_checkpoints_at_least_every_minute(app, world):
    schedule = app.extensions["celery"].conf.beat_schedule["custody-checkpoint"]
    assert schedule["task"] == "courier_api.custody_checkpoint" and schedule["schedule"] <= 60
    _chain(app, world)
    assert checkpoint(app).startswith("tree head 1: 3 events")  # what the task runs
    assert checkpoint(app).startswith("nothing new")  # nothing new, no head


def test_a_lost_tree_node_is_a_finding_not_an_error(app, world, client, as_):
    shipment_id = _chain(app, world)
    checkpoint(app)
    with app.app_context():
        tamper(("DELETE FROM custody_tree_nodes WHERE level = 0 AND node_index = 1", {}))
    verdict = api_verdict(client, as_, shipment_id)
    assert not verdict["valid"]
    assert verdict["problem"] == "leaf 0 cannot be proved: tree node 0/1 is missing"
    assert "link 1: the inclusion proof (leaf 0) does not lead to the root of tree head 1" in (
        offline(client, as_, shipment_id)
    )
    assert cli_walk(app)[0] == 0  # the roots recomputed from the leaves still match


def _three_heads(app, world) -> str:
    shipment_id = _chain(app, world)
    checkpoint(app)
    for _ in range(2):
        _chain(app, world)
        checkpoint(app)
    return shipment_id


HEAD_TAMPERING = {
    "a middle head deleted": (
        [("DELETE FROM custody_tree_heads WHERE number = 2", {})],
        "tree head 2 is missing",
    ),
    "two heads swapped": (
        [
            ("UPDATE custody_tree_heads SET number = 0 WHERE number = 2", {}),
            ("UPDATE custody_tree_heads SET number = 2 WHERE number = 1", {}),
            ("UPDATE custody_tree_heads SET number = 1 WHERE number = 0", {}),
        ],
        "tree head 1 does not follow tree head 0",
    ),
    "a head's root rewritten": (
        [("UPDATE custody_tree_heads SET root_hash = :forged WHERE number = 1", {})],
        "tree head 1 differs from the outside anchor",
    ),
}


@pytest.mark.parametrize("how", HEAD_TAMPERING)
def test_a_missing_reordered_or_rewritten_tree_head_is_found(app, world, client, as_, how):
    statements, problem = HEAD_TAMPERING[how]
    shipment_id = _three_heads(app, world)
    with app.app_context():
        tamper(*((sql, {"forged": "f" * 64, **params}) for sql, params in statements))
    code, output = cli_walk(app)
    assert code == 1 and problem in output
    if how == "a middle head deleted":  # the newest head's predecessor: the API sees it too
        verdict = api_verdict(client, as_, shipment_id)
        assert verdict["problem"] == "tree head 2 is missing"


def test_a_run_that_failed_after_anchoring_does_not_stop_the_next(app, world, client, as_):
    from courier_api.custody.log import checkpoint as run_checkpoint

    shipment_id = _chain(app, world)
    with app.app_context():
        anchor = app.extensions["custody_anchor"]
        run_checkpoint(signer=app.extensions["custody_signer"], anchor=anchor)
        db.session.rollback()  # the commit failed: the head is anchored, not stored
        assert len(anchor.names()) == 1
    assert checkpoint(app).startswith("tree head 1: 3 events")
    with app.app_context():
        assert len(app.extensions["custody_anchor"].names()) == 2  # the orphan stays
    assert api_verdict(client, as_, shipment_id)["valid"]
    assert cli_walk(app)[0] == 0


@pytest.mark.postgres
def test_checkpoints_racing_appends_leave_no_event_out_and_no_gap(app, world):
    with app.app_context():
        shipment_ids = [s.id for s in make_shipments(world, 12)]
        db.session.commit()

    def attempt(n: int) -> None:
        if n % 3 == 0:  # a checkpointer run, as the worker's (its own connection)
            for _ in range(3):
                checkpoint(app)
            return
        with app.app_context():
            for _ in range(5):
                _append(shipment_ids[n - 1 : n + 2], "arrived_station")
                db.session.commit()
            db.session.remove()

    race(12, attempt)
    checkpoint(app)
    with app.app_context():
        events = db.session.scalar(sa.select(sa.func.count()).select_from(CustodyEvent))
        leaves = db.session.scalars(sa.select(CustodyLeaf.leaf_index).order_by("leaf_index")).all()
    assert leaves == list(range(events))  # every event a leaf, indexes without a gap
    code, output = cli_walk(app)
    assert code == 0, output
