"""The one place a request's changes are committed.

Write views are decorated with `@transactional` (or `@requires(..., idempotent=True)`,
which includes it): the view and the services it calls only add and flush; the decorator
commits once, after the response is built, or rolls everything back if anything failed (except a
problem raised with `keep_changes`: a refusal that is itself a record).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Response

from courier_api.core import pg
from courier_api.core.blueprint import document_problems
from courier_api.core.errors import Problem
from courier_api.extensions import db

log = logging.getLogger(__name__)


def commit() -> None:
    """Commit the request's unit of work (a lost optimistic-lock race surfaces as 412)."""
    db.session.commit()


def commit_and_end() -> None:
    """Commit the request's unit of work as its last act, and end the session: what the
    write decorators do once the response is built (nothing reads the session after;
    on PostgreSQL, `pg.commit_and_close` skips what SQLAlchemy's commit does for nobody)."""
    pg.commit_and_close()


def transactional(func: Callable[..., Response]) -> Callable[..., Response]:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            response = func(*args, **kwargs)
        except Problem as problem:
            if problem.keep_changes:
                commit()
            else:
                db.session.rollback()
            raise
        except BaseException:
            db.session.rollback()
            raise
        if response.status_code >= 400:
            db.session.rollback()
        else:
            commit_and_end()
        return response

    return document_problems(wrapper, ())


def end_sessions_quietly(app: Flask) -> None:
    """End each request's session before Flask-SQLAlchemy removes it (register after
    `db.init_app`: teardowns run last-registered first). A read leaves its transaction
    open until here; if the database went away meanwhile, the ROLLBACK fails, and an
    error in a teardown escapes every error handler: the client, already answered by the
    view, would get the server's bare 500 instead. The connection is dropped instead."""

    @app.teardown_appcontext
    def _end_session(_: BaseException | None) -> None:
        if not db.session.registry.has():  # none was opened (a poll answered 304)
            return
        try:
            pg.rollback_and_close()
        except Exception as error:  # the connection is the thing that failed
            log.warning("ending the session failed: %s", type(error).__name__)
            with contextlib.suppress(Exception):
                db.session.invalidate()
