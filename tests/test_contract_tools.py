"""The contract passes the checks integrators' tools make (#27): OpenAPI 3.1 as
openapi-spec-validator reads it, and `redocly lint` with the recommended rules, none turned
off (redocly.yaml), with no error and no warning. redocly needs Node: it is skipped where
Node is absent, except under CI=true (.ci/run installs it: `npm ci` in .ci/node)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "openapi" / "openapi.json"
REDOCLY = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "redocly"


def test_the_contract_is_valid_openapi():
    document, _ = read_from_filename(str(SPEC))
    assert document["openapi"].startswith("3.1")
    validate(document)  # raises on the first violation


def test_the_validator_refuses_what_is_not_openapi():
    document, _ = read_from_filename(str(SPEC))
    document["components"]["schemas"]["Pickup"]["properties"]["state"]["type"] = "text"
    with pytest.raises(Exception, match="'text' is not valid"):
        validate(document)


def test_redocly_config_extends_recommended_and_turns_no_rule_off():
    config = yaml.safe_load((ROOT / "redocly.yaml").read_text())
    assert config["extends"] == ["recommended"]
    assert set(config) == {"extends"}


def test_redocly_lint_finds_nothing():
    if not (shutil.which("node") and REDOCLY.exists()):
        if os.environ.get("CI") == "true":
            pytest.fail("CI: Node and redocly must be installed (.ci/run: npm ci in .ci/node)")
        pytest.skip("needs Node and `npm ci` in .ci/node")
    linted = subprocess.run(
        [REDOCLY, "lint", SPEC, "--config", ROOT / "redocly.yaml", "--format=json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
        timeout=300,
        check=False,
    )
    report = json.loads(linted.stdout)
    problems = [(p["ruleId"], p["location"][0]["pointer"]) for p in report["problems"]]
    assert report["totals"] == {"errors": 0, "warnings": 0, "ignored": 0}, problems
    assert linted.returncode == 0, linted.stderr
