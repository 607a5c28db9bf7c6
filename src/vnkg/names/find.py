"""Finding a Vietnamese name in running Thai text: where it starts, how far it runs."""
from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Iterable, Sequence

from vnkg.lexicon import longest_alternation, read_tsv

from .syllables import _readings, _thai_rule_keys, split_syllables
from .tables import (
    _HO, _LOW_SONORANTS, _MAITAIKHU, _MAX_NAME, _MAX_SYL, _NOT_A_START, _OWN_VOWEL, _PRE_VOWELS,
    _THAI, _THAI_RUN, _TONES, _VOWEL_LETTERS, _is_accented, _lexicon, _stopwords,
    _latin_rule_keys, _thai_dictionary, _unaccent, strip_honorifics,
)

# ======================================================================== finding names in text

def _thai_word(s: str) -> bool:
    return s in _thai_dictionary()[0]


def _known_here(piece: str) -> bool:
    """A lexicon syllable as written here: listed verbatim, or a tone variant that is no
    Thai word (ได่ may be Đại, ได้ is Thai)."""
    if piece in _lexicon().listed:
        return True
    return bool(_readings(piece)) and not _thai_word(piece)


def plausible_syllable(piece: str) -> bool:
    """Whether a Thai piece can be one Vietnamese syllable in running text: a lexicon
    spelling, or a Vietnamese-shaped spelling that is no Thai word.

    >>> plausible_syllable("ถ่วน"), plausible_syllable("กวาง"), plausible_syllable("สอบ")
    (True, True, False)
    """
    return _known_here(piece) or bool(_OWN_VOWEL.search(piece) and _thai_rule_keys(piece)
                                      and not _thai_word(piece))


def _boundary(text: str, j: int) -> bool:
    return j >= len(text) or text[j] not in _NOT_A_START


def _options(text: str, p: int, known_only: bool = False) -> list[tuple[int, bool]]:
    """(end, known) of the Vietnamese syllables that can start at ``p``, longest first
    (``known_only``: lexicon syllables only)."""
    run = _THAI_RUN.match(text, p)
    if not run or text[p] in _NOT_A_START:
        return []
    out = []
    for j in range(min(run.end(), p + _MAX_SYL), p, -1):
        if not _boundary(text, j):
            continue
        piece = text[p:j]
        known = _known_here(piece)
        # unknown syllables must look Vietnamese: a written vowel (no สค) and no Thai word
        if known or (not known_only and _OWN_VOWEL.search(piece) and _thai_rule_keys(piece)
                     and not _thai_word(piece)):
            out.append((j, known))
    return out


def _covered(span: str) -> bool:
    """Whether a Thai span is exactly a sequence of known Vietnamese syllables."""
    reach = {0}
    for i in range(len(span)):
        if i in reach:
            reach.update(j for j in range(i + 1, min(len(span), i + _MAX_SYL) + 1)
                         if _boundary(span, j) and _known_here(span[i:j]))
    return len(span) in reach


@lru_cache(maxsize=16384)
def _words_at(window: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(stop words, Thai words) that ``window`` starts with: a name is tried at the same
    offsets again and again (each syllable length, each candidate start)."""
    return tuple(_stopwords().prefixes(window)), tuple(_thai_dictionary()[1].prefixes(window))


def _blocked(text: str, p: int, j: int, *, first: bool = False) -> bool:
    """A syllable text[p:j] that is really the start of Thai: a stop word at p at least as
    long (กล่าว, ได้, วันที่, ฮานอย), or a Thai word running past j unless the syllable is
    a known one and known syllables explain the rest (เลขาธิการ over เล, ดังนั้น over ดัง,
    ลอง over ลอ, ไตร่ตรอง over ไตร่; but เวียด|นาม is two syllables). A name's
    first syllable may not start a longer Thai word whose rest is syllables too: เกาหลี, ตะวัน and
    โฮจิมินห์ (the city, far more often than the man) read as Vietnamese syllables but are Thai words."""
    stops, words = _words_at(text[p:p + 30])
    if any(len(w) >= j - p for w in stops):
        return True
    # a syllable straddling two Thai words: ยา|ข of ยา+ของ, กว่า|ก of กว่า+กลับ (a syllable
    # that is itself a Thai word, ฟาน, straddles nothing)
    # (a known syllable right before a stop word ends a name there: เค|วก in ดวานมิญเคว|กล่าว)
    ends_at_stop = _known_here(text[p:j]) and bool(_words_at(text[j:j + 30])[0])
    for w in [] if _thai_word(text[p:j]) or ends_at_stop else [*stops, *words]:
        if len(w) < j - p and _boundary(text, p + len(w)) and any(
                len(v) > j - p - len(w) for v in _words_at(text[p + len(w):p + 30])[1]):
            return True
    longer = [w for w in words if len(w) > j - p and _boundary(text, p + len(w))]
    if first:
        # a first syllable inside a Thai word is Thai (เกา|หลี, เลือ|ก), unless the next known
        # syllable runs past the word's end (เลห in เล|หง็อก: a spelling coincidence)
        return any(not _known_here(text[p:j]) or not _straddled(text, j, p + len(w)) for w in longer)
    return bool(longer) and (not _known_here(text[p:j]) or not _covered(text[j:p + max(map(len, longer))]))


def _straddled(text: str, j: int, end: int) -> bool:
    """Whether a known syllable starts at ``j`` and ends after ``end``."""
    return any(_boundary(text, k) and _known_here(text[j:k])
               for k in range(end + 1, min(len(text), j + _MAX_SYL) + 1))


def _accepted(text: str, p: int, surname: bool) -> list[tuple[int, bool]]:
    out = []
    for j, known in _options(text, p, known_only=surname):   # a surname is a lexicon syllable
        if surname and not any(r.surname for r in _readings(text[p:j])):
            continue
        if not _blocked(text, p, j, first=surname):
            out.append((j, known))
    return out


def _extend(text: str, start: int, end: int, n: int, known: int, tight: bool,
            max_syllables: int) -> tuple[int, int, int] | None:
    """Best (syllables, known given syllables, end) for a name whose last syllable so far is
    text[start:end]. Syllables written without spaces may run straight into Thai text
    (เหงียนมานห์หุ่งกล่าว); once glued, a space ends the name, except that a two-syllable
    glued run may take one known syllable standing alone after it (เหงียนมานห์ ดุง)."""
    best = None
    glued = end < len(text) and bool(_THAI.match(text[end]))
    # Thai glued after a name begins a Thai word (no cut inside one); and a last syllable that
    # is itself a Thai word (ลอง, มัก) ends a name only before a stop word (กวาง|เน้น, not ลองใช้)
    stops_after, words_after = _words_at(text[end:end + 30])
    ends_well = not glued or (bool(words_after) and (not _thai_word(text[start:end]) or bool(stops_after)))
    if n >= 2 and known >= 1 and ends_well:
        best = (n, known, end)
    if n >= max_syllables:
        return best
    last_alone = False
    if glued:
        p, tight = end, True
    elif end + 1 < len(text) and text[end] == " " and (not tight or n == 2):
        p, last_alone = end + 1, tight
    else:
        return best
    options = _accepted(text, p, surname=False)
    if not tight and (alone := _alone(text, p, after_middle=_middle_only(text[start:end]))):
        options.append((alone, False))
    for j, k in options:
        if last_alone and not (k and (j >= len(text) or not _THAI.match(text[j]))):
            continue
        got = _extend(text, p, j, n + 1, known + k, tight, max_syllables)
        if got and (best is None or got[:2] > best[:2]):
            best = got
    return best


_ALONE_AFTER = set(" ,.;:)\n\"\u201d'")


def _alone(text: str, p: int, after_middle: bool = False) -> int | None:
    """End of a syllable standing alone between spaces after a spaced syllable (เหงียน วัน หิว,
    โตน ทัต เคียม): such a piece belongs to the name even when it is also a Thai word, unless
    it is a stop word (และ …) or no Vietnamese spelling (the name still needs a known given
    syllable). After a middle name (Văn, Thị) a name
    must go on, so there a stop word with a Vietnamese reading is its last syllable too
    (เหวียน วัน ทั้ง)."""
    run = _THAI_RUN.match(text, p)
    if not run or run.end() - p > _MAX_SYL or (run.end() < len(text) and text[run.end()] not in _ALONE_AFTER):
        return None
    piece = run.group()
    stops, _ = _words_at(piece)
    if len(split_syllables(piece)) != 1:
        return None
    if piece in stops:
        return run.end() if (after_middle or piece in _given_alone()) and _readings(piece) else None
    return run.end() if _readings(piece) or _thai_rule_keys(piece) else None


@cache
def _given_alone() -> frozenset[str]:
    """Function words that, standing alone after a name's spaced syllables, are its given name (ทั้ง: Thắng)."""
    return frozenset(r["thai"] for r in read_tsv("vn_name_stopwords.tsv") if r["kind"] == "function_or_given")


@cache
def _middle_keys() -> frozenset[str]:
    return frozenset(_latin_rule_keys(r["vietnamese"].lower(), True)[0] for r in read_tsv("vn_middle_syllables.tsv"))


def _middle_only(syllable: str) -> bool:
    """Whether a Thai syllable reads only as a middle name (วัน: Văn)."""
    readings = _readings(syllable)
    return bool(readings) and readings[0].key in _middle_keys()


def _can_start(text: str, pos: int) -> bool:
    """Whether a syllable can begin at ``pos`` rather than inside one: not on a following
    vowel or mark, not after a leading vowel (เ|ลข), not on อ ว ย glued to the Thai before
    (ข|องตน, เมื|อง), not inside a ห cluster (ห|มาย)."""
    if not 0 <= pos < len(text) or text[pos] in _NOT_A_START:
        return False
    if pos == 0 or not _THAI.match(text[pos - 1]):
        return True
    before = text[pos - 1]
    return not (before in _PRE_VOWELS or text[pos] in _VOWEL_LETTERS
                or (before == _HO and text[pos] in _LOW_SONORANTS))


def match_name(text: str, start: int, *, max_syllables: int = _MAX_NAME, expected: bool = False) -> int | None:
    """End offset of a Thai-script Vietnamese personal name starting at ``start``, or None
    (``expected``: a title or honorific stands right before ``start``).

    A name is a surname from vn_surnames.tsv followed by 1–3 syllables, with or without
    spaces; every syllable is in vn_syllables.tsv or has a Vietnamese shape and is no Thai
    word, at least one given syllable is in the lexicon, and the name stops at stop words
    (vn_name_stopwords.tsv) and at Thai words that run past a syllable.

    >>> s = "รัฐมนตรีเหงียนมานห์หุ่งกล่าวว่า"
    >>> s[8:match_name(s, 8)]
    'เหงียนมานห์หุ่ง'
    >>> t = "นายบุ่ย แถ่ง เซิน ได้ประชุม"
    >>> t[3:match_name(t, 3)]
    'บุ่ย แถ่ง เซิน'
    >>> match_name("เลขาธิการพรรค", 0) is None
    True
    """
    listed = _surname_regex().match(text, start)
    # where a title or honorific announces a name, a surname may be one only the spelling rules read
    if not _can_start(text, start) or not (listed or expected):
        return None
    best = None
    for j, _ in _accepted(text, start, surname=True) if listed else ():
        got = _extend(text, start, j, 1, 0, False, max_syllables)
        if got and (best is None or got[:2] > best[:2]):
            best = got
    if best is None and expected and not listed:
        # นางจิ๋งถิมายแอ๊ง: after a title, a glued surname the spelling rules read (จ as Tr: Trịnh)
        for j, _ in _options(text, start):
            if _surname_keys() & set(_thai_rule_keys(text[start:j])) and not _blocked(text, start, j, first=True):
                got = _extend(text, start, j, 1, 0, False, max_syllables)
                if got and got[0] >= 3 and (best is None or got[:2] > best[:2]):
                    best = got
    if best is None and (alone := _surname_alone(text, start)):
        # หล่อ วัน จิ๊ญ: a surname spelled like a Thai word, standing alone before spaced syllables
        got = _extend(text, start, alone, 1, 0, False, max_syllables)
        if got and got[0] >= 3:
            best = got
    return best[2] if best else None


def _surname_alone(text: str, start: int) -> int | None:
    """End of a surname reading of the word at ``start`` that a space follows, when the word is
    no stop word (the rest of the name must then vouch for it)."""
    run = _THAI_RUN.match(text, start)
    if not run or run.end() >= len(text) or text[run.end()] != " ":
        return None
    piece = run.group()
    stops, _ = _words_at(piece)
    # ห่วง (a Thai word, "worry"): by the spelling rules it reads Hoàng, a surname
    if piece in stops or not (any(r.surname for r in _readings(piece))
                              or _surname_keys() & set(_thai_rule_keys(piece))):
        return None
    return run.end()


@cache
def _surname_keys() -> frozenset[str]:
    return frozenset(r.key for rs in _lexicon().by_skeleton.values() for r in rs if r.surname)


@cache
def _surname_regex() -> re.Pattern:
    """Where a surname spelling may start: a surname's lookup form (``_skeleton``) with tone
    marks and a silent ห allowed back in; a cheap test that turns away most word starts
    before the lexicon lookup."""
    lex = _lexicon()
    skeletons = [sk for sk, rs in lex.by_skeleton.items() if any(r.surname for r in rs)]
    marks = f"[{_TONES}{_MAITAIKHU}]*"

    def letter(ch: str) -> str:
        return (f"(?:{_HO}{marks})?" if ch in _LOW_SONORANTS else "") + re.escape(ch) + marks
    return re.compile(longest_alternation(skeletons, letter))


def surname_offsets(text: str, offsets: Iterable[int]) -> set[int]:
    """Those of ``offsets`` where ``surname_at`` finds a surname; most fail at the first letter."""
    firsts, may_start = _surname_initials(), _surname_regex().match
    return {p for p in offsets if text[p:p + 1] in firsts and may_start(text, p) and surname_at(text, p)}


@cache
def _surname_initials() -> frozenset[str]:
    """The letters ``_surname_regex`` can start with."""
    lex = _lexicon()
    return frozenset(sk[0] for sk, rs in lex.by_skeleton.items() if any(r.surname for r in rs)) | {_HO}


def surname_at(text: str, pos: int) -> tuple[int, str] | None:
    """(end, Vietnamese surname) if a surname spelling starts at ``pos`` and is not the start
    of a Thai word; the longest wins.

    >>> surname_at("เหงียนมานห์หุ่ง", 0)
    (6, 'Nguyễn')
    >>> surname_at("เลือกตั้ง", 0) is None
    True
    """
    if not _surname_regex().match(text, pos) or not _can_start(text, pos):
        return None
    run = _THAI_RUN.match(text, pos)
    if not run or text[pos] in _NOT_A_START:
        return None
    # only lexicon syllables can be surnames: skip the spelling rules that _options runs
    for j in range(min(run.end(), pos + _MAX_SYL), pos, -1):
        piece = text[pos:j]
        if not _boundary(text, j) or not _known_here(piece):
            continue
        reading = next((r for r in _readings(piece) if r.surname), None)
        if reading and not _blocked(text, pos, j, first=True):
            return j, reading.vietnamese
    return None


def is_vietnamese_name(name: str | Sequence[str]) -> bool:
    """Whether a string (Thai or Latin) or a list of syllables is a Vietnamese personal
    name: a surname and 1–3 more Vietnamese syllables.

    >>> is_vietnamese_name("เหงียน มานห์ หุ่ง"), is_vietnamese_name("Nguyễn Mạnh Hùng")
    (True, True)
    >>> is_vietnamese_name("เลือกตั้ง"), is_vietnamese_name("John Smith")
    (False, False)
    >>> is_vietnamese_name(["บุ่ย", "แถ่ง", "เซิน"])
    True
    """
    text = name if isinstance(name, str) else " ".join(name)
    text = strip_honorifics(text)
    if not text:
        return False
    if _THAI.search(text):
        return match_name(text, 0) == len(text)
    syllables = split_syllables(text)
    accented = _is_accented(text)
    return (2 <= len(syllables) <= _MAX_NAME
            and _unaccent(syllables[0]).lower() in _lexicon().surname_latin
            and all(_latin_rule_keys(s.lower(), accented) for s in syllables))
