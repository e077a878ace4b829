from enum import StrEnum


class PickupPointInputKind(StrEnum):
    ARCHIVE_OFFICE = "archive_office"
    COURT_OFFICE = "court_office"
    MATERNITY_WARD = "maternity_ward"
    PHARMACY = "pharmacy"
    WAREHOUSE = "warehouse"

    def __str__(self) -> str:
        return str(self.value)
