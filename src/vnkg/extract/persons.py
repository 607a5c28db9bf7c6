"""Persons: Vietnamese names in Thai script and in Latin script, and photo credits.

A Thai-script name is tried where a name is expected (after a title, an honorific, or at a
Vietnamese surname on a word boundary); ``names.match_name`` decides how far it runs.
A bare given name after an honorific (นายเหงีย) is kept as a ``given_name`` mention; the
resolver joins it to the full name it abbreviates in the same article, or drops it.
"""
from __future__ import annotations

import re
from functools import cache

from .. import names
from ..lexicon import read_tsv
from ..model import Credit, Kind, Mention
from ..script import LATIN, LATIN_LOWER, LATIN_UPPER, fold, language_of
from .known import entries
from .text import Boundaries, is_thai
from .titles import Title, honorific_regex

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
        out.append(Mention(Kind.PERSON, m.start(), end, text[m.start():end], language_of(text[m.start():end])))
    return out


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


def _thai_names(text: str, bounds: Boundaries, titles: list[Title], honorifics: list[re.Match]) -> list[Mention]:
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
        end = names.match_name(text, start)
        if end is None:
            continue
        out.append(Mention(Kind.PERSON, start, end, text[start:end], "th"))
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
        if given is None:
            continue
        out.append(Mention(Kind.PERSON, m.start(), m.start() + len(given), given, "th",
                           attrs=(("given_name", "1"),)))
    return out


def _credits(credits: tuple[Credit, ...]) -> list[Mention]:
    """Photographers; a credit to an agency (ภาพ: VNA) names no person."""
    out = []
    for c in credits:
        if c.name.isupper() or (c.name in _known_forms()):
            continue
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
    for m in _latin_names(text) + _thai_names(text, bounds, titles, honorifics):
        if any(s < m.end and m.start < e for s, e in credit_spans):
            continue
        found.append(m)
    spans = [(m.start, m.end) for m in found] + list(taken)
    found += _short_names(text, honorifics, spans)
    return found
