"""`make run`: the API under gunicorn and one Celery worker with beat, stopped together.

Ctrl-C (or SIGTERM) stops both; if either exits, the other is stopped too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def worker_command(loglevel: str = "INFO") -> list[str]:
    """One Celery worker with the beat embedded (the bench scripts start the same)."""
    return [
        str(BIN / "celery"),
        "-A",
        "courier_api.worker:celery",
        "worker",
        "-B",
        "--concurrency",
        "1",
        "--without-gossip",
        "--without-mingle",
        "--loglevel",
        loglevel,
    ]


def _start() -> list[subprocess.Popen]:
    worker = subprocess.Popen(worker_command())
    api = subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"])
    return [api, worker]


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> int:
    os.environ.setdefault("FLASK_APP", "courier_api")
    processes = _start()
    signal.signal(signal.SIGTERM, lambda *_: _stop(processes))
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(processes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
