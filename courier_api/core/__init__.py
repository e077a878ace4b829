"""Shared mechanisms, each written once: errors, auth, idempotency, pagination, ETags, ..."""
