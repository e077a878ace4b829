"""Virtual-number request body and answer. Pure functions (the time is passed in)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from courier_api.integrations.common import UpstreamError


@dataclass(frozen=True)
class VirtualNumber:
    """A number that rings `callee` when `caller` dials it, until `expires_at` (UTC)."""

    number: str
    expires_at: datetime


def request_body(caller: str, callee: str, ttl_s: int) -> dict[str, Any]:
    if not caller or not callee:
        raise ValueError("caller and callee are required")
    if ttl_s <= 0:
        raise ValueError("ttl_s must be positive")
    return {"caller": caller, "callee": callee, "ttl_s": ttl_s}


def virtual_number_from_payload(
    payload: Mapping[str, Any], now: datetime, ttl_s: int
) -> VirtualNumber:
    number = payload.get("number")
    if not isinstance(number, str) or not number:
        raise UpstreamError("virtual numbers: the answer has no number")
    raw = payload.get("expires_at")
    if raw is None:
        return VirtualNumber(number, now + timedelta(seconds=ttl_s))
    try:
        expires_at = datetime.fromisoformat(str(raw))
    except ValueError:
        raise UpstreamError("virtual numbers: expires_at is not a timestamp") from None
    if expires_at.tzinfo is None:
        raise UpstreamError("virtual numbers: expires_at has no time zone")
    # Never promise longer than asked: the binding is tied to an active task.
    return VirtualNumber(number, min(expires_at, now + timedelta(seconds=ttl_s)))
