"""Traffic-archive transfers: one sealed `traffic_archive` shipment from a traffic-police
office to another office (owned by both) or to the driver's address. No Flask; never
commits."""

from __future__ import annotations

from dataclasses import dataclass

from courier_api.core.crypto import encrypt
from courier_api.core.errors import Problem, field_error
from courier_api.core.idnumber import is_valid_id_number, mask_id_number, normalise
from courier_api.core.ids import new_id
from courier_api.core.scoping import get_scoped
from courier_api.core.security import Principal
from courier_api.custody import service as custody
from courier_api.extensions import db
from courier_api.government.models import ArchiveTransfer
from courier_api.government.organisations import (
    Stations,
    collection_task,
    organisation_of,
    pickup_point,
    sender,
)
from courier_api.network.models import Organisation
from courier_api.network.service import current_version, product_rules
from courier_api.shipments import service as shipments
from courier_api.shipments.service import ID_NUMBER_CONTEXT, Named, Party, Person, ShipmentSpec


@dataclass(frozen=True)
class TransferRequest:
    """A sealed archive to send: to another office (`to_office_id`) or to the driver's
    address (`to_driver_address`), exactly one of the two."""

    archive_no: str
    driver: Person
    to_office_id: str | None = None
    to_driver_address: Party | None = None
    pickup_point_id: str | None = None


def create_archive_transfer(*, caller: Principal, request: TransferRequest) -> ArchiveTransfer:
    """One sealed archive from the caller's office to another office or to the driver."""
    office = organisation_of(caller, "traffic_police")
    point = pickup_point(office, request.pickup_point_id)
    driver = request.driver
    if not is_valid_id_number(driver.id_number):
        raise field_error(
            "driver.id_number", "Not a valid ID number (GB 11643 check digit).", "invalid_id_number"
        )
    id_number = normalise(driver.id_number)
    receiving: Organisation | None = None
    if request.to_office_id is not None:
        receiving = db.session.get(Organisation, request.to_office_id)
        if receiving is None or receiving.kind != "traffic_police" or receiving.id == office.id:
            raise field_error("to.office_id", "Not another traffic-police office.", "unknown")
        receiving_point = pickup_point(receiving, None)
        recipient = sender(receiving, receiving_point)
        destination_station = receiving_point.station_id
        named: list[Named] = []
    else:
        recipient = request.to_driver_address
        station = Stations().covering(recipient.lat, recipient.lng)
        if station is None:
            raise Problem(
                422,
                "outside_service_area",
                "No station serves the driver's address.",
                errors=[
                    {"field": "to.driver_address", "message": "Not served.", "code": "invalid"}
                ],
            )
        destination_station = station.id
        # Mailed home, only the driver may receive it, showing ID.
        named = [Named("driver", driver.name, id_number)]
    owners = [("organisation", office.id)] + ([("organisation", receiving.id)] if receiving else [])
    [shipment] = shipments.create_shipments(
        [
            ShipmentSpec(
                product="traffic_archive",
                sender=sender(office, point),
                recipient=recipient,
                owners=owners,
                holder=("organisation", office.id),
                origin_station_id=point.station_id,
                destination_station_id=destination_station,
                fee_fen=product_rules("traffic_archive", current_version())["fees"]["flat_fen"],
                named=named,
                state="awaiting_pickup",
            )
        ],
        actor=caller,
    )
    transfer = ArchiveTransfer(
        id=new_id("atr"),
        archive_no=request.archive_no,
        driver_name=driver.name,
        driver_id_hash=shipments.hash_id_number(id_number),
        driver_id_encrypted=encrypt(id_number, context=ID_NUMBER_CONTEXT),
        driver_id_masked=mask_id_number(id_number),
        from_organisation_id=office.id,
        destination="office" if receiving else "driver",
        to_organisation_id=receiving.id if receiving else None,
        shipment_id=shipment.id,
        submitted_by=caller.id,
        pickup_task_id=collection_task(point, [shipment]),
    )
    transfer.shipment = shipment
    db.session.add(transfer)
    db.session.flush()
    shipments.tell_owners(shipment, "archive_transfer.created", archive_transfer_id=transfer.id)
    return transfer


def get_archive_transfer(*, caller: Principal, transfer_id: str) -> ArchiveTransfer:
    return get_scoped(ArchiveTransfer, transfer_id, caller, what="archive_transfer")


def custody_of(transfer: ArchiveTransfer) -> list:
    return custody.events_of(transfer.shipment_id)
