from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.evidence import Evidence
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    ref: str,
    *,
    since: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["since"] = since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shipments/{ref}/custody/evidence".format(
            ref=quote(str(ref), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Evidence | Problem | None:
    if response.status_code == 200:
        response_200 = Evidence.from_dict(response.json())

        return response_200

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

    if response.status_code == 414:
        response_414 = Problem.from_dict(response.json())

        return response_414

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
) -> Response[Evidence | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    ref: str,
    *,
    client: AuthenticatedClient,
    since: int | Unset = UNSET,
) -> Response[Evidence | Problem]:
    """The verification bundle (docs/custody.md): the chain's events (hashes, no personal
    data), the newest signed tree head and each event's inclusion proof, for
    sdk/verifier/courier_verify.py or any verifier of the documented format.

     Allowed callers: citizen, org_clerk, dispatcher, claims_adjuster, admin, api_client.

    Args:
        ref (str):
        since (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Evidence | Problem]
    """

    kwargs = _get_kwargs(
        ref=ref,
        since=since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ref: str,
    *,
    client: AuthenticatedClient,
    since: int | Unset = UNSET,
) -> Evidence | Problem | None:
    """The verification bundle (docs/custody.md): the chain's events (hashes, no personal
    data), the newest signed tree head and each event's inclusion proof, for
    sdk/verifier/courier_verify.py or any verifier of the documented format.

     Allowed callers: citizen, org_clerk, dispatcher, claims_adjuster, admin, api_client.

    Args:
        ref (str):
        since (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Evidence | Problem
    """

    return sync_detailed(
        ref=ref,
        client=client,
        since=since,
    ).parsed


async def asyncio_detailed(
    ref: str,
    *,
    client: AuthenticatedClient,
    since: int | Unset = UNSET,
) -> Response[Evidence | Problem]:
    """The verification bundle (docs/custody.md): the chain's events (hashes, no personal
    data), the newest signed tree head and each event's inclusion proof, for
    sdk/verifier/courier_verify.py or any verifier of the documented format.

     Allowed callers: citizen, org_clerk, dispatcher, claims_adjuster, admin, api_client.

    Args:
        ref (str):
        since (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Evidence | Problem]
    """

    kwargs = _get_kwargs(
        ref=ref,
        since=since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ref: str,
    *,
    client: AuthenticatedClient,
    since: int | Unset = UNSET,
) -> Evidence | Problem | None:
    """The verification bundle (docs/custody.md): the chain's events (hashes, no personal
    data), the newest signed tree head and each event's inclusion proof, for
    sdk/verifier/courier_verify.py or any verifier of the documented format.

     Allowed callers: citizen, org_clerk, dispatcher, claims_adjuster, admin, api_client.

    Args:
        ref (str):
        since (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Evidence | Problem
    """

    return (
        await asyncio_detailed(
            ref=ref,
            client=client,
            since=since,
        )
    ).parsed
