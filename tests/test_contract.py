"""The committed OpenAPI document is the contract: generated from the code, never drifting."""

from __future__ import annotations

import json
from pathlib import Path

from courier_api.cli import openapi_text

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
WRITE_HINT = "openapi/openapi.json is stale: run `make openapi` and commit it"


def test_committed_openapi_matches_the_code(app):
    with app.app_context():
        generated = json.loads(openapi_text())
    assert json.loads(COMMITTED.read_text()) == generated, WRITE_HINT


def test_openapi_is_served(client):
    served = client.get("/openapi.json")
    assert served.status_code == 200
    assert served.get_json()["paths"].keys() == json.loads(COMMITTED.read_text())["paths"].keys()


def test_every_operation_documents_auth_and_errors():
    spec = json.loads(COMMITTED.read_text())
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            where = f"{method.upper()} {path}"
            assert "security" in operation, f"{where}: no auth rule documented"
            errors = {code for code in operation["responses"] if code[0] in "45"}
            assert {"500", "503"} <= errors, where
            if operation["security"]:
                assert {"401", "403"} <= errors, where
            if "{" in path:
                assert "404" in errors, f"{where}: loads an object but documents no 404"
            body_types = set(operation.get("requestBody", {}).get("content", {}))
            if body_types == {"application/json"}:
                assert {"400", "415", "422"} <= errors, where  # malformed, wrong type, invalid
            elif body_types:
                assert {"413", "415", "422"} <= errors, where
            for code in errors:
                ref = operation["responses"][code]["$ref"]
                assert ref == f"#/components/responses/Problem{code}", where


def test_problem_responses_are_problem_json():
    spec = json.loads(COMMITTED.read_text())
    for name, response in spec["components"]["responses"].items():
        assert list(response["content"]) == ["application/problem+json"], name


def test_docs_work_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "http://" not in html and "https://" not in html, "docs must not load from a CDN"
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-standalone-preset.js"):
        assert f"/docs/assets/{asset}" in html
        with client.get(f"/docs/assets/{asset}") as response:
            assert response.status_code == 200 and len(response.data) > 1000


#: Creates whose answer is not read back elsewhere: a quote is ordered from by its id, a
#: window token is shown once.
NOT_READ_BACK = {"POST /v1/quotes", "POST /v1/citizen/window-token"}


def test_every_201_says_where_to_read_the_new_object():
    spec = json.loads(COMMITTED.read_text())
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            created = operation.get("responses", {}).get("201") if method != "parameters" else None
            where = f"{method.upper()} {path}"
            if created is None or where in NOT_READ_BACK:
                continue
            assert "Location" in created.get("headers", {}), f"{where}: 201 without Location"
