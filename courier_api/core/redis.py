"""One Redis client per process, when `REDIS_URL` is configured (short timeouts: callers
decide whether a Redis failure fails open or closed)."""

from __future__ import annotations

import redis
from flask import current_app


def get_redis() -> redis.Redis | None:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    client = current_app.extensions.get("courier_redis")
    if client is None:
        client = redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25)
        current_app.extensions["courier_redis"] = client
    return client
