"""The links between domains are made once, from wiring.py, when the app is made."""

from __future__ import annotations

import pytest

from courier_api import create_app, wiring
from courier_api.blobs import service as blobs
from courier_api.core import outbox
from courier_api.notify import notifications
from courier_api.tasks import settlement
from courier_api.tasks.models import Task


def _registries() -> tuple:
    return (
        list(outbox._handlers),
        {kind: list(found) for kind, found in notifications._composers.items()},
        {kind: list(found) for kind, found in settlement._settlers.items()},
        dict(blobs._readers),
    )


def test_every_link_is_registered_once_however_many_apps_are_made(app):
    before = _registries()
    create_app({"TESTING": True})
    assert _registries() == before
    handlers, composers, settlers, readers = before
    expected = [handler for _, handler in wiring.OUTBOX_HANDLERS]
    assert [handler for _, handler in handlers if handler in expected] == expected
    for kind, composer in wiring.NOTIFICATIONS:
        assert composers[kind].count(composer) == 1
    assert settlers["pickup"] == [s for _, s in wiring.TASK_SETTLERS]
    assert readers == dict(wiring.BLOB_READERS)


def test_a_collection_nobody_settles_is_an_error_not_silence():
    with pytest.raises(LookupError):
        settlement.settle(Task(kind="unheard_of"), settlement.Collected([], [], []))
