"""Virtual-number provider HTTP call, nothing else."""

from __future__ import annotations

from typing import Any

from courier_api.integrations.common import BearerClient, json_object

SERVICE = "virtual number"


class VirtualNumberClient(BearerClient):
    SERVICE = SERVICE

    def bind(self, body: dict[str, Any]) -> dict[str, Any]:
        return json_object(self._post(body), SERVICE)
