"""SMS gateway HTTP call, nothing else."""

from __future__ import annotations

from typing import Any

from courier_api.integrations.common import BearerClient

SERVICE = "SMS"


class SmsClient(BearerClient):
    SERVICE = SERVICE

    def post(self, body: dict[str, Any]) -> int:
        """POST the message; returns the HTTP status (transport failures raise UpstreamError)."""
        return self._post(body).status_code
