"""marshmallow fields for this API's conventions (UTC times with Z, local HH:MM, ...)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import marshmallow as ma
from flask import g, has_request_context

from courier_api.core.clock import to_rfc3339
from courier_api.core.masking import PERSON, is_owner, owner_key, shown
from courier_api.core.security import Principal

HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


#: OpenAPI types of computed (`Function`) fields, which apispec cannot infer.
TEXT = {"type": "string"}
NULLABLE_TEXT = {"type": ["string", "null"]}
COUNT = {"type": "integer"}
FLAG = {"type": "boolean"}
FEN = {"type": "integer", "description": "amount in fen"}
OBJECT = {"type": "object"}


def one_of(states: Iterable[str], **metadata: Any) -> dict:
    """Metadata of a state field: a string, one of its state machine's own `states`."""
    return {"type": "string", "enum": list(states), **metadata}


class UTCDateTime(ma.fields.AwareDateTime):
    """RFC 3339 in UTC (`...Z`) out; any RFC 3339 offset in, converted to UTC."""

    def _serialize(self, value: datetime | None, attr, obj, **kwargs):
        return None if value is None else to_rfc3339(value)


class LocalTime(ma.fields.String):
    """A wall-clock time `HH:MM` in the business time zone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault("example", "08:00")
        super().__init__(validate=ma.validate.Regexp(HHMM, error="Use HH:MM (24-hour)."), **kwargs)


#: A mainland mobile or landline number (a person's, or an institution's desk).
PHONE_NUMBER = ma.validate.Regexp(
    r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$", error="A mainland mobile or landline number."
)

#: ¥10 billion: far above any parcel's value, far below a 64-bit column's limit.
MAX_FEN = 1_000_000_000_000


class Fen(ma.fields.Integer):
    """Money in integer fen (1/100 yuan), at least `minimum` (documented as the contract's
    `minimum`, so a client's validator refuses what the server would)."""

    def __init__(self, *, minimum: int = 0, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault("description", "amount in fen")
        kwargs.setdefault("strict", True)
        super().__init__(validate=ma.validate.Range(min=minimum, max=MAX_FEN), **kwargs)


class StrictFloat(ma.fields.Float):
    """A JSON number; a string that looks like one is still a wrong type."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class Latitude(StrictFloat):
    def __init__(self, **kwargs):
        super().__init__(validate=ma.validate.Range(min=-90, max=90), **kwargs)


class Longitude(StrictFloat):
    def __init__(self, **kwargs):
        super().__init__(validate=ma.validate.Range(min=-180, max=180), **kwargs)


class EachOnItsOwn(ma.fields.Nested):
    """Documented as the nested schema, but left raw: each item of a batch is checked on its
    own by the service, so one bad item gets its own verdict instead of failing the batch."""

    def _deserialize(self, value, attr, data, **kwargs):
        return value


class Derived(ma.fields.Nested):
    """Documented as the nested schema, dumped as `value` computes it from the whole object
    (a party of its shipment, its proxies): not an attribute, but still a typed shape."""

    _CHECK_ATTRIBUTE = False

    def __init__(self, nested: Any, value: Callable[[Any], Any], **kwargs: Any) -> None:
        self.value = value
        super().__init__(nested, dump_only=True, **kwargs)

    def _serialize(self, nested_obj, attr, obj, **kwargs):
        return super()._serialize(self.value(obj), attr, obj, **kwargs)


class BusinessDate(ma.fields.Date):
    """A day of the network's business (a report day, a deadline): within a range the
    service can turn into UTC instants, so `9999-12-31` is a 422, not an overflow."""

    EARLIEST, LATEST = date(2000, 1, 1), date(2199, 12, 31)
    #: The range as the contract can say it to a JSON Schema validator (years 2000-2199;
    #: `format: date` checks the rest).
    PATTERN = r"^2[01]\d{2}-\d{2}-\d{2}$"

    def __init__(self, **kwargs):
        kwargs.setdefault("validate", ma.validate.Range(min=self.EARLIEST, max=self.LATEST))
        kwargs.setdefault("metadata", {}).setdefault("pattern", self.PATTERN)
        super().__init__(**kwargs)


class DayRangeArgs(ma.Schema):
    """`?from=&to=`: business days, inclusive, `to` not before `from` (reports)."""

    from_ = BusinessDate(required=True, data_key="from")
    to = BusinessDate(required=True)

    @ma.validates_schema
    def _ordered(self, data: dict, **kwargs) -> None:
        if data["to"] < data["from_"]:
            raise ma.ValidationError("`to` is before `from`.", field_name="to")


def viewer() -> Principal | None:
    """Who the response is for: the caller `requires` authenticated (None outside a
    request, or on a public endpoint: the strictest view)."""
    return g.get("principal") if has_request_context() else None


Owners = Callable[[Any], Iterable[tuple[str, str | None]]]


class Personal(ma.fields.Function):
    """A datum about a party (`core.masking` NAME, PHONE, ADDRESS, ID_NUMBER), shown to the
    viewer by the one masking rule (`core.masking.shown`): in full to the object's owners
    and for institutions, masked otherwise; ID numbers always masked.

    - value: the datum of the object being dumped;
    - owners: the object's owners as (kind, id) pairs (none: nobody sees it unmasked);
    - about: PERSON, ORGANISATION, or a function of the object giving one (None: a person).
    """

    def __init__(
        self,
        datum: str,
        value: Callable[[Any], str | None],
        *,
        owners: Owners | None = None,
        about: str | Callable[[Any], str | None] = PERSON,
        **kwargs: Any,
    ) -> None:
        self.datum, self.value, self.owners = datum, value, owners
        self.about = about if callable(about) else (lambda _obj, kind=about: kind)
        kwargs.setdefault("required", True)
        kwargs.setdefault("metadata", {}).setdefault(
            "description", f"{datum}: in full to its owners and for institutions, else masked"
        )
        super().__init__(serialize=self._show, **kwargs)

    def _show(self, obj: Any) -> str | None:
        about = self.about(obj)
        caller = viewer()
        owner = (
            self.owners is not None
            and owner_key(caller) is not None
            and is_owner(caller, self.owners(obj))
        )
        return shown(self.value(obj), self.datum, owner=owner, about=about)
