"""Named initiatives: movements, programmes, strategies, platforms, awards, recurring events.

A name counts only with a sign that it is a name, not a general concept: quotes after a
trigger word (การเคลื่อนไหว "…"), a time horizon (ยุทธศาสตร์…ถึงปี 2030 วิสัยทัศน์ถึงปี 2045),
a Latin abbreviation after it (แพลตฟอร์ม… (LGSP)), the shape of a national day
(วัน…แห่งชาติ), or a Latin title ending in Awards/Week/Forum…
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


from .. import kb, names
from ..lexicon import longest_alternation, read_tsv, split_values, words_by_kind
from ..model import Kind, Mention
from .text import Boundaries

__all__ = ["find_initiatives"]

_QUOTES = {'"': '"', "“": "”", "”": "”", "'": "'", "‘": "’"}
_MAX_NAME = 120
_ABBREV = re.compile(r" ?\(([A-Z][A-Za-z\-]{1,9})\)")
_LATIN_NAME = re.compile(r" ([A-Z][A-Za-z0-9]*(?:[ -][A-Z][A-Za-z0-9]*){0,3})(?![A-Za-z0-9])")
_YEAR = r"[0-9๐-๙]{4}(?:\s?[-–]\s?[0-9๐-๙]{4})?"


@dataclass(frozen=True)
class Trigger:
    word: str
    cls: str
    modes: tuple[str, ...]


@cache
def _triggers() -> tuple[Trigger, ...]:
    rows = [Trigger(r["trigger"], r["class"], tuple(split_values(r["name"])))
            for r in read_tsv("initiative_triggers.tsv")]
    return tuple(sorted(rows, key=lambda t: -len(t.word)))


def _grammar() -> dict[str, tuple[str, ...]]:
    return words_by_kind("initiative_grammar.tsv", "word")


@cache
def _thai_trigger_regex() -> re.Pattern:
    words = [t.word for t in _triggers() if "latin_tail" not in t.modes]
    return re.compile("|".join(re.escape(w) for w in words))


@cache
def _horizon_regex() -> re.Pattern:
    g = _grammar()
    horizon = "|".join(re.escape(w) for w in g["horizon"])
    vision = "|".join(re.escape(w) for w in g["vision"])
    return re.compile(rf" ?(?:{horizon}) ?{_YEAR}(?:,? ?(?:{vision}) ?{_YEAR})?")


@cache
def _latin_regex() -> re.Pattern:
    tails = "|".join(re.escape(t.word) for t in _triggers() if "latin_tail" in t.modes)
    word = r"(?:[A-Z][A-Za-z0-9\-]*|of|and|for|in|the)"
    # a capital after no word character (\b), written capital first: re skips ahead to a
    # first character, never to a look-behind
    return re.compile(rf"[A-Z](?<!\w[A-Z])[A-Za-z0-9\-]*\s(?:{word}\s){{0,5}}(?:{tails})\b(?:\s[0-9]{{4}})?")


@cache
def _trigger_of() -> dict[str, Trigger]:
    out: dict[str, Trigger] = {}
    for t in _triggers():
        out.setdefault(t.word, t)
    return out


def _quoted(text: str, after: int) -> tuple[int, int] | None:
    pos = after + 1 if text[after:after + 1] == " " else after
    close = _QUOTES.get(text[pos:pos + 1])
    if not close:
        return None
    end = text.find(close, pos + 1, pos + 1 + 80)
    if end < 0 or "\n" in text[pos:end]:
        return None
    inner = text[pos + 1:end].strip()
    if not inner or inner.count(" ") > 6:
        return None
    start = text.index(inner, pos + 1)
    return start, start + len(inner)


def _is_generic(bounds: Boundaries, start: int, end: int) -> bool:
    tokens = [t for t in bounds.tokens(start, end) if t.strip()]
    return not tokens or tokens[0] in _grammar()["generic"] or all(t in _grammar()["generic"] for t in tokens)


_ORDINAL_AFTER = re.compile(r" ?[0-9๐-๙]{1,2}(?![0-9๐-๙])")   # โครงการโรงไฟฟ้า…นิญถ่วน 1
_ACRONYM_THEN_NAME = re.compile(r" [A-Z][A-Z0-9]{1,5} ([\u0E01-\u0E4E]{2,30})(?![\u0E01-\u0E4E])")
_YEAR_AFTER = re.compile(r" [0-9๐-๙]{4}(?![0-9๐-๙])")


@cache
def _proper_regex() -> re.Pattern:
    """What makes a phrase after a trigger a name rather than a description: a place, a word
    such as แห่งชาติ, a number or a Latin word."""
    words = {f for e in kb.entries().values() if e.kind is Kind.PLACE for f in e.thai}
    words |= set(words_by_kind("org_grammar.tsv", "word").get("proper", ()))
    return re.compile(f"[0-9๐-๙A-Za-z]|{longest_alternation(words)}")


def _named(bounds: Boundaries, start: int, end: int) -> bool:
    """Whether the phrase after a trigger names something: it holds a place, แห่งชาติ, a number
    or a Latin word (โครงการโรงไฟฟ้านิวเคลียร์นิญถ่วน), or two words or more none of which only
    describes (โครงการพัฒนารัฐบาลอิเล็กทรอนิกส์, not โครงการทุกเดือน or โครงการพลังงานสำคัญ)."""
    if _proper_regex().search(bounds.text, start, end):
        return True
    tokens = [t for t in bounds.tokens(start, end) if t.strip()]
    return len(tokens) >= 2 and not any(_word_at(bounds, p, _grammar()["not_in_name"])
                                        for p in _token_starts(bounds, start, end))


def _token_starts(bounds: Boundaries, start: int, end: int) -> list[int]:
    starts, pos = [], start
    for token in bounds.tokens(start, end):
        starts.append(pos)
        pos += len(token)
    return starts


def _word_at(bounds: Boundaries, pos: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` starts at ``pos`` and ends on a word boundary, however many
    tokens the tokenizer cut it into (ไปยัง comes as ไป|ยัง)."""
    return any(bounds.text.startswith(w, pos) and bounds.at(pos + len(w)) for w in words)


def _phrase_end(text: str, after: int, bounds: Boundaries) -> int:
    stops = _grammar()["stop"]
    limit = min(len(text), after + _MAX_NAME)
    m = re.search(r"[\s()\"“”,:;]", text[after:limit])
    chunk = text[after:after + m.start()] if m else text[after:limit]
    for pos in _token_starts(bounds, after, after + len(chunk)):
        if _word_at(bounds, pos, stops) and not _ORDINAL_MARK.match(text, pos):
            return pos
    return after + len(chunk)


_ORDINAL_MARK = re.compile(r"ที่ ?[0-9๐-๙]")   # วงแหวนรอบที่ 3: "number 3", not the relative ที่
_DASH = re.compile(r" ?[-–] ?(?=[\u0E01-\u0E4EA-Za-z])")
_YEARS = re.compile(r" ?ปี ?(?=[\u0E01-\u0E4E])")     # ครบรอบ 50 ปี(การสถาปนา)ความสัมพันธ์…


def _tail_end(text: str, end: int, bounds: Boundaries) -> int:
    """Where a name found up to ``end`` really ends: with its number (…นิญถ่วน 1, …รอบที่ 3), an
    anniversary's years and what they count (ครบรอบ 50 ปีความสัมพันธ์…), the second name of a
    route joined by a dash (ทางด่วนด่งดัง – จ่าลิ๋ง)."""
    # โรงไฟฟ้าก๊าซ LNG เฮียบเฟื้อก 2: a Latin acronym inside, then the Vietnamese place it is named for
    if (acronym := _ACRONYM_THEN_NAME.match(text, end)) and names.in_lexicon(acronym.group(1)):
        end = acronym.end()
    if (number := _ORDINAL_AFTER.match(text, end)):
        end = number.end()
        if (years := _YEARS.match(text, end)):
            more = _phrase_end(text, years.end(), bounds)
            end = more if more > years.end() else end
    while (dash := _DASH.match(text, end)):
        more = _phrase_end(text, dash.end(), bounds)
        if more <= dash.end() or not bounds.at(more):
            break
        end = more
    # นิคมเมืองเฟื้อก ถั่น: a Vietnamese place name spaced syllable by syllable
    while (piece := _SPACED_PIECE.match(text, end)) and names.plausible_syllable(piece.group(1)) \
            and names.plausible_syllable(names.split_syllables(_LAST_THAI_RUN.search(text, max(0, end - 30), end).group())[-1]):
        end = piece.end()
    # ด้านการดูแลสุขภาพ ประชากร และการพัฒนา: a list of fields spaced inside the name, closed by และ
    # (… และโครงการ…: a second initiative, not a third field)
    if (listed := _SPACED_LIST.match(text, end)) and not _thai_trigger_regex().match(text, listed.end()) \
            and not any(w.startswith(_grammar()["stop"]) for w in listed.group().split()[:-1]):
        more = _phrase_end(text, listed.end(), bounds)
        if more > listed.end() and bounds.at(more):
            end = more
    # …การพัฒนาช่วงปี 2026-2035: the period the name ends with
    if text[:end].endswith(_grammar()["horizon"]) and (years := _SPACED_YEARS.match(text, end)):
        end = years.end()
    return end


_SPACED_PIECE = re.compile(r" ([\u0E01-\u0E4E]{1,10})(?![\u0E01-\u0E4E])")
_LAST_THAI_RUN = re.compile(r"[\u0E01-\u0E4E]{1,30}$")
_SPACED_LIST = re.compile(r"(?: [\u0E01-\u0E4E]{2,20}){1,3} และ(?=[\u0E01-\u0E4E])")
_SPACED_YEARS = re.compile(rf" {_YEAR}")


def _horizon(text: str, after: int) -> int | None:
    """End of a name closed by its time horizon, with no space before it."""
    limit = min(len(text), after + _MAX_NAME)
    for m in _horizon_regex().finditer(text, after, limit):
        body = text[after:m.start()]
        if re.search(r"\s", body) or len(body) < 4:
            return None
        return m.end()
    return None


def _yearly(text: str, after: int) -> int | None:
    """แผนปฏิบัติการปี 2567 เพื่อดำเนินการตามยุทธศาสตร์…ถึงปี 2573: a yearly plan named by what it carries out."""
    g = _grammar()
    years = "|".join(re.escape(w) for w in g["year"])
    m = re.compile(rf" ?(?:{years}) ?{_YEAR} ?").match(text, after)
    if not m:
        return None
    cue = next((c for c in g["implement_cue"] if text.startswith(c, m.end())), None)
    if not cue:
        return None
    inner = _thai_trigger_regex().match(text, m.end() + len(cue))
    if not inner or "horizon" not in _trigger_of()[inner.group()].modes:
        return None
    return _horizon(text, inner.end())


def _after_event_word(bounds: Boundaries, pos: int) -> bool:
    """A trigger the tokenizer glued to the word งาน (event) before it (เข้าร่วม|งานเทศกาล…) starts a name."""
    return any(bounds.text.endswith(w, 0, pos) and bounds.at(pos - len(w)) for w in _grammar()["event_word"])


def find_initiatives(text: str, bounds: Boundaries) -> list[Mention]:
    """Initiative mentions; an abbreviation in parentheses is kept as attr ``abbrev``."""
    out: list[Mention] = []

    def add(start: int, end: int, trigger: Trigger, lang: str = "th", abbrev: str | None = None):
        attrs = [("class", trigger.cls)] + ([("abbrev", abbrev)] if abbrev else [])
        out.append(Mention(Kind.INITIATIVE, start, end, text[start:end], lang, attrs=tuple(sorted(attrs))))

    for m in _thai_trigger_regex().finditer(text):
        trigger, after = _trigger_of()[m.group()], m.end()
        if not bounds.at(m.start()) and not _after_event_word(bounds, m.start()):
            # วางแผนปรับปรุง…ภายในปี 2568: a verb swallowed the trigger; a time horizon still marks a name
            if "horizon" in trigger.modes and (end := _horizon(text, after)) \
                    and not _is_generic(bounds, after, end):
                add(m.start(), end, trigger)
            continue
        if "horizon" in trigger.modes and (end := _yearly(text, after)):
            add(m.start(), end, trigger)
            continue
        if "quoted" in trigger.modes and (q := _quoted(text, after)):
            if not _is_generic(bounds, q[0], q[1]):
                add(q[0], q[1], trigger, "en" if text[q[0]].isascii() else "th")
            continue
        if "horizon" in trigger.modes and (end := _horizon(text, after)):
            if not _is_generic(bounds, after, end):
                abbrev = _ABBREV.match(text, end)
                add(m.start(), end, trigger, abbrev=abbrev.group(1) if abbrev else None)
                continue
        if "national" in trigger.modes:
            end = _phrase_end(text, after, bounds)
            national = next((w for w in _grammar()["national"] if text[:end].endswith(w)), None)
            if national and end - after > len(national) + 2:
                year = re.compile(rf" ?{_YEAR}").match(text, end)
                add(m.start(), year.end() if year else end, trigger)
            continue
        if ("phrase" in trigger.modes or "abbrev" in trigger.modes) and (latin := _LATIN_NAME.match(text, after)):
            if re.search("[a-z]", latin.group(1)) or " " in latin.group(1):
                # โครงการ SMEdx names SMEdx; an acronym alone (โครงการ ODA) is a kind
                add(latin.start(1), latin.end(), trigger, "en")
            continue
        end = _phrase_end(text, after, bounds)
        short = end - after < 4 and not _proper_regex().fullmatch(text, after, end)   # เทศกาลเว้ is a name
        if short or _is_generic(bounds, after, end) or not bounds.at(end):
            continue
        abbrev = _ABBREV.match(text, end)
        if "abbrev" in trigger.modes and abbrev:
            add(m.start(), end, trigger, abbrev=abbrev.group(1))
        elif "phrase" in trigger.modes and _named(bounds, after, end):
            end = _tail_end(text, end, bounds)
            if trigger.cls == "Event" and (year := _YEAR_AFTER.match(text, end)):
                end = year.end()    # เทศกาลเวียดนาม 2025: this year's festival
            add(m.start(), end, trigger)
    for m in _latin_regex().finditer(text):
        tail = next(t for t in _triggers() if "latin_tail" in t.modes and re.search(rf"\b{t.word}\b", m.group()))
        add(m.start(), m.end(), tail, "en")
    for quote in re.finditer(r"[\"“]([A-Z][A-Za-z]+(?: [A-Za-z]+){1,5})[\"”]", text):
        add(quote.start(1), quote.end(1), Trigger("", "Programme", ("quoted",)), "en")
    return out
