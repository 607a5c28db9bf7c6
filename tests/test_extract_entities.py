"""Mentions found by the real extractor in sentences written for these tests."""
from __future__ import annotations

import pytest

from extract_helpers import extract_text, names_of
from vnkg.model import Kind


# ---------------------------------------------------------------- persons

@pytest.mark.parametrize("text, name", [
    ("รัฐมนตรีว่าการกระทรวงการคลัง นายโฮ ดึ๊ก ฟ้อก ได้ต้อนรับคณะผู้แทน", "โฮ ดึ๊ก ฟ้อก"),
    ("นายกรัฐมนตรีฝ่ามมิญชิ้ญกล่าวว่ารัฐบาลจะสนับสนุนภาคธุรกิจ", "ฝ่ามมิญชิ้ญ"),       # no spaces, verb glued
    ("รองนายกรัฐมนตรี Le Thanh Long เป็นประธานการประชุม", "Le Thanh Long"),           # Latin script
    ("สหายเลือง เกื่อง เข้าร่วมพิธีเปิดงานในวันนี้", "เลือง เกื่อง"),                              # honorific สหาย dropped
    ("ผู้แทนจากกระทรวงพบกับนายเหงียน ไห่ นิญ", "เหงียน ไห่ นิญ"),                      # name at line end
])
def test_vietnamese_names_are_persons(text, name):
    assert name in names_of(extract_text(text), Kind.PERSON)


@pytest.mark.parametrize("text", [
    "การเลือกตั้งในเวียดนามจะจัดขึ้นในปีหน้า",
    "โดยรวมแล้วผลการดำเนินงานดีขึ้นกว่าที่คาดไว้ ดังนั้นจึงต้องเลือกแนวทางใหม่",
    "เลขาธิการสมาคมได้หวังว่าการฟังความเห็นจะช่วยได้",
])
def test_ordinary_thai_words_are_not_persons(text):
    assert names_of(extract_text(text), Kind.PERSON) == []


def test_photo_credit_is_a_photographer_not_an_official():
    ex = extract_text("รัฐมนตรีว่าการกระทรวงการคลัง นายโฮ ดึ๊ก ฟ้อก เดินทางเยือนญี่ปุ่น (ภาพ: ฮวง ฮา)")
    credit = [m for m in ex.mentions if m.attr("credit")]
    assert [m.text for m in credit] == ["ฮวง ฮา"]
    posts = [ex.mentions[r.subject].text for r in ex.relations if r.kind == "holds_post"]
    assert "ฮวง ฮา" not in posts and "โฮ ดึ๊ก ฟ้อก" in posts


@pytest.mark.parametrize("credit", ["Vietnam+", "VNA/Hanoi", "TTXVN 2025"])
def test_a_credit_that_is_no_name_gives_neither_a_person_nor_a_place(credit):
    ex = extract_text(f"ผู้แทนบริษัทลงนามข้อตกลงความร่วมมือในวันนี้ (ภาพ: {credit})")
    assert names_of(ex, Kind.PERSON) == [] and names_of(ex, Kind.PLACE) == []


def test_given_name_alone_after_honorific_is_kept_for_resolution():
    ex = extract_text("ผู้อำนวยการกรมสื่อมวลชน เหงียน แทงห์ ลัม กล่าวเปิดงาน ต่อมานายลัม ได้ตอบคำถาม")
    short = [m for m in ex.mentions if m.attr("given_name")]
    assert [m.text for m in short] == ["ลัม"]


# ---------------------------------------------------------------- organizations

def test_lexicon_organizations_and_abbreviations():
    ex = extract_text("กระทรวงการต่างประเทศ (MOFA) ประสานงานกับองค์การการค้าโลกและ WTO")
    refs = {m.ref for m in ex.mentions if m.kind is Kind.ORGANIZATION}
    assert refs == {"org:mofa", "org:wto"}


def test_unknown_department_by_name_grammar_stops_before_the_verb():
    ex = extract_text("กรมสื่อมวลชนของกระทรวงสารสนเทศและการสื่อสารได้จัดการสัมมนา")
    assert "กรมสื่อมวลชน" in names_of(ex, Kind.ORGANIZATION)


def test_descriptive_phrases_are_not_organizations():
    ex = extract_text("บริษัทเทคโนโลยีหลายแห่งและสถาบันวิจัยชั้นนำเข้าร่วมงาน กระทรวงและสาขาต่างๆ ให้การสนับสนุน")
    assert names_of(ex, Kind.ORGANIZATION) == []


def test_back_reference_points_at_the_ministry_the_article_is_about():
    ex = extract_text("กระทรวงวิทยาศาสตร์และเทคโนโลยีจัดงานสัมมนา\nกระทรวงฯ ยังได้ลงนามความร่วมมือกับญี่ปุ่น")
    back = [m for m in ex.mentions if m.attr("backref")]
    assert [(m.text, m.attr("antecedent")) for m in back] == [("กระทรวงฯ", "org:most")]
    # a back-reference is no name of the ministry
    assert "กระทรวงฯ" not in [m.text for m in ex.mentions if m.ref == "org:most" and not m.attr("backref")]


def test_the_committee_points_at_the_listed_committee_before_it_not_at_a_bare_one_after():
    ex = extract_text("คณะกรรมการตรวจสอบส่วนกลางจัดการประชุมสมัยที่ 12\n"
                      "ในการประชุม คณะกรรมการได้พิจารณารายงานของคณะกรรมการประชาชนจังหวัดเหงะอาน")
    back = [m for m in ex.mentions if m.attr("backref")]
    assert [(m.text, m.ref) for m in back] == [("คณะกรรมการ", "org:central-inspection-commission")]


def test_a_back_reference_to_a_provincial_body_takes_the_province_s_body():
    ex = extract_text("จังหวัดเหงะอานเร่งรัดการลงทุน\nคณะกรรมการประชาชนจังหวัดได้ประชุมเมื่อวันที่ 3 มีนาคม "
                      "ต่อมาคณะกรรมการดังกล่าวได้อนุมัติแผนการลงทุน")
    back = [m for m in ex.mentions if m.attr("backref")]
    assert [m.ref for m in back] == ["org:nghe-an-peoples-committee"]


def test_latin_company_and_its_short_name():
    ex = extract_text("Sao Mai Technology Joint Stock Company ลงนามข้อตกลง และ Sao Mai Technology จะลงทุนเพิ่ม")
    orgs = [m for m in ex.mentions if m.kind is Kind.ORGANIZATION]
    assert [m.text for m in orgs] == ["Sao Mai Technology Joint Stock Company", "Sao Mai Technology"]
    assert orgs[1].attr("alias_of") == orgs[0].text


def test_government_in_e_government_is_not_the_government():
    ex = extract_text("การพัฒนารัฐบาลอิเล็กทรอนิกส์และรัฐบาลดิจิทัลเป็นเป้าหมายของประเทศ")
    assert "org:government" not in {m.ref for m in ex.mentions}


def test_publisher_on_the_date_line_is_an_organization():
    ex = extract_text("Báo Nhân DânBáo Nhân Dân05/03/2024\nรัฐมนตรีว่าการกระทรวงการคลัง นายโฮ ดึ๊ก ฟ้อก ได้ต้อนรับคณะผู้แทน")
    pub = [m for m in ex.mentions if m.attr("publisher")]
    assert [m.text for m in pub] == ["Báo Nhân Dân"]


@pytest.mark.parametrize("date_line, outlet, ref", [
    ("Báo Quốc tế - วันจันทร์ 3/2/2025", "Báo Quốc tế", "org:bao-quoc-te"),
    ("VietnamPlus ภาษาไทย - 5/5/2025", "VietnamPlus", "org:vietnamplus"),
    ("(VOV) - 01/02/2025", "VOV", "org:vov"),
    ("Nhân Dân - Thứ năm, 24/07/2025", "Nhân Dân", "org:nhan-dan"),
])
def test_the_outlet_on_a_date_line_without_the_weekday_the_edition_or_brackets(date_line, outlet, ref):
    ex = extract_text(f"{date_line}\nรัฐมนตรีว่าการกระทรวงการคลัง นายโฮ ดึ๊ก ฟ้อก ได้ต้อนรับคณะผู้แทน")
    assert [(m.text, m.ref) for m in ex.mentions if m.attr("publisher")] == [(outlet, ref)]


# ---------------------------------------------------------------- initiatives

@pytest.mark.parametrize("text, name", [
    ('กระทรวงแรงงานเปิดตัวขบวนการ "ทั้งประเทศร่วมมือกันเพื่อคนยากจน" ในวันนี้', "ทั้งประเทศร่วมมือกันเพื่อคนยากจน"),
    ("รัฐบาลอนุมัติยุทธศาสตร์การพัฒนาเศรษฐกิจดิจิทัลถึงปี 2030 วิสัยทัศน์ถึงปี 2045 แล้ว",
     "ยุทธศาสตร์การพัฒนาเศรษฐกิจดิจิทัลถึงปี 2030 วิสัยทัศน์ถึงปี 2045"),
    ("การแข่งขัน Vietnam Innovation Challenge 2025 จัดขึ้นแล้วที่มหาวิทยาลัยแห่งชาติ", "Vietnam Innovation Challenge 2025"),
    ("ระบบนี้เชื่อมต่อกับแพลตฟอร์มการชำระเงินแห่งชาติ (NPP) อย่างปลอดภัย", "แพลตฟอร์มการชำระเงินแห่งชาติ"),
    ("หน่วยงานเตรียมจัดงานวันนวัตกรรมแห่งชาติ 2568 อย่างยิ่งใหญ่", "วันนวัตกรรมแห่งชาติ 2568"),
])
def test_named_initiatives(text, name):
    assert name in names_of(extract_text(text), Kind.INITIATIVE)


@pytest.mark.parametrize("text, name", [
    ("กระทรวงเปิดตัวโครงการนิคมเมืองเฟื้อก ถั่น เมื่อวันที่ 3 มีนาคม", "โครงการนิคมเมืองเฟื้อก ถั่น"),
    ("รัฐบาลอนุมัติโครงการเป้าหมายแห่งชาติด้านการศึกษา วัฒนธรรม และการพัฒนาชนบทช่วงปี 2026-2035 ในวันนี้",
     "โครงการเป้าหมายแห่งชาติด้านการศึกษา วัฒนธรรม และการพัฒนาชนบทช่วงปี 2026-2035"),
    # a Thai word after the space, or a clause, ends the name
    ("กระทรวงเปิดตัวโครงการท่าเรือกว๋างนิญ ได้รับเงินทุน", "โครงการท่าเรือกว๋างนิญ"),
    ("รัฐบาลเปิดโครงการสร้างถนน ยาว 5 กิโลเมตร และสะพาน", "โครงการสร้างถนน"),
])
def test_an_initiative_name_runs_over_spaced_syllables_a_spaced_list_and_its_period(text, name):
    assert names_of(extract_text(text), Kind.INITIATIVE) == [name]


def test_a_second_initiative_after_and_is_no_field_of_the_first():
    got = names_of(extract_text("จังหวัดเร่งรัดโครงการสะพานเกิ่นเทอ ท่าเรือไฮฟอง และโครงการทางด่วนสายใหม่ในปีนี้"),
                   Kind.INITIATIVE)
    assert "โครงการสะพานเกิ่นเทอ ท่าเรือไฮฟอง และโครงการทางด่วนสายใหม่ในปีนี้" not in got
    assert "โครงการทางด่วนสายใหม่ในปีนี้" in got or "โครงการทางด่วนสายใหม่" in got


@pytest.mark.parametrize("text", [
    "การเปลี่ยนแปลงทางดิจิทัลเป็นภารกิจสำคัญของทุกหน่วยงาน",
    "มีโครงการนำร่องหลายโครงการในจังหวัดต่างๆ",
    "เจ้าหน้าที่เข้าร่วมโครงการฝึกอบรมเกี่ยวกับทักษะดิจิทัล",
    "แผนงานของปีนี้จะประกาศในเดือนหน้า",
])
def test_general_concepts_are_not_initiatives(text):
    assert names_of(extract_text(text), Kind.INITIATIVE) == []


def test_a_place_inside_an_initiative_name_is_still_a_place():
    ex = extract_text("กระทรวงออกแผนพัฒนาโครงข่ายไฟเบอร์ของเวียดนามถึงปี 2030 แล้ว")
    assert names_of(ex, Kind.INITIATIVE) == ["แผนพัฒนาโครงข่ายไฟเบอร์ของเวียดนามถึงปี 2030"]
    assert names_of(ex, Kind.PLACE) == ["เวียดนาม"]


# ---------------------------------------------------------------- places

def test_places_respect_word_boundaries():
    ex = extract_text("นักศึกษาจากลาวและกัมพูชาเดินทางมาที่นครโฮจิมินห์ เขากล่าวว่าทุกคนตื่นเต้น")
    assert names_of(ex, Kind.PLACE) == ["ลาว", "กัมพูชา", "นครโฮจิมินห์"]   # not ลาว inside กล่าว


def test_the_city_is_a_place_and_the_president_is_a_person():
    ex = extract_text("ประธานาธิบดีโฮจิมินห์เป็นผู้นำที่ยิ่งใหญ่ การประชุมจัดที่นครโฮจิมินห์")
    assert names_of(ex, Kind.PERSON) == ["โฮจิมินห์"]
    assert names_of(ex, Kind.PLACE) == ["นครโฮจิมินห์"]


# ---------------------------------------------------------------- every mention is a span of the cleaned text

def test_mentions_are_spans_of_the_cleaned_text():
    ex = extract_text("รองนายกรัฐมนตรี Le Thanh Long และรัฐมนตรีว่าการกระทรวงยุติธรรม เหงียน ไห่ นิญ "
                      "หารือเรื่องมติที่ 27-NQ/TW ณ กรุงฮานอย")
    for m in ex.mentions:
        if m.end > m.start:
            assert ex.article.text[m.start:m.end] == m.text


def test_given_name_glued_to_the_verb():
    ex = extract_text("หัวหน้าคณะกรรมการกิจการต่างประเทศกลาง นายเล หว่าย จุง เดินทางถึงกรุงเวียงจันทน์ "
                      "นายจุงกล่าวว่าการเยือนครั้งนี้ประสบความสำเร็จ")
    assert [m.text for m in ex.mentions if m.attr("given_name")] == ["จุง"]


def test_another_country_s_party_is_not_the_communist_party_of_vietnam():
    ex = extract_text("เลขาธิการใหญ่โต ลัม พบกับผู้นำพรรคประชาชนปฏิวัติลาวที่กรุงเวียงจันทน์ในวันนี้")
    assert "org:cpv" not in {m.ref for m in ex.mentions if m.text}


def test_vietnamese_provinces_by_head_word():
    ex = extract_text("นายกรัฐมนตรีเยือนจังหวัดห่าติ๋ญและจังหวัดบั๊กนิญ ส่วนจังหวัดชายแดนหลายแห่งส่งผู้แทนมา")
    assert names_of(ex, Kind.PLACE) == ["จังหวัดห่าติ๋ญ", "จังหวัดบั๊กนิญ"]


def test_an_embassy_is_an_organization_and_its_city_a_place():
    ex = extract_text("เมื่อค่ำวันที่ 2 กันยายน 2567 ณ กรุงเทพมหานคร "
                      "สถานเอกอัครราชทูตเวียดนามประจำประเทศไทยได้จัดงานเฉลิมฉลองวันชาติ")
    assert "สถานเอกอัครราชทูตเวียดนามประจำประเทศไทย" in names_of(ex, Kind.ORGANIZATION)
    assert "กรุงเทพมหานคร" in names_of(ex, Kind.PLACE)


# ---------------------------------------------------------------- names of other states' officials

@pytest.mark.parametrize("text, name", [
    ("นายสมศักดิ์ ใจบุญมา รองผู้ว่าราชการจังหวัดมุกดาหาร กล่าวต้อนรับ", "สมศักดิ์ ใจบุญมา"),
    ("นางสาววิภาวรรณ ศรีสุขวัฒนา อัครราชทูตที่ปรึกษา เข้าร่วมงาน", "วิภาวรรณ ศรีสุขวัฒนา"),
    ("นายสุรพล เกียรติไชยากร ณ อยุธยา กงสุลใหญ่ เปิดงาน", "สุรพล เกียรติไชยากร ณ อยุธยา"),  # lineage kept
])
def test_thai_names_after_an_honorific(text, name):
    ex = extract_text(text)
    assert name in names_of(ex, Kind.PERSON)
    assert "อยุธยา" not in names_of(ex, Kind.PLACE)   # ณ อยุธยา is part of the name, not a place


@pytest.mark.parametrize("text", [
    "ท่านผู้ว่าราชการจังหวัดได้กล่าวเปิดงานอย่างเป็นทางการ",
    "นายกรัฐมนตรีเวียดนามท่านใหม่ เน้นย้ำความร่วมมือ",
    "รัฐมนตรีได้มอบหมายงานอย่างเต็มที่ และจะติดตามผลต่อไป",
])
def test_ordinary_phrases_after_an_honorific_are_no_thai_names(text):
    assert names_of(extract_text(text), Kind.PERSON) == []


def test_a_latin_gloss_names_the_same_person():
    from vnkg.resolve import resolve
    ex = extract_text("นายหวอ วัน เหวียต (Võ Văn Việt) ผู้อำนวยการศูนย์ได้รายงาน")
    res = resolve([ex])
    iris = {res.iri_of[(0, i)] for i, m in enumerate(ex.mentions) if m.kind is Kind.PERSON}
    assert len(iris) == 1


def test_a_latin_given_name_after_a_thai_honorific():
    ex = extract_text("นายเหงียน วัน ฮุ่ง กล่าวว่า นาย Hung จะเดินทางไปฮานอย")
    short = [m for m in ex.mentions if m.text == "Hung"]
    assert short and short[0].attr("given_name")


def test_a_leader_of_record_takes_the_knowledge_base_s_identity():
    ex = extract_text("นายเหวียน ซวน ฟุก เดินทางเยือนประเทศไทย")
    (person,) = [m for m in ex.mentions if m.kind is Kind.PERSON]
    assert person.ref == "person:nguyen-xuan-phuc"


# ---------------------------------------------------------------- generic words and nested names

def test_a_bare_party_is_not_the_communist_party():
    ex = extract_text("พรรคของเราได้นำพาประเทศผ่านความยากลำบาก และพรรคคอมมิวนิสต์เวียดนามยังคงยืนหยัด")
    assert [m.ref for m in ex.mentions if m.kind is Kind.ORGANIZATION] == ["org:cpv"]


def test_the_vietnamese_side_is_no_organization():
    ex = extract_text("ฝ่ายเวียดนามยินดีต่อความร่วมมือ ส่วนอีกฝ่ายหนึ่งเสนอแผนงาน")
    assert names_of(ex, Kind.ORGANIZATION) == []


def test_a_province_inside_a_body_s_name_is_no_place_mention():
    ex = extract_text("คณะกรรมการประชาชนจังหวัดกว๋างนิญได้อนุมัติแผน")
    assert names_of(ex, Kind.PLACE) == []
    assert [m.ref for m in ex.mentions if m.kind is Kind.ORGANIZATION] == ["org:quang-ninh-peoples-committee"]


def test_a_head_word_before_a_known_body_keeps_the_body():
    ex = extract_text("การประชุมของกรมโปลิตบูโรจัดขึ้นในวันนี้")
    assert [m.ref for m in ex.mentions if m.kind is Kind.ORGANIZATION] == ["org:politburo"]


def test_a_mass_organization_s_chapter_in_a_province():
    ex = extract_text("สหภาพสตรีเวียดนาม จังหวัดเหงะอาน จัดกิจกรรมช่วยเหลือผู้ประสบภัย")
    refs = [m.ref for m in ex.mentions if m.kind is Kind.ORGANIZATION]
    assert refs == ["org:nghe-an-vietnam-womens-union"]


def test_a_capital_no_row_lists():
    ex = extract_text("นายกรัฐมนตรีเดินทางถึงกรุงจาการ์ต้าร์ เมื่อเช้าวันนี้")
    assert names_of(ex, Kind.PLACE) == ["กรุงจาการ์ต้าร์"]


@pytest.mark.parametrize("text", [
    "กระทรวงเร่งรัดโครงการทุกเดือนเพื่อให้แล้วเสร็จ",
    "จังหวัดมีโครงการท่องเที่ยวหลายโครงการ ที่รอการอนุมัติ",
    "การเบิกจ่ายโครงการรวดเร็วขึ้นกว่าปีที่แล้ว",
])
def test_a_phrase_that_only_describes_projects_is_no_initiative(text):
    assert names_of(extract_text(text), Kind.INITIATIVE) == []


def test_a_latin_name_after_a_trigger_names_the_initiative():
    ex = extract_text("กระทรวงเปิดตัวโครงการ GreenCity ในสามจังหวัด และขยายโครงการ ODA ต่อไป")
    assert names_of(ex, Kind.INITIATIVE) == ["GreenCity"]


def test_a_trigger_followed_by_a_preposition_names_nothing():
    ex = extract_text("กรมได้ส่งเอกสารโครงการไปยังหน่วยงานท้องถิ่นแล้ว")
    assert names_of(ex, Kind.INITIATIVE) == []


def test_a_festival_glued_to_the_word_for_event():
    ex = extract_text("ชาวบ้านเข้าร่วมงานเทศกาลดนตรีเวียดนาม-ลาว ครั้งที่ 4 อย่างคึกคัก")
    assert names_of(ex, Kind.INITIATIVE) == ["เทศกาลดนตรีเวียดนาม-ลาว"]


def test_a_festival_that_only_says_what_it_celebrates_is_no_name():
    assert names_of(extract_text("ประชาชนเข้าร่วมเทศกาลสงกรานต์อย่างคึกคัก"), Kind.INITIATIVE) == []


def test_an_abbreviation_after_a_horizon_name_is_the_same_initiative():
    ex = extract_text("รัฐบาลอนุมัติโครงการพัฒนาเมืองอัจฉริยะช่วงปี 2025-2030 (SCD) แล้ว ต่อมาโครงการ SCD ได้เริ่มต้น")
    full, *aliases = [m for m in ex.mentions if m.kind is Kind.INITIATIVE]
    assert full.text == "โครงการพัฒนาเมืองอัจฉริยะช่วงปี 2025-2030"
    assert [(a.text, a.attr("alias_of")) for a in aliases] == [("SCD", full.text)] * 2


def test_a_foreign_embassy_with_its_posting():
    ex = extract_text("คณะผู้แทนได้พบกับสถานเอกอัครราชทูตลาว ณ กรุงฮานอย เมื่อวานนี้")
    assert names_of(ex, Kind.ORGANIZATION) == ["สถานเอกอัครราชทูตลาว ณ กรุงฮานอย"]


def test_a_numbered_project_keeps_its_number():
    ex = extract_text("รัฐบาลอนุมัติโครงการโรงไฟฟ้าพลังลมกว๋างจิ 2 ในปีนี้")
    assert names_of(ex, Kind.INITIATIVE) == ["โครงการโรงไฟฟ้าพลังลมกว๋างจิ 2"]


def test_a_company_named_with_vietnamese_syllables_is_no_person():
    ex = extract_text("บริษัทร่วมทุนท่องเที่ยวห่าลอง ลงนามบันทึกความเข้าใจกับพันธมิตรไทย")
    assert names_of(ex, Kind.PERSON) == []
    assert names_of(ex, Kind.ORGANIZATION) == ["บริษัทร่วมทุนท่องเที่ยวห่าลอง"]


def test_a_photo_credit_to_a_body_is_no_person():
    ex = extract_text("ผู้แทนทั้งสองฝ่ายร่วมถ่ายภาพหมู่ (ภาพ: กรมสารนิเทศ กระทรวงการต่างประเทศ)")
    assert names_of(ex, Kind.PERSON) == []


def test_a_province_spelled_with_a_thai_word_after_its_head():
    ex = extract_text("คณะผู้แทนจากจังหวัดแท้งฮวาเดินทางมาเยือน")
    assert [m.ref for m in ex.mentions if m.kind is Kind.PLACE] == ["place:thanh-hoa"]


def test_a_ministry_s_name_opens_with_what_ministries_are_named_after():
    ex = extract_text("การปรับโครงสร้างกระทรวงครั้งใหญ่ทำให้จำนวนกระทรวงลดลง")
    assert names_of(ex, Kind.ORGANIZATION) == []


def test_a_provincial_party_inspection_commission():
    ex = extract_text("คณะกรรมการตรวจสอบคณะกรรมการพรรคจังหวัดนิญบิ่ญเสนอให้ลงโทษทางวินัย")
    assert [m.ref for m in ex.mentions if m.kind is Kind.ORGANIZATION] == ["org:ninh-binh-party-inspection-commission"]


def test_a_country_glued_after_a_body_s_name_is_part_of_it():
    ex = extract_text("การตัดสินใจของกรมการเมืองเวียดนามได้รับการประกาศแล้ว")
    assert names_of(ex, Kind.PLACE) == []
    assert [(m.text, m.ref) for m in ex.mentions if m.kind is Kind.ORGANIZATION] == [
        ("กรมการเมืองเวียดนาม", "org:politburo")]


@pytest.mark.parametrize("text, name", [
    ("นายพิชิต นริพทะพันธุ์ รัฐมนตรีว่าการกระทรวงพาณิชย์ กล่าวเปิดงาน", "พิชิต นริพทะพันธุ์"),  # pieces no dictionary holds
    ("นางสาวกนกพร ศรีสุขวัฒนา เลขานุการเอก ร่วมประชุม", "กนกพร ศรีสุขวัฒนา"),      # a compound of dictionary words
])
def test_thai_family_names_of_every_shape(text, name):
    assert name in names_of(extract_text(text), Kind.PERSON)


def test_a_province_after_a_title_is_no_thai_name():
    ex = extract_text("นายวิชัย ทองดี ผู้ว่าราชการจังหวัดนครพนม ให้การต้อนรับคณะผู้แทน")
    assert names_of(ex, Kind.PERSON) == ["วิชัย ทองดี"]


@pytest.mark.parametrize("text, name", [
    ("นายสอน ไซ พบกับผู้แทนกระทรวงแผนการและการลงทุนของลาว ในวันนี้", "กระทรวงแผนการและการลงทุนของลาว"),
    ("รัฐมนตรีว่าการกระทรวงการต่างประเทศมาเลเซีย เดินทางถึงกรุงฮานอย", "กระทรวงการต่างประเทศมาเลเซีย"),
])
def test_a_body_of_another_state_named_like_a_vietnamese_one_is_no_vietnamese_body(text, name):
    ex = extract_text(text)
    (org,) = [m for m in ex.mentions if m.kind is Kind.ORGANIZATION and m.text]
    assert org.text == name and (org.ref is None or not org.ref.startswith(("org:mpi", "org:mofa")))


def test_an_embassy_posted_to_a_country_is_not_that_country_s():
    ex = extract_text("สถานเอกอัครราชทูตเวียดนามประจำกรุงเทพฯ จัดงานเลี้ยงรับรอง")
    (org,) = [m for m in ex.mentions if m.kind is Kind.ORGANIZATION]
    assert org.ref is None or "thai" not in org.ref


def test_a_foreign_name_glossed_in_latin_after_an_honorific():
    from vnkg.resolve import resolve
    ex = extract_text("นายเกา สมบัติ (Keo Sambath) ผู้แทนกัมพูชา กล่าวขอบคุณเจ้าภาพ")
    assert names_of(ex, Kind.PERSON) == ["เกา สมบัติ", "Keo Sambath"]
    res = resolve([ex])
    (entity,) = {res.iri_of[(0, i)] for i, m in enumerate(ex.mentions) if m.kind is Kind.PERSON}
    assert res.entities[entity].attrs["latin"] == "Keo Sambath"


def test_a_credit_to_a_newspaper_names_no_photographer():
    ex = extract_text("ผู้แทนจังหวัดมอบของที่ระลึกแก่คณะผู้แทน (ภาพ: Báo Nghệ An)")
    assert names_of(ex, Kind.PERSON) == []


def test_a_ward_s_name_is_no_person():
    ex = extract_text("ประชาชนในแขวงซวนเฮืองร่วมกิจกรรมปลูกต้นไม้")
    assert names_of(ex, Kind.PERSON) == []


@pytest.mark.parametrize("text, name", [
    ("หอการค้าจังหวัดอุดรธานีจัดงานแสดงสินค้า", "หอการค้าจังหวัดอุดรธานี"),          # the name ends with its province
    ("ลงนามบันทึกความเข้าใจกับบริษัท MISA เมื่อวันนี้", "บริษัท MISA"),               # a Latin name after a space
])
def test_organization_names_by_head_word(text, name):
    assert names_of(extract_text(text), Kind.ORGANIZATION) == [name]


def test_generic_words_before_a_named_body_name_a_part_of_it():
    ex = extract_text("คณะกรรมการประจำคณะกรรมการพรรคจังหวัดกว๋างนิญกำกับดูแลการแก้ไขข้อบกพร่อง")
    assert [m.ref for m in ex.mentions if m.kind is Kind.ORGANIZATION] == ["org:quang-ninh-party-committee"]


def test_a_surname_only_the_spelling_rules_read_after_a_title():
    ex = extract_text("ในการประชุม รองรัฐมนตรี ห่วง วัน ซาง รายงานความคืบหน้าของกฎหมาย")
    assert names_of(ex, Kind.PERSON) == ["ห่วง วัน ซาง"]


def test_the_same_word_without_a_title_is_no_name():
    assert names_of(extract_text("ประชาชนห่วง ใย เรื่องราคาสินค้าในตลาด"), Kind.PERSON) == []


def test_a_thai_family_name_that_is_a_dictionary_word_after_a_known_given_name():
    ex = extract_text("นายสมชาย ห่วงใย ผู้ว่าราชการจังหวัดอุดรธานี ให้การต้อนรับคณะผู้แทน")
    assert names_of(ex, Kind.PERSON) == ["สมชาย ห่วงใย"]


def test_a_malay_name_after_a_two_word_title():
    ex = extract_text("ที่ประชุมมี ดาโต๊ะ เซรี อันวาร์ อิบราฮิม นายกรัฐมนตรีมาเลเซีย เป็นประธาน")
    assert names_of(ex, Kind.PERSON) == ["อันวาร์ อิบราฮิม"]


def test_a_vietnamese_name_after_two_honorifics():
    ex = extract_text("ตามคำเชิญของ ฯพณฯ นายเจิ่น วัน ซาง รองนายกรัฐมนตรีเวียดนาม")
    assert names_of(ex, Kind.PERSON) == ["เจิ่น วัน ซาง"]


def test_a_glued_name_ends_before_the_verb_of_saying():
    ex = extract_text("ในพิธีเปิด รัฐมนตรีช่วยว่าการเหงียนวันเควกล่าวว่า การค้าเพิ่มขึ้นมาก")
    assert names_of(ex, Kind.PERSON) == ["เหงียนวันเคว"]


def test_an_association_of_people_in_a_country_keeps_the_country_in_its_name():
    ex = extract_text("ภายในงาน นายเหวียน วัน หลก นายกสมาคมชาวเวียดนามในประเทศไทย ได้มอบทุนการศึกษา")
    assert names_of(ex, Kind.ORGANIZATION) == ["สมาคมชาวเวียดนามในประเทศไทย"]


def test_a_ministry_in_a_place_keeps_no_place():
    ex = extract_text("กระทรวงการคลังในกรุงฮานอยได้ประกาศมาตรการใหม่")
    assert "กระทรวงการคลัง" in names_of(ex, Kind.ORGANIZATION)


def test_a_whole_latin_name_after_a_thai_honorific_is_a_person():
    ex = extract_text("นาย Daniel Weber ผู้แทนธนาคารโลกประจำเวียดนาม กล่าวว่า ธนาคารพร้อมสนับสนุน")
    assert names_of(ex, Kind.PERSON) == ["Daniel Weber"]


def test_an_organization_in_latin_after_an_honorific_is_no_person():
    assert names_of(extract_text("ได้รับการสนับสนุนจากนาย Vietnam Airlines Group ในปีนี้"), Kind.PERSON) == []


def test_a_glued_name_whose_surname_only_the_rules_read_after_an_honorific():
    ex = extract_text("กรมการเมืองแต่งตั้งนางจิ๋งถิลานแอ๊ง ให้ดำรงตำแหน่งรองหัวหน้าคณะกรรมการ")
    assert names_of(ex, Kind.PERSON) == ["จิ๋งถิลานแอ๊ง"]


def test_a_phrase_before_an_honorific_is_no_thai_given_name():
    ex = extract_text("ได้เป็นประธานร่วมกับนางเหวียน ถิ ลาน ผู้อำนวยการกรมการค้า ในการประชุม")
    assert names_of(ex, Kind.PERSON) == ["เหวียน ถิ ลาน"]


def test_a_lao_ministry_qualified_by_its_country():
    ex = extract_text("นายคำผอง สีหาราด รองรัฐมนตรีกระทรวงโยธาธิการและขนส่งลาว ร่วมเป็นประธาน")
    assert [m.ref for m in ex.mentions if m.kind is Kind.ORGANIZATION] == ["org:lao-mpwt"]


@pytest.mark.parametrize("text", [
    "ที่ประชุมขอบคุณสหายลัม วัน ตวน ซึ่งไม่ได้เข้าร่วมคณะกรรมการบริหารชุดใหม่เนื่องจากถึงวัยเกษียณ",
    "นายกสมาคมกล่าวว่า สมาคมเตรียมจัดกิจกรรมแลกเปลี่ยนเยาวชนต่อเนื่องตลอดปี",
])
def test_a_head_word_followed_by_a_clause_names_no_body(text):
    assert not [n for n in names_of(extract_text(text), Kind.ORGANIZATION) if len(n) > 12]


@pytest.mark.parametrize("text, name", [
    ("รัฐบาลเร่งรัดโครงการทางด่วนเลิมด่ง – ญาจาง ให้เสร็จในปีหน้า", "โครงการทางด่วนเลิมด่ง – ญาจาง"),
    ("เมืองเร่งโครงการถนนวงแหวนรอบที่ 4 ให้เสร็จทันกำหนด", "โครงการถนนวงแหวนรอบที่ 4"),
    ("สถานทูตจัดโครงการเฉลิมฉลองครบรอบ 30 ปีความสัมพันธ์ทางการทูตเวียดนาม–ลาว ตลอดทั้งปี",
     "โครงการเฉลิมฉลองครบรอบ 30 ปีความสัมพันธ์ทางการทูตเวียดนาม–ลาว"),
    ("ประชาชนเข้าชมงานเทศกาลอาหารเวียดนาม 2026 อย่างคึกคัก", "เทศกาลอาหารเวียดนาม 2026"),
    ("เทศกาลดานังจัดขึ้นทุกปีในฤดูร้อน", "เทศกาลดานัง"),
    ("ธนาคารปล่อยกู้ให้โครงการโรงไฟฟ้าก๊าซ LNG ก่าเมา 1 ในปีนี้", "โครงการโรงไฟฟ้าก๊าซ LNG ก่าเมา 1"),
])
def test_the_tail_of_an_initiative_name(text, name):
    assert names_of(extract_text(text), Kind.INITIATIVE) == [name]


def test_projects_in_a_field_are_no_name():
    assert names_of(extract_text("ธนาคารปล่อยกู้ให้โครงการด้านพลังงานหลายแห่ง"), Kind.INITIATIVE) == []


def test_a_name_after_a_chain_of_malay_titles():
    ex = extract_text("ที่ประชุมมีดาโต๊ะ ซรี อุตามา ฮัจยี อาซิส ราห์มาน รัฐมนตรีมาเลเซีย เป็นประธาน")
    assert names_of(ex, Kind.PERSON) == ["อาซิส ราห์มาน"]


@pytest.mark.parametrize("text", [
    "เส้นทางเชื่อมโยงบ้านนาจอกกับหมู่บ้านกิมเลียน อำเภอนามดาน ซึ่งเป็นบ้านเกิดของประธาน",
    "สินค้าผ่านด่านชายแดนหืวหงิ เพิ่มขึ้นร้อยละ 20",
])
def test_the_name_of_a_village_or_a_border_gate_is_no_person(text):
    assert names_of(extract_text(text), Kind.PERSON) == []


@pytest.mark.parametrize("text, name", [
    ("นายเล วัน ซาง ผู้อำนวยการใหญ่บริษัทร่วมทุนท่าเรือระหว่างประเทศลาว – เวียดนาม รายงานว่า",
     "บริษัทร่วมทุนท่าเรือระหว่างประเทศลาว – เวียดนาม"),
    ("โครงการปิโตรเคมีของบริษัท ลองเซิน ปิโตรเคมิคอลส์ จำกัด เดินหน้าต่อ", "บริษัท ลองเซิน ปิโตรเคมิคอลส์ จำกัด"),
    ("รัฐบาลจัดตั้งกองทุนพัฒนาข้อมูลแห่งชาติ ซึ่งเป็นกองทุนนอกงบประมาณ", "กองทุนพัฒนาข้อมูลแห่งชาติ"),
])
def test_organization_names_by_thai_naming_conventions(text, name):
    assert name in names_of(extract_text(text), Kind.ORGANIZATION)


@pytest.mark.parametrize("text, name", [
    ("สหาย เหงียน จี๊ ฌวุง (Nguyễn Chí Dũng) รองนายกรัฐมนตรี กล่าวเปิดงานในวันนี้", "เหงียน จี๊ ฌวุง"),
    ("นายบุ่ย ซวน ฌวุง (Bui Xuan Dung) รองรัฐมนตรีกล่าวในวันนี้", "บุ่ย ซวน ฌวุง"),
    # the gloss counts the syllables: a Thai word before it is no syllable of the name
    ("นายเหงียน วัน นัม กล่าว (Nguyen Van Nam) ในวันนี้", "เหงียน วัน นัม"),
    ("นายเหงียน วัน นัม และ (Nguyen Van Nam Anh) ในวันนี้", "เหงียน วัน นัม"),
])
def test_a_name_runs_to_its_latin_gloss_over_a_syllable_no_rule_reads(text, name):
    ex = extract_text(text)
    assert [m.text for m in ex.mentions if m.kind is Kind.PERSON and m.lang == "th"] == [name]


@pytest.mark.parametrize("text, person", [
    ("ในการพบปะ นายวิกรม กรมดิษฐ์ ได้เสนอแผนการลงทุนใหม่", "วิกรม กรมดิษฐ์"),
    ("ผู้แทนกรมสรรพากร นายวีระ กรมศรี เข้าร่วมประชุม", "วีระ กรมศรี"),
])
def test_a_thai_family_name_opening_with_a_head_word_is_no_body(text, person):
    ex = extract_text(text)
    assert person in names_of(ex, Kind.PERSON)
    assert not [m for m in ex.mentions if m.kind is Kind.ORGANIZATION and m.text.startswith(person.split(" ")[1])]


def test_a_department_after_a_full_name_is_still_a_department():
    ex = extract_text("นายสมชาย ใจดี อธิบดีกรมการค้าภายใน กล่าวว่า")
    assert names_of(ex, Kind.ORGANIZATION) == ["กรมการค้าภายใน"]


@pytest.mark.parametrize("text", [
    "สมาชิกประกอบด้วยผู้นำของกรมและสำนักต่าง ๆ ภายใต้กระทรวง",
    "บริษัทไทยหลายแห่งแสดงความสนใจลงทุนในนิคมอุตสาหกรรม",
    "บริษัทเวียดนามจำนวนมากลงทุนในลาว",
])
def test_bodies_said_in_general_are_no_organizations(text):
    assert names_of(extract_text(text), Kind.ORGANIZATION) == []


def test_a_long_name_glued_to_the_verb_after_it_is_still_found():
    ex = extract_text("เป็นครั้งแรกที่กรมการเมืองออกมติสองฉบับพร้อมกัน")
    assert [(m.text, m.ref) for m in ex.mentions if m.kind is Kind.ORGANIZATION] == [("กรมการเมือง", "org:politburo")]
