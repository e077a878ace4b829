from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.handin import Handin
from ...models.handin_create import HandinCreate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    station_id: str,
    *,
    body: HandinCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/stations/{station_id}/cash-handins".format(
            station_id=quote(str(station_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Handin | Problem | None:
    if response.status_code == 201:
        response_201 = Handin.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Handin | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    station_id: str,
    *,
    client: AuthenticatedClient,
    body: HandinCreate,
) -> Response[Handin | Problem]:
    """Record a courier's cash hand-in (交款): the amount counted against the COD
    parcels it covers. Every parcel must be in that courier's hand (422
    `not_this_couriers_cash` for another courier's; 409 `cod_not_in_hand` for one
    already handed in). A count that differs is posted as a shortage or surplus and
    needs a reason (422 `discrepancy_reason_required`).

     Allowed callers: dispatcher, admin.

    Args:
        station_id (str):
        body (HandinCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Handin | Problem]
    """

    kwargs = _get_kwargs(
        station_id=station_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    station_id: str,
    *,
    client: AuthenticatedClient,
    body: HandinCreate,
) -> Handin | Problem | None:
    """Record a courier's cash hand-in (交款): the amount counted against the COD
    parcels it covers. Every parcel must be in that courier's hand (422
    `not_this_couriers_cash` for another courier's; 409 `cod_not_in_hand` for one
    already handed in). A count that differs is posted as a shortage or surplus and
    needs a reason (422 `discrepancy_reason_required`).

     Allowed callers: dispatcher, admin.

    Args:
        station_id (str):
        body (HandinCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Handin | Problem
    """

    return sync_detailed(
        station_id=station_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    station_id: str,
    *,
    client: AuthenticatedClient,
    body: HandinCreate,
) -> Response[Handin | Problem]:
    """Record a courier's cash hand-in (交款): the amount counted against the COD
    parcels it covers. Every parcel must be in that courier's hand (422
    `not_this_couriers_cash` for another courier's; 409 `cod_not_in_hand` for one
    already handed in). A count that differs is posted as a shortage or surplus and
    needs a reason (422 `discrepancy_reason_required`).

     Allowed callers: dispatcher, admin.

    Args:
        station_id (str):
        body (HandinCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Handin | Problem]
    """

    kwargs = _get_kwargs(
        station_id=station_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    station_id: str,
    *,
    client: AuthenticatedClient,
    body: HandinCreate,
) -> Handin | Problem | None:
    """Record a courier's cash hand-in (交款): the amount counted against the COD
    parcels it covers. Every parcel must be in that courier's hand (422
    `not_this_couriers_cash` for another courier's; 409 `cod_not_in_hand` for one
    already handed in). A count that differs is posted as a shortage or surplus and
    needs a reason (422 `discrepancy_reason_required`).

     Allowed callers: dispatcher, admin.

    Args:
        station_id (str):
        body (HandinCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Handin | Problem
    """

    return (
        await asyncio_detailed(
            station_id=station_id,
            client=client,
            body=body,
        )
    ).parsed
