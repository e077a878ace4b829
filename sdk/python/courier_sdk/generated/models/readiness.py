from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.readiness_status import ReadinessStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.background import Background
    from ..models.readiness_checks import ReadinessChecks


T = TypeVar("T", bound="Readiness")


@_attrs_define
class Readiness:
    """
    Attributes:
        status (ReadinessStatus):
        background (Background | Unset):
        checks (ReadinessChecks | Unset):
    """

    status: ReadinessStatus
    background: Background | Unset = UNSET
    checks: ReadinessChecks | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        background: dict[str, Any] | Unset = UNSET
        if not isinstance(self.background, Unset):
            background = self.background.to_dict()

        checks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.checks, Unset):
            checks = self.checks.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
            }
        )
        if background is not UNSET:
            field_dict["background"] = background
        if checks is not UNSET:
            field_dict["checks"] = checks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.background import Background
        from ..models.readiness_checks import ReadinessChecks

        d = dict(src_dict)
        status = ReadinessStatus(d.pop("status"))

        _background = d.pop("background", UNSET)
        background: Background | Unset
        if isinstance(_background, Unset):
            background = UNSET
        else:
            background = Background.from_dict(_background)

        _checks = d.pop("checks", UNSET)
        checks: ReadinessChecks | Unset
        if isinstance(_checks, Unset):
            checks = UNSET
        else:
            checks = ReadinessChecks.from_dict(_checks)

        readiness = cls(
            status=status,
            background=background,
            checks=checks,
        )

        return readiness
