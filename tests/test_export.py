"""Exports: every format parses back to the same graph, byte for byte the same every run."""
from __future__ import annotations

import io
import os
import re
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from rdf_fixtures import (
    ARTICLE_1, DOC, MOFA, PERSON, POLITBURO, POST, TEXT_1, fixture_dataset, fixture_quads,
)
from vnkg import export as export_module
from vnkg.export import FORMATS, export
from vnkg.store import dataset_quads, to_rdflib, union_triples

SRC = str(Path(__file__).resolve().parents[1] / "src")
TESTS = str(Path(__file__).resolve().parent)
RDF_FORMATS = {
    "ttl": (ox.RdfFormat.TURTLE, "turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
    "nq": (ox.RdfFormat.N_QUADS, "nquads"),
    "jsonld": (ox.RdfFormat.JSON_LD, "json-ld"),
}
QUAD_FORMATS = {"trig", "nq", "jsonld"}


def union_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    for t in union_triples(fixture_quads()):
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def shuffled_dataset() -> rdflib.Dataset:
    """The fixture with its quads added in a different order."""
    quads = fixture_quads()
    random.Random(7).shuffle(quads)
    ds = rdflib.Dataset()
    for q in quads:
        ds.graph(to_rdflib(q.graph_name)).add(
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return ds


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_parses_back_with_pyoxigraph(tmp_path: Path, fmt: str) -> None:
    out = export(fixture_dataset(), fmt, tmp_path / f"graph.{fmt}")
    parsed = list(ox.parse(path=str(out), format=RDF_FORMATS[fmt][0]))
    if fmt in QUAD_FORMATS:
        assert dataset_quads(parsed) == fixture_quads()
    else:
        assert {q.triple for q in parsed} == set(union_triples(fixture_quads()))


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_parses_back_with_rdflib(tmp_path: Path, fmt: str) -> None:
    out = export(fixture_dataset(), fmt, tmp_path / f"graph.{fmt}")
    if fmt in QUAD_FORMATS:
        ds = rdflib.Dataset()
        ds.parse(out, format=RDF_FORMATS[fmt][1])
        assert dataset_quads(ds) == fixture_quads()
        union = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        union = rdflib.Graph().parse(out, format=RDF_FORMATS[fmt][1])
    assert isomorphic(union, union_graph())


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_byte_identical_across_runs_and_input_order(tmp_path: Path, fmt: str) -> None:
    a = export(fixture_dataset(), fmt, tmp_path / f"a.{fmt}").read_bytes()
    b = export(shuffled_dataset(), fmt, tmp_path / f"b.{fmt}").read_bytes()
    store = ox.Store()
    store.extend(fixture_quads())
    c = export(store, fmt, tmp_path / f"c.{fmt}").read_bytes()
    assert a == b == c


def test_byte_identical_across_processes(tmp_path: Path) -> None:
    """Another interpreter with another hash seed writes the same bytes."""
    script = textwrap.dedent(f"""
        import sys
        sys.path[:0] = [{SRC!r}, {TESTS!r}]
        from rdf_fixtures import fixture_dataset
        from vnkg.export import FORMATS, export
        for fmt in FORMATS:
            export(fixture_dataset(), fmt, sys.argv[1] + "/graph." + fmt)
    """)
    for seed, folder in (("1", "one"), ("2", "two")):
        (tmp_path / folder).mkdir()
        subprocess.run([sys.executable, "-c", script, str(tmp_path / folder)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    for fmt in FORMATS:
        assert (tmp_path / "one" / f"graph.{fmt}").read_bytes() == \
            (tmp_path / "two" / f"graph.{fmt}").read_bytes(), fmt


def test_turtle_is_readable(tmp_path: Path) -> None:
    text = export(fixture_dataset(), "ttl", tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert text.startswith("@prefix article: <https://w3id.org/vnkg/id/article/> .\n")
    assert "@prefix role: <https://w3id.org/vnkg/role/> ." in text
    assert "@prefix person: <https://w3id.org/vnkg/id/person/> ." in text
    assert "เจิ่น วัน อาน" in text                      # UTF-8, not \u escapes
    # subjects grouped: each subject starts exactly one block
    assert text.count("\nperson:tran-van-an a ") == 1


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_prefixed_names_are_never_escaped(tmp_path: Path, fmt: str) -> None:
    # id:person\/x is valid Turtle, but people and some tools misread it: each path of
    # instance IRIs has a prefix of its own, and any other IRI with a "/" is written whole
    text = export(fixture_dataset(), fmt, tmp_path / f"graph.{fmt}").read_text(encoding="utf-8")
    assert "\\" not in re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)   # no escapes outside strings
    assert "organization:ministry-of-foreign-affairs" in text and "post:" in text
    if fmt == "trig":
        assert "\ngraph:entities {" in text


def test_ntriples_and_nquads_are_sorted_lines(tmp_path: Path) -> None:
    for fmt in ("nt", "nq"):
        lines = export(fixture_dataset(), fmt, tmp_path / f"g.{fmt}").read_bytes().splitlines()
        assert lines == sorted(set(lines))
    nt = (tmp_path / "g.nt").read_bytes().splitlines()
    assert len(nt) == len(union_triples(fixture_quads()))


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("trig", "trig"), ("nt", "ntriples"),
                                         ("nq", "nquads")])
def test_rapper_accepts(tmp_path: Path, fmt: str, parser: str) -> None:
    out = export(fixture_dataset(), fmt, tmp_path / f"graph.{fmt}")
    done = subprocess.run(["rapper", "-i", parser, "-c", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    expected = len(fixture_quads()) if fmt in QUAD_FORMATS else len(union_triples(fixture_quads()))
    assert f"returned {expected} triples" in done.stderr


def test_graphml_is_the_entity_network(tmp_path: Path) -> None:
    # what a Gephi user expects: typed, labelled entities; posts as role-labelled edges from
    # the person to the organization; no posts, evidence, articles or rdf:subject edges
    out = export(fixture_dataset(), "graphml", tmp_path / "graph.graphml")
    g = nx.read_graphml(out, force_multigraph=True)
    person = g.nodes[str(PERSON)]
    assert (person["label"], person["kind"], person["type"]) == ("Tran Van An", "Person", "Person")
    assert "เจิ่น วัน อาน" in person["names"].split(" | ")
    assert (g.nodes[str(MOFA)]["kind"], g.nodes[str(MOFA)]["type"]) == ("Organization", "Ministry")
    assert (g.nodes[str(DOC)]["kind"], g.nodes[str(DOC)]["type"]) == ("LegalDocument", "Legislation")
    assert g.nodes[str(PERSON)]["articles"] >= 1
    for gone in (POST, ARTICLE_1):
        assert str(gone) not in g
    assert not any("/evidence/" in n or "/statement/" in n for n in g)
    post = g.get_edge_data(str(PERSON), str(MOFA))
    assert [(d["rel"], d["label"]) for d in post.values()] == [("post", "Minister")]
    assert {d["rel"] for *_, d in g.edges(data=True)} >= {"post", "legislationPassedBy", "partnerIn"}
    for _, data in g.nodes(data=True):
        assert set(data) == {"label", "kind", "type", "names", "posts", "articles", "first_seen", "last_seen"}


def test_entities_and_posts_as_csv_tables(tmp_path: Path) -> None:
    import pandas as pd

    entities = pd.read_csv(export(fixture_dataset(), "entities", tmp_path / "entities.csv"), keep_default_na=False)
    assert list(entities.columns) == ["iri", "kind", "type", "label", "names", "articles", "first_seen", "last_seen"]
    assert entities.set_index("iri").loc[str(MOFA), "type"] == "Ministry"
    assert entities["iri"].is_unique and entities["iri"].is_monotonic_increasing
    posts = pd.read_csv(export(fixture_dataset(), "posts", tmp_path / "posts.csv"), keep_default_na=False)
    assert list(posts.columns) == ["post", "person", "person_label", "role", "role_label", "organization",
                                   "organization_label", "first_observed", "last_observed", "articles"]
    row = posts.set_index("post").loc[str(POST)]
    assert (row["person"], row["role_label"], row["organization"]) == (str(PERSON), "Minister", str(MOFA))


def test_export_to_an_open_file(tmp_path: Path) -> None:
    # `vnkg export -o -` writes to standard output: the same bytes as the file
    buffer = io.BytesIO()
    export(fixture_dataset(), "ttl", buffer)
    assert buffer.getvalue() == export(fixture_dataset(), "ttl", tmp_path / "g.ttl").read_bytes()


def test_failed_export_keeps_the_previous_file(tmp_path: Path, monkeypatch) -> None:
    out = export(fixture_dataset(), "ttl", tmp_path / "graph.ttl")
    before = out.read_bytes()

    def broken(quads, fh):
        fh.write(b"@prefix half")
        raise RuntimeError("disk full")

    monkeypatch.setitem(export_module._WRITERS, "ttl", broken)
    with pytest.raises(RuntimeError):
        export(fixture_dataset(), "ttl", out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(fixture_dataset(), "rdfxml", tmp_path / "graph.rdf")


def test_written_file_has_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        out = export(fixture_dataset(), "nt", tmp_path / "graph.nt")
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644


TRICKY_SLUGS = ["เหงียน-มานห์-หุ่ง", "กระทรวงฯ", "ไป-ๆ", "a.b.", "-x", "x/", "x%20y", "o'neil", "(x)", "57-NQ-TW", "Đà-Nẵng", "a~b!c"]


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_tricky_iris_and_literals_round_trip(tmp_path: Path, fmt: str) -> None:
    """Slugs may carry Thai or punctuation; literals quotes, backslashes, newlines."""
    graph = ox.NamedNode("https://w3id.org/vnkg/id/article/0123456789abcdef")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    quads = [ox.Quad(ox.NamedNode(f"https://w3id.org/vnkg/id/person/{slug}"), label,
                     ox.Literal(f'ชื่อ "{slug}" \\ \n\t{i}', language="th"), graph)
             for i, slug in enumerate(TRICKY_SLUGS)]
    out = export(quads, fmt, tmp_path / f"graph.{fmt}")
    parsed = list(ox.parse(path=str(out), format=RDF_FORMATS[fmt][0]))
    assert {q.triple for q in parsed} == {q.triple for q in quads}
    ds = rdflib.Dataset()
    ds.parse(out, format=RDF_FORMATS[fmt][1])
    assert {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))} == {
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads}
    if fmt in ("ttl", "trig"):      # what needs an escape is written whole
        assert "\\" not in re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', out.read_text(encoding="utf-8"))
    if shutil.which("rapper") and fmt != "jsonld":
        parser = {"ttl": "turtle", "nt": "ntriples", "trig": "trig", "nq": "nquads"}[fmt]
        done = subprocess.run(["rapper", "-i", parser, "-c", str(out)], capture_output=True, text=True)
        assert done.returncode == 0 and f"returned {len(quads)} triples" in done.stderr, done.stderr
