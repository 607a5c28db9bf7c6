"""Persons: Vietnamese names in Thai script and in Latin script, Thai names, and photo credits.

A Thai-script Vietnamese name is tried where a name is expected (after a title, an honorific,
or at a Vietnamese surname on a word boundary); ``names.match_name`` decides how far it runs.
Where a name is expected but none is Vietnamese, a Thai name is read: a given name and a
family name (ประยุทธ์ จันทร์โอชา), with a lineage (ณ พัทลุง) when one follows. A bare given name
after an honorific (นายเหงีย, นาย Dung) is kept as a ``given_name`` mention; the resolver joins
it to the full name it abbreviates in the same article, or drops it. Each name carries the
``nationality`` its form shows (``vn`` for a Vietnamese name, ``th`` for a Thai one), and a
name the knowledge base knows takes its ref.
"""
from __future__ import annotations

import re
from functools import cache

from .. import names
from ..lexicon import read_tsv
from ..model import Credit, Kind, Mention
from ..script import LATIN, LATIN_LOWER, LATIN_UPPER, fold, language_of
from .. import kb
from ..kb import entries
from .text import Boundaries, is_thai
from .orgs import head_of
from .titles import Title, honorific_regex, title_regex

__all__ = ["find_persons"]

_LATIN_WORD = f"[{LATIN_UPPER}][{LATIN_LOWER}]+"
# the first capital not after a letter, written capital first (re skips ahead to a first
# character, never to a look-behind)
_LATIN_NAME = re.compile(rf"[{LATIN_UPPER}](?<![{LATIN}][{LATIN_UPPER}])[{LATIN_LOWER}]+"
                         rf"(?: {_LATIN_WORD}){{1,3}}(?![{LATIN}])")
_SHORT_NAME = re.compile(r"[\u0E01-\u0E2E\u0E40-\u0E44][\u0E00-\u0E7F]{1,7}")
_NAME_START = re.compile(f"[\u0E01-\u0E2E\u0E40-\u0E44{LATIN_UPPER}]")   # a consonant or leading vowel


@cache
def _latin_surnames() -> frozenset[str]:
    rows = read_tsv("vn_surnames.tsv")
    out = set()
    for r in rows:
        for col in ("latin", "vietnamese"):
            for v in (r.get(col) or "").split("|"):
                if v.strip():
                    out.add(fold(v.strip()))
    return frozenset(out)


@cache
def _outlet_words() -> tuple[str, ...]:
    return tuple(r["word"] for r in read_tsv("latin_org_words.tsv") if r["kind"] == "outlet")


@cache
def _place_heads() -> tuple[str, ...]:
    """Head words of places below a country (จังหวัด, เขต, แขวง …) and of named features
    (หมู่บ้าน, ด่านชายแดน …)."""
    heads = {r["head"] for r in read_tsv("place_heads.tsv") if r["type"] != "Country"}
    heads |= {r["head"] for r in read_tsv("feature_heads.tsv")}
    return tuple(sorted(heads, key=len, reverse=True))


def _after_place_head(text: str, start: int, bounds: Boundaries) -> bool:
    """Whether a place's head word stands as a word of its own right before ``start``."""
    before = text[:start].rstrip()
    head = next((h for h in _place_heads() if before.endswith(h)), None)
    return head is not None and bounds.at(len(before) - len(head))


@cache
def _latin_stop_words() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("latin_org_words.tsv"))


@cache
def _known_forms() -> frozenset[str]:
    return frozenset(f for e in entries().values() if e.kind is not Kind.PERSON for f in e.forms)


@cache
def _name_stop_words() -> tuple[str, ...]:
    return tuple(r["thai"] for r in read_tsv("vn_name_stopwords.tsv"))


def _latin_names(text: str) -> list[Mention]:
    out = []
    for m in _LATIN_NAME.finditer(text):
        words = m.group().split(" ")
        if fold(words[0]) not in _latin_surnames():
            continue
        # "Nguyen Manh Hung Company" is not a person; cut at the first organization word
        keep = []
        for w in words:
            if w in _latin_stop_words():
                break
            keep.append(w)
        if len(keep) < 2 or len(keep) < len(words):
            continue
        end = m.start() + len(" ".join(keep))
        attrs = [("nationality", "vn")]
        # นายดีง ลา ทัง (Đinh La Thăng): the Latin name glosses the Thai one before it
        if text[m.start() - 1:m.start()] == "(" and (thai := _thai_before(text, m.start() - 1)):
            attrs.append(("alias_of", thai))
        out.append(Mention(Kind.PERSON, m.start(), end, text[m.start():end], language_of(text[m.start():end]),
                           attrs=tuple(sorted(attrs))))
    return out


def _thai_before(text: str, paren: int) -> str | None:
    """The Thai-script name that ends right before an opening parenthesis, if one does."""
    pos = paren - (text[paren - 1:paren] == " ")
    for start in range(max(0, pos - 40), pos):
        if names.match_name(text, start) == pos:
            return text[start:pos]
    return None


_GLOSS = re.compile(rf"([\u0E01-\u0E4E]+(?: [\u0E01-\u0E4E]+){{0,3}}) ?\(([{LATIN_UPPER}][{LATIN_LOWER}']+"
                    rf"(?: [{LATIN_UPPER}][{LATIN_LOWER}']+){{1,3}})\)")


def _glossed_names(text: str, honorifics: list[re.Match], taken: list[tuple[int, int]]) -> list[Mention]:
    """``นายเกา สมบัติ (Keo Sambath)``: after an honorific, a Thai-script name glossed in Latin
    is a person of any nation, and the gloss his Latin name."""
    out = []
    for h in honorifics:
        pos = h.end() + (text[h.end():h.end() + 1] == " ")
        m = _GLOSS.match(text, pos)
        if not m or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        (ts, te), (ls, le) = m.span(1), m.span(2)
        out.append(Mention(Kind.PERSON, ts, te, text[ts:te], "th"))
        out.append(Mention(Kind.PERSON, ls, le, text[ls:le], language_of(text[ls:le]),
                           attrs=(("alias_of", text[ts:te]),)))
    return out


_LATIN_GIVEN = re.compile(rf"[{LATIN_UPPER}][{LATIN_LOWER}]{{1,7}}(?![{LATIN}]| [{LATIN_UPPER}])")


_LATIN_FULL = re.compile(rf"[{LATIN_UPPER}][{LATIN_LOWER}'\-]+(?: [{LATIN_UPPER}][{LATIN_LOWER}'\-]+){{1,3}}(?![{LATIN}])")


def _latin_given_names(text: str, honorifics: list[re.Match], taken: list[tuple[int, int]]) -> list[Mention]:
    """``นาย Dung``: a single Latin given name after a Thai honorific; ``นาย Rafael Mendoza``:
    a whole Latin name there is a person of any nation (no word of it names an organization)."""
    out = []
    for h in honorifics:
        pos = h.end() + (text[h.end():h.end() + 1] == " ")
        full = _LATIN_FULL.match(text, pos)
        if (full and not any(s <= full.start() < e for s, e in taken)
                and not any(w in _latin_stop_words() for w in full.group().split(" "))):
            out.append(Mention(Kind.PERSON, full.start(), full.end(), full.group(), language_of(full.group())))
            continue
        m = _LATIN_GIVEN.match(text, pos)
        if m and not any(s <= m.start() < e for s, e in taken) and names.syllable_keys(m.group()):
            out.append(Mention(Kind.PERSON, m.start(), m.end(), m.group(), language_of(m.group()),
                               attrs=(("given_name", "1"),)))
    return out


@cache
def _thai_given_names() -> frozenset[str]:
    from pythainlp.corpus import thai_female_names, thai_male_names
    return frozenset(thai_male_names()) | frozenset(thai_female_names())


@cache
def _thai_name_stops() -> tuple[str, ...]:
    return tuple(r["word"] for r in read_tsv("thai_name_stops.tsv"))


_THAI_TOKEN = re.compile(r"[\u0E01-\u0E4E]{2,24}")
_LINEAGE = re.compile(r" ณ [\u0E01-\u0E4E]{2,16}")


def _second_honorific(text: str, given: re.Match) -> bool:
    """An honorific alone, or glued to a Vietnamese surname (ฯพณฯ นายฝ่าม…), is no given name
    (คุณากร, a given name that opens like คุณ, is one)."""
    h = honorific_regex().match(given.group())
    return h is not None and (h.end() == len(given.group()) or names.surname_at(text, given.start() + h.end()) is not None)


_GIVEN_PIECES = 3   # newmm cuts a transliterated given name (โม|ฮา|มัด) in up to three pieces


def _thai_personal_name(text: str, start: int, bounds: Boundaries) -> int | None:
    """End of a Thai name (given name, space, family name) at ``start``, or None.

    The given name is a known Thai given name, or a word the dictionary does not hold; the
    family name is one token that is no title; a lineage (ณ พัทลุง) belongs to the name.
    """
    given = _THAI_TOKEN.match(text, start)
    if (not given or text.startswith(_thai_name_stops(), start) or names.surname_at(text, start)
            or _second_honorific(text, given)):
        return None
    if given.end() >= len(text) or text[given.end()] != " ":
        return None
    if not _name_word(given.group(), _thai_given_names(), bounds, start, _GIVEN_PIECES) or (
            given.group() not in _thai_given_names() and given.group().startswith(_place_words())):
        return None   # a province is never a person (จังหวัดนครพนม …)
    family = _THAI_TOKEN.match(text, given.end() + 1)
    if not family or title_regex().match(text, family.start()) or title_regex().match(text, start):
        return None
    end = family.end()
    title = find_title_in(text, family.start(), end)
    if title is not None:
        end = title
    word = text[family.start():end]
    if end - family.start() < 2 or not (_family_name(word, bounds, family.start())
                                        or _word_as_family_name(text, word, given.group(), end)):
        return None
    if (lineage := _LINEAGE.match(text, end)):
        end = lineage.end()
    return end


def _family_name(word: str, bounds: Boundaries, start: int) -> bool:
    """A Thai family name: a listed one, or a word the dictionary does not hold and that holds
    is short or holds no function word. Family names are compounds of nouns (ศรีสุขวัฒนา,
    นริพทะพันธุ์, ทองดี); a phrase glued after a given name (ขอบเขตใหม่ของความร่วมมือ) is longer
    and has function words (ของ, ความ) in it."""
    if word in _thai_family_names():
        return True
    if word in _thai_words() or len(word) > 24:
        return False
    end = start + len(word)
    if end < len(bounds.text) and is_thai(bounds.text[end]):
        return False    # the run goes on: no whole word
    pieces = bounds.tokens(start, end)
    if len(pieces) <= 2:
        return True
    if any(p in _function_words() for p in pieces):
        return False
    # pieces no dictionary holds (นริพทะพันธุ์), or a short compound of dictionary words (ศรีสุขวัฒนา)
    return any(p not in _thai_words() for p in pieces) or len(word) <= _COMPOUND_NAME


def _word_as_family_name(text: str, word: str, given: str, end: int) -> bool:
    """A family name that is one dictionary word (ห่วงใย, บุญมา) after a listed given name, standing
    as a word of its own: no function word and no word that follows names (กล่าว, ได้)."""
    return (given in _thai_given_names() and word in _thai_words() and word not in _function_words()
            and not word.startswith(_thai_name_stops()) and (end >= len(text) or not is_thai(text[end])))


_COMPOUND_NAME = 12     # a family name of dictionary words (ศรีสุขวัฒนา) is short; a glued clause is not


@cache
def _function_words() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords
    return frozenset(thai_stopwords())


def _name_word(word: str, listed: frozenset[str], bounds: Boundaries, start: int, pieces: int) -> bool:
    """A Thai name word: a listed name, or one word the dictionary does not hold that the
    tokenizer cuts into at most ``pieces`` (a phrase of everyday words is no name)."""
    if word in listed:
        return True
    tokens = bounds.tokens(start, start + len(word))
    # ร่วมกับ|นาง|เหวียน: an honorific inside is a phrase before a name, not a name
    return (word not in _thai_words() and len(word) <= 18 and len(tokens) <= pieces
            and not honorific_regex().search(word, 1))


@cache
def _place_names() -> frozenset[str]:
    return frozenset(f.replace(" ", "") for e in entries().values() if e.kind is Kind.PLACE for f in e.thai)


@cache
def _place_words() -> tuple[str, ...]:
    """Place names and the head words that open them (จังหวัด, นคร …): no Thai given name starts so."""
    words = {f for e in entries().values() if e.kind is Kind.PLACE for f in e.thai}
    words |= {r["head"] for r in read_tsv("place_heads.tsv")}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _thai_words() -> frozenset[str]:
    from pythainlp.corpus import thai_words
    return frozenset(thai_words())


@cache
def _thai_family_names() -> frozenset[str]:
    from pythainlp.corpus import thai_family_names
    return frozenset(thai_family_names())


def find_title_in(text: str, start: int, end: int) -> int | None:
    """Where a title begins inside ``text[start:end]`` (a name glued to a title), if anywhere."""
    for t in title_regex().finditer(text, start + 2, end):
        return t.start()
    return None


def _honorifics(text: str, bounds: Boundaries) -> list[re.Match]:
    """Honorifics that stand as words (ท่าน inside เท่านั้น is none) before a name-like start."""
    return [h for h in honorific_regex().finditer(text)
            if bounds.at(h.start()) and _NAME_START.match(text, h.end() + (text[h.end():h.end() + 1] == " "))]


def _expected_name_starts(text: str, titles: list[Title], honorifics: list[re.Match]) -> set[int]:
    starts = set()
    for end in [t.end for t in titles] + [h.end() for h in honorifics]:
        while end < len(text) and text[end] in " \u00a0":
            end += 1
        starts.add(end)
    return starts


def _thai_names(text: str, bounds: Boundaries, titles: list[Title], honorifics: list[re.Match],
                taken: list[tuple[int, int]]) -> list[Mention]:
    """Vietnamese names in Thai script, and Thai names where a name is expected (outside the
    ``taken`` spans of organizations and places)."""
    out = []
    tried = set()
    surnames = names.surname_offsets(text, bounds.cuts)
    expected = _expected_name_starts(text, titles, honorifics)
    candidates = sorted(expected | surnames)
    next_free = 0
    for start in candidates:
        if start < next_free or start in tried or start >= len(text) or not is_thai(text[start]):
            continue
        tried.add(start)
        if not bounds.at(start) and start not in expected:
            continue
        end = names.match_name(text, start, expected=start in expected)
        nationality = "vn"
        if end is None and start in expected:
            end, nationality = _thai_personal_name(text, start, bounds), "th"
        if end is None or any(s < end and start < e for s, e in taken):
            continue
        if text[start:end].replace(" ", "") in _place_names() or _after_place_head(text, start, bounds):
            continue    # กว๋างจิ, แขวงซวนเฮือง: a place's name reads as a person's syllables, but is none
        out.append(Mention(Kind.PERSON, start, end, text[start:end], "th", attrs=(("nationality", nationality),)))
        next_free = end
    return out


def _short_names(text: str, honorifics: list[re.Match], taken: list[tuple[int, int]]) -> list[Mention]:
    """``นายเหงีย``: a single given name after an honorific, to be joined to a full name."""
    out = []
    for h in honorifics:
        m = _SHORT_NAME.match(text, h.end())
        if not m or any(s <= m.start() < e for s, e in taken):
            continue
        word = m.group()
        # นายจุงกล่าวว่า: one syllable, then a verb glued to it
        given = next((word[:n] for n in range(len(word), 1, -1)
                      if (n == len(word) or word[n:].startswith(_name_stop_words()))
                      and len(names.split_syllables(word[:n])) == 1), None)
        if given is None or given in _thai_name_stops() or not names.plausible_syllable(given):
            continue
        out.append(Mention(Kind.PERSON, m.start(), m.start() + len(given), given, "th",
                           attrs=(("given_name", "1"),)))
    return out


_NAME_CHARACTERS = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .'\-\u0E31-\u0E3A\u0E47-\u0E4E])*")   # letters, marks, spaces, . ' -


def _credits(credits: tuple[Credit, ...]) -> list[Mention]:
    """Photographers; a credit to an agency (ภาพ: VNA) names no person."""
    out = []
    for c in credits:
        if (c.name.isupper() or c.name in _known_forms() or head_of(c.name) or c.name.startswith(_outlet_words())
                or not _NAME_CHARACTERS.fullmatch(c.name)):
            continue   # ภาพ: VNA, ภาพ: กรมสารนิเทศ, ภาพ: Báo Lâm Đồng, ภาพ: Vietnam+: a credit to a body names no person
        lang = "th" if any(is_thai(ch) for ch in c.name) else "en"
        attrs = [("credit", "1")] + ([("agency", c.agency)] if c.agency else [])
        out.append(Mention(Kind.PERSON, c.start, c.end, c.name, lang, attrs=tuple(sorted(attrs))))
    return out


def find_persons(text: str, bounds: Boundaries, titles: list[Title], credits: tuple[Credit, ...],
                 taken: list[tuple[int, int]]) -> list[Mention]:
    """Person mentions; spans in ``taken`` (organizations, places) are left alone."""
    credit_spans = [(c.start, c.end) for c in credits]
    honorifics = _honorifics(text, bounds)
    found = _credits(credits)
    for m in _latin_names(text) + _thai_names(text, bounds, titles, honorifics, taken):
        if any(s < m.end and m.start < e for s, e in credit_spans):
            continue
        found.append(m)
    found = [_to_the_gloss(text, m, _name_stop_words()) for m in found]
    spans = [(m.start, m.end) for m in found] + list(taken)
    found += _glossed_names(text, honorifics, spans)
    spans = [(m.start, m.end) for m in found] + list(taken)
    found += _short_names(text, honorifics, spans) + _latin_given_names(text, honorifics, spans)
    return [_known(m) for m in found]


_SPACED_PIECE_AND_GLOSS = re.compile(rf" ([\u0E01-\u0E4E]{{1,10}}) ?\(({_LATIN_NAME.pattern})\)")


def _to_the_gloss(text: str, m: Mention, stop_words: tuple[str, ...]) -> Mention:
    """A Vietnamese name that stops one spaced syllable short of its Latin gloss (เหงียน จี๊ สวุง
    (Nguyễn Chí Dũng), the last syllable in a spelling no rule reads) runs to the gloss: the
    gloss counts the syllables."""
    if m.lang != "th" or m.attr("nationality") != "vn" or not (g := _SPACED_PIECE_AND_GLOSS.match(text, m.end)):
        return m
    piece, latin = g.group(1), g.group(2).split(" ")
    if (piece in stop_words or fold(latin[0]) not in _latin_surnames()
            or len(latin) != len(m.text.split(" ")) + 1 or " " not in m.text):
        return m
    end = g.start(1) + len(piece)
    return Mention(m.kind, m.start, end, text[m.start:end], m.lang, m.ref, m.attrs)


def _known(m: Mention) -> Mention:
    """A name the knowledge base knows takes its ref and its holder's nationality."""
    if m.ref or m.attr("credit") or m.attr("given_name"):
        return m
    e = kb.find_person(m.attr("alias_of") or m.text)
    if e is None:
        return m
    attrs = dict(m.attrs)
    attrs["nationality"] = e.country or attrs.get("nationality", "")
    return Mention(m.kind, m.start, m.end, m.text, m.lang, ref=e.ref, attrs=tuple(sorted(attrs.items())))
