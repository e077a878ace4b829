from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.webhook_endpoint_events_item import WebhookEndpointEventsItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookEndpoint")


@_attrs_define
class WebhookEndpoint:
    """
    Attributes:
        url (str):
        created_at (datetime.datetime | Unset):
        description (str | Unset):  Default: ''.
        disabled_at (datetime.datetime | None | Unset):
        enabled (bool | Unset):
        events (list[WebhookEndpointEventsItem] | Unset): event kinds, or ["*"] (the default) for all
        id (str | Unset):
        organisation_id (str | Unset):
        sandbox (bool | Unset): registered by a sandbox client: only sandbox orders' events
    """

    url: str
    created_at: datetime.datetime | Unset = UNSET
    description: str | Unset = ""
    disabled_at: datetime.datetime | None | Unset = UNSET
    enabled: bool | Unset = UNSET
    events: list[WebhookEndpointEventsItem] | Unset = UNSET
    id: str | Unset = UNSET
    organisation_id: str | Unset = UNSET
    sandbox: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        description = self.description

        disabled_at: None | str | Unset
        if isinstance(self.disabled_at, Unset):
            disabled_at = UNSET
        elif isinstance(self.disabled_at, datetime.datetime):
            disabled_at = self.disabled_at.isoformat()
        else:
            disabled_at = self.disabled_at

        enabled = self.enabled

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        id = self.id

        organisation_id = self.organisation_id

        sandbox = self.sandbox

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if description is not UNSET:
            field_dict["description"] = description
        if disabled_at is not UNSET:
            field_dict["disabled_at"] = disabled_at
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if events is not UNSET:
            field_dict["events"] = events
        if id is not UNSET:
            field_dict["id"] = id
        if organisation_id is not UNSET:
            field_dict["organisation_id"] = organisation_id
        if sandbox is not UNSET:
            field_dict["sandbox"] = sandbox

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        description = d.pop("description", UNSET)

        def _parse_disabled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disabled_at_type_0 = datetime.datetime.fromisoformat(data)

                return disabled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        disabled_at = _parse_disabled_at(d.pop("disabled_at", UNSET))

        enabled = d.pop("enabled", UNSET)

        _events = d.pop("events", UNSET)
        events: list[WebhookEndpointEventsItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = WebhookEndpointEventsItem(events_item_data)

                events.append(events_item)

        id = d.pop("id", UNSET)

        organisation_id = d.pop("organisation_id", UNSET)

        sandbox = d.pop("sandbox", UNSET)

        webhook_endpoint = cls(
            url=url,
            created_at=created_at,
            description=description,
            disabled_at=disabled_at,
            enabled=enabled,
            events=events,
            id=id,
            organisation_id=organisation_id,
            sandbox=sandbox,
        )

        return webhook_endpoint
