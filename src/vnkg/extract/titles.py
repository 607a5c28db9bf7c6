"""Official titles (รัฐมนตรีว่าการ, รองนายกรัฐมนตรี, เอกอัครราชทูต …) mapped to role concepts."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import longest_alternation, read_tsv, split_values
from .text import Boundaries

__all__ = ["Role", "Title", "roles", "find_titles", "honorific_regex"]


@dataclass(frozen=True)
class Role:
    role: str            # concept id: Minister, DeputyMinister …
    english: str
    link: str            # adjacent | posted | none
    default_org: str     # org:government, place:vietnam, or ""
    needs_org: bool
    bare: str            # where a title without organization points: "ministry" = the article's ministry


@dataclass(frozen=True)
class Title:
    start: int
    end: int
    role: Role


def _qualify(ref: str) -> str:
    return "" if not ref else ref if ":" in ref else f"org:{ref}"


@cache
def roles() -> dict[str, Role]:
    """Role of every Thai title form."""
    by_form: dict[str, Role] = {}
    for r in read_tsv("roles.tsv"):
        role = Role(r["role"], r["english"], r["link"], _qualify(r["default_org"]), r["needs_org"] == "yes",
                    r.get("bare", ""))
        for form in split_values(r["thai"]):
            by_form.setdefault(form, role)
    return by_form


@cache
def _title_regex() -> re.Pattern:
    # machine translation drops stray spaces inside titles (รัฐมนตรี ว่าการ)
    return re.compile(longest_alternation(roles(), joint=r"[ \u00a0]?"))


@cache
def honorific_regex() -> re.Pattern:
    forms = sorted((r["form"] for r in read_tsv("honorifics.tsv")), key=lambda f: (-len(f), f))
    return re.compile("|".join(re.escape(f) for f in forms))


def find_titles(text: str, bounds: Boundaries) -> list[Title]:
    """Every title in ``text`` that starts on a word boundary, longest form first."""
    by_form = roles()
    out = []
    for m in _title_regex().finditer(text):
        if not bounds.at(m.start()):
            continue
        form = m.group().replace(" ", "").replace("\u00a0", "")
        out.append(Title(m.start(), m.end(), by_form[form]))
    return out
