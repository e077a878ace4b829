from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.inbox_message_channel import InboxMessageChannel

if TYPE_CHECKING:
    from ..models.inbox_message_content import InboxMessageContent


T = TypeVar("T", bound="InboxMessage")


@_attrs_define
class InboxMessage:
    """
    Attributes:
        channel (InboxMessageChannel):
        content (InboxMessageContent): the SMS params or WeChat data as sent, secrets included
        id (str):
        pin (None | str): the delivery PIN the message carried, if any
        recipient (str): the phone (SMS) or citizen id (WeChat)
        sent_at (datetime.datetime):
        subject_id (str):
        subject_type (str):
        template (str):
    """

    channel: InboxMessageChannel
    content: InboxMessageContent
    id: str
    pin: None | str
    recipient: str
    sent_at: datetime.datetime
    subject_id: str
    subject_type: str
    template: str

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        content = self.content.to_dict()

        id = self.id

        pin: None | str
        pin = self.pin

        recipient = self.recipient

        sent_at = self.sent_at.isoformat()

        subject_id = self.subject_id

        subject_type = self.subject_type

        template = self.template

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "content": content,
                "id": id,
                "pin": pin,
                "recipient": recipient,
                "sent_at": sent_at,
                "subject_id": subject_id,
                "subject_type": subject_type,
                "template": template,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.inbox_message_content import InboxMessageContent

        d = dict(src_dict)
        channel = InboxMessageChannel(d.pop("channel"))

        content = InboxMessageContent.from_dict(d.pop("content"))

        id = d.pop("id")

        def _parse_pin(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pin = _parse_pin(d.pop("pin"))

        recipient = d.pop("recipient")

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        subject_id = d.pop("subject_id")

        subject_type = d.pop("subject_type")

        template = d.pop("template")

        inbox_message = cls(
            channel=channel,
            content=content,
            id=id,
            pin=pin,
            recipient=recipient,
            sent_at=sent_at,
            subject_id=subject_id,
            subject_type=subject_type,
            template=template,
        )

        return inbox_message
