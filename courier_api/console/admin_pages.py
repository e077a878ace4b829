"""The admin's screens: organisations with their pickup points and API clients, stations,
couriers and staff. Each list page has its create form; each action calls the service the
matching /v1 endpoint calls, through the same schema.

The pattern for a new screen: a GET that renders the list (and the form, with `errors`
after a refusal), a POST that goes through `forms.submit` and redirects on success."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import Response, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from courier_api.console.forms import submit
from courier_api.console.pages import bp, caller, page
from courier_api.core.security import STAFF_ROLES
from courier_api.core.transaction import transactional
from courier_api.extensions import db
from courier_api.identity import api_clients
from courier_api.identity import service as identity
from courier_api.identity.models import ApiClient, Courier, Staff
from courier_api.identity.schemas import CourierSchema, StaffPatchSchema, StaffSchema
from courier_api.network import organisations as network
from courier_api.network import service as network_stations
from courier_api.network.models import (
    AREA_TYPES,
    ORGANISATION_KINDS,
    POINT_KINDS_BY_ORGANISATION,
    Organisation,
    Region,
    Station,
)
from courier_api.network.schemas import (
    OrganisationSchema,
    PickupPointSchema,
    StationPatchSchema,
)

ADMIN = ("admin",)
PEOPLE = ("admin", "dispatcher")
#: How long a rotated client's old secret keeps working from the console (the API's default).
ROTATION_OVERLAP = timedelta(hours=24)
LIST_SHOWN = 200


def _echoed(errors: list[dict[str, str]] | None) -> MultiDict:
    """What the form shows again: the refused input, or nothing after a success."""
    return request.form if errors else MultiDict()


def _all(stmt: sa.Select) -> list[Any]:
    return list(db.session.scalars(stmt.limit(LIST_SHOWN)))


def _stations() -> list[Station]:
    """The stations the caller may choose from (a dispatcher: their own)."""
    stmt = sa.select(Station).where(Station.active).order_by(Station.code)
    me = caller()
    if me.role != "admin":
        stmt = stmt.where(Station.id.in_(sorted(me.station_ids)))
    return _all(stmt)


# --- organisations, pickup points, API clients ---------------------------------------------


def _organisations_page(errors: list[dict[str, str]] | None = None) -> str:
    return render_template(
        "console/organisations.html",
        organisations=_all(network.list_organisations(caller=caller()).order_by(Organisation.name)),
        regions=_all(sa.select(Region).order_by(Region.name)),
        kinds=ORGANISATION_KINDS,
        errors=errors,
        form=_echoed(errors),
    )


@bp.get("/organisations")
@page(*ADMIN)
def organisations() -> str:
    return _organisations_page()


@bp.post("/organisations")
@page(*ADMIN)
@transactional
def create_organisation() -> Response:
    def create(data: dict[str, Any]) -> Response:
        made = network.create_organisation(network.OrganisationSpec(**data))
        flash(_("%(name)s is added.", name=made.name))
        return redirect(url_for("console.organisation", organisation_id=made.id))

    return submit(OrganisationSchema(), create, _organisations_page)


def _organisation_page(
    organisation_id: str,
    errors: list[dict[str, str]] | None = None,
    issued: api_clients.IssuedSecret | None = None,
) -> str:
    me = caller()
    organisation = network.get_organisation(caller=me, organisation_id=organisation_id)
    clients = api_clients.list_api_clients(caller=me, organisation_id=organisation_id)
    return render_template(
        "console/organisation.html",
        organisation=organisation,
        clients=_all(clients.order_by(ApiClient.created_at)),
        point_kinds_allowed=POINT_KINDS_BY_ORGANISATION[organisation.kind],
        stations=_stations(),
        errors=errors,
        issued=issued,
        form=_echoed(errors),
    )


@bp.get("/organisations/<organisation_id>")
@page(*ADMIN)
def organisation(organisation_id: str) -> str:
    return _organisation_page(organisation_id)


@bp.post("/organisations/<organisation_id>/pickup-points")
@page(*ADMIN)
@transactional
def create_pickup_point(organisation_id: str) -> Response:
    found = network.get_organisation(caller=caller(), organisation_id=organisation_id)

    def create(data: dict[str, Any]) -> Response:
        point = network.create_pickup_point(found, network.PickupPointSpec(**data))
        flash(_("Pickup point %(name)s is added.", name=point.name))
        return redirect(url_for("console.organisation", organisation_id=organisation_id))

    return submit(
        PickupPointSchema(),
        create,
        lambda errors: _organisation_page(organisation_id, errors=errors),
    )


@bp.post("/organisations/<organisation_id>/api-clients")
@page(*ADMIN)
@transactional
def create_api_client(organisation_id: str) -> Response:
    """The secret is shown on this answer only (not redirected: it is kept nowhere)."""
    network.get_organisation(caller=caller(), organisation_id=organisation_id)
    name = request.form.get("name", "").strip()[:100] or _("API client")
    client, secret = api_clients.create_api_client(organisation_id=organisation_id, name=name)
    issued = api_clients.IssuedSecret(client, secret)
    return _secret_answer(organisation_id, issued)


@bp.post("/api-clients/<key_id>/rotate")
@page(*ADMIN)
@transactional
def rotate_api_client(key_id: str) -> Response:
    issued = api_clients.rotate_secret(caller=caller(), key_id=key_id, overlap=ROTATION_OVERLAP)
    return _secret_answer(issued.client.organisation_id, issued)


def _secret_answer(organisation_id: str, issued: api_clients.IssuedSecret) -> Response:
    return Response(_organisation_page(organisation_id, issued=issued))


@bp.post("/api-clients/<key_id>/revoke")
@page(*ADMIN)
@transactional
def revoke_api_client(key_id: str) -> Response:
    client = api_clients.revoke_api_client(caller=caller(), key_id=key_id)
    flash(_("%(name)s is revoked: its requests are refused from now on.", name=client.name))
    return redirect(url_for("console.organisation", organisation_id=client.organisation_id))


# --- stations -------------------------------------------------------------------------------


@bp.get("/stations")
@page(*ADMIN)
def stations() -> str:
    return render_template(
        "console/stations.html", stations=_all(sa.select(Station).order_by(Station.code))
    )


def _station_page(station_id: str, errors: list[dict[str, str]] | None = None) -> str:
    return render_template(
        "console/station.html",
        station=network_stations.get_station(caller=caller(), station_id=station_id),
        area_type_codes=AREA_TYPES,
        errors=errors,
        form=_echoed(errors),
    )


@bp.get("/stations/<station_id>")
@page(*ADMIN)
def station(station_id: str) -> str:
    return _station_page(station_id)


@bp.post("/stations/<station_id>")
@page(*ADMIN)
@transactional
def update_station(station_id: str) -> Response:
    """The form carries the version it was read at (the API's If-Match): an edit made
    meanwhile by someone else is not overwritten."""
    found = network_stations.get_station(caller=caller(), station_id=station_id)
    if request.form.get("version") != str(found.version):
        db.session.rollback()
        changed = _("Someone else changed this station meanwhile; here it is as it is now.")
        return make_response(_station_page(station_id, [{"field": "", "message": changed}]), 409)

    def save(data: dict[str, Any]) -> Response:
        network_stations.update_station(found, network_stations.StationChanges(**data))
        flash(_("%(name)s is saved.", name=found.name))
        return redirect(url_for("console.stations"))

    return submit(
        StationPatchSchema(partial=True), save, lambda errors: _station_page(station_id, errors)
    )


# --- couriers -------------------------------------------------------------------------------


def _couriers_page(errors: list[dict[str, str]] | None = None) -> str:
    couriers = identity.list_couriers(caller=caller()).order_by(Courier.employee_no)
    return render_template(
        "console/couriers.html",
        couriers=_all(couriers),
        stations=_stations(),
        errors=errors,
        form=_echoed(errors),
    )


@bp.get("/couriers")
@page(*PEOPLE)
def couriers() -> str:
    return _couriers_page()


@bp.post("/couriers")
@page(*PEOPLE)
@transactional
def create_courier() -> Response:
    def create(data: dict[str, Any]) -> Response:
        password = data.pop("password")
        made = identity.create_courier(
            caller=caller(), spec=identity.CourierSpec(**data), password=password
        )
        flash(_("Courier %(name)s is registered.", name=made.name))
        return redirect(url_for("console.couriers"))

    return submit(CourierSchema(), create, _couriers_page)


# --- staff ----------------------------------------------------------------------------------


def _staff_page(errors: list[dict[str, str]] | None = None) -> str:
    return render_template(
        "console/staff.html",
        staff=_all(identity.list_staff().order_by(Staff.username)),
        roles=STAFF_ROLES,
        stations=_stations(),
        organisations=_all(sa.select(Organisation).order_by(Organisation.name)),
        errors=errors,
        form=_echoed(errors),
    )


@bp.get("/staff")
@page(*ADMIN)
def staff() -> str:
    return _staff_page()


@bp.post("/staff")
@page(*ADMIN)
@transactional
def create_staff() -> Response:
    def create(data: dict[str, Any]) -> Response:
        made = identity.create_staff(**data)
        flash(_("%(name)s can log in now.", name=made.name))
        return redirect(url_for("console.staff"))

    return submit(StaffSchema(), create, _staff_page)


def _member_page(staff_id: str, errors: list[dict[str, str]] | None = None) -> str:
    return render_template(
        "console/staff_member.html",
        member=identity.get_staff(staff_id=staff_id),
        roles=STAFF_ROLES,
        stations=_stations(),
        organisations=_all(sa.select(Organisation).order_by(Organisation.name)),
        errors=errors,
        form=_echoed(errors),
    )


@bp.get("/staff/<staff_id>")
@page(*ADMIN)
def staff_member(staff_id: str) -> str:
    return _member_page(staff_id)


@bp.post("/staff/<staff_id>")
@page(*ADMIN)
@transactional
def update_staff_member(staff_id: str) -> Response:
    """Role and scope (PATCH /v1/staff/{id}); the person's sessions end."""
    member = identity.get_staff(staff_id=staff_id)

    def save(data: dict[str, Any]) -> Response:
        identity.update_staff(member, identity.StaffChanges(**data))
        flash(_("%(name)s is saved; they log in again to use the new rights.", name=member.name))
        return redirect(url_for("console.staff"))

    return submit(StaffPatchSchema(), save, lambda errors: _member_page(staff_id, errors))


@bp.post("/staff/<staff_id>/end-sessions")
@page(*ADMIN)
@transactional
def end_staff_sessions(staff_id: str) -> Response:
    member = identity.get_staff(staff_id=staff_id)
    ended = identity.end_staff_sessions(member)
    flash(_("%(count)d sessions of %(name)s ended.", count=ended, name=member.name))
    return redirect(url_for("console.staff"))


@bp.post("/staff/<staff_id>/active")
@page(*ADMIN)
@transactional
def set_staff_active(staff_id: str) -> Response:
    """Deactivate (its sessions end) or let log in again."""
    member = identity.get_staff(staff_id=staff_id)
    active = request.form.get("active") == "1"
    identity.update_staff(member, identity.StaffChanges(active=active))
    done = _("%(name)s can log in.") if active else _("%(name)s can no longer log in.")
    flash(done % {"name": member.name})
    return redirect(url_for("console.staff"))
