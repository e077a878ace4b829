from enum import StrEnum


class OrganisationInputKind(StrEnum):
    COURT = "court"
    ENTERPRISE = "enterprise"
    HOSPITAL = "hospital"
    TRAFFIC_POLICE = "traffic_police"

    def __str__(self) -> str:
        return str(self.value)
