from enum import StrEnum


class BirthCertificateRejectedEventType(StrEnum):
    BIRTH_CERTIFICATE_REJECTED = "birth_certificate.rejected"

    def __str__(self) -> str:
        return str(self.value)
