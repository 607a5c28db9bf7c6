"""Relations stated by sentences written for these tests."""
from __future__ import annotations

from extract_helpers import extract_text, relations_of


def test_title_before_the_name_gives_a_post():
    ex = extract_text("รัฐมนตรีว่าการกระทรวงการคลัง นายโฮ ดึ๊ก ฟ้อก ได้ต้อนรับคณะผู้แทนจากธนาคารโลก")
    assert relations_of(ex, "holds_post") == {("โฮ ดึ๊ก ฟ้อก", "org:mof", "Minister")}


def test_stacked_titles_give_several_posts():
    ex = extract_text("รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงการคลัง นายโฮ ดึ๊ก ฟ้อก เดินทางเยือนญี่ปุ่น")
    assert relations_of(ex, "holds_post") == {
        ("โฮ ดึ๊ก ฟ้อก", "org:government", "DeputyPrimeMinister"),
        ("โฮ ดึ๊ก ฟ้อก", "org:mof", "Minister"),
    }


def test_titles_after_the_name_in_apposition():
    ex = extract_text("สหายเลือง เกื่อง สมาชิกโปลิตบูโร รัฐมนตรีช่วยว่าการกระทรวงความมั่นคงสาธารณะ เข้าร่วมการประชุม")
    assert relations_of(ex, "holds_post") == {
        ("เลือง เกื่อง", "org:politburo", "Member"),
        ("เลือง เกื่อง", "org:mps", "DeputyMinister"),
    }


def test_each_title_in_a_list_stays_with_its_own_name():
    ex = extract_text("ผู้เข้าร่วมได้แก่ รัฐมนตรีว่าการกระทรวงยุติธรรม เหงียน ไห่ นิญ "
                      "และรัฐมนตรีช่วยว่าการกระทรวงการต่างประเทศ โด หุ่ง เวียด")
    assert relations_of(ex, "holds_post") == {
        ("เหงียน ไห่ นิญ", "org:moj", "Minister"),
        ("โด หุ่ง เวียด", "org:mofa", "DeputyMinister"),
    }


def test_every_thai_rendering_of_a_deputy_minister():
    for title in ("รัฐมนตรีช่วยว่าการ", "รองรัฐมนตรีว่าการ", "รองปลัด"):
        ex = extract_text(f"{title}กระทรวงการต่างประเทศ นายโด หุ่ง เวียด ได้ให้สัมภาษณ์กับสื่อมวลชน")
        assert relations_of(ex, "holds_post") == {("โด หุ่ง เวียด", "org:mofa", "DeputyMinister")}, title


def test_envoy_posted_to_a_country():
    ex = extract_text("เอกอัครราชทูตเวียดนามประจำประเทศไทย นายฝ่าม เวียด หุ่ง ได้พบกับผู้แทนภาคธุรกิจ")
    assert relations_of(ex, "holds_post") == {("ฝ่าม เวียด หุ่ง", "place:thailand", "Ambassador")}


def test_chairing_a_meeting_is_no_post():
    ex = extract_text("รัฐมนตรีว่าการกระทรวงการคลัง นายโฮ ดึ๊ก ฟ้อก เป็นประธานการประชุมครั้งนี้")
    assert ("โฮ ดึ๊ก ฟ้อก", "org:mof", "Minister") in relations_of(ex, "holds_post")
    assert not any(role == "Chairman" for *_, role in relations_of(ex, "holds_post"))


def test_a_photographer_holds_no_post():
    ex = extract_text("รัฐมนตรีว่าการกระทรวงการคลังกล่าวสุนทรพจน์ (ภาพ: ฮวง ฮา)")
    assert relations_of(ex, "holds_post") == set()


def test_bare_minister_title_refers_to_the_article_s_ministry():
    ex = extract_text("กระทรวงการคลังจัดการประชุมประจำปี กระทรวงการคลังเชิญผู้แทนธนาคาร\n"
                      "รัฐมนตรี โฮ ดึ๊ก ฟ้อก กล่าวเปิดการประชุม")
    assert relations_of(ex, "holds_post") == {("โฮ ดึ๊ก ฟ้อก", "org:mof", "Minister")}


def test_parent_in_parentheses_covers_the_listed_units():
    ex = extract_text("กรมกฎหมาย ศูนย์ข้อมูลแห่งชาติ (กระทรวงความมั่นคงสาธารณะ) ได้รับรางวัลในปีนี้")
    assert relations_of(ex, "sub_organization_of") == {("กรมกฎหมาย", "org:mps"), ("ศูนย์ข้อมูลแห่งชาติ", "org:mps")}


def test_unit_of_a_ministry_by_possessive():
    ex = extract_text("กรมสื่อมวลชนของกระทรวงสารสนเทศและการสื่อสารได้จัดการสัมมนาเรื่องข่าวปลอม")
    assert relations_of(ex, "sub_organization_of") == {("กรมสื่อมวลชน", "org:mic")}


def test_two_ministries_in_one_sentence_state_no_parent():
    ex = extract_text("กรมสื่อมวลชนร่วมกับกระทรวงการคลังและกระทรวงยุติธรรมจัดการสัมมนา")
    assert relations_of(ex, "sub_organization_of") == set()


def test_issuer_from_the_text_and_from_the_code():
    ex = extract_text("การประชุมดำเนินการตามมติที่ 18-NQ/TW ลงวันที่ 25 ตุลาคม 2560 ของโปลิตบูโร "
                      "และคำสั่งที่ 1234/QĐ-BTC ว่าด้วยงบประมาณ")
    assert relations_of(ex, "issued_by") == {("18-NQ/TW", "org:politburo"), ("1234/QĐ-BTC", "org:mof")}


def test_issuer_named_by_title_becomes_the_office():
    ex = extract_text("กระทรวงจัดทำแผนตามคำสั่งเลขที่ 88/QĐ-TTg ลงวันที่ 3 มกราคม 2566 ของนายกรัฐมนตรี แล้ว")
    # the text names the Prime Minister; a QĐ-TTg is the Government's decision (GOLD_FORMAT)
    assert relations_of(ex, "issued_by") == {("88/QĐ-TTg", "org:government")}
    office = [m for m in ex.mentions if m.ref == "org:prime-minister"]
    assert [m.text for m in office] == ["นายกรัฐมนตรี"]


def test_initiative_implements_the_nearest_document():
    ex = extract_text('กระทรวงแรงงาน ทหารผ่านศึก และสังคมได้เปิดตัวขบวนการ "ทั้งประเทศร่วมมือกันเพื่อคนยากจน" '
                      "ตามคำสั่งที่ 05/CT-TTg")
    assert relations_of(ex, "implements") == {("ทั้งประเทศร่วมมือกันเพื่อคนยากจน", "05/CT-TTg")}
    assert relations_of(ex, "partner_in") == {("กระทรวงแรงงาน ทหารผ่านศึก และสังคม", "ทั้งประเทศร่วมมือกันเพื่อคนยากจน")}


def test_partners_by_agent_cue_and_by_coordination():
    ex = extract_text("โครงการพัฒนาศูนย์ข้อมูลแห่งชาติ (NDC) ดำเนินการโดยกระทรวงความมั่นคงสาธารณะ ร่วมกับ Viettel\n"
                      "กระทรวงการคลังและกระทรวงยุติธรรมได้ประสานงานกันในการส่งเสริมการทูตดิจิทัล")
    partners = relations_of(ex, "partner_in")
    assert ("กระทรวงความมั่นคงสาธารณะ", "โครงการพัฒนาศูนย์ข้อมูลแห่งชาติ") in partners
    assert ("Viettel", "โครงการพัฒนาศูนย์ข้อมูลแห่งชาติ") in partners
    assert ("กระทรวงการคลัง", "initiative:digital-diplomacy") in partners
    assert ("กระทรวงยุติธรรม", "initiative:digital-diplomacy") in partners


def test_the_government_approving_is_no_partner():
    ex = extract_text("กระทรวงการคลังเสนอยุทธศาสตร์การเงินดิจิทัลถึงปี 2030 ต่อรัฐบาลเพื่ออนุมัติ")
    assert relations_of(ex, "partner_in") == {("กระทรวงการคลัง", "ยุทธศาสตร์การเงินดิจิทัลถึงปี 2030")}


def test_statement_attributed_to_the_speaker():
    ex = extract_text("“เราต้องเร่งการเปลี่ยนแปลงทางดิจิทัลให้เร็วขึ้นอีกเพื่ออนาคตของประเทศ” "
                      "รัฐมนตรีเหงียน มานห์ หุ่ง กล่าว")
    assert [(ex.mentions[s.speaker].text, s.text[:11]) for s in ex.statements] == [("เหงียน มานห์ หุ่ง", "เราต้องเร่ง")]


def test_quoted_name_is_no_statement():
    ex = extract_text('รัฐมนตรีเหงียน มานห์ หุ่ง กล่าวว่าขบวนการ "ความรู้ดิจิทัลสำหรับประชาชนทุกคน" มีความสำคัญ')
    assert ex.statements == ()


def test_event_of_the_article_with_date_and_place():
    ex = extract_text("เมื่อเช้าวันที่ 12 มิถุนายน 2567 ณ กรุงฮานอย กระทรวงการต่างประเทศได้จัดการประชุมทบทวนงาน\n"
                      "รัฐมนตรีว่าการกระทรวงการต่างประเทศ นายบุ่ย แถ่ง เซิน เป็นประธานการประชุม")
    (event,) = ex.events
    assert str(event.date) == "2024-06-12"
    assert ex.mentions[event.place].ref == "place:hanoi"
    assert ex.mentions[event.chair].text == "บุ่ย แถ่ง เซิน"


def test_every_relation_has_an_evidence_sentence_containing_both_ends():
    ex = extract_text("รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงการคลัง นายโฮ ดึ๊ก ฟ้อก เดินทางเยือนญี่ปุ่น\n"
                      "กรมกฎหมาย (กระทรวงความมั่นคงสาธารณะ) ได้รับรางวัล")
    for r in ex.relations:
        sentence = ex.article.sentences[r.sentence]
        for end in (ex.mentions[r.subject], ex.mentions[r.object]):
            if end.end > end.start:
                assert sentence.start <= end.start and end.end <= sentence.end


def test_abbreviation_after_the_title_s_organization_names_no_parent():
    ex = extract_text("ผู้อำนวยการศูนย์นวัตกรรมแห่งชาติ (NIC) หวู ก๊วก หวิ่ญ รายงานผลการดำเนินงานต่อที่ประชุม")
    assert relations_of(ex, "holds_post") == {("หวู ก๊วก หวิ่ญ", "ศูนย์นวัตกรรมแห่งชาติ", "Director")}
    assert relations_of(ex, "sub_organization_of") == set()


def test_department_in_apposition_with_its_ministry():
    ex = extract_text("นางห่งกล่าวว่ากรมการกงสุล กระทรวงการต่างประเทศ จะประสานงานกับหน่วยงานที่เกี่ยวข้อง")
    assert relations_of(ex, "sub_organization_of") == {("กรมการกงสุล", "org:mofa")}


def test_event_venue_is_the_place_after_at():
    ex = extract_text("เมื่อวันที่ 3 ตุลาคม 2567 ณ ทำเนียบรัฐบาล กรุงฮานอย รัฐบาลจัดการประชุมกับผู้แทนจากไทย")
    (event,) = ex.events
    assert ex.mentions[event.place].ref == "place:hanoi"


def test_statement_by_a_title_goes_to_the_holder_of_that_post():
    ex = extract_text("สมาชิกโปลิตบูโร ประธานรัฐสภา เจิ่น แทงห์ เหมิ่น เยือนจังหวัดกว๋างนิญ พร้อมประธานคณะกรรมการประชาชนจังหวัด Cao Tuong Huy\n"
                      "“กว๋างนิญต้องเป็นผู้นำด้านการเปลี่ยนแปลงทางดิจิทัลของประเทศ” ประธานรัฐสภากล่าว")
    assert [ex.mentions[s.speaker].text for s in ex.statements] == ["เจิ่น แทงห์ เหมิ่น"]
    assert ("เจิ่น แทงห์ เหมิ่น", "org:national-assembly", "Chairman") in relations_of(ex, "holds_post")


def test_partners_joined_after_an_agent_cue():
    ex = extract_text('จังหวัดได้ริเริ่มโครงการ "จังหวัดดิจิทัลกว๋างนิญ" ร่วมกับ Viettel และ VNPT ในปีนี้')
    assert relations_of(ex, "partner_in") == {("Viettel", "จังหวัดดิจิทัลกว๋างนิญ"), ("VNPT", "จังหวัดดิจิทัลกว๋างนิญ")}


def test_a_plenum_the_knowledge_base_knows_is_named_by_it():
    ex = extract_text("เมื่อวันที่ 12 ตุลาคม 2567 การประชุมครั้งที่ 10 ของคณะกรรมการกลางพรรค ได้เปิดขึ้นที่กรุงฮานอย")
    (event,) = ex.events
    assert event.english == "10th Plenum of the 13th Party Central Committee"
    assert event.label == "การประชุมครั้งที่ 10 ของคณะกรรมการกลางพรรค"


def test_a_meeting_named_only_as_the_meeting_takes_its_host_and_place():
    ex = extract_text("เมื่อวันที่ 5 มีนาคม ณ กรุงฮานอย กระทรวงยุติธรรมได้จัดการประชุมครั้งนี้ โดยมีผู้แทนจากหลายจังหวัด")
    (event,) = ex.events
    assert event.label == "การประชุมครั้งนี้ — กระทรวงยุติธรรม, กรุงฮานอย"


def test_a_meeting_named_only_as_the_meeting_takes_the_body_its_sentence_names():
    ex = extract_text("เมื่อวันที่ 8 เมษายน สหายเจิ่น วัน เซิน ได้เป็นประธานการประชุม เพื่อประกาศมติของคณะกรรมการพรรคจังหวัดเหงะอาน")
    (event,) = ex.events
    assert event.label == "การประชุม — คณะกรรมการพรรคจังหวัดเหงะอาน"


def test_an_event_name_ends_with_its_clause_and_never_inside_a_word():
    text = ("เมื่อวันที่ 9 พฤษภาคม การสัมมนาว่าด้วยการพัฒนาเศรษฐกิจดิจิทัลและการเปลี่ยนผ่านสีเขียวของภูมิภาค"
            "ลุ่มแม่น้ำโขงตอนล่างเพื่อความยั่งยืนในระยะยาวของทุกประเทศสมาชิกและภาคเอกชนที่เกี่ยวข้องทั้งหมด จัดขึ้นที่นครเว้")
    ex = extract_text(text)
    (event,) = ex.events
    assert event.label.startswith("การสัมมนาว่าด้วยการพัฒนาเศรษฐกิจดิจิทัล")
    assert "เพื่อ" not in event.label            # the purpose clause is not the name
    end = text.index(event.label) + len(event.label)
    from vnkg.extract.text import boundaries_of
    assert boundaries_of(text).at(end)


def test_the_honorific_of_the_next_name_is_not_part_of_the_event():
    ex = extract_text("เมื่อวันที่ 2 มิถุนายน ในพิธีต้อนรับ ท่านเหงียน วัน ฮุ่ง ได้กล่าวขอบคุณ")
    (event,) = ex.events
    assert not event.label.endswith("ท่าน")


def test_a_unit_attached_to_a_ministry_by_a_relative_clause():
    ex = extract_text("สำนักงานการค้าเวียดนามประจำประเทศไทย ซึ่งสังกัดกระทรวงอุตสาหกรรมและการค้า จัดงานแสดงสินค้า")
    assert ("สำนักงานการค้าเวียดนามประจำประเทศไทย", "org:moit") in relations_of(ex, "sub_organization_of")


def test_a_thai_unit_is_never_a_vietnamese_ministry_s():
    ex = extract_text("สำนักงานคณะกรรมการส่งเสริมการลงทุนของไทยหารือกับกระทรวงการคลังเวียดนาม")
    assert relations_of(ex, "sub_organization_of") == set()


def test_an_organization_signing_with_a_list_acts_with_all_of_it():
    ex = extract_text("กระทรวงการคลังได้ลงนามข้อตกลงกับกลุ่มอุตสาหกรรมและโทรคมนาคมทหาร (Viettel) บริษัท FPT "
                      "และธนาคารแห่งรัฐเวียดนาม เพื่อร่วมกันดำเนินโครงการ GreenPay ในห้าจังหวัด")
    partners = {org for org, init in relations_of(ex, "partner_in") if init == "GreenPay"}
    assert {"กระทรวงการคลัง", "บริษัท FPT", "ธนาคารแห่งรัฐเวียดนาม", "Viettel"} <= partners


def test_the_subject_of_a_clause_on_a_festival_organises_it():
    ex = extract_text("ประชาชนนับพันเข้าร่วมงานเทศกาลอาหารเวียดนาม-ลาว ครั้งที่ 2 ซึ่งสมาคมมิตรภาพเวียดนาม-ลาว "
                      "จัดขึ้นร่วมกับสถานเอกอัครราชทูตลาว ณ กรุงฮานอย")
    partners = {org for org, init in relations_of(ex, "partner_in") if init == "เทศกาลอาหารเวียดนาม-ลาว"}
    assert "สมาคมมิตรภาพเวียดนาม-ลาว" in partners and len(partners) == 2


def test_support_from_the_government_names_it_a_partner():
    ex = extract_text("จังหวัดนี้มีโครงการหมู่บ้านมิตรภาพเวียดนาม-กัมพูชา ซึ่งได้รับการสนับสนุนจากรัฐบาลเวียดนามมาโดยตลอด")
    assert ("org:government", "โครงการหมู่บ้านมิตรภาพเวียดนาม-กัมพูชา") in {
        (ex.mentions[r.subject].ref, ex.mentions[r.object].text) for r in ex.relations if r.kind == "partner_in"}


def test_a_government_named_near_a_project_without_a_cue_is_no_partner():
    ex = extract_text("รัฐบาลเวียดนามได้อนุมัติโครงการทางด่วนสายเหนือ-ใต้ช่วงปี 2021-2025 ในการประชุมเมื่อวานนี้")
    assert relations_of(ex, "partner_in") == set()


def test_a_subsidiary_belongs_to_its_parent_company():
    ex = extract_text("ผู้บริหารกล่าวว่า แปซิฟิกแอร์ไลน์ส ซึ่งเป็นบริษัทลูกของเวียดนามแอร์ไลน์ส จะเพิ่มเที่ยวบินในปีหน้า")
    assert relations_of(ex, "sub_organization_of") == {("แปซิฟิกแอร์ไลน์ส", "org:vietnam-airlines")}


def test_a_committee_said_to_be_attached_to_a_ministry_belongs_to_it():
    ex = extract_text("การประชุมนำโดยประธานคณะกรรมการชายแดนแห่งชาติ ซึ่งเป็นหน่วยงานสังกัดกระทรวงการต่างประเทศเวียดนาม")
    assert ("คณะกรรมการชายแดนแห่งชาติ", "org:mofa") in relations_of(ex, "sub_organization_of")


def test_of_between_a_committee_and_a_ministry_says_too_little():
    ex = extract_text("คณะกรรมการพิจารณาของกระทรวงการคลังได้ประชุมเมื่อวานนี้")
    assert relations_of(ex, "sub_organization_of") == set()


def test_a_committee_whose_name_holds_its_parent_belongs_to_it():
    ex = extract_text("การประชุมสภาประชาชนจังหวัดเหงะอานเปิดขึ้น\nหัวหน้าคณะกรรมการเศรษฐกิจและงบประมาณของสภาประชาชนจังหวัดเหงะอาน "
                      "รายงานผลการตรวจสอบงบประมาณ")
    assert ("คณะกรรมการเศรษฐกิจและงบประมาณของสภาประชาชนจังหวัดเหงะอาน", "org:nghe-an-peoples-council") in \
        relations_of(ex, "sub_organization_of")


def test_a_province_s_party_committee_is_no_unit_of_the_central_committee():
    ex = extract_text("คณะกรรมการพรรคจังหวัดเหงะอานรายงานต่อคณะกรรมการกลางพรรคเกี่ยวกับผลการประชุม")
    assert relations_of(ex, "sub_organization_of") == set()


def test_a_department_and_its_peoples_committee_named_apart_are_not_tied():
    ex = extract_text("กรมการคลังจังหวัดเหงะอานเสนอแผนงบประมาณ ต่อมาคณะกรรมการประชาชนจังหวัดเหงะอานได้อนุมัติแผนดังกล่าว")
    assert relations_of(ex, "sub_organization_of") == set()


def test_an_initiative_carried_out_under_this_resolution_implements_the_last_one_named():
    ex = extract_text("คณะกรรมการกลางพรรคออกมติที่ 61-NQ/TW เมื่อวันที่ 12 เมษายน 2025\n"
                      "ทั้งนี้ โครงการพัฒนาเขตเศรษฐกิจชายฝั่งทะเลภาคกลาง จะดำเนินการตามมติฉบับนี้ โดยเริ่มในปีหน้า")
    assert relations_of(ex, "implements") == {("โครงการพัฒนาเขตเศรษฐกิจชายฝั่งทะเลภาคกลาง", "61-NQ/TW")}


def test_this_decision_does_not_point_back_at_a_resolution():
    ex = extract_text("คณะกรรมการกลางพรรคออกมติที่ 61-NQ/TW เมื่อวันที่ 12 เมษายน 2025\n"
                      "ทั้งนี้ โครงการพัฒนาเขตเศรษฐกิจชายฝั่งทะเลภาคกลาง จะดำเนินการตามการตัดสินใจฉบับนี้")
    assert relations_of(ex, "implements") == set()


def test_the_investor_named_in_a_clause_after_a_project_is_its_partner():
    ex = extract_text("ธนาคารปล่อยสินเชื่อสำหรับโครงการโรงไฟฟ้าพลังลมกว๋างจิ 2 กำลังการผลิต 1,500 เมกะวัตต์ "
                      "ที่นครดานัง ซึ่ง PV Power เป็นผู้ลงทุน")
    assert relations_of(ex, "partner_in") == {("PV Power", "โครงการโรงไฟฟ้าพลังลมกว๋างจิ 2")}


def test_a_company_that_signs_is_no_company_named_by_the_verb():
    ex = extract_text("บริษัทลงนามสัญญาสินเชื่อกับธนาคารแห่งรัฐเวียดนามเมื่อวานนี้")
    assert not [m for m in ex.mentions if m.text.startswith("บริษัทลงนาม")]
