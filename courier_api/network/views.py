"""Network endpoints: stations and the product catalogue."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from courier_api.core.blueprint import Blueprint
from courier_api.core.etag import (
    ETAG_HEADER_DOC,
    check_if_match,
    if_match_required,
    not_modified_doc,
    with_etag,
)
from courier_api.core.pagination import paginate
from courier_api.core.security import PUBLIC, ROLES, principal, requires
from courier_api.core.transaction import transactional
from courier_api.network import service
from courier_api.network.models import Station
from courier_api.network.schemas import (
    CatalogueSchema,
    StationListArgs,
    StationPatchSchema,
    StationSchema,
)

blp = Blueprint("network", __name__, url_prefix="/v1", description="Stations and products.")


@blp.route("/stations")
class Stations(MethodView):
    @requires(*ROLES)
    @blp.pages(StationSchema, filters=StationListArgs)
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
        """List stations (any authenticated caller)."""
        stmt = service.list_stations(caller=principal(), **filters)
        return paginate(stmt, Station.id, page, newest_first=False)


@blp.route("/stations/<station_id>")
class StationById(MethodView):
    @requires(*ROLES)
    @blp.one(StationSchema, headers=ETAG_HEADER_DOC)
    @not_modified_doc
    def get(self, station_id: str) -> Any:
        """One station, with its ETag for a later PATCH."""
        station = service.get_station(caller=principal(), station_id=station_id)
        return with_etag(station)

    @requires("admin")
    @if_match_required
    @transactional
    @blp.problems(404)
    @blp.arguments(StationPatchSchema(partial=True))
    @blp.response(200, StationSchema, headers=ETAG_HEADER_DOC)
    def patch(self, changes: dict[str, Any], station_id: str) -> tuple:
        """Change a station's settings (admin; If-Match with the station's ETag)."""
        station = service.get_station(caller=principal(), station_id=station_id)
        check_if_match(station)
        service.update_station(station, service.StationChanges(**changes))
        return with_etag(station)


@blp.route("/products")
class Products(MethodView):
    @requires(PUBLIC)
    @blp.response(200, CatalogueSchema)
    def get(self) -> dict[str, Any]:
        """The product catalogue in force: promises, proof, attempts, insurance and fees."""
        catalogue = service.current_catalogue()
        return {
            "catalogue_version": catalogue.version,
            "effective_from": catalogue.effective_from,
            "network_rules": catalogue.network_rules,
            "products": catalogue.products,
        }
