from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.advance import Advance
from ...models.problem import Problem
from ...models.shipment import Shipment
from ...types import Response


def _get_kwargs(
    shipment_id: str,
    *,
    body: Advance,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sandbox/shipments/{shipment_id}/advance".format(
            shipment_id=quote(str(shipment_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Shipment | None:
    if response.status_code == 200:
        response_200 = Shipment.from_dict(response.json())

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
) -> Response[Problem | Shipment]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    shipment_id: str,
    *,
    client: AuthenticatedClient,
    body: Advance,
) -> Response[Problem | Shipment]:
    """The robo-courier moves a sandbox item to the next state or outcome (picked up, at
    station, out for delivery, delivered with a signature, failed attempt, refused,
    returned, lost) through the same services as a real courier: custody, proof, outbox
    and webhooks. A live item, or one the caller does not own, is 404; a step that cannot
    follow the item's state is 409 with the state; a PIN delivery needs the PIN (422).

     Allowed callers: citizen, org_clerk, api_client.

    Args:
        shipment_id (str):
        body (Advance):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Shipment]
    """

    kwargs = _get_kwargs(
        shipment_id=shipment_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    shipment_id: str,
    *,
    client: AuthenticatedClient,
    body: Advance,
) -> Problem | Shipment | None:
    """The robo-courier moves a sandbox item to the next state or outcome (picked up, at
    station, out for delivery, delivered with a signature, failed attempt, refused,
    returned, lost) through the same services as a real courier: custody, proof, outbox
    and webhooks. A live item, or one the caller does not own, is 404; a step that cannot
    follow the item's state is 409 with the state; a PIN delivery needs the PIN (422).

     Allowed callers: citizen, org_clerk, api_client.

    Args:
        shipment_id (str):
        body (Advance):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Shipment
    """

    return sync_detailed(
        shipment_id=shipment_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    shipment_id: str,
    *,
    client: AuthenticatedClient,
    body: Advance,
) -> Response[Problem | Shipment]:
    """The robo-courier moves a sandbox item to the next state or outcome (picked up, at
    station, out for delivery, delivered with a signature, failed attempt, refused,
    returned, lost) through the same services as a real courier: custody, proof, outbox
    and webhooks. A live item, or one the caller does not own, is 404; a step that cannot
    follow the item's state is 409 with the state; a PIN delivery needs the PIN (422).

     Allowed callers: citizen, org_clerk, api_client.

    Args:
        shipment_id (str):
        body (Advance):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Shipment]
    """

    kwargs = _get_kwargs(
        shipment_id=shipment_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    shipment_id: str,
    *,
    client: AuthenticatedClient,
    body: Advance,
) -> Problem | Shipment | None:
    """The robo-courier moves a sandbox item to the next state or outcome (picked up, at
    station, out for delivery, delivered with a signature, failed attempt, refused,
    returned, lost) through the same services as a real courier: custody, proof, outbox
    and webhooks. A live item, or one the caller does not own, is 404; a step that cannot
    follow the item's state is 409 with the state; a PIN delivery needs the PIN (422).

     Allowed callers: citizen, org_clerk, api_client.

    Args:
        shipment_id (str):
        body (Advance):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Shipment
    """

    return (
        await asyncio_detailed(
            shipment_id=shipment_id,
            client=client,
            body=body,
        )
    ).parsed
