"""Organisation API clients: key ids, secrets (rotation, revocation) and signed-request
authentication. Secrets are shown once, at creation or rotation."""

from __future__ import annotations

import hmac
import re
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, request

from courier_api.core import clock, ratelimit
from courier_api.core.crypto import decrypt, encrypt
from courier_api.core.errors import Problem
from courier_api.core.ids import new_id
from courier_api.core.replay import claim_nonce
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.identity.models import ApiClient, ApiClientSecret
from courier_api.signing import sign_request

SECRET_CONTEXT = "api_client_secret"
SIGNATURE_HEADERS = ("X-Client-Key", "X-Timestamp", "X-Nonce", "X-Signature")
SIGNATURE_FORMAT = re.compile(r"^[0-9a-fA-F]{64}$")


def _new_secret(client: ApiClient, expires_at=None) -> str:
    secret = "cks_" + secrets.token_urlsafe(32)
    client.secrets.append(
        ApiClientSecret(
            id=new_id("cks"),
            secret_encrypted=encrypt(secret, context=SECRET_CONTEXT),
            created_at=clock.now(),
            expires_at=expires_at,
        )
    )
    return secret


def create_api_client(*, organisation_id: str, name: str) -> tuple[ApiClient, str]:
    client = ApiClient(
        id=new_id("cli"),
        key_id="ck_" + secrets.token_hex(12),
        organisation_id=organisation_id,
        name=name,
    )
    db.session.add(client)
    secret = _new_secret(client)
    db.session.flush()
    return client, secret


def _by_key(key_id: str) -> ApiClient:
    client = db.session.scalars(sa.select(ApiClient).where(ApiClient.key_id == key_id)).first()
    if client is None:
        raise LookupError(f"no API client {key_id}")
    return client


def rotate_secret(*, key_id: str, overlap: timedelta) -> str:
    """Issue a new secret; the ones live now keep working for `overlap`, then expire."""
    client = _by_key(key_id)
    ends = clock.now() + overlap
    for old in client.secrets:
        if old.expires_at is None or old.expires_at > ends:
            old.expires_at = ends
    secret = _new_secret(client)
    db.session.flush()
    return secret


def revoke_api_client(*, key_id: str) -> ApiClient:
    client = _by_key(key_id)
    client.revoked_at = client.revoked_at or clock.now()
    db.session.flush()
    return client


def _refused(code: str, detail: str) -> Problem:
    return Problem(401, code, detail)


def authenticate_signed_request() -> Principal | None:
    """The authenticator for `X-Client-Key` requests (DESIGN.md "API-client signing")."""
    key_id = request.headers.get("X-Client-Key")
    if key_id is None:
        return None
    key_id, timestamp, nonce, signature = (request.headers.get(h, "") for h in SIGNATURE_HEADERS)
    if not (timestamp and nonce and signature):
        raise _refused(
            "signature_required", "Signed requests need X-Timestamp, X-Nonce and X-Signature."
        )
    if not SIGNATURE_FORMAT.match(signature):
        raise _refused("invalid_signature", "X-Signature must be 64 hex digits.")
    if not 16 <= len(nonce) <= 64 or not nonce.isascii():
        raise _refused("invalid_nonce", "X-Nonce must be 16-64 ASCII characters.")
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise _refused("invalid_timestamp", "X-Timestamp must be unix seconds.") from None
    skew = current_app.config["SIGNATURE_MAX_SKEW_S"]
    if abs(clock.now().timestamp() - sent_at) > skew:
        raise _refused(
            "timestamp_out_of_range",
            f"X-Timestamp is more than {skew} s from the server's clock; check the device time.",
        )
    client = db.session.scalars(
        sa.select(ApiClient).where(ApiClient.key_id == key_id, ApiClient.revoked_at.is_(None))
    ).first()
    if client is None:
        raise _refused("invalid_client", "Unknown or revoked X-Client-Key.")
    if not _signature_matches(client, sent_at, nonce, signature):
        raise _refused("invalid_signature", "The signature does not match the request.")
    # Only after the signature holds, so nobody can burn another client's nonces.
    if not claim_nonce(client.id, nonce, ttl_s=2 * skew, signed_at=sent_at):
        raise _refused("nonce_reused", "This X-Nonce was already used; sign with a fresh one.")
    ratelimit.hit("api_client", client.id)
    return Principal(
        kind="api_client", id=client.id, role="api_client", org_id=client.organisation_id
    )


def _signature_matches(client: ApiClient, sent_at: int, nonce: str, signature: str) -> bool:
    now = clock.now()
    body = request.get_data(cache=True)
    query = request.query_string.decode("latin-1")
    matched = False
    for stored in client.secrets:
        if stored.expires_at is not None and stored.expires_at <= now:
            continue
        expected = sign_request(
            decrypt(stored.secret_encrypted, context=SECRET_CONTEXT),
            request.method,
            request.path,
            query,
            sent_at,
            nonce,
            body,
        )
        matched |= hmac.compare_digest(expected, signature.lower())
    return matched
