"""The committed OpenAPI document is the contract: generated from the code, never drifting."""

from __future__ import annotations

import json
import re
from pathlib import Path

from courier_api.cli import openapi_text
from courier_api.config import PUBLIC_URL_PLACEHOLDER, load_config
from courier_api.identity.api_clients import SIGNATURE_HEADERS

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


def _operations(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method != "parameters":
                yield f"{method.upper()} {path}", operation


def test_every_operation_has_a_unique_readable_operation_id():
    spec = json.loads(COMMITTED.read_text())
    names = {where: operation.get("operationId") for where, operation in _operations(spec)}
    for where, name in names.items():
        assert name and re.fullmatch(r"[a-z][A-Za-z0-9]+", name), f"{where}: {name!r}"
    repeated = {name for name in names.values() if list(names.values()).count(name) > 1}
    assert not repeated, f"operationIds used twice: {sorted(repeated)}"
    # Derived from the views (a collection's GET lists, its POST creates) or named by them.
    assert names["POST /v1/pickups"] == "createPickup"
    assert names["GET /v1/pickups"] == "listPickups"
    assert names["POST /v1/pickups/{pickup_id}/cancel"] == "cancelPickup"
    assert names["PATCH /v1/stations/{station_id}"] == "updateStation"
    assert names["GET /v1/courier/tasks"] == "listCourierTasks"
    assert names["POST /v1/courier/tasks/{task_id}/accept"] == "acceptCourierTask"


def test_servers_are_this_one_and_production(client, monkeypatch):
    spec = json.loads(COMMITTED.read_text())
    assert [server["url"] for server in spec["servers"]] == ["/", PUBLIC_URL_PLACEHOLDER]
    assert client.get("/openapi.json").get_json()["servers"] == spec["servers"]
    # A deployment lists its own address; the suite always the committed placeholder.
    monkeypatch.setenv("API_PUBLIC_URL", "https://api.post.cn")
    assert load_config({"COURIER_ENV": "development"})["API_PUBLIC_URL"] == "https://api.post.cn"
    assert load_config({"COURIER_ENV": "testing"})["API_PUBLIC_URL"] == PUBLIC_URL_PLACEHOLDER


def test_signed_requests_name_all_four_headers():
    spec = json.loads(COMMITTED.read_text())
    schemes = spec["components"]["securitySchemes"]
    signed = {
        name: scheme["name"] for name, scheme in schemes.items() if scheme["type"] == "apiKey"
    }
    assert sorted(signed.values()) == sorted(SIGNATURE_HEADERS)  # what the authenticator reads
    assert all(schemes[name]["in"] == "header" for name in signed)
    for where, operation in _operations(spec):
        requirements = [set(requirement) for requirement in operation["security"]]
        takes_clients = "api_client" in operation.get("description", "").partition(".")[0]
        assert (set(signed) in requirements) == takes_clients, where
        assert all(r == set(signed) or r == {"bearerAuth"} for r in requirements), where


def test_binary_bodies_and_pdfs_are_typed_as_bytes():
    spec = json.loads(COMMITTED.read_text())
    for where, operation in _operations(spec):
        bodies = operation.get("requestBody", {}).get("content", {})
        answers = [r.get("content", {}) for r in operation["responses"].values()]
        for media_type, content in [*bodies.items(), *(kv for a in answers for kv in a.items())]:
            schema = content["schema"]
            if media_type.endswith("json"):
                assert schema.get("format") != "binary", f"{where}: bytes sent as JSON"
            elif media_type == "text/csv":
                assert schema["type"] == "string", where
            else:
                assert schema == {
                    "type": "string",
                    "format": "binary",
                    "contentMediaType": media_type,
                }, f"{where} {media_type}"
    blob_body = spec["paths"]["/v1/blobs/{sha256}"]["put"]["requestBody"]["content"]
    assert "application/octet-stream" in blob_body and "application/json" not in blob_body
    receipts = spec["paths"]["/v1/court-jobs/{job_id}/receipts.pdf"]["get"]["responses"]["200"]
    assert list(receipts["content"]) == ["application/pdf"]
