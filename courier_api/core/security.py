"""Who is calling, and what each endpoint lets them do.

Every view states its rule with `@requires(...)` (or `@requires(PUBLIC)`); `create_app`
refuses to start if any API endpoint lacks one. Authenticators (bearer tokens for
couriers, staff and citizens; HMAC signatures for organisation API clients) are
registered by the identity domain, so this module knows no tables; so is the session
check. A bearer caller's session is verified once per request by `requires`, or, on an
idempotent endpoint (`requires(..., idempotent=True)`), by the key's claim, whose
statement carries the lookup.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

import jwt
from flask import Flask, current_app, g, request

from courier_api.core import clock
from courier_api.core.blueprint import document, document_problems
from courier_api.core.errors import Problem

PUBLIC = "public"
ROLES = (
    "courier",
    "citizen",
    "api_client",
    "dispatcher",
    "org_clerk",
    "claims_adjuster",
    "customer_service",
    "admin",
)
STAFF_ROLES = ("dispatcher", "org_clerk", "claims_adjuster", "customer_service", "admin")
ACCESS_TOKEN_ALGORITHM = "HS256"
#: The headers of a signed API-client request (docs/identity.md), by security scheme.
SIGNED_REQUEST_HEADERS = {
    "clientKey": ("X-Client-Key", "The API client's key id (`ck_...`)."),
    "clientTimestamp": (
        "X-Timestamp",
        "Unix seconds when the request was signed; refused beyond SIGNATURE_MAX_SKEW_S "
        "(300 s) of the server's clock.",
    ),
    "clientNonce": ("X-Nonce", "16-64 ASCII characters, never used before by this client."),
    "clientSignature": (
        "X-Signature",
        "Lowercase hex HMAC-SHA256(secret, METHOD\\nPATH\\nQUERY\\nTIMESTAMP\\nNONCE\\n"
        "hex(SHA-256(body))); QUERY sorted, each name and value percent-encoded per RFC 3986 "
        "(JavaScript's encodeURIComponent keeps `!'()*`: encode those too).",
    ),
}
#: OpenAPI security schemes: bearer tokens, and one apiKey scheme per signing header.
SECURITY_SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
    **{
        scheme: {"type": "apiKey", "in": "header", "name": header, "description": description}
        for scheme, (header, description) in SIGNED_REQUEST_HEADERS.items()
    },
}
#: A signed request sends all four headers: one requirement naming every scheme (AND).
SIGNED_REQUEST = {scheme: [] for scheme in SIGNED_REQUEST_HEADERS}


@dataclass(frozen=True)
class Principal:
    """The authenticated caller. Scope (stations, organisation) travels with it."""

    kind: str  # courier | staff | citizen | api_client
    id: str
    role: str
    session_id: str | None = None
    station_ids: frozenset[str] = field(default_factory=frozenset)
    org_id: str | None = None
    #: A sandbox caller: what it orders is carried by the robo-courier, kept apart.
    sandbox: bool = False

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    @property
    def owner(self) -> tuple[str, str]:
        """Whose is what this caller files (a claim, a complaint): a citizen's own, else
        their organisation's (a clerk or API client files for it)."""
        if self.role == "citizen":
            return "citizen", self.id
        return "organisation", self.org_id or ""


#: header name -> authenticator(request) -> Principal | None (raises Problem when refused)
Authenticator = Callable[[], Principal | None]
_authenticators: list[Authenticator] = []


def register_authenticator(authenticator: Authenticator) -> None:
    if authenticator not in _authenticators:
        _authenticators.append(authenticator)


def unauthenticated(detail: str, code: str = "unauthenticated") -> Problem:
    return Problem(401, code, detail, headers={"WWW-Authenticate": 'Bearer realm="courier_api"'})


@dataclass(frozen=True)
class SessionCheck:
    """How the session behind a bearer token is checked, registered by the identity domain
    (this module knows no tables): `check(session_id)` looks it up alone; `sessions`
    (with `id`, `revoked_at`, `expires_at`) and `is_live(revoked_at, expires_at)` let a
    statement that runs anyway carry the lookup (the idempotency claim does)."""

    sessions: Any
    check: Callable[[str], bool]
    is_live: Callable[[datetime | None, datetime | None], bool]


_session_checks: list[SessionCheck] = []


def register_session_check(check: SessionCheck) -> None:
    _session_checks[:] = [check]


def session_check() -> SessionCheck:
    return _session_checks[0]


def session_to_verify(caller: Principal) -> str | None:
    """The caller's session, if it has one not yet verified in this request."""
    if caller.session_id is None or g.get("session_verified"):
        return None
    return caller.session_id


def verify_session(caller: Principal) -> None:
    """A logout or revocation takes effect at once: every bearer request checks its
    session (once), before anything else reads or writes."""
    session_id = session_to_verify(caller)
    if session_id is not None:
        settle_session(session_check().check(session_id))


def settle_session(live: bool) -> None:
    """Record the outcome of the caller's session check, refusing an ended session."""
    if not live:
        raise unauthenticated("The session has ended; log in again.", "session_revoked")
    g.session_verified = True


def current_principal() -> Principal | None:
    """The caller as its credentials say; `requires` verifies its session."""
    if "principal" not in g:
        g.principal = _authenticate()
    return g.principal


def principal() -> Principal:
    """The caller of an endpoint whose rule is not PUBLIC (always set there)."""
    found = current_principal()
    if found is None:  # pragma: no cover - requires() guarantees it
        raise unauthenticated("Authentication is required.")
    return found


def _authenticate() -> Principal | None:
    for authenticator in _authenticators:
        found = authenticator()
        if found is not None:
            return found
    return None


def requires(*rule: str, idempotent: bool = False) -> Callable[[Callable], Callable]:
    """The endpoint's auth rule: PUBLIC, or the roles allowed to call it.

    `idempotent`: the endpoint also takes an Idempotency-Key (`core.idempotency.keyed`),
    whose claim is handed the authenticated caller and checks its session in the same
    statement as the key (one round trip fewer). Both ride on this one decorator, so
    the role check always comes before the key is claimed."""
    if not rule or any(r not in (*ROLES, PUBLIC) for r in rule):
        raise ValueError(f"unknown auth rule {rule!r}")
    if "org_clerk" in rule and "api_client" not in rule:
        # What an organisation's clerk may do, its API clients (kiosks, case systems) may do.
        rule = (*rule, "api_client")
    public = PUBLIC in rule
    if public and idempotent:
        raise ValueError("an idempotent endpoint needs an authenticated caller, not PUBLIC")

    def decorator(func: Callable) -> Callable:
        if getattr(func, "_auth_rule", None):
            raise TypeError(f"{func.__qualname__} already has an auth rule")
        # A view that checks the session in a statement of its own, on every road
        # (core.etag.polled: a poll's one round trip), is not checked twice.
        checks_session = getattr(func, "checks_session", False)
        keyed = None
        if idempotent:
            # Imported here: core.idempotency builds on this module.
            from courier_api.core import idempotency

            keyed = idempotency.keyed(func)

        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if public:
                return func(*args, **kwargs)
            caller = current_principal()
            if caller is None:
                raise unauthenticated("Authentication is required.")
            if not caller.has_role(*rule):
                verify_session(caller)  # an ended session hears 401, never 403
                raise Problem(403, "forbidden", "Your role may not call this endpoint.")
            if keyed is not None:
                return keyed(caller, *args, **kwargs)
            if not checks_session:
                verify_session(caller)
            return func(*args, **kwargs)

        wrapper._auth_rule = rule
        if public:
            return document(wrapper, security=[])
        if idempotent:
            idempotency.document_key(wrapper)
        security = [{"bearerAuth": []}]
        if "api_client" in rule:
            security.append(SIGNED_REQUEST)
        document(wrapper, security=security, description=_rule_text(rule))
        # 429: a signed request counts against its API client's limit.
        return document_problems(wrapper, (401, 403, 429))

    return decorator


def _rule_text(rule: tuple[str, ...]) -> str:
    return "Allowed callers: " + ", ".join(rule) + "."


# --- access tokens -------------------------------------------------------------------


def issue_access_token(caller: Principal) -> tuple[str, datetime]:
    issued = clock.now().replace(microsecond=0)  # JWT times are whole seconds
    expires = issued + timedelta(seconds=current_app.config["ACCESS_TOKEN_TTL_S"])
    claims = {
        "sub": caller.id,
        "knd": caller.kind,
        "rol": caller.role,
        "sid": caller.session_id,
        "stn": sorted(caller.station_ids),
        "org": caller.org_id,
        **({"sbx": True} if caller.sandbox else {}),
        "iat": int(issued.timestamp()),
        "exp": int(expires.timestamp()),
    }
    token = jwt.encode(claims, current_app.config["TOKEN_KEY"], algorithm=ACCESS_TOKEN_ALGORITHM)
    return token, expires


def decode_access_token(token: str) -> Principal:
    caller, expires = _verified_token(token, current_app.config["TOKEN_KEY"])
    if expires <= clock.now().timestamp():
        raise unauthenticated("The access token has expired.", "token_expired")
    return caller


@functools.lru_cache(maxsize=4096)
def _verified_token(token: str, key: str) -> tuple[Principal, int]:
    """A token's caller and expiry, its signature checked once per worker: a client sends
    the same token for its whole life, and PyJWT's checks cost about 0.15 ms. Only valid
    tokens are kept (a refusal raises). Expiry depends on the time and is checked on every
    request; so is the session behind the token (the authenticator)."""
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ACCESS_TOKEN_ALGORITHM],
            # Times are checked by the caller against the app's clock (tests freeze it).
            options={
                "require": ["exp", "sub", "knd", "rol", "sid"],
                "verify_exp": False,
                "verify_iat": False,
            },
        )
    except jwt.PyJWTError as exc:
        raise unauthenticated("The access token is not valid.", "invalid_token") from exc
    caller = Principal(
        kind=claims["knd"],
        id=claims["sub"],
        role=claims["rol"],
        session_id=claims["sid"],
        station_ids=frozenset(claims.get("stn") or ()),
        org_id=claims.get("org"),
        sandbox=bool(claims.get("sbx")),
    )
    return caller, claims["exp"]


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def check_every_endpoint_has_a_rule(app: Flask, exempt: frozenset[str]) -> None:
    """Refuse to start when an API view has no explicit auth rule."""
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in exempt or rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        view_class = getattr(view, "view_class", None)
        methods = (rule.methods or set()) - {"HEAD", "OPTIONS"}
        for method in methods:
            target = getattr(view_class, method.lower(), None) if view_class else view
            if target is None or not getattr(target, "_auth_rule", None):
                missing.append(f"{method} {rule.rule}")
    if missing:
        raise RuntimeError("endpoints without an auth rule: " + ", ".join(sorted(missing)))
