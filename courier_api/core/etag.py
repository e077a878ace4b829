"""ETags: If-Match on back-office edits (428 without it, 412 when it does not match), and
If-None-Match on reads (304, so a handheld polling its tasks costs no render).

The ETag of a `Versioned` row is its version; the version is also the optimistic lock,
so two edits racing with the same If-Match cannot both win (see core/transaction.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, current_app, request

from courier_api.core.blueprint import document_header, document_problems
from courier_api.core.errors import Problem


def if_match_required(func: Callable) -> Callable:
    """Document the If-Match header and its 412/428 on an edit (the view calls check_if_match)."""
    document_header(
        func,
        {
            "name": "If-Match",
            "in": "header",
            "required": True,
            "description": "The ETag from the last GET of this resource.",
            "schema": {"type": "string"},
        },
    )
    return document_problems(func, (412, 428))


def check_if_match(resource: Any) -> None:
    """Compare the request's If-Match with `resource.etag`."""
    header = request.headers.get("If-Match")
    if not header:
        raise Problem(
            428,
            "precondition_required",
            "Send If-Match with the ETag from your last read of this resource.",
        )
    # Strong comparison (RFC 9110 13.1.1): a weak tag (W/"1") never matches.
    offered = {tag.strip() for tag in header.split(",")}
    if "*" not in offered and resource.etag not in offered:
        raise Problem(
            412,
            "precondition_failed",
            "The resource has changed since you read it; fetch it again.",
            current_etag=resource.etag,
        )


def not_modified(etag: str) -> Response | None:
    """A 304 for a read whose If-None-Match holds `etag` (weak comparison, as RFC 9110
    says for If-None-Match), else None: the view then renders as usual."""
    header = request.headers.get("If-None-Match")
    if request.method not in ("GET", "HEAD") or not header:
        return None
    offered = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    if "*" not in offered and etag.removeprefix("W/") not in offered:
        return None
    response = current_app.response_class(status=304)
    response.headers["ETag"] = etag
    return response


def with_etag(resource: Any, status: int = 200) -> Any:
    """A view's return value carrying the resource's ETag header (a read the client holds
    already: 304, nothing rendered)."""
    return not_modified(resource.etag) or (resource, status, {"ETag": resource.etag})


def not_modified_doc(func: Callable) -> Callable:
    """Document If-None-Match and the 304 on a read that supports it."""
    return document_header(
        func,
        {
            "name": "If-None-Match",
            "in": "header",
            "required": False,
            "description": "The ETag of the copy you hold: 304 with no body while unchanged.",
            "schema": {"type": "string"},
        },
        {"304": {"description": "Not modified: the copy you hold is current."}},
    )


ETAG_HEADER_DOC = {"ETag": {"schema": {"type": "string"}, "description": "for If-Match"}}
