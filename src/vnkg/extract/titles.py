"""Official titles (รัฐมนตรีว่าการ, รองนายกรัฐมนตรี, เอกอัครราชทูต …) mapped to role concepts.

A title is a role word with what the text says of it: a ``former`` or ``acting`` marker
before it (อดีตรัฐมนตรี, รักษาการนายกรัฐมนตรี) and qualifiers after it that belong to it
(รองเลขาธิการถาวร, สมาชิกสำรอง). Which organization it names is the relation stage's work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import longest_alternation, read_tsv, split_values, words_by_kind
from .text import Boundaries

__all__ = ["Role", "Title", "roles", "find_titles", "honorific_regex", "grammar_words", "title_regex"]

_SP = "[ \u00a0]?"


@dataclass(frozen=True)
class Role:
    role: str            # concept id: Minister, DeputyMinister …
    english: str
    link: str            # adjacent | posted | none
    default_org: str     # org:government, place:vietnam, or ""
    needs_org: bool
    bare: str            # where a title without organization points: "ministry" = the article's ministry
    with_place: str      # what a place after the title stands for (roles.tsv)


@dataclass(frozen=True)
class Title:
    start: int           # the marker's start when one stands before the role word
    end: int             # after the role word and its qualifiers
    role: Role
    word_end: int        # after the role word itself
    former: bool = False
    acting: bool = False
    shorter: tuple[int, ...] = ()   # ends of shorter title forms inside this one (ประธาน|คณะกรรมการบริหาร…)
    form: str = ""                  # the title form as the lexicon lists it


def _qualify(ref: str) -> str:
    return "" if not ref else ref if ":" in ref else f"org:{ref}"


@cache
def roles() -> dict[str, Role]:
    """Role of every Thai title form."""
    by_form: dict[str, Role] = {}
    for r in read_tsv("roles.tsv"):
        role = Role(r["role"], r["english"], r["link"], _qualify(r["default_org"]), r["needs_org"] == "yes",
                    r.get("bare", ""), r.get("with_place", ""))
        for form in split_values(r["thai"]):
            by_form.setdefault(form, role)
    return by_form


def grammar_words() -> dict[str, tuple[str, ...]]:
    """title_grammar.tsv by kind, longest first."""
    return words_by_kind("title_grammar.tsv", "word")


@cache
def title_regex() -> re.Pattern:
    # machine translation drops stray spaces inside titles (รัฐมนตรี ว่าการ)
    return re.compile(longest_alternation(roles(), joint=_SP))


@cache
def _marker_regex() -> re.Pattern:
    """A former/acting marker ending right before a title (อดีต|รักษาการ, glued or spaced)."""
    g = grammar_words()
    words = "|".join(re.escape(w) for w in g["former"] + g["acting"])
    return re.compile(rf"(?:{words}){_SP}$")


@cache
def _qualifier_regex() -> re.Pattern:
    return re.compile(rf"(?:{_SP}(?:{'|'.join(map(re.escape, grammar_words()['qualifier']))}))+")


@cache
def _org_heads() -> tuple[str, ...]:
    return tuple(r["head"] for r in read_tsv("org_heads.tsv"))


@cache
def honorific_regex() -> re.Pattern:
    forms = sorted((r["form"] for r in read_tsv("honorifics.tsv")), key=lambda f: (-len(f), f))
    return re.compile("|".join(re.escape(f) for f in forms))


def find_titles(text: str, bounds: Boundaries) -> list[Title]:
    """Every title in ``text`` that starts on a word boundary, longest form first."""
    by_form = roles()
    former = grammar_words()["former"]
    out = []
    glued = grammar_words()["prefix"]
    head_only = grammar_words()["head_only"]
    for m in title_regex().finditer(text):
        # the tokenizer may glue a word to the title (เป็นสมาชิก): the title still starts here
        if not bounds.at(m.start()) and text[bounds.word_start(m.start()):m.start()] not in glued:
            continue
        form = m.group().replace(" ", "").replace("\u00a0", "")
        if form in head_only and not text.startswith(_org_heads(), m.end()):
            continue    # นายก of นายกิตติพงษ์ is นาย + a name; นายกสมาคม is a president
        role = by_form[form]
        start = m.start()
        marker = _marker_regex().search(text, max(0, start - 12), start)
        is_former = is_acting = False
        if marker:
            start = marker.start()
            is_former = marker.group().strip().startswith(former)
            is_acting = not is_former
        end = m.end()
        if role.link != "posted" and (q := _qualifier_regex().match(text, end)):
            end = q.end()
        word = m.group()
        shorter = tuple(m.start() + k for k in range(len(word) - 1, 1, -1)
                        if word[:k].replace(" ", "") in by_form and by_form[word[:k].replace(" ", "")].role == role.role)
        out.append(Title(start, end, role, m.end(), is_former, is_acting, shorter, form))
    return out
