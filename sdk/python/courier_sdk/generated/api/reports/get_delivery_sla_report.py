import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery_report import DeliveryReport
from ...models.get_delivery_sla_report_period import GetDeliverySlaReportPeriod
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    date: datetime.date,
    station: str | Unset = UNSET,
    period: GetDeliverySlaReportPeriod | Unset = GetDeliverySlaReportPeriod.DAY,
    product: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_date = date.isoformat()
    params["date"] = json_date

    params["station"] = station

    json_period: str | Unset = UNSET
    if not isinstance(period, Unset):
        json_period = period.value

    params["period"] = json_period

    params["product"] = product

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/delivery-sla",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeliveryReport | Problem | None:
    if response.status_code == 200:
        response_200 = DeliveryReport.from_dict(response.json())

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
) -> Response[DeliveryReport | Problem]:
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
    period: GetDeliverySlaReportPeriod | Unset = GetDeliverySlaReportPeriod.DAY,
    product: str | Unset = UNSET,
) -> Response[DeliveryReport | Problem]:
    """The time-limit achievement rate (时限达成率) per destination station and product, for
    the promises that fell in a day, week or month (Asia/Shanghai).

     Allowed callers: dispatcher, admin.

    Args:
        date (datetime.date):
        station (str | Unset):
        period (GetDeliverySlaReportPeriod | Unset):  Default: GetDeliverySlaReportPeriod.DAY.
        product (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryReport | Problem]
    """

    kwargs = _get_kwargs(
        date=date,
        station=station,
        period=period,
        product=product,
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
    period: GetDeliverySlaReportPeriod | Unset = GetDeliverySlaReportPeriod.DAY,
    product: str | Unset = UNSET,
) -> DeliveryReport | Problem | None:
    """The time-limit achievement rate (时限达成率) per destination station and product, for
    the promises that fell in a day, week or month (Asia/Shanghai).

     Allowed callers: dispatcher, admin.

    Args:
        date (datetime.date):
        station (str | Unset):
        period (GetDeliverySlaReportPeriod | Unset):  Default: GetDeliverySlaReportPeriod.DAY.
        product (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryReport | Problem
    """

    return sync_detailed(
        client=client,
        date=date,
        station=station,
        period=period,
        product=product,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    date: datetime.date,
    station: str | Unset = UNSET,
    period: GetDeliverySlaReportPeriod | Unset = GetDeliverySlaReportPeriod.DAY,
    product: str | Unset = UNSET,
) -> Response[DeliveryReport | Problem]:
    """The time-limit achievement rate (时限达成率) per destination station and product, for
    the promises that fell in a day, week or month (Asia/Shanghai).

     Allowed callers: dispatcher, admin.

    Args:
        date (datetime.date):
        station (str | Unset):
        period (GetDeliverySlaReportPeriod | Unset):  Default: GetDeliverySlaReportPeriod.DAY.
        product (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryReport | Problem]
    """

    kwargs = _get_kwargs(
        date=date,
        station=station,
        period=period,
        product=product,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    date: datetime.date,
    station: str | Unset = UNSET,
    period: GetDeliverySlaReportPeriod | Unset = GetDeliverySlaReportPeriod.DAY,
    product: str | Unset = UNSET,
) -> DeliveryReport | Problem | None:
    """The time-limit achievement rate (时限达成率) per destination station and product, for
    the promises that fell in a day, week or month (Asia/Shanghai).

     Allowed callers: dispatcher, admin.

    Args:
        date (datetime.date):
        station (str | Unset):
        period (GetDeliverySlaReportPeriod | Unset):  Default: GetDeliverySlaReportPeriod.DAY.
        product (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryReport | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            date=date,
            station=station,
            period=period,
            product=product,
        )
    ).parsed
