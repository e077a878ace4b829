"""Traffic-archive transfers: one sealed `traffic_archive` shipment from a traffic-police
office to another office (owned by both) or to the driver's address. No Flask; never
commits.

The sending office records the bag's seal number when it creates the transfer, so every
hand-over, the first included, is checked against the sender's seal. An office-bound
transfer is received by the receiving office itself (`confirm_receipt`, its own clerk or
system); one mailed to the driver is received at the door with the driver's ID check."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.crypto import encrypt
from courier_api.core.errors import Problem, conflict, field_error, not_found
from courier_api.core.idnumber import is_valid_id_number, mask_id_number, normalise
from courier_api.core.ids import new_id
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.custody import service as custody
from courier_api.custody.service import Entry
from courier_api.extensions import db
from courier_api.government.models import ArchiveTransfer
from courier_api.government.organisations import (
    Stations,
    collection_task,
    organisation_of,
    pickup_point,
)
from courier_api.network.models import Organisation
from courier_api.network.service import current_version, product_rules
from courier_api.shipments import pricing
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.shipments.pricing import Parcel
from courier_api.shipments.service import ID_NUMBER_CONTEXT, Named, Party, Person, ShipmentSpec
from courier_api.tasks import service as tasks
from courier_api.tasks.models import FINISHED_STATES, Task, TaskItem


@dataclass(frozen=True)
class TransferRequest:
    """A sealed archive to send: to another office (`to_office_id`) or to the driver's
    address (`to_driver_address`), exactly one of the two."""

    archive_no: str
    driver: Person
    #: The sealed bag's number as the sending office sealed it.
    seal_no: str
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
        recipient = shipments.point_party(receiving, receiving_point)
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
                sender=shipments.point_party(office, point),
                recipient=recipient,
                owners=owners,
                holder=("organisation", office.id),
                origin_station_id=point.station_id,
                destination_station_id=destination_station,
                **pricing.price(
                    product_rules("traffic_archive", current_version()), Parcel(weight_g=0)
                ).charged(),
                named=named,
                state="awaiting_pickup",
                # An office confirms receipt itself (the catalogue's recipient_confirms).
                recipient_kind="organisation" if receiving else None,
                seal_no=request.seal_no,
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
        seal_set_by="sender",
    )
    transfer.shipment = shipment
    db.session.add(transfer)
    db.session.flush()
    shipments.tell_owners(shipment, "archive_transfer.created", archive_transfer_id=transfer.id)
    return transfer


def list_archive_transfers(*, caller: Principal) -> sa.Select:
    """The transfers the caller's office sent or receives (an admin's: all)."""
    return scoped_select(ArchiveTransfer, caller)


def get_archive_transfer(*, caller: Principal, transfer_id: str) -> ArchiveTransfer:
    return get_scoped(ArchiveTransfer, transfer_id, caller, what="archive_transfer")


def custody_of(transfer: ArchiveTransfer) -> list:
    return custody.events_of(transfer.shipment_id)


def _receiving(caller: Principal, transfer_id: str) -> ArchiveTransfer:
    """A transfer bound for the caller's own office, locked (the sender and anyone else:
    404)."""
    transfer = None
    if caller.org_id is not None:
        transfer = db.session.scalars(
            sa.select(ArchiveTransfer)
            .where(
                ArchiveTransfer.id == transfer_id,
                ArchiveTransfer.to_organisation_id == caller.org_id,
            )
            .with_for_update()
        ).first()
    if transfer is None:
        raise not_found("archive_transfer")
    return transfer


def _delivery_task(shipment: Shipment) -> Task | None:
    """The courier's open delivery task carrying the shipment to the office."""
    return db.session.scalars(
        sa.select(Task)
        .join(TaskItem)
        .where(
            Task.kind == "delivery",
            Task.state.notin_(FINISHED_STATES),
            TaskItem.shipment_id == shipment.id,
        )
        .with_for_update(of=Task)
    ).first()


def _entry(shipment: Shipment, kind: str, caller: Principal, task: Task | None, **refs) -> Entry:
    """A custody fact at the office, recorded as the receiving office's caller."""
    return Entry.by(
        caller,
        shipment.id,
        kind,
        station_id=task.station_id if task else None,
        task_id=task.id if task else None,
        refs=refs,
    )


def _check_seal(shipment: Shipment, seal_no: str, caller: Principal, task: Task | None) -> None:
    """A bag whose seal is not the sender's is not received: the mismatch is recorded (an
    exception, both offices told) and kept although the confirmation is refused."""
    if seal_no == shipment.seal_no:
        return
    refs = {"condition": "seal_mismatch", "seal_no": seal_no, "expected_seal_no": shipment.seal_no}
    custody.append([_entry(shipment, "exception", caller, task, **refs)])
    shipments.tell_owners(
        shipment, "shipment.seal_mismatch", seal_no=seal_no, expected_seal_no=shipment.seal_no
    )
    raise Problem(
        409,
        "seal_mismatch",
        f"The bag's seal {seal_no} is not the one the sending office recorded; "
        "do not take it over.",
        keep_changes=True,
        waybill=shipment.waybill,
    )


def confirm_receipt(*, caller: Principal, transfer_id: str, seal_no: str) -> ArchiveTransfer:
    """The receiving office takes the sealed bag over from the courier: the seal must be
    the sender's; the archive is then delivered and the courier's task done."""
    transfer = _receiving(caller, transfer_id)
    shipment = transfer.shipment
    if transfer.seal_set_by != "sender":
        raise conflict(
            "signed_at_the_door",
            "This transfer was made before offices confirmed receipt: the office clerk's "
            "signature at the door is its receipt.",
        )
    if shipment.state != "out_for_delivery":
        raise conflict(
            "not_out_for_delivery",
            "Only an archive the courier has brought out for delivery can be received.",
            current_state=shipment.state,
        )
    task = _delivery_task(shipment)
    _check_seal(shipment, seal_no, caller, task)
    now = clock.now()
    office = ("organisation", caller.org_id)
    shipments.transition(shipment, "delivered", holder=office, at=now)
    if task is not None:
        if task.state == "accepted":
            tasks.arrive(task, courier_id=task.courier_id, at=now)
        for item in task.items:
            item.status, item.scanned_at = "scanned", now
        tasks.complete(task, courier_id=task.courier_id, at=now)
    custody.append([_entry(shipment, "delivered", caller, task, seal_no=seal_no)])
    shipments.tell_owners(shipment, "shipment.delivered", at=clock.to_rfc3339(now))
    transfer.received_at, transfer.received_by = now, caller.id
    return transfer
