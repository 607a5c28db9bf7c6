"""Syllables of a Vietnamese name and their candidate phonetic keys, in Thai script and in Latin."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Iterable

from .tables import (
    _AFTER_MEDIAL, _CANCEL, _CONSONANT_CODAS, _MAITAIKHU, _MARK_AT,
    _MAX_SYL, _PRE_VOWELS, _PUNCT, _STRIP_MARKS, _THAI, _TONES, _WO, _Reading, _finals, _is_accented,
    _latin_rule_keys, _lexicon, _onsets, _skeleton, _vowels,
)

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
