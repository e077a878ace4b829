"""ETags: If-Match on back-office edits (428 without it, 412 when it does not match), and
If-None-Match on reads (304, so a handheld polling its tasks costs no render).

The ETag of a `Versioned` row is its version; the version is also the optimistic lock,
so two edits racing with the same If-Match cannot both win (see core/transaction.py).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from flask import Response, current_app, request

from courier_api.core import pg
from courier_api.core.blueprint import document_header, document_problems
from courier_api.core.errors import Problem
from courier_api.core.security import (
    principal,
    session_check,
    session_to_verify,
    settle_session,
    verify_session,
)
from courier_api.extensions import db


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


# --- polled lists ----------------------------------------------------------------------
# A handheld polls its list every few seconds, and nearly every poll is answered 304: that
# answer must cost little more than the stack's floor. So a list's tag is read by one
# prepared statement (built once, run with the caller as a parameter) that also checks the
# caller's session, in one round trip with the transaction's BEGIN and COMMIT: nothing is
# left for the request's end to roll back, and a ROLLBACK is what makes psycopg drop the
# connection's prepared statements (each next request would prepare its own again).


def list_tag(statement: sa.Select, parameters: dict[str, Any], *, page_args: str) -> str:
    """The weak ETag of a list: a digest of the `(id, version)` rows `statement` selects
    (a module-level statement with bound parameters) and of which page was asked for.
    Checks the caller's session in the same statement if `requires` has not yet."""
    caller = principal()
    session_id = session_to_verify(caller)
    if session_id is None:
        return _digest(_plain(statement).all(parameters), page_args)
    check = session_check()
    read = _with_session(statement, check.sessions)
    parameters = {**parameters, "session_id": session_id}
    # Nothing read or written yet (a poll): the read needs no transaction of the request's.
    alone = not db.session.registry.has() or db.session().get_transaction() is None
    rows = read.read_alone(parameters) if alone else read.all(parameters)
    settle_session(check.is_live(rows[0].session_revoked_at, rows[0].session_expires_at))
    return _digest([row for row in rows if row.id is not None], page_args)


def _digest(rows: Sequence[Any], page_args: str) -> str:
    digest = hashlib.sha256(page_args.encode())
    for row in rows:
        digest.update(f"{row.id}:{row.version};".encode())
    return f'W/"{digest.hexdigest()[:32]}"'


@functools.cache
def _plain(statement: sa.Select) -> pg.HotStatement:
    return pg.HotStatement(statement)


@functools.cache
def _with_session(statement: sa.Select, sessions: sa.Table) -> pg.HotStatement:
    """`statement`'s rows beside the caller's session row: one row with the session and
    NULLs when the list is empty, one with NULLs everywhere for an unknown session."""
    listed = statement.subquery("listed")
    one_row = sa.select(sa.literal_column("1").label("one")).subquery("one_row")
    return pg.HotStatement(
        sa.select(
            sessions.c.revoked_at.label("session_revoked_at"),
            sessions.c.expires_at.label("session_expires_at"),
            listed.c.id,
            listed.c.version,
        )
        .select_from(
            one_row.outerjoin(sessions, sessions.c.id == sa.bindparam("session_id")).outerjoin(
                listed, sa.true()
            )
        )
        .order_by(listed.c.id)
    )


def polled(default_tag: Callable[[], str]) -> Callable[[Callable], Callable]:
    """Answer a poll before anything else runs: under `@requires`, above the view's
    argument parsing. A GET with If-None-Match and no query arguments (the handheld's
    poll of its default list) is answered 304 when `default_tag()` still matches, without
    parsing, loading or rendering; anything else takes the view's full road, which must
    compute the same tag for the same list. `default_tag` checks the caller's session (as
    `list_tag` does); the full road checks it here, so the view's `requires` is told not
    to (`checks_session`)."""

    def decorator(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if request.method == "GET" and not request.args and "If-None-Match" in request.headers:
                unchanged = not_modified(default_tag())
                if unchanged is not None:
                    return unchanged
            verify_session(principal())  # a no-op once default_tag checked it
            return func(*args, **kwargs)

        wrapper.checks_session = True
        return wrapper

    return decorator
