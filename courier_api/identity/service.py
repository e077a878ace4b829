"""Logins, sessions and the people of the network. No Flask; never commits."""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.errors import Problem, conflict, field_error, not_found
from courier_api.core.ids import new_id
from courier_api.core.pg import HotStatement
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal, SessionCheck, issue_access_token
from courier_api.extensions import db
from courier_api.identity.models import AuthSession, Citizen, Courier, RefreshToken, Staff
from courier_api.identity.passwords import hash_password, verify_password
from courier_api.network.models import Organisation, Station

REFRESH_TOKEN_PREFIX = "rt_"


@dataclass(frozen=True)
class Tokens:
    access_token: str
    expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime
    principal: Principal

    def as_dict(self) -> dict[str, Any]:
        now = clock.now()
        return {
            "token_type": "Bearer",
            "access_token": self.access_token,
            "expires_in": math.ceil((self.expires_at - now).total_seconds()),
            "refresh_token": self.refresh_token,
            "refresh_expires_in": math.ceil((self.refresh_expires_at - now).total_seconds()),
            "principal": {
                "kind": self.principal.kind,
                "id": self.principal.id,
                "role": self.principal.role,
                "station_ids": sorted(self.principal.station_ids),
                "organisation_id": self.principal.org_id,
            },
        }


class RefreshTokenReused(Exception):
    """A refresh token was presented twice: its whole family has been revoked."""


def invalid_credentials() -> Problem:
    return Problem(401, "invalid_credentials", "The credentials are not valid.")


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- principals -------------------------------------------------------------------------


def courier_principal(courier: Courier, session_id: str | None) -> Principal:
    return Principal(
        kind="courier",
        id=courier.id,
        role="courier",
        session_id=session_id,
        station_ids=frozenset({courier.station_id}),
    )


def staff_principal(staff: Staff, session_id: str | None) -> Principal:
    return Principal(
        kind="staff",
        id=staff.id,
        role=staff.role,
        session_id=session_id,
        station_ids=frozenset(s.id for s in staff.stations)
        if staff.role == "dispatcher"
        else frozenset(),
        org_id=staff.organisation_id,
    )


def citizen_principal(citizen: Citizen, session_id: str | None) -> Principal:
    return Principal(
        kind="citizen",
        id=citizen.id,
        role="citizen",
        session_id=session_id,
        sandbox=citizen.sandbox,
    )


def _principal_for_session(session: AuthSession) -> Principal | None:
    """Rebuild the caller from the database (roles and scope may have changed)."""
    if session.subject_kind == "citizen":
        citizen = db.session.get(Citizen, session.subject_id)
        return citizen_principal(citizen, session.id) if citizen and citizen.active else None
    if session.subject_kind == "courier":
        courier = db.session.get(Courier, session.subject_id)
        if courier is None or not courier.active or courier.device_id != session.device_id:
            return None
        return courier_principal(courier, session.id)
    if session.subject_kind == "staff":
        staff = db.session.get(Staff, session.subject_id)
        if staff is None or not staff.active:
            return None
        return staff_principal(staff, session.id)
    return None


# --- sessions ---------------------------------------------------------------------------


def _issue_refresh_token(session: AuthSession) -> str:
    token = REFRESH_TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(
        RefreshToken(
            token_hash=_hash_token(token),
            session_id=session.id,
            issued_at=clock.now(),
            expires_at=session.expires_at,
        )
    )
    return token


def open_session(subject: Principal, *, ttl_s: int, device_id: str | None = None) -> AuthSession:
    """A login's record: bearer tokens and the console's cookie both point at one, so a
    logout or an admin's "end sessions" ends either kind at once."""
    now = clock.now()
    session = AuthSession(
        id=new_id("ses"),
        subject_kind=subject.kind,
        subject_id=subject.id,
        device_id=device_id,
        created_at=now,
        expires_at=now + timedelta(seconds=ttl_s),
    )
    db.session.add(session)
    return session


def start_session(
    subject: Principal, *, refresh_ttl_s: int, device_id: str | None = None
) -> Tokens:
    session = open_session(subject, ttl_s=refresh_ttl_s, device_id=device_id)
    caller = Principal(**{**subject.__dict__, "session_id": session.id})
    access, expires = issue_access_token(caller)
    return Tokens(access, expires, _issue_refresh_token(session), session.expires_at, caller)


_SESSION_LIVE = HotStatement(
    sa.select(AuthSession.__table__.c.revoked_at, AuthSession.__table__.c.expires_at).where(
        AuthSession.__table__.c.id == sa.bindparam("session_id")
    )
)


def session_is_live(session_id: str) -> bool:
    """Checked on every bearer request: a logout or revocation takes effect at once."""
    row = _SESSION_LIVE.first({"session_id": session_id})
    return row is not None and session_row_is_live(row.revoked_at, row.expires_at)


def session_row_is_live(revoked_at: datetime | None, expires_at: datetime | None) -> bool:
    """An unknown session (no row: both None) is not live."""
    return expires_at is not None and revoked_at is None and expires_at > clock.now()


SESSION_CHECK = SessionCheck(
    sessions=AuthSession.__table__, check=session_is_live, is_live=session_row_is_live
)


def revoke_sessions(*, subject_id: str, reason: str, session_id: str | None = None) -> int:
    stmt = sa.update(AuthSession).where(
        AuthSession.subject_id == subject_id, AuthSession.revoked_at.is_(None)
    )
    if session_id is not None:
        stmt = stmt.where(AuthSession.id == session_id)
    result = db.session.execute(stmt.values(revoked_at=clock.now(), revoked_reason=reason))
    return result.rowcount or 0


def refresh(*, refresh_token: str) -> Tokens:
    """Rotate: the presented token is spent and a new one of the same family is issued.

    A spent token presented again means it leaked: the family is revoked
    (`RefreshTokenReused`; the caller must commit that revocation)."""
    now = clock.now()
    stored = db.session.get(RefreshToken, _hash_token(refresh_token))
    if stored is None:
        raise Problem(401, "invalid_refresh_token", "The refresh token is not valid.")
    session = db.session.get(AuthSession, stored.session_id)
    if session.revoked_at is not None or session.expires_at <= now or stored.expires_at <= now:
        raise Problem(401, "invalid_refresh_token", "The session has ended; log in again.")
    spent = db.session.execute(
        sa.update(RefreshToken)
        .where(RefreshToken.token_hash == stored.token_hash, RefreshToken.used_at.is_(None))
        .values(used_at=now)
    )
    if spent.rowcount != 1:
        revoke_sessions(subject_id=session.subject_id, session_id=session.id, reason="token_reuse")
        raise RefreshTokenReused
    caller = _principal_for_session(session)
    if caller is None:
        revoke_sessions(subject_id=session.subject_id, session_id=session.id, reason="subject_gone")
        raise Problem(401, "invalid_refresh_token", "The account can no longer log in.")
    access, expires = issue_access_token(caller)
    return Tokens(access, expires, _issue_refresh_token(session), session.expires_at, caller)


# --- logins -----------------------------------------------------------------------------


def login_courier(*, employee_no: str, password: str, device_id: str, refresh_ttl_s: int) -> Tokens:
    courier = db.session.scalars(
        sa.select(Courier).where(Courier.employee_no == employee_no)
    ).first()
    if not verify_password(courier.password_hash if courier else None, password):
        raise invalid_credentials()
    if not courier.active:
        raise invalid_credentials()
    if courier.device_id is None:
        courier.device_id = device_id
        courier.device_bound_at = clock.now()
    elif courier.device_id != device_id:
        raise Problem(
            403,
            "device_not_bound",
            "This account is bound to another device; ask your dispatcher to release it.",
        )
    return start_session(
        courier_principal(courier, None), refresh_ttl_s=refresh_ttl_s, device_id=device_id
    )


def login_citizen(*, openid: str, unionid: str | None, refresh_ttl_s: int) -> Tokens:
    """A WeChat user, known by openid (created on first login; unionid kept when given)."""
    citizen = db.session.scalars(sa.select(Citizen).where(Citizen.openid == openid)).first()
    if citizen is None:
        citizen = Citizen(id=new_id("ctz"), openid=openid, unionid=unionid)
        db.session.add(citizen)
        db.session.flush()
    elif unionid and citizen.unionid != unionid:
        citizen.unionid = unionid
    if not citizen.active:
        raise Problem(403, "account_disabled", "This account has been disabled.")
    return start_session(citizen_principal(citizen, None), refresh_ttl_s=refresh_ttl_s)


def check_staff_password(*, username: str, password: str) -> Staff:
    """The active staff member with these credentials (401 otherwise, the same answer
    for an unknown name, a wrong password and a deactivated account)."""
    staff = db.session.scalars(sa.select(Staff).where(Staff.username == username)).first()
    if not verify_password(staff.password_hash if staff else None, password) or not staff.active:
        raise invalid_credentials()
    return staff


def login_staff(*, username: str, password: str, refresh_ttl_s: int) -> Tokens:
    staff = check_staff_password(username=username, password=password)
    return start_session(staff_principal(staff, None), refresh_ttl_s=refresh_ttl_s)


def live_principal(session_id: str) -> Principal | None:
    """The caller of a live session, rebuilt from the database (None once it ended): the
    console's cookie holds only the session's id."""
    session = db.session.get(AuthSession, session_id)
    if session is None or not session_row_is_live(session.revoked_at, session.expires_at):
        return None
    return _principal_for_session(session)


# --- couriers ---------------------------------------------------------------------------


def list_couriers(*, caller: Principal, station_id: str | None = None) -> sa.Select:
    return scoped_select(Courier, caller, station_id=station_id)


def get_courier(*, caller: Principal, courier_id: str) -> Courier:
    return get_scoped(Courier, courier_id, caller, what="courier")


def _station_in_scope(caller: Principal, station_id: str) -> Station:
    station = db.session.get(Station, station_id)
    allowed = caller.role == "admin" or station_id in caller.station_ids
    if station is None or not allowed:
        raise field_error("station_id", "No such station in your scope.", "not_found")
    return station


@dataclass(frozen=True)
class CourierSpec:
    """A courier to register; the fields are the courier's columns."""

    employee_no: str
    name: str
    phone: str
    station_id: str
    capacity: int = 5


def create_courier(*, caller: Principal, spec: CourierSpec, password: str) -> Courier:
    _station_in_scope(caller, spec.station_id)
    taken = db.session.scalar(
        sa.select(sa.func.count()).where(Courier.employee_no == spec.employee_no)
    )
    if taken:
        raise conflict("employee_no_taken", "A courier with this employee number exists.")
    courier = Courier(id=new_id("cou"), password_hash=hash_password(password), **asdict(spec))
    db.session.add(courier)
    db.session.flush()
    return courier


def release_device(*, caller: Principal, courier_id: str) -> Courier:
    """Unbind the courier's handheld (lost or replaced) and end its sessions."""
    courier = get_courier(caller=caller, courier_id=courier_id)
    courier.device_id = None
    courier.device_bound_at = None
    revoke_sessions(subject_id=courier.id, reason="device_released")
    db.session.flush()
    return courier


@dataclass(frozen=True)
class StaffScope:
    """What a staff member's role reaches: a clerk one organisation, a dispatcher their
    stations; the other roles neither."""

    role: str
    organisation_id: str | None = None
    station_ids: Sequence[str] = ()


def _checked_scope(scope: StaffScope) -> tuple[str | None, list[Station]]:
    """The organisation and stations the role keeps (a field error for a missing or
    unknown one); what another role would not use is dropped."""
    organisation_id, stations = None, []
    if scope.role == "org_clerk":
        known = scope.organisation_id and db.session.get(Organisation, scope.organisation_id)
        if not known:
            raise field_error(
                "organisation_id", "An organisation clerk needs an organisation.", "not_found"
            )
        organisation_id = scope.organisation_id
    if scope.role == "dispatcher":
        wanted = set(scope.station_ids)
        stations = list(db.session.scalars(sa.select(Station).where(Station.id.in_(wanted))))
        if not wanted or len(stations) != len(wanted):
            raise field_error("station_ids", "A dispatcher needs stations that exist.", "not_found")
    return organisation_id, stations


def create_staff(
    *,
    username: str,
    name: str,
    role: str,
    password: str,
    organisation_id: str | None = None,
    station_ids: Sequence[str] = (),
) -> Staff:
    taken = db.session.scalar(sa.select(sa.func.count()).where(Staff.username == username))
    if taken:
        raise conflict("username_taken", "A staff member with this username exists.")
    organisation_id, stations = _checked_scope(StaffScope(role, organisation_id, station_ids or ()))
    staff = Staff(
        id=new_id("stf"),
        username=username,
        name=name,
        role=role,
        organisation_id=organisation_id,
        password_hash=hash_password(password),
        active=True,
    )
    staff.stations = stations
    db.session.add(staff)
    db.session.flush()
    return staff


def list_staff(*, role: str | None = None) -> sa.Select:
    """Every staff member (admins manage them; no one else lists them)."""
    stmt = sa.select(Staff)
    return stmt.where(Staff.role == role) if role else stmt


def get_staff(*, staff_id: str) -> Staff:
    staff = db.session.get(Staff, staff_id)
    if staff is None:
        raise not_found("staff")
    return staff


@dataclass(frozen=True)
class StaffChanges:
    """What an admin may change (None: unchanged); `organisation_id` and `station_ids`
    count with the role they go with."""

    role: str | None = None
    organisation_id: str | None = None
    station_ids: Sequence[str] | None = None
    active: bool | None = None


def update_staff(staff: Staff, changes: StaffChanges) -> Staff:
    """Change role, scope or whether the account may log in. Sessions carry role and scope
    in their tokens, so a change ends them: the new rights hold from the next login."""
    scope = StaffScope(
        role=changes.role or staff.role,
        organisation_id=changes.organisation_id or staff.organisation_id,
        station_ids=changes.station_ids
        if changes.station_ids is not None
        else [s.id for s in staff.stations],
    )
    staff.organisation_id, staff.stations = _checked_scope(scope)
    staff.role = scope.role
    if changes.active is not None:
        staff.active = changes.active
    end_staff_sessions(staff, reason="staff_changed")
    db.session.flush()
    return staff


def end_staff_sessions(staff: Staff, *, reason: str = "ended_by_admin") -> int:
    """End every session of the staff member: API tokens and console cookies alike."""
    return revoke_sessions(subject_id=staff.id, reason=reason)


# --- the courier's own state ---------------------------------------------------------------


def set_shift(*, courier_id: str, on_shift: bool) -> Courier:
    courier = db.session.get(Courier, courier_id)
    if courier.on_shift != on_shift:
        courier.on_shift, courier.shift_changed_at = on_shift, clock.now()
    db.session.flush()
    return courier


@dataclass(frozen=True)
class Ping:
    """Where a courier's handheld was, and when (UTC)."""

    lat: float
    lng: float
    recorded_at: datetime


def _moved() -> HotStatement:
    couriers = Courier.__table__
    newer = sa.or_(
        couriers.c.last_seen_at.is_(None), couriers.c.last_seen_at < sa.bindparam("recorded_at")
    )
    return HotStatement(
        sa.update(couriers)
        .where(couriers.c.id == sa.bindparam("courier_id"), newer)
        .values(
            last_lat=sa.bindparam("lat"),
            last_lng=sa.bindparam("lng"),
            last_seen_at=sa.bindparam("seen_at"),
            updated_at=sa.bindparam("now"),
        )
        .returning(couriers.c.last_seen_at)
    )


#: The newest position, when it is newer than the one kept: one statement, the most
#: frequent write of all (every handheld, every few seconds), not a load and a flush.
_MOVED = _moved()


def record_locations(*, courier_id: str, pings: Sequence[Ping]) -> datetime | None:
    """Keep the newest position (a batch may arrive late or out of order); returns when
    the courier was last seen."""
    newest = max(pings, key=lambda p: p.recorded_at)
    now = clock.now()
    moved = _MOVED.first(
        {
            "courier_id": courier_id,
            "recorded_at": newest.recorded_at,
            "lat": newest.lat,
            "lng": newest.lng,
            "seen_at": min(newest.recorded_at, now),
            "now": now,
        }
    )
    if moved is not None:
        return moved.last_seen_at
    return db.session.scalar(sa.select(Courier.last_seen_at).where(Courier.id == courier_id))
