"""The knowledge base (ontology/kb/): well-formed rows, references that resolve, and the
entities the code makes from it."""
from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from vnkg import kb
from vnkg.lexicon import kb_rows, ontology_dir, split_values

FILES = sorted(p.name for p in (ontology_dir() / "kb").glob("*.tsv"))
ID_FILES = ["organizations.tsv", "places.tsv", "provinces.tsv", "persons.tsv", "initiatives.tsv",
            "events.tsv", "sectors.tsv", "province_bodies.tsv", "ministry_bodies.tsv"]


@pytest.mark.parametrize("name", FILES)
def test_every_row_has_a_source_and_clean_text(name):
    rows = kb_rows(name)
    assert rows, name
    for row in rows:
        assert row.get("source"), (name, row)
        for value in row.values():
            assert unicodedata.is_normalized("NFC", value) and value == value.strip(), (name, value)
            assert "\t" not in value and "\n" not in value


@pytest.mark.parametrize("name", ID_FILES)
def test_ids_are_unique_slugs(name):
    ids = Counter(r["id"] for r in kb_rows(name))
    assert not [i for i, n in ids.items() if n > 1], name
    assert all(i and i == i.lower() and " " not in i and i.isascii() for i in ids), name


def test_places_and_provinces_do_not_share_ids():
    assert not {r["id"] for r in kb_rows("places.tsv")} & {r["id"] for r in kb_rows("provinces.tsv")}


def test_every_reference_resolves():
    missing = set()
    for e in kb.entries().values():
        for ref in filter(None, (e.parent, *e.succeeded_by, *(p.org for p in e.posts))):
            if kb.entry(ref) is None:
                missing.add((e.ref, ref))
    for s in kb_rows("sectors.tsv"):
        missing |= {(s["id"], f"org:{m}") for m in split_values(s["ministry"]) if kb.entry(f"org:{m}") is None}
    for country in (r["country"] for r in kb_rows("states.tsv")):
        state = kb.state_of(country)
        missing |= {(country, ref) for ref in (state.place, state.government, state.legislature)
                    if kb.entry(ref) is None}
    assert not missing


def test_roles_of_posts_are_concepts_of_the_role_scheme():
    from rdflib import Graph, Namespace
    onto = Graph().parse(ontology_dir() / "vnkg.ttl")
    scheme = {str(s).rsplit("/", 1)[-1] for s in onto.subjects(None, Namespace("https://w3id.org/vnkg/")["roles"])}
    used = {p.role for e in kb.persons() for p in e.posts}
    assert used and used <= scheme | {"Other"}


def test_the_2025_restructuring_is_linked_by_successors():
    assert "org:most" in kb.entry("org:mic").succeeded_by
    assert set(kb.entry("org:monre").succeeded_by) == set(kb.entry("org:mard").succeeded_by) == {"org:mae"}
    assert kb.entry("place:ha-giang").succeeded_by == ("place:tuyen-quang",)


def test_every_province_has_its_bodies():
    assert len(kb.provinces()) >= 63
    for p in kb.provinces():
        for body in kb.body_types():
            e = kb.entry(kb.body_ref(p.ref, body.id))
            assert e is not None and e.province == p.ref and p.english in e.english
    assert kb.entry("org:binh-thuan-party-committee").english == "Binh Thuan Provincial Party Committee"
    assert kb.entry("org:da-nang-party-committee").english == "Da Nang City Party Committee"
    assert kb.entry("org:da-nang-party-committee").vietnamese == "Thành ủy Đà Nẵng"
    assert kb.entry("org:ha-nam-dept-health").english == "Ha Nam Department of Health"


def test_a_chapter_exists_only_for_a_mass_organization():
    assert kb.entry("org:nghe-an-vietnam-womens-union").english.endswith("of Nghe An")
    assert kb.entry("org:nghe-an-mofa") is None


@pytest.mark.parametrize("spelling, ref", [
    ("เหวียน ฟู้ จ่อง", "person:nguyen-phu-trong"),       # Thai journalism
    ("เหงียนฟู้จ่อง", "person:nguyen-phu-trong"),          # machine translation, no spaces
    ("Nguyễn Phú Trọng", "person:nguyen-phu-trong"),
    ("ฝ่าม มิงห์ จิ๋งห์", "person:pham-minh-chinh"),
    ("ประยุทธ์ จันทร์โอชา", "person:prayut-chan-o-cha"),
])
def test_a_leader_of_record_by_any_spelling(spelling, ref):
    assert kb.find_person(spelling).ref == ref


def test_an_unknown_name_is_no_leader_of_record():
    assert kb.find_person("เหงียน วัน ซอกซ์") is None


def test_posts_are_dated():
    trong = kb.entry("person:nguyen-phu-trong")
    from datetime import date
    gs = [p for p in trong.posts if p.role == "GeneralSecretary"]
    assert gs and any(p.held_on(date(2020, 1, 1)) for p in gs) and not any(p.held_on(date(2025, 1, 1)) for p in gs)


def test_no_two_entities_share_a_latin_name():
    """One row per entity: a Latin name (compared without case, spaces, punctuation or
    diacritics, as a reader matches names) belongs to one entity only. Thai names may be shared:
    every state has its กระทรวงการต่างประเทศ, and the article says which."""
    def folded(name: str) -> str:
        plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
        return "".join(ch for ch in plain if ch.isalnum() and ch.isascii()).casefold()
    owners: dict[str, set[str]] = {}
    for e in kb.entries().values():
        for name in (e.english, *e.latin):
            if name and folded(name):
                owners.setdefault(folded(name), set()).add(e.ref)
    assert {name: refs for name, refs in owners.items() if len(refs) > 1} == {}
