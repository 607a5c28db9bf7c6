"""Vietnamese personal names in Thai script and in Latin: syllables, phonetic keys, matching.

Machine-translated Thai news spells one Vietnamese name many ways — เหงียน มานห์ หุ่ง,
เหงียน มัญ หุ่ง, เหงียนมานห์หุ่ง, Nguyen Manh Hung, Nguyễn Mạnh Hùng — while บุ่ย แถ่ง เซิน and
บุ้ย เดอะ ดุย are two different men. This module compares names syllable by syllable on a
phonetic key built from Vietnamese syllable structure.

Key design
----------
A syllable key is ``ONSET-RHYME``:

* onset classes: ``0`` (none) ``B K KH CH D DD S T TH PH H L M N NG NH V`` where ``CH`` = ch/tr,
  ``D`` = d/gi/r (one sound in Hanoi), ``DD`` = đ, ``S`` = s/x, ``K`` = c/k/q/g;
* rhyme = medial + nucleus + coda spelled in unaccented Latin, because unaccented Latin
  (``Nguyen Manh Hung``) is the poorest input we must match: a/ă/â = ``A``, o/ô/ơ = ``O``,
  u/ư = ``U``, e/ê = ``E``, y = ``I`` (uy = ``UI``), ươ/uô = ``UO``, c/ch = ``C``; ``NH`` and ``NG``
  stay apart (Thanh ≠ Thang), as do the spelled medials ``OA``/``UA`` (Toàn ≠ Tuấn).

So ``latin_key("Nguyễn Mạnh Hùng") == name_key("เหงียน มานห์ หุ่ง") ==
("NG-UIEN", "M-ANH", "H-UNG")``.

A Thai spelling often fits several keys (ซ is s, x, d, gi or r; เ-ิน is ơn or ân), so each
syllable has *candidate* keys, primary first: a Thai syllable found in ``vn_syllables.tsv``
(looked up without tone marks, ็ and a silent leading ห) takes the keys of its Vietnamese
readings; any other Thai syllable is parsed by the grapheme tables ``vn_thai_onsets.tsv``,
``vn_thai_vowels.tsv`` and ``vn_thai_finals.tsv``; an unaccented Latin syllable takes the keys
of the lexicon syllables spelled that way (``Dinh`` = Đinh/Định/Đình, so ``DD``). Two syllables
match when their candidate sets meet; two accented Latin syllables must be the same syllable
(Thanh ≠ Thành). Two names are the same person when they have the same number of syllables
and every syllable matches — surname included. Precision comes first: a name that differs in
one syllable, or in length (unless ``allow_partial``), is someone else.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from vnkg.lexicon import longest_alternation, read_tsv, split_values

__all__ = [
    "split_syllables", "syllable_keys", "name_key", "latin_key", "match_score", "same_person",
    "latin_name", "strip_honorifics", "is_vietnamese_name", "surname_at", "surname_offsets", "match_name",
    "SAME_THRESHOLD",
]

SAME_THRESHOLD = 0.9
"""``same_person(a, b) == (match_score(a, b) >= SAME_THRESHOLD)``."""

# --- Thai orthography: script facts, written as escapes (lexical Thai lives in the TSVs) ---
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"             # mai ek, tho, tri, chattawa
_MAITAIKHU = "\u0e47"                           # vowel shortener, irrelevant to the key
_CANCEL = "\u0e4c"                              # thanthakhat: silences the letter before it
_PRE_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"  # เ แ โ ใ ไ, written before the onset
_HO = "\u0e2b"                                  # ห
_WO = "\u0e27"                                  # ว
_LOW_SONORANTS = "\u0e07\u0e0d\u0e19\u0e21\u0e22\u0e23\u0e25\u0e27"  # ง ญ น ม ย ร ล ว
# vowel signs after which ว is a medial w (กวาง, ฮวี), not the vowel ua (ดวง)
_AFTER_MEDIAL = "\u0e30\u0e31\u0e32\u0e34\u0e35"  # ะ ั า ิ ี
_VOWEL_LETTERS = "\u0e2d\u0e27\u0e22"             # อ ว ย: also vowel letters inside a syllable
# what precedes a syllable's tone mark / ็, pre-vowel and above/below vowel left out
_MARK_AT = re.compile("^[\u0e40-\u0e44]?([\u0e01-\u0e2e]+)[\u0e31\u0e34-\u0e39]?[\u0e47-\u0e4b]")
_OWN_VOWEL = re.compile("[\u0e30-\u0e39\u0e40-\u0e44]|.\u0e2d")  # a written vowel (อ not first)
_SILENT_HO = re.compile(f"{_HO}([{_LOW_SONORANTS}])(?=.)")
_STRIP_MARKS = str.maketrans("", "", _TONES + _MAITAIKHU)
_THAI = re.compile("[\u0e01-\u0e4e]")
_THAI_RUN = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+")
_NOT_A_START = set("\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e45"
                   "\u0e46\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_MAX_SYL = 10          # longest Thai rendering of one Vietnamese syllable (ฮเหวี่ยน = 8)
_MAX_NAME = 4          # surname + up to three syllables
_PUNCT = re.compile("[\\s\\-\u2010\u2011,.;:()\\[\\]{}\"'\u201c\u201d\u2018\u2019«»/\u0e2f]+")  # ฯ too

# --- Latin orthography of Vietnamese ---
_TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_LATIN_ONSETS = (
    ("ngh", "NG"), ("ng", "NG"), ("nh", "NH"), ("ch", "CH"), ("tr", "CH"), ("th", "TH"),
    ("ph", "PH"), ("kh", "KH"), ("gh", "K"), ("gi", "D"), ("qu", "K"), ("b", "B"), ("c", "K"),
    ("đ", "DD"), ("d", "D"), ("f", "PH"), ("g", "K"), ("h", "H"), ("j", "D"), ("k", "K"),
    ("l", "L"), ("m", "M"), ("n", "N"), ("p", "B"), ("r", "D"), ("s", "S"), ("t", "T"),
    ("v", "V"), ("w", "V"), ("x", "S"), ("z", "D"),
)
_LATIN_RHYME = re.compile(r"^[aeiouy]+(?:ch|nh|ng|[cmnpt])?$")
_CONSONANT_CODAS = ("NG", "NH", "N", "M", "C", "T", "P")


# ======================================================================== lexicons

@dataclass(frozen=True)
class _Reading:
    """One Vietnamese reading of a Thai form (a row of vn_syllables.tsv)."""

    vietnamese: str
    latin: str
    key: str
    surname: bool


@dataclass(frozen=True)
class _Lexicon:
    by_skeleton: dict[str, tuple[_Reading, ...]]   # tone-free Thai form → readings, row order
    listed: frozenset[str]                         # Thai forms exactly as written in the TSV
    by_latin: dict[str, tuple[_Reading, ...]]      # unaccented lowercase Latin → readings
    surname_latin: frozenset[str]                  # unaccented lowercase surnames


@cache
def _lexicon() -> _Lexicon:
    surnames = {r["vietnamese"] for r in read_tsv("vn_surnames.tsv")}
    by_skeleton: dict[str, list[_Reading]] = {}
    by_latin: dict[str, list[_Reading]] = {}
    listed: set[str] = set()
    for row in read_tsv("vn_syllables.tsv"):
        vi = row["vietnamese"]
        reading = _Reading(vi, row["latin"], _latin_rule_keys(vi.lower(), True)[0], vi in surnames)
        by_latin.setdefault(row["latin"].lower(), []).append(reading)
        for form in split_values(row["thai"]):
            listed.add(form)
            bucket = by_skeleton.setdefault(_skeleton(form), [])
            if reading not in bucket:
                bucket.append(reading)
    return _Lexicon(
        {k: tuple(v) for k, v in by_skeleton.items()}, frozenset(listed),
        {k: tuple(v) for k, v in by_latin.items()},
        frozenset(_unaccent(s).lower() for s in surnames),
    )


@cache
def _onsets() -> tuple[tuple[str, tuple[tuple[str, bool], ...]], ...]:
    """Thai onset spellings, longest first, each with (class, has-medial-w) readings."""
    rows = []
    for row in read_tsv("vn_thai_onsets.tsv"):
        readings = tuple((c.removesuffix("+W"), c.endswith("+W")) for c in split_values(row["onset"]))
        rows.append((row["thai"], readings))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _finals() -> tuple[tuple[str, str], ...]:
    rows = [(r["thai"], r["coda"]) for r in read_tsv("vn_thai_finals.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _vowels() -> dict[tuple[str, str, str], tuple[str, ...]]:
    def dash(v: str) -> str:
        return "" if v == "-" else v
    return {(dash(r["pre"]), dash(r["body"]), r["coda"]): tuple(split_values(r["rhymes"]))
            for r in read_tsv("vn_thai_vowels.tsv")}


@cache
def _honorifics() -> tuple[tuple[str, bool], ...]:
    """(form, is_thai), longest first so นางสาว wins over นาง."""
    rows = [(r["form"], r["script"] == "th") for r in read_tsv("vn_honorifics.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _honorific_initials() -> frozenset[str]:
    return frozenset(form[0] for form, _ in _honorifics())


@cache
def _stopwords():  # -> pythainlp.util.Trie
    from pythainlp.util import Trie
    return Trie(r["thai"] for r in read_tsv("vn_name_stopwords.tsv"))


@cache
def _thai_dictionary():  # -> (frozenset[str], pythainlp.util.Trie)
    """PyThaiNLP's bundled word list: a syllable that is a Thai word is Thai unless listed."""
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_dict_trie
    # newmm's own trie of the same list: one copy in memory for the collector to walk
    return thai_words(), word_dict_trie()


# ======================================================================== normalisation

def _skeleton(thai: str) -> str:
    """Lookup form of a Thai spelling: no tone marks, no ็, no silent leading ห.

    >>> _skeleton("เหงี่ยน") == _skeleton("เงียน")
    True
    >>> _skeleton("ห่ง")  # ห + final ง: ห is the onset here, not a tone carrier
    'หง'
    """
    return _SILENT_HO.sub(r"\1", thai.translate(_STRIP_MARKS))


def _unaccent(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _tone_free(s: str) -> str:
    """Latin syllable without its tone mark, vowel qualities kept (``mạnh`` → ``manh``)."""
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", s) if c not in _TONE_MARKS))


def _exact(s: str) -> str:
    """Accented syllable identity, indifferent to tone-mark placement (Hòa = Hoà)."""
    nfd = unicodedata.normalize("NFD", s.lower())
    tone = next((_TONE_MARKS[c] for c in nfd if c in _TONE_MARKS), "0")
    return _tone_free(s.lower()) + tone


def _is_accented(name: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", name)) or \
        "đ" in name.lower()


def strip_honorifics(name: str) -> str:
    """Drop leading honorifics (vn_honorifics.tsv); Thai ones may be glued to the name.

    >>> strip_honorifics("นายเหงียน มานห์ หุ่ง")
    'เหงียน มานห์ หุ่ง'
    >>> strip_honorifics("Mr. Nguyen Manh Hung")
    'Nguyen Manh Hung'
    """
    name = unicodedata.normalize("NFC", name).strip()
    changed = name[:1] in _honorific_initials()
    while changed:
        changed = False
        for form, thai in _honorifics():
            if not name.startswith(form):
                continue
            rest = name[len(form):]
            glued = thai and bool(_THAI.match(rest[:1])) and rest[:1] not in _NOT_A_START
            if rest.strip() and (rest[:1].isspace() or form.endswith(".") or glued):
                name, changed = rest.lstrip(), True
                break
    return name


# ======================================================================== Thai syllables

def _with_medial(rhyme: str) -> tuple[str, ...]:
    """Rhymes after a medial w (ว before a vowel sign, Latin o/u): Vietnamese spells it
    o before a/e and u elsewhere, and Thai cannot tell which."""
    if rhyme[0] in "IO":
        return ("U" + rhyme,)
    if rhyme[0] in "AE":
        return ("O" + rhyme, "U" + rhyme)
    return ()


def _split_final(rest: str) -> Iterable[tuple[str, str]]:
    """(body, coda class) readings of what follows the onset; '' = open syllable."""
    matched = False
    if not rest.endswith(_CANCEL):
        yield rest, ""
    for final, coda in _finals():
        if rest.endswith(final):
            matched = True
            yield rest[: -len(final)], coda
    if rest.endswith(_CANCEL) and not matched and len(rest) >= 2:  # other silenced letter
        yield from _split_final(rest[:-2])


def _vowel_rhymes(pre: str, body: str, coda: str) -> tuple[str, ...]:
    table = _vowels()
    if not coda:
        return table.get((pre, body, "-"), ())
    exact = table.get((pre, body, coda))
    if exact is not None:
        return exact
    if coda in _CONSONANT_CODAS:
        return tuple(r.replace("*", coda) for r in table.get((pre, body, "*"), ()))
    return ()


def _rhymes(pre: str, rest: str) -> list[str]:
    options = [(False, rest)]
    if len(rest) > 1 and rest[0] == _WO and rest[1] in _AFTER_MEDIAL:
        options.append((True, rest[1:]))
    out: list[str] = []
    for medial, tail in options:
        for body, coda in _split_final(tail):
            for rhyme in _vowel_rhymes(pre, body, coda):
                for r in (_with_medial(rhyme) if medial else (rhyme,)):
                    if r not in out:
                        out.append(r)
    return out


@lru_cache(maxsize=16384)
def _thai_rule_keys(syllable: str) -> tuple[str, ...]:
    """Candidate keys of one Thai syllable by the grapheme tables; () if not Vietnamese-shaped.

    >>> _thai_rule_keys("เตื้อก")
    ('T-UOC',)
    >>> _thai_rule_keys("กล่าว")   # Thai cluster กล: not a Vietnamese rendering
    ()
    """
    s = syllable.translate(_STRIP_MARKS)
    pre = s[0] if s[:1] and s[0] in _PRE_VOWELS else ""
    rest = s[len(pre):]
    if sum(c in _TONES + _MAITAIKHU for c in syllable) > 1:
        return ()
    marked = _MARK_AT.search(syllable)
    if marked is None and any(c in _TONES + _MAITAIKHU for c in syllable):
        return ()
    for onset, readings in _onsets():
        if not rest.startswith(onset):
            continue
        if marked and marked.group(1) not in (onset, onset + _WO):
            continue        # a tone mark sits on the onset (or its medial ว), never on a final
        rhymes = _rhymes(pre, rest[len(onset):])
        keys: list[str] = []
        for cls, medial in readings:
            for rhyme in rhymes:
                for r in (_with_medial(rhyme) if medial else (rhyme,)):
                    key = f"{cls}-{r}"
                    if key not in keys:
                        keys.append(key)
        if keys:   # the longest onset that parses wins (หง-อก, not ห-งอก)
            return tuple(keys)
    return ()


@lru_cache(maxsize=65536)
def _readings(thai: str) -> tuple[_Reading, ...]:
    return _lexicon().by_skeleton.get(_skeleton(thai), ())


@lru_cache(maxsize=16384)
def _thai_keys(syllable: str) -> tuple[str, ...]:
    readings = _readings(syllable)
    if readings:
        return tuple(dict.fromkeys(r.key for r in readings))
    return _thai_rule_keys(syllable)


@lru_cache(maxsize=4096)
def _segment(chunk: str) -> tuple[str, ...]:
    """Split a space-free Thai run into syllables (dynamic programming).

    Cost, compared in order: characters left unparsed, syllables known only by shape,
    number of syllables — so lexicon syllables win, then the fewest pieces.
    """
    n = len(chunk)
    best: list[tuple[tuple[int, int, int], int, int] | None] = [None] * (n + 1)
    best[0] = ((0, 0, 0), -1, 0)
    for i in range(n):
        if best[i] is None:
            continue
        (raw, rule, count), _, _ = best[i]
        steps = []
        for j in range(i + 1, min(n, i + _MAX_SYL) + 1):
            piece = chunk[i:j]
            if _readings(piece):
                steps.append((j, (raw, rule, count + 1), 1))
            elif _thai_rule_keys(piece):
                steps.append((j, (raw, rule + 1, count + 1), 1))
        steps.append((i + 1, (raw + 1, rule, count + 1), 0))  # one unparsed character
        for j, cost, kind in steps:
            if best[j] is None or cost < best[j][0]:
                best[j] = (cost, i, kind)
    pieces: list[tuple[str, int]] = []
    j = n
    while j > 0:
        _, i, kind = best[j]  # type: ignore[misc]
        pieces.append((chunk[i:j], kind))
        j = i
    out: list[str] = []
    raw_before = False
    for piece, kind in reversed(pieces):   # runs of unparsed characters stay one token
        if kind == 0 and raw_before:
            out[-1] += piece
        else:
            out.append(piece)
        raw_before = kind == 0
    return tuple(out)


def split_syllables(name: str) -> list[str]:
    """Syllables of a Vietnamese name in Thai script (with or without spaces) or in Latin.

    >>> split_syllables("เหงียนมานห์หุ่ง")
    ['เหงียน', 'มานห์', 'หุ่ง']
    >>> split_syllables("โดหุ่งเวียด")
    ['โด', 'หุ่ง', 'เวียด']
    >>> split_syllables("บุ่ย แถ่ง เซิน")
    ['บุ่ย', 'แถ่ง', 'เซิน']
    >>> split_syllables("Nguyễn Mạnh Hùng")
    ['Nguyễn', 'Mạnh', 'Hùng']
    """
    out: list[str] = []
    for chunk in _PUNCT.split(unicodedata.normalize("NFC", name)):
        if not chunk:
            continue
        out.extend(_segment(chunk) if _THAI.search(chunk) else (chunk,))
    return out


# ======================================================================== Latin syllables

@lru_cache(maxsize=16384)
def _latin_rule_keys(syllable: str, accented: bool) -> tuple[str, ...]:
    """Keys of a lowercase Latin syllable by Vietnamese orthography; unaccented spellings
    that hide a distinction (d/đ, qua/quâ) give every reading."""
    q = _tone_free(syllable)
    for spelled, cls in _LATIN_ONSETS:
        if q.startswith(spelled):
            onset, rest = spelled, q[len(spelled):]
            break
    else:
        onset, cls, rest = "", "0", q
    if onset == "gi" and rest[:1] not in tuple("aăâeêioôơuưy"):
        rest = "i" + rest       # gì, gìn: the i is the vowel
    plain = _unaccent(rest)
    if not _LATIN_RHYME.match(plain):
        return ()
    if plain.endswith("ch"):
        plain = plain[:-2] + "c"
    plain = plain[:-2].replace("y", "i") + "ay" if plain.endswith("ay") else plain.replace("y", "i")
    rhyme = plain.upper()
    rhymes: tuple[str, ...] = (rhyme,)
    if onset == "qu":           # qu carries the medial w
        if rest.startswith("â"):
            rhymes = ("U" + rhyme,)
        elif rhyme[0] == "A":
            rhymes = ("O" + rhyme,) if accented else ("O" + rhyme, "U" + rhyme)
        elif rhyme[0] in "EIO":
            rhymes = ("U" + rhyme,)
        else:
            return ()
    classes = (cls,) if accented or cls != "D" or onset != "d" else ("D", "DD")
    return tuple(f"{c}-{r}" for c in classes for r in rhymes)


@lru_cache(maxsize=16384)
def _latin_keys(syllable: str, accented: bool) -> tuple[str, ...]:
    low = unicodedata.normalize("NFC", syllable.lower())
    if not accented:   # the lexicon knows which Vietnamese syllables a bare spelling stands for
        readings = _lexicon().by_latin.get(low)
        if readings:
            return tuple(dict.fromkeys(r.key for r in readings))
    return _latin_rule_keys(low, accented)


def syllable_keys(syllable: str, *, accented: bool | None = None) -> tuple[str, ...]:
    """Candidate keys of one syllable (Thai or Latin), primary first; () if not Vietnamese.

    >>> syllable_keys("แถ่ง"), syllable_keys("ทันห์"), syllable_keys("Thanh")
    (('TH-ANH',), ('TH-ANH',), ('TH-ANH',))
    >>> syllable_keys("ซุย") == syllable_keys("ดุย") == syllable_keys("Duy")
    True
    """
    syllable = unicodedata.normalize("NFC", syllable.strip())
    if _THAI.search(syllable):
        return _thai_keys(syllable)
    if accented is None:
        accented = _is_accented(syllable)
    return _latin_keys(syllable, accented)


# ======================================================================== names

@dataclass(frozen=True)
class _Syl:
    text: str
    keys: tuple[str, ...]     # candidates, primary first; ("?text",) when not Vietnamese
    exact: str | None         # identity of an accented Latin syllable


def _surname_keys(readings: Sequence[_Reading]) -> tuple[str, ...]:
    """Keys of the surname readings: the first syllable of a name is its surname, so
    หวิ่ญ there is Huỳnh, not Vinh."""
    return tuple(dict.fromkeys(r.key for r in readings if r.surname))


def _drop_title(name: str, syllables: list[str]) -> list[str]:
    """Syllables without a title glued before a Thai-script name (รัฐมนตรีเหงียนมานห์หุ่ง):
    the name is the first place from which ``match_name`` reaches the end."""
    if not syllables or not _THAI.search(syllables[0]) or _surname_keys(_readings(syllables[0])):
        return syllables
    start = next((p for p in range(1, len(name)) if match_name(name, p) == len(name)), 0)
    return split_syllables(name[start:]) if start else syllables


@lru_cache(maxsize=65536)
def _name_syllables(name: str) -> tuple[_Syl, ...]:
    name = strip_honorifics(name)
    accented = not _THAI.search(name) and _is_accented(name)
    out = []
    for i, syl in enumerate(_drop_title(name, split_syllables(name))):
        thai = bool(_THAI.search(syl))
        keys = _thai_keys(syl) if thai else _latin_keys(syl.lower(), accented)
        if i == 0 and (thai or not accented):
            lex = _lexicon()
            readings = _readings(syl) if thai else lex.by_latin.get(syl.lower(), ())
            keys = _surname_keys(readings) or keys
        exact = _exact(syl) if accented and not thai else None
        out.append(_Syl(syl, keys or ("?" + syl.lower(),), exact))
    return tuple(out)


def name_key(name: str) -> tuple[str, ...]:
    """Phonetic key of a Vietnamese name in Thai script or Latin (honorifics dropped).

    >>> name_key("เหงียน มานห์ หุ่ง")
    ('NG-UIEN', 'M-ANH', 'H-UNG')
    >>> name_key("นายเหงียนมัญหุ่ง") == name_key("Nguyen Manh Hung") == name_key("Nguyễn Mạnh Hùng")
    True
    >>> name_key("บุ่ย แถ่ง เซิน") == name_key("บุ้ย เดอะ ดุย")
    False
    """
    return tuple(s.keys[0] for s in _name_syllables(name))


def latin_key(name: str) -> tuple[str, ...]:
    """``name_key`` of a Latin-script name (same key space as the Thai spellings).

    >>> latin_key("Nguyễn Mạnh Hùng") == name_key("เหงียน มานห์ หุ่ง")
    True
    """
    return name_key(name)


def blocking_keys(name: str) -> frozenset[tuple[int, str, str]]:
    """(syllable count, surname key, last syllable key) for every candidate reading.

    Two names can only be the same person (strictly) when they share one of these, so a
    resolver need only compare names within a block instead of every pair.
    """
    syls = _name_syllables(name)
    if len(syls) < 2:
        return frozenset()
    return frozenset((len(syls), f, l) for f in syls[0].keys for l in syls[-1].keys)


def _compatible(a: _Syl, b: _Syl) -> bool:
    if a.exact is not None and b.exact is not None:
        return a.exact == b.exact
    return not set(a.keys).isdisjoint(b.keys)


def _syllable_score(a: _Syl, b: _Syl) -> float:
    if _compatible(a, b):
        return 1.0 if a.keys[0] == b.keys[0] else 0.95
    onsets = {k.split("-", 1)[0] for k in a.keys} & {k.split("-", 1)[0] for k in b.keys}
    rhymes = {k.split("-", 1)[-1] for k in a.keys} & {k.split("-", 1)[-1] for k in b.keys}
    return 0.4 * bool(onsets) + 0.4 * bool(rhymes)


def _compare(a: str, b: str, allow_partial: bool) -> tuple[float, bool]:
    sa, sb = _name_syllables(a), _name_syllables(b)
    if len(sa) < 2 or len(sb) < 2:
        return 0.0, False      # a lone syllable is not evidence of identity
    if len(sa) == len(sb):
        scores = [_syllable_score(x, y) for x, y in zip(sa, sb)]
        mean = sum(scores) / len(scores)
        ok = all(_compatible(x, y) for x, y in zip(sa, sb))
        return (mean if ok else 0.85 * mean), ok
    short, long_ = sorted((sa, sb), key=len)
    if len(long_) - len(short) != 1:
        return 0.0, False
    best, ok = 0.0, False
    for drop in range(1, len(long_) - 1):   # surname and last given name stay anchored
        kept = long_[:drop] + long_[drop + 1:]
        scores = [_syllable_score(x, y) for x, y in zip(short, kept)]
        best = max(best, sum(scores) / len(scores))
        ok = ok or all(_compatible(x, y) for x, y in zip(short, kept))
    if allow_partial and ok:
        return SAME_THRESHOLD, True
    return 0.8 * best, False


def match_score(a: str, b: str, *, allow_partial: bool = False) -> float:
    """Similarity in [0, 1]; ≥ ``SAME_THRESHOLD`` exactly when ``same_person`` holds.

    1.0 = same primary keys; 0.95–1.0 = every syllable compatible; below 0.9 = some
    syllable (or the length) differs, graded by how many onsets/rhymes still agree.

    >>> match_score("เหงียน มานห์ หุ่ง", "Nguyen Manh Hung")
    1.0
    >>> match_score("บุ่ย แถ่ง เซิน", "บุ้ย เดอะ ดุย") < SAME_THRESHOLD
    True
    """
    return _compare(a, b, allow_partial)[0]


def same_person(a: str, b: str, *, allow_partial: bool = False) -> bool:
    """Whether two spellings name the same person: same syllable count, every syllable
    compatible. ``allow_partial`` also accepts a name missing one middle syllable
    (Nguyễn Hùng ~ Nguyễn Mạnh Hùng) — use it only when context vouches for the identity.

    >>> same_person("เหงียน มันห์ หุ่ง", "Nguyễn Mạnh Hùng")
    True
    >>> same_person("ฝ่าม มิญ จิ๊ญ", "Pham Binh Minh")
    False
    >>> same_person("โต ลัม", "Tô Huy Rứa", allow_partial=True)
    False
    """
    return _compare(a, b, allow_partial)[1]


def latin_name(name: str) -> str | None:
    """Most likely unaccented Latin spelling (Title Case) of a Vietnamese name; for Thai
    script only when every syllable is in the lexicon, else None.

    >>> latin_name("เหงียน มานห์ หุ่ง")
    'Nguyen Manh Hung'
    >>> latin_name("นายโดหุ่งเวียด")
    'Do Hung Viet'
    >>> latin_name("เหงียน ซ๊อกซ์") is None
    True
    """
    syllables = split_syllables(strip_honorifics(name))
    if not syllables:
        return None
    out = []
    for i, syl in enumerate(syllables):
        if not _THAI.search(syl):
            out.append(_unaccent(syl).capitalize())
            continue
        readings = _readings(syl)
        if not readings:
            return None
        pick = next((r for r in readings if r.surname), readings[0]) if i == 0 else readings[0]
        out.append(pick.latin)
    return " ".join(out)


# ======================================================================== finding names in text

def _thai_word(s: str) -> bool:
    return s in _thai_dictionary()[0]


def _known_here(piece: str) -> bool:
    """A lexicon syllable as written here: listed verbatim, or a tone variant that is no
    Thai word (ได่ may be Đại, ได้ is Thai)."""
    if piece in _lexicon().listed:
        return True
    return bool(_readings(piece)) and not _thai_word(piece)


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
    first syllable may not start a longer Thai word at all: เกาหลี, ตะวัน and โฮจิมินห์ (the
    city, far more often than the man) read as Vietnamese syllables but are Thai words."""
    stops, words = _words_at(text[p:p + 30])
    if any(len(w) >= j - p for w in stops):
        return True
    # a syllable straddling two Thai words: ยา|ข of ยา+ของ, กว่า|ก of กว่า+กลับ (a syllable
    # that is itself a Thai word, ฟาน, straddles nothing)
    for w in [] if _thai_word(text[p:j]) else [*stops, *words]:
        if len(w) < j - p and _boundary(text, p + len(w)) and any(
                len(v) > j - p - len(w) for v in _words_at(text[p + len(w):p + 30])[1]):
            return True
    longer = [w for w in words if len(w) > j - p and _boundary(text, p + len(w))]
    return bool(longer) and (first or not _known_here(text[p:j])
                             or not _covered(text[j:p + max(map(len, longer))]))


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
    (เหงียนมานห์หุ่งกล่าว); once glued, a space ends the name."""
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
    if glued:
        p, tight = end, True
    elif end + 1 < len(text) and text[end] == " " and not tight:
        p = end + 1
    else:
        return best
    for j, k in _accepted(text, p, surname=False):
        got = _extend(text, p, j, n + 1, known + k, tight, max_syllables)
        if got and (best is None or got[:2] > best[:2]):
            best = got
    return best


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


def match_name(text: str, start: int, *, max_syllables: int = _MAX_NAME) -> int | None:
    """End offset of a Thai-script Vietnamese personal name starting at ``start``, or None.

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
    if not _can_start(text, start) or not _surname_regex().match(text, start):
        return None
    best = None
    for j, _ in _accepted(text, start, surname=True):
        got = _extend(text, start, j, 1, 0, False, max_syllables)
        if got and (best is None or got[:2] > best[:2]):
            best = got
    return best[2] if best else None


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


# ======================================================================== evaluation CLI

def evaluate(path: Path, *, allow_partial: bool = False) -> dict[str, float | int | list]:
    """Precision/recall of ``same_person`` on a TSV of labelled pairs (a, b, same, note)."""
    rows = read_pairs(path)
    tp = fp = fn = tn = 0
    errors = []
    for a, b, same, note in rows:
        got = same_person(a, b, allow_partial=allow_partial)
        tp += got and same
        fp += got and not same
        fn += same and not got
        tn += not got and not same
        if got != same:
            errors.append((a, b, same, note))
    return {
        "pairs": len(rows), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "errors": errors,
    }


def read_pairs(path: Path) -> list[tuple[str, str, bool, str]]:
    """Rows (a, b, same, note) of a pairs TSV; a malformed file raises ValueError naming
    the file and line."""
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8") as fh:
        lines = [(i, ln.rstrip("\n")) for i, ln in enumerate(fh, 1)
                 if ln.strip() and not ln.startswith("#")]
    if not lines or not {"a", "b", "same"} <= set(lines[0][1].split("\t")):
        raise ValueError(f"{path}: header must have the columns a, b, same (tab-separated)")
    header = lines[0][1].split("\t")
    for number, ln in lines[1:]:
        cells = dict(zip(header, ln.split("\t")))
        if cells.get("same", "").strip() not in ("0", "1") or not cells.get("b"):
            raise ValueError(f"{path}:{number}: expected a<TAB>b<TAB>same(0/1)[<TAB>note]")
        rows.append((cells["a"], cells["b"], cells["same"].strip() == "1", cells.get("note", "")))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vnkg.names", description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, metavar="PAIRS_TSV", help="score same_person on pairs")
    parser.add_argument("--partial", action="store_true", help="evaluate with allow_partial")
    parser.add_argument("--explain", nargs="+", metavar="NAME", help="show syllables and keys")
    args = parser.parse_args(argv)
    if args.eval:
        try:
            r = evaluate(args.eval, allow_partial=args.partial)
        except (OSError, ValueError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(f"pairs {r['pairs']}  tp {r['tp']}  fp {r['fp']}  fn {r['fn']}  tn {r['tn']}")
        print(f"precision {r['precision']:.4f}  recall {r['recall']:.4f}")
        for a, b, same, note in r["errors"]:
            print(f"  {'FN' if same else 'FP'}\t{a}\t{b}\t{note}")
    for name in args.explain or ():
        syllables = _name_syllables(name)
        print(f"{name}  →  {latin_name(name)}")
        for s in syllables:
            print(f"  {s.text}\t{' '.join(s.keys)}")
    if not (args.eval or args.explain):
        parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
