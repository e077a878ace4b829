"""Request ids, JSON access logs and Prometheus metrics.

- `X-Request-ID` is accepted when well-formed, else generated; echoed and logged.
- Logs are one JSON object a line. They carry ids, paths and timings, never bodies,
  query strings, headers, tokens or personal data.
- Metrics use prometheus_client's multiprocess mode when PROMETHEUS_MULTIPROC_DIR is
  set (gunicorn.conf.py sets it), so /metrics adds up every worker.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import uuid

from flask import Flask, Response, g, request

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")

access_log = logging.getLogger("courier_api.access")


class JsonFormatter(logging.Formatter):
    FIELDS = ("request_id", "method", "route", "status", "duration_ms", "caller")

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name in self.FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["trace"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str) -> None:
    root = logging.getLogger()
    if any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    formatter = JsonFormatter()
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    root.addHandler(handler)
    root.setLevel(level)


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


def metrics_response() -> Response:
    from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        payload = generate_latest(registry)
    else:
        payload = generate_latest()
    return Response(payload, mimetype=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    configure_logging(app.config["LOG_LEVEL"])

    @app.before_request
    def _start() -> None:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = offered if REQUEST_ID_PATTERN.match(offered) else uuid.uuid4().hex
        g.started = time.perf_counter()

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
        started = g.get("started")
        if started is None:
            return response
        elapsed = time.perf_counter() - started
        # The route template, not the path: ids would explode label cardinality.
        route = request.url_rule.rule if request.url_rule else "unmatched"
        _REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        _LATENCY.labels(request.method, route).observe(elapsed)
        caller = g.get("principal")
        access_log.info(
            "request",
            extra={
                "request_id": g.request_id,
                "method": request.method,
                "route": route,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 2),
                "caller": caller.id if caller else None,
            },
        )
        return response
