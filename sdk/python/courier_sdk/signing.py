"""Request signing for organisation API clients, as an httpx auth.

The recipe (docs/identity.md)::

    canonical   = METHOD \\n PATH \\n QUERY \\n TIMESTAMP \\n NONCE \\n hex(SHA-256(body))
    X-Signature = hex(HMAC-SHA256(secret, canonical))

PATH is the path as the server reads it (percent-decoded); QUERY the parameters sorted by
name, then value, each percent-encoded per RFC 3986 (only ``A-Z a-z 0-9 - _ . ~`` kept).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Generator, Iterable
from urllib.parse import parse_qsl, quote, unquote

import httpx

RFC3986_UNRESERVED = "-_.~"  # with letters and digits, which quote() always keeps


def canonical_query(query: str | Iterable[tuple[str, str]]) -> str:
    """Sorted, RFC 3986-encoded ``k=v&k=v`` of a query string (decoded as the server
    decodes it, '+' being a space) or of (name, value) pairs."""
    pairs = parse_qsl(query, keep_blank_values=True) if isinstance(query, str) else query
    encoded = [
        (quote(name, safe=RFC3986_UNRESERVED), quote(value, safe=RFC3986_UNRESERVED))
        for name, value in pairs
    ]
    return "&".join(f"{name}={value}" for name, value in sorted(encoded))


def canonical_request(
    *, method: str, path: str, query: str, timestamp: int, nonce: str, body: bytes
) -> str:
    body_hash = hashlib.sha256(body).hexdigest()
    parts = (method.upper(), path, canonical_query(query), str(timestamp), nonce, body_hash)
    return "\n".join(parts)


def signature(secret: str, canonical: str) -> str:
    return hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()


class OrganisationSigner(httpx.Auth):
    """Signs every request an httpx client sends, a fresh nonce each time (so a retry of
    the same request is signed anew: the server refuses a nonce it has seen)."""

    requires_request_body = True

    def __init__(self, key_id: str, secret: str) -> None:
        self.key_id = key_id
        self._secret = secret

    def headers(self, request: httpx.Request, *, timestamp: int, nonce: str) -> dict[str, str]:
        canonical = canonical_request(
            method=request.method,
            path=unquote(request.url.path),
            query=request.url.query.decode("ascii"),
            timestamp=timestamp,
            nonce=nonce,
            body=request.content,
        )
        return {
            "X-Client-Key": self.key_id,
            "X-Timestamp": str(timestamp),
            "X-Nonce": nonce,
            "X-Signature": signature(self._secret, canonical),
        }

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(
            self.headers(request, timestamp=int(time.time()), nonce=secrets.token_hex(16))
        )
        yield request


class BearerToken(httpx.Auth):
    """A courier's, staff member's or citizen's access token."""

    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request
