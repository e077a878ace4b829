"""core.serving: what gunicorn.conf.py installs in the workers, tried outside gunicorn
(tests/test_ops_serving.py runs gunicorn itself)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_FRAGMENTED_HEAP = textwrap.dedent(
    """
    from pathlib import Path
    from courier_api.core.serving import freed_memory_returner

    def rss_mb():
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024

    return_freed = freed_memory_returner(every_s={every_s})
    blocks = [b"x" * 100_000 for _ in range(2000)]  # 200 MB in malloc's heap
    kept = blocks[::10]  # one in ten stays: the heap cannot shrink from its top
    del blocks
    before = rss_mb()
    return_freed()
    print(before, rss_mb())
    """
)


def _rss_before_and_after(every_s: float) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", _FRAGMENTED_HEAP.format(every_s=every_s)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    before, after = map(int, done.stdout.split())
    return before, after


def test_a_worker_hands_what_it_freed_back_to_the_system():
    # A sync batch takes a worker to 350 MB for a moment; freed, that memory stayed the
    # worker's (a load run ended with workers over their 200 MB).
    before, after = _rss_before_and_after(every_s=0)
    assert before > 200 and after < before - 100


def test_the_memory_is_handed_back_at_most_every_few_seconds():
    before, after = _rss_before_and_after(every_s=60)  # not due yet: kept
    assert before > 200 and after > before - 20
