"""Orthography facts and the syllable lexicons that every other part of ``vnkg.names`` reads."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from vnkg.lexicon import read_tsv, split_values

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
    by_key: dict[str, _Reading]                    # phonetic key → its first lexicon syllable


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
    by_key: dict[str, _Reading] = {}
    for readings in by_latin.values():
        for r in readings:
            by_key.setdefault(r.key, r)
    return _Lexicon(
        {k: tuple(v) for k, v in by_skeleton.items()}, frozenset(listed),
        {k: tuple(v) for k, v in by_latin.items()},
        frozenset(_unaccent(s).lower() for s in surnames), by_key,
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
