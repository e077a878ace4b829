"""What gets installed where, and where the benches look for their servers."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)", re.MULTILINE)


def _pins(name: str) -> dict[str, str]:
    return {k.lower(): v for k, v in PIN.findall((ROOT / name).read_text())}


def _requirement_names(requirements: list[str]) -> set[str]:
    return {re.match(r"[A-Za-z0-9_.\-]+", r).group(0).lower() for r in requirements}


def test_the_runtime_lock_holds_no_development_tool():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    tools = _requirement_names(project["optional-dependencies"]["dev"])
    assert not tools & set(runtime), "a development tool is in the runtime lock"
    assert "gevent" not in runtime  # what Locust pulls in
    assert _requirement_names(project["dependencies"]) <= set(runtime)
    assert tools <= set(dev)
    # One set of versions: the server runs what the tests ran.
    assert {name: dev[name] for name in runtime} == runtime


def _make_dry_run(target: str) -> str:
    """The commands `make <target>` would run from scratch (nothing is run)."""
    return subprocess.run(
        ["make", "--always-make", "--dry-run", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_make_run_installs_the_runtime_only_and_make_test_the_tools_too():
    run = _make_dry_run("run")
    assert "pip install -q -r requirements.lock" in run
    assert "requirements-dev.lock" not in run
    for target in ("test", "lint"):
        assert "pip install -q -r requirements-dev.lock" in _make_dry_run(target)


def test_benches_take_their_servers_from_the_environment():
    probe = (
        "import sys; sys.argv = ['run.py']; sys.path.insert(0, 'bench/load'); import run; "
        "print(run.DEFAULT_BASE_URL); print(run.REDIS)"
    )

    def addresses(env: dict[str, str]) -> list[str]:
        out = subprocess.run(
            [sys.executable, "-c", probe],
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return out.split()

    assert addresses({}) == [
        "postgresql+psycopg://postgres@127.0.0.1:5432/test",
        "redis://127.0.0.1:6379",
    ]
    private = {
        "BENCH_DATABASE_URL": "postgresql+psycopg://postgres@10.0.9.2:6543/test",
        "BENCH_REDIS_URL": "redis://10.0.9.3:6390",
    }
    assert addresses(private) == list(private.values())
