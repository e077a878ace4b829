"""The app's custody signer and outside anchor (wiring.custody_log sets them), for the views,
the CLI and the worker."""

from __future__ import annotations

from typing import Any

from flask import current_app, g, has_request_context

from courier_api.custody.keys import Signer
from courier_api.custody.log import Anchor, promise


def signer() -> Signer:
    return current_app.extensions["custody_signer"]


def anchor() -> Anchor:
    return current_app.extensions["custody_anchor"]


def log_settings() -> dict:
    """What the log's verification takes: the old HMAC key, the signer and the anchor."""
    return {"key": current_app.config["CUSTODY_KEY"], "signer": signer(), "anchor": anchor()}


def remember(rows: list[dict[str, Any]]) -> None:
    """Keep the events this request records, for its response's promise."""
    if has_request_context():
        g.setdefault("custody_recorded", []).extend(rows)


def promise_now() -> dict[str, Any] | None:
    """The signed promise for every event this request recorded (None if it recorded
    none): one signature per response, however many items a hand-over moved."""
    recorded = g.get("custody_recorded") if has_request_context() else None
    if not recorded:
        return None
    if g.get("custody_promise") is None:
        g.custody_promise = promise(recorded, signer=signer())
    return g.custody_promise
