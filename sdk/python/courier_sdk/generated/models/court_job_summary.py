from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.court_job_summary_source import CourtJobSummarySource

T = TypeVar("T", bound="CourtJobSummary")


@_attrs_define
class CourtJobSummary:
    """
    Attributes:
        created (int):
        created_at (datetime.datetime):
        id (str):
        organisation_id (str):
        pickup_task_id (None | str):
        rejected_count (int):
        rows_total (int):
        source (CourtJobSummarySource):
    """

    created: int
    created_at: datetime.datetime
    id: str
    organisation_id: str
    pickup_task_id: None | str
    rejected_count: int
    rows_total: int
    source: CourtJobSummarySource

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        created_at = self.created_at.isoformat()

        id = self.id

        organisation_id = self.organisation_id

        pickup_task_id: None | str
        pickup_task_id = self.pickup_task_id

        rejected_count = self.rejected_count

        rows_total = self.rows_total

        source = self.source.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created": created,
                "created_at": created_at,
                "id": id,
                "organisation_id": organisation_id,
                "pickup_task_id": pickup_task_id,
                "rejected_count": rejected_count,
                "rows_total": rows_total,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created = d.pop("created")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        organisation_id = d.pop("organisation_id")

        def _parse_pickup_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pickup_task_id = _parse_pickup_task_id(d.pop("pickup_task_id"))

        rejected_count = d.pop("rejected_count")

        rows_total = d.pop("rows_total")

        source = CourtJobSummarySource(d.pop("source"))

        court_job_summary = cls(
            created=created,
            created_at=created_at,
            id=id,
            organisation_id=organisation_id,
            pickup_task_id=pickup_task_id,
            rejected_count=rejected_count,
            rows_total=rows_total,
            source=source,
        )

        return court_job_summary
