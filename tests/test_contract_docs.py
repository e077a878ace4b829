"""The integrator docs keep up with the code (#27): every problem `code` the server can
answer is in docs/integrators/errors.md, and every event kind in webhooks.md."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from courier_api import signing
from courier_api.core import events
from courier_api.core.errors import HTTP_CODES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "integrators"
#: Functions that make a problem, and which positional argument is its code.
CODE_ARGUMENT = {"Problem": 1, "conflict": 0, "refuse": 0, "_bad_token": 0, "_refused": 0,
                 "_over_cap": 0, "unauthenticated": 1, "field_error": None}  # fmt: skip


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _text(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def problem_codes() -> set[str]:
    """Every problem `code` a call in courier_api/ can answer with."""
    codes = set(HTTP_CODES.values())
    for path in (ROOT / "courier_api").rglob("*.py"):
        for call in (n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Call)):
            name = _name(call)
            position = CODE_ARGUMENT.get(name)
            if position is not None and len(call.args) > position:
                codes.add(_text(call.args[position]))
            codes |= {
                _text(k.value) for k in call.keywords if k.arg == "code" and name != "field_error"
            }
            if name == "not_found":
                codes.add(f"{_text(call.args[0]) if call.args else 'resource'}_not_found")
            codes |= {f"{_text(k.value)}_not_found" for k in call.keywords if k.arg == "what"}
            if name == "cannot_become" and call.args:
                codes.add(f"invalid_{_text(call.args[0])}_transition")
    return {code for code in codes if code and re.fullmatch(r"[a-z][a-z0-9_]*", code)}


def test_errors_doc_names_every_problem_code():
    documented = set(re.findall(r"`([a-z][a-z0-9_]*)`", (DOCS / "errors.md").read_text()))
    codes = problem_codes()
    assert {"quote_expired", "task_not_found", "invalid_claim_transition"} <= codes
    assert sorted(codes - documented) == []


def test_webhooks_doc_names_every_event_kind(app):
    text = (DOCS / "webhooks.md").read_text()
    assert [k for k in events.KINDS if f"`{k}`" not in text] == []


def test_the_javascript_in_signing_md_signs_the_test_vector(tmp_path):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI: Node must be installed")
        pytest.skip("needs Node")
    (block,) = re.findall(r"```js\n(.*?)```", (DOCS / "signing.md").read_text(), re.S)
    (tmp_path / "sign.js").write_text(block)
    ran = subprocess.run(
        [node, tmp_path / "sign.js"], capture_output=True, text=True, timeout=60, check=False
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == [
        "94ec5435317ddcb482ab1cccaec6d292a683e49a6c57a2df8840c3a05efeffe2",  # the brief's
        "q=it%27s%20%28a%29%20test%21",  # as the server encodes it (signing.canonical_query)
    ]
    assert signing.canonical_query([("q", "it's (a) test!")]) == ran.stdout.splitlines()[1]
