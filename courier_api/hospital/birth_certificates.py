"""Birth-certificate applications: the mother applies, the maternity ward marks the
certificate ready (or rejects the application), and a run collects it. No Flask; never
commits.

Every application becomes one `birth_certificate` shipment owned by the hospital and the
mother, held by the hospital until a run collects it; only the mother or the father named
on it may receive it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.errors import conflict, field_error
from courier_api.core.idnumber import normalise
from courier_api.core.ids import new_id
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.hospital import runs
from courier_api.hospital.models import BirthCertificateApplication
from courier_api.hospital.orders import hospital_of, pickup_point, refuse, tell_accepted
from courier_api.network.models import PickupPoint
from courier_api.network.service import current_version, nearest_covering_station, product_rules
from courier_api.shipments import pricing
from courier_api.shipments import service as shipments
from courier_api.shipments.service import Named, Party, Person, ShipmentSpec


@dataclass(frozen=True)
class CertificateRequest:
    """The mother's application: who may receive the certificate, and where it goes."""

    hospital_id: str
    mother: Person
    father: Person
    baby_name: str
    birth_date: date
    phone: str
    address: str
    lat: float
    lng: float
    postage_on_delivery: bool = False


#: The ward issues the certificate after the birth; one asked for later than this is a
#: reissue by the health commission, not a delivery from the ward (docs/hospital.md).
OLDEST_BIRTH = timedelta(days=366)


def check_plausible(application: CertificateRequest, today: date) -> None:
    """Refuse an application no ward could have issued: a birth after today (local), one
    more than a year back, or the same person (ID number) as both mother and father."""
    born = application.birth_date
    if born > today:
        raise refuse("birth_date_in_future", "baby.birth_date", "The birth date is after today.")
    if born < today - OLDEST_BIRTH:
        raise refuse(
            "birth_date_implausible",
            "baby.birth_date",
            f"The ward delivers certificates of births since {today - OLDEST_BIRTH}; an "
            "older certificate is reissued by the health commission.",
        )
    if normalise(application.mother.id_number) == normalise(application.father.id_number):
        raise refuse(
            "same_person_both_parents",
            "father.id_number",
            "The mother and the father have the same ID number.",
        )


def apply_for_certificate(
    *, caller: Principal, application: CertificateRequest, zone: ZoneInfo
) -> BirthCertificateApplication:
    """The mother applies: the certificate will go only to her or the father, both named
    with their ID numbers; postage may be collected on delivery."""
    check_plausible(application, clock.now().astimezone(zone).date())
    hospital = hospital_of(application.hospital_id, "hospital_id")
    point = pickup_point(hospital, "maternity_ward", None)
    destination = nearest_covering_station(application.lat, application.lng, "address")
    rules = product_rules("birth_certificate", current_version())
    price = pricing.price(rules, pricing.Parcel(weight_g=0))
    postage_on_delivery = application.postage_on_delivery
    if postage_on_delivery and not rules.get("postage_on_delivery_allowed"):
        raise field_error("postage_on_delivery", "Not offered for this product.", "not_offered")
    mother, father = application.mother, application.father
    recipient = Party(
        mother.name, application.phone, application.address, application.lat, application.lng
    )
    [shipment] = shipments.create_shipments(
        [
            ShipmentSpec(
                product="birth_certificate",
                sender=shipments.point_party(hospital, point),
                recipient=recipient,
                owners=[("organisation", hospital.id), ("citizen", caller.id)],
                holder=("organisation", hospital.id),
                origin_station_id=point.station_id,
                destination_station_id=destination.id,
                **price.charged(),
                cod_amount_fen=price.total_fen if postage_on_delivery else 0,
                named=[
                    Named("mother", mother.name, mother.id_number),
                    Named("father", father.name, father.id_number),
                ],
                state="created",
            )
        ],
        actor=caller,
    )
    found = BirthCertificateApplication(
        id=new_id("bca"),
        organisation_id=hospital.id,
        pickup_point_id=point.id,
        citizen_id=caller.id,
        shipment_id=shipment.id,
        baby_name=application.baby_name,
        birth_date=application.birth_date,
        consented_at=clock.now(),
        postage_on_delivery=postage_on_delivery,
        state="submitted",
    )
    found.shipment = shipment
    db.session.add(found)
    db.session.flush()
    shipments.tell_owners(shipment, "birth_certificate.submitted", application_id=found.id)
    return found


def list_applications(*, caller: Principal, state: str | None = None) -> sa.Select:
    stmt = scoped_select(BirthCertificateApplication, caller)
    return stmt.where(BirthCertificateApplication.state == state) if state else stmt


def get_application(
    *, caller: Principal, application_id: str, lock: bool = False
) -> BirthCertificateApplication:
    return get_scoped(
        BirthCertificateApplication, application_id, caller, what="application", lock=lock
    )


def _decidable(caller: Principal, application_id: str) -> BirthCertificateApplication:
    application = get_application(caller=caller, application_id=application_id, lock=True)
    if application.state != "submitted":
        raise conflict(
            "application_decided",
            f"The application is {application.state} already.",
            current_state=application.state,
        )
    return application


def mark_ready(
    *, caller: Principal, application_id: str, certificate_no: str, zone: ZoneInfo
) -> BirthCertificateApplication:
    """The ward has the certificate: it goes on today's run when marked before the
    product's cut-off (15:00), else on the next day's."""
    application = _decidable(caller, application_id)
    shipment = application.shipment
    point = db.session.get(PickupPoint, application.pickup_point_id)
    now = clock.now()
    plan = runs.schedule(
        rules=product_rules(shipment.product, shipment.catalogue_version),
        point=point,
        ready_at=now,
        destination=nearest_covering_station(
            shipment.recipient_lat, shipment.recipient_lng, "address"
        ),
        cold_chain=False,
        zone=zone,
    )
    shipments.transition(shipment, "awaiting_pickup")
    shipment.deliver_by = plan.deliver_by
    application.state, application.certificate_no = "ready", certificate_no
    application.ready_at, application.decided_by = now, caller.id
    runs.wait_for_run(shipment, point, plan.run_at, certificate_no)
    db.session.flush()
    tell_accepted(shipment, plan)
    return application


def reject(*, caller: Principal, application_id: str, reason: str) -> BirthCertificateApplication:
    application = _decidable(caller, application_id)
    shipments.transition(application.shipment, "cancelled")
    application.state, application.reject_reason = "rejected", reason
    application.rejected_at, application.decided_by = clock.now(), caller.id
    db.session.flush()
    shipments.tell_owners(
        application.shipment,
        "birth_certificate.rejected",
        application_id=application.id,
        reason=reason,
    )
    return application
