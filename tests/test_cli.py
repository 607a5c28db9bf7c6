"""The ``vnkg`` command line on real input: the README build, bad input and exit codes,
query, export, stats and view on the graph of the seeds.

The README build runs in a subprocess (``conftest.seeds_build``); the other commands run
in-process through typer's CliRunner (same code, no interpreter start-up per call).
"""
from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from conftest import (
    LONG, REPO, SHORT, VISIT, VNKG, build_command, select, store_quads, summary, write,
)
from vnkg.cli import TABLE_ROWS, app
from vnkg.graphdata import to_networkx
from vnkg.store import open_store, to_rdflib, union_triples

runner = CliRunner()

BUI_THANH_SON = "https://w3id.org/vnkg/id/person/bui-thanh-son"
HUNG = "https://w3id.org/vnkg/id/person/nguyen-manh-hung"
MOFA_POSTS = """
SELECT DISTINCT ?person ?name WHERE {
  ?person org:holds ?post ; rdfs:label ?name .
  ?post org:postIn ?org .
  ?org rdfs:label "Ministry of Foreign Affairs"@en .
} ORDER BY ?name
"""


def vnkg(*args: str):
    """Run the CLI in-process; returns click's Result (``exit_code``, ``stdout``, ``stderr``)."""
    return runner.invoke(app, [str(a) for a in args])


def lines_naming(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


# --------------------------------------------------------------------------- README build

def test_dev_py_build_is_the_readme_build(monkeypatch) -> None:
    """README's first command is ``python3 dev.py build``; dev.py runs ``vnkg build seeds --out graph``."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n(.*?)```", readme, re.S).group(1)
    first = block.splitlines()[0].split("#")[0].strip()
    assert first == "python3 dev.py build"

    spec = importlib.util.spec_from_file_location("dev", REPO / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    ran = []
    monkeypatch.setattr(dev, "_ensure_env", lambda: None)        # never pip install here
    monkeypatch.setattr(dev.subprocess, "run",
                        lambda cmd, cwd=None: ran.append((cmd, cwd)) or subprocess.CompletedProcess(cmd, 0))
    assert dev.main(["build"]) == 0
    [(cmd, cwd)] = ran
    assert Path(cwd) == REPO
    assert cmd == [str(dev.BIN / "vnkg"), "build", "seeds", "--out", "graph"]
    # the test build below is the same command line with the folders moved to a tmp dir
    assert build_command(Path("seeds"), Path("graph"))[1:] == cmd[1:]


def test_readme_build_command(seeds_build) -> None:
    assert seeds_build.command[0] == str(VNKG)
    assert seeds_build.returncode == 0, seeds_build.stderr
    for name in ("graph.ttl", "graph.trig", "graph.html", "manifest.json"):
        assert (seeds_build.graph / name).stat().st_size > 0, name
    assert (seeds_build.graph / "store" / "CURRENT").is_file()
    table = summary(seeds_build.stdout)
    assert table["articles built"] == 5
    assert table["files skipped"] == 0
    assert table["quads"] == len(store_quads(seeds_build.graph))
    assert "skipped" not in seeds_build.stderr
    assert "Traceback" not in seeds_build.stderr
    manifest = json.loads((seeds_build.graph / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == sorted(f"../seeds/{p.name}" for p in (REPO / "seeds").glob("*.txt"))


# --------------------------------------------------------------------------- bad input

def _undecodable(path: Path) -> Path:
    # Not UTF-8, and bytes cp874 does not define (0xDB-0xDE, 0xFC-0xFF): no reading of it is text.
    return write(path, bytes(range(0xA1, 0x100)) * 20)


BAD_FILES = {
    # kind: (make the file, words the one-line message must contain, extra options)
    "empty": (lambda p: write(p, b""), "empty", []),
    "binary": (lambda p: write(p, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8), "binary", []),
    "undecodable": (_undecodable, "decode", []),
    "too large": (lambda p: write(p, LONG), "too large", ["--max-mb", "0.001"]),
    "not thai": (lambda p: write(p, "The Ministry of Foreign Affairs of Vietnam met in Hanoi "
                                   "on Monday to discuss border trade. " * 6), "not Thai", []),
    "missing": (lambda p: p, "no such file", []),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_one_bad_file_is_reported_and_skipped(tmp_path: Path, kind: str) -> None:
    make, reason, options = BAD_FILES[kind]
    good = write(tmp_path / "in" / "good.txt", SHORT)
    bad = make(tmp_path / "in" / f"bad {kind}.txt")
    assert len(good.read_bytes()) < 1000          # so that only the bad file is over --max-mb
    out = tmp_path / "graph"
    result = vnkg("build", good, bad, "--out", out, *options)
    assert result.exit_code == 0, result.stderr
    [line] = lines_naming(result.stderr, str(bad))
    assert line.startswith("skipped ") and reason in line, line
    assert lines_naming(result.stderr, "skipped") == [line]          # the good file is not
    table = summary(result.stdout)
    assert table["articles built"] == 1 and table["files skipped"] == 1
    ids = select(out, "SELECT DISTINCT ?id WHERE { ?a a schema:NewsArticle ; dcterms:identifier ?id }")
    assert ids == [(ox.Literal("good.txt"),)]


def test_bad_files_among_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a_visit.txt", VISIT)
    write(folder / "b_short.txt", SHORT)
    bad = [make(folder / f"z {kind}.txt") for kind, (make, _, _) in BAD_FILES.items()
           if kind not in ("too large", "missing")]
    missing = tmp_path / "nowhere" / "gone.txt"
    result = vnkg("build", folder, missing, "--out", tmp_path / "graph")
    assert result.exit_code == 0, result.stderr
    for path in bad + [missing]:
        assert len(lines_naming(result.stderr, str(path))) == 1, (path, result.stderr)
    table = summary(result.stdout)
    assert table["articles built"] == 2
    assert table["files skipped"] == len(bad) + 1


def test_nothing_buildable_exits_1_and_says_why(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", LONG)
    empty = write(tmp_path / "empty.txt", b"")
    out = tmp_path / "graph"
    result = vnkg("build", big, empty, "--max-mb", "0.001", "--out", out)
    assert result.exit_code == 1
    assert "too large" in lines_naming(result.stderr, str(big))[0]
    assert "empty" in lines_naming(result.stderr, str(empty))[0]
    assert "no article could be built" in result.stderr
    assert not (out / "graph.ttl").exists()
    result = vnkg("build", tmp_path / "nothing-here", "--out", out)
    assert result.exit_code == 1
    assert "no such file" in lines_naming(result.stderr, "nothing-here")[0]


def test_strict(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", SHORT)
    empty = write(tmp_path / "empty.txt", "  \n\t\n")
    result = vnkg("build", good, empty, "--strict", "--out", tmp_path / "g1")
    assert result.exit_code == 1
    assert "empty" in lines_naming(result.stderr, str(empty))[0]
    assert vnkg("build", good, "--strict", "--out", tmp_path / "g2").exit_code == 0


def test_file_names_are_shown_as_they_are(tmp_path: Path) -> None:
    # rich markup in a file name must not be interpreted (nor crash the report)
    odd = write(tmp_path / "[bold]ข่าว[/bold] [red].txt", b"")
    good = write(tmp_path / "good.txt", SHORT)
    result = vnkg("build", good, odd, "--out", tmp_path / "graph")
    assert result.exit_code == 0, result.stderr
    assert len(lines_naming(result.stderr, str(odd))) == 1, result.stderr


def test_out_is_a_file(tmp_path: Path) -> None:
    taken = write(tmp_path / "notes", "not a graph folder")
    result = vnkg("build", write(tmp_path / "good.txt", SHORT), "--out", taken)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)          # a message, not a traceback
    assert result.stderr.strip() == f"error: {taken}: exists and is not a folder"
    assert taken.read_text() == "not a graph folder"


@pytest.mark.parametrize("args", [
    ["build", "--bogus", "x.txt"],
    ["build"],
    ["build", "x.txt", "--jobs", "0"],
    ["build", "x.txt", "--max-mb", "lots"],
    ["query"],
    ["export", "--format", "rdfxml"],
    ["frobnicate"],
])
def test_usage_errors_exit_2(args, tmp_path: Path) -> None:
    result = vnkg(*args, *(["--out", tmp_path / "g"] if args[0] == "build" and len(args) > 1 else []))
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "g").exists()


# --------------------------------------------------------------------------- query

def test_query_formats(seeds_graph: Path) -> None:
    table = vnkg("query", MOFA_POSTS, "--graph", seeds_graph)
    assert table.exit_code == 0, table.stderr
    assert "Bui Thanh Son" in table.stdout

    result = vnkg("query", MOFA_POSTS, "--graph", seeds_graph, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["person", "name"]
    assert [BUI_THANH_SON, "Bui Thanh Son"] in rows[1:]
    assert len(rows[1:]) == len({tuple(r) for r in rows[1:]})       # DISTINCT held

    result = vnkg("query", MOFA_POSTS, "--graph", seeds_graph, "--format", "tsv")
    lines = result.stdout.splitlines()
    assert lines[0] == "?person\t?name"
    assert f'<{BUI_THANH_SON}>\t"Bui Thanh Son"@en' in lines[1:]

    result = vnkg("query", MOFA_POSTS, "--graph", seeds_graph, "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["head"]["vars"] == ["person", "name"]
    assert {"type": "uri", "value": BUI_THANH_SON} in [b["person"] for b in doc["results"]["bindings"]]
    # the same answer as the store gives directly
    direct = select(seeds_graph, MOFA_POSTS)
    assert [(b["person"]["value"], b["name"]["value"]) for b in doc["results"]["bindings"]] == \
        [(p.value, n.value) for p, n in direct]


def test_query_pages(seeds_graph: Path) -> None:
    """A table shows a page of the rows (rich takes seconds to lay out thousands); --offset and
    --limit give any page in any format, and say which rows they are."""
    q = "SELECT ?s ?p WHERE { ?s ?p [] } ORDER BY ?s ?p"
    full = list(csv.reader(io.StringIO(vnkg("query", q, "--graph", seeds_graph, "--format", "csv").stdout)))
    assert len(full) - 1 > TABLE_ROWS                             # csv: every row unless told
    page = vnkg("query", q, "--graph", seeds_graph, "--format", "csv", "--offset", "3", "--limit", "4")
    assert list(csv.reader(io.StringIO(page.stdout))) == [full[0]] + full[4:8]
    assert f"rows 4-7 of {len(full) - 1}" in page.stderr and "--offset 7" in page.stderr
    table = vnkg("query", q, "--graph", seeds_graph)
    assert f"rows 1-{TABLE_ROWS} of {len(full) - 1}" in table.stderr
    shown = [line for line in table.stdout.splitlines() if line.startswith("│")]
    assert len(shown) == TABLE_ROWS                               # one line per row: short IRIs
    assert vnkg("query", q, "--graph", seeds_graph, "--limit", "0", "--format", "csv").stdout.splitlines() == \
        [",".join(full[0])]


def test_query_file(seeds_graph: Path, tmp_path: Path) -> None:
    rq = write(tmp_path / "mofa.rq", MOFA_POSTS)
    result = vnkg("query", rq, "--graph", seeds_graph, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert f"{BUI_THANH_SON},Bui Thanh Son" in result.stdout.splitlines()


def test_query_param(seeds_graph: Path) -> None:
    q = "SELECT DISTINCT ?post WHERE { ?person org:holds ?post } ORDER BY ?post"
    result = vnkg("query", q, "--graph", seeds_graph, "--format", "csv", "--param", f"person=<{HUNG}>")
    assert result.exit_code == 0, result.stderr
    posts = result.stdout.splitlines()[1:]
    direct = select(seeds_graph, f"SELECT DISTINCT ?post WHERE {{ <{HUNG}> org:holds ?post }} ORDER BY ?post")
    assert len(posts) >= 2 and posts == [p.value for (p,) in direct]


def test_malformed_query(seeds_graph: Path) -> None:
    # a real process: what the user sees must have no traceback
    done = subprocess.run([str(VNKG), "query", "SELECT ?x WHERE {\n  ?x a foaf:Person\n  FILTER(",
                           "--graph", str(seeds_graph)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2           # refused by the checker before the engine saw it
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert re.match(r"error: query refused: the query checker cannot parse it at line 3, column \d+ \(Expected ",
                    message), message
    assert done.stdout == ""


def test_query_without_a_store(tmp_path: Path) -> None:
    result = vnkg("query", "ASK {}", "--graph", tmp_path / "none")
    assert result.exit_code == 1
    assert "no store" in result.stderr


# --------------------------------------------------------------------------- export

RDF_FORMATS = {
    # name: (pyoxigraph format, rdflib format, rapper parser or None, keeps named graphs)
    "ttl": (ox.RdfFormat.TURTLE, "turtle", "turtle", False),
    "nt": (ox.RdfFormat.N_TRIPLES, "nt", "ntriples", False),
    "trig": (ox.RdfFormat.TRIG, "trig", "trig", True),
    "nq": (ox.RdfFormat.N_QUADS, "nquads", "nquads", True),
    "jsonld": (ox.RdfFormat.JSON_LD, "json-ld", None, True),
}


@pytest.fixture(scope="module")
def exports(seeds_graph: Path, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    paths = {}
    for fmt in [*RDF_FORMATS, "graphml"]:
        result = vnkg("export", "--format", fmt, "--graph", seeds_graph, "--out", folder / f"graph.{fmt}")
        assert result.exit_code == 0, result.stderr
        paths[fmt] = folder / f"graph.{fmt}"
    return paths


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_parses(exports, seeds_graph: Path, fmt: str) -> None:
    ox_format, rdflib_format, rapper, named = RDF_FORMATS[fmt]
    quads = store_quads(seeds_graph)
    triples = set(union_triples(quads))
    parsed = list(ox.parse(path=str(exports[fmt]), format=ox_format))
    if named:
        assert set(parsed) == quads
        ds = rdflib.Dataset()
        ds.parse(exports[fmt], format=rdflib_format)
        assert len(list(ds.quads((None, None, None, None)))) == len(quads)
    else:
        assert {q.triple for q in parsed} == triples and len(parsed) == len(triples)
        assert len(rdflib.Graph().parse(exports[fmt], format=rdflib_format)) == len(triples)
    if rapper and shutil.which("rapper"):
        done = subprocess.run(["rapper", "-i", rapper, "-c", str(exports[fmt])],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert f"returned {len(quads) if named else len(triples)} triples" in done.stderr, done.stderr


def test_export_equals_the_build_files(exports, seeds_graph: Path) -> None:
    # the store exported again gives the very bytes the build wrote
    assert exports["ttl"].read_bytes() == (seeds_graph / "graph.ttl").read_bytes()
    assert exports["trig"].read_bytes() == (seeds_graph / "graph.trig").read_bytes()


def test_turtle_is_isomorphic_with_rdflib_round_trip(seeds_graph: Path) -> None:
    ours = rdflib.Graph()
    for t in ox.parse(path=str(seeds_graph / "graph.ttl"), format=ox.RdfFormat.TURTLE):
        ours.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    theirs = rdflib.Graph().parse(data=ours.serialize(format="turtle"), format="turtle")
    assert len(ours) > 1000
    assert isomorphic(ours, theirs)
    # and rdflib reading our file directly agrees
    assert isomorphic(rdflib.Graph().parse(seeds_graph / "graph.ttl", format="turtle"), theirs)


def test_graphml(exports, seeds_graph: Path) -> None:
    # the entity network (what the view draws), not the RDF graph: no posts, evidence, articles
    g = nx.read_graphml(exports["graphml"], force_multigraph=True)
    network = to_networkx(open_store(seeds_graph / "store", read_only=True))
    assert set(g.nodes) == set(network.nodes) and g.number_of_edges() == network.number_of_edges()
    assert all(data.get("label") and data.get("kind") for _, data in g.nodes(data=True))
    assert (g.nodes[HUNG]["label"], g.nodes[HUNG]["kind"]) == ("Nguyen Manh Hung", "Person")
    persons = {p.value for (p,) in select(seeds_graph, "SELECT DISTINCT ?p WHERE { ?p a foaf:Person }")}
    assert persons <= set(g.nodes)
    assert not any("/post/" in n or "/evidence/" in n or "/article/" in n for n in g)
    roles = {d["label"] for u, v, d in g.edges(data=True) if u == HUNG and d["rel"] == "post"}
    assert {"Minister", "Deputy Head", "Member"} <= roles          # role labels, not IRI local names


@pytest.mark.parametrize("fmt, header", [("entities", "iri,kind,type,label"), ("posts", "post,person,person_label")])
def test_csv_tables(exports, seeds_graph: Path, tmp_path: Path, fmt: str, header: str) -> None:
    result = vnkg("export", "--format", fmt, "--graph", seeds_graph, "--out", tmp_path / f"{fmt}.csv")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / f"{fmt}.csv").read_text(encoding="utf-8")
    assert text.startswith(header)
    if fmt == "posts":
        assert ",Minister,https://w3id.org/vnkg/id/org/mic,Ministry of Information and Communications," \
               "2024-07-29,2024-11-28,2" in text


# --------------------------------------------------------------------------- stats and view

KIND_TYPES = {   # kind: explicit types, as docs/data-model.md and the CONTRACT list them
    "Person": ["foaf:Person", "schema:Person"],
    "Organization": ["org:Organization", "org:FormalOrganization", "vnkg:State"],   # a state: by the vocabulary
    "LegalDocument": ["schema:Legislation"],
    "Initiative": ["vnkg:Initiative"],
    "Place": ["schema:Place", "schema:Country", "schema:City", "schema:AdministrativeArea"],
    "Event": ["schema:Event"],
}


def test_stats_json(seeds_graph: Path, seeds_build) -> None:
    result = vnkg("stats", "--graph", seeds_graph, "--format", "json")
    assert result.exit_code == 0, result.stderr
    stats = json.loads(result.stdout)
    counted: dict[str, set[str]] = {}
    seen: set[str] = set()
    for kind, types in KIND_TYPES.items():     # in priority order: a node counts once
        rows = select(seeds_graph, f"SELECT DISTINCT ?x WHERE {{ VALUES ?t {{ {' '.join(types)} }} ?x a ?t }}")
        counted[kind] = {x.value for (x,) in rows} - seen
        seen |= counted[kind]
    assert stats["entities"] == {k: len(v) for k, v in counted.items()}
    assert stats["articles"] == 5
    build_table = summary(seeds_build.stdout)
    assert stats["entities"]["Person"] == build_table["entities: Person"]
    top = [o["label"] for o in stats["officials_by_degree"]]
    assert "Nguyen Manh Hung" in top
    assert stats["officials_by_degree"] == sorted(stats["officials_by_degree"],
                                                  key=lambda o: (-o["degree"], o["label"], o["id"]))
    assert vnkg("stats", "--graph", seeds_graph, "--format", "xml").exit_code == 2


def _page_nodes(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    data = re.search(r'<script[^>]*id="vnkg-data"[^>]*>(.*?)</script>', html, re.S).group(1)
    return [n["id"] for n in json.loads(data)["nodes"]]


def test_view_focus(seeds_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    result = vnkg("view", "--graph", seeds_graph, "--focus", "Nguyen Manh Hung", "--depth", "1", "--out", out)
    assert result.exit_code == 0, result.stderr
    focus = _page_nodes(out)
    full = _page_nodes(seeds_graph / "graph.html")
    assert HUNG in focus
    assert "Nguyen Manh Hung" in out.read_text(encoding="utf-8")
    assert 1 < len(focus) < len(full)
    assert set(focus) < set(full)
    # each node shown is Hung or one hop from him in the store
    neighbours = {x.value for (x,) in select(seeds_graph, f"""
        SELECT DISTINCT ?x WHERE {{
          {{ <{HUNG}> org:holds/org:postIn ?x }} UNION {{ <{HUNG}> ?p ?x }} UNION {{ ?x ?p <{HUNG}> }}
        }}""")}
    assert set(focus) - {HUNG} <= neighbours
    # the same person by a Thai spelling gives the same page
    thai = tmp_path / "thai.html"
    assert vnkg("view", "--graph", seeds_graph, "--focus", "เหงียน มานห์ หุ่ง", "--out", thai).exit_code == 0
    assert _page_nodes(thai) == focus


def test_view_errors_are_one_line(seeds_graph: Path, tmp_path: Path) -> None:
    result = vnkg("view", "--graph", seeds_graph, "--out", tmp_path / "v.html", "--focus", "Nobody Of That Name")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception      # no traceback
    assert "no node has this IRI or name" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "v.html").exists()
