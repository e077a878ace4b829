from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.public_tracking import PublicTracking
from ...types import UNSET, Response


def _get_kwargs(
    waybill: str,
    *,
    phone_last4: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["phone_last4"] = phone_last4

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/track/{waybill}".format(
            waybill=quote(str(waybill), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | PublicTracking | None:
    if response.status_code == 200:
        response_200 = PublicTracking.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
) -> Response[Problem | PublicTracking]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    waybill: str,
    *,
    client: AuthenticatedClient | Client,
    phone_last4: str,
) -> Response[Problem | PublicTracking]:
    """Public tracking for recipients: status and times, given the last 4 digits of the
    sender's or recipient's phone. Rate-limited per client address. A waybill whose check
    digit is wrong is 422 `invalid_waybill` (mistyped); an unknown one, or a wrong phone,
    is 404.

    Args:
        waybill (str):
        phone_last4 (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicTracking]
    """

    kwargs = _get_kwargs(
        waybill=waybill,
        phone_last4=phone_last4,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    waybill: str,
    *,
    client: AuthenticatedClient | Client,
    phone_last4: str,
) -> Problem | PublicTracking | None:
    """Public tracking for recipients: status and times, given the last 4 digits of the
    sender's or recipient's phone. Rate-limited per client address. A waybill whose check
    digit is wrong is 422 `invalid_waybill` (mistyped); an unknown one, or a wrong phone,
    is 404.

    Args:
        waybill (str):
        phone_last4 (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicTracking
    """

    return sync_detailed(
        waybill=waybill,
        client=client,
        phone_last4=phone_last4,
    ).parsed


async def asyncio_detailed(
    waybill: str,
    *,
    client: AuthenticatedClient | Client,
    phone_last4: str,
) -> Response[Problem | PublicTracking]:
    """Public tracking for recipients: status and times, given the last 4 digits of the
    sender's or recipient's phone. Rate-limited per client address. A waybill whose check
    digit is wrong is 422 `invalid_waybill` (mistyped); an unknown one, or a wrong phone,
    is 404.

    Args:
        waybill (str):
        phone_last4 (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicTracking]
    """

    kwargs = _get_kwargs(
        waybill=waybill,
        phone_last4=phone_last4,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    waybill: str,
    *,
    client: AuthenticatedClient | Client,
    phone_last4: str,
) -> Problem | PublicTracking | None:
    """Public tracking for recipients: status and times, given the last 4 digits of the
    sender's or recipient's phone. Rate-limited per client address. A waybill whose check
    digit is wrong is 422 `invalid_waybill` (mistyped); an unknown one, or a wrong phone,
    is 404.

    Args:
        waybill (str):
        phone_last4 (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicTracking
    """

    return (
        await asyncio_detailed(
            waybill=waybill,
            client=client,
            phone_last4=phone_last4,
        )
    ).parsed
