"""The bearer-token authenticator for couriers, staff (and, later, citizens)."""

from __future__ import annotations

from courier_api.core.security import Principal, bearer_token, decode_access_token, unauthenticated
from courier_api.identity.service import session_is_live


def authenticate_bearer() -> Principal | None:
    token = bearer_token()
    if token is None:
        return None
    caller = decode_access_token(token)
    if not session_is_live(caller.session_id):
        raise unauthenticated("The session has ended; log in again.", "session_revoked")
    return caller
