"""Vietnamese provinces and the bodies every province has.

A province is named by a knowledge-base spelling or, for a spelling the knowledge base does
not list, by the phonetic key of its syllables (บิ่ญถ่วน, บินห์ถ่วน and Bình Thuận share one),
so a new transliteration needs no new row. Its bodies are named by a head (คณะกรรมการพรรค,
คณะกรรมการประชาชน, สภาประชาชน …), a level word (จังหวัด, นคร, เมือง) and the province; a body
whose head and level word come without a province (คณะกรรมการพรรคจังหวัด) is marked ``generic``
and belongs to the province its context names (``assign_provinces``).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from .. import kb, names
from ..kb import BodyType, Entry, Sector
from ..lexicon import longest_alternation, read_tsv, words_by_kind
from ..model import Kind, Mention
from .text import Boundaries, is_thai

__all__ = ["province_at", "province_mentions", "body_mentions", "chapter_mentions", "assign_provinces"]

_SP = "[ \u00a0]?"
_GENERIC_REACH = 80     # characters ahead in which a title chain may still name the province


def _grammar() -> dict[str, tuple[str, ...]]:
    return words_by_kind("province_grammar.tsv", "word")


@cache
def _levels() -> re.Pattern:
    """A level word (จังหวัด …), after an optional connector (ประจำ, ของ …) and qualifier."""
    g = _grammar()
    alt = lambda ws: "|".join(map(re.escape, sorted(ws, key=len, reverse=True)))  # noqa: E731
    return re.compile(rf"{_SP}(?:(?:{alt(g['connector'])}){_SP})?(?:(?:{alt(g['ordinal'])}){_SP}[0-9๐-๙]+{_SP})?"
                      rf"(?P<level>{alt(g['level'])})?{_SP}")


@cache
def _province_regex() -> re.Pattern:
    """Every knowledge-base spelling of a province name, spaces allowed between letters."""
    return re.compile(longest_alternation(_province_by_form(), joint=_SP))


@cache
def _province_by_form() -> dict[str, Entry]:
    """Province names by Thai spelling, also without a level word the spelling starts with
    (โฮจิมินห์ of นครโฮจิมินห์: in a body's name the grammar has read the level word already)."""
    levels = _grammar()["level"]
    out: dict[str, Entry] = {}
    for p in kb.provinces():
        for form in p.thai:
            out.setdefault(form.replace(" ", ""), p)
            for level in levels:
                if form.startswith(level) and len(form) > len(level) + 2:
                    out.setdefault(form[len(level):].replace(" ", ""), p)
    return out


_VI_LEVEL = re.compile(r"^(?:Thành phố|Tỉnh|Thủ đô)\s+")


@dataclass(frozen=True)
class _Keyed:
    entry: Entry
    keys: tuple[frozenset[str], ...]


@cache
def _province_keys() -> dict[int, tuple[_Keyed, ...]]:
    """Provinces by syllable count, each syllable as its set of phonetic keys."""
    out: dict[int, list[_Keyed]] = {}
    for p in kb.provinces():
        if not p.vietnamese:
            continue
        keys = tuple(frozenset(names.syllable_keys(s, accented=True)) for s in _VI_LEVEL.sub("", p.vietnamese).split())
        if len(keys) >= 2 and all(keys):
            out.setdefault(len(keys), []).append(_Keyed(p, keys))
    return {n: tuple(v) for n, v in out.items()}


def _syllable_ends(text: str, pos: int) -> list[int]:
    """End offsets of the next (up to four) syllables of the Thai run at ``pos``; one space may
    stand between two syllables (บิ่ญ ถ่วน)."""
    ends: list[int] = []
    p = pos
    while len(ends) < 4 and p < len(text):
        run = re.match(r"[\u0E01-\u0E4E]+", text[p:p + 24])
        if not run:
            break
        syllables = names.split_syllables(run.group())
        if not syllables:
            break       # a mark alone (ฯ) is no syllable
        p += len(syllables[0])
        ends.append(p)
        if p < len(text) and text[p] == " " and p + 1 < len(text) and is_thai(text[p + 1]):
            if len(ends) >= 2:
                break   # a space after two syllables ends the name
            p += 1
    return ends


def _by_sound(text: str, pos: int) -> tuple[int, Entry] | None:
    ends = _syllable_ends(text, pos)
    for n in range(len(ends), 1, -1):
        span = text[pos:ends[n - 1]]
        syllables = names.split_syllables(span)
        # after a place's head word a syllable may also be a Thai word (แท้งฮวา), as long as it
        # has a Vietnamese reading
        if len(syllables) != n or not all(names.plausible_syllable(x) or names.in_lexicon(x) for x in syllables):
            continue
        keys = [frozenset(names.syllable_keys(s)) for s in syllables]
        hits = {k.entry.ref: k.entry for k in _province_keys().get(n, ())
                if all(a & b for a, b in zip(keys, k.keys))}
        if len(hits) == 1:
            return ends[n - 1], next(iter(hits.values()))
    return None


def province_at(text: str, pos: int) -> tuple[int, Entry] | None:
    """(end, province) of a province name starting at ``pos``: a listed spelling, else one
    whose syllables sound like exactly one province's."""
    m = _province_regex().match(text, pos)
    if m and (m.end() >= len(text) or not _is_mark(text[m.end()])):
        return m.end(), _province_by_form()[m.group().replace(" ", "").replace("\u00a0", "")]
    if pos < len(text) and is_thai(text[pos]):
        return _by_sound(text, pos)
    return None


def _is_mark(ch: str) -> bool:
    return "\u0E30" <= ch <= "\u0E3A" or "\u0E47" <= ch <= "\u0E4E"


@cache
def _place_heads() -> re.Pattern:
    heads = [r["head"] for r in read_tsv("place_heads.tsv") if r["type"] in ("Province", "City")]
    return re.compile("|".join(map(re.escape, sorted(set(heads), key=len, reverse=True))))


_CAPITAL_NAME = re.compile(r"[\u0E01-\u0E4E]{2,20}(?=[\s,.()]|$)")


def province_mentions(text: str, bounds: Boundaries, taken: list[tuple[int, int]]) -> list[Mention]:
    """Places named by a head word and a province spelled in a way no row lists (จังหวัดบินถ่วน),
    and capitals no row lists (กรุง + a name: only capitals take that head)."""
    out = []
    capital = _grammar()["capital"]
    for m in _place_heads().finditer(text):
        if not bounds.at(m.start()) or any(s <= m.start() < e for s, e in taken):
            continue
        pos = m.end() + (text[m.end():m.end() + 1] == " ")
        hit = _by_sound(text, pos)
        if hit:
            end, p = hit
            out.append(Mention(Kind.PLACE, m.start(), end, text[m.start():end], "th", ref=p.ref))
        elif m.group() in capital and (name := _CAPITAL_NAME.match(text, m.end())):
            out.append(Mention(Kind.PLACE, m.start(), name.end(), text[m.start():name.end()], "th",
                               attrs=(("subtype", "City"),)))
    return out


@cache
def _body_heads() -> dict[str, BodyType]:
    out: dict[str, BodyType] = {}
    for b in kb.body_types():
        for h in b.heads:
            out.setdefault(h, b)
    return out


@cache
def _body_regex() -> re.Pattern:
    return re.compile(longest_alternation(_body_heads(), joint=_SP))


@cache
def _department_regex() -> re.Pattern:
    """A department head (กรม, สำนักงาน …) and a sector (สาธารณสุข, แรงงาน ทหารผ่านศึก และกิจการสังคม …)."""
    heads = [r["word"] for r in read_tsv("province_grammar.tsv") if r["kind"] == "department"]
    sectors = {f: s for s in kb.sectors() for f in s.thai}
    return re.compile(f"(?:{longest_alternation(heads)}){_SP}(?P<sector>{longest_alternation(sectors, joint=_SP)})")


@cache
def _sector_by_form() -> dict[str, Sector]:
    return {f.replace(" ", ""): s for s in kb.sectors() for f in s.thai}


def _tail(text: str, pos: int) -> tuple[int, str | None, Entry | None]:
    """After a body's head: (end, level word, province) of connector, level and province."""
    m = _levels().match(text, pos)
    level = m.group("level") if m else None
    after = m.end() if m else pos
    hit = province_at(text, after)
    if hit:
        return hit[0], level, hit[1]
    end = m.end("level") if level else pos
    return end, level, None


def body_mentions(text: str, bounds: Boundaries) -> list[Mention]:
    """Provincial bodies and departments; without a province name, ``generic`` ones."""
    out = []
    for m in _department_regex().finditer(text):
        if not bounds.at(m.start()):
            continue
        end, level, province = _tail(text, m.end())
        sector = _sector_by_form()[re.sub("[ \u00a0]", "", m.group("sector"))]
        if province:
            out.append(Mention(Kind.ORGANIZATION, m.start(), end, text[m.start():end], "th",
                               ref=kb.department_ref(province.ref, sector.id), attrs=(("subtype", "Department"),)))
        elif level:
            out.append(Mention(Kind.ORGANIZATION, m.start(), end, text[m.start():end], "th",
                               attrs=(("body", f"dept-{sector.id}"), ("generic", "1"), ("level", level),
                                      ("subtype", "Department"))))
    for m in _body_regex().finditer(text):
        if not bounds.at(m.start()):
            continue
        body = _body_heads()[re.sub("[ \u00a0]", "", m.group())]
        end, level, province = _tail(text, m.end())
        if province:
            out.append(Mention(Kind.ORGANIZATION, m.start(), end, text[m.start():end], "th",
                               ref=kb.body_ref(province.ref, body.id), attrs=(("subtype", body.subtype),)))
        elif level and body.bare and bounds.at(end):
            out.append(Mention(Kind.ORGANIZATION, m.start(), end, text[m.start():end], "th",
                               attrs=(("body", body.id), ("generic", "1"), ("level", level),
                                      ("subtype", body.subtype))))
    return out


def chapter_mentions(text: str, known: list[Mention]) -> list[Mention]:
    """A national mass organization or association followed by a province is its chapter
    there (สมาคมมิตรภาพเวียดนาม-ไทย นครเกิ่นเทอ)."""
    out = []
    for m in known:
        e = kb.entry(m.ref) if m.kind is Kind.ORGANIZATION and m.ref else None
        if e is None or not kb.has_chapters(e):
            continue
        end, level, province = _tail(text, m.end)
        if province and (level or text[m.end:m.end + 1] == " "):
            out.append(Mention(Kind.ORGANIZATION, m.start, end, text[m.start:end], m.lang,
                               ref=kb.chapter_ref(province.ref, e.ref), attrs=(("subtype", e.subtype),)))
    return out


@cache
def _province_refs() -> frozenset[str]:
    return frozenset(p.ref for p in kb.provinces())


@cache
def _level_kinds() -> dict[str, str]:
    """Level word → the kind of unit it names (จังหวัด a Province, นคร a City)."""
    return {r["word"]: r["place_type"] for r in read_tsv("province_grammar.tsv") if r["kind"] == "level"}


def _province_of(m: Mention) -> str | None:
    if m.kind is Kind.PLACE and m.ref in _province_refs():
        return m.ref
    if m.kind is Kind.ORGANIZATION and m.ref and (e := kb.entry(m.ref)) and e.province:
        return e.province
    return None


def assign_provinces(mentions: list[Mention], sentence_of) -> list[Mention]:
    """Give each generic body the province its context names: one named ahead of it in the
    same title chain (no person between), else the last one named before it, else the one the
    article names most. A generic body no province reaches is dropped."""
    all_named = [(m.start, p) for m in mentions if (p := _province_of(m))]
    persons = sorted(m.start for m in mentions if m.kind is Kind.PERSON)
    out = []
    for m in mentions:
        body = m.attr("body")
        if not m.attr("generic") or not body:
            out.append(m)
            continue
        # คณะกรรมการประชาชนจังหวัด is a province's, never a city's (the venue, กรุงฮานอย)
        kind = _level_kinds().get(m.attr("level") or "", "")
        named = [(s, p) for s, p in all_named if not kind or kb.entry(p).subtype == kind]
        starts = [s for s, _ in named]
        counts: dict[str, int] = {}
        for _, p in named:
            counts[p] = counts.get(p, 0) + 1
        most = max(counts, key=lambda p: (counts[p], p)) if counts else None
        i = bisect_left(starts, m.end)
        ahead = named[i] if i < len(named) else None
        province = None
        if (ahead and ahead[0] - m.end <= _GENERIC_REACH and sentence_of(ahead[0]) == sentence_of(m.start)
                and not any(m.end <= s < ahead[0] for s in persons)):
            province = ahead[1]
        elif (j := bisect_left(starts, m.start)) > 0:
            province = named[j - 1][1]
        else:
            province = most
        if province is None:
            continue
        ref = kb.department_ref(province, body[5:]) if body.startswith("dept-") else kb.body_ref(province, body)
        out.append(Mention(m.kind, m.start, m.end, m.text, m.lang, ref=ref,
                           attrs=tuple(kv for kv in m.attrs if kv[0] not in ("body", "generic"))))
    return out
