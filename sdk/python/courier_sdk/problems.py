"""RFC 9457 problems as typed errors: every non-2xx answer of the API raises one."""

from __future__ import annotations

import json
from typing import Any

import httpx


class ProblemError(Exception):
    """An answer with status >= 400; ``code`` is the stable snake_case string to branch on."""

    def __init__(self, problem: dict[str, Any]) -> None:
        self.problem = problem
        self.status: int = problem["status"]
        self.code: str = problem["code"]
        self.title: str = problem.get("title", "")
        self.detail: str = problem.get("detail", "")
        #: For validation problems: ``[{"field", "message", "code"}, ...]``.
        self.errors: list[dict[str, str]] = problem.get("errors") or []
        #: The server's id of the request, to quote to support.
        self.request_id: str | None = problem.get("request_id")
        super().__init__(f"{self.status} {self.code}: {self.detail or self.title}")

    @classmethod
    def from_response(cls, response: httpx.Response) -> ProblemError:
        """The problem of an answer; a non-problem body (a proxy's page) becomes one too."""
        if response.headers.get("content-type", "").startswith("application/problem+json"):
            try:
                return cls(json.loads(response.content))
            except (ValueError, KeyError):
                pass  # an unreadable problem is described like any other body
        return cls(
            {
                "type": "about:blank",
                "title": f"HTTP {response.status_code}",
                "status": response.status_code,
                "code": "unexpected_response",
                "detail": response.text[:200],
            }
        )


def raise_for_problem(response: httpx.Response) -> None:
    """httpx response hook: a non-2xx answer raises its ProblemError."""
    if response.status_code >= 400:
        response.read()
        raise ProblemError.from_response(response)
