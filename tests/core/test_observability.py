"""Log lines an operator can ship: JSON, each carrying its request id and trace, from the
request to the outbox events it causes."""

from __future__ import annotations

import io
import json
import logging

from courier_api.core import outbox
from courier_api.core.observability import JsonFormatter
from courier_api.extensions import db

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"
log = logging.getLogger("courier_api.tests")


def test_a_request_and_the_outbox_events_it_causes_log_its_request_id_and_trace(app):
    handled: list[str] = []

    @outbox.on_event("test.traced")
    def _handler(event: outbox.OutboxEvent) -> None:
        log.warning("handling %s", event.kind)
        handled.append(event.id)

    try:
        with app.test_request_context(
            "/v1/anything", headers={"X-Request-ID": "pda-7", "traceparent": TRACEPARENT}
        ):
            app.preprocess_request()
            log.warning("inside the request")
            event = outbox.emit("test.traced", subject_type="t", subject_id="t1", payload={})
            db.session.commit()
            event_id = event.id
            app.do_teardown_request()
        with app.app_context():
            stored = db.session.get(outbox.OutboxEvent, event_id)
            assert stored.request_id == "pda-7"
            assert stored.traceparent.split("-")[1] == TRACE_ID
            # Our own span in the caller's trace, not the caller's span.
            assert stored.traceparent != TRACEPARENT
            with _capture() as written:
                outbox.dispatch_pending()
                log.warning("after the job")
    finally:
        outbox._handlers.remove(("test.traced", _handler))
    assert handled == [event_id]
    by_message = {line["msg"]: line for line in written}
    assert by_message["handling test.traced"]["request_id"] == "pda-7"
    assert by_message["handling test.traced"]["trace_id"] == TRACE_ID
    assert "request_id" not in by_message["after the job"]


def test_a_malformed_traceparent_starts_a_new_trace(client):
    with _capture() as lines:
        client.get("/healthz", headers={"traceparent": "00-" + "0" * 32 + "-00f067aa0ba902b7-01"})
        client.get("/healthz", headers={"traceparent": TRACEPARENT, "X-Request-ID": "r-2"})
    access = [line for line in lines if line.get("logger") == "courier_api.access"]
    assert len(access) == 2
    assert len(access[0]["trace_id"]) == 32 and access[0]["trace_id"] != "0" * 32
    assert access[1]["trace_id"] == TRACE_ID
    assert access[1]["request_id"] == "r-2"


def test_query_strings_are_cut_out_of_any_line():
    with _capture() as lines:
        log.warning("calling GET /sns/jscode2session?appid=a&secret=s3cr3t failed")
        try:
            raise RuntimeError("POST https://h.example/send?access_token=t0k3n refused")
        except RuntimeError:
            log.exception("outside call failed")
    assert len(lines) == 2
    assert lines[0]["msg"] == "calling GET /sns/jscode2session?[query removed] failed"
    assert "RuntimeError" in lines[1]["trace"]
    text = json.dumps(lines)
    assert "s3cr3t" not in text and "t0k3n" not in text


class _capture:
    """The JSON lines written inside the block, parsed, in a list filled on exit."""

    def __enter__(self) -> list[dict]:
        self.stream = io.StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(JsonFormatter())
        logging.getLogger().addHandler(self.handler)
        self.lines: list[dict] = []
        return self.lines

    def __exit__(self, *exc: object) -> None:
        logging.getLogger().removeHandler(self.handler)
        self.lines.extend(json.loads(line) for line in self.stream.getvalue().splitlines())
