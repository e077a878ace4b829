"""Couriers, staff, and the login sessions of every kind of person."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courier_api.core.db import Timestamps, UTCDateTime, id_column
from courier_api.core.ids import ID_LENGTH
from courier_api.core.scoping import station_scope
from courier_api.core.security import STAFF_ROLES, Principal
from courier_api.extensions import db

staff_stations = sa.Table(
    "staff_stations",
    db.metadata,
    sa.Column("staff_id", sa.ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("station_id", sa.ForeignKey("stations.id"), primary_key=True),
)


class Courier(Timestamps, db.Model):
    """A courier of one station, bound to one handheld device until released."""

    __tablename__ = "couriers"

    id: Mapped[str] = id_column()
    employee_no: Mapped[str] = mapped_column(sa.String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    phone: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    station_id: Mapped[str] = mapped_column(
        sa.ForeignKey("stations.id"), nullable=False, index=True
    )
    password_hash: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    device_id: Mapped[str | None] = mapped_column(sa.String(128))
    device_bound_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    capacity: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=5)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    #: Shift and last known position, as the handheld reports them (dispatch reads these).
    on_shift: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )
    shift_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_lat: Mapped[float | None] = mapped_column(sa.Float)
    last_lng: Mapped[float | None] = mapped_column(sa.Float)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The handheld's last sync upload (also what serialises two uploads of one courier).
    last_synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The station's robo-courier (docs/integrators/sandbox.md): never on shift, shown to
    #: no live caller.
    sandbox: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        return sa.and_(
            cls.sandbox.is_(caller.sandbox),
            station_scope(cls.station_id, caller, lambda courier: cls.id == courier.id),
        )


class Staff(Timestamps, db.Model):
    """Back-office people: dispatchers (stations), org clerks (one organisation),
    claims adjusters and admins."""

    __tablename__ = "staff"

    id: Mapped[str] = id_column()
    username: Mapped[str] = mapped_column(sa.String(64), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    role: Mapped[str] = mapped_column(
        sa.Enum(*STAFF_ROLES, name="staff_role", native_enum=False), nullable=False
    )
    organisation_id: Mapped[str | None] = mapped_column(sa.ForeignKey("organisations.id"))
    password_hash: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)

    stations = relationship("Station", secondary=staff_stations, lazy="selectin")

    @property
    def station_ids(self) -> list[str]:
        return sorted(station.id for station in self.stations)

    __table_args__ = (
        sa.CheckConstraint(
            "(role = 'org_clerk') = (organisation_id IS NOT NULL)",
            name="clerk_has_organisation",
        ),
    )


class AuthSession(db.Model):
    """One login: its refresh tokens form a family; revoking it ends every token of it."""

    __tablename__ = "auth_sessions"

    id: Mapped[str] = id_column()
    subject_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    subject_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False, index=True)
    device_id: Mapped[str | None] = mapped_column(sa.String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(sa.String(32))


class RefreshToken(db.Model):
    """A refresh token, stored only as its SHA-256. Each is good for one use."""

    __tablename__ = "refresh_tokens"

    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(
        sa.ForeignKey("auth_sessions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Citizen(Timestamps, db.Model):
    """A WeChat mini-program user, known by openid (unionid kept when WeChat gives one)."""

    __tablename__ = "citizens"

    id: Mapped[str] = id_column()
    openid: Mapped[str] = mapped_column(sa.String(64), unique=True, nullable=False)
    unionid: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    #: A sandbox caller (docs/integrators/sandbox.md): its orders are carried by the
    #: robo-courier and kept apart from live work.
    sandbox: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )


class ApiClient(Timestamps, db.Model):
    """A kiosk, window terminal or case system of one organisation; signs every request."""

    __tablename__ = "api_clients"

    id: Mapped[str] = id_column()
    key_id: Mapped[str] = mapped_column(sa.String(40), unique=True, nullable=False)
    organisation_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organisations.id"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: A sandbox caller (docs/integrators/sandbox.md): its orders are carried by the
    #: robo-courier and kept apart from live work.
    sandbox: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )

    secrets: Mapped[list[ApiClientSecret]] = relationship(
        back_populates="client", order_by="ApiClientSecret.created_at", lazy="selectin"
    )


class ApiClientSecret(db.Model):
    """A signing secret, encrypted at rest (HMAC needs it back). Two may be live while a
    client rotates: the old one until `expires_at`."""

    __tablename__ = "api_client_secrets"

    id: Mapped[str] = id_column()
    client_id: Mapped[str] = mapped_column(
        sa.ForeignKey("api_clients.id", ondelete="CASCADE"), nullable=False, index=True
    )
    secret_encrypted: Mapped[str] = mapped_column(sa.String(300), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    client: Mapped[ApiClient] = relationship(back_populates="secrets")
