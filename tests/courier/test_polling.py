"""A handheld polls its tasks with If-None-Match: 304 and no body while nothing changed."""

from __future__ import annotations

from datetime import timedelta

from courier_api.core import clock
from courier_api.extensions import db
from courier_api.tasks import service as tasks
from courier_api.tasks.models import Task
from tests.factories import login, make_pickup_task, make_shipments
from tests.helpers import assert_problem

OFFER_TTL = timedelta(seconds=90)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _tasks(client, as_, etag: str | None = None, query: str = ""):
    headers = as_("courier_a", **({"If-None-Match": etag} if etag else {}))
    return client.get(f"/v1/courier/tasks{query}", headers=headers)


def test_polling_the_task_list_is_304_until_it_changes(client, as_, at_station, load):
    [task_id, _] = load(at_station(2))
    first = _tasks(client, as_)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and len(first.get_json()["items"]) == 2
    again = _tasks(client, as_, etag)
    assert again.status_code == 304
    assert again.get_data() == b""
    assert again.headers["ETag"] == etag
    # Another page (or filter) is another list.
    assert _tasks(client, as_, etag, "?limit=1").status_code == 200
    # A change to a task on the list: the next poll gets the new list.
    arrived = client.post(f"/v1/courier/tasks/{task_id}/arrive", json={}, headers=as_("courier_a"))
    assert arrived.status_code == 200
    changed = _tasks(client, as_, etag)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert _tasks(client, as_, changed.headers["ETag"]).status_code == 304


def test_a_task_and_a_station_answer_304_to_the_etag_they_gave(
    client, as_, world, at_station, load
):
    [task_id] = load(at_station(1))
    url = f"/v1/courier/tasks/{task_id}"
    etag = client.get(url, headers=as_("courier_a")).headers["ETag"]
    held = client.get(url, headers=as_("courier_a", **{"If-None-Match": f"W/{etag}"}))
    assert held.status_code == 304
    stale = client.get(url, headers=as_("courier_a", **{"If-None-Match": '"0"'}))
    assert stale.status_code == 200 and stale.get_json()["id"] == task_id
    station = f"/v1/stations/{world.stations['A']}"
    etag = client.get(station, headers=as_("admin")).headers["ETag"]
    assert client.get(station, headers=as_("admin", **{"If-None-Match": etag})).status_code == 304


def _poll(client, token: str, etag: str | None = None, query: str = ""):
    headers = {"Authorization": f"Bearer {token}"}
    if etag:
        headers["If-None-Match"] = etag
    return client.get(f"/v1/courier/tasks{query}", headers=headers)


def _offered_pickup(app, world, courier: str = "courier_a") -> str:
    """A pickup task (two items) offered to `courier` for OFFER_TTL; its id."""
    with app.app_context():
        task = make_pickup_task(world, make_shipments(world, 2, state="awaiting_pickup"))
        db.session.flush()
        tasks.offer(task, courier_id=world.couriers[courier], offered_by="d", ttl=OFFER_TTL)
        db.session.commit()
        return task.id


def _in_app(app, change) -> None:
    with app.app_context():
        change()
        db.session.commit()


def test_every_change_the_courier_would_see_moves_the_tag(client, app, world):
    """Offered, declined, offered again, expired (the sweep), withdrawn, accepted, arrived,
    a partial scan of the items: each gives a new tag and a new body; an unchanged list
    keeps its tag (304)."""
    token = login(client, world, "courier_a")
    seen: list[str] = []

    def changed() -> dict:
        answer = _poll(client, token, seen[-1] if seen else None)
        assert answer.status_code == 200, answer.status_code
        # An equal list has an equal tag (empty again: the first one); never the last.
        assert not seen or answer.headers["ETag"] != seen[-1]
        seen.append(answer.headers["ETag"])
        assert _poll(client, token, seen[-1]).status_code == 304  # unchanged: kept
        return answer.get_json()

    assert changed()["items"] == []
    task_id = _offered_pickup(app, world)
    [offered] = changed()["items"]
    assert offered["state"] == "offered" and offered["offer"]["expires_at"]
    declined = client.post(f"/v1/courier/tasks/{task_id}/decline", json={}, headers=bearer(token))
    assert declined.status_code == 200
    assert changed()["items"] == []

    task_id = _offered_pickup(app, world)
    assert len(changed()["items"]) == 1
    # The offer's 90 s pass: the list shows it until the sweep takes it back.
    clock.freeze(clock.now() + OFFER_TTL + timedelta(seconds=1))
    assert _poll(client, token, seen[-1]).status_code == 304
    _in_app(app, tasks.expire_offers)
    assert changed()["items"] == []

    task_id = _offered_pickup(app, world)
    changed()
    _in_app(app, lambda: tasks.withdraw_offer(db.session.get(Task, task_id)))
    assert changed()["items"] == []

    task_id = _offered_pickup(app, world)
    changed()
    for action in ("accept", "arrive"):
        moved = client.post(f"/v1/courier/tasks/{task_id}/{action}", json={}, headers=bearer(token))
        assert moved.status_code == 200, moved.get_json()
        assert changed()["items"][0]["state"] == moved.get_json()["state"]
    [first, _] = [item["waybill"] for item in _items(client, token, task_id)]
    scanned = client.post(
        f"/v1/courier/tasks/{task_id}/pickup",
        json={"items": [{"waybill": first}], "partial": True},
        headers=bearer(token),
    )
    assert scanned.status_code == 200, scanned.get_json()
    [listed] = changed()["items"]
    assert [i["status"] for i in listed["items"]].count("scanned") == 1
    done = client.post(
        f"/v1/courier/tasks/{task_id}/pickup", json={"items": []}, headers=bearer(token)
    )
    assert done.status_code == 200, done.get_json()
    assert changed()["items"] == []


def _items(client, token: str, task_id: str) -> list[dict]:
    return client.get(f"/v1/courier/tasks/{task_id}", headers=bearer(token)).get_json()["items"]


def test_a_poll_is_refused_as_any_request_is(client, world, at_station, load):
    """The 304 road checks the token and its session like every other: a logged-out
    session or an expired token gets the same 401 problem as elsewhere, and one courier's
    tag is never another's."""
    load(at_station(1))
    token = login(client, world, "courier_a")
    etag = _poll(client, token).headers["ETag"]
    assert _poll(client, token, etag).status_code == 304
    other = login(client, world, "courier_b")
    theirs = _poll(client, other, etag)
    assert theirs.status_code == 200 and theirs.get_json()["items"] == []
    assert theirs.headers["ETag"] != etag

    now = clock.now()
    clock.freeze(now + timedelta(minutes=15, seconds=1))
    expired = assert_problem(_poll(client, token, etag), 401, "token_expired")
    elsewhere = assert_problem(
        client.get("/v1/stations", headers=bearer(token)), 401, "token_expired"
    )
    assert _same_problem(expired, elsewhere)
    clock.freeze(now)
    assert client.post("/v1/auth/logout", headers=bearer(token)).status_code == 204
    elsewhere = assert_problem(
        client.get("/v1/stations", headers=bearer(token)), 401, "session_revoked"
    )
    for conditional in (etag, None):
        ended = _poll(client, token, conditional)
        assert _same_problem(assert_problem(ended, 401, "session_revoked"), elsewhere)
        assert ended.headers["WWW-Authenticate"].startswith("Bearer")


def _same_problem(one: dict, other: dict) -> bool:
    """The same problem but for where and in which request it was met."""
    mine = {"instance", "request_id"}
    return {k: v for k, v in one.items() if k not in mine} == {
        k: v for k, v in other.items() if k not in mine
    }


def test_query_arguments_are_checked_and_keyed(client, world, at_station, load):
    """A poll with query arguments takes the full road: bad ones are a 422 even with an
    If-None-Match, and each page has its own tag."""
    load(at_station(3))
    token = login(client, world, "courier_a")
    etag = _poll(client, token).headers["ETag"]
    bad = _poll(client, token, etag, "?state=lost")
    assert_problem(bad, 422, "validation_failed")
    first = _poll(client, token, None, "?limit=2")
    assert len(first.get_json()["items"]) == 2 and first.headers["ETag"] != etag
    assert _poll(client, token, first.headers["ETag"], "?limit=2").status_code == 304
    cursor = first.get_json()["next_cursor"]
    second = _poll(client, token, first.headers["ETag"], f"?limit=2&cursor={cursor}")
    assert second.status_code == 200 and len(second.get_json()["items"]) == 1
    assert (
        _poll(client, token, second.headers["ETag"], f"?limit=2&cursor={cursor}").status_code == 304
    )
    assert_problem(_poll(client, token, etag, "?cursor=forged"), 400, "invalid_cursor")
