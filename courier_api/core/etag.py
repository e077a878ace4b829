"""If-Match on back-office edits: 428 without it, 412 when it does not match.

The ETag of a `Versioned` row is its version; the version is also the optimistic lock,
so two edits racing with the same If-Match cannot both win (see core/transaction.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import request

from courier_api.core.blueprint import document, document_problems
from courier_api.core.errors import Problem


def if_match_required(func: Callable) -> Callable:
    """Document the If-Match header and its 412/428 on an edit (the view calls check_if_match)."""
    document(
        func,
        parameters=[
            {
                "name": "If-Match",
                "in": "header",
                "required": True,
                "description": "The ETag from the last GET of this resource.",
                "schema": {"type": "string"},
            }
        ],
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
    offered = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    if "*" not in offered and resource.etag not in offered:
        raise Problem(
            412,
            "precondition_failed",
            "The resource has changed since you read it; fetch it again.",
            current_etag=resource.etag,
        )


def with_etag(resource: Any, status: int = 200) -> tuple[Any, int, dict[str, str]]:
    """A view's return value carrying the resource's ETag header."""
    return resource, status, {"ETag": resource.etag}


ETAG_HEADER_DOC = {"ETag": {"schema": {"type": "string"}, "description": "for If-Match"}}
