"""Proof-of-service receipts (送达回证) as PDF. No Flask; reads only.

One page per document: the case, the document, the addressee, every visit with its time
and place, the outcome and the service date, the signer with relation and full ID number
(the court is entitled to it) or the refusal's circumstances, the signature image, the
courier, and the custody chain's head hash. Text is set in reportlab's built-in CID font
(STSong-Light), which renders Chinese and keeps it extractable without shipping a font.

A job's receipts are gathered with a handful of set-based queries and drawn on one canvas,
so 1,000 receipts cost one pass, not 1,000 requests' worth of loading.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from courier_api.blobs import service as blobs
from courier_api.blobs.storage import BlobStorage
from courier_api.core.crypto import decrypt
from courier_api.custody.models import CustodyHead
from courier_api.delivery.models import DeliveryAttempt
from courier_api.extensions import db
from courier_api.government.court import attempts_of
from courier_api.government.models import CourtDocument, CourtJob
from courier_api.identity.models import Courier
from courier_api.network.models import Organisation
from courier_api.shipments.service import ID_NUMBER_CONTEXT

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

OUTCOME_LABELS = {
    "served": "已送达 served",
    "served_by_lodging": "留置送达 served by lodging",
    "refused": "拒收退回 refused, returned to the court",
    "undeliverable": "无法送达 undeliverable, returned to the court",
    None: "送达中 in service",
}
RELATION_LABELS = {
    "self": "本人 the addressee",
    "cohabiting_family": "同住成年家属 cohabiting adult family member",
    "legal_representative": "法定代表人 legal representative",
    "mailroom": "收发室 mailroom",
    "duty_room": "值班室 duty room",
    "office": "办公室 office",
}
ATTEMPT_LABELS = {
    "delivered": "签收 signed",
    "failed": "未妥投 not delivered",
    "refused": "拒收 refused",
    "returned": "退回法院 returned to the court",
}
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 50
LABEL_WIDTH = 140
LINE = 15
SIGNATURE_BOX = (240, 80)
PHOTO_BOX = (240, 180)


@dataclass
class Receipt:
    document: CourtDocument
    court: str
    attempts: list[DeliveryAttempt]
    couriers: dict[str, Courier]
    head_hash: str | None
    signature_png: bytes | None
    #: The refusal's photo (JPEG or PNG), when one was taken.
    photo: bytes | None


def _final(attempts: Sequence[DeliveryAttempt]) -> DeliveryAttempt | None:
    """The visit that decided the outcome: the last at the addressee's door."""
    at_door = [a for a in attempts if a.number > 0]
    return at_door[-1] if at_door else None


def gather(
    job: CourtJob, documents: Sequence[CourtDocument], *, storage: BlobStorage
) -> list[Receipt]:
    """Everything the receipts of `documents` (of `job`) print, loaded set-based."""
    shipment_ids = [d.shipment_id for d in documents]
    attempts = attempts_of(shipment_ids)
    courier_ids = {a.courier_id for visits in attempts.values() for a in visits}
    couriers = {
        c.id: c
        for c in db.session.scalars(sa.select(Courier).where(Courier.id.in_(sorted(courier_ids))))
    }
    heads = dict(
        db.session.execute(
            sa.select(CustodyHead.shipment_id, CustodyHead.hash).where(
                CustodyHead.shipment_id.in_(shipment_ids)
            )
        ).all()
    )
    court = db.session.get(Organisation, job.organisation_id)
    # Each document's signature image and refusal photo, whose bytes are read in one go.
    shown = []
    for document in documents:
        final = _final(attempts[document.shipment_id])
        proof = final.proof if final else None
        png_sha = proof.signature_png_sha256 if proof else None
        photo_sha = proof.photo_sha256 if proof and proof.refusal_reason else None
        shown.append((document, png_sha, photo_sha))
    files = blobs.read_many([sha for _, *shas in shown for sha in shas if sha], storage)
    receipts = []
    for document, png_sha, photo_sha in shown:
        receipts.append(
            Receipt(
                document=document,
                court=court.name,
                attempts=attempts[document.shipment_id],
                couriers=couriers,
                head_hash=heads.get(document.shipment_id),
                signature_png=files.get(png_sha),
                photo=files.get(photo_sha),
            )
        )
    return receipts


class _Page:
    """A cursor down one receipt page. All of a page's text goes into one text object
    (one `BT … ET` block), which costs far less than a text object per line."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._start()

    def _start(self) -> None:
        self.y = PAGE_HEIGHT - MARGIN
        self.text = self.canvas.beginText()
        self.text.setFont(FONT, 10)

    def next_page(self) -> None:
        self.finish()
        self.canvas.showPage()
        self._start()

    def title(self, text: str) -> None:
        self.text.setFont(FONT, 18)
        width = pdfmetrics.stringWidth(text, FONT, 18)
        self.text.setTextOrigin((PAGE_WIDTH - width) / 2, self.y)
        self.text.textOut(text)
        self.text.setFont(FONT, 10)
        self.y -= 2 * LINE

    def _line(self, x: float, text: str) -> None:
        if self.y < MARGIN:
            self.next_page()
        self.text.setTextOrigin(x, self.y)
        self.text.textOut(text)

    def row(self, label: str, *values: str) -> None:
        """A label and its values, each wrapped to the column, the first beside the label."""
        width = PAGE_WIDTH - 2 * MARGIN - LABEL_WIDTH
        lines = [line for value in values for line in simpleSplit(value, FONT, 10, width)]
        self._line(MARGIN, label)
        for line in lines or ["-"]:
            self._line(MARGIN + LABEL_WIDTH, line)
            self.y -= LINE

    def image(self, label: str, data: bytes, box: tuple[int, int]) -> None:
        """A label and an image in the box beside it, below the label's baseline."""
        width, height = box
        try:
            image = ImageReader(io.BytesIO(data))
            image.getSize()
        except OSError:
            # A blob is typed by its first bytes only; a damaged one must not cost the
            # court its receipt.
            self.row(label, "(图像无法读取 image unreadable)")
            return
        if self.y - height < MARGIN:
            self.next_page()
        self._line(MARGIN, label)
        self.canvas.drawImage(
            image,
            MARGIN + LABEL_WIDTH,
            self.y + 10 - height,  # the box's top level with the label's capitals
            width=width,
            height=height,
            preserveAspectRatio=True,
            anchor="nw",
        )
        self.y -= height

    def finish(self) -> None:
        self.canvas.drawText(self.text)


def _local(value: datetime | None, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M UTC%z") if value else "-"


def _visit(attempt: DeliveryAttempt, receipt: Receipt, zone: ZoneInfo) -> str:
    courier = receipt.couriers.get(attempt.courier_id)
    parts = [
        f"#{attempt.number}" if attempt.number else "退回 return",
        _local(attempt.occurred_at, zone),
    ]
    if attempt.lat is not None:
        parts.append(f"位置 at {attempt.lat:.5f}, {attempt.lng:.5f}")
    parts.append(ATTEMPT_LABELS.get(attempt.outcome, attempt.outcome))
    if attempt.reason_code and attempt.outcome != "refused":
        parts.append(f"原因 reason: {attempt.reason_code}")
    if attempt.phone_called_at is not None:
        reached = "接通 reached" if attempt.phone_reached else "未接通 not reached"
        parts.append(f"电话 call {_local(attempt.phone_called_at, zone)} {reached}")
    if courier is not None:
        parts.append(f"投递员 {courier.name} ({courier.employee_no})")
    return "; ".join(parts)


def _draw(canvas: Canvas, receipt: Receipt, zone: ZoneInfo) -> None:
    document, shipment = receipt.document, receipt.document.shipment
    page = _Page(canvas)
    page.title("送达回证 Proof of Service")
    page.row("法院 Court", receipt.court)
    page.row("案号 Case number", document.case_number)
    page.row(
        "送达文书 Document",
        document.document_type + (" (调解书 mediation document)" if document.mediation else ""),
    )
    page.row("运单号 Waybill", shipment.waybill)
    page.row("受送达人 Addressee", f"{document.addressee_name} ({document.addressee_role})")
    page.row("送达地址 Address", shipment.recipient_address)
    if document.opposing_party_name:
        page.row("对方当事人 Opposing party", document.opposing_party_name)
    visits = receipt.attempts
    page.row("送达记录 Attempts", *(_visit(attempt, receipt, zone) for attempt in visits))
    page.row("送达结果 Outcome", OUTCOME_LABELS.get(shipment.outcome, shipment.outcome))
    page.row("送达日期 Service date", _local(shipment.outcome_at, zone))
    final = _final(visits)
    proof = final.proof if final else None
    if proof is not None and proof.receiver_name:
        relation = RELATION_LABELS.get(proof.relation, proof.relation or "")
        page.row("签收人 Signed by", f"{proof.receiver_name}, {relation}")
        full_id = (
            decrypt(proof.id_encrypted, context=ID_NUMBER_CONTEXT) if proof.id_encrypted else ""
        )
        page.row("身份证号 ID number", full_id)
    elif proof is not None and proof.refusal_reason:
        page.row("拒收理由 Refusal", proof.refusal_reason)
        witness = " ".join(filter(None, (proof.witness_name, proof.witness_affiliation)))
        page.row("见证人 Witness", witness)
        page.row("现场照片 Photo (SHA-256)", proof.photo_sha256 or "")
        if receipt.photo is not None:
            page.image("", receipt.photo, PHOTO_BOX)
    if final is not None:
        courier = receipt.couriers.get(final.courier_id)
        page.row("投递员 Courier", f"{courier.name} ({courier.employee_no})" if courier else "")
    page.row("监管链 Custody head hash", receipt.head_hash or "")
    if receipt.signature_png is not None:
        page.image("签名 Signature", receipt.signature_png, SIGNATURE_BOX)
    page.finish()
    canvas.showPage()


def render(receipts: Sequence[Receipt], *, zone: ZoneInfo) -> bytes:
    """One PDF with a page (or more) per receipt."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle("送达回证")
    for receipt in receipts:
        _draw(canvas, receipt, zone)
    canvas.save()
    return out.getvalue()
