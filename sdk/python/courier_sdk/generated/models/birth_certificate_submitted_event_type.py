from enum import StrEnum


class BirthCertificateSubmittedEventType(StrEnum):
    BIRTH_CERTIFICATE_SUBMITTED = "birth_certificate.submitted"

    def __str__(self) -> str:
        return str(self.value)
