from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.deliver_condition import DeliverCondition
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cash import Cash
    from ..models.receiver import Receiver
    from ..models.signature import Signature


T = TypeVar("T", bound="Deliver")


@_attrs_define
class Deliver:
    """
    Attributes:
        cash (Cash | Unset):
        condition (DeliverCondition | Unset): damaged: handed over damaged; needs photo_sha256. Default when left out:
            `"ok"`.
        lat (float | Unset):
        lng (float | Unset):
        occurred_at (datetime.datetime | Unset): when it happened on the handheld (default now)
        photo_sha256 (str | Unset): uploaded blob
        pin (str | Unset): PIN sign-off: checked online only
        receiver (Receiver | Unset):
        seal_no (str | Unset): sealed products (traffic archives): the bag's seal number as scanned at the door; it must
            be the one recorded at pickup, else 409 `seal_mismatch` (recorded as an exception, both offices told)
        signature (Signature | Unset):
    """

    cash: Cash | Unset = UNSET
    condition: DeliverCondition | Unset = UNSET
    lat: float | Unset = UNSET
    lng: float | Unset = UNSET
    occurred_at: datetime.datetime | Unset = UNSET
    photo_sha256: str | Unset = UNSET
    pin: str | Unset = UNSET
    receiver: Receiver | Unset = UNSET
    seal_no: str | Unset = UNSET
    signature: Signature | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cash: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cash, Unset):
            cash = self.cash.to_dict()

        condition: str | Unset = UNSET
        if not isinstance(self.condition, Unset):
            condition = self.condition.value

        lat = self.lat

        lng = self.lng

        occurred_at: str | Unset = UNSET
        if not isinstance(self.occurred_at, Unset):
            occurred_at = self.occurred_at.isoformat()

        photo_sha256 = self.photo_sha256

        pin = self.pin

        receiver: dict[str, Any] | Unset = UNSET
        if not isinstance(self.receiver, Unset):
            receiver = self.receiver.to_dict()

        seal_no = self.seal_no

        signature: dict[str, Any] | Unset = UNSET
        if not isinstance(self.signature, Unset):
            signature = self.signature.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if cash is not UNSET:
            field_dict["cash"] = cash
        if condition is not UNSET:
            field_dict["condition"] = condition
        if lat is not UNSET:
            field_dict["lat"] = lat
        if lng is not UNSET:
            field_dict["lng"] = lng
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if photo_sha256 is not UNSET:
            field_dict["photo_sha256"] = photo_sha256
        if pin is not UNSET:
            field_dict["pin"] = pin
        if receiver is not UNSET:
            field_dict["receiver"] = receiver
        if seal_no is not UNSET:
            field_dict["seal_no"] = seal_no
        if signature is not UNSET:
            field_dict["signature"] = signature

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cash import Cash
        from ..models.receiver import Receiver
        from ..models.signature import Signature

        d = dict(src_dict)
        _cash = d.pop("cash", UNSET)
        cash: Cash | Unset
        if isinstance(_cash, Unset):
            cash = UNSET
        else:
            cash = Cash.from_dict(_cash)

        _condition = d.pop("condition", UNSET)
        condition: DeliverCondition | Unset
        if isinstance(_condition, Unset):
            condition = UNSET
        else:
            condition = DeliverCondition(_condition)

        lat = d.pop("lat", UNSET)

        lng = d.pop("lng", UNSET)

        _occurred_at = d.pop("occurred_at", UNSET)
        occurred_at: datetime.datetime | Unset
        if isinstance(_occurred_at, Unset):
            occurred_at = UNSET
        else:
            occurred_at = datetime.datetime.fromisoformat(_occurred_at)

        photo_sha256 = d.pop("photo_sha256", UNSET)

        pin = d.pop("pin", UNSET)

        _receiver = d.pop("receiver", UNSET)
        receiver: Receiver | Unset
        if isinstance(_receiver, Unset):
            receiver = UNSET
        else:
            receiver = Receiver.from_dict(_receiver)

        seal_no = d.pop("seal_no", UNSET)

        _signature = d.pop("signature", UNSET)
        signature: Signature | Unset
        if isinstance(_signature, Unset):
            signature = UNSET
        else:
            signature = Signature.from_dict(_signature)

        deliver = cls(
            cash=cash,
            condition=condition,
            lat=lat,
            lng=lng,
            occurred_at=occurred_at,
            photo_sha256=photo_sha256,
            pin=pin,
            receiver=receiver,
            seal_no=seal_no,
            signature=signature,
        )

        return deliver
