"""The custody log's documents as the API shows them: evidence bundles, signed tree heads,
the published keys and the promise a response carries (docs/custody.md)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma

from courier_api.core.fields import UTCDateTime
from courier_api.custody import current
from courier_api.custody.models import CUSTODY_KINDS

HEX = {"pattern": "^[0-9a-f]{64}$"}


class TreeHeadSchema(ma.Schema):
    """A signed tree head; the signature (Ed25519, base64) covers the canonical JSON of
    every other field."""

    log = ma.fields.String(required=True)
    number = ma.fields.Integer(required=True)
    tree_size = ma.fields.Integer(required=True)
    root_hash = ma.fields.String(required=True, metadata=HEX)
    timestamp = ma.fields.String(required=True, metadata={"format": "date-time"})
    previous_hash = ma.fields.String(required=True, metadata=HEX)
    key_id = ma.fields.String(required=True)
    signature = ma.fields.String(required=True)


class EvidenceEventSchema(ma.Schema):
    """A link as the log holds it. `missing`: the log has the link, the chain lost it."""

    seq = ma.fields.Integer(required=True)
    kind = ma.fields.String(validate=ma.validate.OneOf(CUSTODY_KINDS))
    shipment_id = ma.fields.String()
    occurred_at = ma.fields.String(metadata={"format": "date-time"})
    recorded_at = ma.fields.String(metadata={"format": "date-time"})
    actor_kind = ma.fields.String()
    actor_id = ma.fields.String()
    station_id = ma.fields.String(allow_none=True)
    task_id = ma.fields.String(allow_none=True)
    refs = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Raw())
    prev_hash = ma.fields.String(metadata=HEX)
    hash = ma.fields.String(required=True, metadata=HEX)
    missing = ma.fields.Boolean(required=True)
    leaf_index = ma.fields.Integer(allow_none=True, required=True)
    inclusion_proof = ma.fields.List(ma.fields.String(metadata=HEX), required=True)


class ConsistencySchema(ma.Schema):
    """RFC 6962's consistency proof from an older signed tree head to the bundle's."""

    from_ = ma.fields.Nested(TreeHeadSchema, required=True, data_key="from", attribute="from")
    proof = ma.fields.List(ma.fields.String(metadata=HEX), required=True)


class EvidenceSchema(ma.Schema):
    format = ma.fields.String(required=True)
    shipment_id = ma.fields.String(required=True)
    events = ma.fields.List(ma.fields.Nested(EvidenceEventSchema), required=True)
    tree_head = ma.fields.Nested(TreeHeadSchema, allow_none=True, required=True)
    consistency = ma.fields.Nested(ConsistencySchema)


class EvidenceArgs(ma.Schema):
    since = ma.fields.Integer(
        validate=ma.validate.Range(min=1),
        metadata={"description": "a tree head you hold: the bundle proves the newest extends it"},
    )


class CustodyKeySchema(ma.Schema):
    kid = ma.fields.String(required=True)
    alg = ma.fields.String(required=True, validate=ma.validate.OneOf(["Ed25519"]))
    public_key = ma.fields.String(required=True, metadata={"description": "raw key, base64"})
    not_before = UTCDateTime(allow_none=True, required=True)
    not_after = UTCDateTime(allow_none=True, required=True)


class CustodyKeysSchema(ma.Schema):
    keys = ma.fields.List(ma.fields.Nested(CustodyKeySchema), required=True)


class PromisedEventSchema(ma.Schema):
    shipment_id = ma.fields.String(required=True)
    seq = ma.fields.Integer(required=True)
    event_hash = ma.fields.String(required=True, metadata=HEX)


class CustodyPromiseSchema(ma.Schema):
    """A signed promise to include the recorded events in the log (as CT's SCT): keep it;
    the verifier checks a bundle against it (docs/custody.md)."""

    log = ma.fields.String(required=True)
    events = ma.fields.List(ma.fields.Nested(PromisedEventSchema), required=True)
    timestamp = ma.fields.String(required=True, metadata={"format": "date-time"})
    key_id = ma.fields.String(required=True)
    signature = ma.fields.String(required=True)


class CustodyPromise(ma.fields.Nested):
    """The response's promise for the custody events its request recorded (null when it
    recorded none): the one field every such response carries."""

    def __init__(self, **kwargs: Any) -> None:
        description = "the signed promise for the custody events this request recorded"
        super().__init__(
            CustodyPromiseSchema,
            dump_only=True,
            allow_none=True,
            metadata={"description": description},
            **kwargs,
        )

    def serialize(self, attr: str, obj: Any, accessor: Any = None, **kwargs: Any) -> Any:
        return self._serialize(current.promise_now(), attr, obj, **kwargs)
