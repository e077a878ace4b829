import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_pickup_sla_report_period import GetPickupSlaReportPeriod
from ...models.problem import Problem
from ...models.sla_report import SlaReport
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    date: datetime.date,
    station: str | Unset = UNSET,
    period: GetPickupSlaReportPeriod | Unset = GetPickupSlaReportPeriod.DAY,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_date = date.isoformat()
    params["date"] = json_date

    params["station"] = station

    json_period: str | Unset = UNSET
    if not isinstance(period, Unset):
        json_period = period.value

    params["period"] = json_period

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/pickup-sla",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SlaReport | None:
    if response.status_code == 200:
        response_200 = SlaReport.from_dict(response.json())

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
) -> Response[Problem | SlaReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    date: datetime.date,
    station: str | Unset = UNSET,
    period: GetPickupSlaReportPeriod | Unset = GetPickupSlaReportPeriod.DAY,
) -> Response[Problem | SlaReport]:
    """The 1-hour achievement rate per station for a day, week or month (Asia/Shanghai),
    with late promises by cause.

     Allowed callers: dispatcher, admin.

    Args:
        date (datetime.date):
        station (str | Unset):
        period (GetPickupSlaReportPeriod | Unset):  Default: GetPickupSlaReportPeriod.DAY.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SlaReport]
    """

    kwargs = _get_kwargs(
        date=date,
        station=station,
        period=period,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    date: datetime.date,
    station: str | Unset = UNSET,
    period: GetPickupSlaReportPeriod | Unset = GetPickupSlaReportPeriod.DAY,
) -> Problem | SlaReport | None:
    """The 1-hour achievement rate per station for a day, week or month (Asia/Shanghai),
    with late promises by cause.

     Allowed callers: dispatcher, admin.

    Args:
        date (datetime.date):
        station (str | Unset):
        period (GetPickupSlaReportPeriod | Unset):  Default: GetPickupSlaReportPeriod.DAY.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SlaReport
    """

    return sync_detailed(
        client=client,
        date=date,
        station=station,
        period=period,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    date: datetime.date,
    station: str | Unset = UNSET,
    period: GetPickupSlaReportPeriod | Unset = GetPickupSlaReportPeriod.DAY,
) -> Response[Problem | SlaReport]:
    """The 1-hour achievement rate per station for a day, week or month (Asia/Shanghai),
    with late promises by cause.

     Allowed callers: dispatcher, admin.

    Args:
        date (datetime.date):
        station (str | Unset):
        period (GetPickupSlaReportPeriod | Unset):  Default: GetPickupSlaReportPeriod.DAY.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SlaReport]
    """

    kwargs = _get_kwargs(
        date=date,
        station=station,
        period=period,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    date: datetime.date,
    station: str | Unset = UNSET,
    period: GetPickupSlaReportPeriod | Unset = GetPickupSlaReportPeriod.DAY,
) -> Problem | SlaReport | None:
    """The 1-hour achievement rate per station for a day, week or month (Asia/Shanghai),
    with late promises by cause.

     Allowed callers: dispatcher, admin.

    Args:
        date (datetime.date):
        station (str | Unset):
        period (GetPickupSlaReportPeriod | Unset):  Default: GetPickupSlaReportPeriod.DAY.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SlaReport
    """

    return (
        await asyncio_detailed(
            client=client,
            date=date,
            station=station,
            period=period,
        )
    ).parsed
