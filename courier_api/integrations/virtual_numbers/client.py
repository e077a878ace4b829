"""Virtual-number provider HTTP call, nothing else."""

from __future__ import annotations

from typing import Any

import httpx

from courier_api.integrations.common import json_object, make_http_client, send
from courier_api.integrations.virtual_numbers.settings import VirtualNumberSettings

SERVICE = "virtual number"


class VirtualNumberClient:
    def __init__(self, settings: VirtualNumberSettings, http: httpx.Client | None = None) -> None:
        self._settings = settings
        self._http = http or make_http_client(settings.timeout_s)

    def bind(self, body: dict[str, Any]) -> dict[str, Any]:
        response = send(
            self._http,
            "POST",
            self._settings.api_url,
            service=SERVICE,
            seconds=self._settings.timeout_s,
            json=body,
            headers={"Authorization": f"Bearer {self._settings.api_key}"},
        )
        return json_object(response, SERVICE)

    def close(self) -> None:
        self._http.close()
