"""Identity in/out shapes."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import FLAG, UTCDateTime
from courier_api.core.security import STAFF_ROLES

PHONE = ma.validate.Regexp(r"^1[3-9]\d{9}$", error="A mainland mobile number, 11 digits.")


def _text(max_length: int, **kwargs) -> ma.fields.String:
    return ma.fields.String(validate=ma.validate.Length(min=1, max=max_length), **kwargs)


def _initial_password() -> ma.fields.String:
    return ma.fields.String(
        load_only=True,
        required=True,
        validate=ma.validate.Length(min=10, max=200),
        metadata={"description": "initial password; never returned"},
    )


class CourierLoginSchema(ma.Schema):
    employee_no = _text(32, required=True)
    password = _text(200, required=True, load_only=True)
    device_id = _text(128, required=True, metadata={"description": "the handheld's stable id"})


class StaffLoginSchema(ma.Schema):
    username = _text(64, required=True)
    password = _text(200, required=True, load_only=True)


class WeChatLoginSchema(ma.Schema):
    code = _text(128, required=True, metadata={"description": "the code from wx.login()"})


class RefreshSchema(ma.Schema):
    refresh_token = _text(200, required=True, load_only=True)


class PrincipalSchema(ma.Schema):
    kind = ma.fields.String(required=True, metadata={"description": "courier | staff | citizen"})
    id = ma.fields.String(required=True)
    role = ma.fields.String(required=True)
    station_ids = ma.fields.List(ma.fields.String(), required=True)
    organisation_id = ma.fields.String(allow_none=True, required=True)


class TokensSchema(ma.Schema):
    token_type = ma.fields.String(required=True, metadata={"example": "Bearer"})
    access_token = ma.fields.String(required=True)
    expires_in = ma.fields.Integer(required=True, metadata={"description": "seconds"})
    refresh_token = ma.fields.String(
        required=True, metadata={"description": "single use; the answer carries the next one"}
    )
    refresh_expires_in = ma.fields.Integer(required=True, metadata={"description": "seconds"})
    principal = ma.fields.Nested(PrincipalSchema, required=True)


class CourierSchema(ma.Schema):
    id = ma.fields.String(dump_only=True)
    employee_no = _text(32, required=True)
    name = _text(100, required=True)
    phone = ma.fields.String(required=True, validate=PHONE)
    station_id = _text(40, required=True)
    capacity = ma.fields.Integer(
        strict=True,
        load_default=5,
        validate=ma.validate.Range(min=1, max=50),
        metadata={"description": "tasks held at once"},
    )
    password = _initial_password()
    active = ma.fields.Boolean(dump_only=True)
    device_bound = ma.fields.Function(
        lambda c: c.device_id is not None, dump_only=True, metadata=FLAG
    )
    device_bound_at = UTCDateTime(dump_only=True, allow_none=True)
    created_at = UTCDateTime(dump_only=True)


class CourierListArgs(ma.Schema):
    station_id = ma.fields.String()


class ApiClientSchema(ma.Schema):
    """An organisation's signing key (never its secret)."""

    id = ma.fields.String(dump_only=True)
    key_id = ma.fields.String(dump_only=True, metadata={"description": "the X-Client-Key"})
    organisation_id = ma.fields.String(dump_only=True)
    name = _text(100, required=True, metadata={"example": "Pharmacy kiosk 3"})
    sandbox = ma.fields.Boolean(
        load_default=False,
        metadata={
            "description": "a sandbox client: its orders are carried by the robo-courier and "
            "kept apart from live work (production: only clients named in SANDBOX_CLIENTS)"
        },
    )
    revoked_at = UTCDateTime(dump_only=True, allow_none=True)
    created_at = UTCDateTime(dump_only=True)


def _of_client(field: type[ma.fields.Field], name: str, **kwargs) -> ma.fields.Field:
    return field(attribute=f"client.{name}", required=True, **kwargs)


_SECRET = ma.fields.String(
    required=True,
    metadata={"description": "shown this once; not stored anywhere it could be read back"},
)


class NewApiClientSchema(ma.Schema):
    """The new client and its secret (the only time the secret is shown)."""

    id = _of_client(ma.fields.String, "id")
    key_id = _of_client(ma.fields.String, "key_id")
    organisation_id = _of_client(ma.fields.String, "organisation_id")
    name = _of_client(ma.fields.String, "name")
    sandbox = _of_client(ma.fields.Boolean, "sandbox")
    revoked_at = _of_client(UTCDateTime, "revoked_at", allow_none=True)
    created_at = _of_client(UTCDateTime, "created_at")
    secret = _SECRET


class RotateSchema(ma.Schema):
    overlap_hours = ma.fields.Integer(
        strict=True,
        load_default=24,
        validate=ma.validate.Range(min=0, max=168),
        metadata={"description": "how long the secrets live now keep working (0-168)"},
    )


class RotatedSecretSchema(ma.Schema):
    key_id = _of_client(ma.fields.String, "key_id")
    secret = _SECRET
    previous_secrets_expire_at = UTCDateTime(
        attribute="previous_expire_at",
        required=True,
        metadata={"description": "when the secrets live before this rotation stop working"},
    )


_ROLE = ma.validate.OneOf(STAFF_ROLES)
_STATION_IDS = ma.fields.List(
    ma.fields.String(validate=ma.validate.Length(min=1, max=40)),
    validate=ma.validate.Length(max=50),
    metadata={"description": "a dispatcher's stations (ignored for other roles)"},
)
_ORGANISATION_ID = ma.fields.String(
    allow_none=True,
    validate=ma.validate.Length(min=1, max=40),
    metadata={"description": "an organisation clerk's organisation (ignored for other roles)"},
)


class StaffSchema(ma.Schema):
    """A back-office account (never its password)."""

    id = ma.fields.String(dump_only=True)
    username = _text(64, required=True)
    name = _text(100, required=True)
    role = ma.fields.String(required=True, validate=_ROLE)
    organisation_id = _ORGANISATION_ID
    station_ids = _STATION_IDS
    password = _initial_password()
    active = ma.fields.Boolean(dump_only=True)
    created_at = UTCDateTime(dump_only=True)


class StaffPatchSchema(ma.Schema):
    role = ma.fields.String(validate=_ROLE)
    organisation_id = _ORGANISATION_ID
    station_ids = _STATION_IDS
    active = ma.fields.Boolean(metadata={"description": "false: the account can no longer log in"})


class StaffListArgs(ma.Schema):
    role = ma.fields.String(validate=_ROLE)


class EndedSessionsSchema(ma.Schema):
    ended = ma.fields.Integer(required=True, metadata={"description": "sessions ended now"})
