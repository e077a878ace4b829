from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CourtJobSubmittedEventData")


@_attrs_define
class CourtJobSubmittedEventData:
    """
    Attributes:
        court_job_id (str):
        created (int):
        rejected (int):
    """

    court_job_id: str
    created: int
    rejected: int

    def to_dict(self) -> dict[str, Any]:
        court_job_id = self.court_job_id

        created = self.created

        rejected = self.rejected

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "court_job_id": court_job_id,
                "created": created,
                "rejected": rejected,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        court_job_id = d.pop("court_job_id")

        created = d.pop("created")

        rejected = d.pop("rejected")

        court_job_submitted_event_data = cls(
            court_job_id=court_job_id,
            created=created,
            rejected=rejected,
        )

        return court_job_submitted_event_data
