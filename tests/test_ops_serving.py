"""The servers as an operator runs them: gunicorn with gunicorn.conf.py, a Celery worker.

Real processes on a free port, bounded in time: what they print, what gunicorn answers
to requests it refuses before the app sees them.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from courier_api.devserver import worker_command

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STARTUP_S = 60


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "COURIER_"))}
    env.update(
        COURIER_ENV="development",
        COURIER_INSTANCE_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'courier.db'}",
        WEB_CONCURRENCY="2",
        BIND="127.0.0.1:0",  # any free port: the server must say which
    )
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    # As an operator starts it: gunicorn.conf.py makes the metrics directory itself.
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    return env


def _stop(process: subprocess.Popen) -> tuple[str, str]:
    process.terminate()
    try:
        out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    return out, err


def _assert_json_lines(stderr: str) -> list[dict]:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines, "nothing was logged"
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError:
            pytest.fail(f"not a JSON log line: {line!r}")
    return parsed


class Gunicorn:
    """gunicorn started as `make run` starts it, on a port it picks itself."""

    def __init__(self, tmp_path: Path) -> None:
        # Its log to a file: a pipe nobody reads until the end fills at 64 KiB (an access
        # line a request), and gunicorn then blocks mid-request on its next line.
        self._log = tmp_path / "gunicorn.stderr"
        with self._log.open("w") as log:
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"],
                cwd=ROOT,
                env=_environment(tmp_path),
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        self.output: tuple[str, str] | None = None
        # Blocks until gunicorn is ready (or has exited).
        self.announced = self.process.stdout.readline()
        match = re.match(r"Serving on http://127\.0\.0\.1:(\d+) ", self.announced)
        if match is None:
            self.stop()
            pytest.fail(f"gunicorn did not say where it serves: {self.announced!r} {self.output}")
        self.port = int(match.group(1))
        _wait_for_app(self.port)

    def stop(self) -> tuple[str, str]:
        """Stop it (once); its stdout and stderr."""
        if self.output is None:
            out, _ = _stop(self.process)
            self.output = out, self._log.read_text()
        return self.output


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gunicorn]:
    server = Gunicorn(tmp_path_factory.mktemp("gunicorn"))
    yield server
    server.stop()


def _wait_for_app(port: int) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        try:
            if _exchange(port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail("the app did not answer /healthz")


def _exchange(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in header_lines)
    }
    return int(status_line.split()[1]), headers, body


def test_a_request_line_over_the_limit_is_a_414_problem(gunicorn):
    long_query = b"q=" + b"x" * 5000
    status, headers, body = _exchange(
        gunicorn.port, b"GET /v1/shipments?" + long_query + b" HTTP/1.1\r\nHost: t\r\n\r\n"
    )
    assert status == 414
    assert headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert (problem["status"], problem["code"]) == (414, "uri_too_long")
    assert problem["request_id"] == headers["x-request-id"]


@pytest.mark.parametrize(
    "headers",
    [b"X-Big: " + b"b" * 9000 + b"\r\n", b"".join(b"X-H%d: v\r\n" % n for n in range(120))],
    ids=["one huge header", "too many headers"],
)
def test_headers_over_the_limit_are_a_431_problem(gunicorn, headers):
    status, answer, body = _exchange(
        gunicorn.port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n" + headers + b"\r\n"
    )
    assert status == 431
    assert answer["content-type"] == "application/problem+json"
    assert json.loads(body)["code"] == "header_fields_too_large"


def test_malformed_http_is_a_400_problem_that_does_not_echo_the_request(gunicorn):
    status, headers, body = _exchange(gunicorn.port, b"GET /?secret=s3cr3t BAD/9\r\n\r\n")
    assert status == 400
    assert headers["content-type"] == "application/problem+json"
    assert b"s3cr3t" not in body


def test_a_kept_alive_connection_closes_after_its_twenty_fifth_request(gunicorn):
    # So that clients' connections, which each stay with the worker that accepted them,
    # spread again over the workers (the peak mix left one with most of the work).
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn.port, timeout=10)
    try:
        said = []
        for _ in range(25):
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            said.append(response.getheader("Connection"))
            sock = connection.sock
        assert said == ["keep-alive"] * 24 + ["close"]
        assert sock is None  # the client closed it, as told
    finally:
        connection.close()


def test_metrics_count_every_request_whichever_worker_answered(gunicorn):
    def served() -> float:
        status, _, body = _exchange(gunicorn.port, b"GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n")
        assert status == 200
        line = re.search(
            rb'^courier_http_requests_total\{method="GET",route="/healthz",status="200"\} (\S+)$',
            body,
            re.MULTILINE,
        )
        return float(line.group(1)) if line else 0.0

    before = served()
    for _ in range(12):  # a connection each: the two workers share them
        assert _exchange(gunicorn.port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")[0] == 200
    assert served() == before + 12


def test_gunicorn_says_where_it_serves_and_logs_json_lines(tmp_path):
    gunicorn = Gunicorn(tmp_path)  # its own: it is stopped to read all it wrote
    _exchange(gunicorn.port, b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Request-ID: r-9\r\n\r\n")
    _exchange(gunicorn.port, b"GET /?secret=s3cr3t BAD/9\r\n\r\n")
    _, stderr = gunicorn.stop()
    lines = _assert_json_lines(stderr)
    loggers = {line["logger"] for line in lines}
    assert "gunicorn.error" in loggers
    assert any(f"127.0.0.1:{gunicorn.port}" in line["msg"] for line in lines)
    assert any("Invalid request" in line["msg"] for line in lines)
    assert all("s3cr3t" not in line["msg"] for line in lines)
    access = [line for line in lines if line["logger"] == "courier_api.access"]
    assert any(line.get("request_id") == "r-9" for line in access)
    assert "gunicorn.access" not in loggers  # one access line per request: the app's


def test_celery_worker_logs_json_lines(tmp_path):
    process = subprocess.Popen(
        [*worker_command(), "--pool", "solo"],
        cwd=ROOT,
        env=_environment(tmp_path),
        stdout=subprocess.DEVNULL,  # the startup banner, printed for people
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + STARTUP_S
    try:
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            lines.append(line)
            if " ready." in line:
                break
    finally:
        _, rest = _stop(process)
    parsed = _assert_json_lines("".join(lines) + rest)
    assert any(line["logger"].startswith("celery") for line in parsed)
    assert any("ready" in line["msg"] for line in parsed)
