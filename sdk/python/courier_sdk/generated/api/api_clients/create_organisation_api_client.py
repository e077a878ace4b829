from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_client_input import ApiClientInput
from ...models.new_api_client import NewApiClient
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    organisation_id: str,
    *,
    body: ApiClientInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/organisations/{organisation_id}/api-clients".format(
            organisation_id=quote(str(organisation_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NewApiClient | Problem | None:
    if response.status_code == 201:
        response_201 = NewApiClient.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 414:
        response_414 = Problem.from_dict(response.json())

        return response_414

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 417:
        response_417 = Problem.from_dict(response.json())

        return response_417

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 431:
        response_431 = Problem.from_dict(response.json())

        return response_431

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 501:
        response_501 = Problem.from_dict(response.json())

        return response_501

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[NewApiClient | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organisation_id: str,
    *,
    client: AuthenticatedClient,
    body: ApiClientInput,
) -> Response[NewApiClient | Problem]:
    """Create a signing key for one of the organisation's systems (admin). The answer
    holds the secret, once. No Idempotency-Key: a replay would have to store the
    secret; a lost answer is recovered by rotating.

     Allowed callers: admin.

    Args:
        organisation_id (str):
        body (ApiClientInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NewApiClient | Problem]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organisation_id: str,
    *,
    client: AuthenticatedClient,
    body: ApiClientInput,
) -> NewApiClient | Problem | None:
    """Create a signing key for one of the organisation's systems (admin). The answer
    holds the secret, once. No Idempotency-Key: a replay would have to store the
    secret; a lost answer is recovered by rotating.

     Allowed callers: admin.

    Args:
        organisation_id (str):
        body (ApiClientInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NewApiClient | Problem
    """

    return sync_detailed(
        organisation_id=organisation_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    organisation_id: str,
    *,
    client: AuthenticatedClient,
    body: ApiClientInput,
) -> Response[NewApiClient | Problem]:
    """Create a signing key for one of the organisation's systems (admin). The answer
    holds the secret, once. No Idempotency-Key: a replay would have to store the
    secret; a lost answer is recovered by rotating.

     Allowed callers: admin.

    Args:
        organisation_id (str):
        body (ApiClientInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NewApiClient | Problem]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organisation_id: str,
    *,
    client: AuthenticatedClient,
    body: ApiClientInput,
) -> NewApiClient | Problem | None:
    """Create a signing key for one of the organisation's systems (admin). The answer
    holds the secret, once. No Idempotency-Key: a replay would have to store the
    secret; a lost answer is recovered by rotating.

     Allowed callers: admin.

    Args:
        organisation_id (str):
        body (ApiClientInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NewApiClient | Problem
    """

    return (
        await asyncio_detailed(
            organisation_id=organisation_id,
            client=client,
            body=body,
        )
    ).parsed
