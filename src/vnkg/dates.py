"""Thai date phrases: find them, convert Buddhist-era years, pick the reported event's date.

``find_dates`` recognises day–month(–year) phrases (``วันที่ 22 ธันวาคม พ.ศ. 2567``,
``22 ธ.ค. 67``, ``๒๘ พฤศจิกายน``, ``29 กรกฎาคม ค.ศ. 2024``) and labels each with the cue
that introduces it (event, document date, period). ``event_date`` chooses the date of the
reported event and infers a missing year. Month names and cue words are data:
``ontology/lexicons/thai_months.tsv`` and ``ontology/lexicons/dates_cues.tsv``.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from vnkg.lexicon import read_tsv, split_values

__all__ = [
    "DateMention", "find_dates", "event_date", "year_mentions", "parse_dmy",
    "be_to_ce", "to_iso", "arabic_digits",
]

BE_MIN = 2400          # a four-digit year from here on is Buddhist Era (2567 = 2024)
BE_OFFSET = 543
YEAR_RANGE = (1900, 2200)   # plausible CE years for news; others are not years
EVENT_CUE_LINES = 8    # event-cued dates further down are usually background, not the event
LEAD_LINES = 3         # "first lines of the body" for the uncued fallback

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_DIGIT = "[0-9๐-๙]"
_THAI_LETTER = "[ก-ฮ]"
# Legal document codes (57-NQ/TW, 505/QD-TTg) directly before a date mark a document date.
_DOC_CODE_BEFORE = re.compile(r"[0-9]+(?:[-/][A-Za-zĐđ]+)+[\s,]*$")
_DMY = re.compile(r"(?<![0-9])([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4})(?![0-9])")


@dataclass(frozen=True)
class DateMention:
    """A day–month(–year) phrase in a text.

    ``date`` is None when the phrase states no year and no default year was given.
    ``cue`` says what introduces it: ``event`` (เมื่อวันที่, เช้าวันที่, … ณ/ที่ <place>),
    ``document`` (ลงวันที่, or right after a document code), ``period`` (ตั้งแต่, ภายใน …)
    or None.
    """

    start: int
    end: int
    date: date | None
    text: str
    year_stated: bool
    day: int
    month: int
    cue: str | None = None


def arabic_digits(s: str) -> str:
    """Thai digits to Arabic ones (``๒๕๖๗`` → ``2567``)."""
    return s.translate(_THAI_DIGITS)


def be_to_ce(year: int) -> int:
    """A Buddhist-era year (>= 2400) to the Common Era; other years unchanged."""
    return year - BE_OFFSET if year >= BE_MIN else year


def to_iso(d: date | None) -> str | None:
    """``date`` → ``YYYY-MM-DD`` (None stays None)."""
    return d.isoformat() if d else None


def parse_dmy(s: str) -> date | None:
    """The first numeric ``dd/mm/yyyy`` (also ``-`` or ``.``) date in ``s``; BE years converted."""
    for m in _DMY.finditer(arabic_digits(s)):
        d = _make_date(be_to_ce(int(m.group(4))), int(m.group(3)), int(m.group(1)))
        if d:
            return d
    return None


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _alt(forms: list[str]) -> str:
    """Regex alternation of literal forms, longest first; a space matches any whitespace."""
    parts = sorted(set(forms), key=len, reverse=True)
    return "|".join(r"\s*".join(re.escape(w) for w in f.split()) for f in parts)


@dataclass(frozen=True)
class _Patterns:
    date: re.Pattern[str]
    month_of: dict[str, int]
    abbreviations: frozenset[str]
    before: re.Pattern[str]
    after: re.Pattern[str]
    year: re.Pattern[str]
    be_eras: frozenset[str]


def month_forms() -> dict[str, int]:
    """Every written form of a Thai month name (full, variant, abbreviated) → month number."""
    return dict(_patterns().month_of)


@cache
def _patterns() -> _Patterns:
    month_of: dict[str, int] = {}
    abbrs: set[str] = set()
    for row in read_tsv("thai_months.tsv"):
        n = int(row["month"])
        for form in [row["name"], *split_values(row.get("variants", ""))]:
            month_of[form] = n
        for form in split_values(row.get("abbreviations", "")):
            month_of[form] = n
            abbrs.add(form)
    month_forms = [
        # Without its final dot an abbreviation could be the start of a word (มี.ค/มีความ).
        re.escape(f) + ("" if f not in abbrs or f.endswith(".") else f"(?!{_THAI_LETTER})")
        for f in sorted(month_of, key=len, reverse=True)
    ]

    cues: dict[str, list[str]] = {}
    for row in read_tsv("dates_cues.tsv"):
        cues.setdefault(row["kind"], []).append(row["cue"])
    era = _alt(cues["era_be"] + cues["era_ce"])
    year_word = _alt(cues["year_word"])

    date_re = re.compile(
        # A day range (15-16 ธันวาคม) counts from its first day.
        rf"(?<!{_DIGIT})(?P<d1>{_DIGIT}{{1,2}})(?:\s*[-–]\s*{_DIGIT}{{1,2}})?"
        rf"\s*(?P<month>{'|'.join(month_forms)})"
        rf"(?:(?:\s*(?:{year_word}))?(?:\s*(?P<era>{era}))?\s*"
        rf"(?P<year>{_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT}))?"
    )
    # What may stand right before the day number (matched against the preceding text).
    day_word = (
        rf"{_alt(cues['day_noun'])}\s*(?:(?P<wd>{_alt(cues['weekday'])})\s*)?"
        rf"{_alt(cues['day_ordinal'])}"
    )
    before = re.compile(
        rf"(?:(?P<doc>{_alt(cues['document_before'])})|(?P<period>{_alt(cues['period_before'])}))?"
        rf"\s*(?:(?P<lead>{_alt(cues['event_lead'])})\s*)?"
        rf"(?:(?P<tod>{_alt(cues['time_of_day'])})\s*)?"
        rf"(?:(?P<dayword>{day_word}))?\s*$"
    )
    after = re.compile(rf"\s*(?:{_alt(cues['event_after'])})\s*\S")
    year = re.compile(
        rf"(?:(?P<target>{_alt(cues['year_target'])})\s*)?"
        rf"(?:(?:{year_word})\s*(?:(?P<era1>{era})\s*)?|(?P<era2>{era})\s*)"
        rf"(?P<year>{_DIGIT}{{4}})(?!{_DIGIT})(?!\s*[-–]\s*{_DIGIT})"
    )
    be_eras = frozenset(re.sub(r"\s+", "", c) for c in cues["era_be"])
    return _Patterns(date_re, month_of, frozenset(abbrs), before, after, year, be_eras)


def _year_value(raw: str, era: str | None, abbreviated: bool, be_eras: frozenset[str]) -> int | None:
    """The CE year a year field denotes, or None when it is not a plausible year."""
    y = int(arabic_digits(raw))
    is_be = era is not None and re.sub(r"\s+", "", era) in be_eras
    if len(raw) == 2:
        # Two-digit years are a Thai BE shorthand (ธ.ค. 67); elsewhere they are counts.
        if not (abbreviated or era):
            return None
        y += 2500 if (is_be or era is None) else 2000
    y = be_to_ce(y)
    return y if YEAR_RANGE[0] <= y <= YEAR_RANGE[1] else None


def _cue(text: str, start: int, end: int, p: _Patterns) -> str | None:
    """What introduces the date phrase at ``text[start:end]``."""
    before = text[max(0, start - 40):start]
    m = p.before.search(before)
    ctx = before[: m.start()] if m and m.group(0).strip() else before
    if m and m.group("doc") and m.group("dayword"):
        return "document"
    if _DOC_CODE_BEFORE.search(ctx):
        return "document"
    if m and m.group("period"):
        return "period"
    if m and (m.group("lead") or m.group("tod") or m.group("wd")):
        return "event"
    if p.after.match(text, end):
        return "event"
    return None


def find_dates(text: str, default_year: int | None = None) -> list[DateMention]:
    """Day–month(–year) phrases in ``text``, in order of position.

    A phrase without a year gets ``default_year`` (CE or BE) when given, else ``date=None``.
    Impossible dates (31 เมษายน) are skipped.
    """
    p = _patterns()
    out: list[DateMention] = []
    for m in p.date.finditer(text):
        month_form = m.group("month")
        month = p.month_of[month_form]
        day = int(arabic_digits(m.group("d1")))
        year = None
        end = m.end("month")
        if m.group("year"):
            year = _year_value(m.group("year"), m.group("era"),
                               month_form in p.abbreviations, p.be_eras)
            if year is not None:
                end = m.end()
        stated = year is not None
        if year is None and default_year is not None:
            year = be_to_ce(default_year)
        if not 1 <= day <= calendar.monthrange(2024, month)[1]:   # 2024: allow 29 Feb
            continue
        d = _make_date(year, month, day) if year is not None else None
        if year is not None and d is None:
            continue
        start = m.start()
        out.append(DateMention(start, end, d, text[start:end], stated, day, month,
                               _cue(text, start, end, p)))
    return out


def year_mentions(text: str) -> list[tuple[int, int]]:
    """``(offset, CE year)`` of years the text names (ในปี 2567, พ.ศ. 2567, ปี 2024).

    Target years (ถึงปี 2030, ภายในปี 2568) and ranges (ปี 2025-2028) are left out: they
    say nothing about when the article was written.
    """
    out = []
    for m in _patterns().year.finditer(text):
        if m.group("target"):
            continue
        y = be_to_ce(int(arabic_digits(m.group("year"))))
        if YEAR_RANGE[0] <= y <= YEAR_RANGE[1]:
            out.append((m.start("year"), y))
    return out


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def _infer_year(text: str, mention: DateMention, published: date | None,
                mentions: list[DateMention]) -> int | None:
    if published is not None:
        # The event happened on or before the page's date line.
        if (mention.month, mention.day) > (published.month, published.day):
            return published.year - 1
        return published.year
    years = year_mentions(text) + [
        (m.start, m.date.year) for m in mentions
        if m.year_stated and m.date and m.cue not in ("document", "period")
    ]
    if not years:
        return None
    line = _line_of(text, mention.start)
    same_line = [(abs(pos - mention.start), y) for pos, y in years if _line_of(text, pos) == line]
    if same_line:
        return min(same_line)[1]
    counts = Counter(y for _, y in years)
    return max(counts, key=lambda y: (counts[y], y))


def event_date(text: str, published: date | None = None) -> date | None:
    """The date of the event the article reports, or None.

    The first date phrase with an event cue (เมื่อ…วันที่, เช้าวันที่, วันที่ N ณ/ที่ …) in the
    first lines, else the first date phrase of the lead; document dates (ลงวันที่) and
    periods (ตั้งแต่วันที่) never count. A missing year comes from ``published`` (the year
    before if the day would fall after it), else from the years the article mentions:
    the nearest one on the same line, else the most frequent (latest on a tie).
    """
    mentions = find_dates(text)
    usable = [m for m in mentions if m.cue not in ("document", "period")]
    chosen = next((m for m in usable if m.cue == "event"
                   and _line_of(text, m.start) < EVENT_CUE_LINES), None)
    if chosen is None:
        chosen = next((m for m in usable if _line_of(text, m.start) < LEAD_LINES), None)
    if chosen is None:
        return None
    if chosen.date is not None:
        return chosen.date
    year = _infer_year(text, chosen, published, mentions)
    return _make_date(year, chosen.month, chosen.day) if year is not None else None
