"""Proof-of-service receipts (送达回证) as PDF, in the court's form. No Flask; reads only.

One page per document: a bordered table with 案由, 案号, 受送达人, 送达文书 (名称, 件数),
送达地点, 受送达人签名或盖章 and 签收日期, 代收人及代收理由, 拒收事由和日期 with the witness,
送达人, 填发人 and 备注 (what happened on which visit, the return to the court, the waybill
and the custody chain's head hash). Dates are written 年 月 日 in business time.

Each receipt carries its shipment's custody evidence bundle (docs/custody.md) as an embedded
file, `custody-<waybill>.json`, and a QR code with the signed tree head's number and root
hash, so a court verifies the chain offline (sdk/verifier/courier_verify.py).

A service date (送达日期) is printed only where service happened (`served`,
`served_by_lodging`); a refused or undeliverable document says what happened instead, and
that it was returned to the court only once the court's side signed for it.

Text is set in Noto Serif SC, a subset embedded in the PDF (fpdf2 subsets the OpenType CFF
font with fontTools), so the receipt reads on a viewer without Chinese fonts and rare
characters in names (堃, 喆, 昇, 䶮 of Extension A) have glyphs.

A job's receipts are gathered with a handful of set-based queries and drawn into one
document, so 1,000 receipts cost one pass, not 1,000 requests' worth of loading.
"""

from __future__ import annotations

import functools
import io
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from fpdf import FPDF
from PIL import Image, UnidentifiedImageError
from pylopdf_fonts_zh_cn import serif_path
from reportlab.graphics.barcode import qrencoder

from courier_api.blobs import service as blobs
from courier_api.blobs.storage import BlobStorage
from courier_api.core.crypto import decrypt
from courier_api.custody import log as custody_log
from courier_api.custody.models import CustodyHead
from courier_api.delivery.models import DeliveryAttempt, DeliveryProof
from courier_api.extensions import db
from courier_api.government.court import attempts_of
from courier_api.government.models import CourtDocument, CourtJob
from courier_api.identity.models import ApiClient, Courier, Staff
from courier_api.network.models import Organisation
from courier_api.shipments.service import ID_NUMBER_CONTEXT

FONT = "NotoSerifSC"
# fontTools reports every table it subsets at INFO: not worth a line per receipt.
logging.getLogger("fontTools").setLevel(logging.WARNING)
#: The outcomes on which the document counts as served, with the date it was.
SERVED = ("served", "served_by_lodging")
OUTCOME_LABELS = {
    "served": "已送达",
    "served_by_lodging": "留置送达",
    "refused": "受送达人拒收调解书，调解书不适用留置送达，未送达",
    "undeliverable": "无法送达",
    None: "送达中",
}
ROLE_LABELS = {
    "plaintiff": "原告",
    "defendant": "被告",
    "third_party": "第三人",
    "appellant": "上诉人",
    "appellee": "被上诉人",
    "other": "其他",
}
RELATION_LABELS = {
    "cohabiting_family": "同住成年家属",
    "legal_representative": "法定代表人",
    "mailroom": "收发室",
    "duty_room": "值班室",
    "office": "办公室",
}
REASON_LABELS = {
    "nobody_home": "无人在家",
    "address_not_found": "地址不详",
    "moved": "受送达人已迁离",
    "refused": "拒收",
    "recipient_unreachable": "无法联系受送达人",
    "reschedule_requested": "受送达人另约时间",
    "access_denied": "无法进入",
    "damaged": "文书破损",
    "other": "其他原因",
}


@dataclass
class Receipt:
    document: CourtDocument
    court: str
    #: Who filled in and issued the form (填发人): the court's clerk or case system.
    issuer: str
    attempts: list[DeliveryAttempt]
    couriers: dict[str, Courier]
    head_hash: str | None
    signature_png: bytes | None
    #: The refusal's photo (JPEG or PNG), when one was taken.
    photo: bytes | None
    #: The custody evidence bundle, embedded in the PDF.
    evidence: dict


def _final(attempts: Sequence[DeliveryAttempt]) -> DeliveryAttempt | None:
    """The visit that decided the outcome: the last at the addressee's door."""
    at_door = [a for a in attempts if a.number > 0]
    return at_door[-1] if at_door else None


def _issuer(job: CourtJob) -> str:
    """The name of whoever submitted the job: a clerk's, or the case system's."""
    for model in (Staff, ApiClient):
        found = db.session.get(model, job.submitted_by)
        if found is not None:
            return found.name
    return ""


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
    issuer = _issuer(job)
    evidence = custody_log.evidence_many(shipment_ids)
    # Each document's signature image and refusal photo, whose bytes are read in one go.
    shown = []
    for document in documents:
        final = _final(attempts[document.shipment_id])
        proof = final.proof if final else None
        png_sha = proof.signature_png_sha256 if proof else None
        photo_sha = proof.photo_sha256 if proof and proof.refusal_reason else None
        shown.append((document, png_sha, photo_sha))
    files = blobs.read_many([sha for _, *shas in shown for sha in shas if sha], storage)
    return [
        Receipt(
            document=document,
            court=court.name,
            issuer=issuer,
            attempts=attempts[document.shipment_id],
            couriers=couriers,
            head_hash=heads.get(document.shipment_id),
            signature_png=files.get(png_sha),
            photo=files.get(photo_sha),
            evidence=evidence[document.shipment_id],
        )
        for document, png_sha, photo_sha in shown
    ]


# --- what the form says ------------------------------------------------------------------


def _date(value: datetime | None, zone: ZoneInfo) -> str:
    if value is None:
        return ""
    local = value.astimezone(zone)
    return f"{local.year}年{local.month}月{local.day}日"


def _moment(value: datetime, zone: ZoneInfo) -> str:
    return f"{_date(value, zone)} {value.astimezone(zone):%H:%M}"


def _courier(receipt: Receipt, attempt: DeliveryAttempt | None) -> str:
    courier = receipt.couriers.get(attempt.courier_id) if attempt else None
    return f"{courier.name}（工号 {courier.employee_no}）" if courier else ""


def _full_id(proof: DeliveryProof) -> str:
    """The signer's full ID number: the court is entitled to it on its own receipt."""
    return decrypt(proof.id_encrypted, context=ID_NUMBER_CONTEXT) if proof.id_encrypted else ""


def _visit(attempt: DeliveryAttempt, receipt: Receipt, zone: ZoneInfo) -> str:
    """One visit at the addressee's door, as the 备注 lists it."""
    what = {"delivered": "签收", "refused": "拒收"}.get(attempt.outcome)
    if what is None:
        what = (
            "未能送达（" + REASON_LABELS.get(attempt.reason_code, attempt.reason_code or "") + "）"
        )
    line = f"第{attempt.number}次 {_moment(attempt.occurred_at, zone)} {what}"
    if attempt.phone_called_at is not None:
        reached = "已接通" if attempt.phone_reached else "未接通"
        line += f"；{_moment(attempt.phone_called_at, zone)} 电话联系受送达人，{reached}"
    return f"{line}；送达人 {_courier(receipt, attempt)}"


def _return(receipt: Receipt, zone: ZoneInfo) -> str:
    """Where the document is on its way back: returned (when, to whom) or still going."""
    returned = next((a for a in receipt.attempts if a.outcome == "returned"), None)
    if returned is None:
        return "文书正在退回法院途中，尚未退回。"
    signer = returned.proof.receiver_name if returned.proof else ""
    return f"文书已于 {_moment(returned.occurred_at, zone)} 退回法院，由 {signer} 签收。"


def _remarks(receipt: Receipt, zone: ZoneInfo) -> list[str]:
    shipment = receipt.document.shipment
    outcome = shipment.outcome
    lines = [f"送达结果：{OUTCOME_LABELS.get(outcome, outcome)}"]
    if outcome in SERVED:
        lines[0] += f"，送达日期 {_date(shipment.outcome_at, zone)}"
    if outcome == "served_by_lodging":
        lines.append("受送达人拒绝签收，经见证和/或拍照记录，文书留置于送达地点，视为送达。")
    visits = [a for a in receipt.attempts if a.number > 0]
    if visits:
        lines.append("送达经过：")
        lines += [_visit(attempt, receipt, zone) for attempt in visits]
    if outcome == "undeliverable":
        lines.append(f"经{len(visits)}次投递及电话联系，未能送达受送达人。")
    if outcome in ("refused", "undeliverable"):
        lines.append(_return(receipt, zone))
    lines.append(f"法院专递运单号：{shipment.waybill}")
    lines.append(f"监管链末端哈希：{receipt.head_hash or ''}")
    return lines


@dataclass(frozen=True)
class _Signed:
    """Who signed at the door, as the form's two signing rows show it."""

    addressee: str
    substitute: str
    date: str


def _signed(receipt: Receipt, proof: DeliveryProof | None, zone: ZoneInfo) -> _Signed:
    shipment = receipt.document.shipment
    if shipment.outcome != "served" or proof is None:
        return _Signed("", "", "")
    date = _date(shipment.outcome_at, zone)
    who = f"{proof.receiver_name}（身份证号 {_full_id(proof)}）"
    if proof.relation in (None, "self"):
        return _Signed(who, "", date)
    reason = RELATION_LABELS.get(proof.relation, proof.relation)
    return _Signed("", f"{who}\n代收理由：系受送达人的{reason}", date)


def _refusal(
    proof: DeliveryProof | None, final: DeliveryAttempt | None, zone: ZoneInfo
) -> tuple[str, str]:
    """The refusal's reason and witness, and its date."""
    if proof is None or not proof.refusal_reason:
        return "", ""
    lines = [f"拒收事由：{proof.refusal_reason}"]
    if proof.witness_name:
        witness = proof.witness_name
        if proof.witness_affiliation:
            witness += f"（{proof.witness_affiliation}）"
        lines.append(f"见证人：{witness}")
    if proof.photo_sha256:
        lines.append(f"现场照片 SHA-256：{proof.photo_sha256}")
    return "\n".join(lines), _date(final.occurred_at, zone) if final else ""


# --- drawing -------------------------------------------------------------------------------

#: The form's columns (mm): label, value, label, value; its text size (pt), line and padding.
COLUMNS = (38, 72, 24, 46)
TEXT_PT = 10.5
LINE = 5.5
PAD = 2.0
SIGNATURE_HEIGHT = 16
PHOTO_HEIGHT = 40
MARGIN = 15


def _image(data: bytes | None) -> io.BytesIO | None:
    """An image to draw, or None when there is none or it cannot be read: a blob is typed
    by its first bytes only, and a damaged one must not cost the court its receipt."""
    if data is None:
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        return None
    return io.BytesIO(data)


@dataclass(frozen=True)
class _Cell:
    text: str
    span: int = 1
    label: bool = False
    image: io.BytesIO | None = None
    image_height: float = 0


def _label(text: str) -> _Cell:
    return _Cell(text, label=True)


class _Form:
    """The form's table drawn cell by cell on fixed columns, each row as tall as its
    tallest cell. Drawn directly rather than with fpdf2's general table layout, which
    cost ten times as long for a job's 1,000 receipts."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.y = 0.0
        self._widths: dict[str, float] = {}

    def _width(self, character: str) -> float:
        width = self._widths.get(character)
        if width is None:
            width = self._widths[character] = self.pdf.get_string_width(character)
        return width

    def _lines(self, text: str, width: float) -> list[str]:
        """The text wrapped to the width at any character (Chinese has no spaces to break
        at), keeping its own line breaks."""
        lines = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for character in paragraph:
                advance = self._width(character)
                if line and used + advance > width:
                    lines.append(line)
                    line, used = "", 0.0
                line, used = line + character, used + advance
            lines.append(line)
        return lines

    def row(self, *cells: _Cell) -> None:
        widths, x = [], float(MARGIN)
        columns = iter(COLUMNS)
        for cell in cells:
            widths.append(sum(next(columns) for _ in range(cell.span)))
        texts = [
            self._lines(c.text, w - 2 * PAD) if c.text else []
            for c, w in zip(cells, widths, strict=True)
        ]
        height = max(
            2 * PAD + c.image_height + len(t) * LINE for c, t in zip(cells, texts, strict=True)
        )
        if self.y + height > self.pdf.h - MARGIN:
            self.pdf.add_page()
            self.y = MARGIN
        for cell, width, lines in zip(cells, widths, texts, strict=True):
            self._cell(cell, x, width, height, lines)
            x += width
        self.y += height

    def _cell(self, cell: _Cell, x: float, width: float, height: float, lines: list[str]) -> None:
        pdf = self.pdf
        pdf.rect(x, self.y, width, height)
        content = cell.image_height + len(lines) * LINE
        top = self.y + (height - content) / 2
        if cell.image is not None:
            pdf.image(
                cell.image,
                x=x + PAD,
                y=top,
                h=cell.image_height,
                keep_aspect_ratio=True,
                w=width - 2 * PAD,
            )
            top += cell.image_height
        for number, line in enumerate(lines):
            left = x + PAD
            if cell.label:
                left = x + (width - pdf.get_string_width(line)) / 2
            pdf.text(left, top + number * LINE + LINE * 0.72, line)


def _title(pdf: FPDF, court: str) -> float:
    """The court's name and the form's title; where the table starts."""
    pdf.add_page()
    pdf.set_font(FONT, size=16)
    pdf.cell(text=court, align="C", w=pdf.epw, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=22)
    pdf.set_char_spacing(8)  # spaced out as printed forms are, yet one word to search for
    pdf.cell(text="送达回证", align="C", w=pdf.epw, h=14, new_x="LMARGIN", new_y="NEXT")
    pdf.set_char_spacing(0)
    pdf.set_font(FONT, size=TEXT_PT)
    return pdf.get_y() + 2


def _signing_cells(who: str, date: str, signature: io.BytesIO | None) -> tuple[_Cell, ...]:
    """A signing row's cells after its label: the signature above the signer, the date."""
    image = signature if who else None
    return (
        _Cell(who, image=image, image_height=SIGNATURE_HEIGHT if image else 0),
        _label("签收日期"),
        _Cell(date if who else ""),
    )


def _draw(pdf: FPDF, form: _Form, receipt: Receipt, zone: ZoneInfo) -> None:
    document, shipment = receipt.document, receipt.document.shipment
    final = _final(receipt.attempts)
    proof = final.proof if final else None
    signed = _signed(receipt, proof, zone)
    refusal, refusal_date = _refusal(proof, final, zone)
    form.y = _title(pdf, receipt.court)
    form.row(
        _label("案由"), _Cell(document.cause or ""), _label("案号"), _Cell(document.case_number)
    )
    role = ROLE_LABELS.get(document.addressee_role, document.addressee_role)
    form.row(_label("受送达人"), _Cell(f"{document.addressee_name}（{role}）", span=3))
    mediation = "（调解书）" if document.mediation else ""
    form.row(
        _label("送达文书（名称）"),
        _Cell(document.document_type + mediation),
        _label("件数"),
        _Cell("1"),
    )
    form.row(_label("送达地点"), _Cell(shipment.recipient_address, span=3))
    signature = _image(receipt.signature_png) if signed.date else None
    form.row(
        _label("受送达人签名或盖章"), *_signing_cells(signed.addressee, signed.date, signature)
    )
    form.row(_label("代收人及代收理由"), *_signing_cells(signed.substitute, signed.date, signature))
    form.row(_label("拒收事由和日期"), _Cell(refusal), _label("拒收日期"), _Cell(refusal_date))
    if receipt.photo is not None:
        photo = _image(receipt.photo)
        shown = _Cell("", span=3, image=photo, image_height=PHOTO_HEIGHT) if photo else None
        form.row(_label("现场照片"), shown or _Cell("（图像无法读取）", span=3))
    form.row(
        _label("送达人"), _Cell(_courier(receipt, final)), _label("填发人"), _Cell(receipt.issuer)
    )
    form.row(_label("备注"), _Cell("\n".join(_remarks(receipt, zone)), span=3))


QR_SIZE = 28


def qr_text(head: dict | None) -> str:
    """What the QR code says: the signed tree head's number and root hash."""
    if head is None:
        return "courier-custody:head=none"
    return f"courier-custody:head={head['number']};root={head['root_hash']}"


@functools.lru_cache(maxsize=8)
def qr_image(text: str) -> Image.Image:
    """The QR code (error correction M, a 4-module quiet zone) as a 1-bit image, a pixel a
    module. Every receipt rendered together names the same tree head, so it is encoded
    once (an encoding costs tens of milliseconds in reportlab's pure-Python encoder)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    count, quiet = code.getModuleCount(), 4
    image = Image.new("1", (count + 2 * quiet, count + 2 * quiet), 1)
    for row in range(count):
        for column in range(count):
            if code.isDark(row, column):
                image.putpixel((column + quiet, row + quiet), 0)
    return image


def _qr(pdf: FPDF, form: _Form, text: str) -> None:
    """The QR code under the form, with what it is for beside it."""
    if form.y + QR_SIZE + 2 * PAD > pdf.h - MARGIN:
        pdf.add_page()
        form.y = MARGIN
    top = form.y + 2 * PAD
    pdf.image(qr_image(text), x=MARGIN, y=top, w=QR_SIZE, h=QR_SIZE)
    pdf.text(MARGIN + QR_SIZE + 2 * PAD, top + LINE, "监管链证据（附件 custody-*.json）")
    form.y = top + QR_SIZE


def _embed_evidence(pdf: FPDF, form: _Form, receipt: Receipt) -> None:
    waybill = receipt.document.shipment.waybill
    pdf.embed_file(
        bytes=json.dumps(receipt.evidence, separators=(",", ":")).encode(),
        basename=f"custody-{waybill}.json",
        mime_type="application/json",
        desc="custody evidence bundle (courier-custody-evidence/1)",
        compress=True,
    )
    _qr(pdf, form, qr_text(receipt.evidence["tree_head"]))


def _document() -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(False)
    pdf.add_font(FONT, fname=serif_path())
    # The subset keeps the whole font's bounding box (still a true bound) instead of
    # recomputing it from every glyph: that recomputation was most of the subsetting time.
    for font in pdf.fonts.values():
        font.ttfont.recalcBBoxes = False
    pdf.set_title("送达回证")
    pdf.set_line_width(0.3)
    return pdf


def render(receipts: Sequence[Receipt], *, zone: ZoneInfo) -> bytes:
    """One PDF with a page (or more) per receipt; the font's glyphs used, embedded."""
    pdf = _document()
    form = _Form(pdf)
    for receipt in receipts:
        _draw(pdf, form, receipt, zone)
        _embed_evidence(pdf, form, receipt)
    return bytes(pdf.output())
