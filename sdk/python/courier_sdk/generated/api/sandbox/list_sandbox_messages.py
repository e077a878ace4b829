from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.inbox_message_page import InboxMessagePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    subject_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["subject_id"] = subject_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sandbox/messages",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InboxMessagePage | Problem | None:
    if response.status_code == 200:
        response_200 = InboxMessagePage.from_dict(response.json())

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
) -> Response[InboxMessagePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    subject_id: str | Unset = UNSET,
) -> Response[InboxMessagePage | Problem]:
    """What the fake WeChat and SMS providers sent in the last 24 hours, PINs included,
    newest first: in development every message, to any caller; elsewhere a sandbox
    client's (or sandbox citizen's) own; 404 for everyone else.

     Allowed callers: courier, citizen, api_client, dispatcher, org_clerk, claims_adjuster,
    customer_service, admin.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        subject_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InboxMessagePage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        subject_id=subject_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    subject_id: str | Unset = UNSET,
) -> InboxMessagePage | Problem | None:
    """What the fake WeChat and SMS providers sent in the last 24 hours, PINs included,
    newest first: in development every message, to any caller; elsewhere a sandbox
    client's (or sandbox citizen's) own; 404 for everyone else.

     Allowed callers: courier, citizen, api_client, dispatcher, org_clerk, claims_adjuster,
    customer_service, admin.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        subject_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InboxMessagePage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        subject_id=subject_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    subject_id: str | Unset = UNSET,
) -> Response[InboxMessagePage | Problem]:
    """What the fake WeChat and SMS providers sent in the last 24 hours, PINs included,
    newest first: in development every message, to any caller; elsewhere a sandbox
    client's (or sandbox citizen's) own; 404 for everyone else.

     Allowed callers: courier, citizen, api_client, dispatcher, org_clerk, claims_adjuster,
    customer_service, admin.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        subject_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InboxMessagePage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        subject_id=subject_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    subject_id: str | Unset = UNSET,
) -> InboxMessagePage | Problem | None:
    """What the fake WeChat and SMS providers sent in the last 24 hours, PINs included,
    newest first: in development every message, to any caller; elsewhere a sandbox
    client's (or sandbox citizen's) own; 404 for everyone else.

     Allowed callers: courier, citizen, api_client, dispatcher, org_clerk, claims_adjuster,
    customer_service, admin.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        subject_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InboxMessagePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            subject_id=subject_id,
        )
    ).parsed
