"""Document codes in Thai text: extract_documents, canonical_code, code_slug.

Fixtures are sentences written for these tests; the last tests run on the seed articles
and check only invariants.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from extract_helpers import extract_text
from vnkg.extract.documents import canonical_code, code_slug, extract_documents
from vnkg.model import Kind

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def one(text: str):
    """The single document mention of ``text``, with its attributes as a dict."""
    found = extract_documents(text)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m, dict(m.attrs)


# --- code shapes -------------------------------------------------------------------------

@pytest.mark.parametrize("text, code, ref, doc_type, issuer_ref", [
    ("คณะผู้แทนได้ทบทวนข้อสรุปที่ 45-KL/TW อย่างละเอียด", "45-KL/TW", "45-KL/TW", "Conclusion",
     "org:party-central-committee"),
    ("ทุกจังหวัดต้องปฏิบัติตามคำสั่งที่ 05/CT-TTg โดยเคร่งครัด", "05/CT-TTg", "05/CT-TTg",
     "Directive", "org:government"),
    ("พระราชกฤษฎีกาเลขที่ 13/2023/NĐ-CP กำหนดการคุ้มครองข้อมูล", "13/2023/NĐ-CP",
     "13/2023/ND-CP", "Decree", "org:government"),
    ("หนังสือเวียน 10/2023/TT-BTTTT มีผลบังคับใช้แล้ว", "10/2023/TT-BTTTT", "10/2023/TT-BTTTT",
     "Circular", "org:mic"),
    ("สภาได้ผ่านกฎหมายเลขที่ 24/2018/QH14 เกี่ยวกับความปลอดภัยไซเบอร์", "24/2018/QH14",
     "24/2018/QH14", "Law", "org:national-assembly"),
    ("กรมฯ จัดกิจกรรมตามแผนที่ 03-KH/BCĐTW ของปีนี้", "03-KH/BCĐTW", "03-KH/BCDTW", "Plan",
     "org:central-steering-committee-sti-dt"),
    ("กระทรวงได้ออกคำตัดสินที่ 2210/QĐ-BKHCN แล้ว", "2210/QĐ-BKHCN", "2210/QD-BKHCN",
     "Decision", "org:most"),
    ("ผู้แทนอ้างถึงมติ 1234/NQ-UBTVQH15 ในการอภิปราย", "1234/NQ-UBTVQH15", "1234/NQ-UBTVQH15",
     "Resolution", "org:na-standing-committee"),
    ("ระเบียบ 22-QĐi/TW ใช้กับสมาชิกพรรคทุกคน", "22-QĐi/TW", "22-QDi/TW", "Other",
     "org:party-central-committee"),
])
def test_code_shapes(text, code, ref, doc_type, issuer_ref):
    m, a = one(text)
    assert m.kind is Kind.DOCUMENT and m.lang == "vi"
    assert m.text == code and m.ref == ref
    assert a["doc_type"] == doc_type and a["issuer_ref"] == issuer_ref
    assert canonical_code(m.ref) == m.ref


def test_attrs_of_a_state_code_with_year():
    _, a = one("พระราชกฤษฎีกาเลขที่ 08/2024/NĐ-CP ลงวันที่ 3 ก.พ. 2567")
    assert a["number"] == "08" and a["year"] == "2024"
    assert a["type_letters"] == "ND" and a["issuer_letters"] == "CP"
    assert a["date"] == "2024-02-03"


def test_unknown_issuer_is_kept_without_ref():
    m, a = one("จังหวัดได้ออกคำตัดสิน 77/QĐ-UBND เมื่อต้นปี")
    assert m.ref == "77/QD-UBND" and a["issuer_letters"] == "UBND"
    assert "issuer_ref" not in a


@pytest.mark.parametrize("variant", [
    "1637/QĐ-BNG", "1637/QD-BNG", "1637/Qđ-BNG", "1637 / QĐ - BNG", "1637/QĐ–BNG",
    "1637／QĐ‑BNG", "1637/QĐ/BNG",
])
def test_variants_give_one_ref(variant):
    m, _ = one(f"เจ้าหน้าที่ทุกคนต้องปฏิบัติตาม {variant} ทันที")
    assert m.text == variant
    assert m.ref == "1637/QD-BNG"


def test_issuer_case_follows_the_lexicon():
    assert canonical_code("505/QĐ-TTG") == canonical_code("505/QD-TTg") == "505/QD-TTg"


def test_party_issuer_written_in_state_layout():
    assert canonical_code("57/NQ-TW") == "57-NQ/TW"
    assert canonical_code("57 – NQ / TW") == "57-NQ/TW"


def test_thai_digits_in_the_number():
    m, a = one("ตามมติที่ ๑๘-NQ/TW ของคณะกรรมการกลางพรรค")
    assert m.ref == "18-NQ/TW" and a["number"] == "18"


def test_canonical_code_rejects_non_codes():
    with pytest.raises(ValueError):
        canonical_code("COVID-19")


def test_code_slug():
    assert code_slug("57-NQ/TW") == "57-NQ-TW"
    assert code_slug("13/2023/NĐ-CP") == "13-2023-ND-CP"
    assert code_slug("01-KH/BCĐTW") == "01-KH-BCDTW"
    assert re.fullmatch(r"[A-Za-z0-9-]+", code_slug("1637 / QĐ – BNG"))


# --- negatives ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "รายได้รวมอยู่ที่ 2,067,389 พันล้านดอง",
    "แผนงานในช่วงปี 2024-2025 และวาระปี 2025-2028",
    "องค์กรระหว่างประเทศ 01 แห่ง",
    "การฝึกซ้อม A80 จัดขึ้นที่จัตุรัส",
    "โทรศัพท์ 024-3825-1234 หรือ +84 912 345 678",
    "ประกาศเมื่อ 22/12/2023 และ 6/2024",
    "ดูรายละเอียดที่ https://example.gov.vn/van-ban/57-NQ-TW-2024.html",
    "ดูรายละเอียดที่ https://thuvienphapluat.vn/505/QD-TTg",
    "อัตราเพิ่มขึ้น 27% และ 5.1%",
    "หลังการระบาดของ COVID-19 กลุ่ม G20 และมาตรฐาน ISO 9001",
    "เครือข่าย 5G และรางวัล ASEAN 2024",
])
def test_negatives(text):
    assert extract_documents(text) == []


# --- Thai type words ---------------------------------------------------------------------

def test_type_from_thai_words_recorded_and_code_wins():
    # Machine translation renders a QĐ decision as มติ: the letters decide, the word is kept.
    _, a = one("กระทรวงดำเนินการตามมติคณะรัฐมนตรีหมายเลข 749/QĐ-TTg อย่างต่อเนื่อง")
    assert a["doc_type"] == "Decision" and a["thai_type"] == "มติ"


@pytest.mark.parametrize("text, thai", [
    ("คำสั่งนายกรัฐมนตรี 16/CT-TTg ให้ทุกหน่วยงานรายงาน", "คำสั่ง"),
    ("ตามแผนที่ 11-KH/TW ของคณะกรรมการกลางพรรค", "แผน"),
    ("ข้อมติที่ 36-NQ/TW ระบุไว้ชัดเจน", "ข้อมติ"),
])
def test_thai_trigger(text, thai):
    _, a = one(text)
    assert a["thai_type"] == thai


def test_legislature_code_takes_its_type_from_thai():
    _, a = one("สภาแห่งชาติรับรองมติเลขที่ 103/2023/QH15 ในสมัยประชุม")
    assert a["doc_type"] == "Resolution"
    _, a = one("ร่างพระราชบัญญัติฉบับที่ 20/2023/QH15 ได้รับการอนุมัติ")
    assert a["doc_type"] == "Law" and a["thai_type"] == "พระราชบัญญัติ"


def test_no_trigger_without_thai_word():
    _, a = one("อ้างอิง 88/QĐ-BYT")
    assert "thai_type" not in a and a["doc_type"] == "Decision"


def test_uncoded_laws_are_out_of_scope():
    assert extract_documents("กฎหมายว่าด้วยการทำธุรกรรมทางอิเล็กทรอนิกส์มีผลใช้บังคับ") == []


# --- dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("tail, iso", [
    ("ลงวันที่ 9 มกราคม พ.ศ. 2566", "2023-01-09"),
    ("ลงวันที่ 30 มิถุนายน 2568", "2025-06-30"),
    ("ลงวันที่ 14 สิงหาคม 2021", "2021-08-14"),
    ("ลงวันที่ 5 ต.ค. 2567", "2024-10-05"),
    ("ลงวันที่ 5 ตค 2567", "2024-10-05"),
    ("วันที่ 7/11/2022", "2022-11-07"),
    ("ลงวันที่ ๒๘ กุมภาพันธ์ ๒๕๖๗", "2024-02-28"),
    ("ลงวันที่ 1 ธ.ค. ค.ศ. 2020", "2020-12-01"),
])
def test_dates(tail, iso):
    _, a = one(f"ทุกหน่วยงานปฏิบัติตามคำสั่งที่ 12/CT-TTg {tail} อย่างเคร่งครัด")
    assert a["date"] == iso


def test_date_without_year_takes_the_code_year():
    _, a = one("หนังสือเวียน 04/2022/TT-BTC ลงวันที่ 17 มีนาคม")
    assert a["date"] == "2022-03-17"


def test_invalid_or_distant_dates_are_ignored():
    _, a = one("คำตัดสิน 31/QĐ-BTC ลงวันที่ 31 กุมภาพันธ์ 2567")
    assert "date" not in a
    _, a = one("ตามคำตัดสิน 31/QĐ-BTC ผู้แทนกระทรวงได้ประชุมหารือกันเมื่อวันที่ 4 มีนาคม 2567")
    assert "date" not in a


# --- issuers -----------------------------------------------------------------------------

def test_issuer_from_code_suffix():
    _, a = one("คำตัดสิน 99/QĐ-BQP")
    assert a["issuer_ref"] == "org:mod"


def test_issuer_text_after_khong_known_name():
    text = ("ข้อมติที่ 52-NQ/TW ลงวันที่ 27 ก.ย. 2562 "
            "ของโปลิตบูโรว่าด้วยการมีส่วนร่วมในการปฏิวัติอุตสาหกรรม")
    m, a = one(text)
    s, e = int(a["issuer_text_start"]), int(a["issuer_text_end"])
    assert text[s:e] == "โปลิตบูโร"
    assert a["issuer_ref"] == "org:politburo"   # the text narrows TW to the Politburo
    assert a["date"] == "2019-09-27"
    assert a["subject"] == "การมีส่วนร่วมในการปฏิวัติอุตสาหกรรม"


def test_issuer_text_unknown_body_span_and_code_ref_wins():
    text = ("ตามแผน 02-KH/BCĐTW ของคณะกรรมการอำนวยการกลางด้าน การปฏิรูปสถาบัน และนวัตกรรม "
            "โดยมีเป้าหมายชัดเจน")
    _, a = one(text)
    s, e = int(a["issuer_text_start"]), int(a["issuer_text_end"])
    assert text[s:e] == "คณะกรรมการอำนวยการกลางด้าน การปฏิรูปสถาบัน และนวัตกรรม"
    assert a["issuer_ref"] == "org:central-steering-committee-sti-dt"


def test_known_thai_issuer_fills_an_unknown_code_issuer():
    _, a = one("คำตัดสิน 77/QĐ-UBND ของรัฐบาล เพื่อการลงทุน")
    assert a["issuer_ref"] == "org:government"


def test_vietnamese_date_word():
    _, a = one("ภาพ: Nghị quyết số 57-NQ/TW ngày 22/12/2024")
    assert a["date"] == "2024-12-22"


def test_issuer_text_not_narrower_keeps_code_issuer():
    _, a = one("คำตัดสิน 40/QĐ-BNG ของกระทรวงการคลัง")
    assert a["issuer_ref"] == "org:mofa"


def test_issuer_before_date_and_subject():
    text = ("คำสั่ง 07/CT-TTg ของนายกรัฐมนตรี ลงวันที่ 2 พฤษภาคม 2567 "
            "เรื่องการเร่งรัดการเบิกจ่ายงบประมาณ")
    _, a = one(text)
    assert text[int(a["issuer_text_start"]):int(a["issuer_text_end"])] == "นายกรัฐมนตรี"
    assert a["date"] == "2024-05-02"
    assert a["subject"] == "การเร่งรัดการเบิกจ่ายงบประมาณ"


@pytest.mark.parametrize("code, ref", [("15-NQ/BCT", "org:politburo"),
                                       ("15/QĐ-BCT", "org:moit")])
def test_bct_is_decided_by_the_layout(code, ref):
    _, a = one(f"อ้างอิงเอกสาร {code} ฉบับล่าสุด")
    assert a["issuer_ref"] == ref


# --- subject -----------------------------------------------------------------------------

def test_subject_stops_at_newline_and_next_code():
    text = "มติ 19-NQ/TW ว่าด้วยการเกษตร เกษตรกร และชนบท\nย่อหน้าใหม่"
    _, a = one(text)
    assert a["subject"] == "การเกษตร เกษตรกร และชนบท"
    found = extract_documents("มติ 19-NQ/TW ว่าด้วยการเกษตร และมติ 20-NQ/TW ว่าด้วยสาธารณสุข")
    first, second = (d.attr("subject") for d in found)
    assert first.startswith("การเกษตร") and "20-NQ" not in first
    assert second == "สาธารณสุข"


def test_subject_is_bounded():
    text = "มติ 19-NQ/TW ว่าด้วย" + "การพัฒนาอย่างยั่งยืน " * 30
    _, a = one(text)
    assert 0 < len(a["subject"]) <= 150
    assert text.find(a["subject"]) > 0 and not a["subject"].endswith(" ")


# --- several codes, positions ------------------------------------------------------------

def test_two_codes_in_one_sentence():
    text = "ดำเนินการตามมติที่ 29-NQ/TW และคำสั่งที่ 07/CT-TTg ลงวันที่ 1 มีนาคม 2568 ไปพร้อมกัน"
    first, second = extract_documents(text)
    assert (first.ref, second.ref) == ("29-NQ/TW", "07/CT-TTg")
    assert first.attr("thai_type") == "มติ" and second.attr("thai_type") == "คำสั่ง"
    assert first.attr("date") is None and second.attr("date") == "2025-03-01"
    assert first.end < second.start


def test_code_at_line_end_and_text_end():
    text = "การรณรงค์จัดขึ้นตามแผน 08-KH/TW\nบรรทัดต่อไปมีคำตัดสิน 4/QĐ-BYT"
    found = extract_documents(text)
    assert [d.ref for d in found] == ["08-KH/TW", "4/QD-BYT"]
    assert found[1].end == len(text)
    assert all(text[d.start:d.end] == d.text for d in found)


def test_attrs_are_sorted_pairs():
    m, _ = one("มติที่ 57-NQ/TW")
    assert list(m.attrs) == sorted(m.attrs)


# --- every code shape ----------------------------------------------------------------------

@pytest.mark.parametrize("text, code, ref, doc_type, issuer_ref", [
    # party: NUMBER-TYPE/ISSUER
    ("สำนักเลขาธิการได้ออกคำสั่ง 1158-QĐNS/TW แต่งตั้งเจ้าหน้าที่ระดับสูง", "1158-QĐNS/TW",
     "1158-QDNS/TW", "Decision", "org:party-secretariat"),
    ("ที่ประชุมทบทวนคำสั่งที่ 35-CT/TW อย่างจริงจัง", "35-CT/TW", "35-CT/TW", "Directive",
     "org:party-central-committee"),
    ("ระเบียบเลขที่ 144-QĐ/TW ว่าด้วยมาตรฐานจริยธรรมของแกนนำ", "144-QĐ/TW", "144-QD/TW",
     "Decision", "org:party-central-committee"),
    ("ตามแนวทาง 35-HD/BTCTW ของคณะกรรมการจัดตั้งกลาง", "35-HD/BTCTW", "35-HD/BTCTW", "Other",
     "org:central-organization-commission"),
    ("ประกาศหมายเลข 97-TB/TW ได้แจ้งให้ทุกหน่วยงานทราบ", "97-TB/TW", "97-TB/TW", "Other",
     "org:party-central-committee"),
    ("สำนักงานได้ส่งหนังสือ 43-CV/VPTW ไปยังทุกจังหวัด", "43-CV/VPTW", "43-CV/VPTW", "Other",
     "org:party-central-office"),
    ("กองกำลังดำเนินการตามมติ 12-NQ/ĐUCA อย่างเข้มงวด", "12-NQ/ĐUCA", "12-NQ/DUCA", "Resolution",
     "org:central-public-security-party-committee"),
    ("กองทัพปฏิบัติตามมติ 1657-NQ/QUTW มาโดยตลอด", "1657-NQ/QUTW", "1657-NQ/QUTW", "Resolution",
     "org:central-military-commission"),
    ("ข้อสรุป 133-KL/TW ได้รับการเผยแพร่แล้ว", "133-KL/TW", "133-KL/TW", "Conclusion",
     "org:party-central-committee"),
    # state: NUMBER[/YEAR]/TYPE-ISSUER
    ("คำตัดสินเลขที่ 1022/QĐ-CTN ว่าด้วยการอนุญาตให้สละสัญชาติ", "1022/QĐ-CTN", "1022/QD-CTN",
     "Decision", "org:state-president"),
    ("พระราชกฤษฎีกาเลขที่ 178/2024/NĐ-CP กำหนดนโยบายสำหรับข้าราชการ", "178/2024/NĐ-CP",
     "178/2024/ND-CP", "Decree", "org:government"),
    ("มติคณะรัฐมนตรีที่ 03/NQ-CP ได้ประกาศใช้แผนปฏิบัติการ", "03/NQ-CP", "03/NQ-CP", "Resolution",
     "org:government"),
    ("ทุกกระทรวงต้องปฏิบัติตามคำสั่ง 20/CT-TTg ทันที", "20/CT-TTg", "20/CT-TTg", "Directive",
     "org:government"),
    ("โทรเลขด่วน 72/CĐ-TTg เรียกร้องให้รับมือพายุ", "72/CĐ-TTg", "72/CD-TTg", "Other",
     "org:government"),
    ("หนังสือเวียนเลขที่ 09/2025/TT-BKHCN มีผลบังคับใช้แล้ว", "09/2025/TT-BKHCN",
     "09/2025/TT-BKHCN", "Circular", "org:most"),
    ("ประกาศ 380/TB-VPCP สรุปความเห็นของนายกรัฐมนตรี", "380/TB-VPCP", "380/TB-VPCP", "Other",
     "org:government-office"),
    ("หนังสือราชการเลขที่ 2390/BTTTT-THH แนะนำกรอบการทำงาน", "2390/BTTTT-THH", "2390/BTTTT-THH",
     "Other", "org:mic"),
    # legislature: NUMBER/YEAR/ISSUER+TERM, and standing-committee resolutions in both layouts
    ("รัฐสภาผ่านกฎหมายเลขที่ 93/2025/QH15 ในสมัยประชุมที่ 9", "93/2025/QH15", "93/2025/QH15", "Law",
     "org:national-assembly"),
    ("มติเลขที่ 202/2025/QH15 ลดจำนวนหน่วยการปกครองระดับจังหวัด", "202/2025/QH15",
     "202/2025/QH15", "Resolution", "org:national-assembly"),
    ("มติเลขที่ 76/2025/UBTVQH15 กำหนดมาตรฐานของหน่วยการปกครอง", "76/2025/UBTVQH15",
     "76/2025/UBTVQH15", "Resolution", "org:na-standing-committee"),
])
def test_every_code_shape(text, code, ref, doc_type, issuer_ref):
    m, a = one(text)
    assert (m.text, m.ref, m.lang) == (code, ref, "vi")
    assert a["doc_type"] == doc_type and a["issuer_ref"] == issuer_ref
    assert canonical_code(m.text) == canonical_code(m.ref) == m.ref


@pytest.mark.parametrize("written, ref", [
    ("505/QĐ-TTg", "505/QD-TTg"), ("505/QÐ-TTg", "505/QD-TTg"), ("505/Q-TTg", "505/QD-TTg"),
    ("13/2023/N-CP", "13/2023/ND-CP"), ("13 / 2023 / NĐ – CP", "13/2023/ND-CP"),
    ("๑๓/๒๐๒๓/NĐ-CP", "13/2023/ND-CP"), ("57-NQ/TƯ", "57-NQ/TW"), ("01-KH/BCTW", "01-KH/BCDTW"),
    ("7-NQ/UCA", "7-NQ/DUCA"), ("25/2024/NQ-HND", "25/2024/NQ-HDND"), ("1158-QNS/TW", "1158-QDNS/TW"),
])
def test_d_written_as_d_eth_or_dropped(written, ref):
    m, _ = one(f"หน่วยงานทั้งหมดอ้างอิงเอกสาร {written} ในการประชุม")
    assert m.text == written and m.ref == ref


def test_slug_of_a_tu_code_is_ascii():
    assert code_slug("57-NQ/TƯ") == "57-NQ-TW"


@pytest.mark.parametrize("text", [
    "อ้างถึงเอกสาร 12/QX-TTg ในที่ประชุม",      # QX is no type
    "อ้างถึงเอกสาร 5/A-BC ในที่ประชุม",         # Đ dropped to one letter needs a known issuer
    "รหัสสินค้า 12/XY-ABC และ 3/K-LM",
])
def test_unknown_type_letters_are_not_codes(text):
    assert extract_documents(text) == []


# --- issuers named in Thai ------------------------------------------------------------------

def span(text: str, a: dict) -> str:
    return text[int(a["issuer_text_start"]):int(a["issuer_text_end"])]


@pytest.mark.parametrize("text, body, ref", [
    ("โปลิตบูโรได้ออกข้อสรุปเลขที่ 133-KL/TW เกี่ยวกับการปรับโครงสร้าง", "โปลิตบูโร", "org:politburo"),
    ("กรมการเมืองได้ออกข้อสรุปเลขที่ 133-KL/TW", "กรมการเมือง", "org:politburo"),
    ("สำนักเลขาธิการได้ลงนามออกคำสั่งที่ 45-CT/TW", "สำนักเลขาธิการ", "org:party-secretariat"),
    ("เมื่อวานนี้ สำนักงานเลขาธิการประกาศข้อสรุป 134-KL/TW", "สำนักงานเลขาธิการ",
     "org:party-secretariat"),
    ("นายกรัฐมนตรี ฟาม มินห์ ชินห์ ได้ลงนามในคำตัดสินเลขที่ 1131/QĐ-TTg อนุมัติโครงการ",
     "นายกรัฐมนตรี", "org:government"),
    ("รัฐบาลได้ออกพระราชกฤษฎีกาที่ 24/2025/NĐ-CP", "รัฐบาล", "org:government"),
    ("คณะกรรมาธิการสามัญประจำรัฐสภาได้ลงมติรับรองมติ 1686/NQ-UBTVQH15", "คณะกรรมาธิการสามัญประจำรัฐสภา",
     "org:na-standing-committee"),
])
def test_issuer_named_before_the_type_word(text, body, ref):
    _, a = one(text)
    assert span(text, a) == body and a["issuer_ref"] == ref


def test_a_deputy_is_not_the_body():
    text = "รองนายกรัฐมนตรีเจิ่น ห่ง ห่า ได้ลงนามในคำตัดสินเลขที่ 1131/QĐ-TTg"
    _, a = one(text)
    assert "issuer_text_start" not in a and a["issuer_ref"] == "org:government"


def test_words_between_the_body_and_the_verb_that_are_no_name_break_the_link():
    text = "โปลิตบูโรเห็นว่ากระทรวงได้ออกคำตัดสิน 31/QĐ-BTC แล้ว"
    _, a = one(text)
    assert "issuer_text_start" not in a and a["issuer_ref"] == "org:mof"


def test_issuer_between_the_type_word_and_the_code():
    text = "คำสั่งนายกรัฐมนตรี 16/CT-TTg ให้ทุกหน่วยงานรายงาน"
    _, a = one(text)
    assert span(text, a) == "นายกรัฐมนตรี"


def test_issuer_after_the_code_wins_over_the_one_before():
    text = "มติคณะรัฐมนตรีหมายเลข 505/QĐ-TTg ของนายกรัฐมนตรี เรื่องวันปรับเปลี่ยนสู่ดิจิทัล"
    _, a = one(text)
    assert span(text, a) == "นายกรัฐมนตรี" and a["issuer_ref"] == "org:government"


@pytest.mark.parametrize("text, ref", [
    ("คำตัดสินเลขที่ 2345/QĐ-UBND ของคณะกรรมการประชาชนจังหวัดกว๋างนิญ", "org:quang-ninh-peoples-committee"),
    ("คำตัดสินเลขที่ 2345/QĐ-UBND ของคณะกรรมการประชาชนประจำจังหวัดกวางนิญ",
     "org:quang-ninh-peoples-committee"),
    ("คำตัดสินเลขที่ 2345/QĐ-UBND จังหวัดลาวไก ว่าด้วยการท่องเที่ยว", "org:lao-cai-peoples-committee"),
    ("คำตัดสินเลขที่ 2345/QĐ-UBND ของนครโฮจิมินห์", "org:ho-chi-minh-city-peoples-committee"),
    ("คณะกรรมการประชาชนเมืองดานังได้ออกคำตัดสินเลขที่ 88/QĐ-UBND", "org:da-nang-peoples-committee"),
    ("มติ 25/2024/NQ-HĐND ของสภาประชาชนเมืองไฮฟอง", "org:hai-phong-peoples-council"),
    ("มติ 09-NQ/TU ของคณะกรรมการพรรคจังหวัดเหงะอาน", "org:nghe-an-party-committee"),
])
def test_a_provincial_body_from_the_province_named_next_to_it(text, ref):
    _, a = one(text)
    assert a["issuer_ref"] == ref


@pytest.mark.parametrize("text", [
    "คำตัดสินเลขที่ 2345/QĐ-UBND ได้รับการอนุมัติ",
    "คำตัดสินเลขที่ 2345/QĐ-UBND ของจังหวัดชายแดน",     # a province the text does not name
    "มติ 25/2024/NQ-HĐND มีผลบังคับใช้",
])
def test_a_provincial_body_without_a_known_province_has_no_ref(text):
    m, a = one(text)
    assert "issuer_ref" not in a and a["issuer_letters"] in ("UBND", "HDND")


def test_the_politburo_narrows_tw_after_a_qualifier():
    text = "ข้อสรุป 133-KL/TW ของโปลิตบูโรชุดที่ 13 เกี่ยวกับการปรับโครงสร้าง"
    _, a = one(text)
    assert span(text, a) == "โปลิตบูโร" and a["issuer_ref"] == "org:politburo"


# --- short citations (type word + number) ---------------------------------------------------

@pytest.mark.parametrize("text, cited, ref, doc_type, issuer_ref, day", [
    ("การดำเนินการตามมติที่ 57 เป็นภารกิจเร่งด่วน", "มติที่ 57", "57-NQ/TW", "Resolution",
     "org:politburo", "2024-12-22"),
    ("มติหมายเลข 57 เปิดทางให้ภาคธุรกิจ", "มติหมายเลข 57", "57-NQ/TW", "Resolution", "org:politburo",
     "2024-12-22"),
    ("ทุกระดับต้องนำมติ 68 ไปปฏิบัติ", "มติ 68", "68-NQ/TW", "Resolution", "org:politburo", "2025-05-04"),
    ("หลังจากสรุปผลข้อมติที่ 18 แล้ว การปรับโครงสร้างก็เริ่มขึ้น", "ข้อมติที่ 18", "18-NQ/TW",
     "Resolution", "org:party-central-committee", "2017-10-25"),
    ("ข้อสรุปที่ 121 กำหนดแนวทางการควบรวมหน่วยงาน", "ข้อสรุปที่ 121", "121-KL/TW", "Conclusion",
     "org:party-central-committee", "2025-01-24"),
    ("บริษัทต้องปฏิบัติตามกฤษฎีกาที่ 13 ว่าด้วยข้อมูลส่วนบุคคล", "กฤษฎีกาที่ 13", "13/2023/ND-CP",
     "Decree", "org:government", "2023-04-17"),
    ("พระราชกฤษฎีกาที่ 13/2023 มีผลบังคับใช้ตั้งแต่เดือนกรกฎาคม", "พระราชกฤษฎีกาที่ 13/2023",
     "13/2023/ND-CP", "Decree", "org:government", "2023-04-17"),
    ("คำตัดสินที่ 749 วางรากฐานการปรับเปลี่ยนสู่ดิจิทัล", "คำตัดสินที่ 749", "749/QD-TTg", "Decision",
     "org:government", "2020-06-03"),
    ("ครบรอบสิบปีของการปฏิบัติตามคำสั่งที่ 05", "คำสั่งที่ 05", "05-CT/TW", "Directive",
     "org:politburo", "2016-05-15"),
    ("รัฐสภาลงมติรับรองมติที่ 202 ด้วยคะแนนเสียงท่วมท้น", "มติที่ 202", "202/2025/QH15", "Resolution",
     "org:national-assembly", "2025-06-12"),
    ("กฎหมายเลขที่ 93 จะมีผลในเดือนตุลาคม", "กฎหมายเลขที่ 93", "93/2025/QH15", "Law",
     "org:national-assembly", "2025-06-27"),
])
def test_short_citation_resolved_by_the_knowledge_base(text, cited, ref, doc_type, issuer_ref, day):
    m, a = one(text)
    assert (m.text, m.ref, m.lang) == (cited, ref, "th")
    assert text[m.start:m.end] == cited
    assert (a["doc_type"], a["issuer_ref"], a["date"]) == (doc_type, issuer_ref, day)
    assert a["thai_type"] and cited.startswith(a["thai_type"])


def test_short_citation_resolved_by_a_code_of_the_article():
    text = ("สำนักเลขาธิการได้ออกคำสั่งเลขที่ 1158-QĐNS/TW ลงวันที่ 3 มีนาคม 2568\n"
            "ตามคำสั่งเลขที่ 1158 นายเหงียน วัน อาน ได้รับการแต่งตั้ง")
    code, short = extract_documents(text)
    assert short.text == "คำสั่งเลขที่ 1158" and short.ref == code.ref == "1158-QDNS/TW"
    assert short.attr("doc_type") == "Decision" and short.attr("date") == "2025-03-03"
    assert short.attr("issuer_ref") == code.attr("issuer_ref") == "org:party-secretariat"


def test_short_citation_before_the_code_it_abbreviates():
    text = "มติที่ 45 ได้รับการเผยแพร่ ต่อมารัฐบาลได้ออกมติ 45/NQ-CP เพื่อดำเนินการ"
    short, code = extract_documents(text)
    assert (short.text, short.ref, code.ref) == ("มติที่ 45", "45/NQ-CP", "45/NQ-CP")


def test_the_article_code_wins_over_the_knowledge_base():
    text = "มติที่ 57 ของรัฐบาลระบุว่า ... ตามมติ 57/NQ-CP ลงวันที่ 2 เมษายน 2568"
    short, code = extract_documents(text)
    assert short.ref == code.ref == "57/NQ-CP" and short.attr("issuer_ref") == "org:government"


def test_short_citation_needs_a_fitting_type():
    text = "พระราชกฤษฎีกา 24/2025/NĐ-CP มีผล และมติที่ 24 ของที่ประชุม"
    assert [m.ref for m in extract_documents(text)] == ["24/2025/ND-CP"]
    text = "พระราชกฤษฎีกา 24/2025/NĐ-CP มีผล และกฤษฎีกาที่ 24 ได้กำหนดไว้"
    assert [m.ref for m in extract_documents(text)] == ["24/2025/ND-CP", "24/2025/ND-CP"]


def test_two_fitting_codes_leave_a_short_citation_unresolved():
    text = "มติ 24-NQ/TW และมติ 24/NQ-CP ต่างกัน ส่วนมติที่ 24 นั้นยังไม่ชัด"
    assert [m.ref for m in extract_documents(text)] == ["24-NQ/TW", "24/NQ-CP"]


def test_a_list_of_numbers_after_one_type_word():
    text = "โปลิตบูโรเน้นย้ำมติที่ 57, 59, 66 และ 68 ของโปลิตบูโรว่าเป็นเสาหลัก"
    found = extract_documents(text)
    assert [(m.text, m.ref) for m in found] == [
        ("มติที่ 57", "57-NQ/TW"), ("59", "59-NQ/TW"), ("66", "66-NQ/TW"), ("68", "68-NQ/TW")]
    assert all(m.attr("issuer_ref") == "org:politburo" for m in found)
    assert {span(text, dict(m.attrs)) for m in found} == {"โปลิตบูโร"}
    assert all(m.attr("thai_type") == "มติ" for m in found)


def test_codes_listed_after_one_type_word_share_it_but_keep_their_issuers():
    text = "มติที่ 57-NQ/TW, 59-NQ/TW และ 202/2025/QH15 รวมทั้ง 03/NQ-CP ของรัฐบาล"
    found = extract_documents(text)
    assert [m.attr("thai_type") for m in found] == ["มติ", "มติ", "มติ", None]
    assert found[2].attr("doc_type") == "Resolution"
    assert [m.attr("issuer_ref") for m in found] == [
        "org:politburo", "org:politburo", "org:national-assembly", "org:government"]
    assert [m.attr("issuer_text_start") is not None for m in found] == [False, False, False, True]


def test_a_body_between_the_type_word_and_the_number():
    text = "มติโปลิตบูโรที่ 71 ว่าด้วยการศึกษา"
    m, a = one(text)
    assert m.text == "มติโปลิตบูโรที่ 71" and m.ref == "71-NQ/TW"
    assert span(text, a) == "โปลิตบูโร" and a["subject"] == "การศึกษา"


def test_a_year_after_the_number_picks_the_term():
    assert one("มติที่ 18 ปี 2017 ว่าด้วยการปรับโครงสร้าง")[0].ref == "18-NQ/TW"
    assert extract_documents("มติที่ 18 ปี 2022 ว่าด้วยที่ดิน") == []           # not the 2017 one
    assert extract_documents("มติที่ 18 ลงวันที่ 16 มิถุนายน 2565") == []


def test_a_named_body_the_document_cannot_have_leaves_it_unresolved():
    assert extract_documents("มติที่ 57 ของรัฐบาลว่าด้วยงบประมาณ") == []
    assert extract_documents("สภาแห่งชาติได้ออกมติที่ 57 ในสมัยประชุม") == []
    assert extract_documents("มติที่ 57 ของรัฐบาลไทยเรื่องการค้า") == []     # a body we cannot compare


@pytest.mark.parametrize("text", [
    "มติที่ประชุมเห็นชอบให้ดำเนินการต่อ",
    "ข้อ 5 ของระเบียบกำหนดไว้ชัดเจน",
    "มติที่ 999 ของโปลิตบูโรไม่มีอยู่จริง",                  # matches nothing
    "สภาผ่านร่างด้วยมติ 450 เสียง",
    "รัฐบาลวางแผน 5 ปี และแผน 10 ปี",
    "มติที่ 5 ธันวาคม 2567 ของที่ประชุม",
    "คำสั่ง 3.5% และมติ 57% ของผู้ถือหุ้น",
    "ดูแผนที่ 2 ประกอบ",
    "ประกาศเมื่อ 22/12/2023",
    "มติ 57 ฉบับ",
])
def test_short_citation_negatives(text):
    assert extract_documents(text) == []


def test_short_citation_is_not_read_inside_a_code():
    found = extract_documents("มติที่ 57-NQ/TW และมติ 57/NQ-CP")
    assert [m.text for m in found] == ["57-NQ/TW", "57/NQ-CP"]


# --- the knowledge base -------------------------------------------------------------------

def test_the_knowledge_base_completes_a_code_the_text_gives_bare():
    _, a = one("ตามมติ 57-NQ/TW ทุกกระทรวงต้องเร่งดำเนินการ")
    assert a["date"] == "2024-12-22" and a["issuer_ref"] == "org:politburo"
    _, a = one("สภาแห่งชาติผ่าน 202/2025/QH15 แล้ว")
    assert a["doc_type"] == "Resolution"


def test_the_text_wins_over_the_knowledge_base():
    text = "มติ 57-NQ/TW ของคณะกรรมการกลางพรรค"
    _, a = one(text)
    assert a["issuer_ref"] == "org:party-central-committee"
    _, a = one("มติ 18-NQ/TW ลงวันที่ 16 มิถุนายน 2565 ว่าด้วยที่ดิน")
    assert a["date"] == "2022-06-16" and a["issuer_ref"] == "org:party-central-committee"


def test_a_known_document_cited_by_its_thai_name():
    text = "กฎหมายว่าด้วยวิทยาศาสตร์, เทคโนโลยี และนวัตกรรม มีผลตั้งแต่วันที่ 1 ตุลาคม"
    m, a = one(text)
    assert m.text == "กฎหมายว่าด้วยวิทยาศาสตร์, เทคโนโลยี และนวัตกรรม" and m.ref == "93/2025/QH15"
    assert a["doc_type"] == "Law" and a["issuer_ref"] == "org:national-assembly"


KB = Path(__file__).resolve().parents[1] / "ontology" / "kb" / "documents.tsv"
TYPE_WORDS = {"Resolution": "มติ", "Decision": "คำตัดสิน", "Directive": "คำสั่ง", "Decree": "พระราชกฤษฎีกา",
              "Conclusion": "ข้อสรุป", "Law": "กฎหมาย", "Circular": "หนังสือเวียน", "Plan": "แผน"}


def kb_rows() -> list[dict[str, str]]:
    lines = [ln for ln in KB.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]


@pytest.mark.parametrize("row", kb_rows(), ids=lambda r: r["code"])
def test_every_known_document_is_reached_by_its_short_citation(row):
    number = re.match(r"\d+", row["code"]).group()
    m, a = one(f"ทุกฝ่ายอ้างถึง{TYPE_WORDS[row['doc_type']]}ที่ {number} ในการประชุม")
    assert m.ref == row["code"] == canonical_code(row["code"]) and a["doc_type"] == row["doc_type"]
    assert row["source"]


@pytest.mark.parametrize("row, message", [
    ("57-NQ/TƯ\tResolution\torg:politburo\t2024-12-22\tx\t\tsrc", "not a canonical document code (write 57-NQ/TW)"),
    ("57-NQ/TW\tDecree\torg:politburo\t2024-12-22\tx\t\tsrc", "doc_type Decree but the letters NQ"),
    ("57-NQ/TW\tResolution\tpolitburo\t2024-12-22\tx\t\tsrc", "is not an org id"),
    ("57-NQ/TW\tResolution\torg:politburo\t22/12/2024\tx\t\tsrc", "is not YYYY-MM-DD"),
    ("57-NQ/TW\tResolution\torg:politburo\t2024-12-22\tx\t\t", "no source"),
])
def test_a_bad_knowledge_base_row_is_named(tmp_path, row, message):
    ontology = tmp_path / "ontology"
    shutil.copytree(KB.parents[1], ontology)
    kb = ontology / "kb" / "documents.tsv"
    header = next(ln for ln in kb.read_text(encoding="utf-8").splitlines() if ln.startswith("code\t"))
    kb.write_text(f"{header}\n{row}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", "from vnkg.extract.documents import extract_documents as e; e('x')"],
                         env={**os.environ, "VNKG_ONTOLOGY": str(ontology)}, capture_output=True, text=True)
    assert run.returncode != 0
    assert "ontology/kb/documents.tsv: 57-NQ/T" in run.stderr and message in run.stderr


# --- in the pipeline ------------------------------------------------------------------------

def test_a_short_citation_is_issued_by_the_body_before_it_in_the_pipeline():
    ex = extract_text("ฮานอย 22/12/2024\nโปลิตบูโรได้ออกมติที่ 57 ว่าด้วยการพัฒนาวิทยาศาสตร์และเทคโนโลยี\n")
    docs = [m for m in ex.mentions if m.kind is Kind.DOCUMENT]
    assert [(d.text, d.ref) for d in docs] == [("มติที่ 57", "57-NQ/TW")]
    issued = [(ex.mentions[r.subject].ref, ex.mentions[r.object].ref) for r in ex.relations
              if r.kind == "issued_by"]
    assert issued == [("57-NQ/TW", "org:politburo")]


# --- seeds: invariants only --------------------------------------------------------------

@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_invariants(path):
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    urls = [(u.start(), u.end()) for u in re.finditer(r"https?://\S+", text)]
    for m in extract_documents(text):
        assert m.kind is Kind.DOCUMENT
        assert text[m.start:m.end] == m.text
        assert not any(a <= m.start < b for a, b in urls)
        assert canonical_code(m.ref) == m.ref
        if m.lang == "vi":
            assert m.ref == canonical_code(m.text)
        assert m.attr("doc_type") in {"Resolution", "Decision", "Plan", "Directive", "Decree",
                                      "Circular", "Law", "Conclusion", "Other"}
        if m.attr("date"):
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.attr("date"))
        if m.attr("issuer_text_start"):
            s, e = int(m.attr("issuer_text_start")), int(m.attr("issuer_text_end"))
            assert s < e and (e <= m.start or m.end <= s or m.lang == "th")


def test_a_short_citation_whose_issuer_runs_into_a_particle():
    ex = extract_text("หลังจากสรุปผลการดำเนินการตามมติที่ 18 ของคณะกรรมการกลางพรรคแล้ว หน่วยงานต่างๆ ต้องกระชับ")
    assert [(m.text, m.ref) for m in ex.mentions if m.kind is Kind.DOCUMENT] == [("มติที่ 18", "18-NQ/TW")]
