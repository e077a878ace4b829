"""Login endpoints and the people (couriers) endpoints."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app, request
from flask.views import MethodView

from courier_api.core import ratelimit
from courier_api.core.blueprint import LOCATION_HEADER_DOC, Blueprint, created
from courier_api.core.errors import Problem
from courier_api.core.pagination import paginate
from courier_api.core.security import PUBLIC, STAFF_ROLES, principal, requires
from courier_api.core.transaction import commit, transactional
from courier_api.identity import api_clients, service
from courier_api.identity.models import ApiClient, Courier, Staff
from courier_api.identity.schemas import (
    ApiClientSchema,
    CourierListArgs,
    CourierLoginSchema,
    CourierSchema,
    EndedSessionsSchema,
    NewApiClientSchema,
    RefreshSchema,
    RotatedSecretSchema,
    RotateSchema,
    StaffListArgs,
    StaffLoginSchema,
    StaffPatchSchema,
    StaffSchema,
    TokensSchema,
    WeChatLoginSchema,
)

auth_blp = Blueprint("auth", __name__, url_prefix="/v1/auth", description="Logins and tokens.")
people_blp = Blueprint("people", __name__, url_prefix="/v1", description="Couriers.")
clients_blp = Blueprint(
    "api-clients",
    __name__,
    url_prefix="/v1",
    description="Organisations' API clients: signing keys, rotation, revocation.",
)
staff_blp = Blueprint(
    "staff", __name__, url_prefix="/v1", description="Back-office accounts: roles, scope, sessions."
)

#: Everyone who logs in with a bearer token (API clients sign requests instead).
TOKEN_HOLDERS = ("courier", "citizen", *STAFF_ROLES)


def _refresh_ttl() -> int:
    return current_app.config["REFRESH_TOKEN_TTL_S"]


def limit_login(kind: str, account: str) -> None:
    """The login rate limits, per address and per account (the console's login too)."""
    ratelimit.hit("login_ip", request.remote_addr or "unknown")
    ratelimit.hit("login_account", f"{kind}:{account.lower()}")


@auth_blp.post("/courier/login")
@requires(PUBLIC)
@transactional
@auth_blp.problems(401, 403, 429)
@auth_blp.arguments(CourierLoginSchema)
@auth_blp.response(200, TokensSchema)
@auth_blp.named("loginCourier")
def courier_login(body: dict[str, Any]) -> dict[str, Any]:
    """Courier login on a handheld: binds the account to the device on first use."""
    limit_login("courier", body["employee_no"])
    tokens = service.login_courier(**body, refresh_ttl_s=_refresh_ttl())
    return tokens.as_dict()


@auth_blp.post("/staff/login")
@requires(PUBLIC)
@transactional
@auth_blp.problems(401, 429)
@auth_blp.arguments(StaffLoginSchema)
@auth_blp.response(200, TokensSchema)
@auth_blp.named("loginStaff")
def staff_login(body: dict[str, Any]) -> dict[str, Any]:
    """Back-office login (dispatchers, organisation clerks, claims adjusters, admins)."""
    limit_login("staff", body["username"])
    tokens = service.login_staff(**body, refresh_ttl_s=_refresh_ttl())
    return tokens.as_dict()


@auth_blp.post("/wechat/login")
@requires(PUBLIC)
@transactional
@auth_blp.problems(401, 403, 424, 429)
@auth_blp.arguments(WeChatLoginSchema)
@auth_blp.response(200, TokensSchema)
@auth_blp.named("loginWithWechat")
def wechat_login(body: dict[str, Any]) -> dict[str, Any]:
    """Citizen login from the mini-program: the wx.login code is exchanged with WeChat
    (jscode2session) for an openid; the answer is this API's own session."""
    ratelimit.hit("wechat_login", request.remote_addr or "unknown")
    session = current_app.extensions["connectors"].wechat.code_to_session(body["code"])
    tokens = service.login_citizen(
        openid=session.openid, unionid=session.unionid, refresh_ttl_s=_citizen_refresh_ttl()
    )
    return tokens.as_dict()


def _citizen_refresh_ttl() -> int:
    return current_app.config["CITIZEN_REFRESH_TOKEN_TTL_S"]


@auth_blp.post("/refresh")
@requires(PUBLIC)
@transactional
@auth_blp.problems(401, 429)
@auth_blp.arguments(RefreshSchema)
@auth_blp.response(200, TokensSchema)
@auth_blp.named("refreshTokens")
def refresh(body: dict[str, Any]) -> dict[str, Any]:
    """Trade a refresh token for a new pair. Each refresh token works once; a reused one
    ends its whole session."""
    ratelimit.hit("refresh", request.remote_addr or "unknown")
    try:
        tokens = service.refresh(refresh_token=body["refresh_token"])
    except service.RefreshTokenReused:
        commit()  # the revocation must stick although the request is refused
        raise Problem(
            401,
            "refresh_token_reused",
            "This refresh token was already used; the session has been ended. Log in again.",
        ) from None
    return tokens.as_dict()


@auth_blp.post("/logout")
@requires(*TOKEN_HOLDERS)
@transactional
@auth_blp.response(204)
def logout() -> None:
    """End the caller's session: its access and refresh tokens stop working at once."""
    caller = principal()
    service.revoke_sessions(subject_id=caller.id, session_id=caller.session_id, reason="logout")


@people_blp.route("/couriers")
class Couriers(MethodView):
    @requires("admin", "dispatcher")
    @people_blp.pages(CourierSchema, filters=CourierListArgs)
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
        """Couriers in the caller's scope (a dispatcher: their stations)."""
        stmt = service.list_couriers(caller=principal(), **filters)
        return paginate(stmt, Courier.id, page)

    @requires("admin", "dispatcher", idempotent=True)
    @people_blp.problems(409)
    @people_blp.arguments(CourierSchema)
    @people_blp.response(201, CourierSchema, headers=LOCATION_HEADER_DOC)
    def post(self, body: dict[str, Any]) -> tuple:
        """Register a courier at a station in the caller's scope."""
        password = body.pop("password")
        spec = service.CourierSpec(**body)
        courier = service.create_courier(caller=principal(), spec=spec, password=password)
        return created(courier, f"/v1/couriers/{courier.id}")


@people_blp.get("/couriers/<courier_id>")
@requires("admin", "dispatcher")
@people_blp.one(CourierSchema)
def get_courier(courier_id: str) -> Courier:
    """One courier (404 outside the caller's stations)."""
    return service.get_courier(caller=principal(), courier_id=courier_id)


@people_blp.post("/couriers/<courier_id>/release-device")
@requires("admin", "dispatcher")
@transactional
@people_blp.one(CourierSchema)
@people_blp.named("releaseCourierDevice")
def release_device(courier_id: str) -> Courier:
    """Unbind the courier's handheld (lost or replaced); its sessions end."""
    return service.release_device(caller=principal(), courier_id=courier_id)


# --- organisations' API clients (the CLI calls the same functions) ---------------------


@clients_blp.route("/organisations/<organisation_id>/api-clients")
class OrganisationApiClients(MethodView):
    @requires("admin", "org_clerk")
    @clients_blp.problems(404)
    @clients_blp.pages(ApiClientSchema)
    def get(self, page: dict[str, Any], organisation_id: str) -> dict[str, Any]:
        """The organisation's API clients (a clerk: their own organisation's; an API
        client: itself)."""
        stmt = api_clients.list_api_clients(caller=principal(), organisation_id=organisation_id)
        return paginate(stmt, ApiClient.id, page, newest_first=False)

    @requires("admin")
    @transactional
    @clients_blp.problems(404)
    @clients_blp.arguments(ApiClientSchema)
    @clients_blp.response(201, NewApiClientSchema, headers=LOCATION_HEADER_DOC)
    def post(self, body: dict[str, Any], organisation_id: str) -> tuple:
        """Create a signing key for one of the organisation's systems (admin). The answer
        holds the secret, once. No Idempotency-Key: a replay would have to store the
        secret; a lost answer is recovered by rotating."""
        client, secret = api_clients.create_api_client(
            organisation_id=organisation_id, name=body["name"], sandbox=body["sandbox"]
        )
        issued = api_clients.IssuedSecret(client, secret)
        return created(issued, f"/v1/api-clients/{client.key_id}")


@clients_blp.get("/api-clients/<key_id>")
@requires("admin", "org_clerk")
@clients_blp.one(ApiClientSchema)
def get_api_client(key_id: str) -> ApiClient:
    """One API client by its X-Client-Key (404 outside the caller's organisation)."""
    return api_clients.get_api_client(caller=principal(), key_id=key_id)


@clients_blp.post("/api-clients/<key_id>/rotate")
@requires("admin", "org_clerk")
@transactional
@clients_blp.problems(404, 409)
@clients_blp.arguments(RotateSchema)
@clients_blp.response(200, RotatedSecretSchema)
def rotate_api_client(body: dict[str, Any], key_id: str) -> api_clients.IssuedSecret:
    """Issue a new secret (shown once); the old ones work for `overlap_hours` more. An
    admin, the organisation's clerk, or the client itself; 409 for a revoked client."""
    return api_clients.rotate_secret(
        caller=principal(), key_id=key_id, overlap=timedelta(hours=body["overlap_hours"])
    )


@clients_blp.post("/api-clients/<key_id>/revoke")
@requires("admin", "org_clerk")
@transactional
@clients_blp.one(ApiClientSchema)
def revoke_api_client(key_id: str) -> ApiClient:
    """Refuse every request of this client from now on (an admin, the organisation's
    clerk, or the client itself). Revoking again changes nothing."""
    return api_clients.revoke_api_client(caller=principal(), key_id=key_id)


# --- back-office accounts (admins; the console's staff screens call the same functions) --


@staff_blp.route("/staff")
class StaffMembers(MethodView):
    @requires("admin")
    @staff_blp.pages(StaffSchema, filters=StaffListArgs)
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
        """Every back-office account, oldest first (admin)."""
        return paginate(service.list_staff(**filters), Staff.id, page, newest_first=False)

    @requires("admin", idempotent=True)
    @staff_blp.problems(409)
    @staff_blp.arguments(StaffSchema)
    @staff_blp.response(201, StaffSchema, headers=LOCATION_HEADER_DOC)
    def post(self, body: dict[str, Any]) -> tuple:
        """Create a back-office account with its role and scope (admin; Idempotency-Key):
        a dispatcher's stations, an organisation clerk's organisation."""
        staff = service.create_staff(**body)
        return created(staff, f"/v1/staff/{staff.id}")


@staff_blp.route("/staff/<staff_id>")
class StaffMemberById(MethodView):
    @requires("admin")
    @staff_blp.one(StaffSchema)
    def get(self, staff_id: str) -> Staff:
        """One back-office account (admin)."""
        return service.get_staff(staff_id=staff_id)

    @requires("admin")
    @transactional
    @staff_blp.problems(404)
    @staff_blp.arguments(StaffPatchSchema)
    @staff_blp.response(200, StaffSchema)
    def patch(self, changes: dict[str, Any], staff_id: str) -> Staff:
        """Change a role, its scope, or deactivate the account (admin). The account's
        sessions end: its tokens carry the old rights."""
        staff = service.get_staff(staff_id=staff_id)
        return service.update_staff(staff, service.StaffChanges(**changes))


@staff_blp.post("/staff/<staff_id>/end-sessions")
@requires("admin")
@transactional
@staff_blp.problems(404)
@staff_blp.response(200, EndedSessionsSchema)
@staff_blp.named("endStaffSessions")
def end_staff_sessions(staff_id: str) -> dict[str, int]:
    """End every session of the account at once: its API tokens and console logins (admin)."""
    staff = service.get_staff(staff_id=staff_id)
    return {"ended": service.end_staff_sessions(staff)}
