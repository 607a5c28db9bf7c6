"""Organizations by Thai name grammar: a head word (กระทรวง, กรม, ศูนย์ …) and the name after it.

Thai writes ``กรมความร่วมมือระหว่างประเทศมีบทบาท…`` with no space between the name and the
verb, so the name runs over dictionary words until a space, a stop word (มี, ได้, เป็น …)
or another head after และ. Back-references (กระทรวงฯ, กรมดังกล่าว) become mentions marked
``backref`` that the relation stage points at their antecedent.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache


from .. import kb, names
from ..lexicon import read_tsv, words_by_kind
from ..model import Kind, Mention
from .known import place_end
from .provinces import province_at
from .text import Boundaries
from .titles import honorific_regex

__all__ = ["OrgHead", "heads", "head_of", "grammar_orgs", "org_class"]

_MAX_NAME = 90
_ABBREV_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z&\-]{1,11})\)")


@dataclass(frozen=True)
class OrgHead:
    head: str
    cls: str
    subtype: str


@cache
def heads() -> tuple[OrgHead, ...]:
    rows = [OrgHead(r["head"], r["class"], r["subtype"]) for r in read_tsv("org_heads.tsv")]
    return tuple(sorted(rows, key=lambda h: -len(h.head)))


def _words() -> dict[str, tuple[str, ...]]:
    return words_by_kind("org_grammar.tsv", "word")


@cache
def _head_regex() -> re.Pattern:
    return re.compile("|".join(re.escape(h.head) for h in heads()))


@cache
def _by_head() -> dict[str, OrgHead]:
    out: dict[str, OrgHead] = {}
    for h in heads():
        out.setdefault(h.head, h)
    return out


def head_of(name: str) -> OrgHead | None:
    """The head word a Thai organization name starts with."""
    m = _head_regex().match(name)
    return _by_head()[m.group()] if m else None


def org_class(name: str) -> str | None:
    h = head_of(name)
    return h.cls if h else None


_DESCRIPTIVE_OK = {"ministry", "dept", "office", "committee", "embassy"}   # state units are named by what they do


def _name_end(text: str, start: int, bounds: Boundaries) -> int:
    """Where a name that begins at ``start`` (right after its head) ends."""
    words = _words()
    stops, glued = words.get("stop", ()), words.get("glued_stop", ())
    purpose, nominal = words.get("purpose", ()), words.get("nominal", ())
    before_head = words.get("stop_before_head", ())
    limit = min(len(text), start + _MAX_NAME)
    chunk = text[start:limit]
    # a space or line end closes the name, except inside a parenthesis
    m = re.search(r"[\s()\"“”,:;]", chunk)
    chunk = chunk[: m.start()] if m else chunk
    pos = start
    for token in bounds.tokens(start, start + len(chunk)):
        if token in stops or token.startswith(glued):
            break
        if token in purpose and not text.startswith(nominal, pos + len(token)):
            break
        if token in before_head and _head_regex().match(text, pos + len(token)):
            break
        pos += len(token)
    return pos


def _is_backref(text: str, after: int, bounds: Boundaries) -> str | None:
    """The back-reference word after a bare head (กระทรวงฯ, กระทรวงดังกล่าว, กระทรวงได้…), if any."""
    words = _words()
    for w in words.get("backref_mark", ()):
        if text.startswith(w, after):
            return w
    for w in words.get("backref", ()):
        if text.startswith(w, after) and bounds.at(after + len(w)):
            return w
    name_at = after + 1 if text[after:after + 1] == " " else after
    if text.startswith(words.get("glued_stop", ()), after) or names.match_name(text, name_at):
        return ""     # กระทรวงได้ขอให้… / รัฐมนตรีว่าการกระทรวงเหงียนมานห์หุ่ง: "the ministry"
    return None


@cache
def _honorific_and_given_name() -> re.Pattern:
    return re.compile(rf"(?:{honorific_regex().pattern}) ?[\u0E01-\u0E4E]{{2,20}} $")


def _is_family_name(text: str, start: int) -> bool:
    """A head word opening the one word after an honorific and a given name is a Thai family
    name, not a body: นายวิกรม กรมดิษฐ์ (Mr Wikrom Kromadit), where กรม reads "department"."""
    word = _THAI_WORD.match(text, start)
    return bool(word and _honorific_and_given_name().search(text, max(0, start - 40), start)
                and (word.end() >= len(text) or text[word.end()] in " \n,.)"))


_THAI_WORD = re.compile(r"[\u0E01-\u0E4E]+")


def grammar_orgs(text: str, bounds: Boundaries, taken: list[tuple[int, int]],
                 titles: Sequence[tuple[int, int]] = (), bodies: frozenset[int] = frozenset()) -> list[Mention]:
    """Organization mentions by head word, outside spans already ``taken`` by lexicon matches
    and not starting inside a title (ประธานคณะกรรมการสมาชิก…: the council is the title's); generic
    words run into a body the article names by itself (``bodies``: their starts) name a part of it."""
    words = _words()
    generic, proper = words.get("generic", ()), words.get("proper", ())
    out: list[Mention] = []
    occupied = sorted(taken)
    for m in _head_regex().finditer(text):
        start, after = m.start(), m.end()
        if (not bounds.at(start) or any(s <= start < e for s, e in occupied)
                or any(s < start < e for s, e in titles) or _is_family_name(text, start)):
            continue
        if not bounds.at(after) and not text.startswith(words.get("nominal", ()), after):
            continue   # ศูนย์กลาง "hub" is one word; กรมการกงสุล is กรม + การกงสุล
        head = _by_head()[m.group()]
        ref_word = _is_backref(text, after, bounds)
        if ref_word is not None:
            end = after + len(ref_word)
            out.append(Mention(Kind.ORGANIZATION, start, end, text[start:end], "th",
                               attrs=(("backref", head.cls),)))
            continue
        if text.startswith(words.get("no_start", ()), after):
            continue
        latin = _LATIN_NAME_AFTER.match(text, after)
        if latin and m.group() in words.get("side_head", ()):
            continue        # ฝ่าย Petrovietnam: "the Petrovietnam side", the company's own mention
        if latin:           # บริษัท MISA, หนังสือพิมพ์ Dan Tri: a Latin name after a space
            after, end = latin.start(1), latin.end(1)
        elif head.cls == "company" and (limited := _LIMITED.match(text, after)):
            end = limited.end()     # บริษัท ลองเซิน ปิโตรเคมิคอลส์ จำกัด: a registered name ends with จำกัด
        else:
            end = _name_end(text, after, bounds)
            if _part_of(text, after, end, bounds, bodies, generic):
                continue   # คณะกรรมการประจำ|คณะกรรมการพรรคจังหวัด…: a part of a body the article names
        name = text[after:end]
        if ((len(name) < 4 and not re.fullmatch(r"[A-Za-z0-9&\- ]{2,}", name.strip())
             and not (head.cls == "embassy" and name in _place_forms())) or not bounds.at(end)):
            continue   # บริษัท MISA: a short Latin name is a name; สถานเอกอัครราชทูตลาว: a country names an embassy
        if m.group() in words.get("side_head", ()) and name.startswith(_place_forms()):
            continue   # ฝ่ายเวียดนาม, ฝ่ายจังหวัด…: "the Vietnamese side" names no body
        end = _dash_country(text, _after_province(text, after, end, head.head))
        end = _posted_at(text, _with_province(text, _in_country(text, end, head.cls), head.cls), head.cls)
        tokens = [t for t in bounds.tokens(after, end) if t.strip()]
        if all(t in generic or len(t) < 2 for t in tokens):
            continue
        if head.cls not in _DESCRIPTIVE_OK and not (re.search(r"[A-Za-z]", name) or any(t in proper for t in tokens)
                                                     or any(map(_vietnamese_word, tokens))
                                                     or any(t.startswith(_place_forms()) for t in tokens)):
            continue   # บริษัทเทคโนโลยี "technology companies" describes, it does not name
        if head.cls == "ministry" and not _ministry_words(tokens):
            continue   # กระทรวงครั้งใหญ่: "the ministry, in a big way", no ministry's name
        attrs = [("head", head.cls), ("subtype", head.subtype)]
        abbrev = _ABBREV_AFTER.match(text, end)
        if abbrev:
            attrs.append(("abbrev", abbrev.group(1)))
        # กรมโปลิตบูโร: a translation put a head before a body the knowledge base knows
        ref = _kb_org_by_form().get(re.sub(r"\s", "", text[after:end]))
        out.append(Mention(Kind.ORGANIZATION, start, end, text[start:end], "th", ref=ref, attrs=tuple(sorted(attrs))))
        occupied.append((start, end))
    return _ministry_slips(_trim_to_repeated(out))


def _vietnamese_word(token: str) -> bool:
    """A Vietnamese syllable as the lexicon spells it and no Thai word (ฮว่าง, ฟู้): a company
    named after a place or a person (บริษัทร่วมทุนท่องเที่ยวฮว่างฟู้) is a name."""
    syllables = names.split_syllables(token)
    return names.in_lexicon(token) and all(map(names.plausible_syllable, syllables))


@cache
def _ministry_vocabulary() -> frozenset[str]:
    """The words ministries' names open with (การคลัง, สาธารณสุข, ยุติธรรม …), from the knowledge base."""
    from pythainlp.tokenize import word_tokenize
    out = set()
    for e in kb.entries().values():
        if e.kind is Kind.ORGANIZATION and e.subtype == "Ministry":
            for form in e.thai:
                h = head_of(form)
                if h and h.cls == "ministry" and len(form) > len(h.head):
                    words = [w for w in word_tokenize(form[len(h.head):], engine="newmm") if w.strip()]
                    out.update(words[:1])
    return frozenset(out)


def _ministry_words(tokens: list[str]) -> bool:
    return bool(tokens) and tokens[0] in _ministry_vocabulary()


@cache
def _kb_org_by_form() -> dict[str, str]:
    """Organizations of the knowledge base by their forms without spaces."""
    out: dict[str, str] = {}
    for e in sorted(kb.entries().values(), key=lambda e: (e.country != "vn", e.ref)):
        if e.kind is Kind.ORGANIZATION:
            for f in e.forms:
                out.setdefault(re.sub(r"\s", "", f), e.ref)
    return out


_LATIN_NAME_AFTER = re.compile(r" ([A-Z][A-Za-z0-9&\-]*(?: [A-Z][A-Za-z0-9&\-]*){0,4})")


@cache
def _place_forms() -> tuple[str, ...]:
    """Thai names of places and the words that open a place's name (จังหวัด, นคร …)."""
    forms = {f for e in kb.entries().values() if e.kind is Kind.PLACE for f in e.thai}
    forms |= set(words_by_kind("province_grammar.tsv", "word")["level"])
    return tuple(sorted(forms, key=len, reverse=True))


_LOCAL_CLASSES = {"association", "union", "committee", "centre", "office"}


def _part_of(text: str, start: int, end: int, bounds: Boundaries, bodies: frozenset[int],
             generic: tuple[str, ...]) -> bool:
    """Whether a name is generic words (ประจำ, ถาวร, บริหาร) run into a body named by itself."""
    pos = start
    for token in bounds.tokens(start, end):
        if pos in bodies and pos > start:
            return True
        if token.strip() and token not in generic:
            return False
        pos += len(token)
    return False


def _after_province(text: str, start: int, end: int, head: str) -> int:
    """A name that names its province ends with it (หอการค้าจังหวัดนครพนม|จัดงาน,
    องค์การบริหารส่วนจังหวัดนครพนม|จัดงาน: there the head holds the level word)."""
    levels = words_by_kind("province_grammar.tsv", "word")["level"]
    whole = place_end(text, start) if head.endswith(levels) else None
    if whole is not None and whole < end:
        return whole
    for level in levels:
        at = text.find(level, start, end)
        if at < 0:
            continue
        hit = province_at(text, at + len(level))
        stop = hit[0] if hit else place_end(text, at + len(level))
        if stop is not None and stop < end:
            return stop
    return end


_IN_PLACE = re.compile(r"ใน(?:ประเทศ)?")
_LIMITED = re.compile(r" ?[^\s()][^\n()]{1,60}?จำกัด(?: ?\(มหาชน\))?")
_DASH_COUNTRY = re.compile(r" ?[-–] ?")


def _in_country(text: str, end: int, cls: str) -> int:
    """An association of people in a country keeps the country in its name
    (สมาคมชาวเวียดนามในประเทศไทย: the Association of Vietnamese in Thailand)."""
    if cls not in ("association", "union") or not (m := _IN_PLACE.match(text, end)):
        return end
    stop = place_end(text, m.end())
    return stop if stop is not None else end


def _dash_country(text: str, end: int) -> int:
    """A name that pairs two countries across a spaced dash keeps both (ท่าเรือระหว่างประเทศลาว – เวียดนาม)."""
    if not (m := _DASH_COUNTRY.match(text, end)) or m.end() == end:
        return end
    stop = place_end(text, m.end())
    # the country must end a word: a space, or a verb glued after it (…ลาว – เวียดนามเป็นผู้ลงทุน)
    ends = stop is not None and (stop == len(text) or not "\u0E01" <= text[stop] <= "\u0E4E"
                                 or text.startswith(_words().get("glued_stop", ()), stop))
    return stop if ends else end


def _with_province(text: str, end: int, cls: str) -> int:
    """An association's city or province after a space belongs to its name
    (สมาคมมิตรภาพเวียดนาม-ไทย นครเกิ่นเทอ: the Can Tho branch)."""
    if cls not in _LOCAL_CLASSES or text[end:end + 1] != " ":
        return end
    level = next((w for w in words_by_kind("province_grammar.tsv", "word")["level"]
                  if text.startswith(w, end + 1)), None)
    if level is None:
        return end
    hit = province_at(text, end + 1 + len(level))
    return hit[0] if hit else end


_POSTED = re.compile(r" ?(?:ณ|ประจำ) ?")


def _posted_at(text: str, end: int, cls: str) -> int:
    """An embassy's, a consulate's or an office's posting belongs to its name (สถานเอกอัครราชทูตลาว
    ณ กรุงฮานอย, สำนักงานส่งเสริมการค้าในต่างประเทศ ณ นครโฮจิมินห์)."""
    if cls not in ("embassy", "office") or not (m := _POSTED.match(text, end)):
        return end
    place = next((f for f in _place_forms() if text.startswith(f, m.end())), None)
    if place is None:
        return end
    stop = m.end() + len(place)
    if place in words_by_kind("province_grammar.tsv", "word")["level"]:
        hit = province_at(text, stop)
        named = hit[0] if hit else place_end(text, stop)
        return named if named is not None else end   # "ณ จังหวัด" alone names no posting
    return stop


def _ministry_slips(found: list[Mention]) -> list[Mention]:
    """``กระทรวงความร่วมมือระหว่างประเทศ`` beside ``กรมความร่วมมือระหว่างประเทศ``: a translation slip.

    Machine translation sometimes gives a department's name to "the Ministry"; no real
    ministry shares its name with a department of the same article, so such a ministry
    is read as a reference back to the article's ministry.
    """
    unit_names = {m.text[len(h.head):] for m in found if (h := head_of(m.text)) and h.cls == "dept"}
    out = []
    for m in found:
        h = head_of(m.text)
        if h and h.cls == "ministry" and not m.attr("backref") and m.text[len(h.head):] in unit_names:
            m = Mention(m.kind, m.start, m.end, m.text, m.lang, attrs=(("backref", "ministry"), ("slip", "1")))
        out.append(m)
    return out


def _trim_to_repeated(found: list[Mention]) -> list[Mention]:
    """Cut a name back to a shorter name the article uses elsewhere on its own.

    Thai glues verbs to names (กรมความร่วมมือระหว่างประเทศจึง…); an article names a unit
    many times, so when one reading is a prefix of another, the shorter one is the name.
    """
    names = {m.text for m in found if not m.attr("backref")}
    out = []
    for m in found:
        shorter = [n for n in names if len(n) < len(m.text) and m.text.startswith(n) and len(n) > 6]
        if shorter and not m.attr("backref"):
            n = max(shorter, key=len)
            m = Mention(m.kind, m.start, m.start + len(n), n, m.lang, m.ref,
                        tuple(kv for kv in m.attrs if kv[0] != "abbrev"))
        out.append(m)
    return out

@cache
def _latin_org_words() -> tuple[frozenset[str], frozenset[str]]:
    rows = read_tsv("latin_org_words.tsv")
    return (frozenset(r["word"] for r in rows if r["kind"] == "suffix"),
            frozenset(r["word"] for r in rows))


# A capital not after a letter; written capital first because re skips ahead to a first
# character, never to a look-behind.
_LATIN_RUN = re.compile(r"[A-Z](?<![A-Za-z][A-Z])[A-Za-z0-9&\-]*(?:\.?,? [A-Z][A-Za-z0-9&\-]*\.?)*")


def latin_orgs(text: str) -> list[Mention]:
    """Latin company names closed by a legal form (``FPT IS Company Limited``).

    The name without its legal form (``FPT IS``) is kept as attr ``short`` so that later
    bare mentions of it join the same organization.
    """
    suffixes, org_words = _latin_org_words()
    out = []
    for m in _LATIN_RUN.finditer(text):
        words = m.group().replace(",", "").split(" ")
        words = [w.rstrip(".") for w in words]
        # the name is the run before the first organization word; the legal form must close the run
        cut = next((k for k, w in enumerate(words) if w in org_words), None)
        if cut is None or cut == 0 or words[-1] not in suffixes:
            continue
        short = " ".join(words[:cut])
        out.append(Mention(Kind.ORGANIZATION, m.start(), m.end(), text[m.start():m.end()], "en",
                           attrs=(("short", short), ("subtype", "Company"))))
    return out
