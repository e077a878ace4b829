from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.verdict_status import VerdictStatus

T = TypeVar("T", bound="Verdict")


@_attrs_define
class Verdict:
    """
    Attributes:
        client_event_id (None | str): as sent (null if missing)
        code (None | str):
        detail (None | str):
        status (VerdictStatus):
    """

    client_event_id: None | str
    code: None | str
    detail: None | str
    status: VerdictStatus

    def to_dict(self) -> dict[str, Any]:
        client_event_id: None | str
        client_event_id = self.client_event_id

        code: None | str
        code = self.code

        detail: None | str
        detail = self.detail

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_event_id": client_event_id,
                "code": code,
                "detail": detail,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_client_event_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_event_id = _parse_client_event_id(d.pop("client_event_id"))

        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))

        def _parse_detail(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        detail = _parse_detail(d.pop("detail"))

        status = VerdictStatus(d.pop("status"))

        verdict = cls(
            client_event_id=client_event_id,
            code=code,
            detail=detail,
            status=status,
        )

        return verdict
