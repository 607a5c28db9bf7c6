"""Comparing two spellings of a name: keys, blocks, scores, and the Latin spelling of a Thai one."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .find import match_name
from .syllables import _latin_keys, _readings, _thai_keys, _thai_rule_keys, split_syllables
from .tables import SAME_THRESHOLD, _THAI, _Reading, _exact, _is_accented, _lexicon, _unaccent, strip_honorifics

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


def in_lexicon(name: str) -> bool:
    """Whether every syllable of a Thai-script name is a lexicon spelling (not only one the
    grapheme rules can read): the strict test for a name with no other evidence.

    >>> in_lexicon("ห่าติ๋ญ"), in_lexicon("ห่าติ๋ญและ")
    (True, False)
    """
    syllables = split_syllables(name)
    return bool(syllables) and all(_readings(s) for s in syllables if _THAI.search(s))


def latin_name(name: str) -> str | None:
    """Most likely unaccented Latin spelling (Title Case) of a Vietnamese name; for Thai
    script only when every syllable is a lexicon spelling or parses as one, else None.

    >>> latin_name("เหงียน มานห์ หุ่ง")
    'Nguyen Manh Hung'
    >>> latin_name("นายโดหุ่งเวียด")
    'Do Hung Viet'
    >>> latin_name("ฝ่าม มิงห์ จิ๋งห์")   # not listed as written: read by the grapheme rules
    'Pham Minh Chinh'
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
            # an unlisted spelling: the lexicon syllable its primary key stands for
            known = [_lexicon().by_key.get(k) for k in _thai_rule_keys(syl)]
            readings = tuple(r for r in known if r is not None)[:1]
            if not readings:
                return None
        pick = next((r for r in readings if r.surname), readings[0]) if i == 0 else readings[0]
        out.append(pick.latin)
    return " ".join(out)
