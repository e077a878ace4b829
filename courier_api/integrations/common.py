"""What every connector shares: the send outcome, the upstream failure, the HTTP call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

import httpx

from courier_api.core.errors import Problem

SendStatus = Literal["sent", "final_refusal", "retry"]


@dataclass(frozen=True)
class SendResult:
    """Outcome of one notification attempt; the caller's outbox decides what to do next.

    `final_refusal` must not be retried (the user refused, or the request can never succeed);
    `retry` may be tried again later with backoff.
    """

    status: SendStatus
    errcode: int | None = None
    detail: str = ""

    @property
    def sent(self) -> bool:
        return self.status == "sent"


class UpstreamError(Exception):
    """The outside system could not be reached or answered garbage.

    The message never holds the URL: WeChat puts the app secret and access token in the query.
    """


def upstream_unavailable(service: str) -> Problem:
    return Problem(
        424,
        "upstream_unavailable",
        f"The {service} service did not answer; try again shortly.",
        upstream=service,
    )


def timeout(seconds: float) -> httpx.Timeout:
    # Both connect and read are bounded: a request thread must never hang on an outside system.
    return httpx.Timeout(connect=seconds, read=seconds, write=seconds, pool=seconds)


def make_http_client(seconds: float) -> httpx.Client:
    return httpx.Client(timeout=timeout(seconds), follow_redirects=False)


def send(
    http: httpx.Client, method: str, url: str, *, service: str, seconds: float, **kwargs: Any
) -> httpx.Response:
    """One HTTP exchange; transport failures (DNS, refused, timeouts) become UpstreamError."""
    try:
        # The timeout is passed per request so an injected client cannot drop it.
        return http.request(method, url, timeout=timeout(seconds), **kwargs)
    except httpx.HTTPError as exc:
        # `from None`: the chained exception would carry the URL (and its secrets) into logs.
        raise UpstreamError(f"{service}: {type(exc).__name__}") from None


def json_object(response: httpx.Response, service: str) -> dict[str, Any]:
    """The body as a JSON object, or UpstreamError (HTML error pages, empty bodies, lists)."""
    if not response.is_success:
        raise UpstreamError(f"{service}: HTTP {response.status_code}")
    try:
        payload = response.json()
    except ValueError:
        raise UpstreamError(f"{service}: the answer is not JSON") from None
    if not isinstance(payload, dict):
        raise UpstreamError(f"{service}: the answer is not a JSON object")
    return payload


class BearerSettings(Protocol):
    api_url: str
    api_key: str
    timeout_s: float


class BearerClient:
    """A provider called with a JSON POST to one URL and its API key as the bearer token
    (the SMS gateway, the virtual-number provider)."""

    SERVICE: str

    def __init__(self, settings: BearerSettings, http: httpx.Client | None = None) -> None:
        self._settings = settings
        self._http = http or make_http_client(settings.timeout_s)

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        return send(
            self._http,
            "POST",
            self._settings.api_url,
            service=self.SERVICE,
            seconds=self._settings.timeout_s,
            json=body,
            headers={"Authorization": f"Bearer {self._settings.api_key}"},
        )

    def close(self) -> None:
        self._http.close()
