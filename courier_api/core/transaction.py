"""The one place a request's changes are committed.

Write views are decorated with `@transactional` (or `@idempotent`, which includes it):
the view and the services it calls only add and flush; the decorator commits once,
after the response is built, or rolls everything back if anything failed (except a
problem raised with `keep_changes`: a refusal that is itself a record).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response

from courier_api.core.blueprint import document_problems
from courier_api.core.errors import Problem
from courier_api.extensions import db


def commit() -> None:
    """Commit the request's unit of work (a lost optimistic-lock race surfaces as 412)."""
    db.session.commit()


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
            commit()
        return response

    return document_problems(wrapper, ())
