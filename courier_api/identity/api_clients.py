"""Organisation API clients: key ids, secrets (rotation, revocation) and signed-request
authentication. Secrets are shown once, at creation or rotation."""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app, request

from courier_api.core import clock, ratelimit
from courier_api.core.crypto import decrypt, encrypt
from courier_api.core.errors import Problem, conflict, not_found
from courier_api.core.ids import new_id
from courier_api.core.pg import HotStatement
from courier_api.core.replay import claim_nonce
from courier_api.core.scoping import get_scoped
from courier_api.core.security import SIGNED_REQUEST_HEADERS, Principal
from courier_api.extensions import db
from courier_api.identity.models import ApiClient, ApiClientSecret
from courier_api.network.models import Organisation
from courier_api.signing import sign_request

SECRET_CONTEXT = "api_client_secret"
SIGNATURE_HEADERS = tuple(header for header, _ in SIGNED_REQUEST_HEADERS.values())
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


@dataclass(frozen=True)
class IssuedSecret:
    """A secret as it is shown, once: at creation or rotation. `previous_expire_at`: when
    the secrets live before a rotation stop working (None at creation)."""

    client: ApiClient
    secret: str
    previous_expire_at: datetime | None = None


def create_api_client(
    *, organisation_id: str, name: str, sandbox: bool = False
) -> tuple[ApiClient, str]:
    """A new key of an existing organisation (404 `organisation_not_found` otherwise);
    `sandbox`: its orders go to the robo-courier (docs/integrators/sandbox.md)."""
    if db.session.get(Organisation, organisation_id) is None:
        raise not_found("organisation")
    client = ApiClient(
        id=new_id("cli"),
        key_id="ck_" + secrets.token_hex(12),
        organisation_id=organisation_id,
        name=name,
        sandbox=sandbox,
    )
    db.session.add(client)
    secret = _new_secret(client)
    db.session.flush()
    return client, secret


def _visible_to(caller: Principal) -> sa.ColumnElement[bool]:
    """Admins manage every client; an organisation's clerk its organisation's; an API
    client only itself (a leaked kiosk secret must not reach its siblings' keys)."""
    if caller.role == "admin":
        return sa.true()
    if caller.role == "org_clerk" and caller.org_id:
        return ApiClient.organisation_id == caller.org_id
    if caller.role == "api_client":
        return ApiClient.id == caller.id
    return sa.false()


def list_api_clients(*, caller: Principal, organisation_id: str) -> sa.Select:
    """The clients of one organisation the caller may see (404 for an organisation
    outside the caller's scope)."""
    get_scoped(Organisation, organisation_id, caller, what="organisation")
    return sa.select(ApiClient).where(
        ApiClient.organisation_id == organisation_id, _visible_to(caller)
    )


def get_api_client(*, caller: Principal, key_id: str, lock: bool = False) -> ApiClient:
    """The client of `key_id` if the caller may manage it, else 404 (as for none)."""
    stmt = sa.select(ApiClient).where(ApiClient.key_id == key_id, _visible_to(caller))
    if lock:
        stmt = stmt.with_for_update(of=ApiClient)
    client = db.session.scalars(stmt).first()
    if client is None:
        raise not_found("api_client")
    return client


def rotate_secret(*, caller: Principal, key_id: str, overlap: timedelta) -> IssuedSecret:
    """Issue a new secret; the ones live now keep working for `overlap`, then expire.
    A revoked client stays revoked (409): rotating cannot bring it back."""
    client = get_api_client(caller=caller, key_id=key_id, lock=True)
    if client.revoked_at is not None:
        raise conflict("api_client_revoked", "This API client is revoked; create a new one.")
    ends = clock.now() + overlap
    for old in client.secrets:
        if old.expires_at is None or old.expires_at > ends:
            old.expires_at = ends
    secret = _new_secret(client)
    db.session.flush()
    return IssuedSecret(client, secret, ends)


def revoke_api_client(*, caller: Principal, key_id: str) -> ApiClient:
    """Refuse every request of the client from now on (again: no change)."""
    client = get_api_client(caller=caller, key_id=key_id, lock=True)
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
    found = _SIGNING_CLIENT.all({"key_id": key_id})
    if not found:
        raise _refused("invalid_client", "Unknown or revoked X-Client-Key.")
    client = found[0]
    if client.sandbox and not sandbox_enabled(client.key_id):
        raise _refused(
            "sandbox_not_enabled",
            "This sandbox client is not enabled here: production names its sandbox clients "
            "in SANDBOX_CLIENTS.",
        )
    if not _signature_matches(found, sent_at, nonce, signature):
        raise _refused("invalid_signature", "The signature does not match the request.")
    # Only after the signature holds, so nobody can burn another client's nonces.
    if not claim_nonce(client.id, nonce, ttl_s=2 * skew, signed_at=sent_at):
        raise _refused("nonce_reused", "This X-Nonce was already used; sign with a fresh one.")
    ratelimit.hit("api_client", client.id)
    return Principal(
        kind="api_client",
        id=client.id,
        role="api_client",
        org_id=client.organisation_id,
        sandbox=client.sandbox,
    )


def sandbox_enabled(key_id: str) -> bool:
    """Sandbox clients work everywhere but production, where configuration names them."""
    config = current_app.config
    return config["COURIER_ENV"] != "production" or key_id in config["SANDBOX_CLIENTS"]


def _signing_client() -> HotStatement:
    clients, secrets = ApiClient.__table__, ApiClientSecret.__table__
    return HotStatement(
        sa.select(
            clients.c.id,
            clients.c.key_id,
            clients.c.organisation_id,
            clients.c.sandbox,
            secrets.c.secret_encrypted,
            secrets.c.expires_at,
        )
        .outerjoin(secrets, secrets.c.client_id == clients.c.id)
        .where(clients.c.key_id == sa.bindparam("key_id"), clients.c.revoked_at.is_(None))
    )


#: A live client with its secrets (a row each), on every signed request: one prepared
#: statement, not the client and then its secrets through the ORM.
_SIGNING_CLIENT = _signing_client()


def _signature_matches(found: Sequence[Any], sent_at: int, nonce: str, signature: str) -> bool:
    now = clock.now()
    body = request.get_data(cache=True)
    query = request.query_string.decode("latin-1")
    matched = False
    for stored in found:
        if stored.secret_encrypted is None:  # a client left without secrets
            continue
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
