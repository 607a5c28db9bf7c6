"""Entities known from lexicons: organizations, places, initiatives and well-known persons."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from pythainlp.corpus import countries

from ..lexicon import read_tsv, split_values
from ..model import Kind, Mention
from ..script import has_thai, language_of
from .text import Boundaries, Gazetteer, Term, register_words

__all__ = ["Entry", "entries", "entry", "gazetteer", "known_mentions"]

@dataclass(frozen=True)
class Entry:
    """A lexicon entity: ``ref`` is ``org:mofa``, ``place:hanoi`` …"""

    ref: str
    kind: Kind
    english: str
    subtype: str = ""
    parent: str = ""
    valid: str = ""
    forms: tuple[str, ...] = ()
    succeeded_by: str = ""          # ref of the body that took over after a merger


def _rows(name: str, kind: Kind, prefix: str, subtype_col: str) -> list[Entry]:
    out = []
    for row in read_tsv(name):
        forms = tuple(split_values(row.get("thai", "")) + split_values(row.get("latin", "")))
        succ = row.get("succeeded_by", "")
        out.append(Entry(ref=f"{prefix}:{row['id']}", kind=kind, english=row["english"],
                         subtype=row.get(subtype_col, ""), parent=row.get("parent", ""),
                         valid=row.get("valid", ""), forms=forms, succeeded_by=f"{prefix}:{succ}" if succ else ""))
    return out


@cache
def entries() -> dict[str, Entry]:
    """Every lexicon entity by ref."""
    found: dict[str, Entry] = {}
    for e in (_rows("organizations.tsv", Kind.ORGANIZATION, "org", "subtype")
              + _rows("places.tsv", Kind.PLACE, "place", "type")
              + _rows("initiatives.tsv", Kind.INITIATIVE, "initiative", "class")
              + _rows("persons.tsv", Kind.PERSON, "person", "role")):
        found[e.ref] = e
    heads = [(r["head"], r["type"]) for r in read_tsv("place_heads.tsv")]
    for ref, e in list(found.items()):
        if e.kind is Kind.PLACE:
            # จังหวัดกว๋างนิญ, เมืองดานัง: the head word belongs to the mention
            extra = tuple(h + f for h, t in heads if t == e.subtype for f in e.forms
                          if has_thai(f) and not f.startswith(h))
            found[ref] = replace(e, forms=tuple(dict.fromkeys(e.forms + extra)))
    known_place_forms = {f for e in found.values() if e.kind is Kind.PLACE for f in e.forms}
    for name in sorted(countries()):
        if name not in known_place_forms:
            # pythainlp lists Thai country names only; the Thai name is the label
            found[f"place:th-{name}"] = Entry(ref=f"place:th-{name}", kind=Kind.PLACE,
                                              english="", subtype="Country", forms=(name,))
    return found


def entry(ref: str) -> Entry | None:
    return entries().get(ref)


@cache
def gazetteer() -> Gazetteer:
    terms = [Term(form, e.kind.value, e.ref, language_of(form))
             for e in entries().values() for form in e.forms]
    register_words(t.form for t in terms)
    return Gazetteer(terms)


@cache
def _compounds() -> dict[str, tuple[str, ...]]:
    return {row["form"]: tuple(split_values(row["followed_by"])) for row in read_tsv("compounds.tsv")}


def known_mentions(text: str, bounds: Boundaries) -> list[Mention]:
    """Mentions of lexicon entities, longest match first."""
    out = []
    compounds = _compounds()
    for start, end, terms in gazetteer().find(text, bounds):
        if text.startswith(compounds.get(text[start:end], ()), end):
            continue
        # one form may name two entities of different kinds; prefer organizations over places
        term = sorted(terms, key=lambda t: (t.kind != Kind.ORGANIZATION.value, t.ref))[0]
        subtype = entries()[term.ref].subtype if term.kind == Kind.ORGANIZATION.value else ""
        out.append(Mention(kind=Kind(term.kind), start=start, end=end, text=text[start:end],
                           lang=term.lang, ref=term.ref, attrs=(("subtype", subtype),) if subtype else ()))
    return out
