"""The whole URL map: every blueprint, once."""

from __future__ import annotations

from flask import Flask

from courier_api.blobs.views import blp as blobs_blp
from courier_api.cod.views import blp as cod_blp
from courier_api.cod.views import reports_blp as cod_reports_blp
from courier_api.complaints.views import blp as complaints_blp
from courier_api.complaints.views import reports_blp as complaint_reports_blp
from courier_api.core import ops
from courier_api.courier.views import blp as courier_blp
from courier_api.courier.views import handovers_blp, pins_blp
from courier_api.dispatch.views import blp as dispatch_blp
from courier_api.dispatch.views import reports_blp
from courier_api.extensions import api
from courier_api.government.views import blp as government_blp
from courier_api.hospital.views import blp as hospital_blp
from courier_api.identity.views import auth_blp, clients_blp, people_blp, staff_blp
from courier_api.insurance.views import blp as claims_blp
from courier_api.insurance.views import reports_blp as claim_reports_blp
from courier_api.network.organisation_views import blp as organisations_blp
from courier_api.network.views import blp as network_blp
from courier_api.notify.views import blp as webhooks_blp
from courier_api.pickups.views import blp as pickups_blp
from courier_api.sandbox.views import blp as sandbox_blp
from courier_api.shipments.views import blp as shipments_blp
from courier_api.shipments.views import keys_blp as custody_keys_blp

API_BLUEPRINTS = (
    ops.blp,
    auth_blp,
    people_blp,
    network_blp,
    organisations_blp,
    clients_blp,
    staff_blp,
    pickups_blp,
    hospital_blp,
    shipments_blp,
    custody_keys_blp,
    handovers_blp,
    courier_blp,
    pins_blp,
    dispatch_blp,
    reports_blp,
    blobs_blp,
    webhooks_blp,
    claims_blp,
    claim_reports_blp,
    complaints_blp,
    complaint_reports_blp,
    government_blp,
    cod_blp,
    cod_reports_blp,
    sandbox_blp,
)

#: Endpoints outside the API contract (docs and their assets); they serve no data.
NON_API_ENDPOINTS = frozenset(
    {"api-docs.openapi_json", "api-docs.openapi_swagger_ui", "docs_assets.swagger_ui_asset"}
)


def register_blueprints(app: Flask) -> None:
    for blueprint in API_BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.register_blueprint(ops.docs_assets)
