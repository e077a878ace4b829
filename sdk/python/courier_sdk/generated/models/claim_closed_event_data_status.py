from enum import StrEnum


class ClaimClosedEventDataStatus(StrEnum):
    APPROVED = "approved"
    CLOSED = "closed"
    PAID = "paid"
    PARTIALLY_APPROVED = "partially_approved"
    REJECTED = "rejected"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
