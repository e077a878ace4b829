"""flask-smorest, adapted to this API's contract.

- Errors are problem+json (core/errors.py), documented per operation: each decorator
  that can refuse a request (auth, body parsing, idempotency, If-Match) records the
  statuses it may answer, and `Blueprint.problems` adds the ones a view raises itself.
- A JSON body with another content type is refused with 415 before parsing.
- Every operation has an operationId, derived from its view (`operation_id`) unless the
  view names it (`Blueprint.named`), so generated clients read `createPickup`.
"""

from __future__ import annotations

import http
from collections.abc import Callable, Iterable
from copy import deepcopy
from functools import wraps
from typing import Any

import flask_smorest
import marshmallow as ma
from flask import request

from courier_api.core.errors import PROBLEM_CONTENT_TYPE, Problem, ProblemSchema
from courier_api.core.spec import ContractSpec

#: Every operation may answer these (400: a request that is malformed as HTTP, e.g. a NUL
#: character in its URL, whatever the operation; 414, 417, 431, 501: refused by the server
#: before the app sees it, see core/serving.py).
ALWAYS = (400, 414, 417, 431, 500, 501, 503)
PROBLEM_STATUSES = (
    *(400, 401, 403, 404, 405, 409, 412, 413, 414, 415, 417, 422, 424, 428, 429, 431),
    *(500, 501, 503),
)
_SECONDS = {"type": "integer", "minimum": 1}
RATE_LIMIT_HEADERS = {
    "RateLimit-Policy": {
        "description": 'The limits counted, e.g. `"login_ip";q=60;w=60` (quota per window, s).',
        "schema": {"type": "string"},
    },
    "RateLimit": {
        "description": 'Where the caller stands, e.g. `"login_ip";r=12;t=30` (remaining, '
        "seconds to the reset).",
        "schema": {"type": "string"},
    },
}
#: Headers a problem response carries, by status.
PROBLEM_HEADERS = {
    429: {
        "Retry-After": {"description": "Seconds until the limit resets.", "schema": _SECONDS},
        **RATE_LIMIT_HEADERS,
    },
    503: {
        "Retry-After": {"description": "Seconds to wait before trying again.", "schema": _SECONDS}
    },
}


def document_problems(func: Callable, statuses: Iterable[int]) -> Callable:
    """Record on a view the problem statuses it may answer (read when the spec is built)."""
    apidoc = deepcopy(getattr(func, "_apidoc", {}))
    apidoc["problems"] = sorted(set(apidoc.get("problems", ())) | set(statuses))
    func._apidoc = apidoc
    return func


def document(func: Callable, **manual_doc: Any) -> Callable:
    """Merge OpenAPI fields into a view's operation (like `Blueprint.doc`, without a wrapper)."""
    apidoc = deepcopy(getattr(func, "_apidoc", {}))
    merged = apidoc.setdefault("manual_doc", {})
    for key, value in manual_doc.items():
        if isinstance(value, list):
            merged[key] = [*merged.get(key, []), *value]
        else:
            merged[key] = value
    func._apidoc = apidoc
    return func


#: The header a 201 carries: where the new object is read back.
LOCATION_HEADER_DOC = {
    "Location": {"schema": {"type": "string"}, "description": "where to read the new object"}
}


def created(resource: Any, location: str, **headers: str) -> tuple[Any, int, dict[str, str]]:
    """A view's answer for a new object: 201, and where to read it back."""
    return resource, 201, {"Location": location, **headers}


def document_header(
    func: Callable, parameter: dict[str, Any], responses: dict[str, Any] | None = None
) -> Callable:
    """Record a request header a view reads (If-Match, If-None-Match) and the responses it
    brings. Added to the operation's parameters, not in place of its query parameters."""
    apidoc = deepcopy(getattr(func, "_apidoc", {}))
    apidoc["headers"] = [*apidoc.get("headers", []), parameter]
    apidoc["header_responses"] = {**apidoc.get("header_responses", {}), **(responses or {})}
    func._apidoc = apidoc
    return func


def binary(media_type: str) -> dict[str, Any]:
    """A body of raw bytes, as OpenAPI 3.1 says it (`contentMediaType`), with the 3.0
    `format: binary` that client generators still read to give it a file type."""
    return {"schema": {"type": "string", "format": "binary", "contentMediaType": media_type}}


def pdf_response(description: str) -> dict[str, Any]:
    """The 200 of an operation that answers a PDF."""
    return {
        "200": {
            "description": description,
            "content": {"application/pdf": binary("application/pdf")},
        }
    }


_VERBS = {"post": "create", "put": "replace", "patch": "update", "delete": "delete"}


def operation_id(endpoint: str, method: str) -> str:
    """An operation's default operationId, from its view's endpoint: a function
    `cancel_pickup` -> cancelPickup; a MethodView on a collection (`Pickups`) -> listPickups
    (GET), createPickup (POST); one on an object (`StationById`) -> getStation,
    updateStation (PATCH)."""
    if endpoint[:1].islower():
        head, *words = endpoint.split("_")
        return head + "".join(word.capitalize() for word in words)
    if endpoint.endswith("ById"):
        return _VERBS.get(method, method) + endpoint.removesuffix("ById")
    if method == "get":
        return "list" + endpoint
    return _VERBS[method] + _singular(endpoint)


def _singular(noun: str) -> str:
    return noun[:-3] + "y" if noun.endswith("ies") else noun.removesuffix("s")


def _prepare_operation_id(doc, doc_info, **kwargs):
    doc["operationId"] = doc_info["operation_id"]
    return doc


def _prepare_problems_doc(doc, doc_info, *, api, app, spec, method, **kwargs):
    responses = doc.setdefault("responses", {})
    for status, response in doc_info.get("header_responses", {}).items():
        responses.setdefault(status, response)
    problems = set(doc_info.get("problems", ()))
    if 429 in problems:
        # A request counted against a limit hears where it stands on success too.
        for status, response in responses.items():
            if str(status).startswith("2") and isinstance(response, dict):
                response.setdefault("headers", {}).update(RATE_LIMIT_HEADERS)
    for status in sorted(problems | set(ALWAYS)):
        responses.setdefault(str(status), f"Problem{status}")
    doc.setdefault("parameters", []).extend(doc_info.get("headers", ()))
    return doc


class Blueprint(flask_smorest.Blueprint):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._prepare_doc_cbks.extend((_prepare_operation_id, _prepare_problems_doc))

    def _store_endpoint_docs(self, endpoint, obj, parameters, tags, **options) -> None:
        """flask-smorest's, plus each operation's default operationId: the doc callbacks
        (`_prepare_doc_cbks`) are not told the endpoint."""
        super()._store_endpoint_docs(endpoint, obj, parameters, tags, **options)
        for method, info in self._docs[endpoint].items():
            if method != "parameters":
                info["operation_id"] = operation_id(endpoint, method)

    @staticmethod
    def named(name: str) -> Callable[[Callable], Callable]:
        """Name an operation where the name derived from its view reads badly (`accept`
        of a courier's task: acceptCourierTask)."""

        def decorator(func: Callable) -> Callable:
            return document(func, operationId=name)

        return decorator

    @staticmethod
    def problems(*statuses: int) -> Callable[[Callable], Callable]:
        """Document the problems a view raises itself (e.g. 404 for a scoped load, 409)."""

        def decorator(func: Callable) -> Callable:
            return document_problems(func, statuses)

        return decorator

    def arguments(self, schema: Any, *, location: str = "json", **kwargs: Any) -> Callable:
        # An instance, not a class: webargs would instantiate a class on every request.
        if isinstance(schema, type):
            schema = schema()
        parse = super().arguments(schema, location=location, **kwargs)

        def decorator(func: Callable) -> Callable:
            parsed = parse(func)
            if location != "json":
                # A schema may name other refusals of its own (the pager: 400 for a cursor
                # this API did not give out).
                return document_problems(parsed, (422, *getattr(schema, "PROBLEMS", ())))

            @wraps(parsed)
            def wrapper(*args: Any, **kw: Any) -> Any:
                if request.content_length and not request.is_json:
                    raise Problem(
                        415,
                        "unsupported_media_type",
                        "Send the body as application/json.",
                    )
                return parsed(*args, **kw)

            return document_problems(wrapper, (400, 413, 415, 422))

        return decorator

    def one(self, schema: Any, **response: Any) -> Callable[[Callable], Callable]:
        """Answers one object of `schema`; 404 for one that is not there or out of the
        caller's reach (core/scoping.py: the caller cannot tell the two apart)."""

        def decorator(func: Callable) -> Callable:
            return document_problems(self.response(200, schema, **response)(func), (404,))

        return decorator

    def pages(
        self, item_schema: type[ma.Schema], *, filters: Any = None, **response: Any
    ) -> Callable[[Callable], Callable]:
        """A paged list of `item_schema` (core/pagination.py): the view gets the parsed
        `filters` (when the list has any), then the pager's `limit` and `cursor`."""
        # Here, not at the top: the pager runs queries, and extensions imports this module.
        from courier_api.core.pagination import PageArgs, page_schema

        def decorator(func: Callable) -> Callable:
            func = self.response(200, page_schema(item_schema), **response)(func)
            func = self.arguments(PageArgs, location="query")(func)
            return func if filters is None else self.arguments(filters, location="query")(func)

        return decorator


_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}


def constant2properties(converter: Any, field: ma.fields.Field, ret: dict, **kwargs: Any) -> dict:
    """A constant is typed as its value's type with that one value as its enum; apispec
    would show it as an untyped `default`, which generators read as optional-yet-required."""
    if not isinstance(field, ma.fields.Constant):
        return {}
    ret.pop("default", None)
    return {"type": _JSON_TYPES[type(field.constant)], "enum": [field.constant]}


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema
    # Errors are documented per operation with their real statuses, not one "default".
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _init_spec(self, **kwargs: Any) -> None:
        super()._init_spec(**kwargs)
        from courier_api.core.fields import Personal  # here: fields -> security -> blueprint

        # flask-smorest builds the spec itself; ours writes a schema a direction (core/spec.py).
        self.spec.__class__ = ContractSpec

        # A datum about a party is always a (maybe masked) string.
        self.ma_plugin.map_to_openapi_type(Personal, "string", None)
        self.ma_plugin.converter.add_attribute_function(constant2properties)

    def _register_error_handlers(self) -> None:
        """Our handlers (core/errors.py) replace flask-smorest's default error body."""

    def _register_pagination_header(self) -> None:
        """No page-number header: lists use the cursor pager (core/pagination.py)."""

    def _register_responses(self) -> None:
        self.spec.components.schema("Problem", schema=ProblemSchema)
        for status in PROBLEM_STATUSES:
            self.spec.components.response(
                f"Problem{status}",
                {
                    "description": http.HTTPStatus(status).phrase,
                    "content": {PROBLEM_CONTENT_TYPE: {"schema": "Problem"}},
                    **({"headers": PROBLEM_HEADERS[status]} if status in PROBLEM_HEADERS else {}),
                },
                lazy=True,
            )
