"""The on-disk store: term conversion, atomic rebuilds, graph replacement, locking."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from rdf_fixtures import ARTICLE_1, ARTICLE_2, ENTITIES, fixture_quads
from vnkg.store import (
    StoreError, StoreLockedError, compact_iri, dataset_quads, open_store, replace_graphs,
    replace_store, to_oxigraph, to_rdflib, union_triples,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
SRC = str(Path(__file__).resolve().parents[1] / "src")


def graph_quads(store: ox.Store, graph: URIRef) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))


# --------------------------------------------------------------------------- terms

@pytest.mark.parametrize("term, expected", [
    (URIRef("https://w3id.org/vnkg/id/person/x"), ox.NamedNode("https://w3id.org/vnkg/id/person/x")),
    (Literal("เหงียน \"มานห์\"\nหุ่ง", lang="th"), ox.Literal("เหงียน \"มานห์\"\nหุ่ง", language="th")),
    (Literal("Nguyễn Mạnh Hùng", lang="vi"), ox.Literal("Nguyễn Mạnh Hùng", language="vi")),
    (Literal("2024-03-05", datatype=URIRef(XSD + "date")),
     ox.Literal("2024-03-05", datatype=ox.NamedNode(XSD + "date"))),
    (Literal("57-NQ/TW"), ox.Literal("57-NQ/TW")),
    (Literal("x", datatype=URIRef(XSD + "string")), ox.Literal("x")),
    (BNode("b0"), ox.BlankNode("b0")),
])
def test_term_conversion_round_trip(term, expected) -> None:
    assert to_oxigraph(term) == expected
    assert to_oxigraph(to_rdflib(expected)) == expected


def test_lexical_forms_are_kept() -> None:
    odd = ox.Literal("007", datatype=ox.NamedNode(XSD + "integer"))
    assert str(to_rdflib(odd)) == "007"
    assert to_oxigraph(to_rdflib(odd)) == odd


def test_default_graph_conversion() -> None:
    assert to_oxigraph(DATASET_DEFAULT_GRAPH_ID) == ox.DefaultGraph()
    assert to_rdflib(ox.DefaultGraph()) == DATASET_DEFAULT_GRAPH_ID


def test_compact_iri() -> None:
    assert compact_iri("https://w3id.org/vnkg/id/person/x") == "id:person/x"
    assert compact_iri("https://w3id.org/vnkg/role/Minister") == "role:Minister"
    assert compact_iri("https://w3id.org/vnkg/Ministry") == "vnkg:Ministry"
    assert compact_iri("https://example.org/x") == "https://example.org/x"


def test_dataset_quads_sorted_and_deduplicated() -> None:
    quads = fixture_quads()
    assert dataset_quads(list(reversed(quads)) + quads[:5]) == quads
    assert len(union_triples(quads)) < len(quads)       # facts repeated across graphs


# --------------------------------------------------------------------------- build

def test_replace_store_round_trip(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    assert replace_store(store_dir, fixture_quads()) == len(fixture_quads())
    store = open_store(store_dir, read_only=True)
    assert dataset_quads(store) == fixture_quads()
    assert {g.value for g in store.named_graphs()} == {str(ARTICLE_1), str(ARTICLE_2), str(ENTITIES)}


def test_replace_store_replaces_everything(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    replace_store(store_dir, fixture_quads())
    only = [q for q in fixture_quads() if q.graph_name == ox.NamedNode(str(ARTICLE_2))]
    replace_store(store_dir, only)
    assert dataset_quads(open_store(store_dir, read_only=True)) == only
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store.lock", "store"]


def _failing(quads, after: int, exc: BaseException):
    for i, q in enumerate(quads):
        if i == after:
            raise exc
        yield q


@pytest.mark.parametrize("exc", [RuntimeError("extraction crashed"), KeyboardInterrupt()])
def test_failed_build_keeps_the_previous_store(tmp_path: Path, exc: BaseException) -> None:
    store_dir = tmp_path / "store"
    replace_store(store_dir, fixture_quads())
    other = [ox.Quad(ox.NamedNode("https://w3id.org/vnkg/id/x"), ox.NamedNode("https://w3id.org/vnkg/p"),
                     ox.Literal(str(i)), ox.NamedNode("https://w3id.org/vnkg/graph/g")) for i in range(100)]
    with pytest.raises(type(exc)):
        replace_store(store_dir, _failing(other, 50, exc))
    assert dataset_quads(open_store(store_dir, read_only=True)) == fixture_quads()
    assert not (tmp_path / ".store.new").exists()


def test_killed_build_keeps_the_previous_store(tmp_path: Path) -> None:
    """SIGKILL in the middle of the bulk load: nothing runs to clean up."""
    store_dir = tmp_path / "store"
    replace_store(store_dir, fixture_quads())
    marker = tmp_path / "loading"
    script = textwrap.dedent(f"""
        import sys, time, pyoxigraph as ox
        sys.path.insert(0, {SRC!r})
        from vnkg.store import replace_store
        def quads():
            for i in range(100000):
                if i == 1000:
                    open({str(marker)!r}, "w").close()
                    time.sleep(60)
                yield ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal(str(i)),
                              ox.NamedNode("urn:x:g"))
        replace_store({str(store_dir)!r}, quads())
    """)
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert dataset_quads(open_store(store_dir, read_only=True)) == fixture_quads()
    # the next build clears the half-built store and goes through
    replace_store(store_dir, fixture_quads()[:10])
    assert len(open_store(store_dir, read_only=True)) == 10
    assert not (tmp_path / ".store.new").exists()


def test_swap_cut_off_between_renames_is_undone(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    replace_store(store_dir, fixture_quads())
    os.rename(store_dir, tmp_path / ".store.old")          # what the first rename leaves
    store = open_store(store_dir, read_only=True)
    assert dataset_quads(store) == fixture_quads()
    assert not (tmp_path / ".store.old").exists()


def test_leftover_old_store_after_a_finished_swap_is_removed(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    replace_store(store_dir, fixture_quads()[:3])
    replace_store(tmp_path / ".store.old", fixture_quads())   # a stale previous store
    replace_store(store_dir, fixture_quads()[:5])
    assert len(open_store(store_dir, read_only=True)) == 5
    assert not (tmp_path / ".store.old").exists()


def test_read_only_open_of_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "missing", read_only=True)


# --------------------------------------------------------------------------- locking

@pytest.fixture
def held_store(tmp_path: Path):
    """A store opened read-write by another process, which keeps it until stopped."""
    store_dir = tmp_path / "store"
    replace_store(store_dir, fixture_quads())
    script = (f"import sys, pyoxigraph as ox\ns = ox.Store({str(store_dir)!r})\n"
              "print('open', flush=True)\nsys.stdin.read()\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    yield store_dir
    proc.stdin.close()
    proc.wait(timeout=30)


def test_open_store_held_by_another_process(held_store: Path) -> None:
    with pytest.raises(StoreLockedError) as err:
        open_store(held_store)
    assert str(held_store) in str(err.value) and "another process" in str(err.value)
    # readers are not blocked
    assert len(open_store(held_store, read_only=True)) == len(fixture_quads())


def test_replace_store_refuses_a_store_in_use(held_store: Path) -> None:
    with pytest.raises(StoreLockedError):
        replace_store(held_store, [])
    assert len(open_store(held_store, read_only=True)) == len(fixture_quads())


def test_second_open_in_the_same_process(tmp_path: Path) -> None:
    first = open_store(tmp_path / "store")
    with pytest.raises(StoreLockedError):
        open_store(tmp_path / "store")
    del first


# --------------------------------------------------------------------------- graphs

def test_replace_graphs_touches_only_the_given_graph(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    replace_store(store_dir, fixture_quads())
    g2 = ox.NamedNode(str(ARTICLE_2))
    new = [ox.Quad(ox.NamedNode(str(ARTICLE_2)), ox.NamedNode("https://schema.org/headline"),
                   ox.Literal('หัวข้อ "ใหม่" \\ {}', language="th"), g2)]
    replace_graphs(store_dir, {str(ARTICLE_2): new})
    store = open_store(store_dir, read_only=True)
    assert graph_quads(store, ARTICLE_2) == set(new)
    before = {q for q in fixture_quads() if q.graph_name != g2}
    assert {q for q in dataset_quads(store) if q.graph_name != g2} == before


def test_replace_graphs_adds_a_new_graph_and_accepts_triples(tmp_path: Path) -> None:
    store = ox.Store()
    store.extend(fixture_quads())
    iri = "https://w3id.org/vnkg/id/article/0123456789abcdef"
    triple = ox.Triple(ox.NamedNode(iri), ox.NamedNode("http://purl.org/dc/terms/identifier"),
                       ox.Literal("003.txt"))
    replace_graphs(store, {iri: [triple]})
    assert len(store) == len(fixture_quads()) + 1


def test_replace_graphs_rejects_bad_input_before_writing(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    replace_store(store_dir, fixture_quads())
    blank = ox.Quad(ox.BlankNode("b"), ox.NamedNode("urn:x:p"), ox.Literal("x"), ox.NamedNode(str(ARTICLE_2)))
    elsewhere = ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("x"),
                        ox.NamedNode(str(ARTICLE_1)))
    with pytest.raises(ValueError, match="blank nodes"):
        replace_graphs(store_dir, {str(ARTICLE_1): [], str(ARTICLE_2): [blank]})
    with pytest.raises(ValueError, match="is not in graph"):
        replace_graphs(store_dir, {str(ARTICLE_2): [elsewhere]})
    # ARTICLE_1 was listed first in the failed call but nothing was written
    assert dataset_quads(open_store(store_dir, read_only=True)) == fixture_quads()


def test_replace_store_will_not_delete_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not a store"):
        replace_store(folder, fixture_quads())
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
