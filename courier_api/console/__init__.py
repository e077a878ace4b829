"""The staff console: server-rendered pages under /console for dispatchers and admins.

It calls the same services as the API, with the same scoping and masking; only the
transport differs (a cookie session pointing at a server-side login record, forms with
CSRF tokens, HTML). Decisions: docs/console.md.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import Babel

from courier_api.console import (  # noqa: F401 (routes)
    admin_pages,
    archive_pages,
    claims_pages,
    complaints_pages,
    court_pages,
    dispatch_pages,
    hospital_pages,
    report_pages,
    sessions,
)
from courier_api.console.pages import PREFIX, bp, csrf

#: Endpoints with no data behind them (the console's own CSS and JS).
NON_API_ENDPOINTS = frozenset({"console.static"})
TRANSLATIONS = Path(__file__).parent / "translations"

babel = Babel()


def init_app(app: Flask) -> None:
    app.session_interface = sessions.ConsoleCookieSessions(PREFIX)
    # Flask-WTF checks no request by default: the JSON API has no cookies to forge; the
    # console's blueprint checks every one of its forms (pages.py).
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    # A dispatcher keeps the board open all shift: the token lives as long as the session.
    app.config["WTF_CSRF_TIME_LIMIT"] = None
    csrf.init_app(app)
    app.config["BABEL_DEFAULT_LOCALE"] = sessions.LOCALES[0]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    babel.init_app(app, locale_selector=sessions.chosen_locale)
    app.register_blueprint(bp)
