"""The app's custody signer and outside anchor (wiring.custody_log sets them), for the views,
the CLI and the worker."""

from __future__ import annotations

from flask import current_app

from courier_api.custody.keys import Signer
from courier_api.custody.log import Anchor


def signer() -> Signer:
    return current_app.extensions["custody_signer"]


def anchor() -> Anchor:
    return current_app.extensions["custody_anchor"]


def log_settings() -> dict:
    """What the log's verification takes: the old HMAC key, the signer and the anchor."""
    return {"key": current_app.config["CUSTODY_KEY"], "signer": signer(), "anchor": anchor()}
