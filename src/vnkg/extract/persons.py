"""Persons: Vietnamese names in Thai script and in Latin script, and photo credits.

A Thai-script name is tried where a name is expected (after a title, an honorific, or at a
Vietnamese surname on a word boundary); ``names.match_name`` decides how far it runs.
A bare given name after an honorific (นายเหงีย) is kept as a ``short`` mention; the
resolver joins it to the full name it abbreviates in the same article, or drops it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from .. import names
from ..lexicon import read_tsv
from ..model import Credit, Kind, Mention
from .text import Boundaries, is_thai
from .titles import Title, honorific_regex

__all__ = ["find_persons"]

_LATIN_WORD = r"[A-ZÀ-ỸĐ][a-zà-ỹđ]+"
_LATIN_NAME = re.compile(rf"(?<![A-Za-zÀ-ỹĐđ]){_LATIN_WORD}(?: {_LATIN_WORD}){{1,3}}(?![A-Za-zÀ-ỹĐđ])")
_SHORT_NAME = re.compile(r"[\u0E00-\u0E7F]{2,8}")


def _fold(s: str) -> str:
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn").casefold()


@cache
def _latin_surnames() -> frozenset[str]:
    rows = read_tsv("vn_surnames.tsv")
    out = set()
    for r in rows:
        for col in ("latin", "vietnamese"):
            for v in (r.get(col) or "").split("|"):
                if v.strip():
                    out.add(_fold(v.strip()))
    return frozenset(out)


@cache
def _latin_stop_words() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("latin_org_words.tsv"))


def _latin_names(text: str) -> list[Mention]:
    out = []
    for m in _LATIN_NAME.finditer(text):
        words = m.group().split(" ")
        if _fold(words[0]) not in _latin_surnames():
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
        lang = "vi" if _fold(m.group()) != m.group().casefold() else "en"
        out.append(Mention(Kind.PERSON, m.start(), end, text[m.start():end], lang))
    return out


def _expected_name_starts(text: str, titles: list[Title]) -> set[int]:
    starts = set()
    for t in titles:
        pos = t.end
        while pos < len(text) and text[pos] in " \u00a0":
            pos += 1
        starts.add(pos)
    for h in honorific_regex().finditer(text):
        pos = h.end()
        while pos < len(text) and text[pos] in " \u00a0":
            pos += 1
        starts.add(pos)
    return starts


def _thai_names(text: str, bounds: Boundaries, titles: list[Title]) -> list[Mention]:
    out = []
    tried = set()
    candidates = sorted(_expected_name_starts(text, titles) | set(names.surname_positions(text)))
    next_free = 0
    for start in candidates:
        if start < next_free or start in tried or start >= len(text) or not is_thai(text[start]):
            continue
        tried.add(start)
        if not bounds.at(start) and start not in _expected_name_starts(text, titles):
            continue
        end = names.match_name(text, start)
        if end is None:
            continue
        out.append(Mention(Kind.PERSON, start, end, text[start:end], "th"))
        next_free = end
    return out


def _short_names(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """``นายเหงีย``: a single given name after an honorific, to be joined to a full name."""
    out = []
    for h in honorific_regex().finditer(text):
        m = _SHORT_NAME.match(text, h.end())
        if not m or any(s <= m.start() < e for s, e in taken):
            continue
        word = m.group()
        syllables = names.split_syllables(word)
        if len(syllables) != 1:
            continue
        out.append(Mention(Kind.PERSON, m.start(), m.start() + len(syllables[0]), syllables[0], "th",
                           attrs=(("short", "1"),)))
    return out


def _credits(credits: tuple[Credit, ...]) -> list[Mention]:
    out = []
    for c in credits:
        lang = "th" if any(is_thai(ch) for ch in c.name) else "en"
        attrs = [("credit", "1")] + ([("agency", c.agency)] if c.agency else [])
        out.append(Mention(Kind.PERSON, c.start, c.end, c.name, lang, attrs=tuple(sorted(attrs))))
    return out


def find_persons(text: str, bounds: Boundaries, titles: list[Title], credits: tuple[Credit, ...],
                 taken: list[tuple[int, int]]) -> list[Mention]:
    """Person mentions; spans in ``taken`` (organizations, places) are left alone."""
    credit_spans = [(c.start, c.end) for c in credits]
    found = _credits(credits)
    for m in _latin_names(text) + _thai_names(text, bounds, titles):
        if any(s < m.end and m.start < e for s, e in credit_spans):
            continue
        found.append(m)
    spans = [(m.start, m.end) for m in found] + list(taken)
    found += _short_names(text, spans)
    return found
