"""Webhook signatures (docs/notify.md), for receivers::

X-Courier-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
"""

from __future__ import annotations

import hashlib
import hmac
import time


def webhook_signature(secret: str, timestamp: int, raw_body: bytes) -> str:
    mac = hmac.new(secret.encode(), b"%d." % timestamp + raw_body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify_webhook(
    secret: str, header: str, raw_body: bytes, *, tolerance_s: int = 300, now: float | None = None
) -> bool:
    """True when ``header`` signs ``raw_body`` with ``secret`` and is at most ``tolerance_s``
    old (or ahead). Pass the body as received: re-serialised JSON no longer matches."""
    fields = dict(part.strip().split("=", 1) for part in header.split(",") if "=" in part)
    stamp = fields.get("t", "")
    if not stamp.isdigit():
        return False
    timestamp = int(stamp)
    if abs((time.time() if now is None else now) - timestamp) > tolerance_s:
        return False
    expected = webhook_signature(secret, timestamp, raw_body)
    return hmac.compare_digest(expected, f"t={timestamp},v1={fields.get('v1', '')}")
