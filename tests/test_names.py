"""vnkg.names on names and sentences we wrote ourselves: syllables, keys, matching, and
same_person's precision/recall on tests/data/name_pairs.tsv."""
from __future__ import annotations

import doctest
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import vnkg.names as names
from vnkg.names import syllables as syl, tables
from vnkg.lexicon import read_tsv, split_values
from vnkg.names import (
    is_vietnamese_name, latin_key, latin_name, match_name, match_score, name_key, same_person,
    split_syllables, surname_at, syllable_keys,
)

PAIRS = Path(__file__).parent / "data" / "name_pairs.tsv"


# ------------------------------------------------------------------ the pair set

def test_same_person_precision_and_recall_on_pairs():
    result = names.evaluate(PAIRS)
    print(f"\nname_pairs.tsv: {result['pairs']} pairs, tp {result['tp']} fp {result['fp']} "
          f"fn {result['fn']} tn {result['tn']}, precision {result['precision']:.4f} "
          f"recall {result['recall']:.4f}")
    assert result["pairs"] >= 200
    assert result["tp"] + result["fn"] >= 100 and result["fp"] + result["tn"] >= 100
    assert result["precision"] == 1.0, [e for e in result["errors"] if not e[2]]
    assert result["recall"] >= 0.97, result["errors"]


def test_pair_set_is_well_formed():
    rows = names.read_pairs(PAIRS)
    assert len({(a, b) for a, b, _, _ in rows}) == len(rows)
    thai_latin = sum(bool(tables._THAI.search(a)) != bool(tables._THAI.search(b)) for a, b, _, _ in rows)
    thai_thai = sum(bool(tables._THAI.search(a)) and bool(tables._THAI.search(b)) for a, b, _, _ in rows)
    assert thai_latin >= 100 and thai_thai >= 100


def test_eval_command_prints_figures(tmp_path):
    src = str(Path(names.__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    run = [sys.executable, "-m", "vnkg.names", "--eval"]
    out = subprocess.run([*run, str(PAIRS)], capture_output=True, text=True, check=True, env=env).stdout
    assert "precision 1.0000" in out and "recall" in out and "pairs" in out
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\tsame\nเหงียน มานห์ หุ่ง\tNguyen Manh Hung\tyes\n", encoding="utf-8")
    failed = subprocess.run([*run, str(bad)], capture_output=True, text=True, env=env)
    assert failed.returncode == 2 and f"{bad}:2:" in failed.stderr


def test_partial_matching_only_when_asked():
    assert not same_person("เหงียน หุ่ง", "เหงียน มานห์ หุ่ง")
    assert same_person("เหงียน หุ่ง", "เหงียน มานห์ หุ่ง", allow_partial=True)
    assert same_person("Vo Anh Xuan", "หวอ ถิ อั๊ญ ซวน", allow_partial=True)
    # the anchors still have to agree: surname and last given name
    assert not same_person("โต ลัม", "โต ฮวี เรื้อ", allow_partial=True)
    assert not same_person("เหงียน มานห์", "เหงียน มานห์ หุ่ง", allow_partial=True)
    assert not same_person("เหงียน", "เหงียน มานห์ หุ่ง", allow_partial=True)


def test_match_score_agrees_with_same_person():
    for a, b, _, _ in names.read_pairs(PAIRS):
        score = match_score(a, b)
        assert 0.0 <= score <= 1.0
        assert (score >= names.SAME_THRESHOLD) == same_person(a, b), (a, b, score)
    assert match_score("เหงียน มานห์ หุ่ง", "Nguyễn Mạnh Hùng") == 1.0
    # a near miss ranks above a stranger
    assert match_score("เหงียน มานห์ หุ่ง", "เหงียน มิญ หุ่ง") > match_score("เหงียน มานห์ หุ่ง", "บุ่ย เถ่ ซวี")


# ------------------------------------------------------------------ keys

@pytest.mark.parametrize("group", [
    ["เหงียน มานห์ หุ่ง", "เหงียน มันห์ หุ่ง", "เหงียน มัญ หุ่ง", "เหงียน มานห์ ฮุง", "เหงียนมานห์หุ่ง",
     "Nguyen Manh Hung", "Nguyễn Mạnh Hùng", "NGUYEN MANH HUNG", "นายเหงียน หมั่ญ หุ้ง"],
    ["บุ่ย แถ่ง เซิน", "บุย แทงห์ เซิน", "บุย ทันห์ เซิน", "Bui Thanh Son", "Bùi Thanh Sơn"],
    ["บุ้ย เดอะ ดุย", "บุ่ย เต๋อ ซุย", "Bui The Duy", "Bùi Thế Duy"],
    ["เหงียน เทียน เงีย", "เหงียน เทียน เหงีย", "Nguyen Thien Nghia", "Nguyễn Thiện Nghĩa"],
    ["โด หุ่ง เวียด", "โดหุ่งเวียด", "Do Hung Viet", "Đỗ Hùng Việt"],
    ["Tran Luu Quang", "เจิ่น ลือ กวาง", "ตรัน ลู กวาง", "Trần Lưu Quang"],
])
def test_name_key_is_shared_by_the_spellings_of_one_person(group):
    keys = {name_key(n) for n in group}
    assert len(keys) == 1, {n: name_key(n) for n in group}
    assert all(same_person(a, b) for a in group for b in group)


def test_name_key_examples():
    assert name_key("เหงียน มานห์ หุ่ง") == ("NG-UIEN", "M-ANH", "H-UNG")
    assert latin_key("Nguyễn Mạnh Hùng") == name_key("เหงียน มานห์ หุ่ง")
    assert name_key("Mr. Nguyen Manh Hung") == name_key("ดร.เหงียน มานห์ หุ่ง")
    assert name_key("รัฐมนตรีเหงียนมานห์หุ่ง") == name_key("Nguyen Manh Hung")   # title glued


@pytest.mark.parametrize("a, b", [
    ("บุ่ย แถ่ง เซิน", "บุ้ย เดอะ ดุย"), ("Bui Thanh Son", "Bui The Duy"),
    ("เหงียน มานห์ หุ่ง", "เหงียน มิญ หวู"), ("เหงียน มานห์ หุ่ง", "เหงียน เทียน เงีย"),
    ("ฝ่าม มิญ จิ๊ญ", "ฝ่าม บิ่ญ มิญ"), ("เหงียน จี๊ ซุง", "เหงียน จี๊ หวิ่ญ"),
    ("โต ลัม", "โต ฮวี เรื้อ"), ("หวอ วัน เถื่อง", "หวอ ถิ อั๊ญ ซวน"),
    ("Nguyễn Văn Thanh", "Nguyễn Văn Thành"), ("Nguyen Van Tuan", "Nguyen Van Toan"),
    ("หวู ไห่ เกวิน", "หวอ ไห่ เกวิน"), ("ฮหว่าง จุง ไห่", "หวิ่ญ จุง ไห่"),
])
def test_different_people_stay_apart(a, b):
    assert not same_person(a, b)
    assert match_score(a, b) < names.SAME_THRESHOLD


def test_syllable_keys_merge_what_the_genre_confuses():
    assert syllable_keys("หุ่ง") == syllable_keys("ฮุง") == syllable_keys("Hùng")
    assert set(syllable_keys("ดุย")) & set(syllable_keys("ซุย")) & set(syllable_keys("Duy"))
    assert syllable_keys("แทงห์") == syllable_keys("แถ่ง") == syllable_keys("ทันห์") == ("TH-ANH",)
    assert syllable_keys("เดอะ") == syllable_keys("เต๋อ") == syllable_keys("Thế")
    assert syllable_keys("มานห์") == syllable_keys("มันห์") == syllable_keys("มัญ") == syllable_keys("Mạnh")
    assert syllable_keys("เงีย") == syllable_keys("เหงีย") == syllable_keys("Nghĩa")


def test_syllable_keys_keep_apart_what_distinguishes_names():
    def apart(a: str, b: str) -> bool:
        return not set(syllable_keys(a)) & set(syllable_keys(b))
    assert apart("ดึ๊ก", "ซุง")          # Đức / Dũng: ด is never x or s, ซ never đ
    assert apart("เซิน", "ซุย")          # Sơn / Duy
    assert apart("แถ่ง", "ถั่ง")          # Thanh / Thắng: nh ≠ ng
    assert apart("ต๊วน", "ตว่าน")         # Tuấn / Toàn
    assert apart("ทู", "ถวี")            # Thu / Thúy
    assert apart("Tiến", "Thiện") and apart("Khánh", "Cảnh")


def test_unknown_syllables_are_keyed_by_rule():
    # not in vn_syllables.tsv: Tước, Cơ, Khiết
    for thai, latin in [("เตื้อก", "Tước"), ("เกอ", "Cơ"), ("เคียต", "Khiết"), ("กื่อ", "Cừ")]:
        assert not syl._readings(thai)
        assert set(syllable_keys(thai)) & set(syllable_keys(latin)), thai
    assert same_person("เล วัน เตื้อก", "Le Van Tuoc")
    assert not same_person("เล วัน เตื้อก", "Le Van Tuc")
    assert syllable_keys("กล่าว") == () and syllable_keys("John") == ()


def test_name_key_is_fast():
    import time
    name_key("เหงียน มานห์ หุ่ง")
    start = time.perf_counter()
    for i in range(2000):       # fresh strings each time: only the syllable caches help
        name_key("เหงียน มานห์ หุ่ง" + " " * (i % 7 + 1))
    per_call = (time.perf_counter() - start) / 2000
    assert per_call < 200e-6, per_call


# ------------------------------------------------------------------ syllables

@pytest.mark.parametrize("name, expected", [
    ("เหงียนมานห์หุ่ง", ["เหงียน", "มานห์", "หุ่ง"]),
    ("โดหุ่งเวียด", ["โด", "หุ่ง", "เวียด"]),
    ("บุ่ยแถ่งเซิน", ["บุ่ย", "แถ่ง", "เซิน"]),
    ("ฮหว่างจุงไห่", ["ฮหว่าง", "จุง", "ไห่"]),
    ("เจิ่นลือกวาง", ["เจิ่น", "ลือ", "กวาง"]),
    ("เหงียนถิกิมเงิน", ["เหงียน", "ถิ", "กิม", "เงิน"]),
    ("หวอถิอั๊ญซวน", ["หวอ", "ถิ", "อั๊ญ", "ซวน"]),
    ("เลวันเตื้อก", ["เล", "วัน", "เตื้อก"]),        # last syllable by Thai syllable rules
    ("เหงียน มานห์ หุ้ง", ["เหงียน", "มานห์", "หุ้ง"]),
    ("บุ้ย เดอะ ดุย", ["บุ้ย", "เดอะ", "ดุย"]),
    ("Nguyen Manh-Hung", ["Nguyen", "Manh", "Hung"]),
    ("Võ Thị Ánh Xuân", ["Võ", "Thị", "Ánh", "Xuân"]),
])
def test_split_syllables(name, expected):
    assert split_syllables(name) == expected


# ------------------------------------------------------------------ latin_name

@pytest.mark.parametrize("thai, latin", [
    ("เหงียน มานห์ หุ่ง", "Nguyen Manh Hung"), ("เหงียนมันห์หุ่ง", "Nguyen Manh Hung"),
    ("บุ่ย แถ่ง เซิน", "Bui Thanh Son"), ("บุ้ย เดอะ ดุย", "Bui The Duy"),
    ("เหงียน เทียน เหงีย", "Nguyen Thien Nghia"), ("นายโดหุ่งเวียด", "Do Hung Viet"),
    ("ตรัน ลู กวาง", "Tran Luu Quang"), ("เจิ่น ลือ กวาง", "Tran Luu Quang"),
    ("หวิ่ญ แถ่ง ดั๊ต", "Huynh Thanh Dat"),     # หวิ่ญ first = the surname Huỳnh, not Vinh
    ("Nguyễn Mạnh Hùng", "Nguyen Manh Hung"), ("Đỗ Hùng Việt", "Do Hung Viet"),
])
def test_latin_name(thai, latin):
    assert latin_name(thai) == latin


def test_latin_name_needs_every_syllable_known():
    assert latin_name("เล วัน เตื้อก") is None
    assert latin_name("") is None


# ------------------------------------------------------------------ match_name in sentences

POSITIVE = [
    ("รัฐมนตรีเหงียนมานห์หุ่งกล่าวว่าเวียดนามต้องเร่งพัฒนา", "เหงียนมานห์หุ่ง"),
    ("นายบุ่ย แถ่ง เซิน รัฐมนตรีว่าการกระทรวงการต่างประเทศ ได้ต้อนรับ", "บุ่ย แถ่ง เซิน"),
    ("รองรัฐมนตรีบุ้ย เดอะ ดุย เป็นประธานการประชุม", "บุ้ย เดอะ ดุย"),
    ("นายโดหุ่งเวียด เอกอัครราชทูตเวียดนามประจำสหประชาชาติ", "โดหุ่งเวียด"),
    ("รองนายกรัฐมนตรีเจิ่นลือกวางเน้นย้ำว่า", "เจิ่นลือกวาง"),
    ("เลขาธิการใหญ่โตลัมได้เดินทางถึงกรุงเทพฯ", "โตลัม"),
    ("นายกรัฐมนตรีฝ่าม มิญ จิ๋ญ และคณะผู้แทน", "ฝ่าม มิญ จิ๋ญ"),
    ("นางหวอ ถิ อั๊ญ ซวน รองประธานประเทศ", "หวอ ถิ อั๊ญ ซวน"),
    ("ประธานรัฐสภาเหงียนถิกิมเงินประธานการประชุม", "เหงียนถิกิมเงิน"),
    ("ภาพ: เหงียน ซวน ฟุก", "เหงียน ซวน ฟุก"),
    ("ผู้อำนวยการ เหงียน เทียน เงีย\nในการประชุม", "เหงียน เทียน เงีย"),
    ("พลเอกฟานวันซางตรวจเยี่ยมหน่วยทหาร", "ฟานวันซาง"),
    ("ตามคำกล่าวของนายเล มินห์ ฮึง (Le Minh Hung)", "เล มินห์ ฮึง"),
    ("นายเล วัน เตื้อก กล่าวว่า", "เล วัน เตื้อก"),
    ("สหายเจิ่น กวาง เฟือง, สหายเหงียน มานห์ หุ่ง", "เจิ่น กวาง เฟือง"),
    ("นายเหงียน มานห์ หุ่ง ลองใช้ระบบใหม่", "เหงียน มานห์ หุ่ง"),
    ("ท่านเหงียนฟู้จ่อง เลขาธิการใหญ่", "เหงียนฟู้จ่อง"),
    ("นายหวู ไห่ เกวิน ผู้อำนวยการ", "หวู ไห่ เกวิน"),
    ("โดยนายเจือง ถิ มาย ประธาน", "เจือง ถิ มาย"),
    ("นายดั่ง ก๊วก คั้ญ ได้รับรางวัล", "ดั่ง ก๊วก คั้ญ"),
    ("คุณเล แถ่ง ลอง, รัฐมนตรีว่าการกระทรวงยุติธรรม", "เล แถ่ง ลอง"),
    ("นายเหงียนเกอถักกล่าว", "เหงียนเกอถัก"),
    ("ดร.ฝ่าม กวาง เหี่ยว", "ฝ่าม กวาง เหี่ยว"),
    ("นายหวิ่ญ แถ่ง ดั๊ต รัฐมนตรี", "หวิ่ญ แถ่ง ดั๊ต"),
    ("นายโต ลัม", "โต ลัม"),
    ("และนายเหงียน ชี ดุง ยืนยันว่า", "เหงียน ชี ดุง"),
    ("นายฮหว่างจุงไห่และนายเลมิญฮึงได้หารือ", "ฮหว่างจุงไห่"),
    ("นายฮหว่างจุงไห่และนายเลมิญฮึงได้หารือ", "เลมิญฮึง"),
    # a K'Ho woman's name prefix written first like a surname, spaced like the rest
    ("สหายกา ถิ ลาน รองประธาน", "กา ถิ ลาน"),
    # ทั้ง is "both" in Thai, and the given name Thắng standing alone after a name's syllables
    ("นายเหงียน ดึ๊ก ทั้ง ประธานบริษัท", "เหงียน ดึ๊ก ทั้ง"),
    ("นายเต่า วัน ลอง ผู้อำนวยการ", "เต่า วัน ลอง"),
    # -ch spelled with a final จ (Thạch)
    ("นายเจิ่น วัน ทาจ ผู้อำนวยการ", "เจิ่น วัน ทาจ"),
]


@pytest.mark.parametrize("text, name", POSITIVE)
def test_match_name_finds_names(text, name):
    start = text.index(name)
    assert match_name(text, start) == start + len(name), text[start:match_name(text, start) or start]


NEGATIVE = [
    "เลือกตั้ง", "เลขาธิการพรรค", "เลขที่ 5", "โดยมีผู้แทน", "ดังนั้น", "ดังกล่าว", "ฟังว่า", "หวังว่า",
    "ไม่มี", "ไม้ไผ่", "ดาวเทียมดวงใหม่", "ฮานอยได้ประกาศ", "ห่าติ๋ญ", "กาวติด", "ลีกฟุตบอล", "เลเซอร์",
    "โตขึ้น", "โต๊ะประชุม", "ฟานเพจ", "ลาวและเวียดนาม", "ไทยและเวียดนาม", "ไทบิ่ญ", "เกาหลีใต้",
    "เกาหลี", "ตะวันออกกลาง", "หลายประเทศ", "คงจะ", "ตั้งแต่", "ลูกชาย", "เอาไว้", "องค์กร",
    "กัมพูชา", "มักจะเป็น", "เหลืองทอง", "ไล่ตาม", "มายา", "เหงียน", "เหงียน กล่าว", "เหงียนกล่าวว่า",
    "โฮจิมินห์", "ลาออก", "วีซ่า", "โวยวาย", "กว่ากลับ", "ดั้งเดิม",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_match_name_rejects_thai_words(text):
    assert match_name(text, 0) is None


@pytest.mark.parametrize("text, start", [
    ("ของตน", 1), ("การเมืองอันแข็งแกร่ง", 6), ("หมายให้", 1), ("เลข", 1), ("นครโฮจิมินห์", 3),
    ("สาธารณรัฐเกาหลี", 10), ("กระทรวงฯ", 7), ("เหงียนมานห์หุ่ง", 20),
])
def test_match_name_rejects_starts_inside_words(text, start):
    assert match_name(text, start) is None


def test_match_name_finds_nothing_in_random_thai():
    """Sentences of frequent Thai words glued together (PyThaiNLP's bundled TNC frequency
    list): a name found at any word start is a false positive."""
    from pythainlp.corpus import get_corpus
    rows = [line.split("\t") for line in get_corpus("tnc_freq.txt")]
    words = [(w, int(c)) for w, c in (r for r in rows if len(r) == 2)
             if w and all("\u0e01" <= ch <= "\u0e4e" for ch in w)]
    words.sort(key=lambda x: -x[1])
    population, weights = zip(*words[:20000])
    rng = random.Random(11)
    calls, found = 0, []
    for _ in range(800):
        sentence = rng.choices(population, weights=weights, k=12)
        text, pos = "".join(sentence), 0
        for w in sentence:
            calls += 1
            end = match_name(text, pos)
            if end:
                found.append(text[pos:end])
            pos += len(w)
    assert len(found) <= calls // 2000, found


def test_surname_at():
    assert surname_at("เหงียนมานห์หุ่ง", 0) == (6, "Nguyễn")
    assert surname_at("นายบุ่ย แถ่ง เซิน", 3) == (7, "Bùi")
    assert surname_at("หวิ่ญ แถ่ง ดั๊ต", 0) == (5, "Huỳnh")
    for text in ("เลือกตั้ง", "โดยมี", "ดังนั้น", "วันที่", "มานห์"):
        assert surname_at(text, 0) is None, text


@pytest.mark.parametrize("name, expected", [
    ("เหงียน มานห์ หุ่ง", True), ("เหงียนมานห์หุ่ง", True), ("นายโดหุ่งเวียด", True),
    ("Nguyễn Mạnh Hùng", True), ("Tran Luu Quang", True), (["โต", "ลัม"], True),
    (["Bùi", "Thế", "Duy"], True), ("เลวันเตื้อก", True),
    ("John Smith", False), ("Nguyen", False), ("เหงียน", False), ("เลือกตั้ง", False),
    ("กระทรวงการต่างประเทศ", False), ("Hanoi Capital", False), ("เหงียน มานห์ หุ่ง กล่าว", False),
    (["มานห์", "หุ่ง"], False), ("", False),
])
def test_is_vietnamese_name(name, expected):
    assert is_vietnamese_name(name) is expected


# ------------------------------------------------------------------ lexicons

def test_lexicon_rows_are_consistent():
    rows = read_tsv("vn_syllables.tsv")
    assert len(rows) >= 300
    seen = set()
    for row in rows:
        vi = row["vietnamese"]
        assert vi not in seen and unicodedata.is_normalized("NFC", vi)
        seen.add(vi)
        assert row["latin"] == tables._unaccent(vi) and row["source"]
        forms = split_values(row["thai"])
        assert forms and all(tables._THAI.fullmatch(c) for f in forms for c in f), vi
        assert tables._latin_rule_keys(vi.lower(), True), vi
    for row in read_tsv("vn_surnames.tsv"):
        assert row["vietnamese"] in seen, row["vietnamese"]


def test_stop_words_are_never_syllable_spellings():
    listed = tables._lexicon().listed
    clash = [r["thai"] for r in read_tsv("vn_name_stopwords.tsv") if r["thai"] in listed]
    assert not clash


def test_grapheme_rules_reproduce_the_lexicon():
    """The rules key syllables that are not in the lexicon; on the lexicon's own spellings
    they must find the Vietnamese reading almost always."""
    total = hits = 0
    for row in read_tsv("vn_syllables.tsv"):
        key = tables._latin_rule_keys(row["vietnamese"].lower(), True)[0]
        for form in split_values(row["thai"]):
            total += 1
            hits += key in syl._thai_rule_keys(form)
    print(f"\ngrapheme rules find the lexicon reading for {hits}/{total} Thai spellings")
    assert hits / total >= 0.93


def test_doctests():
    from vnkg.names import compare, find
    results = [doctest.testmod(m) for m in (tables, syl, compare, find)]
    assert sum(r.attempted for r in results) > 20 and sum(r.failed for r in results) == 0


# ------------------------------------------------------------------ Thai journalism spellings

@pytest.mark.parametrize("journalism, machine", [
    ("เหวียน ซวน ฟุก", "เหงียน ซวน ฟุก"),       # Nguyễn written เหวียน by Thai newspapers
    ("ฝ่าม มิงห์ จิ๋งห์", "ฝ่าม มิญ จิ๊ญ"),     # -nh as งห์
    ("ฝามมิงชิ้ง", "Phạm Minh Chính"),          # VOV Thai, no spaces, ช for ch
    ("ดีง ลา ทัง", "Dinh La Thang"),
    ("เหวียน เติ๊น ซุง", "Nguyễn Tấn Dũng"),
])
def test_thai_journalism_spellings_name_the_same_person(journalism, machine):
    assert same_person(journalism, machine)


def test_latin_name_of_an_unlisted_spelling_is_read_by_the_rules():
    assert latin_name("ฝ่าม มิงห์ จิ๋งห์") == "Pham Minh Chinh"
    assert latin_name("เหวียน ซวน ฟุก") == "Nguyen Xuan Phuc"     # Xuân is the usual reading of ซวน
    assert latin_name("นายกรัฐมนตรี") is None


def test_a_glued_pair_takes_its_last_syllable_after_a_space():
    text = "นายเหงียนวันห่าย ประธาน"
    assert text[3:match_name(text, 3)] == "เหงียนวันห่าย"
    text = "นายเหงียนวัน ห่าย ประธานสมาคม"
    assert text[3:match_name(text, 3)] == "เหงียนวัน ห่าย"
    # only one syllable, and only a known one standing alone: the Thai after it stays out
    text = "เหงียนวัน ได้กล่าวว่า"
    assert text[:match_name(text, 0)] == "เหงียนวัน"


@pytest.mark.parametrize("text, name", [
    ("นายหล่อ วัน จิ๊ญ ประธานสภาประชาชน", "หล่อ วัน จิ๊ญ"),       # Lò, spelled like a Thai word
    ("นายซุ่ง อา หลื่อ เลขาธิการ", "ซุ่ง อา หลื่อ"),               # Sùng, a Hmông surname
    ("นายฝ่าม กวาง หิว รองปลัด", "ฝ่าม กวาง หิว"),               # a last syllable spelled like a Thai word
])
def test_names_whose_syllables_are_also_thai_words(text, name):
    assert text[3:match_name(text, 3)] == name


@pytest.mark.parametrize("text", ["หล่อ มาก ครับ", "ตา ดี มาก", "นายเหงียน วัน นัม และ นาย"])
def test_thai_words_standing_alone_stay_thai(text):
    start = 3 if text.startswith("นาย") else 0
    end = match_name(text, start)
    assert end is None or text[start:end] == "เหงียน วัน นัม"


def test_after_a_middle_name_the_name_goes_on_into_a_syllable_thai_writes_as_a_word():
    text = "นายเหงียน วัน ทั้ง กล่าวว่า"
    assert text[3:match_name(text, 3)] == "เหงียน วัน ทั้ง"
    text = "นายเหงียน วัน นัม และ นางลาน"
    assert text[3:match_name(text, 3)] == "เหงียน วัน นัม"


@pytest.mark.parametrize("text, name", [
    ("นาย เหงียน ดึ๊ก ลอง นาย โด๋ วัน หิว และนาง เล ถิ มาย", "เหงียน ดึ๊ก ลอง"),
    ("สหาย เจิ่น ก๊วก หุ่ง สหาย ฝ่าม มิญ ห่า", "เจิ่น ก๊วก หุ่ง"),
    ("นาย หวู ลอง นาง ฝ่าม ถิ ลาน", "หวู ลอง"),
])
def test_an_honorific_opens_the_next_name_of_a_list_without_commas(text, name):
    start = text.index(" ") + 1
    assert text[start:match_name(text, start)] == name
