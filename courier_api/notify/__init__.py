"""Outbox consumers: webhooks to organisations (and, later, citizen notifications)."""
