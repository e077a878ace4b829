"""The console's blueprint and what every page shares: who may open it, the security
headers, the error pages, login and logout, the language switch.

A page states its rule with `@page(...)` (the roles allowed; PUBLIC for the login form), as
an API view does with `@requires`: `create_app` refuses to start without one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError, CSRFProtect

from courier_api.console import labels, sessions
from courier_api.core import clock
from courier_api.core.errors import Problem
from courier_api.core.security import PUBLIC, Principal
from courier_api.core.transaction import transactional
from courier_api.extensions import db
from courier_api.identity import service as identity
from courier_api.identity.views import limit_login
from courier_api.network.models import Organisation

PREFIX = "/console"
bp = Blueprint(
    "console",
    __name__,
    url_prefix=PREFIX,
    template_folder="templates",
    static_folder="static",
)
csrf = CSRFProtect()

#: No inline script or style, nothing from elsewhere: the pages work offline, and an
#: injected <script> would not run even if escaping ever failed.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)
#: The navigation by role: (endpoint, label) pairs; a page's rule decides the rest.
NAVIGATION = {
    "dispatcher": (
        ("console.board", _l("Board")),
        ("console.couriers", _l("Couriers")),
        ("console.reports", _l("Reports")),
    ),
    "admin": (
        ("console.board", _l("Board")),
        ("console.organisations", _l("Organisations")),
        ("console.stations", _l("Stations")),
        ("console.couriers", _l("Couriers")),
        ("console.staff", _l("Staff")),
        ("console.claims_queue", _l("Claims")),
        ("console.complaints_list", _l("Complaints")),
        ("console.reports", _l("Reports")),
    ),
    "claims_adjuster": (
        ("console.claims_queue", _l("Claims")),
        ("console.reports", _l("Reports")),
    ),
    "customer_service": (
        ("console.complaints_list", _l("Complaints")),
        ("console.reports", _l("Reports")),
    ),
    # An organisation's clerk: by the kind of their organisation (`navigation_of`).
    "org_clerk:hospital": (
        ("console.hospital_orders", _l("Orders")),
        ("console.hospital_runs", _l("Hand-over runs")),
        ("console.birth_certificates_list", _l("Birth certificates")),
    ),
    "org_clerk:court": (("console.court_jobs", _l("Court jobs")),),
    "org_clerk:traffic_police": (("console.archive_transfers", _l("Archive transfers")),),
}


def navigation_of(me: Principal) -> tuple[tuple[str, Any], ...]:
    """The caller's screens: by role, and for a clerk by their organisation's kind."""
    if me.role == "org_clerk" and me.org_id:
        organisation = db.session.get(Organisation, me.org_id)
        return NAVIGATION.get(f"org_clerk:{organisation.kind}", ()) if organisation else ()
    return NAVIGATION.get(me.role, ())


def page(*roles: str) -> Callable[[Callable], Callable]:
    """The page's rule: PUBLIC, or the staff roles that may open it (others get 403; a
    visitor without a live session goes to the login form)."""

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if PUBLIC not in roles:
                caller = sessions.current_caller()
                if caller is None:
                    return redirect(url_for("console.login", next=request.full_path))
                if caller.role not in roles:
                    return error_page(403, _("Your role may not open this page."))
            return func(*args, **kwargs)

        wrapper._auth_rule = roles
        return wrapper

    return decorator


def caller() -> Principal:
    """The staff member of a page whose rule is not PUBLIC (always set there)."""
    found = sessions.current_caller()
    assert found is not None
    return found


def error_page(status: int, message: str) -> Response:
    return make_response(
        render_template("console/error.html", status=status, message=message), status
    )


@bp.before_request
def _check_csrf() -> None:
    """Every unsafe request of the console carries its form's token (400 otherwise)."""
    csrf.protect()


@bp.after_request
def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "console.static":
        # Personal data: never kept by a shared office PC's cache.
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(Problem)
def _problem(problem: Problem) -> Response:
    messages = {
        404: _("Not found, or not in your scope."),
        429: _("Too many attempts; wait a moment and try again."),
    }
    return error_page(problem.status, messages.get(problem.status, problem.detail or problem.code))


@bp.errorhandler(CSRFError)
def _csrf_refused(_error: CSRFError) -> Response:
    return error_page(
        400, _("The form has expired or was not sent from this console; reload and try again.")
    )


@bp.app_template_filter("local_time")
def local_time(value: datetime | str | None, pattern: str = "%m-%d %H:%M") -> str:
    """A UTC time (or its RFC 3339 text) in the business time zone, as people read it."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value.astimezone(clock.business_zone()).strftime(pattern)


@bp.app_context_processor
def _shared() -> dict[str, Any]:
    if request.blueprint != "console":
        return {}
    found = sessions.current_caller()
    return {
        **labels.TEMPLATE_GLOBALS,
        "me": found,
        "navigation": navigation_of(found) if found else (),
        "locale": sessions.chosen_locale(),
    }


# --- login, logout, language ---------------------------------------------------------------


def safe_next(target: str | None) -> str:
    """Only a path of this console (never another site: no open redirect)."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith(PREFIX + "/"):
        return url_for("console.home")
    return target


@bp.route("/login", methods=["GET", "POST"])
@page(PUBLIC)
@transactional
def login() -> Response:
    if request.method == "GET":
        return make_response(render_template("console/login.html", next=request.args.get("next")))
    username = request.form.get("username", "").strip()
    try:
        limit_login("staff", username)
        staff = identity.check_staff_password(
            username=username, password=request.form.get("password", "")
        )
    except Problem as problem:
        message = (
            _("Too many attempts; wait a moment and try again.")
            if problem.status == 429
            else _("The username or password is not right.")
        )
        page_ = render_template("console/login.html", error=message, username=username)
        return make_response(page_, problem.status)
    sessions.log_in(identity.staff_principal(staff, None))
    return redirect(safe_next(request.form.get("next")))


@bp.post("/logout")
@page(PUBLIC)
@transactional
def logout() -> Response:
    sessions.log_out()
    return redirect(url_for("console.login"))


@bp.post("/language")
@page(PUBLIC)
def language() -> Response:
    chosen = request.form.get("lang")
    if chosen in sessions.LOCALES:
        session["lang"] = chosen
    return redirect(safe_next(request.form.get("next")))


@bp.get("/")
@page("dispatcher", "admin", "org_clerk", "claims_adjuster", "customer_service")
def home() -> Response:
    me = caller()
    screens = navigation_of(me)
    if screens:
        return redirect(url_for(screens[0][0]))
    return error_page(403, _("The console has no screens for your role yet."))
