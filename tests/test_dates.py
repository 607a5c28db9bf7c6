"""Thai date phrases, on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from vnkg.dates import (
    arabic_digits, be_to_ce, event_date, find_dates, parse_dmy, to_iso, year_mentions,
)


def one(text: str, **kw):
    found = find_dates(text, **kw)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m


# ------------------------------------------------------------------ find_dates

@pytest.mark.parametrize("text, expected, span", [
    ("ประกาศเมื่อวันที่ 22 ธันวาคม พ.ศ. 2567 ที่ผ่านมา", date(2024, 12, 22), "22 ธันวาคม พ.ศ. 2567"),
    ("การประชุมวันที่ 3 มกราคม 2568 มีผู้เข้าร่วมมาก", date(2025, 1, 3), "3 มกราคม 2568"),
    ("คณะผู้แทนเดินทางถึงในวันที่ 29 กรกฎาคม 2024 ตามกำหนด", date(2024, 7, 29), "29 กรกฎาคม 2024"),
    ("เอกสารฉบับนี้จัดทำเมื่อ 1 เมษายน ค.ศ. 2023", date(2023, 4, 1), "1 เมษายน ค.ศ. 2023"),
    ("ภายหลัง 14 สิงหาคมพ.ศ.2566 การค้าเพิ่มขึ้น", date(2023, 8, 14), "14 สิงหาคมพ.ศ.2566"),
    ("ข่าวลงวันที่ ๒๒ ธันวาคม ๒๕๖๗ ระบุว่า", date(2024, 12, 22), "๒๒ ธันวาคม ๒๕๖๗"),
    ("รายงานประจำวันที่ 2 ก.พ. 2567 ระบุว่า", date(2024, 2, 2), "2 ก.พ. 2567"),
    ("กำหนดการวันที่ 9 ธ.ค. 66 ถูกเลื่อน", date(2023, 12, 9), "9 ธ.ค. 66"),
    ("ผลการเลือกตั้งเมื่อ 30 พ.ย.2565 เป็นทางการ", date(2022, 11, 30), "30 พ.ย.2565"),
    ("ในวันที่ 5 กรกฏาคม 2567 (สะกดผิด) ก็อ่านได้", date(2024, 7, 5), "5 กรกฏาคม 2567"),
])
def test_dates_with_years(text, expected, span):
    m = one(text)
    assert m.date == expected and m.text == span and m.year_stated


@pytest.mark.parametrize("abbr, month", [
    ("ม.ค.", 1), ("ก.พ.", 2), ("มี.ค.", 3), ("เม.ย.", 4), ("พ.ค.", 5), ("มิ.ย.", 6),
    ("ก.ค.", 7), ("ส.ค.", 8), ("ก.ย.", 9), ("ต.ค.", 10), ("พ.ย.", 11), ("ธ.ค.", 12),
])
def test_every_abbreviated_month(abbr, month):
    m = one(f"งานจัดขึ้นวันที่ 10 {abbr} 2567 ที่ศาลากลาง")
    assert m.date == date(2024, month, 10)


def test_no_year_gives_no_date_unless_a_default_is_given():
    text = "เมื่อเช้าวันที่ 17 ตุลาคม คณะกรรมการได้ลงพื้นที่"
    m = one(text)
    assert (m.date, m.year_stated, m.day, m.month) == (None, False, 17, 10)
    assert one(text, default_year=2567).date == date(2024, 10, 17)
    assert one(text, default_year=2024).date == date(2024, 10, 17)


def test_day_range_takes_its_first_day():
    m = one("การประชุมจัดขึ้นระหว่างวันที่ 15-16 ธ.ค. 2567")
    assert m.date == date(2024, 12, 15) and m.text == "15-16 ธ.ค. 2567"


@pytest.mark.parametrize("text", [
    "ประชากรราว 5 มีความเห็นตรงกัน",          # มีความ starts like มี.ค without dots
    "มีผู้เข้าร่วม 1 ม.คนละครั้ง",             # undotted abbreviation glued to a word
    "สินค้า 45 มีนาคม ไม่ใช่วันที่",            # no 45th day
    "วันที่ 31 เมษายน 2567 ไม่มีจริง",          # April has 30 days
    "ใช้เวลา 6 เดือนแรกของปี",                 # เดือน is not a month name
    "ในปี 2567 เศรษฐกิจเติบโต",               # a year alone is not a date
])
def test_non_dates(text):
    assert find_dates(text) == []


def test_a_count_after_a_month_is_not_a_year():
    m = one("เมื่อวันที่ 8 มีนาคม 120 คนเข้าร่วม")
    assert not m.year_stated and m.text == "8 มีนาคม"
    m = one("เมื่อวันที่ 8 มีนาคม 1500 คนเข้าร่วม")      # 1500 is no plausible year
    assert not m.year_stated and m.text == "8 มีนาคม"


@pytest.mark.parametrize("text, cue", [
    ("มติที่ 12-NQ/TW ลงวันที่ 4 มิถุนายน 2566 ของโปลิตบูโร", "document"),
    ("ตามคำสั่งเลขที่ 88/QD-BTC วันที่ 4 มิถุนายน 2566 ของกระทรวง", "document"),
    ("มาตรการมีผลตั้งแต่วันที่ 1 กรกฎาคม 2567 เป็นต้นไป", "period"),
    ("ต้องส่งรายงานภายในวันที่ 30 กันยายน", "period"),
    ("เมื่อวันที่ 12 พฤษภาคม คณะผู้แทนเดินทางถึง", "event"),
    ("เมื่อบ่ายวันที่ 12 พฤษภาคม คณะผู้แทนเดินทางถึง", "event"),
    ("ค่ำวันที่ 12 พฤษภาคม มีงานเลี้ยงต้อนรับ", "event"),
    ("เมื่อวันศุกร์ที่ 12 พฤษภาคม คณะผู้แทนเดินทางถึง", "event"),
    ("วันที่ 12 พฤษภาคม ณ นครดานัง มีการลงนาม", "event"),
    ("วันที่ 12 พฤษภาคม 2567 ที่กรุงเทพฯ มีการลงนาม", "event"),
    ("รายงานฉบับวันที่ 12 พฤษภาคม 2567 ระบุตัวเลข", None),
])
def test_cues(text, cue):
    assert one(text).cue == cue


# ------------------------------------------------------------------ event_date

def test_event_date_skips_document_dates_and_takes_the_cued_one():
    text = ("ตามแผนที่ 07-KH/UBND ลงวันที่ 3 มกราคม 2567 ของจังหวัด\n"
            "เมื่อวันที่ 9 กุมภาพันธ์ 2567 ณ เมืองเว้ มีการเปิดศูนย์บริการแห่งใหม่")
    assert event_date(text) == date(2024, 2, 9)


def test_event_date_is_none_when_only_document_dates_are_given():
    text = ("การรณรงค์ดำเนินตามมติที่ 57-NQ/TW ลงวันที่ 22 ธันวาคม พ.ศ. 2567\n"
            "ผู้แทนหลายหน่วยงานเข้าร่วมพิธีเปิด")
    assert event_date(text) is None


def test_event_date_falls_back_to_the_first_date_of_the_lead():
    text = "ผู้นำทั้งสองพบกัน 14 มีนาคม 2568 ที่ทำเนียบรัฐบาล\nบรรทัดที่สอง"
    assert event_date(text) == date(2025, 3, 14)
    text = "ผู้นำทั้งสองพบกันหลังการเจรจา 14 มีนาคม 2568 เพื่อหารือ"
    assert event_date(text) == date(2025, 3, 14)


def test_event_date_ignores_uncued_dates_deep_in_the_article():
    text = "\n".join(["หัวข้อข่าวสั้น", "บรรทัดที่สอง", "บรรทัดที่สาม",
                      "ย้อนไปเมื่อปี 2488 ประเทศได้ประกาศเอกราช 2 กันยายน 2488"])
    assert event_date(text) is None


def test_missing_year_from_published_date():
    text = "เมื่อเช้าวันที่ 3 เมษายน ณ กรุงฮานอย มีการประชุม"
    assert event_date(text, date(2024, 4, 3)) == date(2024, 4, 3)
    assert event_date(text, date(2024, 4, 10)) == date(2024, 4, 3)
    assert event_date(text, date(2023, 11, 1)) == date(2023, 4, 3)


def test_missing_year_after_the_published_date_means_the_year_before():
    text = "เมื่อเย็นวันที่ 30 ธันวาคม มีการจุดพลุฉลองปีใหม่"
    assert event_date(text, date(2025, 1, 2)) == date(2024, 12, 30)


def test_missing_year_from_a_year_on_the_same_line():
    text = ("เมื่อบ่ายวันที่ 11 มิถุนายน ณ จังหวัดกว๋างนิญ มีการทบทวนแผนงานประจำปี 2566\n"
            "ตัวเลขการส่งออกในปี 2567 และปี 2567 สูงขึ้น")
    assert event_date(text) == date(2023, 6, 11)


def test_missing_year_from_the_most_frequent_year_ignoring_targets():
    text = ("เมื่อวันที่ 2 กันยายน มีพิธีเฉลิมฉลอง\n"
            "รายได้ในปี 2024 เพิ่มขึ้น ขณะที่งบประมาณปี พ.ศ. 2567 ได้รับอนุมัติ\n"
            "ยุทธศาสตร์ถึงปี 2030 และวิสัยทัศน์ถึงปี 2045 สำหรับช่วงปี 2026-2030")
    assert event_date(text) == date(2024, 9, 2)


def test_missing_year_and_no_year_anywhere():
    assert event_date("เมื่อวันที่ 2 กันยายน มีพิธีเฉลิมฉลอง") is None


def test_no_dates_at_all():
    assert event_date("ไม่มีวันที่ในข้อความนี้เลย") is None


# ------------------------------------------------------------------ helpers

def test_year_mentions():
    text = "ในปี 2567 และ ค.ศ. 2023 แต่ไม่นับถึงปี 2030 หรือปี 2025-2028 หรือ พ.ศ. 2569 - 2573"
    assert [y for _, y in year_mentions(text)] == [2024, 2023]


def test_be_to_ce_and_iso():
    assert be_to_ce(2567) == 2024 and be_to_ce(2024) == 2024
    assert to_iso(date(2024, 12, 22)) == "2024-12-22" and to_iso(None) is None
    assert arabic_digits("๒๕๖๗/๑๒") == "2567/12"


@pytest.mark.parametrize("text, expected", [
    ("22/12/2023", date(2023, 12, 22)),
    ("Báo Nhân DânBáo Nhân Dân05/03/2024", date(2024, 3, 5)),
    ("1.2.2567", date(2024, 2, 1)),
    ("31/02/2024", None),
    ("22/12-2023", None),
    ("ไม่มีวันที่", None),
])
def test_parse_dmy(text, expected):
    assert parse_dmy(text) == expected
