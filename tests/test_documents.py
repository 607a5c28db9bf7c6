"""Document codes in Thai text: extract_documents, canonical_code, code_slug.

Fixtures are sentences written for these tests; the last tests run on the seed articles
and check only invariants.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

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
     "Directive", "org:prime-minister"),
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
