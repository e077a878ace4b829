from enum import StrEnum


class ClaimPaidEventDataStatus(StrEnum):
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
