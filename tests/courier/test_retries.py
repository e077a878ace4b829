"""A handheld retries when an answer is lost: a repeated action answers as a repeat (the
same state, or 409 with the current state), never 404 for a task the courier holds."""

from __future__ import annotations

import uuid

from tests.factories import SIGNATURE
from tests.helpers import assert_problem

ME = {"name": "李四", "relation": "self"}  # the recipient at_station names


def _post(client, as_, task_id: str, action: str, body: dict | None = None):
    return client.post(
        f"/v1/courier/tasks/{task_id}/{action}", json=body or {}, headers=as_("courier_a")
    )


def test_accepting_a_task_you_hold_answers_the_task(client, as_, at_station, load):
    [task_id] = load(at_station(1))
    first = _post(client, as_, task_id, "accept")
    again = _post(client, as_, task_id, "accept")
    assert first.status_code == again.status_code == 200, again.get_json()
    assert again.get_json()["state"] == "accepted"
    assert again.get_json()["accepted_at"] == first.get_json()["accepted_at"]


def test_a_repeated_arrival_keeps_the_first_scan(client, as_, at_station, load):
    [task_id] = load(at_station(1))
    first = _post(client, as_, task_id, "arrive")
    again = _post(client, as_, task_id, "arrive")
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["arrived_at"] == first.get_json()["arrived_at"]


def test_declining_a_task_you_hold_is_409_with_its_state(client, as_, at_station, load):
    [task_id] = load(at_station(1))
    problem = assert_problem(_post(client, as_, task_id, "decline"), 409, "task_already_accepted")
    assert problem["current_state"] == "accepted"


def test_a_repeated_delivery_is_409_with_the_current_state(client, as_, at_station, load):
    [task_id] = load(at_station(1))
    proof = {"receiver": ME, "signature": SIGNATURE}
    assert _post(client, as_, task_id, "deliver", proof).status_code == 200
    problem = assert_problem(_post(client, as_, task_id, "deliver", proof), 409, "task_not_active")
    assert problem["current_state"] == "completed"
    problem = assert_problem(
        _post(client, as_, task_id, "fail", {"reason_code": "nobody_home"}),
        409,
        "task_not_active",
    )
    assert problem["current_state"] == "completed"


def test_repeats_in_sync_are_not_task_not_found(client, as_, at_station, load):
    [task_id] = load(at_station(1))
    events = [
        {
            "client_event_id": str(uuid.uuid4()),
            "kind": kind,
            "task_id": task_id,
            "occurred_at": "2020-01-01T00:00:00Z",
        }
        for kind in ("accept", "arrive", "arrive", "decline")
    ]
    # Each upload is a fresh event (a new id): the handheld did not know the first landed.
    now = client.get(f"/v1/courier/tasks/{task_id}", headers=as_("courier_a")).get_json()
    for e in events:
        e["occurred_at"] = now["accepted_at"]
    body = client.post(
        "/v1/courier/sync", json={"events": events}, headers=as_("courier_a")
    ).get_json()
    verdicts = [(v["status"], v["code"]) for v in body["verdicts"]]
    assert verdicts == [
        ("accepted", None),
        ("accepted", None),
        ("accepted", None),
        ("rejected", "task_already_accepted"),
    ]
