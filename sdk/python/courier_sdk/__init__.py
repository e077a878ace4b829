"""Python SDK of courier_api: the typed client generated from openapi/openapi.json
(``courier_sdk.generated``) and the layer every integrator needs around it."""

from courier_sdk.client import connect
from courier_sdk.idempotency import (
    is_retryable,
    new_idempotency_key,
    replayed,
    with_idempotency_key,
)
from courier_sdk.problems import ProblemError
from courier_sdk.signing import BearerToken, OrganisationSigner, canonical_query
from courier_sdk.webhooks import verify_webhook, webhook_signature

__all__ = [
    "BearerToken",
    "OrganisationSigner",
    "ProblemError",
    "canonical_query",
    "connect",
    "is_retryable",
    "new_idempotency_key",
    "replayed",
    "verify_webhook",
    "webhook_signature",
    "with_idempotency_key",
]
