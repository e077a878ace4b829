"""RFC 9457 problem details: the only error body this API sends.

Services raise `Problem` (or one of the helpers below); every other exception that
reaches Flask (werkzeug HTTP errors, webargs validation, a lost database) is turned
into the same shape here, with a stable snake_case `code` and the request id.
"""

from __future__ import annotations

import http
import logging
from typing import Any

import marshmallow as ma
from flask import Flask, Response, g, json, request
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

log = logging.getLogger("courier_api.errors")

PROBLEM_CONTENT_TYPE = "application/problem+json"

#: Codes for errors that werkzeug raises itself.
HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    417: "expectation_failed",
    422: "validation_failed",
    428: "precondition_required",
    429: "rate_limited",
    431: "header_fields_too_large",
    500: "internal_error",
    501: "not_implemented",
    503: "service_unavailable",
}

#: What the server answers before the app sees the request (gunicorn: core/serving.py).
EDGE_DETAILS = {
    400: "The request is not valid HTTP.",
    414: "The request line is too long; send long parameters in the body.",
    417: "Only `Expect: 100-continue` is supported.",
    431: "The request's headers are too large or too many.",
    501: "The request uses a transfer coding this server does not support.",
}

#: marshmallow's default messages -> field error codes clients can switch on.
FIELD_CODES = {
    "Missing data for required field.": "required",
    "Unknown field.": "unknown_field",
    "Field may not be null.": "null",
    "Not a valid integer.": "invalid_type",
    "Not a valid string.": "invalid_type",
    "Not a valid boolean.": "invalid_type",
    "Not a valid number.": "invalid_type",
    "Not a valid list.": "invalid_type",
    "Not a valid mapping type.": "invalid_type",
    "Invalid input type.": "invalid_type",
    "Not a valid datetime.": "invalid_format",
    "Not a valid date.": "invalid_format",
    "Not a valid time.": "invalid_format",
    "Invalid value.": "invalid",
}


class Problem(Exception):
    """An error answer. `code` is stable; `detail` is for people."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str | None = None,
        *,
        title: str | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        retry_after: int | None = None,
        keep_changes: bool = False,
        **extra: Any,
    ) -> None:
        super().__init__(detail or code)
        self.status = status
        self.code = code
        self.title = title or http.HTTPStatus(status).phrase
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        if retry_after is not None:  # seconds until trying again may succeed
            self.headers = {**self.headers, "Retry-After": str(retry_after)}
        #: The refusal is itself a record (a broken seal is evidence): the request's
        #: writes are committed although it is answered with this problem.
        self.keep_changes = keep_changes
        self.extra = extra

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"https://courier-api.example/problems/{self.code}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail or self.title,
            "instance": request.path if request else None,
            "code": self.code,
            "request_id": g.get("request_id"),
        }
        if self.errors is not None:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


def not_found(what: str = "resource") -> Problem:
    return Problem(404, f"{what}_not_found", f"No such {what.replace('_', ' ')}.")


def conflict(code: str, detail: str, current_state: str | None = None, **extra: Any) -> Problem:
    """409 for a transition the current state does not allow; says the state."""
    if current_state is not None:
        extra["current_state"] = current_state
    return Problem(409, code, detail, **extra)


def cannot_become(machine: str, subject: str, state: str, to_state: str, **extra: Any) -> Problem:
    """409 for a move `machine`'s state machine does not allow (`subject`: "The task")."""
    return conflict(
        f"invalid_{machine}_transition",
        f"{subject} is {state}; it cannot become {to_state}.",
        current_state=state,
        **extra,
    )


def field_error(field: str, message: str, code: str = "invalid") -> Problem:
    """422 for one field, in the same shape as schema validation errors."""
    return Problem(
        422,
        "validation_failed",
        "The request has invalid fields.",
        errors=[{"field": field, "message": message, "code": code}],
    )


class FieldErrorSchema(ma.Schema):
    field = ma.fields.String(
        required=True, metadata={"description": "dotted path, e.g. items.2.qty"}
    )
    message = ma.fields.String(required=True)
    code = ma.fields.String(required=True)


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details with this API's `code`, `errors` and `request_id`."""

    class Meta:
        unknown = ma.INCLUDE

    type = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String(required=True)
    instance = ma.fields.String()
    code = ma.fields.String(required=True, metadata={"description": "stable, snake_case"})
    errors = ma.fields.List(ma.fields.Nested(FieldErrorSchema))
    request_id = ma.fields.String()
    current_state = ma.fields.String(metadata={"description": "on 409: the state now"})


def edge_problem(status: int, request_id: str) -> dict[str, Any]:
    """The problem for a request refused before it reached the app (no request context)."""
    code = HTTP_CODES.get(status, "http_error")
    title = http.HTTPStatus(status).phrase
    return {
        "type": f"https://courier-api.example/problems/{code}",
        "title": title,
        "status": status,
        "detail": EDGE_DETAILS.get(status, title),
        "code": code,
        "request_id": request_id,
    }


def problem_response(problem: Problem) -> Response:
    response = Response(
        json.dumps(problem.body()), status=problem.status, mimetype=PROBLEM_CONTENT_TYPE
    )
    for name, value in problem.headers.items():
        response.headers[name] = value
    return response


def flatten_messages(messages: Any, prefix: str = "") -> list[dict[str, str]]:
    """webargs/marshmallow nested messages -> [{field, message, code}]."""
    out: list[dict[str, str]] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = str(key) if key != "_schema" else ""
            path = f"{prefix}.{name}" if prefix and name else (prefix or name)
            out.extend(flatten_messages(value, path))
    elif isinstance(messages, list | tuple):
        for item in messages:
            out.extend(flatten_messages(item, prefix))
    else:
        text = str(messages)
        out.append({"field": prefix, "message": text, "code": FIELD_CODES.get(text, "invalid")})
    return out


def _from_http_exception(error: HTTPException) -> Problem:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
    headers.update(data.get("headers") or {})
    messages = data.get("messages")
    if status == 422 and messages is not None:
        # webargs nests per location ({"json": {...}}); the location is not a field name.
        if isinstance(messages, dict) and len(messages) == 1:
            messages = next(iter(messages.values()))
        return Problem(
            422,
            "validation_failed",
            "The request has invalid fields.",
            errors=flatten_messages(messages),
            headers=headers,
        )
    if status == 400 and messages is not None:
        return Problem(400, "malformed_json", "The body is not valid JSON.", headers=headers)
    detail = error.description if status < 500 else None
    return Problem(status, HTTP_CODES.get(status, "http_error"), detail, headers=headers)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(Problem)
    def _problem(problem: Problem) -> Response:
        return problem_response(problem)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        return problem_response(_from_http_exception(error))

    @app.errorhandler(OperationalError)
    @app.errorhandler(PoolTimeoutError)
    def _database_down(error: Exception) -> Response:
        log.error("database unavailable: %s", type(error).__name__)
        return _rolled_back(
            Problem(
                503,
                "database_unavailable",
                "The database cannot be reached; try again shortly.",
                retry_after=5,
            )
        )

    @app.errorhandler(DataError)
    def _bad_value(error: DataError) -> Response:
        # A value the database cannot hold (a NUL character, a number out of range) that
        # got past the schemas: the request's fault, not ours.
        log.warning("data error: %s", type(error.orig).__name__)
        return _rolled_back(
            Problem(400, "invalid_value", "The request holds a value that cannot be stored.")
        )

    @app.before_request
    def _no_nul_characters() -> None:
        if "\x00" in request.path or b"%00" in request.query_string:
            raise Problem(400, "invalid_value", "The URL holds a NUL character.")

    @app.errorhandler(IntegrityError)
    def _integrity(error: IntegrityError) -> Response:
        # A uniqueness race the service's own check could not see (two requests at once).
        log.warning("integrity error: %s", type(error.orig).__name__)
        return _rolled_back(
            Problem(409, "conflict", "The request conflicts with an existing record.")
        )

    @app.errorhandler(StaleDataError)
    def _lost_race(error: StaleDataError) -> Response:
        # Two edits passed the If-Match check at once; the row version let only one win.
        return _rolled_back(
            Problem(
                412,
                "precondition_failed",
                "The resource was changed by someone else meanwhile; fetch it and retry.",
            )
        )

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return _database_down(error)
        log.exception("unhandled error")
        return _rolled_back(Problem(500, "internal_error", "Something went wrong on our side."))


def _rolled_back(problem: Problem) -> Response:
    """The answer to a request whose work failed: nothing it did is kept."""
    _rollback_quietly()
    return problem_response(problem)


def _rollback_quietly() -> None:
    from courier_api.extensions import db

    try:
        db.session.rollback()
    except Exception:  # the connection may be the thing that failed
        log.warning("rollback after error failed", exc_info=True)
