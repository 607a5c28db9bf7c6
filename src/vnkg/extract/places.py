"""Vietnamese provinces and cities not in the lexicon: a place head and a Vietnamese name.

``จังหวัดบั๊กนิญ`` is a province because จังหวัด ("province") is followed by one to three
known Vietnamese syllables that do not form a Thai word.
"""
from __future__ import annotations

import re
from functools import cache

from pythainlp.corpus import thai_words

from .. import names
from ..lexicon import read_tsv
from ..model import Kind, Mention
from .text import Boundaries

__all__ = ["place_mentions"]

_NAME = re.compile(r"[\u0E01-\u0E4E]{2,24}")   # Thai letters up to the next space or mark
_TYPES = ("AdministrativeArea", "City")


@cache
def _heads() -> dict[str, str]:
    return {r["head"]: r["type"] for r in read_tsv("place_heads.tsv") if r["type"] in _TYPES}


@cache
def _head_regex() -> re.Pattern:
    return re.compile("|".join(re.escape(h) for h in sorted(_heads(), key=len, reverse=True)))


@cache
def _thai_words() -> frozenset[str]:
    return frozenset(thai_words())


def _vietnamese(name: str) -> bool:
    """One to three syllables, each a known Vietnamese syllable spelling."""
    return (1 <= len(names.split_syllables(name)) <= 3 and name not in _thai_words()
            and names.in_lexicon(name))


def place_mentions(text: str, bounds: Boundaries, taken: list[tuple[int, int]]) -> list[Mention]:
    """Places named by a head word and a Vietnamese name, outside the ``taken`` spans."""
    out = []
    for m in _head_regex().finditer(text):
        if not bounds.at(m.start()) or any(s <= m.start() < e for s, e in taken):
            continue
        run = _NAME.match(text, m.end())
        if not run:
            continue
        # the longest word-bounded prefix of the run that reads as a Vietnamese name
        end = next((e for e in range(run.end(), m.end() + 1, -1)
                    if bounds.at(e) and _vietnamese(text[m.end():e])), None)
        if end is None:
            continue
        out.append(Mention(Kind.PLACE, m.start(), end, text[m.start():end], "th",
                           attrs=(("subtype", _heads()[m.group()]),)))
    return out
