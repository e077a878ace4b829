"""The pharmacy window's token: the citizen's single-use QR code that stands for their
name and address for a few minutes, so the clerk's terminal orders without retyping
them. No Flask; never commits."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import asdict
from datetime import datetime, timedelta

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.crypto import keyed_hash
from courier_api.core.errors import Problem
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.hospital.models import WindowToken
from courier_api.shipments.service import Party

WINDOW_TOKEN_TTL = timedelta(minutes=5)
WINDOW_TOKEN_VERSION = "wt1"


def _window_mac(raw: str, expires: int) -> str:
    return keyed_hash(f"{raw}.{expires}", purpose="window_token")[:32]


def issue_window_token(*, caller: Principal, recipient: Party) -> tuple[str, datetime]:
    """A single-use token for the citizen's QR code; it carries a random id, its expiry and
    a signature, never the citizen's details (those stay here, for minutes)."""
    now = clock.now()
    expires_at = (now + WINDOW_TOKEN_TTL).replace(microsecond=0)
    raw = secrets.token_urlsafe(18)
    expires = int(expires_at.timestamp())
    db.session.add(
        WindowToken(
            token_hash=hashlib.sha256(raw.encode()).hexdigest(),
            citizen_id=caller.id,
            recipient=asdict(recipient),
            created_at=now,
            expires_at=expires_at,
        )
    )
    return f"{WINDOW_TOKEN_VERSION}.{raw}.{expires}.{_window_mac(raw, expires)}", expires_at


def recipient_of(token: WindowToken) -> Party:
    """Who the token stands for, as they gave themselves when asking for it."""
    return Party(**token.recipient)


def _bad_token(code: str, message: str) -> Problem:
    return Problem(
        422,
        code,
        message,
        errors=[{"field": "window_token", "code": code, "message": message}],
    )


def read_window_token(token: str) -> WindowToken:
    """The citizen and address a window token stands for (422 if forged, expired or used).
    Reading does not spend it: `spend_window_token` does, when the order is made."""
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != WINDOW_TOKEN_VERSION or not parts[2].isdigit():
        raise _bad_token("window_token_invalid", "Not a window token; scan the code again.")
    _, raw, expires, mac = parts
    if not hmac.compare_digest(mac, _window_mac(raw, int(expires))):
        raise _bad_token("window_token_invalid", "Not a window token; scan the code again.")
    now = clock.now()
    if int(expires) <= now.timestamp():
        raise _bad_token(
            "window_token_expired", "The code has expired; ask the patient to refresh it."
        )
    found = db.session.get(WindowToken, hashlib.sha256(raw.encode()).hexdigest())
    if found is None or found.expires_at <= now:
        raise _window_token_used()
    return found


def _window_token_used() -> Problem:
    return _bad_token("window_token_used", "This code has been used; ask for a new one.")


def spend_window_token(found: WindowToken) -> None:
    """Single use: of two terminals posting the same code, the one whose DELETE removes
    the row wins; the other is refused and its order rolled back."""
    spent = db.session.execute(
        sa.delete(WindowToken).where(WindowToken.token_hash == found.token_hash),
        execution_options={"synchronize_session": False},
    )
    if spent.rowcount != 1:
        raise _window_token_used()


def purge_window_tokens(now: datetime | None = None) -> int:
    """Expired tokens hold a citizen's address: delete them (housekeeping)."""
    result = db.session.execute(
        sa.delete(WindowToken).where(WindowToken.expires_at <= (now or clock.now()))
    )
    return result.rowcount or 0
