from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.archive_transfer_detail_destination import (
    ArchiveTransferDetailDestination,
)
from ..models.archive_transfer_detail_seal_set_by import ArchiveTransferDetailSealSetBy
from ..models.archive_transfer_detail_state import ArchiveTransferDetailState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.custody_event import CustodyEvent
    from ..models.custody_promise import CustodyPromise
    from ..models.price import Price


T = TypeVar("T", bound="ArchiveTransferDetail")


@_attrs_define
class ArchiveTransferDetail:
    """
    Attributes:
        archive_no (str):
        created_at (datetime.datetime):
        custody (list[CustodyEvent]): the chain of custody, oldest first
        destination (ArchiveTransferDetailDestination):
        driver_id_masked (str): always masked
        driver_name (str): name: in full to its owners and for institutions, else masked
        from_organisation_id (str):
        id (str):
        pickup_task_id (None | str):
        price (Price):
        received_at (datetime.datetime | None): when the receiving office confirmed receipt
        seal_no (None | str):
        seal_set_by (ArchiveTransferDetailSealSetBy): first_scan: made before offices recorded the seal (and confirmed
            receipt): the courier's first scan recorded it
        shipment_id (str):
        state (ArchiveTransferDetailState):
        to_organisation_id (None | str):
        waybill (str):
        custody_promise (CustodyPromise | None | Unset): the signed promise for the custody events this request recorded
    """

    archive_no: str
    created_at: datetime.datetime
    custody: list[CustodyEvent]
    destination: ArchiveTransferDetailDestination
    driver_id_masked: str
    driver_name: str
    from_organisation_id: str
    id: str
    pickup_task_id: None | str
    price: Price
    received_at: datetime.datetime | None
    seal_no: None | str
    seal_set_by: ArchiveTransferDetailSealSetBy
    shipment_id: str
    state: ArchiveTransferDetailState
    to_organisation_id: None | str
    waybill: str
    custody_promise: CustodyPromise | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.custody_promise import CustodyPromise

        archive_no = self.archive_no

        created_at = self.created_at.isoformat()

        custody = []
        for custody_item_data in self.custody:
            custody_item = custody_item_data.to_dict()
            custody.append(custody_item)

        destination = self.destination.value

        driver_id_masked = self.driver_id_masked

        driver_name = self.driver_name

        from_organisation_id = self.from_organisation_id

        id = self.id

        pickup_task_id: None | str
        pickup_task_id = self.pickup_task_id

        price = self.price.to_dict()

        received_at: None | str
        if isinstance(self.received_at, datetime.datetime):
            received_at = self.received_at.isoformat()
        else:
            received_at = self.received_at

        seal_no: None | str
        seal_no = self.seal_no

        seal_set_by = self.seal_set_by.value

        shipment_id = self.shipment_id

        state = self.state.value

        to_organisation_id: None | str
        to_organisation_id = self.to_organisation_id

        waybill = self.waybill

        custody_promise: dict[str, Any] | None | Unset
        if isinstance(self.custody_promise, Unset):
            custody_promise = UNSET
        elif isinstance(self.custody_promise, CustodyPromise):
            custody_promise = self.custody_promise.to_dict()
        else:
            custody_promise = self.custody_promise

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "archive_no": archive_no,
                "created_at": created_at,
                "custody": custody,
                "destination": destination,
                "driver_id_masked": driver_id_masked,
                "driver_name": driver_name,
                "from_organisation_id": from_organisation_id,
                "id": id,
                "pickup_task_id": pickup_task_id,
                "price": price,
                "received_at": received_at,
                "seal_no": seal_no,
                "seal_set_by": seal_set_by,
                "shipment_id": shipment_id,
                "state": state,
                "to_organisation_id": to_organisation_id,
                "waybill": waybill,
            }
        )
        if custody_promise is not UNSET:
            field_dict["custody_promise"] = custody_promise

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.custody_event import CustodyEvent
        from ..models.custody_promise import CustodyPromise
        from ..models.price import Price

        d = dict(src_dict)
        archive_no = d.pop("archive_no")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        custody = []
        _custody = d.pop("custody")
        for custody_item_data in _custody:
            custody_item = CustodyEvent.from_dict(custody_item_data)

            custody.append(custody_item)

        destination = ArchiveTransferDetailDestination(d.pop("destination"))

        driver_id_masked = d.pop("driver_id_masked")

        driver_name = d.pop("driver_name")

        from_organisation_id = d.pop("from_organisation_id")

        id = d.pop("id")

        def _parse_pickup_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pickup_task_id = _parse_pickup_task_id(d.pop("pickup_task_id"))

        price = Price.from_dict(d.pop("price"))

        def _parse_received_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                received_at_type_0 = datetime.datetime.fromisoformat(data)

                return received_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        received_at = _parse_received_at(d.pop("received_at"))

        def _parse_seal_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        seal_no = _parse_seal_no(d.pop("seal_no"))

        seal_set_by = ArchiveTransferDetailSealSetBy(d.pop("seal_set_by"))

        shipment_id = d.pop("shipment_id")

        state = ArchiveTransferDetailState(d.pop("state"))

        def _parse_to_organisation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to_organisation_id = _parse_to_organisation_id(d.pop("to_organisation_id"))

        waybill = d.pop("waybill")

        def _parse_custody_promise(data: object) -> CustodyPromise | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custody_promise_type_0 = CustodyPromise.from_dict(data)

                return custody_promise_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustodyPromise | None | Unset, data)

        custody_promise = _parse_custody_promise(d.pop("custody_promise", UNSET))

        archive_transfer_detail = cls(
            archive_no=archive_no,
            created_at=created_at,
            custody=custody,
            destination=destination,
            driver_id_masked=driver_id_masked,
            driver_name=driver_name,
            from_organisation_id=from_organisation_id,
            id=id,
            pickup_task_id=pickup_task_id,
            price=price,
            received_at=received_at,
            seal_no=seal_no,
            seal_set_by=seal_set_by,
            shipment_id=shipment_id,
            state=state,
            to_organisation_id=to_organisation_id,
            waybill=waybill,
            custody_promise=custody_promise,
        )

        return archive_transfer_detail
