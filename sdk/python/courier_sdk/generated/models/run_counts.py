from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RunCounts")


@_attrs_define
class RunCounts:
    """
    Attributes:
        expected (int):
        extra (int):
        missing (int):
        scanned (int):
    """

    expected: int
    extra: int
    missing: int
    scanned: int

    def to_dict(self) -> dict[str, Any]:
        expected = self.expected

        extra = self.extra

        missing = self.missing

        scanned = self.scanned

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expected": expected,
                "extra": extra,
                "missing": missing,
                "scanned": scanned,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        expected = d.pop("expected")

        extra = d.pop("extra")

        missing = d.pop("missing")

        scanned = d.pop("scanned")

        run_counts = cls(
            expected=expected,
            extra=extra,
            missing=missing,
            scanned=scanned,
        )

        return run_counts
