"""Bar charts drawn on the server as SVG geometry for `_chart.html`: no script, no
library, readable offline; every chart has its table beside it (the same rows)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH, VALUE_WIDTH = 640, 22, 8, 180, 80


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    value_x: int


def bar_chart(items: Sequence[tuple[str, float | None, str]], top: float | None = None) -> BarChart:
    """Horizontal bars for (label, value, text shown) items, scaled to `top` (the largest
    value when None); a missing value (nothing to measure) draws no bar, only its text."""
    values = [value for _, value, _ in items if value is not None]
    top = top or max(values, default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = tuple(
        Bar(
            label=label,
            text=text,
            y=index * (BAR_HEIGHT + GAP),
            width=round(room * (value or 0) / top, 1),
        )
        for index, (label, value, text) in enumerate(items)
    )
    return BarChart(
        bars=bars,
        width=WIDTH,
        height=max(1, len(bars)) * (BAR_HEIGHT + GAP),
        label_width=LABEL_WIDTH,
        value_x=WIDTH - VALUE_WIDTH + 6,
    )
