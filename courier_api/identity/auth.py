"""The bearer-token authenticator for couriers, staff (and, later, citizens)."""

from __future__ import annotations

from courier_api.core.security import Principal, bearer_token, decode_access_token


def authenticate_bearer() -> Principal | None:
    token = bearer_token()
    if token is None:
        return None
    # Its session is verified by `requires` (core.security.verify_session).
    return decode_access_token(token)
