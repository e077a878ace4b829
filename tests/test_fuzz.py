"""Contract fuzzing: schemathesis drives every operation of the committed OpenAPI document
against the app, as each kind of caller. No answer may be a 5xx, every answer must match
the document (status, content type, body), and undocumented methods answer 405.

Bounded to fit CI: a few examples per operation and caller (FUZZ_EXAMPLES to raise it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
CALLERS = ("admin", "dispatcher_a", "courier_a", "clerk_hospital", "adjuster")
#: Refusals of well-formed input for business reasons (an unknown station, a quote that
#: does not exist) are the point of many 4xx answers, so "positive data accepted" is not
#: checked; everything the contract promises is.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# The committed contract (a test elsewhere keeps it equal to the code's).
schema = schemathesis.openapi.from_path(Path(__file__).parents[1] / "openapi" / "openapi.json")


@pytest.fixture
def tokens(client, world) -> dict[str, str]:
    return {who: factories.login(client, world, who) for who in CALLERS}


# Binary bodies (a PDF blob) are not generated; the blob upload is fuzzed with its other types.
@pytest.mark.filterwarnings("ignore:Skipped test cases with unsupported payload media types")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_keeps_its_contract(case, app, tokens):
    for who in CALLERS:
        case.call_and_validate(
            app=app,
            base_url="http://localhost",
            headers={"Authorization": f"Bearer {tokens[who]}"},
            checks=CHECKS,
        )


_METHODS = ("get", "put", "post", "patch", "delete")


def test_undocumented_methods_answer_405(client, tokens):
    """Every path of the contract, with each method it does not document."""
    document = schema.raw_schema
    headers = {"Authorization": f"Bearer {tokens['admin']}"}
    checked = 0
    for template, operations in document["paths"].items():
        path = template.replace("{", "").replace("}", "")  # any value will do for a 405
        for method in _METHODS:
            if method in operations:
                continue
            response = client.open(path, method=method.upper(), headers=headers)
            assert response.status_code == 405, (method, template, response.status_code)
            assert response.mimetype == "application/problem+json"
            assert set(response.headers["Allow"].split(", ")) >= {
                m.upper() for m in operations if m in _METHODS
            }
            checked += 1
    assert checked > 100
