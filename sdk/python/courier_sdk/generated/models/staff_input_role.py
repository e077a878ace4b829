from enum import StrEnum


class StaffInputRole(StrEnum):
    ADMIN = "admin"
    CLAIMS_ADJUSTER = "claims_adjuster"
    CUSTOMER_SERVICE = "customer_service"
    DISPATCHER = "dispatcher"
    ORG_CLERK = "org_clerk"

    def __str__(self) -> str:
        return str(self.value)
