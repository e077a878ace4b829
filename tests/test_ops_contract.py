"""The contract documents what the server sends at its edge: gunicorn's refusals, the
rate-limit fields, readiness as a problem."""

from __future__ import annotations

import json
from pathlib import Path

SPEC = json.loads((Path(__file__).parent.parent / "openapi" / "openapi.json").read_text())
OPERATIONS = [
    (path, method, operation)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in ("get", "post", "put", "patch", "delete")
]


def test_every_operation_documents_what_the_server_refuses_before_the_app():
    for path, method, operation in OPERATIONS:
        for status in ("400", "414", "417", "431", "501"):
            assert status in operation["responses"], f"{method.upper()} {path}: {status}"


def test_rate_limited_operations_document_their_fields():
    login = SPEC["paths"]["/v1/auth/staff/login"]["post"]["responses"]
    assert {"RateLimit", "RateLimit-Policy"} <= set(login["200"]["headers"])
    refused = SPEC["components"]["responses"]["Problem429"]["headers"]
    assert {"Retry-After", "RateLimit", "RateLimit-Policy"} <= set(refused)


def test_readiness_is_a_problem_with_retry_after_when_not_ready():
    readyz = SPEC["paths"]["/readyz"]["get"]["responses"]
    assert readyz["503"] == {"$ref": "#/components/responses/Problem503"}
    assert "Retry-After" in SPEC["components"]["responses"]["Problem503"]["headers"]
    metrics = SPEC["paths"]["/metrics"]["get"]["responses"]
    assert {"401", "403"} <= set(metrics)
