"""The built graph as a linked-data specialist reads it: SKOS labels, ORG ranges, the
observation dates of posts, and Turtle that a second parser (rapper) reads alike.

Checked on graphs built by the real command from the seeds, and on small graphs built and
then grown with ``vnkg add`` from articles written for these tests.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import VISIT, select, store_quads, write
from test_incremental import DEFENCE_VISIT
from vnkg.incremental import add
from vnkg.lexicon import ontology_dir
from vnkg.pipeline import build
from vnkg.query import load_query_text, run_query
from vnkg.store import PREFIXES, open_store

ENTITIES = "<https://w3id.org/vnkg/graph/entities>"
SAME_LABEL = "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label ; skos:altLabel ?label }"

# Written for these tests: the expo of DEFENCE_VISIT ("Vietnam Defence Expo 2024") named
# once, and its next edition twice, so that the new article alone would label it "2026".
EXPO = """\
งาน Vietnam Defence Expo 2026 เตรียมเปิดที่กรุงฮานอย

เมื่อวันที่ 20 ตุลาคม 2568 ณ กรุงฮานอย กระทรวงกลาโหมแถลงว่างาน "Vietnam Defence Expo 2026" จะมีบริษัทจากกว่า 30 ประเทศเข้าร่วม
ผู้จัดงานกล่าวว่า "Vietnam Defence Expo 2026" จะใหญ่กว่างาน "Vietnam Defence Expo 2024" ที่ผ่านมา
"""
# Written for these tests: the deputy director of VISIT (14 March 2024) on a later trip.
TRIP = """\
รองอธิบดีเจิ่น วัน ฟอง เยือนนครดานัง

เมื่อวันที่ 2 พฤษภาคม 2567 นายเจิ่น วัน ฟอง รองอธิบดีกรมเอเชียตะวันออกเฉียงใต้ กระทรวงการต่างประเทศ ได้เดินทางไปเยือนนครดานัง
นายเจิ่น วัน ฟอง กล่าวว่าความร่วมมือกับไทยจะขยายตัวต่อไป
"""


# --------------------------------------------------------------------------- SKOS

def test_no_resource_has_the_same_preferred_and_alternative_label(seeds_graph: Path) -> None:
    # SKOS integrity condition S13: skos:prefLabel and skos:altLabel are disjoint
    assert select(seeds_graph, SAME_LABEL) == []


def test_add_never_restates_a_known_preferred_label(tmp_path: Path) -> None:
    visit, expo = write(tmp_path / "a" / "visit.txt", DEFENCE_VISIT), write(tmp_path / "b" / "expo.txt", EXPO)
    graph = tmp_path / "graph"
    build([str(visit)], graph, write_view=False)
    add([str(expo)], graph, write_files=False)
    assert select(graph, SAME_LABEL) == []
    labels = select(graph, 'SELECT ?label WHERE { ?e a vnkg:Initiative ; skos:prefLabel ?label }')
    assert [row[0].value for row in labels] == ["Vietnam Defence Expo 2024"]     # the graph's label stays
    alt = {row[0].value for row in select(graph, "SELECT ?n WHERE { ?e a vnkg:Initiative ; skos:altLabel ?n }")}
    assert "Vietnam Defence Expo 2026" in alt


# --------------------------------------------------------------------------- ORG

def _with_vocabulary(graph: Path) -> ox.Store:
    """The graph's quads and the vocabulary (its subclass axioms), in one store."""
    store = ox.Store()
    store.extend(store_quads(graph))
    store.load(path=str(ontology_dir() / "vnkg.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def test_posts_are_held_in_organizations(seeds_graph: Path) -> None:
    # org:postIn ranges over org:Organization (W3C ORG), a type stated or following from the
    # vocabulary's subclass axioms (RDFS); a place is no organization
    store = _with_vocabulary(seeds_graph)
    organization = "?x a/rdfs:subClassOf* org:Organization"
    for pattern in ("?post org:postIn ?x", "?a org:subOrganizationOf ?x", "?x org:subOrganizationOf ?a"):
        outside = list(store.query(f"SELECT * WHERE {{ {pattern} FILTER NOT EXISTS {{ {organization} }} }}",
                                   use_default_graph_as_union=True, prefixes=PREFIXES))
        assert outside == [], pattern
    assert not list(store.query("SELECT * WHERE { ?post org:postIn ?x . ?x a schema:Place }",
                                use_default_graph_as_union=True, prefixes=PREFIXES))


def test_a_countrys_posts_are_its_states(seeds_graph: Path) -> None:
    # "President Ho Chi Minh" of Vietnam: the post is in the State of Vietnam, an organization
    # called by the country's names, serving the country (a schema:Place)
    rows = select(seeds_graph, """
        SELECT ?state ?place WHERE {
          ?person rdfs:label "Ho Chi Minh"@en ; org:holds ?post .
          ?post org:role role:President ; org:postIn ?state .
          ?state a vnkg:State ; schema:areaServed ?place .
          ?place a schema:Place }""")
    assert len(rows) == 1
    state, place = rows[0]
    names = {row[0].value for row in select(seeds_graph, f"""
        SELECT ?name WHERE {{ {state} rdfs:label|skos:prefLabel|skos:altLabel ?name }}""")}
    assert {"Vietnam", "เวียดนาม"} <= names
    assert place.value.endswith("/place/vietnam") and state.value.endswith("/org/state-vietnam")
    # what the evaluation reads (CONTRACT.md): ?person org:holds ?post . ?post org:postIn ?org ; org:role ?role
    assert select(seeds_graph, """SELECT ?org WHERE { ?p org:holds ?post . ?post org:postIn ?org ; org:role role:President .
                                          ?org skos:altLabel|skos:prefLabel "เวียดนาม"@th }""") == [(state,)]
    # an organization by the vocabulary: one entity named Vietnam to a reader of explicit types
    vocabulary = _with_vocabulary(seeds_graph)
    assert vocabulary.query(f"ASK {{ {state} a/rdfs:subClassOf* org:Organization }}", prefixes=PREFIXES,
                            use_default_graph_as_union=True)
    assert select(seeds_graph, f"SELECT ?t WHERE {{ {state} a ?t }}") == [(ox.NamedNode("https://w3id.org/vnkg/State"),)]
    officials = run_query(open_store(seeds_graph / "store", read_only=True), load_query_text("officials"),
                          {"org": "เวียดนาม"})
    assert [(r[1], r[2]) for r in officials.rows] == [("Ho Chi Minh", "President")]


# --------------------------------------------------------------------------- observation dates

FIRST_LAST = f"""
    SELECT ?post ?first ?last WHERE {{ GRAPH {ENTITIES} {{
      ?post vnkg:firstObserved ?first ; vnkg:lastObserved ?last }} }} ORDER BY ?post"""
FROM_REPORTS = """
    SELECT ?post (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {
      GRAPH ?article { ?post vnkg:observedOn ?date } } GROUP BY ?post ORDER BY ?post"""


def test_each_post_states_its_first_and_last_observation(seeds_graph: Path) -> None:
    stated = select(seeds_graph, FIRST_LAST)
    assert stated == select(seeds_graph, FROM_REPORTS)
    assert {first.datatype.value for _, first, _ in stated} == {"http://www.w3.org/2001/XMLSchema#date"}
    mic = [(f.value, last.value) for post, f, last in stated
           if post.value.endswith("nguyen-manh-hung--Minister--org_mic")]
    assert mic == [("2024-07-29", "2024-11-28")]


def test_add_moves_the_observation_dates(tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    build([str(write(tmp_path / "a" / "visit.txt", VISIT))], graph, write_view=False)
    trip = write(tmp_path / "b" / "trip.txt", TRIP)
    add([str(trip)], graph, write_files=False)
    stated = select(graph, FIRST_LAST)
    assert stated == select(graph, FROM_REPORTS)
    assert ("2024-03-14", "2024-05-02") in {(f.value, last.value) for _, f, last in stated}
    # the trip was in April after all: the article replaces the old one, and the last date moves back
    write(trip, TRIP.replace("2 พฤษภาคม 2567", "2 เมษายน 2567"))
    add([str(trip)], graph, write_files=False)
    stated = select(graph, FIRST_LAST)
    assert stated == select(graph, FROM_REPORTS)
    assert ("2024-03-14", "2024-04-02") in {(f.value, last.value) for _, f, last in stated}
    # and a full build of the same articles says the same
    full = tmp_path / "full"
    build([str(tmp_path / "a"), str(trip)], full, write_view=False)
    assert store_quads(full) == store_quads(graph)


LEGACY = """\
ผู้แทนเวียดนามเยือนกรุงเทพฯ
เมื่อวันที่ 5 มิถุนายน 2566 รัฐมนตรีว่าการกระทรวงการต่างประเทศ บุ่ย แถ่ง เซิน กล่าวว่า ความสัมพันธ์ทั้งสองประเทศสืบทอดรากฐานที่ประธานาธิบดีโฮจิมินห์ได้วางไว้
"""


def test_a_post_of_the_past_is_stated_as_past_not_observed(tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    build([str(write(tmp_path / "in" / "legacy.txt", LEGACY))], graph, write_view=False)
    rows = {post.value.rsplit("/", 1)[1]: (ended and ended.value, seen and seen.value) for post, ended, seen in select(graph, """
        SELECT ?post ?ended ?seen WHERE { ?post a org:Post
          OPTIONAL { ?post schema:endDate ?ended } OPTIONAL { ?post vnkg:observedOn ?seen } }""")}
    assert rows["person_ho-chi-minh--President--org_state-vietnam"] == ("1969", None)
    assert rows["person_bui-thanh-son--Minister--org_mofa"] == (None, "2023-06-05")
    assert not select(graph, "SELECT ?p WHERE { ?p vnkg:firstObserved ?d FILTER(CONTAINS(STR(?p), 'ho-chi-minh')) }")


# --------------------------------------------------------------------------- Turtle, read by another parser

@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig"])
def test_prefixed_names_need_no_escapes(seeds_graph: Path, name: str) -> None:
    text = (seeds_graph / name).read_text(encoding="utf-8")
    code = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)          # strings left out
    assert "\\" not in code
    assert "person:nguyen-manh-hung" in code and "organization:mofa" in code


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed: .ci/run installs it")
@pytest.mark.parametrize("name, syntax", [("graph.ttl", "turtle"), ("graph.trig", "trig")])
def test_rapper_reads_the_built_graph_alike(seeds_graph: Path, name: str, syntax: str) -> None:
    done = subprocess.run(["rapper", "-i", syntax, "-o", "ntriples", str(seeds_graph / name)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    theirs = {q.triple for q in ox.parse(done.stdout.encode(), format=ox.RdfFormat.N_TRIPLES)}  # \u escapes
    assert theirs == {q.triple for q in store_quads(seeds_graph)}
