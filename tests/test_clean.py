"""clean.clean on pages written for these tests, plus invariants on the real seed files."""
from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from vnkg.clean import clean, find_credits, published_date, source_url, split_sentences
from vnkg.load import read_article
from vnkg.model import Article, ArticleError, RawArticle

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))

PAGE = """Vietnam.vn - Nền tảng quảng bá Việt Nam

Độc lập - Tự do - Hạnh phúc

จังหวัดเหงะอานเร่งรัดโครงการทางหลวงสายใหม่

Báo Giao thôngBáo Giao thông05/03/2024


Nghệ An đẩy nhanh dự án đường cao tốc mới- Ảnh 1.

ประธานคณะกรรมการประชาชนจังหวัดตรวจเยี่ยมสถานที่ก่อสร้าง - ภาพ: TTXVN/Minh Duc

เมื่อบ่ายวันที่ 4 มีนาคม ณ เมืองวิญ คณะกรรมการประชาชนจังหวัดเหงะอานได้ประชุมติดตามความคืบหน้าของโครงการ

ผู้อำนวยการกรมการขนส่งรายงานว่างานถมดินเสร็จแล้วร้อยละ 60![]() |

วิศวกรตรวจสอบแนวถนน (ภาพ: เลือง ถุ่ย)

“เราต้องเปิดใช้ถนนให้ทันก่อนสิ้นปี” ประธานจังหวัดกล่าว

แหล่งที่มา
https://example.vn/nghe-an-cao-toc.html

การแสดงความคิดเห็น (0)

Simple Empty
No data

หัวข้อเดียวกัน

ข่าวอื่นที่ไม่เกี่ยวข้องกับบทความนี้เลย
มรดก
"""

BODY = [
    "จังหวัดเหงะอานเร่งรัดโครงการทางหลวงสายใหม่",
    "ประธานคณะกรรมการประชาชนจังหวัดตรวจเยี่ยมสถานที่ก่อสร้าง - ภาพ: TTXVN/Minh Duc",
    "เมื่อบ่ายวันที่ 4 มีนาคม ณ เมืองวิญ คณะกรรมการประชาชนจังหวัดเหงะอานได้ประชุมติดตามความคืบหน้าของโครงการ",
    "ผู้อำนวยการกรมการขนส่งรายงานว่างานถมดินเสร็จแล้วร้อยละ 60",
    "วิศวกรตรวจสอบแนวถนน (ภาพ: เลือง ถุ่ย)",
    "“เราต้องเปิดใช้ถนนให้ทันก่อนสิ้นปี” ประธานจังหวัดกล่าว",
]


def raw(text: str, name: str = "page.txt") -> RawArticle:
    return RawArticle(path=f"in/{name}", name=name, text=text, encoding="utf-8")


def check_offsets(a: Article) -> None:
    for s in a.sentences:
        assert s.text and s.text == s.text.strip()
        assert a.text[s.start:s.end] == s.text
    for prev, nxt in zip(a.sentences, a.sentences[1:]):
        assert prev.end <= nxt.start
    covered = "".join(a.text[s.start:s.end] for s in a.sentences)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", a.text)
    for c in a.credits:
        assert a.text[c.start:c.end] == c.name


@pytest.fixture(scope="module")
def page() -> Article:
    return clean(raw(PAGE))


# ------------------------------------------------------------------ chrome and metadata

def test_body_lines_are_kept_and_chrome_dropped(page):
    assert page.text == "\n".join(BODY)
    assert page.dropped_lines == 12
    for chrome in ("Vietnam.vn", "Độc lập", "Ảnh 1", "![]()", "การแสดงความคิดเห็น",
                   "Simple Empty", "No data", "หัวข้อเดียวกัน", "ข่าวอื่น", "มรดก",
                   "แหล่งที่มา", "https://", "05/03/2024"):
        assert chrome not in page.text


def test_metadata(page):
    assert page.name == "page.txt" and page.path == "in/page.txt"
    assert page.source_url == "https://example.vn/nghe-an-cao-toc.html"
    assert page.published == date(2024, 3, 5)
    assert page.event_date == date(2024, 3, 4)
    assert page.title == BODY[0]
    assert page.sha == hashlib.sha256(page.text.encode()).hexdigest()
    assert page.id == page.sha[:16]


def test_credits_on_the_page(page):
    check_offsets(page)
    assert [(c.name, c.agency) for c in page.credits] == [("Minh Duc", "TTXVN"), ("เลือง ถุ่ย", None)]


def test_sentences_on_the_page(page):
    check_offsets(page)
    assert [s.text for s in page.sentences] == BODY


def test_clean_is_deterministic():
    assert clean(raw(PAGE)) == clean(raw(PAGE))


def test_title_skips_a_caption_under_an_image_and_drops_the_credit():
    a = clean(raw("![]() |\nภาพบรรยากาศงาน\n" + "ย่อหน้าแรกที่ยาวมาก " * 30))
    assert a.title is None
    b = clean(raw("ผู้แทนกล่าวเปิดงานแสดงสินค้า (ภาพ: ฟาม ฮุง) |\nเนื้อหาข่าวต่อจากนี้"))
    assert b.title == "ผู้แทนกล่าวเปิดงานแสดงสินค้า"
    assert b.text.startswith("ผู้แทนกล่าวเปิดงานแสดงสินค้า (ภาพ: ฟาม ฮุง)\n")


def test_inline_source_line_and_table_pipes():
    text = ("ผู้แทนกล่าวเปิดงานแสดงสินค้า (ภาพ: ฟาม ฮุง) |\n"
            "งานแสดงสินค้าครั้งนี้มีบริษัทเข้าร่วมกว่าสามร้อยราย\n"
            "|---|---|\n"
            "ที่มา: https://example.vn/hoi-cho.html\n"
            "Bình luận (3)\n"
            "เนื้อหาหลังส่วนท้ายถูกตัดทิ้ง")
    a = clean(raw(text))
    assert a.text == ("ผู้แทนกล่าวเปิดงานแสดงสินค้า (ภาพ: ฟาม ฮุง)\n"
                      "งานแสดงสินค้าครั้งนี้มีบริษัทเข้าร่วมกว่าสามร้อยราย")
    assert a.source_url == "https://example.vn/hoi-cho.html"
    assert a.dropped_lines == 4


def test_a_page_of_chrome_only_is_an_error():
    page = "Vietnam.vn - Nền tảng quảng bá Việt Nam\nการแสดงความคิดเห็น (0)\nหัวข้อเดียวกัน\nมรดก\nธุรกิจ"
    with pytest.raises(ArticleError) as info:
        clean(raw(page, "menu.txt"))
    assert info.value.path == "in/menu.txt" and "no Thai article text" in info.value.reason


def test_a_footer_heading_above_the_body_cuts_nothing():
    a = clean(raw("ข่าวที่เกี่ยวข้อง\nเนื้อหาข่าวที่ต้องเก็บไว้ทั้งหมด\nบรรทัดที่สองของข่าว"))
    assert a.text == "เนื้อหาข่าวที่ต้องเก็บไว้ทั้งหมด\nบรรทัดที่สองของข่าว"


@pytest.mark.parametrize("line, expected", [
    ("ที่มา: https://example.vn/a.html", (True, "https://example.vn/a.html")),
    ("แหล่งที่มา: https://example.vn/b.htm", (True, "https://example.vn/b.htm")),
    ("Source: https://example.vn/c.html.", (True, "https://example.vn/c.html")),
    ("Nguồn: https://example.vn/d", (True, "https://example.vn/d")),
    ("ที่มา: หนังสือพิมพ์เตื่อยแจ", (True, None)),
    ("แหล่งที่มา", (True, None)),
    ("ที่มาของงบประมาณคือรัฐบาลกลางและจังหวัดร่วมกันสมทบ", (False, None)),
    ("ภาพ: ที่มา", (False, None)),
])
def test_source_lines(line, expected):
    assert source_url(line) == expected


def test_source_url_on_the_next_line_and_a_body_line_about_sources():
    text = "ที่มาของงบประมาณคือรัฐบาลกลาง\nแหล่งที่มา\n<https://example.vn/e.html>"
    a = clean(raw(text))
    assert a.text == "ที่มาของงบประมาณคือรัฐบาลกลาง"
    assert a.source_url == "https://example.vn/e.html"


def test_no_source_line():
    assert clean(raw("ข่าวสั้นที่ไม่มีบรรทัดที่มา\nบรรทัดที่สอง")).source_url is None


@pytest.mark.parametrize("line, expected", [
    ("22/12/2023", date(2023, 12, 22)),
    ("Báo Nhân DânBáo Nhân Dân05/03/2024", date(2024, 3, 5)),
    ("Thứ Ba, 05/03/2024 10:35 GMT+7", date(2024, 3, 5)),
    ("ประกาศนี้มีผลบังคับใช้กับทุกหน่วยงานตั้งแต่ 01/07/2024", None),
    ("ราคาสินค้า 12/5 บาท", None),
])
def test_published_date_lines(line, expected):
    assert published_date(line) == expected


def test_a_thai_sentence_ending_with_a_date_is_kept():
    line = "ประกาศนี้มีผลบังคับใช้กับทุกหน่วยงานตั้งแต่ 01/07/2024"
    a = clean(raw(line))
    assert a.text == line and a.published is None


# ------------------------------------------------------------------ credits

@pytest.mark.parametrize("line, expected", [
    ("ผู้แทนกล่าวเปิดงาน (ภาพ: ฟาม ฮุง)", [("ฟาม ฮุง", None)]),
    ("คณะผู้แทนถ่ายภาพร่วมกัน - ภาพ: VGP/Nhat Bac", [("Nhat Bac", "VGP")]),
    ("เจ้าหน้าที่ตรวจเอกสาร ภาพ: เหงียน ลอง/VNA", [("เหงียน ลอง", "VNA")]),
    ("Photo: Tran Hai", [("Tran Hai", None)]),
    ("นักเรียนร่วมกิจกรรม (Ảnh: Lan Anh)", [("Lan Anh", None)]),
    ("เจ้าหน้าที่ตรวจเอกสาร VNA/Thanh Tung", [("Thanh Tung", "VNA")]),
    ("พิธีลงนาม (VGP/Quang Hieu)", [("Quang Hieu", "VGP")]),
    ("ผู้นำถ่ายภาพร่วมกัน (ภาพ: TTXVN)", [("TTXVN", None)]),
    ("ภาพ: ดวน ตุง", [("ดวน ตุง", None)]),
    ("ภาพแรก (ภาพ: ฮา อาน) ภาพที่สอง (ภาพ: ลี มินห์)", [("ฮา อาน", None), ("ลี มินห์", None)]),
])
def test_credits(line, expected):
    text = "ย่อหน้าก่อนหน้า\n" + line
    credits = find_credits(text)
    assert [(c.name, c.agency) for c in credits] == expected
    for c in credits:
        assert text[c.start:c.end] == c.name


@pytest.mark.parametrize("line", [
    "ดำเนินการตามมติที่ 57-NQ/TW",
    "ตามคำสั่งเลขที่ 12/QD-TTg",
    "ภาพรวมของการประชุมเป็นไปด้วยดี",
    "ภาพ ประกอบการประชุม",
    "ภาพ: ",
    "สัดส่วนอยู่ที่ CPI/GDP",
])
def test_not_credits(line):
    assert find_credits(line) == ()


# ------------------------------------------------------------------ sentences

A = ("คณะกรรมการได้ทบทวนผลการดำเนินงานตลอดทั้งปีและพบว่าการส่งออกสินค้าเกษตรเพิ่มขึ้นอย่างต่อเนื่อง "
     "โดยเฉพาะข้าวและกาแฟที่มีมูลค่าสูงขึ้นกว่าปีก่อนหน้า")
B = ("นอกจากนี้ จังหวัดยังได้ปรับปรุงถนนในชนบทกว่าสองร้อยกิโลเมตร "
     "เพื่อให้เกษตรกรขนส่งผลผลิตได้สะดวกขึ้นและลดต้นทุนการขนส่ง")
C = "“เราจะไม่หยุดเพียงเท่านี้ นอกจากนี้เรายังจะลงทุนในโรงเรียนด้วย” ผู้ว่าราชการจังหวัดกล่าวเน้นย้ำ"
D = "ขณะเดียวกัน ภาคธุรกิจก็เสนอให้ลดขั้นตอนการอนุญาตลงทุนเพื่อดึงดูดนักลงทุนจากต่างประเทศมากขึ้น"


def test_long_line_is_split_at_sentence_starters_not_inside_quotes():
    line = " ".join([A, B, C, D])
    assert len(line) > 300
    sentences = split_sentences("หัวข้อ\n" + line)
    assert [s.text for s in sentences] == ["หัวข้อ", A, B, C, D]


def test_quote_and_attribution_stay_together_then_split():
    E = "“การค้าชายแดนต้องโปร่งใสและรวดเร็วกว่าเดิม” รัฐมนตรีกล่าว"
    F = "รัฐมนตรียังได้มอบหมายให้กรมศุลกากรปรับปรุงระบบตรวจสอบเอกสารออนไลน์ให้แล้วเสร็จภายในไตรมาสหน้า"
    line = " ".join([A, E, F, A])
    # The next sentence starts with no cue word, so it runs on: spaces alone never split.
    assert [s.text for s in split_sentences(line)] == [A, E, F + " " + A]


def test_a_quotation_introduced_by_its_speaker_is_not_split_off():
    E = "ผู้ว่าราชการจังหวัดกล่าวว่า “การค้าชายแดนต้องโปร่งใสและรวดเร็วกว่าเดิม” และรัฐมนตรีกล่าวเสริม"
    line = " ".join([A, E, A])
    texts = [s.text for s in split_sentences(line)]
    assert any(E in t for t in texts)
    assert not any(t.startswith("“") for t in texts)


def test_ellipsis_ends_a_sentence_unless_a_conjunction_follows():
    G = "รายได้จากการท่องเที่ยวเพิ่มขึ้นในทุกจังหวัดชายฝั่ง ทั้งดานัง ญาจาง ฟูก๊วก..."
    H = "ภาคการผลิตเติบโตช้ากว่าที่คาดไว้เนื่องจากคำสั่งซื้อจากต่างประเทศลดลง"
    I = "เช่น สิ่งทอ รองเท้า... และเฟอร์นิเจอร์ ซึ่งล้วนเป็นสินค้าส่งออกสำคัญของประเทศ"
    line = " ".join([A, G, H, I, A])
    texts = [s.text for s in split_sentences(line)]
    assert (A + " " + G) in texts
    assert any(t.startswith(H) and "... และเฟอร์นิเจอร์" in t for t in texts)


def test_spaces_alone_never_split_and_short_lines_stay_whole():
    clauses = " ".join(["ผู้แทนจังหวัดรายงานผลการดำเนินงานด้านการเกษตร"] * 12)
    assert len(split_sentences(clauses)) == 1
    short = "ผลผลิตเพิ่มขึ้น นอกจากนี้ ราคาก็ดีขึ้น"
    assert [s.text for s in split_sentences(short)] == [short]


def test_sentence_offsets_with_surrounding_spaces_and_empty_lines():
    text = "  บรรทัดแรกมีช่องว่าง  \n\nบรรทัดที่สาม"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["บรรทัดแรกมีช่องว่าง", "บรรทัดที่สาม"]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_end_to_end_from_a_cp874_file(tmp_path):
    path = tmp_path / "legacy.txt"
    body = "ข่าวจังหวัดลาวไก\nเมื่อเช้าวันที่ 9 ตุลาคม 2566 ณ จังหวัดลาวไก มีพิธีเปิดด่านชายแดน\nที่มา: https://example.vn/lao-cai.html"
    path.write_bytes(body.encode("cp874"))
    a = clean(read_article(path))
    assert a.text == "ข่าวจังหวัดลาวไก\nเมื่อเช้าวันที่ 9 ตุลาคม 2566 ณ จังหวัดลาวไก มีพิธีเปิดด่านชายแดน"
    assert a.event_date == date(2023, 10, 9)
    assert a.source_url == "https://example.vn/lao-cai.html"
    assert a.name == "legacy.txt"


# ------------------------------------------------------------------ real seed files

_SOURCE_LINE = re.compile(r"^(?:แหล่ง)?ที่มา:\s*(https?://\S+)", re.MULTILINE)


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_invariants(path):
    raw_article = read_article(path)
    a = clean(raw_article)
    check_offsets(a)
    assert a.sentences and a.text and "\n\n" not in a.text
    for chrome in ("การแสดงความคิดเห็น", "![]()", "Simple Empty", "No videos available",
                   "หัวข้อเดียวกัน", "หมวดหมู่เดียวกัน", "ผู้เขียนเดียวกัน", "Độc lập - Tự do",
                   "Ảnh 1.", "Vietnam.vn"):
        assert chrome not in a.text
    assert not any(line.rstrip().endswith("|") for line in a.text.split("\n"))
    declared = _SOURCE_LINE.search(raw_article.text)
    assert a.source_url == (declared.group(1) if declared else None)
    assert a.sha == hashlib.sha256(a.text.encode()).hexdigest()
    assert a.title is None or a.title in a.text
    assert a.event_date is None or a.event_date.year >= 2020


def test_seeds_exist():
    assert len(SEEDS) >= 5


def test_text_is_normalised_before_anything_reads_it():
    """Zero-width spaces, non-breaking spaces, a decomposed sara am and a tone mark typed
    before its vowel are the same text to a reader, and so to the extraction."""
    from extract_helpers import extract_text, names_of
    from vnkg.model import Kind

    plain = "รัฐมนตรีว่าการกระทรวงการคลัง นายโฮ ดึ๊ก ฟ้อก ได้นำคณะผู้แทนเยือนกรุงฮานอยในวันนี้"
    messy = ("รัฐมนตรีว่าการกระทรวง\u200bการคลัง\u00a0นายโฮ\u00a0\u00a0ดึ๊ก ฟ้อก ได้น\u0e4d\u0e32"
             "คณะผู้แทนเยือนกรุงฮานอยในวันนี\u0e49")
    clean_ex, messy_ex = extract_text(plain), extract_text(messy)
    assert messy_ex.article.text == plain
    for kind in (Kind.PERSON, Kind.ORGANIZATION, Kind.PLACE):
        assert names_of(messy_ex, kind) == names_of(clean_ex, kind)
