"""A handheld polls its tasks with If-None-Match: 304 and no body while nothing changed."""

from __future__ import annotations


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
