"""The build on real input: same bytes every time, the committed graph/ reproducible,
``add`` without duplicates, replaced articles leave nothing stale, interrupted or failed
builds leave the previous graph folder as it was, SHACL on the real graph.
"""
from __future__ import annotations

import fcntl
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import vnkg.pipeline
import vnkg.validate
import vnkg.view
from conftest import (
    REPO, SHORT, VISIT, VISIT_EDITED, VISIT_EDITED_PERSON, VISIT_NEW_PERSON, VNKG, Built, select,
    store_quads, summary, write,
)
from vnkg.cli import app
from vnkg.pipeline import BuildError, build
from vnkg.store import compact_iri, dataset_quads, open_store
from vnkg.validate import ValidationReport, validate

runner = CliRunner()
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "manifest.json")
BUI_THANH_SON = "https://w3id.org/vnkg/id/person/bui-thanh-son"
HUNG = "https://w3id.org/vnkg/id/person/nguyen-manh-hung"
ENTITIES_GRAPH = "https://w3id.org/vnkg/graph/entities"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def snapshot(graph: Path) -> dict[str, object]:
    """What a graph folder holds: the output files' bytes and the store's quads."""
    state: dict[str, object] = {name: (graph / name).read_bytes() for name in OUTPUTS}
    state["store"] = store_quads(graph)
    return state


def assert_same(graph: Path, before: dict[str, object]) -> None:
    after = snapshot(graph)
    for key in before:
        assert after[key] == before[key], f"{key} changed"


def leftovers(graph: Path) -> list[str]:
    """Hidden files a build left in the folder besides its locks."""
    return sorted(p.name for p in graph.iterdir()
                  if p.name.startswith(".") and p.name not in (".store.lock", ".build.lock"))


def persons(graph: Path) -> set[str]:
    return {p.value for (p,) in select(graph, "SELECT DISTINCT ?p WHERE { ?p a foaf:Person }")}


def article_of(graph: Path, name: str) -> list[str]:
    rows = select(graph, f'SELECT DISTINCT ?a WHERE {{ ?a a schema:NewsArticle ; dcterms:identifier "{name}" }}')
    return [a.value for (a,) in rows]


def named(graph: Path, name: str) -> set[str]:
    """Nodes having ``name`` among their labels."""
    rows = select(graph, f"""SELECT DISTINCT ?x WHERE {{
        ?x rdfs:label|skos:prefLabel|skos:altLabel|foaf:name ?n . FILTER(STR(?n) = "{name}") }}""")
    return {x.value for (x,) in rows}


def mentioned_by(graph: Path, article: str) -> set[str]:
    return {x.value for (x,) in select(graph, f"SELECT ?x WHERE {{ <{article}> schema:mentions ?x }}")}


def in_any_quad(quads: set[ox.Quad], iri: str) -> bool:
    node = ox.NamedNode(iri)
    return any(node in (q.subject, q.object, q.graph_name) for q in quads)


# --------------------------------------------------------------------------- same bytes

def test_two_builds_give_the_same_bytes(seeds_build, seeds_graph: Path, tmp_path: Path) -> None:
    # a second build, in this process (another hash seed than the subprocess), same layout
    root = tmp_path / "again"
    shutil.copytree(seeds_build.seeds, root / "seeds")
    result = cli("build", root / "seeds", "--out", root / "graph")
    assert result.exit_code == 0, result.stderr
    for name in OUTPUTS:
        assert (root / "graph" / name).read_bytes() == (seeds_graph / name).read_bytes(), name
    assert store_quads(root / "graph") == store_quads(seeds_graph)


def test_committed_graph_is_reproducible(seeds_graph: Path) -> None:
    """graph/ in the repository is what `python3 dev.py build` gives today, byte for byte."""
    stale = []
    for name in OUTPUTS:
        built, committed = (seeds_graph / name).read_bytes(), (REPO / "graph" / name).read_bytes()
        if built != committed:
            old, new = committed.decode().splitlines(), built.decode().splitlines()
            first = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
            stale.append(f"{name}: {len(committed)} bytes committed, {len(built)} built; first difference "
                         f"at line {first + 1}: {old[first:first + 1]} vs {new[first:first + 1]}")
    assert not stale, "graph/ is not what the build gives (run python3 dev.py build):\n" + "\n".join(stale)


def test_building_again_in_place_changes_nothing(seeds_copy: Built) -> None:
    before = snapshot(seeds_copy.graph)
    report = build([str(seeds_copy.seeds)], seeds_copy.graph)
    assert report.articles == 5 and not report.skipped
    assert report.quads == len(before["store"])
    assert_same(seeds_copy.graph, before)
    assert leftovers(seeds_copy.graph) == []


# --------------------------------------------------------------------------- add

def test_add_keeps_one_node_per_person(seeds_copy: Built) -> None:
    graph = seeds_copy.graph
    before_persons = persons(graph)
    before = store_quads(graph)
    assert BUI_THANH_SON in before_persons and not named(graph, VISIT_NEW_PERSON)
    visit = write(seeds_copy.root / "more" / "visit.txt", VISIT)

    result = cli("add", visit, "--graph", graph, "--export")      # the snapshots rewritten too
    assert result.exit_code == 0, result.stderr
    assert summary(result.stdout)["articles added"] == 1
    assert len(select(graph, "SELECT DISTINCT ?a WHERE { ?a a schema:NewsArticle }")) == 6

    after_persons = persons(graph)
    [article] = article_of(graph, "visit.txt")
    assert BUI_THANH_SON in mentioned_by(graph, article)           # the old node, not a new one
    [newcomer] = named(graph, VISIT_NEW_PERSON)
    assert after_persons == before_persons | {newcomer}
    assert newcomer not in before_persons
    # the seed articles' graphs are as they were
    after = store_quads(graph)
    seed_graphs = {q.graph_name for q in before} - {ox.NamedNode(ENTITIES_GRAPH)}
    assert len(seed_graphs) == 5
    assert {q for q in after if q.graph_name in seed_graphs} == {q for q in before if q.graph_name in seed_graphs}
    # and the files agree with the store
    ttl = (graph / "graph.ttl").read_text(encoding="utf-8")
    assert VISIT_NEW_PERSON in ttl and "visit.txt" in ttl
    assert "../more/visit.txt" in (graph / "manifest.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["same file", "other folder"])
def test_readding_a_changed_article_replaces_its_graph(seeds_copy: Built, where: str) -> None:
    graph = seeds_copy.graph
    first = write(seeds_copy.root / "zz" / "visit.txt", VISIT)
    assert cli("add", first, "--graph", graph).exit_code == 0
    [old_article] = article_of(graph, "visit.txt")
    [old_person] = named(graph, VISIT_NEW_PERSON)

    # the same file edited, or an edited copy elsewhere whose path sorts before the first
    second = first if where == "same file" else seeds_copy.root / "aa" / "visit.txt"
    write(second, VISIT_EDITED)
    result = cli("add", second, "--graph", graph, "--export")     # the snapshots rewritten too
    assert result.exit_code == 0, result.stderr

    quads = store_quads(graph)
    [new_article] = article_of(graph, "visit.txt")
    assert new_article != old_article
    graphs = {q.graph_name.value for q in quads}
    assert new_article in graphs and old_article not in graphs
    assert not in_any_quad(quads, old_article)                     # no stale facts, anywhere
    assert not in_any_quad(quads, old_person), "the person only the old version named is still there"
    [new_person] = named(graph, VISIT_EDITED_PERSON)
    assert new_person in mentioned_by(graph, new_article)
    assert BUI_THANH_SON in mentioned_by(graph, new_article)
    assert len(select(graph, "SELECT DISTINCT ?a WHERE { ?a a schema:NewsArticle }")) == 6
    assert VISIT_NEW_PERSON not in (graph / "graph.ttl").read_text(encoding="utf-8")
    assert VISIT_NEW_PERSON not in (graph / "graph.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- interrupted builds

def test_killed_large_build_leaves_previous_graph(seeds_copy: Built) -> None:
    graph = seeds_copy.graph
    before = snapshot(graph)
    big = seeds_copy.root / "big"
    seed = sorted(seeds_copy.seeds.glob("*.txt"))[0]
    for n in range(600):   # each copy its own text: identical texts are built once
        write(big / f"{n:03d}_copy.txt", seed.read_bytes() + f"\n\nฉบับที่ {n}\n".encode())
    proc = subprocess.Popen([str(VNKG), "build", str(big), "--out", str(graph)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)
        assert proc.poll() is None, "the build ended before it could be interrupted"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert_same(graph, before)
    assert HUNG in persons(graph)
    # and the folder still takes a new build
    report = build([str(write(seeds_copy.root / "short.txt", SHORT))], graph)
    assert report.articles == 1 and persons(graph) == {HUNG}


# Runs the real CLI with a hook that stops the build at one stage, for the test to kill it.
HARNESS = textwrap.dedent("""
    import sys, time, pathlib
    marker, point, *argv = sys.argv[1:]

    def stop():
        pathlib.Path(marker).write_text(point)
        time.sleep(300)

    if point == "store":            # in the middle of loading the new store
        import vnkg.pipeline as pl
        real_load = pl._load
        def load(path, quads):
            def slow():
                for n, q in enumerate(quads):
                    if n == 20:
                        stop()
                    yield q
            return real_load(path, slow())
        pl._load = load
    elif point == "view":            # graph.html written, the rest of the outputs after it
        import vnkg.view as v
        real_view = v.write_view
        def view(*args, **kwargs):
            summary = real_view(*args, **kwargs)
            stop()
            return summary
        v.write_view = view
    from vnkg.cli import app
    app(argv, prog_name="vnkg")
""")


@pytest.mark.parametrize("point", ["store", "view"])
def test_build_killed_while_writing_leaves_previous_graph(seeds_copy: Built, tmp_path: Path, point: str) -> None:
    graph = seeds_copy.graph
    before = snapshot(graph)
    article = write(tmp_path / "in" / "visit.txt", VISIT)
    marker = tmp_path / "reached"
    proc = subprocess.Popen([sys.executable, "-c", HARNESS, str(marker), point,
                             "build", str(article), "--out", str(graph)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the build never reached the stage"
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert_same(graph, before)
    assert HUNG in persons(graph) and not named(graph, VISIT_NEW_PERSON)
    # the next build recovers whatever the killed one left
    report = build([str(article)], graph)
    assert report.articles == 1 and named(graph, VISIT_NEW_PERSON)
    assert leftovers(graph) == []


@pytest.mark.parametrize("where", ["validation", "view", "store"])
def test_failed_build_leaves_previous_graph(seeds_copy: Built, tmp_path: Path, monkeypatch, where: str) -> None:
    graph = seeds_copy.graph
    before = snapshot(graph)
    if where == "validation":
        monkeypatch.setattr(vnkg.validate, "validate_store", lambda store: ValidationReport(
            conforms=False, text="1 violation(s), 0 warning(s)\nVIOLATION id:post/x: org:role: missing"))
        expected = BuildError
    elif where == "view":
        def broken_view(*args, **kwargs):
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(vnkg.view, "write_view", broken_view)
        expected = OSError
    else:
        real_load = vnkg.pipeline._load

        def broken_load(path, quads):
            def failing():
                for n, q in enumerate(quads):
                    if n == 20:
                        raise OSError(28, "No space left on device")
                    yield q
            return real_load(path, failing())
        monkeypatch.setattr(vnkg.pipeline, "_load", broken_load)
        expected = OSError
    article = write(tmp_path / "visit.txt", VISIT)
    with pytest.raises(expected):
        build([str(article)], graph)
    assert_same(graph, before)
    assert leftovers(graph) == []
    if where == "validation":           # the CLI says so, and exits 1
        result = cli("build", article, "--out", graph)
        assert result.exit_code == 1
        assert "does not conform to ontology/shapes.ttl" in result.stderr
        assert "VIOLATION id:post/x: org:role: missing" in result.stderr
        assert_same(graph, before)


def test_a_second_build_into_a_busy_folder_is_refused(tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    assert cli("build", write(tmp_path / "short.txt", SHORT), "--out", graph).exit_code == 0
    before = snapshot(graph)
    visit = write(tmp_path / "visit.txt", VISIT)
    with (graph / ".build.lock").open("a") as held:     # as a running build holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        result = cli("build", visit, "--out", graph)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {graph}: another build is writing to this folder; wait for it to finish"
    assert_same(graph, before)
    assert leftovers(graph) == []


def test_a_store_held_open_for_writing_is_reported(tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    assert cli("build", write(tmp_path / "short.txt", SHORT), "--out", graph).exit_code == 0
    before = snapshot(graph)
    # e.g. a script with the store open in another process
    script = (f"import sys, pyoxigraph as ox\ns = ox.Store({str(graph / 'store')!r})\n"
              "print('open', flush=True)\nsys.stdin.read()\n")
    writer = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        result = cli("build", write(tmp_path / "visit.txt", VISIT), "--out", graph)
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {graph.resolve()}/gen-") and "open in another process" in line, line
    assert_same(graph, before)
    assert leftovers(graph) == []


# --------------------------------------------------------------------------- SHACL

@pytest.fixture(scope="module")
def seeds_quads(seeds_graph: Path) -> list[ox.Quad]:
    store = open_store(seeds_graph / "store", read_only=True)
    try:
        return dataset_quads(store)
    finally:
        del store


def test_seeds_graph_conforms(seeds_graph: Path) -> None:
    store = open_store(seeds_graph / "store", read_only=True)
    report = validate(store)
    assert report.conforms, report.text
    assert report.violations == []


def test_post_without_role_is_named(seeds_quads: list[ox.Quad]) -> None:
    role = ox.NamedNode(ORG + "role")
    post = sorted((q.subject for q in seeds_quads if q.predicate == role), key=str)[0]
    broken = [q for q in seeds_quads if not (q.subject == post and q.predicate == role)]
    report = validate(broken)
    assert not report.conforms
    mine = [v for v in report.violations if v.focus == post.value]
    assert mine and all(v.path == "org:role" for v in mine), report.text
    assert f"VIOLATION {compact_iri(post.value)}: org:role:" in report.text
    assert len(report.violations) == len(mine), report.text       # nothing else is blamed


def test_bad_document_code_is_named(seeds_quads: list[ox.Quad]) -> None:
    code = ox.NamedNode(SCHEMA + "legislationIdentifier")
    doc = sorted((q.subject for q in seeds_quads if q.predicate == code), key=str)[0]
    broken = [ox.Quad(q.subject, q.predicate, ox.Literal("2024-2025"), q.graph_name)
              if q.subject == doc and q.predicate == code else q for q in seeds_quads]
    report = validate(broken)
    assert not report.conforms
    [violation] = {v for v in report.violations}
    assert violation.focus == doc.value
    assert violation.message.startswith(f"{compact_iri(doc.value)}: schema:legislationIdentifier:")
    assert "2024-2025" in violation.message
