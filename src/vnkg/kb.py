"""The knowledge base of the Vietnamese state: one layer that every extractor reads.

``ontology/kb/`` holds what an analyst's reference book holds, as TSV with a source column
(``docs/knowledge-base.md`` describes each file): organizations of the Party, the State, the
Government and their foreign counterparts (``organizations.tsv``); the provinces
(``provinces.tsv``) and the bodies every province has (``province_bodies.tsv``), with the
fields their departments share with the ministries (``sectors.tsv``); other places
(``places.tsv``); leaders of record with their posts (``persons.tsv``); named initiatives
(``initiatives.tsv``). Adding an organization or a spelling is one row; the gazetteer, the
title grammar and the name keys are generated from these rows.

Every entity has a ``ref`` (``org:mofa``, ``place:binh-thuan``, ``person:to-lam``) that becomes
its IRI. A province's bodies are not listed: ``entry("org:binh-thuan-party-committee")`` makes
them from the province row and the body row.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from . import names
from .lexicon import kb_rows, split_values
from .model import Kind

__all__ = [
    "Post", "Entry", "BodyType", "Sector", "entries", "entry", "provinces", "body_types", "sectors",
    "body_ref", "department_ref", "chapter_ref", "has_chapters", "persons", "find_person", "state_of", "State",
]


@dataclass(frozen=True)
class Post:
    """A post a person of record held: ``Minister@org:mofa@2016/2021``."""

    role: str
    org: str            # ref of the organization (or ``place:…`` for a state office)
    start: str = ""     # YYYY or YYYY-MM-DD
    end: str = ""

    def held_on(self, day: date | None) -> bool:
        """Whether the post was held on ``day`` (any time when the day is unknown)."""
        if day is None:
            return True
        iso = day.isoformat()
        return (not self.start or self.start[:len(iso)] <= iso) and (not self.end or iso[:len(self.end)] <= self.end)


@dataclass(frozen=True)
class Entry:
    """One entity of the knowledge base."""

    ref: str
    kind: Kind
    english: str
    vietnamese: str = ""
    subtype: str = ""                   # organization subtype, place type or initiative class
    country: str = ""                   # ISO 3166-1 alpha-2, lower case ("" = international)
    parent: str = ""                    # ref
    valid: str = ""                     # YYYY-MM-DD/YYYY-MM-DD, open ends allowed
    succeeded_by: tuple[str, ...] = ()  # refs of the bodies that took over (a change event)
    thai: tuple[str, ...] = ()
    latin: tuple[str, ...] = ()
    posts: tuple[Post, ...] = ()
    province: str = ""                  # ref of the province a provincial body belongs to

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form: Thai first, then Latin (abbreviations, Vietnamese names)."""
        return self.thai + self.latin


@dataclass(frozen=True)
class BodyType:
    """A body every province has (``province_bodies.tsv``)."""

    id: str
    subtype: str
    english: str           # pattern with {name} and {level}
    vietnamese: str
    heads: tuple[str, ...]
    bare: bool             # the head and a level word alone name the article's province's body
    parent: str


@dataclass(frozen=True)
class Sector:
    """A field of government shared by a ministry and the provinces' departments (Sở)."""

    id: str
    english: str
    vietnamese: str
    thai: tuple[str, ...]
    ministries: tuple[str, ...]


def _ref(prefix: str, value: str) -> str:
    return value if ":" in value else f"{prefix}:{value}"


def _posts(cell: str) -> tuple[Post, ...]:
    out = []
    for item in split_values(cell):
        role, org, *period = item.split("@")
        start, _, end = (period[0] if period else "").partition("/")
        out.append(Post(role, _ref("org", org), start, end))
    return tuple(out)


def _rows(name: str, kind: Kind, prefix: str, subtype_col: str) -> list[Entry]:
    out = []
    for row in kb_rows(name):
        latin = tuple(split_values(row.get("latin", "")))
        out.append(Entry(
            ref=f"{prefix}:{row['id']}", kind=kind, english=row.get("english", "") or (latin[:1] or ("",))[0],
            vietnamese=row.get("vietnamese", ""), subtype=row.get(subtype_col, ""),
            country=row.get("country", "vn" if name in ("provinces.tsv",) else ""),
            parent=_ref(prefix, row["parent"]) if row.get("parent") else "",
            valid=row.get("valid", ""),
            succeeded_by=tuple(_ref(prefix, s) for s in split_values(row.get("succeeded_by", "")
                                                                     or row.get("merged_into", ""))),
            thai=tuple(split_values(row.get("thai", ""))), latin=latin,
            posts=_posts(row.get("posts", "")),
        ))
    return out


def _ministry_bodies(ministries: list[Entry]) -> list[Entry]:
    """The bodies every ministry has (``ministry_bodies.tsv``): Đảng ủy Bộ Tài chính is
    คณะกรรมการพรรค + กระทรวงการคลัง."""
    out = []
    for row in kb_rows("ministry_bodies.tsv"):
        for m in ministries:
            names = [f for f in m.thai if f.startswith("กระทรวง")]
            out.append(Entry(
                ref=f"{m.ref}-{row['id']}", kind=Kind.ORGANIZATION, english=row["english"].format(name=m.english),
                vietnamese=row["vietnamese"].format(name=m.vietnamese) if m.vietnamese else "",
                subtype=row["subtype"], country="vn", parent=_ref("org", row["parent"]), valid=m.valid,
                thai=tuple(h + f for h in split_values(row["heads"]) for f in names)))
    return out


@cache
def entries() -> dict[str, Entry]:
    """Every listed entity by ref (provincial bodies are made on demand by ``entry``)."""
    found: dict[str, Entry] = {}
    organizations = _rows("organizations.tsv", Kind.ORGANIZATION, "org", "subtype")
    ministries = [e for e in organizations if e.subtype == "Ministry" and e.country == "vn"]
    for e in (organizations + _ministry_bodies(ministries)
              + _rows("provinces.tsv", Kind.PLACE, "place", "type")
              + _rows("places.tsv", Kind.PLACE, "place", "type")
              + _rows("initiatives.tsv", Kind.INITIATIVE, "initiative", "class")
              + _rows("persons.tsv", Kind.PERSON, "person", "role")):
        found.setdefault(e.ref, e)
    return found


@cache
def provinces() -> tuple[Entry, ...]:
    """The Vietnamese provinces and centrally-run cities, before and after 2025."""
    return tuple(_rows("provinces.tsv", Kind.PLACE, "place", "type"))


@cache
def persons() -> tuple[Entry, ...]:
    return tuple(e for e in entries().values() if e.kind is Kind.PERSON)


@cache
def body_types() -> tuple[BodyType, ...]:
    return tuple(BodyType(r["id"], r["subtype"], r["english"], r.get("vietnamese", ""),
                          tuple(split_values(r["heads"])), r.get("bare") == "yes", r.get("parent", ""))
                 for r in kb_rows("province_bodies.tsv"))


@cache
def sectors() -> tuple[Sector, ...]:
    return tuple(Sector(r["id"], r["english"], r.get("vietnamese", ""), tuple(split_values(r["thai"])),
                        tuple(_ref("org", m) for m in split_values(r.get("ministry", ""))))
                 for r in kb_rows("sectors.tsv"))


def body_ref(province: str, body: str) -> str:
    """``org:binh-thuan-party-committee`` for ``place:binh-thuan`` and ``party-committee``."""
    return f"org:{province.split(':', 1)[1]}-{body}"


def department_ref(province: str, sector: str) -> str:
    """``org:ha-nam-dept-health``: the province's department (Sở) of a sector."""
    return body_ref(province, f"dept-{sector}")


@cache
def _generated() -> dict[str, Entry]:
    """Refs of the bodies of every province (made from the province and body rows)."""
    out: dict[str, Entry] = {}
    for p in provinces():
        level = "City" if p.subtype == "City" else "Provincial"
        for b in body_types():
            is_body = any(b.parent == o.id for o in body_types())
            parent = body_ref(p.ref, b.parent) if is_body else _ref("org", b.parent) if b.parent else ""
            forms = split_values(b.vietnamese)
            vietnamese = forms[min(level == "City", len(forms) - 1)].format(name=p.vietnamese) if forms else ""
            out[body_ref(p.ref, b.id)] = Entry(
                ref=body_ref(p.ref, b.id), kind=Kind.ORGANIZATION,
                english=b.english.format(name=p.english, level=level), vietnamese=vietnamese,
                subtype=b.subtype, country="vn", parent=parent, valid=p.valid, province=p.ref)
        for s in sectors():
            ref = department_ref(p.ref, s.id)
            out[ref] = Entry(ref=ref, kind=Kind.ORGANIZATION,
                             english=f"{p.english} Department of {s.english}", subtype="Department",
                             country="vn", parent=body_ref(p.ref, "peoples-committee"), valid=p.valid,
                             province=p.ref)
    return out


def chapter_ref(province: str, org: str) -> str:
    """``org:can-tho-vietnam-thailand-friendship-association``: a national organization's
    chapter in a province (mass organizations and associations have one in every province)."""
    return f"org:{province.split(':', 1)[1]}-{org.split(':', 1)[1]}"


def has_chapters(e: Entry) -> bool:
    """Whether an organization has provincial chapters: Vietnam's mass organizations and associations."""
    return e.kind is Kind.ORGANIZATION and e.country == "vn" and e.subtype == "Other" and not e.parent.startswith(
        "org:vna") and "news" not in e.english.lower() and "newspaper" not in e.english.lower()


@cache
def _chapter(ref: str) -> Entry | None:
    for p in provinces():
        head = f"org:{p.ref.split(':', 1)[1]}-"
        if not ref.startswith(head):
            continue
        org = entries().get("org:" + ref[len(head):])
        if org is not None and has_chapters(org):
            return Entry(ref=ref, kind=Kind.ORGANIZATION, english=f"{org.english} of {p.english}",
                         subtype=org.subtype, country="vn", parent=org.ref, province=p.ref)
    return None


def entry(ref: str) -> Entry | None:
    """The entity a ref names: listed, a province's body, or a national organization's chapter."""
    return entries().get(ref) or _generated().get(ref) or (_chapter(ref) if ref.startswith("org:") else None)


@cache
def _person_index() -> tuple[dict[str, Entry], dict[tuple, list[tuple[str, Entry]]]]:
    """Persons of record by squeezed form, and their name forms by name block."""
    exact: dict[str, Entry] = {}
    blocks: dict[tuple, list[tuple[str, Entry]]] = {}
    for e in persons():
        for form in e.forms:
            exact.setdefault(form.replace(" ", "").casefold(), e)
            for block in names.blocking_keys(form):
                blocks.setdefault(block, []).append((form, e))
    return exact, blocks


def find_person(name: str) -> Entry | None:
    """The one person of record that a spelling names (any transliteration), or None.

    Two persons of record with one spelling (namesakes) give None: the text alone cannot say which.
    """
    exact, blocks = _person_index()
    hit = exact.get(name.replace(" ", "").casefold())
    if hit:
        return hit
    found = {e.ref: e for block in names.blocking_keys(name) for form, e in blocks.get(block, ())
             if names.same_person(name, form)}
    return next(iter(found.values())) if len(found) == 1 else None


@dataclass(frozen=True)
class State:
    """A state's own offices: what a title of another state's official points to."""

    country: str          # ISO alpha-2, lower case
    place: str            # ref of the country
    government: str       # ref of its government
    legislature: str      # ref of its parliament


@cache
def _states() -> dict[str, State]:
    return {r["country"]: State(r["country"], _ref("place", r["place"]), _ref("org", r["government"]),
                                _ref("org", r["legislature"]) if r.get("legislature") else "")
            for r in kb_rows("states.tsv")}


def state_of(country: str) -> State | None:
    """The state whose ISO code is ``country``; also looked up by the country's place ref."""
    states = _states()
    return states.get(country) or next((s for s in states.values() if s.place == country), None)
