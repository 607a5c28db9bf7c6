"""Mentions of entities the knowledge base knows by name: one gazetteer over every KB form.

A Thai form may name bodies of several states (กระทรวงการต่างประเทศ is Vietnam's ministry
and Thailand's): the mention takes the Vietnamese one and keeps the others as ``alt_refs``,
which the relation stage reads when the context says which state is meant.
"""
from __future__ import annotations

import re
from functools import cache
from typing import cast

from pythainlp.corpus import countries, provinces as thai_provinces

from .. import kb
from ..kb import Entry, entries
from ..lexicon import longest_alternation, read_tsv, split_values, words_by_kind
from ..model import Kind, Mention
from ..script import has_thai, language_of
from .text import Boundaries, Gazetteer, Term, register_words

__all__ = ["entry", "gazetteer", "known_mentions", "outlet_ref", "place_end", "place_forms", "qualify_by_country"]

# provinces of Thailand that are also everyday words: named only with จังหวัด before them
_THAI_PROVINCE_WORDS = frozenset({"เลย", "ตาก", "น่าน", "แพร่", "ตราด", "พัง", "สตูล", "ยะลา", "ระนอง"})


@cache
def _head_forms() -> dict[str, tuple[str, ...]]:
    """Place type → the head words written before such a place's name (จังหวัด, นคร …)."""
    out: dict[str, list[str]] = {}
    for r in read_tsv("place_heads.tsv"):
        out.setdefault(r["type"], []).append(r["head"])
    return {k: tuple(v) for k, v in out.items()}


def place_forms(e: Entry) -> tuple[str, ...]:
    """A place's forms with the head words its type takes (จังหวัดกว๋างนิญ, นครดานัง)."""
    heads = _head_forms().get(e.subtype, ())
    extra = [h + f for h in heads for f in e.thai if not f.startswith(heads)]
    return tuple(dict.fromkeys(e.forms + tuple(extra)))


@cache
def _extra_places() -> tuple[Entry, ...]:
    """Places from PyThaiNLP's bundled lists that the knowledge base does not list:
    the world's countries by Thai name, and Thailand's provinces."""
    listed = {f for e in entries().values() if e.kind is Kind.PLACE for f in e.forms}
    out = [Entry(ref=f"place:th-{name}", kind=Kind.PLACE, english="", subtype="Country", thai=(name,))
           for name in sorted(countries()) if name not in listed]
    for p in cast(list[dict[str, str]], thai_provinces(details=True)):
        name = p["name_th"]
        if name in listed or "จังหวัด" + name in listed:
            continue
        slug = p["name_en"].lower().replace(" ", "-")
        if f"place:{slug}" in entries():
            continue
        forms = ("จังหวัด" + name,) + (() if name in _THAI_PROVINCE_WORDS else (name,))
        out.append(Entry(ref=f"place:{slug}", kind=Kind.PLACE, english=p["name_en"], subtype="Province",
                         country="th", thai=forms))
    return tuple(out)


def _terms() -> list[Term]:
    out: list[Term] = []
    for e in list(entries().values()) + list(_extra_places()):
        forms = place_forms(e) if e.kind is Kind.PLACE else e.forms
        out.extend(Term(form, e.kind.value, e.ref, language_of(form)) for form in forms)
    return out


@cache
def gazetteer() -> Gazetteer:
    terms = _terms()
    register_words(t.form for t in terms)
    return Gazetteer(terms)


@cache
def _extra_by_ref() -> dict[str, Entry]:
    return {e.ref: e for e in _extra_places()}


def entry(ref: str) -> Entry | None:
    """The entity a ref names: the knowledge base's, or a place of PyThaiNLP's lists."""
    return kb.entry(ref) or _extra_by_ref().get(ref)


@cache
def _compounds() -> dict[str, tuple[str, ...]]:
    return {row["form"]: tuple(split_values(row["followed_by"])) for row in read_tsv("compounds.tsv")}


def _rank(term: Term) -> tuple:
    """Organizations before places; of several states' bodies, Vietnam's, then international."""
    e = entries().get(term.ref)
    country = e.country if e else ""
    return (term.kind != Kind.ORGANIZATION.value, country != "vn", country != "", term.ref)


def known_mentions(text: str, bounds: Boundaries) -> list[Mention]:
    """Mentions of knowledge-base entities, longest match first."""
    out = []
    compounds = _compounds()
    for start, end, terms in gazetteer().find(text, bounds):
        if text.startswith(compounds.get(text[start:end], ()), end):
            continue
        ranked = sorted(terms, key=_rank)
        term = ranked[0]
        attrs = []
        e = entries().get(term.ref)
        if term.kind == Kind.ORGANIZATION.value and e and e.subtype:
            attrs.append(("subtype", e.subtype))
        others = [t.ref for t in ranked[1:] if t.kind == term.kind and t.ref != term.ref]
        if others:
            attrs.append(("alt_refs", "|".join(dict.fromkeys(others))))
        out.append(Mention(kind=Kind(term.kind), start=start, end=end, text=text[start:end],
                           lang=term.lang if has_thai(term.form) else language_of(text[start:end]),
                           ref=term.ref, attrs=tuple(sorted(attrs))))
    return out


@cache
def _latin_orgs() -> dict[str, str]:
    return {f.casefold(): e.ref for e in sorted(entries().values(), key=lambda e: e.ref)
            if e.kind is Kind.ORGANIZATION for f in e.latin}


def outlet_ref(name: str) -> str | None:
    """The knowledge base's outlet for a name printed on a page's date line (Báo Dân trí)."""
    return _latin_orgs().get(name.casefold())


def qualify_by_country(text: str, mentions: list[Mention]) -> list[Mention]:
    """A body's name with its country glued after it (กรมการเมืองเวียดนาม,
    กระทรวงการต่างประเทศสาธารณรัฐสังคมนิยมเวียดนาม) is one name: the country is no place mention
    of its own, and a name other states' bodies share is that country's body, whatever else the
    article says."""
    places = {m.start: m for m in mentions if m.kind is Kind.PLACE and m.text and m.ref}
    absorbed: set[int] = set()
    out = []
    for m in mentions:
        place = None
        if m.kind is Kind.ORGANIZATION and m.text:
            # กระทรวงการต่างประเทศมาเลเซีย, กระทรวงแผนการและการลงทุนของลาว
            at = m.end + len(_possessive().match(text, m.end).group())
            place = places.get(at)
        country = entry(place.ref) if place is not None else None
        if country is None or country.subtype != "Country":
            out.append(m)
            continue
        absorbed.add(id(place))
        ref, attrs = m.ref, dict(m.attrs)
        candidates = [r for r in (m.ref, *(m.attr("alt_refs") or "").split("|")) if r]
        own = next((r for r in candidates if (e := entry(r)) and _country_of(e.country) == country.ref), None)
        if own:
            ref, attrs["qualified"] = own, "1"
        elif m.ref and (e := entry(m.ref)) and e.country and _country_of(e.country) != country.ref:
            ref = None      # the knowledge base holds no such body of that state: a body of its own
            attrs.pop("alt_refs", None)
        out.append(Mention(m.kind, m.start, place.end, text[m.start:place.end], m.lang, ref=ref,
                           attrs=tuple(sorted(attrs.items()))))
    return [m for m in out if id(m) not in absorbed]


_OF_THE_PARTY = re.compile(r"(?:ของ)?พรรค(?:คอมมิวนิสต์เวียดนาม)?(?![\u0E01-\u0E4E])")


def with_the_party(text: str, mentions: list[Mention]) -> list[Mention]:
    """A central Party body's name with "of the Party" glued after it
    (คณะกรรมการโฆษณาชวนเชื่อและระดมมวลชนส่วนกลางพรรค) is one name."""
    out = []
    for m in mentions:
        e = entry(m.ref) if m.kind is Kind.ORGANIZATION and m.ref and m.text else None
        party = _OF_THE_PARTY.match(text, m.end) if e and e.subtype == "PartyBody" and e.country == "vn" else None
        if party is None:
            out.append(m)
            continue
        out.append(Mention(m.kind, m.start, party.end(), text[m.start:party.end()], m.lang, ref=m.ref, attrs=m.attrs))
    return out


@cache
def _possessive() -> re.Pattern:
    """What may stand between a body's name and its country: nothing, or ของ / แห่ง."""
    words = "|".join(map(re.escape, words_by_kind("org_grammar.tsv", "word")["possessive"]))
    return re.compile(f"(?:{words})?")


def _country_of(iso: str) -> str | None:
    state = kb.state_of(iso)
    return state.place if state else None


@cache
def _place_name_regex() -> re.Pattern:
    names = {f for e in list(entries().values()) + list(_extra_places()) if e.kind is Kind.PLACE for f in e.thai}
    return re.compile(longest_alternation(names))


def place_end(text: str, pos: int) -> int | None:
    """End of the longest place name (without head word) that starts at ``pos``, if any."""
    m = _place_name_regex().match(text, pos)
    return m.end() if m else None
