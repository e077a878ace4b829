from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_row import DocumentRow


T = TypeVar("T", bound="CourtJobIn")


@_attrs_define
class CourtJobIn:
    """
    Attributes:
        documents (list[DocumentRow]): each row is checked on its own: a bad row is reported
        pickup_point_id (str | Unset): where the courier collects them (default: the court's first)
    """

    documents: list[DocumentRow]
    pickup_point_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        documents = []
        for documents_item_data in self.documents:
            documents_item = documents_item_data.to_dict()
            documents.append(documents_item)

        pickup_point_id = self.pickup_point_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "documents": documents,
            }
        )
        if pickup_point_id is not UNSET:
            field_dict["pickup_point_id"] = pickup_point_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.document_row import DocumentRow

        d = dict(src_dict)
        documents = []
        _documents = d.pop("documents")
        for documents_item_data in _documents:
            documents_item = DocumentRow.from_dict(documents_item_data)

            documents.append(documents_item)

        pickup_point_id = d.pop("pickup_point_id", UNSET)

        court_job_in = cls(
            documents=documents,
            pickup_point_id=pickup_point_id,
        )

        return court_job_in
