"""Organisations and their pickup points (admins onboard them), and the public directory
of hospitals the mini-program chooses from."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView

from courier_api.core import ratelimit
from courier_api.core.blueprint import LOCATION_HEADER_DOC, Blueprint, created
from courier_api.core.etag import (
    ETAG_HEADER_DOC,
    check_if_match,
    if_match_required,
    not_modified_doc,
    with_etag,
)
from courier_api.core.pagination import paginate
from courier_api.core.security import PUBLIC, principal, requires
from courier_api.core.transaction import transactional
from courier_api.network import organisations as service
from courier_api.network.models import Organisation
from courier_api.network.schemas import (
    DirectoryArgs,
    HospitalSchema,
    OrganisationListArgs,
    OrganisationPatchSchema,
    OrganisationSchema,
    PickupPointPatchSchema,
    PickupPointSchema,
)

blp = Blueprint(
    "organisations",
    __name__,
    url_prefix="/v1",
    description="Organisations, their pickup points, and the directory of hospitals.",
)


@blp.get("/hospitals")
@requires(PUBLIC)
@blp.problems(429)
@blp.pages(HospitalSchema, filters=DirectoryArgs)
@blp.named("listHospitals")
def hospitals(filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
    """Hospitals and their pickup points, for the mini-program to choose a `hospital_id`
    (and a `pickup_point_id`). Public; rate-limited per client address."""
    ratelimit.hit("public_directory", request.remote_addr or "unknown")
    stmt = service.hospital_directory(region_id=filters.get("region_id"))
    return paginate(stmt, Organisation.id, page, newest_first=False)


@blp.route("/organisations")
class Organisations(MethodView):
    @requires("admin", "org_clerk")
    @blp.pages(OrganisationSchema, filters=OrganisationListArgs)
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
        """Organisations with their pickup points (a clerk: their own)."""
        stmt = service.list_organisations(caller=principal(), **filters)
        return paginate(stmt, Organisation.id, page, newest_first=False)

    @requires("admin", idempotent=True)
    @blp.arguments(OrganisationSchema)
    @blp.response(201, OrganisationSchema, headers=LOCATION_HEADER_DOC)
    def post(self, body: dict[str, Any]) -> tuple:
        """Onboard a hospital, court, traffic-police office or enterprise (Idempotency-Key)."""
        organisation = service.create_organisation(service.OrganisationSpec(**body))
        return created(organisation, f"/v1/organisations/{organisation.id}")


@blp.route("/organisations/<organisation_id>")
class OrganisationById(MethodView):
    @requires("admin", "org_clerk")
    @blp.one(OrganisationSchema, headers=ETAG_HEADER_DOC)
    @not_modified_doc
    def get(self, organisation_id: str) -> Any:
        """One organisation with its pickup points (a clerk: only their own; else 404)."""
        return with_etag(_organisation(organisation_id))

    @requires("admin")
    @if_match_required
    @transactional
    @blp.problems(404)
    @blp.arguments(OrganisationPatchSchema)
    @blp.response(200, OrganisationSchema, headers=ETAG_HEADER_DOC)
    def patch(self, changes: dict[str, Any], organisation_id: str) -> tuple:
        """Rename an organisation (admin; If-Match with its ETag)."""
        organisation = _organisation(organisation_id)
        check_if_match(organisation)
        service.update_organisation(organisation, service.OrganisationChanges(**changes))
        return with_etag(organisation)


@blp.post("/organisations/<organisation_id>/pickup-points")
@requires("admin", idempotent=True)
@blp.problems(404)
@blp.arguments(PickupPointSchema)
@blp.response(201, PickupPointSchema, headers=LOCATION_HEADER_DOC)
def create_pickup_point(body: dict[str, Any], organisation_id: str) -> tuple:
    """Add a pickup point to an organisation (admin; Idempotency-Key)."""
    organisation = _organisation(organisation_id)
    point = service.create_pickup_point(organisation, service.PickupPointSpec(**body))
    return created(point, f"/v1/organisations/{organisation.id}/pickup-points/{point.id}")


@blp.route("/organisations/<organisation_id>/pickup-points/<point_id>")
class PickupPointById(MethodView):
    @requires("admin", "org_clerk")
    @blp.one(PickupPointSchema, headers=ETAG_HEADER_DOC)
    @not_modified_doc
    def get(self, organisation_id: str, point_id: str) -> Any:
        """One pickup point (a clerk: only their organisation's; else 404)."""
        return with_etag(_point(organisation_id, point_id))

    @requires("admin")
    @if_match_required
    @transactional
    @blp.problems(404)
    @blp.arguments(PickupPointPatchSchema(partial=True))
    @blp.response(200, PickupPointSchema, headers=ETAG_HEADER_DOC)
    def patch(self, changes: dict[str, Any], organisation_id: str, point_id: str) -> tuple:
        """Change a pickup point: station, name, address, position, run times (admin;
        If-Match with its ETag)."""
        point = _point(organisation_id, point_id)
        check_if_match(point)
        service.update_pickup_point(point, service.PickupPointChanges(**changes))
        return with_etag(point)


def _organisation(organisation_id: str) -> Organisation:
    return service.get_organisation(caller=principal(), organisation_id=organisation_id)


def _point(organisation_id: str, point_id: str) -> Any:
    return service.get_pickup_point(
        caller=principal(), organisation_id=organisation_id, point_id=point_id
    )
