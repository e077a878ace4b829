"""The generated client, its httpx client set up with the SDK's auth and typed problems."""

from __future__ import annotations

import httpx

from courier_sdk.generated import AuthenticatedClient
from courier_sdk.problems import raise_for_problem


def connect(
    base_url: str,
    *,
    auth: httpx.Auth | None = None,
    transport: httpx.BaseTransport | None = None,
    timeout_s: float = 10.0,
) -> AuthenticatedClient:
    """A client for the generated operations (``courier_sdk.generated.api``): ``auth`` is an
    ``OrganisationSigner`` or a ``BearerToken``; any non-2xx answer raises ``ProblemError``.

    Every generated operation takes it (those that need a caller ask for the
    ``AuthenticatedClient`` type); the httpx client set here carries the auth, so the
    generated client's own ``token`` is left empty."""
    http = httpx.Client(
        base_url=base_url,
        auth=auth,
        transport=transport,
        timeout=timeout_s,
        event_hooks={"response": [raise_for_problem]},
    )
    return AuthenticatedClient(base_url=base_url, token="").set_httpx_client(http)
