"""Request and webhook signatures, exactly as DESIGN.md specifies them.

Standard library only, so organisation systems can copy this file as their client
helper; the server verifies with the same functions.

API-client request signature::

    canonical = METHOD \\n PATH \\n QUERY \\n TIMESTAMP \\n NONCE \\n hex(SHA-256(body))
    X-Signature = hex(HMAC-SHA256(secret, canonical))

QUERY is the query parameters sorted by name (then value), each name and value
percent-encoded per RFC 3986 (unreserved characters kept), joined `k=v&k=v`; empty if none.

Webhook signature::

    X-Courier-Signature: t=<unix seconds>,v1=<hex(HMAC-SHA256(secret, "<t>.<raw body>"))>
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, quote, urlsplit

_UNRESERVED = "-_.~"


def _pairs(query: str | Mapping[str, str] | Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    if isinstance(query, str):
        return parse_qsl(query, keep_blank_values=True)
    if isinstance(query, Mapping):
        return [(str(k), str(v)) for k, v in query.items()]
    return [(str(k), str(v)) for k, v in query]


def canonical_query(query: str | Mapping[str, str] | Iterable[tuple[str, str]]) -> str:
    """Sorted, RFC 3986-encoded `k=v&k=v` of a query string or of (name, value) pairs."""
    encoded = sorted(
        (quote(name, safe=_UNRESERVED), quote(value, safe=_UNRESERVED))
        for name, value in _pairs(query)
    )
    return "&".join(f"{name}={value}" for name, value in encoded)


def canonical_request(
    method: str, path: str, query: str, timestamp: str | int, nonce: str, body: bytes
) -> str:
    return "\n".join(
        (
            method.upper(),
            path,
            canonical_query(query),
            str(timestamp),
            nonce,
            hashlib.sha256(body).hexdigest(),
        )
    )


def sign_request(
    secret: str,
    method: str,
    path: str,
    query: str,
    timestamp: str | int,
    nonce: str,
    body: bytes,
) -> str:
    canonical = canonical_request(method, path, query, timestamp, nonce, body)
    return hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()


def signed_headers(
    key_id: str,
    secret: str,
    method: str,
    url: str,
    body: bytes = b"",
    *,
    timestamp: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """Headers for one signed request to `url` (a path with its query, or a full URL)."""
    parts = urlsplit(url)
    timestamp = int(time.time()) if timestamp is None else timestamp
    nonce = nonce or secrets.token_hex(16)
    return {
        "X-Client-Key": key_id,
        "X-Timestamp": str(timestamp),
        "X-Nonce": nonce,
        "X-Signature": sign_request(
            secret, method, parts.path, parts.query, timestamp, nonce, body
        ),
    }


def webhook_signature(secret: str, timestamp: int, raw_body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + raw_body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify_webhook(
    secret: str, header: str, raw_body: bytes, *, tolerance_s: int = 300, now: float | None = None
) -> bool:
    """For receivers: check X-Courier-Signature and that it is recent."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance_s:
        return False
    expected = webhook_signature(secret, timestamp, raw_body)
    return hmac.compare_digest(expected, f"t={timestamp},v1={fields.get('v1', '')}")
