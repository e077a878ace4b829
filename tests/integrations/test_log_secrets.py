"""Every real connector, run against a local server, writes no secret into the logs.

The logs are taken as an operator would ship them: the app's own logging set up at the
level an operator picks (INFO by default), every line that passes it captured, both as the
record and as the JSON line written.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from courier_api.core.errors import Problem
from courier_api.core.observability import JsonFormatter, configure_logging
from courier_api.integrations.common import UpstreamError
from courier_api.integrations.sms import HttpSms, SmsSettings
from courier_api.integrations.virtual_numbers import HttpVirtualNumbers, VirtualNumberSettings
from courier_api.integrations.wechat import HttpWeChat, WeChatSettings
from courier_api.notify.jobs import http_sender

APP_SECRET = "app-secret-5f1e2d"
LOGIN_CODE = "login-code-0a9b8c"
ACCESS_TOKEN = "access-token-77c3e1"
SESSION_KEY = "session-key-4d4d4d"
OPENID = "openid-citizen-123"
API_KEY = "gateway-key-9e9e9e"
PHONE = "13912345678"
CALLEE = "13787654321"
VIRTUAL = "17012345678"
WEBHOOK_TOKEN = "receiver-token-abab"
WEBHOOK_SIGNATURE = "sha256=signature-cdcd"
AWS_SECRET = "aws-secret-key-efef"
SECRETS = (
    APP_SECRET,
    LOGIN_CODE,
    ACCESS_TOKEN,
    SESSION_KEY,
    OPENID,
    API_KEY,
    PHONE,
    CALLEE,
    VIRTUAL,
    WEBHOOK_TOKEN,
    WEBHOOK_SIGNATURE,
    AWS_SECRET,
)

ANSWERS = {
    "/sns/jscode2session": {"openid": OPENID, "session_key": SESSION_KEY},
    "/cgi-bin/stable_token": {"access_token": ACCESS_TOKEN, "expires_in": 7200},
    "/cgi-bin/message/subscribe/send": {"errcode": 0, "errmsg": "ok"},
    "/sms": {"request_id": "r-1"},
    "/numbers": {"number": VIRTUAL},
    "/hook": {},
}


class Upstream(BaseHTTPRequestHandler):
    """Answers every outside system's calls; `failing` makes it answer 500 to each."""

    failing = False

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        path = self.path.partition("?")[0]
        status = 500 if self.failing else 200
        body = json.dumps(ANSWERS.get(path, {})).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        """Quiet: the test reads the app's logs, not this server's."""


@pytest.fixture(params=["answering", "failing"])
def upstream(request: pytest.FixtureRequest) -> Iterator[str]:
    handler = type("Handler", (Upstream,), {"failing": request.param == "failing"})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["INFO", "DEBUG"])
def shipped_log(request: pytest.FixtureRequest) -> Iterator[Callable[[], list[str]]]:
    """The lines the app's logging lets through at LOG_LEVEL, as records and as written."""
    root = logging.getLogger()
    saved = root.level
    configure_logging(request.param)  # what the API and the worker do at start
    root.setLevel(request.param)  # LOG_LEVEL, even if this process set up logging before
    stream = io.StringIO()
    written = logging.StreamHandler(stream)
    written.setFormatter(JsonFormatter())
    records: list[logging.LogRecord] = []
    kept = logging.Handler()
    kept.emit = records.append  # type: ignore[method-assign]
    root.addHandler(written)
    root.addHandler(kept)
    logging.getLogger("courier_api.tests").warning("capture works")
    assert [record.getMessage() for record in records] == ["capture works"]

    def captured() -> list[str]:
        return [
            *(record.getMessage() for record in records),
            *(str(record.args) for record in records),
            *stream.getvalue().splitlines(),
        ]

    yield captured
    root.removeHandler(written)
    root.removeHandler(kept)
    root.setLevel(saved)


def _assert_no_secret(lines: list[str]) -> None:
    for secret in SECRETS:
        leaked = [line for line in lines if secret in line]
        assert not leaked, f"{secret!r} is in the logs: {leaked[:2]}"


def test_connectors_log_no_secret(upstream: str, shipped_log: Callable[[], list[str]]) -> None:
    wechat = HttpWeChat(WeChatSettings(app_id="wx-app", app_secret=APP_SECRET, api_base=upstream))
    with contextlib.suppress(Problem):  # a failing upstream is a 424; the logs matter here
        wechat.code_to_session(LOGIN_CODE)
    wechat.send_subscribe_message(OPENID, "template-1", None, {"thing1": "your parcel"})
    sms = HttpSms(SmsSettings(api_url=f"{upstream}/sms?key={API_KEY}", api_key=API_KEY))
    sms.send(PHONE, "pin", {"code": "1234"})
    numbers = HttpVirtualNumbers(
        VirtualNumberSettings(api_url=f"{upstream}/numbers", api_key=API_KEY)
    )
    with contextlib.suppress(Problem, UpstreamError):
        numbers.bind(PHONE, CALLEE, 600)
    send = http_sender(5)
    send(f"{upstream}/hook?token={WEBHOOK_TOKEN}", b"{}", {"X-Signature": WEBHOOK_SIGNATURE})
    for connector in (wechat, sms, numbers):
        connector.close()
    _assert_no_secret(shipped_log())


def test_unreachable_upstream_logs_no_secret(shipped_log: Callable[[], list[str]]) -> None:
    closed = "http://127.0.0.1:9"  # the discard port on loopback refuses connections
    wechat = HttpWeChat(WeChatSettings(app_id="wx-app", app_secret=APP_SECRET, api_base=closed))
    with pytest.raises(Problem):
        wechat.code_to_session(LOGIN_CODE)
    wechat.send_subscribe_message(OPENID, "template-1", None, {"thing1": "your parcel"})
    with pytest.raises(httpx.HTTPError):
        http_sender(2)(f"{closed}/hook?token={WEBHOOK_TOKEN}", b"{}", {})
    _assert_no_secret(shipped_log())


def test_s3_storage_logs_no_secret(
    shipped_log: Callable[[], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto.server import ThreadedMotoServer

    from courier_api.blobs.storage import S3Storage

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing-key-id")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", AWS_SECRET)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        storage = S3Storage("blobs", endpoint_url=f"http://{host}:{port}", region="us-east-1")
        storage.client.create_bucket(Bucket="blobs")
        storage.put("ab" * 32, PHONE.encode(), "text/plain")
        assert storage.get("ab" * 32) == PHONE.encode()
    finally:
        server.stop()
    _assert_no_secret(shipped_log())


def test_celery_routine_lines_show_only_at_debug(shipped_log: Callable[[], list[str]]) -> None:
    """Every beat tick and task run is an INFO line from Celery: an operator at INFO sees
    a failed task, not the heartbeat's every run."""
    trace = logging.getLogger("celery.app.trace")
    trace.info("Task courier_api.heartbeat[1] succeeded in 0.01s: None")
    trace.error("Task courier_api.deliver_webhooks[2] raised unexpected: OperationalError()")
    lines = shipped_log()
    assert any("raised unexpected" in line for line in lines)
    debugging = logging.getLogger().level == logging.DEBUG
    assert any("succeeded in" in line for line in lines) is debugging
