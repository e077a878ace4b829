from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.row_result_status import RowResultStatus

T = TypeVar("T", bound="RowResult")


@_attrs_define
class RowResult:
    """
    Attributes:
        code (None | str):
        document_id (None | str):
        field (None | str):
        message (None | str):
        reference (None | str): the court's reference, as sent (null: none, or unreadable)
        row (int): 1-based, as sent
        status (RowResultStatus):
        waybill (None | str):
    """

    code: None | str
    document_id: None | str
    field: None | str
    message: None | str
    reference: None | str
    row: int
    status: RowResultStatus
    waybill: None | str

    def to_dict(self) -> dict[str, Any]:
        code: None | str
        code = self.code

        document_id: None | str
        document_id = self.document_id

        field: None | str
        field = self.field

        message: None | str
        message = self.message

        reference: None | str
        reference = self.reference

        row = self.row

        status = self.status.value

        waybill: None | str
        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "document_id": document_id,
                "field": field,
                "message": message,
                "reference": reference,
                "row": row,
                "status": status,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))

        def _parse_document_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        document_id = _parse_document_id(d.pop("document_id"))

        def _parse_field(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        field = _parse_field(d.pop("field"))

        def _parse_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        message = _parse_message(d.pop("message"))

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        row = d.pop("row")

        status = RowResultStatus(d.pop("status"))

        def _parse_waybill(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        waybill = _parse_waybill(d.pop("waybill"))

        row_result = cls(
            code=code,
            document_id=document_id,
            field=field,
            message=message,
            reference=reference,
            row=row,
            status=status,
            waybill=waybill,
        )

        return row_result
