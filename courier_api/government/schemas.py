"""Court-job and archive-transfer shapes. A batch's rows are checked one by one (a bad
row is reported, never fatal), so the batch schema takes them raw and `DocumentRowSchema`
checks each."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Sequence
from typing import Any

import marshmallow as ma

from courier_api.core.errors import Problem, flatten_messages
from courier_api.core.fields import (
    COUNT,
    NULLABLE_TEXT,
    TEXT,
    BusinessDate,
    EachOnItsOwn,
    Personal,
    UTCDateTime,
    one_of,
)
from courier_api.core.masking import ADDRESS, NAME, PHONE
from courier_api.core.masking import ID_NUMBER as ID_NUMBER_DATUM
from courier_api.core.spec import Way, either
from courier_api.custody.schemas import CustodyPromise
from courier_api.delivery.schemas import ProofOutSchema
from courier_api.government.archives import TransferRequest
from courier_api.government.court import OUTCOMES, DocumentRow, InvalidRow
from courier_api.government.models import ADDRESSEE_KINDS, ADDRESSEE_ROLES
from courier_api.shipments.models import SHIPMENT_STATES
from courier_api.shipments.schemas import CustodyEventSchema, PartyInSchema, price_field
from courier_api.shipments.service import Party, Person

MAX_DOCUMENTS = 1_000
ID_NUMBER = ma.validate.Length(min=18, max=18)
SEAL_NO = ma.validate.Length(min=1, max=32)


class DocumentRowSchema(PartyInSchema):
    """One document to serve (also the columns of the CSV upload, same names): the
    addressee's name, phone and address with coordinates, and the case."""

    case_number = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=64),
        metadata={"example": "(2026)粤2071民初1234号"},
    )
    cause = ma.fields.String(
        validate=ma.validate.Length(min=1, max=64),
        metadata={
            "description": "the cause of action (案由), printed on the receipt",
            "example": "民间借贷纠纷",
        },
    )
    document_type = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=64),
        metadata={"example": "起诉状副本及应诉通知书"},
    )
    mediation = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "a mediation document (调解书): never served by lodging"},
    )
    name = ma.fields.String(
        required=True, data_key="addressee_name", validate=ma.validate.Length(min=1, max=100)
    )
    addressee_kind = ma.fields.String(
        load_default="person",
        validate=ma.validate.OneOf(ADDRESSEE_KINDS),
        metadata={
            "description": "who may sign instead: family (person) or mailroom (organisation)"
        },
    )
    addressee_role = ma.fields.String(required=True, validate=ma.validate.OneOf(ADDRESSEE_ROLES))
    opposing_party_name = ma.fields.String(
        validate=ma.validate.Length(min=1, max=100),
        metadata={"description": "may never sign for the addressee"},
    )
    service_deadline = BusinessDate(
        required=True, metadata={"description": "the last day of service (Asia/Shanghai)"}
    )
    reference = ma.fields.String(
        validate=ma.validate.Length(min=1, max=64),
        metadata={
            "description": "the court's own reference for this document (its case system's "
            "id or 文书编号), shown back on the document and its row's verdict",
            "example": "NS-2026-000123",
        },
    )


_ROW = DocumentRowSchema()


def _reference_of(raw: Any) -> str | None:
    """A rejected row's reference, when it is one (to name the row in the verdict)."""
    found = raw.get("reference") if isinstance(raw, dict) else None
    return found if isinstance(found, str) and 0 < len(found) <= 64 else None


def load_rows(rows: Sequence[Any]) -> list[DocumentRow | InvalidRow]:
    """Each row of a batch checked on its own: a bad row becomes that row's verdict."""
    loaded: list[DocumentRow | InvalidRow] = []
    for raw in rows:
        try:
            data = _ROW.load(raw if isinstance(raw, dict) else {})
        except ma.ValidationError as error:
            first = flatten_messages(error.normalized_messages())[0]
            loaded.append(InvalidRow(first["field"], first["message"], _reference_of(raw)))
            continue
        loaded.append(DocumentRow(**data))
    return loaded


def rows_from_csv(data: bytes) -> list[dict[str, Any]]:
    """The rows of a CSV upload (UTF-8, a header row naming the columns as in the JSON
    rows); numbers arrive as text and are read as numbers where they are numbers."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Problem(400, "invalid_csv", "The CSV must be UTF-8.") from None
    rows = []
    for record in csv.DictReader(io.StringIO(text)):
        row: dict[str, Any] = {k.strip(): (v or "").strip() for k, v in record.items() if k}
        row = {k: v for k, v in row.items() if v != ""}
        for name in ("lat", "lng"):
            # Left as it is when not a number: the row's check says what is wrong.
            with contextlib.suppress(KeyError, ValueError):
                row[name] = float(row[name])
        rows.append(row)
    if not rows:
        raise Problem(400, "invalid_csv", "The CSV has a header but no rows.")
    return rows


class CourtJobInSchema(ma.Schema):
    documents = ma.fields.List(
        EachOnItsOwn(DocumentRowSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_DOCUMENTS),
        metadata={"description": "each row is checked on its own: a bad row is reported"},
    )
    pickup_point_id = ma.fields.String(
        validate=ma.validate.Length(min=1, max=40),
        metadata={"description": "where the courier collects them (default: the court's first)"},
    )


class RowResultSchema(ma.Schema):
    row = ma.fields.Integer(required=True, metadata={"description": "1-based, as sent"})
    status = ma.fields.String(required=True, metadata={"enum": ["created", "rejected"]})
    document_id = ma.fields.String(allow_none=True, required=True)
    reference = ma.fields.String(
        allow_none=True,
        required=True,
        dump_default=None,
        metadata={"description": "the court's reference, as sent (null: none, or unreadable)"},
    )
    waybill = ma.fields.String(allow_none=True, required=True)
    code = ma.fields.String(allow_none=True, required=True)
    field = ma.fields.String(allow_none=True, required=True)
    message = ma.fields.String(allow_none=True, required=True)


class ProgressSchema(ma.Schema):
    in_service = ma.fields.Integer(required=True, metadata={"description": "no outcome yet"})
    served = ma.fields.Integer(required=True)
    served_by_lodging = ma.fields.Integer(required=True)
    refused = ma.fields.Integer(required=True)
    undeliverable = ma.fields.Integer(required=True)


class CourtJobSummarySchema(ma.Schema):
    id = ma.fields.String(required=True)
    organisation_id = ma.fields.String(required=True)
    source = ma.fields.String(required=True, metadata={"enum": ["json", "csv"]})
    rows_total = ma.fields.Integer(required=True)
    created = ma.fields.Function(
        lambda job: job.rows_total - len(job.rejected), required=True, metadata=COUNT
    )
    rejected_count = ma.fields.Function(
        lambda job: len(job.rejected), required=True, metadata=COUNT
    )
    pickup_task_id = ma.fields.String(allow_none=True, required=True)
    created_at = UTCDateTime(required=True)


class CourtJobCreatedSchema(CourtJobSummarySchema):
    rows = ma.fields.List(ma.fields.Nested(RowResultSchema), required=True)


class CourtJobSchema(CourtJobSummarySchema):
    progress = ma.fields.Nested(ProgressSchema, required=True)
    rejected = ma.fields.List(ma.fields.Nested(RowResultSchema), required=True)
    documents = ma.fields.List(
        ma.fields.Nested(lambda: CourtDocumentSummarySchema()), required=True
    )


class CourtDocumentSummarySchema(ma.Schema):
    id = ma.fields.String(required=True)
    row = ma.fields.Integer(required=True)
    reference = ma.fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "the court's own reference (null on documents sent before it)"},
    )
    case_number = ma.fields.String(required=True)
    document_type = ma.fields.String(required=True)
    waybill = ma.fields.Function(lambda d: d.shipment.waybill, required=True, metadata=TEXT)
    state = ma.fields.Function(
        lambda d: d.shipment.state, required=True, metadata=one_of(SHIPMENT_STATES)
    )
    outcome = ma.fields.Function(
        lambda d: d.shipment.outcome,
        allow_none=True,
        required=True,
        metadata={**one_of(OUTCOMES), "type": ["string", "null"]},
    )
    price = price_field("shipment.")


class AttemptOutSchema(ma.Schema):
    number = ma.fields.Integer(required=True, metadata={"description": "0: the return"})
    outcome = ma.fields.String(required=True)
    reason_code = ma.fields.String(allow_none=True, required=True)
    occurred_at = UTCDateTime(required=True)
    lat = ma.fields.Float(allow_none=True, required=True)
    lng = ma.fields.Float(allow_none=True, required=True)
    phone_called_at = UTCDateTime(allow_none=True, required=True)
    phone_reached = ma.fields.Boolean(allow_none=True, required=True)
    next_step = ma.fields.String(allow_none=True, required=True)
    proof = ma.fields.Nested(ProofOutSchema, allow_none=True, required=True)


def _court(document) -> list[tuple[str, str]]:
    return [("organisation", document.job.organisation_id)]


def _addressee(datum: str, value) -> Personal:
    return Personal(datum, value, owners=_court, about=lambda d: d.addressee_kind)


class CourtDocumentSchema(CourtDocumentSummarySchema):
    """A document as its court sees it: what the court sent, in full (others see people
    masked); the signer's name as recorded at the door, masked; the full ID number of the
    signer is on the receipt only."""

    job_id = ma.fields.String(required=True)
    shipment_id = ma.fields.String(required=True)
    cause = ma.fields.String(allow_none=True, required=True)
    mediation = ma.fields.Boolean(required=True)
    addressee_name = _addressee(NAME, lambda d: d.addressee_name)
    addressee_kind = ma.fields.String(required=True)
    addressee_role = ma.fields.String(required=True)
    opposing_party_name = Personal(
        NAME, lambda d: d.opposing_party_name, owners=_court, allow_none=True
    )
    phone = _addressee(PHONE, lambda d: d.shipment.recipient_phone)
    address = _addressee(ADDRESS, lambda d: d.shipment.recipient_address)
    service_deadline = ma.fields.Date(required=True)
    service_date = UTCDateTime(
        attribute="shipment.outcome_at",
        allow_none=True,
        required=True,
        metadata={"description": "when the outcome happened (signing or refusal date)"},
    )
    attempts = ma.fields.List(ma.fields.Nested(AttemptOutSchema), required=True)
    receipt_url = ma.fields.Function(
        lambda d: f"/v1/court-jobs/{d.job_id}/documents/{d.id}/receipt.pdf",
        required=True,
        metadata=TEXT,
    )


# --- archive transfers -------------------------------------------------------------------


class DriverSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    id_number = ma.fields.String(required=True, validate=ID_NUMBER, load_only=True)


@either(
    Way("ArchiveToOffice", required=("office_id",), excluded=("driver_address",)),
    Way("ArchiveToDriver", required=("driver_address",), excluded=("office_id",)),
)
class ArchiveDestinationSchema(ma.Schema):
    """Another office, or the driver's address."""

    office_id = ma.fields.String(validate=ma.validate.Length(min=1, max=40))
    driver_address = ma.fields.Nested(
        PartyInSchema, metadata={"description": "the driver's name, phone and address"}
    )

    @ma.validates_schema
    def _one_of(self, data: dict[str, Any], **_: Any) -> None:
        if ("office_id" in data) == ("driver_address" in data):
            raise ma.ValidationError("Give either office_id or driver_address.", "office_id")


class ArchiveTransferInSchema(ma.Schema):
    archive_no = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=64))
    driver = ma.fields.Nested(DriverSchema, required=True)
    seal_no = ma.fields.String(
        required=True,
        validate=SEAL_NO,
        metadata={
            "description": "the sealed bag's number as the sending office sealed it: every "
            "hand-over, the first included, must scan the same",
            "example": "SEAL-000123",
        },
    )
    to = ma.fields.Nested(ArchiveDestinationSchema, required=True)
    pickup_point_id = ma.fields.String(
        validate=ma.validate.Length(min=1, max=40),
        metadata={"description": "where the courier collects it (default: the office's first)"},
    )

    @ma.post_load
    def _request(self, data: dict[str, Any], **_: Any) -> TransferRequest:
        to = data["to"]
        address = to.get("driver_address")
        return TransferRequest(
            archive_no=data["archive_no"],
            driver=Person(**data["driver"]),
            seal_no=data["seal_no"],
            to_office_id=to.get("office_id"),
            to_driver_address=Party(**address) if address else None,
            pickup_point_id=data.get("pickup_point_id"),
        )


class ArchiveTransferSchema(ma.Schema):
    id = ma.fields.String(required=True)
    archive_no = ma.fields.String(required=True)
    driver_name = Personal(
        NAME,
        lambda t: t.driver_name,
        owners=lambda t: [
            ("organisation", t.from_organisation_id),
            ("organisation", t.to_organisation_id),
        ],
    )
    driver_id_masked = Personal(
        ID_NUMBER_DATUM, lambda t: t.driver_id_masked, metadata={"description": "always masked"}
    )
    from_organisation_id = ma.fields.String(required=True)
    destination = ma.fields.String(required=True, metadata={"enum": ["office", "driver"]})
    to_organisation_id = ma.fields.String(allow_none=True, required=True)
    shipment_id = ma.fields.String(required=True)
    waybill = ma.fields.Function(lambda t: t.shipment.waybill, required=True, metadata=TEXT)
    state = ma.fields.Function(
        lambda t: t.shipment.state, required=True, metadata=one_of(SHIPMENT_STATES)
    )
    seal_no = ma.fields.Function(
        lambda t: t.shipment.seal_no, allow_none=True, required=True, metadata=NULLABLE_TEXT
    )
    seal_set_by = ma.fields.String(
        required=True,
        metadata={
            "enum": ["sender", "first_scan"],
            "description": "first_scan: made before offices recorded the seal (and "
            "confirmed receipt): the courier's first scan recorded it",
        },
    )
    price = price_field("shipment.")
    pickup_task_id = ma.fields.String(allow_none=True, required=True)
    received_at = UTCDateTime(
        allow_none=True,
        required=True,
        metadata={"description": "when the receiving office confirmed receipt"},
    )
    created_at = UTCDateTime(required=True)
    custody_promise = CustodyPromise()


class ArchiveReceiptInSchema(ma.Schema):
    seal_no = ma.fields.String(
        required=True,
        validate=SEAL_NO,
        metadata={"description": "the seal number on the bag as received"},
    )


class ArchiveTransferDetailSchema(ArchiveTransferSchema):
    custody = ma.fields.List(
        ma.fields.Nested(CustodyEventSchema),
        required=True,
        metadata={"description": "the chain of custody, oldest first"},
    )
