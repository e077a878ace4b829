"""Proof-of-service receipts (送达回证) as a court accepts them: the official form's table,
dates in 年 月 日, a font embedded in the PDF with glyphs for rare characters in names, and
a service date only where service happened."""

from __future__ import annotations

import io
import re
import uuid
from datetime import timedelta

import pypdf
import pytest
from fontTools.cffLib import CFFFontSet
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pylopdf_fonts_zh_cn import serif_path

from courier_api.core import clock
from tests.factories import PHOTO, SIGNATURE, document_row, id_number
from tests.helpers import pdf_text, station_in, upload

SIGNER_ID = id_number("44200019800101001")
FAMILY_ID = id_number("44200019820202002")
RARE = "堃喆昇䶮"
FORM_FIELDS = (
    "送达回证",
    "案由",
    "案号",
    "受送达人",
    "送达文书（名称）",
    "件数",
    "送达地点",
    "受送达人签名或盖章",
    "签收日期",
    "代收人及代收理由",
    "拒收事由和日期",
    "送达人",
    "填发人",
    "备注",
)
DATE = r"\d{4}年\d{1,2}月\d{1,2}日"
NOBODY_HOME = {"reason_code": "nobody_home"}


@pytest.fixture
def job(gov, submit, to_door):
    """`job(*rows)` -> (job id, [(document id, waybill, delivery task id)]) at the door."""

    def make(*rows: dict) -> tuple[str, list[tuple[str, str, str]]]:
        answer = submit([document_row(**row) for row in rows], key=str(uuid.uuid4()))
        assert answer.status_code == 201, answer.get_json()
        body = answer.get_json()
        waybills = [r["waybill"] for r in body["rows"]]
        tasks = to_door(body["pickup_task_id"], waybills)
        documents = [(r["document_id"], r["waybill"]) for r in body["rows"]]
        return body["id"], [(d, w, t) for (d, w), t in zip(documents, tasks, strict=True)]

    return make


def _signed(name: str, id_no: str, relation: str = "self") -> dict:
    return {
        "receiver": {"name": name, "relation": relation, "id_number": id_no},
        "signature": SIGNATURE,
    }


def _receipt(client, as_, job_id: str, document_id: str) -> bytes:
    answer = client.get(
        f"/v1/court-jobs/{job_id}/documents/{document_id}/receipt.pdf", headers=as_("clerk_court")
    )
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    return answer.data


def _fonts(reader: pypdf.PdfReader) -> list:
    """Every font the pages use (Type0 fonts with their descendant)."""
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found.append(font)
            found += [d.get_object() for d in font.get("/DescendantFonts", [])]
    return found


def _embedded_glyph_bounds(reader: pypdf.PdfReader, characters: str) -> dict[str, tuple]:
    """Each character's outline bounds in the font embedded in the PDF, followed the way a
    viewer does: the text's code (ToUnicode) -> CID (the encoding CMap) -> CFF glyph."""
    [font] = {id(f): f for f in _fonts(reader) if "/ToUnicode" in f}.values()
    to_unicode = font["/ToUnicode"].get_object().get_data().decode()
    code_of = {
        chr(int(u, 16)): int(c, 16)
        for c, u in re.findall(r"<([0-9A-F]{4})> <([0-9A-F]{4,})>", to_unicode)
    }
    encoding = font["/Encoding"].get_object().get_data().decode()
    cid_of = {int(c, 16): int(cid) for c, cid in re.findall(r"<([0-9A-F]{4})> (\d+)", encoding)}
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    program = CFFFontSet()
    program.decompile(io.BytesIO(descriptor["/FontFile3"].get_object().get_data()), None)
    glyphs = program[program.fontNames[0]].CharStrings
    bounds = {}
    for character in characters:
        pen = BoundsPen(None)
        glyphs[f"cid{cid_of[code_of[character]]:05d}"].draw(pen)
        bounds[character] = pen.bounds
    return bounds


def _source_glyph_bounds(characters: str) -> dict[str, tuple]:
    source = TTFont(serif_path())
    glyphs, cmap = source.getGlyphSet(), source.getBestCmap()
    bounds = {}
    for character in characters:
        pen = BoundsPen(glyphs)
        glyphs[cmap[ord(character)]].draw(pen)
        bounds[character] = pen.bounds
    return bounds


def test_the_form_with_its_font_embedded_and_rare_names_drawn(client, as_, job, door):
    job_id, [(_, liu, to_liu), (_, zhang, to_zhang)] = job(
        {"addressee_name": "刘䶮"},
        {"addressee_name": "张堃", "document_type": "传票", "opposing_party_name": "钱昇"},
    )
    assert door("deliver", to_liu, _signed("刘䶮", SIGNER_ID)).status_code == 200
    by_family = _signed("张喆昇", FAMILY_ID, "cohabiting_family")
    assert door("deliver", to_zhang, by_family).status_code == 200
    answer = client.get(f"/v1/court-jobs/{job_id}/receipts.pdf", headers=as_("clerk_court"))
    assert answer.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(answer.data))
    # Every font is embedded: the receipt reads on a viewer without Chinese fonts.
    fonts = _fonts(reader)
    assert fonts
    for font in fonts:
        if font["/Subtype"] == "/Type0":
            continue  # a composite font's program is its descendant's
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
    # The rare characters are drawn with their own outlines, not a missing-glyph box.
    drawn = _embedded_glyph_bounds(reader, RARE)
    assert all(drawn.values()) and drawn == _source_glyph_bounds(RARE)
    first, second = pdf_text(answer.data).split("\f")
    for page in (first, second):
        for field in FORM_FIELDS:
            assert field in page, field
        assert "中山市第一人民法院" in page and "民间借贷纠纷" in page
        assert "UTC" not in page and re.search(f"签收日期\\s*{DATE}", page)
    assert "刘䶮（被告）" in first and SIGNER_ID in first and liu in first
    # A substitute signs in the substitute's row, with the reason they may.
    assert "张堃（被告）" in second and "传票" in second and zhang in second
    assert "张喆昇（身份证号 " + FAMILY_ID in second and "同住成年家属" in second
    assert "送达日期" in first and "送达日期" in second  # served: both have one


def _texts(client, as_, job_id: str, document_id: str) -> str:
    """The receipt's text with the lines wrapped inside the table's cells joined again."""
    return pdf_text(_receipt(client, as_, job_id, document_id)).replace("\n", "")


def _back_to_court(client, as_, gov, waybill: str, load, door) -> None:
    """The station takes the document in and the courier returns it to the court's desk."""
    assert station_in(client, as_("dispatcher_a"), gov, [{"waybill": waybill}]).status_code == 200
    [return_task] = load([waybill])
    desk = {"receiver": {"name": "立案庭 周八"}, "signature": SIGNATURE}
    assert door("deliver", return_task, desk).status_code == 200


def test_a_refused_mediation_document_has_no_service_date(client, as_, gov, job, door, load):
    job_id, [(document_id, waybill, task_id)] = job({"mediation": True})
    refusal = {
        "reason_code": "refused",
        "refusal": {"reason": "拒绝签收", "witness": {"name": "孙三", "affiliation": "居委会"}},
    }
    assert door("fail", task_id, refusal).get_json()["shipment_state"] == "returning"
    on_its_way = _texts(client, as_, job_id, document_id)
    assert "送达日期" not in on_its_way
    assert re.search(f"拒收日期\\s*{DATE}", on_its_way) and "孙三（居委会）" in on_its_way
    assert re.search(f"第1次 {DATE} \\d\\d:\\d\\d 拒收", on_its_way)
    assert "尚未退回" in on_its_way and "已于" not in on_its_way
    _back_to_court(client, as_, gov, waybill, load, door)
    returned = _texts(client, as_, job_id, document_id)
    assert "送达日期" not in returned
    assert re.search(f"文书已于 {DATE} \\d\\d:\\d\\d 退回法院，由 立案庭 周八 签收", returned)


def test_an_undeliverable_document_has_no_service_date(client, as_, gov, job, door, load):
    job_id, [(document_id, waybill, task_id)] = job({})
    assert door("fail", task_id, NOBODY_HOME).status_code == 200
    clock.freeze(clock.now() + timedelta(days=5, minutes=1))
    assert station_in(client, as_("dispatcher_a"), gov, [{"waybill": waybill}]).status_code == 200
    [task_id] = load([waybill])
    unreached = {"called_at": clock.to_rfc3339(clock.now()), "reached": False}
    ended = door("fail", task_id, {**NOBODY_HOME, "phone_call": unreached}).get_json()
    assert ended["shipment_state"] == "returning"
    on_its_way = _texts(client, as_, job_id, document_id)
    assert "无法送达" in on_its_way and "送达日期" not in on_its_way
    assert len(re.findall(f"第[12]次 {DATE} \\d\\d:\\d\\d 未能送达（无人在家）", on_its_way)) == 2
    assert "电话联系受送达人，未接通" in on_its_way
    assert "尚未退回" in on_its_way and "退回法院，由" not in on_its_way
    _back_to_court(client, as_, gov, waybill, load, door)
    returned = _texts(client, as_, job_id, document_id)
    assert "送达日期" not in returned and "退回法院，由 立案庭 周八 签收" in returned


def test_lodging_is_service_on_the_refusal_date_even_with_a_damaged_photo(client, as_, job, door):
    job_id, [(document_id, _, task_id)] = job({})
    photo = upload(client, as_("courier_a"), PHOTO)  # PNG by its first bytes, not an image
    refusal = {
        "reason_code": "refused",
        "refusal": {"reason": "拒绝签收", "witness": {"name": "孙三"}, "photo_sha256": photo},
    }
    assert door("fail", task_id, refusal).get_json()["attempt"]["next_step"] == "lodged"
    text = _texts(client, as_, job_id, document_id)
    lodged = re.search(f"送达结果：留置送达，送达日期 ({DATE})", text)
    assert lodged and re.search(f"拒收日期\\s*{lodged.group(1)}", text)
    assert "（图像无法读取）" in text and f"现场照片 SHA-256：{photo}" in text
