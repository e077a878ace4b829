"""The virtual-number connector the app calls: the protocol and the real implementation."""

from __future__ import annotations

import logging
from typing import Protocol

import httpx

from courier_api.core import clock
from courier_api.integrations.common import UpstreamError, upstream_unavailable
from courier_api.integrations.virtual_numbers import mapper
from courier_api.integrations.virtual_numbers.client import SERVICE, VirtualNumberClient
from courier_api.integrations.virtual_numbers.mapper import VirtualNumber
from courier_api.integrations.virtual_numbers.settings import VirtualNumberSettings

log = logging.getLogger("courier_api.integrations.virtual_numbers")


class VirtualNumberProvider(Protocol):
    def bind(self, caller: str, callee: str, ttl_s: int) -> VirtualNumber:
        """A number `caller` can dial to reach `callee` for ttl_s; Problem 424 on failure."""
        ...


class HttpVirtualNumbers:
    def __init__(self, settings: VirtualNumberSettings, http: httpx.Client | None = None) -> None:
        self._client = VirtualNumberClient(settings, http)

    def bind(self, caller: str, callee: str, ttl_s: int) -> VirtualNumber:
        body = mapper.request_body(caller, callee, ttl_s)
        try:
            return mapper.virtual_number_from_payload(self._client.bind(body), clock.now(), ttl_s)
        except UpstreamError as exc:
            log.warning("virtual number bind failed: %s", exc)
            raise upstream_unavailable(SERVICE) from None

    def close(self) -> None:
        self._client.close()
