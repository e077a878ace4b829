"""gunicorn settings for `make run` and the benches (override with GUNICORN_* / env)."""

import os
import shutil
import tempfile

# /metrics must add up every worker: prometheus_client's multiprocess mode, one fresh
# directory per server start. prometheus_client picks its mode when it is first imported,
# so this comes before anything that imports it (courier_api does): set afterwards, every
# worker counted in its own memory and /metrics answered no request counts at all.
_MADE_METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR" not in os.environ
if _MADE_METRICS_DIR:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="courier-metrics-")
else:
    shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

from courier_api.core.observability import GUNICORN_LOGCONFIG  # noqa: E402
from courier_api.core.serving import (  # noqa: E402
    announce_listeners,
    fewer_malloc_arenas,
    freed_memory_returner,
    install_problem_errors,
    without_access_line,
)

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads with keep-alive, one worker a core (WEB_CONCURRENCY): handhelds poll every few
# seconds and sync workers closed every connection, and fewer processes share two cores
# better. Under the peak mix (issue #30) -w 4 sync served 151 req/s, -w 2 with three
# threads 297 (docs/performance.md#processes).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "3"))
fewer_malloc_arenas()
# Longer than a handheld's poll interval, so its connection is still open for the next.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "15"))
# A connection serves this many requests, then says `Connection: close` (nginx's
# keepalive_requests): a worker keeps the connections it accepted, and under the peak mix
# one of two workers was left with 60-70 % of the work (a few couriers' sync batches) while
# the other idled; the client's next connection goes to the worker that accepts first.
# After 100 requests (a client's half minute) 3 load runs in 10 still split 1.5 : 1;
# after 25, none in 6, at no cost measured (docs/performance.md#processes).
keepalive_requests = int(os.environ.get("GUNICORN_KEEPALIVE_REQUESTS", "25"))
timeout = 30
graceful_timeout = 10
accesslog = None  # the app writes its own JSON access log
logger_class = without_access_line()
# gunicorn's own lines (start, workers, refused requests) as JSON, like the app's.
logconfig_dict = GUNICORN_LOGCONFIG
# gunicorn's limits stay (request line 4094 bytes, 100 header fields of 8190 bytes): what
# it refuses is answered as problem+json (414, 431, 400) instead of its HTML page.
install_problem_errors()


def pre_request(worker, req):
    if req.req_number >= keepalive_requests:
        req.must_close = True


_return_freed_memory = freed_memory_returner()


def post_request(worker, req, environ, resp):
    _return_freed_memory()


def when_ready(server):
    announce_listeners(server)


def on_exit(server):
    if _MADE_METRICS_DIR:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker):
    # The loaded app (modules, schemas, mappers: ~300k objects) lives as long as the
    # worker: freeze it out of the garbage collector's reach. A full collection, which a
    # request allocating as much as a 500-event sync batch sets off, then walks only what
    # requests made; before, it walked the app too, a fifth of such a batch's CPU.
    import gc

    gc.freeze()
    # A young generation of 20,000 objects instead of 700: a request allocates tens of
    # thousands, nearly all freed by their counts, and each collection walked what was
    # alive at that moment. Under the peak mix the collector took 2.2 % of a worker's CPU
    # (about 3,000 collections a worker a run), 0.6 % with these (about 45); the resident
    # size at the end of the run the same (docs/performance.md#processes).
    gc.set_threshold(20_000, 20, 20)
