"""SMS gateway HTTP call, nothing else."""

from __future__ import annotations

from typing import Any

import httpx

from courier_api.integrations.common import make_http_client, send
from courier_api.integrations.sms.settings import SmsSettings

SERVICE = "SMS"


class SmsClient:
    def __init__(self, settings: SmsSettings, http: httpx.Client | None = None) -> None:
        self._settings = settings
        self._http = http or make_http_client(settings.timeout_s)

    def post(self, body: dict[str, Any]) -> int:
        """POST the message; returns the HTTP status (transport failures raise UpstreamError)."""
        response = send(
            self._http,
            "POST",
            self._settings.api_url,
            service=SERVICE,
            seconds=self._settings.timeout_s,
            json=body,
            headers={"Authorization": f"Bearer {self._settings.api_key}"},
        )
        return response.status_code

    def close(self) -> None:
        self._http.close()
