"""What the drills send: logins, signed requests, idempotent POSTs retried with the same
key until they get a definite answer, and the tally of what came back."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import requests

from courier_api.signing import signed_headers

PROBLEM = "application/problem+json"
#: Answers after which the same request is sent again with the same Idempotency-Key.
RETRY_CODES = {"idempotency_key_in_flight"}
TIMEOUT_S = 15


@dataclass
class Answer:
    status: int | None  # None: no HTTP answer (connection refused/reset, timeout)
    body: Any = None
    content_type: str = ""
    error: str | None = None
    elapsed_s: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def code(self) -> str | None:
        return self.body.get("code") if isinstance(self.body, dict) else None

    @property
    def is_problem(self) -> bool:
        return self.content_type.split(";")[0].strip() == PROBLEM

    def label(self) -> str:
        if self.status is None:
            return f"no answer ({self.error})"
        return f"{self.status} {self.code}" if self.code else str(self.status)


def send(
    session: requests.Session,
    method: str,
    url: str,
    *,
    json_body: Any = None,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float | tuple[float, float] = TIMEOUT_S,
) -> Answer:
    started = time.monotonic()
    try:
        response = session.request(
            method, url, json=json_body, data=data, headers=headers, timeout=timeout
        )
    except requests.RequestException as exc:
        return Answer(None, error=type(exc).__name__, elapsed_s=time.monotonic() - started)
    try:
        body = response.json()
    except ValueError:
        body = response.text[:200]
    return Answer(
        response.status_code,
        body,
        response.headers.get("Content-Type", ""),
        elapsed_s=time.monotonic() - started,
        headers=dict(response.headers),
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def login(base: str, path: str, body: dict[str, str]) -> str:
    answer = send(requests.Session(), "POST", f"{base}{path}", json_body=body)
    if not answer.ok:
        raise RuntimeError(f"login {path} failed: {answer.label()} {answer.body}")
    return answer.body["access_token"]


def signed_send(
    session: requests.Session,
    base: str,
    key: tuple[str, str],
    method: str,
    path: str,
    body: Any = None,
) -> tuple[Answer, dict[str, str], bytes]:
    """One signed request (fresh nonce); returns the answer and what was sent, for replay."""
    raw = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
    headers = signed_headers(key[0], key[1], method, path, raw)
    if raw:
        headers["Content-Type"] = "application/json"
    return send(session, method, f"{base}{path}", data=raw or None, headers=headers), headers, raw


@dataclass
class Outcome:
    """One intended request, however many times it was sent."""

    key: str
    tag: str
    attempts: int = 0
    final: Answer | None = None
    seen: list[str] = field(default_factory=list)  # every attempt's label

    @property
    def retried(self) -> bool:
        return self.attempts > 1


def until_definite(
    session: requests.Session,
    url: str,
    body: dict,
    headers: dict[str, str],
    *,
    key: str,
    tag: str,
    give_up_after_s: float = 120.0,
    first_timeout: float | None = None,
) -> Outcome:
    """POST with one Idempotency-Key, again and again, until a definite answer: a 2xx, or
    a 4xx other than "still in flight". A lost connection, a timeout or a 5xx says nothing
    about whether the work was done, so the same request goes again."""
    outcome = Outcome(key=key, tag=tag)
    deadline = time.monotonic() + give_up_after_s
    pause = 0.1
    while True:
        outcome.attempts += 1
        timeout = first_timeout if first_timeout and outcome.attempts == 1 else TIMEOUT_S
        answer = send(
            session,
            "POST",
            url,
            json_body=body,
            headers={**headers, "Idempotency-Key": key},
            timeout=(TIMEOUT_S, timeout),
        )
        outcome.seen.append(answer.label())
        definite = (
            answer.status is not None and answer.status < 500 and answer.code not in RETRY_CODES
        )
        if definite or time.monotonic() > deadline:
            outcome.final = answer
            return outcome
        if answer.status is None:
            session.close()  # drop a pooled connection the server may have cut
        time.sleep(pause)
        pause = min(pause * 2, 2.0)


class Tally:
    """Thread-safe counts of what the server answered, by phase."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: dict[str, Counter] = {}
        self.problems_ok: dict[str, Counter] = {}

    def add(self, phase: str, answer: Answer) -> None:
        with self.lock:
            self.counts.setdefault(phase, Counter())[answer.label()] += 1
            if answer.status is not None and answer.status >= 400:
                shape = "problem+json" if answer.is_problem and answer.code else "NOT problem+json"
                self.problems_ok.setdefault(phase, Counter())[shape] += 1

    def phase(self, name: str) -> Counter:
        with self.lock:
            return Counter(self.counts.get(name, Counter()))

    def statuses(self, name: str) -> Counter:
        """By HTTP status only ("none" when there was no answer)."""
        out: Counter = Counter()
        for label, n in self.phase(name).items():
            out[label.split(" ")[0] if label[0].isdigit() else "none"] += n
        return out


def new_key(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16]}"
