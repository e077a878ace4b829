"""gunicorn's side of the contract (gunicorn.conf.py installs these).

gunicorn refuses some requests before the app sees them: a request line over its limit
(414), headers over theirs (431), malformed HTTP (400). It answers those in HTML; here
they are the same problem+json as every other error, with a request id.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

from courier_api.core.errors import PROBLEM_CONTENT_TYPE, edge_problem


def write_problem(sock: Any, status_int: int, reason: str, mesg: str) -> None:
    """Replaces gunicorn.util.write_error. `mesg` is not sent: it may quote the request."""
    from gunicorn.util import write_nonblock

    request_id = uuid.uuid4().hex
    body = json.dumps(edge_problem(status_int, request_id)).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\n"
        "Connection: close\r\n"
        f"Content-Type: {PROBLEM_CONTENT_TYPE}\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"X-Request-ID: {request_id}\r\n"
        "\r\n"
    )
    write_nonblock(sock, head.encode("latin-1") + body)


def install_problem_errors() -> None:
    from gunicorn import util

    util.write_error = write_problem


def announce_listeners(server: Any) -> None:
    """Print where the server listens (BIND, or GUNICORN_CMD_ARGS, or port 0 resolved)."""
    for listener in server.LISTENERS:
        address = str(listener)
        docs = f" (interactive docs: {address}/docs)" if address.startswith("http") else ""
        print(f"Serving on {address}{docs}", file=sys.stdout, flush=True)


def without_access_line() -> type:
    """gunicorn's logger without its access line: the app writes its own (JSON, with the
    request id), and gunicorn, configured by a dict, built its line's fields for every
    request only for a logger that drops them."""
    from gunicorn.glogging import Logger

    class WithoutAccessLine(Logger):
        def access(self, resp: Any, req: Any, environ: Any, request_time: Any) -> None:
            return None

    return WithoutAccessLine


def fewer_malloc_arenas(arenas: int = 2, mmap_above: int = 256 * 1024) -> None:
    """glibc gives threads their own malloc arenas (up to 8 a core), each keeping freed
    memory of its own: what a threaded worker frees comes back to the arena it came from,
    not to the system. Capped before the workers fork, as MALLOC_ARENA_MAX would; and
    blocks above `mmap_above` are mapped and unmapped on their own (glibc would otherwise
    raise that threshold as large blocks are freed, and keep later ones in the arenas).
    Nothing happens off glibc."""
    libc = _glibc()
    if libc is None:
        return
    m_mmap_threshold, m_arena_max = -3, -8  # malloc.h
    libc.mallopt(m_arena_max, arenas)
    libc.mallopt(m_mmap_threshold, mmap_above)


def freed_memory_returner(every_s: float = 5.0) -> Callable[[], None]:
    """A call that, at most every `every_s` seconds, hands the memory glibc holds freed
    back to the system (malloc_trim). A 500-event sync batch takes a worker to 350 MB for
    a moment; what it freed stayed the worker's, and a worker ended a load run at 200-206
    MB. For gunicorn's post_request (one thread's call at a time is enough: a missed turn
    comes at the next request). Nothing happens off glibc."""
    libc = _glibc()
    if libc is None:
        return lambda: None
    trim = libc.malloc_trim
    due = [time.monotonic() + every_s]

    def maybe_trim() -> None:
        now = time.monotonic()
        if now >= due[0]:
            due[0] = now + every_s
            trim(0)

    return maybe_trim


def _glibc() -> Any:
    """glibc, or None off it (musl, macOS): the memory settings above are glibc's."""
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") else None
