"""The delivery slip a kiosk prints (A6 PDF): the waybill as text and a Code 128 barcode,
the masked recipient (快递暂行条例 art. 22, GB/T 41833), the hospital and the promise.
Nothing on it names a medicine: the slip is on the outside of the bag."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from courier_api.core.masking import ADDRESS, NAME, PHONE, shown
from courier_api.hospital.models import HospitalDelivery

_FONT = "STSong-Light"  # a CID font every PDF reader has: no font file to ship


def render_slip(delivery: HospitalDelivery, hospital_name: str, zone: ZoneInfo) -> bytes:
    # Imported on first use: workers that never print a slip do not load reportlab.
    from reportlab.graphics.barcode import code128
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    shipment = delivery.shipment
    out = io.BytesIO()
    # invariant=1: the same delivery prints the same bytes (no creation time in the file).
    page = canvas.Canvas(out, pagesize=A6, invariant=1)
    page.setTitle(f"EMS {shipment.waybill}")
    _, height = A6
    top = height - 10 * mm
    page.setFont(_FONT, 14)
    page.drawString(8 * mm, top, "EMS 医院寄递")
    barcode = code128.Code128(shipment.waybill, barHeight=14 * mm, barWidth=0.33 * mm)
    barcode.drawOn(page, 6 * mm, top - 22 * mm)
    page.setFont(_FONT, 12)
    page.drawString(8 * mm, top - 28 * mm, shipment.waybill)
    # A printed waybill is read by everyone on the way: nobody on it is an owner.
    name, phone, address = (
        shown(getattr(shipment, f"recipient_{datum}"), datum, owner=False)
        for datum in (NAME, PHONE, ADDRESS)
    )
    lines = [
        f"收件人: {name}  {phone}",
        f"地址: {address}",
        f"寄件: {hospital_name}",
        f"单号: {delivery.reference_no}",
    ]
    if delivery.cold_chain:
        lines.append("冷链 2-8°C · 当日送达")
    if shipment.deliver_by is not None:
        lines.append(f"承诺送达: {shipment.deliver_by.astimezone(zone):%Y-%m-%d %H:%M}")
    page.setFont(_FONT, 9)
    y = top - 38 * mm
    for line in lines:
        for chunk in _wrap(line, 30):
            page.drawString(8 * mm, y, chunk)
            y -= 5 * mm
    page.showPage()
    page.save()
    return out.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]
