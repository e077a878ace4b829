"""The console's login: a signed cookie holding only the id of a server-side session
record (identity's AuthSession, the same record a bearer token points at), so a logout or
an admin's "end sessions" ends it at once, whatever the browser kept."""

from __future__ import annotations

from flask import Flask, Request, Response, current_app, g, session
from flask.sessions import NullSession, SecureCookieSessionInterface, SessionMixin

from courier_api.core.security import Principal
from courier_api.identity import service as identity

LOCALES = ("zh_CN", "en")
SESSION_KEY = "sid"


class ConsoleCookieSessions(SecureCookieSessionInterface):
    """A cookie session under the console's prefix only: API callers authenticate with a
    token or a signature, and their requests neither open nor save a cookie (opening
    Flask's cookie session cost about 40 us a request)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def _is_console(self, request: Request) -> bool:
        return request.path == self.prefix or request.path.startswith(self.prefix + "/")

    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        if not self._is_console(request):
            return self.make_null_session(app)
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if isinstance(session, NullSession):
            return None
        return super().save_session(app, session, response)


def log_in(staff_principal: Principal) -> None:
    """Start a console session for a checked staff member: a new server-side record and a
    new cookie (nothing of the cookie from before the login survives: no fixation)."""
    record = identity.open_session(staff_principal, ttl_s=current_app.config["REFRESH_TOKEN_TTL_S"])
    locale = session.get("lang")
    session.clear()
    session[SESSION_KEY] = record.id
    if locale:
        session["lang"] = locale


def log_out() -> None:
    caller = current_caller()
    if caller is not None:
        identity.revoke_sessions(
            subject_id=caller.id, session_id=caller.session_id, reason="logout"
        )
    session.pop(SESSION_KEY, None)


def current_caller() -> Principal | None:
    """The staff member of this request's live session, or None (ended, expired, absent).
    Set as the request's principal, so masking treats the console as the API does."""
    if "principal" not in g:
        session_id = session.get(SESSION_KEY)
        found = identity.live_principal(session_id) if session_id else None
        g.principal = found if found is not None and found.kind == "staff" else None
    return g.principal


def chosen_locale() -> str:
    """zh-CN unless the person switched to English (kept in their session)."""
    chosen = session.get("lang")
    return chosen if chosen in LOCALES else LOCALES[0]
