from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.court_job_source import CourtJobSource

if TYPE_CHECKING:
    from ..models.court_document_summary import CourtDocumentSummary
    from ..models.progress import Progress
    from ..models.row_result import RowResult


T = TypeVar("T", bound="CourtJob")


@_attrs_define
class CourtJob:
    """
    Attributes:
        created (int):
        created_at (datetime.datetime):
        documents (list[CourtDocumentSummary]):
        id (str):
        organisation_id (str):
        pickup_task_id (None | str):
        progress (Progress):
        rejected (list[RowResult]):
        rejected_count (int):
        rows_total (int):
        source (CourtJobSource):
    """

    created: int
    created_at: datetime.datetime
    documents: list[CourtDocumentSummary]
    id: str
    organisation_id: str
    pickup_task_id: None | str
    progress: Progress
    rejected: list[RowResult]
    rejected_count: int
    rows_total: int
    source: CourtJobSource

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        created_at = self.created_at.isoformat()

        documents = []
        for documents_item_data in self.documents:
            documents_item = documents_item_data.to_dict()
            documents.append(documents_item)

        id = self.id

        organisation_id = self.organisation_id

        pickup_task_id: None | str
        pickup_task_id = self.pickup_task_id

        progress = self.progress.to_dict()

        rejected = []
        for rejected_item_data in self.rejected:
            rejected_item = rejected_item_data.to_dict()
            rejected.append(rejected_item)

        rejected_count = self.rejected_count

        rows_total = self.rows_total

        source = self.source.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created": created,
                "created_at": created_at,
                "documents": documents,
                "id": id,
                "organisation_id": organisation_id,
                "pickup_task_id": pickup_task_id,
                "progress": progress,
                "rejected": rejected,
                "rejected_count": rejected_count,
                "rows_total": rows_total,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.court_document_summary import CourtDocumentSummary
        from ..models.progress import Progress
        from ..models.row_result import RowResult

        d = dict(src_dict)
        created = d.pop("created")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        documents = []
        _documents = d.pop("documents")
        for documents_item_data in _documents:
            documents_item = CourtDocumentSummary.from_dict(documents_item_data)

            documents.append(documents_item)

        id = d.pop("id")

        organisation_id = d.pop("organisation_id")

        def _parse_pickup_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pickup_task_id = _parse_pickup_task_id(d.pop("pickup_task_id"))

        progress = Progress.from_dict(d.pop("progress"))

        rejected = []
        _rejected = d.pop("rejected")
        for rejected_item_data in _rejected:
            rejected_item = RowResult.from_dict(rejected_item_data)

            rejected.append(rejected_item)

        rejected_count = d.pop("rejected_count")

        rows_total = d.pop("rows_total")

        source = CourtJobSource(d.pop("source"))

        court_job = cls(
            created=created,
            created_at=created_at,
            documents=documents,
            id=id,
            organisation_id=organisation_id,
            pickup_task_id=pickup_task_id,
            progress=progress,
            rejected=rejected,
            rejected_count=rejected_count,
            rows_total=rows_total,
            source=source,
        )

        return court_job
