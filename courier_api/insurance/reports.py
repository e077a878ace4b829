"""The claims report: claims submitted between two local days, by month and product.
No Flask; never commits."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import lazyload

from courier_api.core import clock
from courier_api.extensions import db
from courier_api.insurance.models import Claim


@dataclass
class _Group:
    claims: int = 0
    claimed_fen: int = 0
    approved_fen: int = 0
    paid_fen: int = 0
    fast: int = 0
    hours: list[float] | None = None

    def add(self, claim: Claim) -> None:
        self.claims += 1
        self.claimed_fen += claim.claimed_fen
        self.approved_fen += claim.approved_fen or 0
        self.paid_fen += claim.paid_fen
        self.fast += claim.fast
        if claim.decided_at is not None:
            self.hours = self.hours or []
            self.hours.append((claim.decided_at - claim.submitted_at).total_seconds() / 3600)

    def as_dict(self) -> dict[str, Any]:
        hours = self.hours or []
        return {
            "claims": self.claims,
            "decided": len(hours),
            "claimed_fen": self.claimed_fen,
            "approved_fen": self.approved_fen,
            "paid_fen": self.paid_fen,
            "median_hours_to_decision": round(statistics.median(hours), 2) if hours else None,
            "fast_claims": self.fast,
            "fast_share": round(self.fast / self.claims, 4) if self.claims else 0.0,
        }


def report(*, first_day: date, last_day: date, zone: ZoneInfo) -> dict[str, Any]:
    """Claims submitted between two local days (inclusive), by product and month: counts,
    amounts, the median time to a decision and the share of fast claims."""
    start, end = clock.days_bounds(first_day, last_day, zone)
    rows = db.session.scalars(
        sa.select(Claim)
        .options(lazyload("*"))  # the report needs the claims' own columns only
        .where(Claim.submitted_at >= start, Claim.submitted_at < end)
        .order_by(Claim.submitted_at)
    ).all()
    groups: dict[tuple[str, str], _Group] = {}
    statuses: dict[tuple[str, str], dict[str, int]] = {}
    total = _Group()
    for claim in rows:
        key = (claim.submitted_at.astimezone(zone).strftime("%Y-%m"), claim.product)
        groups.setdefault(key, _Group()).add(claim)
        counts = statuses.setdefault(key, {})
        counts[claim.status] = counts.get(claim.status, 0) + 1
        total.add(claim)
    return {
        "from": first_day,
        "to": last_day,
        "currency": "CNY",
        "rows": [
            {
                "month": month,
                "product": product,
                "by_status": statuses[(month, product)],
                **group.as_dict(),
            }
            for (month, product), group in sorted(groups.items())
        ],
        "total": total.as_dict(),
    }
