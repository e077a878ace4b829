"""Helpers shared by the test modules: problem answers, real processes and real races."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

PROBLEM = "application/problem+json"
CELERY = str(Path(sys.executable).with_name("celery"))
T = TypeVar("T")


@contextmanager
def celery_worker(
    database_url: str, instance_dir: Path, broker_url: str
) -> Iterator[subprocess.Popen]:
    """The production worker command (with beat) against the test database."""
    env = {
        **os.environ,
        "COURIER_ENV": "testing",
        "DATABASE_URL": database_url,
        "COURIER_INSTANCE_DIR": str(instance_dir),
        "CELERY_BROKER_URL": broker_url,
    }
    worker = subprocess.Popen(
        [
            CELERY,
            "-A",
            "courier_api.worker:celery",
            "worker",
            "-B",
            "-P",
            "solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield worker
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.communicate()


def wait_for(
    check: Callable[[], T], *, seconds: float, worker: subprocess.Popen | None = None
) -> T:
    """Poll `check` until it returns something truthy (or time runs out); returns its last value."""
    deadline = time.monotonic() + seconds
    value = check()
    while not value and time.monotonic() < deadline and (worker is None or worker.poll() is None):
        time.sleep(0.25)
        value = check()
    return value


def race(count: int, attempt: Callable[[int], Any]) -> list[Any]:
    """Run `attempt(n)` in `count` threads released at the same instant; their results."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(n: int) -> None:
        barrier.wait()
        results[n] = attempt(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status
    assert body["code"] == code
    for member in ("type", "title", "detail", "instance", "request_id"):
        assert body[member], member
    assert "Traceback" not in response.get_data(as_text=True)
    return body
