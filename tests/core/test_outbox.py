"""Outbox dispatch in batches: a backlog goes in one call, oldest first; a failing event is
retried alone; a crashed dispatcher's batch is taken over, with nothing of it kept; two
dispatchers on one backlog never both dispatch an event."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.outbox import MAX_ATTEMPTS, OutboxEvent, dispatch_pending, emit
from courier_api.extensions import db
from courier_api.notify.models import Notification
from courier_api.notify.notifications import Message, notifies
from tests.helpers import race

KIND = "test.outbox_batch"


class Crash(BaseException):
    """The worker process dying mid-batch (not an Exception: nothing may catch it)."""


class Recorder:
    """What the test handler saw, and what it should do for which subject."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.fail: set[str] = set()
        self.crash: set[str] = set()
        #: Subjects whose notification row breaks a constraint (found when it is flushed).
        self.bad_row: set[str] = set()
        self.block: dict[str, threading.Event] = {}
        self.reached: dict[str, threading.Event] = {}
        #: The database backend of the dispatcher that reached a subject.
        self.backend: dict[str, int] = {}
        self.lock = threading.Lock()

    def compose(self, event: OutboxEvent) -> list[Message]:
        subject = event.subject_id
        # Composers look things up (the citizen, the shipment): a query flushes the rows
        # the events before this one added.
        db.session.scalars(sa.select(Notification).limit(1)).first()
        with self.lock:
            self.calls.append(subject)
        if subject in self.reached:
            pid = db.session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
            self.backend[subject] = pid
            self.reached[subject].set()
            self.block[subject].wait(timeout=30)
        if subject in self.crash:
            raise Crash(subject)
        template = None if subject in self.bad_row else "t"
        message = Message(template=template, wechat_template_id="tmpl", citizen_id="ctz_" + subject)
        if subject in self.fail:
            # After its first write: the failure must take that back too.
            db.session.flush()
            raise RuntimeError(f"upstream said no to {subject}")
        return [message]


@pytest.fixture
def recorder():
    """The real outbox handler for notifications, with a composer the test steers."""
    seen = Recorder()
    notifies(KIND)(seen.compose)
    yield seen
    from courier_api.notify import notifications

    notifications._composers[KIND].remove(seen.compose)


def _backlog(app, count: int) -> list[str]:
    """`count` due events, subjects s000, s001, ... in the order they were emitted."""
    with app.app_context():
        for n in range(count):
            emit(KIND, subject_type="test", subject_id=f"s{n:03d}", payload={})
        db.session.commit()
    return [f"s{n:03d}" for n in range(count)]


def _dispatch(app, **kwargs) -> int:
    with app.app_context():
        try:
            return dispatch_pending(**kwargs)
        finally:
            db.session.remove()


def _state(app) -> dict[str, tuple[str, int]]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(OutboxEvent.subject_id, OutboxEvent.status, OutboxEvent.attempts)
        )
        state = {subject: (status, attempts) for subject, status, attempts in rows}
        db.session.remove()
        return state


def _notified(app) -> Counter:
    """Notifications made, by subject: the handlers' committed writes."""
    with app.app_context():
        citizens = db.session.scalars(sa.select(Notification.citizen_id)).all()
        db.session.remove()
        return Counter(c.removeprefix("ctz_") for c in citizens)


def test_a_backlog_of_several_batches_goes_in_one_call_oldest_first(app, recorder):
    subjects = _backlog(app, 25)
    assert _dispatch(app, batch_size=10) == 25
    assert recorder.calls == subjects
    assert set(_state(app).values()) == {("dispatched", 0)}
    assert _notified(app) == Counter(subjects)
    assert _dispatch(app, batch_size=10) == 0


def test_a_call_is_bounded_and_the_next_one_goes_on(app, recorder):
    subjects = _backlog(app, 25)
    assert _dispatch(app, batch_size=10, limit=15) == 15
    assert recorder.calls == subjects[:15]
    assert _dispatch(app, batch_size=10) == 10
    assert recorder.calls == subjects


def test_a_failing_event_neither_blocks_nor_resends_the_others_of_its_batch(app, recorder):
    subjects = _backlog(app, 6)
    recorder.fail = {"s002"}
    assert _dispatch(app, batch_size=10) == 5
    state = _state(app)
    assert state.pop("s002") == ("pending", 1)
    assert set(state.values()) == {("dispatched", 0)}
    # The failing event's own write is taken back; the others' are kept, once each.
    assert _notified(app) == Counter(s for s in subjects if s != "s002")
    with app.app_context():
        failed = db.session.scalars(sa.select(OutboxEvent).filter_by(subject_id="s002")).one()
        assert failed.last_error == "RuntimeError: upstream said no to s002"
        assert failed.next_attempt_at > clock.now()

    # Not due before its backoff; then retried alone, and dispatched once it works.
    recorder.calls.clear()
    assert _dispatch(app) == 0
    recorder.fail = set()
    clock.freeze(clock.now() + timedelta(minutes=5))
    assert _dispatch(app) == 1
    assert recorder.calls == ["s002"]
    assert _state(app)["s002"] == ("dispatched", 1)
    assert _notified(app) == Counter(subjects)


def test_a_bad_row_is_charged_to_the_event_that_wrote_it(app, recorder):
    # s000's row fails only when s001's lookup flushes it: s001 must not pay for it.
    subjects = _backlog(app, 3)
    recorder.bad_row = {"s000"}
    assert _dispatch(app, batch_size=10) == 2
    state = _state(app)
    assert state.pop("s000") == ("pending", 1)
    assert set(state.values()) == {("dispatched", 0)}
    assert _notified(app) == Counter(subjects[1:])


def test_an_event_that_keeps_failing_is_marked_failed_after_the_last_attempt(app, recorder):
    _backlog(app, 1)
    recorder.fail = {"s000"}
    for _ in range(MAX_ATTEMPTS + 2):
        _dispatch(app)
        clock.freeze(clock.now() + timedelta(hours=2))
    assert _state(app) == {"s000": ("failed", MAX_ATTEMPTS)}
    assert recorder.calls == ["s000"] * MAX_ATTEMPTS  # one handler run per attempt
    assert _notified(app) == Counter()


def test_a_dispatcher_that_dies_mid_batch_leaves_it_whole_for_the_next(app, recorder):
    subjects = _backlog(app, 8)
    recorder.crash = {"s005"}
    with pytest.raises(Crash):
        _dispatch(app, batch_size=4)
    # The first batch was committed; of the one it died in, nothing is kept.
    state = _state(app)
    assert [s for s in subjects if state[s][0] == "dispatched"] == subjects[:4]
    assert _notified(app) == Counter(subjects[:4])
    recorder.crash = set()
    assert _dispatch(app, batch_size=4) == 4
    assert set(_state(app).values()) == {("dispatched", 0)}
    assert _notified(app) == Counter(subjects)


@pytest.mark.postgres
def test_a_crashed_dispatchers_claim_is_skipped_then_taken_over(app, recorder):
    """A dispatcher holds its batch (row locks) while it works: another one skips those
    events. When it dies (its connection is cut, as when the process is killed), its claim
    ends with it and the next dispatch takes the events over, each dispatched once."""
    subjects = _backlog(app, 6)
    recorder.reached["s001"], recorder.block["s001"] = threading.Event(), threading.Event()
    died: list[BaseException] = []

    def doomed() -> None:
        with app.app_context():
            try:
                dispatch_pending(batch_size=3)
            except BaseException as exc:  # its connection is gone
                died.append(exc)
            finally:
                db.session.remove()

    thread = threading.Thread(target=doomed)
    thread.start()
    assert recorder.reached["s001"].wait(timeout=30)
    # s000..s002 are held: another dispatcher takes only the rest.
    assert _dispatch(app, batch_size=3) == 3
    assert recorder.calls == ["s000", "s001", "s003", "s004", "s005"]
    assert _notified(app) == Counter(subjects[3:])
    with app.app_context(), db.engine.connect() as admin:
        admin.execute(
            sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": recorder.backend["s001"]}
        )
    recorder.block["s001"].set()
    thread.join(timeout=30)
    assert died and isinstance(died[0], sa.exc.DBAPIError)

    recorder.calls.clear()
    assert _dispatch(app, batch_size=3) == 3
    assert recorder.calls == subjects[:3]
    assert set(_state(app).values()) == {("dispatched", 0)}
    assert _notified(app) == Counter(subjects)


@pytest.mark.postgres
def test_two_dispatchers_racing_on_one_backlog_dispatch_each_event_once(app, recorder):
    subjects = _backlog(app, 300)
    # No time budget: the race is what is tested, and a loaded machine is slow.
    counts = race(2, lambda n: _dispatch(app, batch_size=20, max_seconds=600))
    assert sum(counts) == 300
    assert Counter(recorder.calls) == Counter(subjects)  # no handler ran twice for an event
    assert set(_state(app).values()) == {("dispatched", 0)}
    assert _notified(app) == Counter(subjects)
