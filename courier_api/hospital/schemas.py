"""Hospital order shapes. Personal data is shown by the one masking rule
(`core.masking.shown`): in full to the order's owners (the hospital, the patient or
parent), masked (GB/T 41833) to everyone else; ID numbers are never shown in full."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.clock import to_rfc3339
from courier_api.core.fields import (
    FEN,
    PHONE_NUMBER,
    TEXT,
    BusinessDate,
    Derived,
    Fen,
    Personal,
    UTCDateTime,
    one_of,
)
from courier_api.core.idnumber import is_valid_id_number
from courier_api.core.masking import NAME
from courier_api.custody.schemas import CustodyPromise
from courier_api.delivery.proof import PROXY
from courier_api.hospital.birth_certificates import CertificateRequest
from courier_api.hospital.models import APPLICATION_STATES, CHANNELS, DELIVERY_PRODUCTS
from courier_api.hospital.prescriptions import (
    AWAITING_CONFIRMATION,
    DeliveryOrder,
    Medicine,
    Proxy,
    status_of,
)
from courier_api.shipments.models import SHIPMENT_STATES
from courier_api.shipments.schemas import (
    NamedRecipientSchema,
    PartyInSchema,
    options_field,
    party,
    price_field,
)
from courier_api.shipments.service import Party, Person
from courier_api.tasks.models import ITEM_STATUSES, TASK_STATES

MAX_ITEMS = 50
MAX_PROXIES = 3
MEDICINE_CATEGORIES = (
    "ordinary",
    "narcotic",
    "psychotropic",
    "medical_toxic",
    "radioactive",
    "precursor_chemical",
)


class ItemInSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    quantity = ma.fields.Integer(
        required=True, strict=True, validate=ma.validate.Range(min=1, max=999)
    )
    cold_chain = ma.fields.Boolean(
        load_default=False, metadata={"description": "2-8 °C: delivered the same day"}
    )
    category = ma.fields.String(
        load_default="ordinary",
        validate=ma.validate.OneOf(MEDICINE_CATEGORIES),
        metadata={"description": "the drug's management category in the hospital's system"},
    )


class ProxyInSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    relation = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=32),
        metadata={"description": "one of the product's substitute relations (family, agent, …)"},
    )


class DeliveryCreateSchema(ma.Schema):
    """Kiosk: `recipient` given; window: `window_token` from the patient's QR code instead;
    WeChat (the patient): `hospital_id` and `recipient`."""

    channel = ma.fields.String(required=True, validate=ma.validate.OneOf(CHANNELS))
    product = ma.fields.String(
        load_default="prescription", validate=ma.validate.OneOf(DELIVERY_PRODUCTS)
    )
    reference_no = ma.fields.String(
        required=True,
        validate=ma.validate.Regexp(r"^[0-9A-Za-z-]{1,64}$", error="Letters, digits, dashes."),
        metadata={"description": "prescription or record number; once per hospital"},
    )
    hospital_id = ma.fields.String(metadata={"description": "WeChat orders only"})
    pickup_point_id = ma.fields.String(
        metadata={"description": "where it is collected; default the hospital's pharmacy"}
    )
    recipient = ma.fields.Nested(PartyInSchema)
    window_token = ma.fields.String(validate=ma.validate.Length(max=200))
    items = ma.fields.List(
        ma.fields.Nested(ItemInSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_ITEMS),
    )
    declared_value_fen = Fen(load_default=0)
    insured_amount_fen = Fen(load_default=0)
    pin_sign_off = ma.fields.Boolean(load_default=False)
    proxies = ma.fields.List(
        ma.fields.Nested(ProxyInSchema),
        load_default=list,
        validate=ma.validate.Length(max=MAX_PROXIES),
        metadata={
            "description": "who may receive instead of the patient; when any are named, "
            "only they (name and relation checked at the door)",
        },
    )

    @ma.post_load
    def _order(self, data: dict, **kwargs) -> DeliveryOrder:
        recipient = data.pop("recipient", None)
        items = [Medicine(**item) for item in data.pop("items")]
        proxies = [Proxy(**proxy) for proxy in data.pop("proxies")]
        return DeliveryOrder(
            **data,
            items=items,
            proxies=proxies,
            recipient=Party(**recipient) if recipient else None,
        )


class DeliveryListArgs(ma.Schema):
    date = BusinessDate(metadata={"description": "local (Asia/Shanghai) order date; today"})
    status = ma.fields.String(validate=ma.validate.OneOf((AWAITING_CONFIRMATION, *SHIPMENT_STATES)))
    exceptions = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "only overdue, failed or returning deliveries"},
    )


class ItemSchema(ma.Schema):
    name = ma.fields.String(required=True)
    quantity = ma.fields.Integer(required=True)
    cold_chain = ma.fields.Boolean(required=True)


def _owners(order) -> list[tuple[str, str | None]]:
    """A delivery's or an application's owners: the hospital, and the patient or parent."""
    return [("organisation", order.organisation_id), ("citizen", order.citizen_id)]


def _recipient() -> ma.fields.Function:
    return party("recipient", lambda o: o.shipment, owners=_owners)


def _deliver_by(description: str) -> ma.fields.Function:
    """The shipment's delivery promise (UTC)."""
    return ma.fields.Function(
        lambda o: to_rfc3339(o.shipment.deliver_by) if o.shipment.deliver_by else None,
        required=True,
        allow_none=True,
        metadata={"type": ["string", "null"], "format": "date-time", "description": description},
    )


def _run_at(description: str) -> UTCDateTime:
    """The hand-over run that collects the item (or collected it)."""
    return UTCDateTime(
        allow_none=True,
        required=True,
        metadata={"description": f"the hand-over run that collects it; {description}"},
    )


class ProxySchema(ma.Schema):
    name = Personal(NAME, lambda n: n.name, owners=lambda n: n.shipment.owner_keys)
    relation = ma.fields.String(required=True)


class DeliverySchema(ma.Schema):
    id = ma.fields.String(required=True)
    organisation_id = ma.fields.String(required=True)
    pickup_point_id = ma.fields.String(required=True)
    channel = ma.fields.String(required=True)
    product = ma.fields.String(required=True)
    reference_no = ma.fields.String(required=True)
    status = ma.fields.Function(
        status_of,
        required=True,
        metadata=one_of(
            (AWAITING_CONFIRMATION, *SHIPMENT_STATES),
            description=f"{AWAITING_CONFIRMATION}, or the shipment's state",
        ),
    )
    shipment_id = ma.fields.String(required=True)
    waybill = ma.fields.Function(lambda d: d.shipment.waybill, required=True, metadata=TEXT)
    recipient = _recipient()
    items = ma.fields.List(ma.fields.Nested(ItemSchema), required=True)
    proxies = Derived(
        ProxySchema,
        lambda d: [n for n in d.shipment.named_recipients if n.role == PROXY],
        many=True,
        required=True,
        metadata={
            "description": "who may receive instead of the patient (names in full to the "
            "delivery's owners, else masked)",
        },
    )
    cold_chain = ma.fields.Boolean(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    fee_fen = ma.fields.Function(lambda d: d.shipment.fee_fen, required=True, metadata=FEN)
    declared_value_fen = ma.fields.Function(
        lambda d: d.shipment.declared_value_fen, required=True, metadata=FEN
    )
    insured_amount_fen = ma.fields.Function(
        lambda d: d.shipment.insured_amount_fen, required=True, metadata=FEN
    )
    price = price_field("shipment.")
    options = options_field("shipment.")
    deliver_by = _deliver_by("null until the hospital confirms a WeChat order")
    run_at = _run_at("null until the hospital confirms a WeChat order")
    confirmed_at = UTCDateTime(allow_none=True, required=True)
    created_at = UTCDateTime(required=True)


class WindowTokenRequestSchema(ma.Schema):
    recipient = ma.fields.Nested(PartyInSchema, required=True)

    @ma.post_load
    def _recipient(self, data: dict, **kwargs) -> Party:
        return Party(**data["recipient"])


class WindowTokenSchema(ma.Schema):
    token = ma.fields.String(
        required=True, metadata={"description": "show as a QR code; single use"}
    )
    expires_at = UTCDateTime(required=True)


# --- runs -------------------------------------------------------------------------------


class RunListArgs(ma.Schema):
    date = BusinessDate(metadata={"description": "local (Asia/Shanghai) run date; today"})
    pickup_point_id = ma.fields.String()


class RunRequestSchema(ma.Schema):
    pickup_point_id = ma.fields.String(
        required=True, validate=ma.validate.Length(min=1, max=40), metadata={"description": "where"}
    )


class RunTaskSchema(ma.Schema):
    id = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata=one_of(TASK_STATES))
    courier_id = ma.fields.String(allow_none=True, required=True)
    arrived_at = UTCDateTime(allow_none=True, required=True)
    finished_at = UTCDateTime(allow_none=True, required=True)


class PointSchema(ma.Schema):
    id = ma.fields.String(required=True)
    kind = ma.fields.String(required=True)
    name = ma.fields.String(required=True)


class RunCountsSchema(ma.Schema):
    expected = ma.fields.Integer(required=True)
    scanned = ma.fields.Integer(required=True)
    missing = ma.fields.Integer(required=True)
    extra = ma.fields.Integer(required=True)


class ManifestItemSchema(ma.Schema):
    waybill = ma.fields.String(required=True)
    status = ma.fields.String(required=True, metadata=one_of(ITEM_STATUSES))
    scanned_at = UTCDateTime(allow_none=True, required=True)
    shipment_id = ma.fields.String(allow_none=True, required=True)
    product = ma.fields.String(allow_none=True, required=True)
    reference_no = ma.fields.String(allow_none=True, required=True)
    recipient_name = Personal(
        NAME, lambda i: i["recipient_name"], owners=lambda i: i["owners"], allow_none=True
    )


class RunSchema(ma.Schema):
    id = ma.fields.String(required=True)
    organisation_id = ma.fields.String(required=True)
    pickup_point = ma.fields.Nested(PointSchema, required=True)
    scheduled_at = UTCDateTime(required=True)
    task = ma.fields.Nested(RunTaskSchema, required=True)
    counts = ma.fields.Nested(RunCountsSchema, required=True)
    courier_signed_at = UTCDateTime(allow_none=True, required=True)
    courier_signature_sha256 = ma.fields.String(allow_none=True, required=True)
    clerk_signed_at = UTCDateTime(allow_none=True, required=True)
    clerk_signature_sha256 = ma.fields.String(allow_none=True, required=True)
    extra = ma.fields.Boolean(
        required=True, metadata={"description": "asked for now by a clerk or a dispatcher"}
    )
    custody_promise = CustodyPromise()


class RunDetailSchema(RunSchema):
    items = ma.fields.List(ma.fields.Nested(ManifestItemSchema), required=True)

    @ma.pre_dump
    def _owned_by_the_hospital(self, run: dict, **kwargs) -> dict:
        # The hospital handed every item of its run over: its clerks see the names.
        owners = [("organisation", run["organisation_id"])]
        return {**run, "items": [{**item, "owners": owners} for item in run["items"]]}


class SignSchema(ma.Schema):
    signature = ma.fields.Dict(
        required=True, metadata={"description": '{"width", "height", "strokes"} (DESIGN.md)'}
    )


# --- birth certificates -----------------------------------------------------------------


class ParentSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    id_number = ma.fields.String(required=True, load_only=True)

    @ma.validates("id_number")
    def _gb11643(self, value: str, **kwargs) -> None:
        if not is_valid_id_number(value):
            raise ma.ValidationError("Not a valid ID number (GB 11643 check digit).")


class BabySchema(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    birth_date = ma.fields.Date(required=True)


class AddressInSchema(PartyInSchema):
    """Where the certificate goes (the mother's name and the phone are given apart)."""

    class Meta:
        exclude = ("name", "phone")


class ApplicationCreateSchema(ma.Schema):
    hospital_id = ma.fields.String(required=True)
    mother = ma.fields.Nested(
        ParentSchema, required=True, metadata={"description": "the applicant"}
    )
    father = ma.fields.Nested(ParentSchema, required=True)
    baby = ma.fields.Nested(BabySchema, required=True)
    phone = ma.fields.String(required=True, validate=PHONE_NUMBER)
    address = ma.fields.Nested(AddressInSchema, required=True)
    consent = ma.fields.Boolean(
        required=True,
        validate=ma.validate.Equal(True, error="Separate consent is required (PIPL art. 28)."),
        metadata={"description": "separate consent to process the child's and medical data"},
    )
    postage_on_delivery = ma.fields.Boolean(
        load_default=False, metadata={"description": "pay the postage to the courier"}
    )

    @ma.post_load
    def _request(self, data: dict, **kwargs) -> CertificateRequest:
        address = data["address"]
        return CertificateRequest(
            hospital_id=data["hospital_id"],
            mother=Person(**data["mother"]),
            father=Person(**data["father"]),
            baby_name=data["baby"]["name"],
            birth_date=data["baby"]["birth_date"],
            phone=data["phone"],
            address=address["address"],
            lat=address["lat"],
            lng=address["lng"],
            postage_on_delivery=data["postage_on_delivery"],
        )


class ApplicationListArgs(ma.Schema):
    state = ma.fields.String(validate=ma.validate.OneOf(APPLICATION_STATES))


class ReadySchema(ma.Schema):
    certificate_no = ma.fields.String(
        required=True,
        validate=ma.validate.Regexp(r"^[0-9A-Za-z]{6,32}$", error="The certificate's number."),
    )


class RejectSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=2, max=300))


class ApplicationSchema(ma.Schema):
    id = ma.fields.String(required=True)
    organisation_id = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata=one_of(APPLICATION_STATES))
    shipment_id = ma.fields.String(required=True)
    waybill = ma.fields.Function(lambda a: a.shipment.waybill, required=True, metadata=TEXT)
    shipment_state = ma.fields.Function(
        lambda a: a.shipment.state, required=True, metadata=one_of(SHIPMENT_STATES)
    )
    parents = Derived(
        NamedRecipientSchema,
        lambda a: a.shipment.named_recipients,
        many=True,
        required=True,
        metadata={
            "description": "mother and father: names in full to the owners; ID numbers masked",
        },
    )
    baby_name = Personal(NAME, lambda a: a.baby_name, owners=_owners)
    birth_date = ma.fields.Date(required=True)
    recipient = _recipient()
    postage_on_delivery = ma.fields.Boolean(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    fee_fen = ma.fields.Function(lambda a: a.shipment.fee_fen, required=True, metadata=FEN)
    cod_amount_fen = ma.fields.Function(
        lambda a: a.shipment.cod_amount_fen, required=True, metadata=FEN
    )
    price = price_field("shipment.")
    certificate_no = ma.fields.String(allow_none=True, required=True)
    ready_at = UTCDateTime(allow_none=True, required=True)
    rejected_at = UTCDateTime(allow_none=True, required=True)
    reject_reason = ma.fields.String(allow_none=True, required=True)
    deliver_by = _deliver_by("null until the certificate is ready")
    run_at = _run_at("null until the certificate is ready")
    consented_at = UTCDateTime(required=True)
    created_at = UTCDateTime(required=True)
