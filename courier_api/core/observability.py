"""Request ids, trace context, JSON logs and Prometheus metrics.

- `X-Request-ID` is accepted when well-formed, else generated; echoed and logged.
- W3C `traceparent` is accepted when well-formed, else a trace is started; its trace id is
  logged, and the outbox keeps it with the events a request causes (core/outbox.py).
- Logs are one JSON object a line, the app's, gunicorn's and Celery's alike. Every line
  written while a request (or an outbox event it caused) is handled carries its request id.
  They carry ids, paths and timings, never bodies, query strings, headers, tokens or
  personal data: libraries that log outside calls' URLs are held to warnings, and a query
  string in any line is cut out before it is written.
- Metrics use prometheus_client's multiprocess mode when PROMETHEUS_MULTIPROC_DIR is
  set (gunicorn.conf.py sets it), so /metrics adds up every worker.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from flask import Flask, Response, g, request

if TYPE_CHECKING:
    from prometheus_client.metrics_core import Metric

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")

TRACEPARENT_HEADER = "traceparent"
#: version-traceid-parentid-flags (W3C Trace Context); version ff is invalid.
TRACEPARENT_PATTERN = re.compile(
    r"^(?!ff)[0-9a-f]{2}-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-([0-9a-f]{2})(-.*)?$"
)

#: Libraries that log every outside call's URL at INFO (WeChat puts its app secret, login
#: codes and access tokens in the query string) and headers at DEBUG: warnings only,
#: whatever LOG_LEVEL says.
QUIET_LOGGERS = ("httpx", "httpcore", "urllib3", "botocore", "boto3", "s3transfer", "hpack")
#: Celery's lines for every task sent by the beat, received and finished (the heartbeat and
#: the outbox run every few seconds): below WARNING they drown the app's own lines, so they
#: show only at LOG_LEVEL=DEBUG. A task that fails is still logged, at ERROR.
ROUTINE_LOGGERS = ("celery.beat", "celery.worker.strategy", "celery.app.trace")
#: A query string (`?a=b...`) in a log line: cut out, whoever logged it.
QUERY_STRING = re.compile(r"\?[^\s\"'<>?]*=[^\s\"'<>]*")
REDACTED_QUERY = "?[query removed]"

access_log = logging.getLogger("courier_api.access")
log = logging.getLogger("courier_api.observability")

#: What every log line written in the current request or job carries.
_log_context: ContextVar[dict[str, str] | None] = ContextVar("courier_log_context", default=None)


def redact(text: str) -> str:
    return QUERY_STRING.sub(REDACTED_QUERY, text)


@contextmanager
def log_context(**fields: str | None) -> Iterator[None]:
    """Log lines written inside carry `fields` (request_id, traceparent...)."""
    token = _log_context.set({k: v for k, v in fields.items() if v})
    try:
        yield
    finally:
        _log_context.reset(token)


def current_trace() -> dict[str, str | None]:
    """The request id and traceparent of the request (or job) being handled, if any."""
    context = _log_context.get() or {}
    return {"request_id": context.get("request_id"), "traceparent": context.get("traceparent")}


def child_traceparent(offered: str | None) -> str:
    """Our span's traceparent: in the offered trace when it is well-formed, else a new one."""
    match = TRACEPARENT_PATTERN.match(offered or "")
    trace_id, flags = (match.group(1), match.group(2)) if match else (secrets.token_hex(16), "00")
    return f"00-{trace_id}-{secrets.token_hex(8)}-{flags}"


class JsonFormatter(logging.Formatter):
    FIELDS = ("request_id", "method", "route", "status", "duration_ms", "caller")
    #: UTC, as every time in this API.
    converter = time.gmtime

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": redact(record.getMessage()),
        }
        for name in self.FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        context = _log_context.get() or {}
        if "request_id" not in entry and context.get("request_id"):
            entry["request_id"] = context["request_id"]
        if context.get("traceparent"):
            entry["trace_id"] = context["traceparent"].split("-")[1]
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["trace"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str) -> None:
    """JSON lines on stderr at `level` (once per process: gunicorn may have set them up)."""
    root = logging.getLogger()
    root.setLevel(level)
    # Python's warnings (Celery's, deprecations) as log lines too, not bare text on stderr.
    logging.captureWarnings(True)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    routine = logging.DEBUG if logging.getLevelName(level) == logging.DEBUG else logging.WARNING
    for name in ROUTINE_LOGGERS:
        logging.getLogger(name).setLevel(routine)
    if any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)


#: gunicorn's own lines (gunicorn.conf.py: logconfig_dict) in the app's JSON format.
GUNICORN_LOGCONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": JsonFormatter}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        # The app writes its own access line, with the request id: not a second one.
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
    },
}


def _metrics():
    from prometheus_client import Counter, Histogram

    requests = Counter(
        "courier_http_requests_total", "HTTP requests", ["method", "route", "status"]
    )
    latency = Histogram(
        "courier_http_request_duration_seconds",
        "HTTP request latency",
        ["method", "route"],
        buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
    )
    return requests, latency


_REQUESTS, _LATENCY = _metrics()


#: A scrape source: a name and a function returning metric families read at scrape time
#: (from the database, the broker): they are the same whichever worker answers.
ScrapeSource = Callable[[], Iterable["Metric"]]
_scrape_sources: dict[str, ScrapeSource] = {}


def register_scrape_source(name: str, source: ScrapeSource) -> None:
    _scrape_sources[name] = source


class _ScrapeCollector:
    """The scrape sources; one that fails is reported as down, the others still served."""

    def collect(self) -> Iterator[Metric]:
        from prometheus_client.core import GaugeMetricFamily

        up = GaugeMetricFamily(
            "courier_scrape_source_up", "1 when the source could be read", labels=["source"]
        )
        for name, source in _scrape_sources.items():
            try:
                families = list(source())
            except Exception as exc:
                log.warning("metrics source %s failed: %s", name, type(exc).__name__)
                families = []
                up.add_metric([name], 0)
            else:
                up.add_metric([name], 1)
            yield from families
        yield up


def metrics_response() -> Response:
    from prometheus_client import (
        CONTENT_TYPE_LATEST,
        REGISTRY,
        CollectorRegistry,
        generate_latest,
    )

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    scraped = CollectorRegistry(auto_describe=False)
    scraped.register(_ScrapeCollector())  # type: ignore[arg-type]
    payload = generate_latest(registry) + generate_latest(scraped)
    # As prometheus_client spells it, once: `mimetype=` would add a second charset, a
    # duplicate parameter that Go's mime.ParseMediaType (so Prometheus 3) rejects.
    return Response(payload, headers={"Content-Type": CONTENT_TYPE_LATEST})


def init_app(app: Flask) -> None:
    configure_logging(app.config["LOG_LEVEL"])

    # The hooks run on every request, a poll answered 304 included: each reads the request
    # and g through their proxies once (a proxy lookup is a context-variable lookup).
    @app.before_request
    def _start() -> None:
        started = time.perf_counter()
        headers = request.headers
        offered = headers.get(REQUEST_ID_HEADER, "")
        request_id = offered if REQUEST_ID_PATTERN.match(offered) else uuid.uuid4().hex
        traceparent = child_traceparent(headers.get(TRACEPARENT_HEADER))
        context = g._get_current_object()
        context.request_id, context.traceparent = request_id, traceparent
        # As `log_context` does, without a generator's set-up each request.
        context.log_token = _log_context.set({"request_id": request_id, "traceparent": traceparent})
        context.started = started

    @app.teardown_request
    def _end(_error: BaseException | None) -> None:
        token = g.pop("log_token", None)
        if token is not None:
            _log_context.reset(token)

    @app.after_request
    def _finish(response: Response) -> Response:
        context = g._get_current_object()
        response.headers[REQUEST_ID_HEADER] = context.get("request_id", "")
        started = context.get("started")
        if started is None:
            return response
        elapsed = time.perf_counter() - started
        current = request._get_current_object()
        method, rule, status = current.method, current.url_rule, response.status_code
        # The route template, not the path: ids would explode label cardinality.
        route = rule.rule if rule else "unmatched"
        _REQUESTS.labels(method, route, str(status)).inc()
        _LATENCY.labels(method, route).observe(elapsed)
        caller = context.get("principal")
        access_log.info(
            "request",
            extra={
                "request_id": context.request_id,
                "method": method,
                "route": route,
                "status": status,
                "duration_ms": round(elapsed * 1000, 2),
                "caller": caller.id if caller else None,
            },
        )
        return response
