"""The query check (vnkg.guard): no query that makes Oxigraph call another host gets
through, whatever its spelling; the question library all does; size and nesting are
bounded before the engine sees a query.

Outbound calls are observed, not assumed: the queries of the regression corpus
(tests/data/service_bypasses.jsonl, each one got past an earlier check) are run by
pyoxigraph against a listener on 127.0.0.1 and must reach it, and the check must refuse
every one. A seeded sample of bench/fuzz_guard.py's generated queries runs here too;
the 100,000-query run is in bench/.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from vnkg.guard import MAX_DEPTH, MAX_QUERY_BYTES, Refused, checked
from vnkg.lexicon import ontology_dir

REPO = Path(__file__).resolve().parents[1]
CORPUS = [json.loads(line) for line in (REPO / "tests" / "data" / "service_bypasses.jsonl")
          .read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def fuzz():
    spec = importlib.util.spec_from_file_location("fuzz_guard", REPO / "bench" / "fuzz_guard.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module           # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def listener(fuzz):
    found = fuzz.Listener()
    yield found
    found.close()


def refusal(query: str) -> Refused | None:
    try:
        checked(query)
    except Refused as exc:
        return exc
    return None


@pytest.mark.parametrize("case", CORPUS, ids=[c["why"] for c in CORPUS])
def test_every_known_bypass_calls_out_and_is_refused(case: dict, fuzz, listener) -> None:
    key = f"corpus-{CORPUS.index(case)}"
    query = case["query"].replace("http://127.0.0.1:9", f"{listener.base}/{key}")
    answer = fuzz._store().query(query)
    if not isinstance(answer, ox.QueryBoolean):
        list(answer)
    assert listener.hits.get(key), "the corpus query must really make Oxigraph call out"
    found = refusal(case["query"])
    assert found is not None and found.status == 400


HARMLESS = [
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { ?a ?b ?c }" }',
    "SELECT * WHERE { ?s ?p '''a SERVICE\n<http://127.0.0.1:9/> {}''' }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }",
    "PREFIX schema: <https://schema.org/> SELECT * WHERE { ?s a schema:Service ; schema:serviceType ?service }",
    "SELECT * WHERE { ?s a <https://schema.org/Service> }",
    'SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(LCASE(STR(?o)), "service")) }',
    "SELECT ?serviceName WHERE { ?s ?p ?serviceName }",
    'SELECT * WHERE { ?s ?p "\\u0E40\\u0000" }',               # escapes of inert characters
    "SELECT * WHERE { ?s ?p ?o }\r\n# a Windows line end\r\n",
]


@pytest.mark.parametrize("query", HARMLESS)
def test_service_in_strings_comments_and_names_passes(query: str) -> None:
    assert refusal(query) is None


@pytest.mark.parametrize("path", sorted((ontology_dir() / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_no_library_question_is_refused(path: Path) -> None:
    assert refusal(path.read_text(encoding="utf-8")) is None


def test_what_runs_is_what_was_checked() -> None:
    # a lone carriage return ends a comment for Oxigraph but not for rdflib: both read \n
    assert checked("ASK { ?s ?p ?o } # x\r") == "ASK { ?s ?p ?o } # x\n"


def test_size_limit() -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_QUERY_BYTES
    found = refusal(big)
    assert found.status == 400 and f"the limit is {MAX_QUERY_BYTES:,} bytes" in found.message


@pytest.mark.parametrize("query", [
    "ASK { FILTER(" + "(" * 3000 + "true" + ")" * 3000 + ") }",      # the crash, 6 KB
    "ASK " + "{" * 3000 + "}" * 3000,
    "ASK { " + "FILTER EXISTS { " * 1000 + "}" * 1000 + " }",
    "ASK { FILTER(" + "+".join(["1"] * (MAX_DEPTH + 1)) + " > 0) }",
    "ASK { ?a " + "/".join(["<urn:p>"] * (MAX_DEPTH + 1)) + " ?b }",
    "ASK { " + " ".join(["OPTIONAL { ?a <urn:p> ?b }"] * (MAX_DEPTH + 1)) + " }",
])
def test_nesting_limit(query: str) -> None:
    found = refusal(query)
    assert found.status == 400 and "nested" in found.message


def test_deep_query_through_the_cli_is_refused_not_a_crash(seeds_graph: Path) -> None:
    deep = "ASK { FILTER(" + "(" * 3000 + "true" + ")" * 3000 + ") }"     # was a segmentation fault
    done = subprocess.run([str(Path(sys.executable).parent / "vnkg"), "query", deep, "--graph", str(seeds_graph)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.startswith("error: query refused: it is nested"), done.stderr


@pytest.mark.parametrize("query,status", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403),
    ("PREFIX a: <urn:x:> # SELECT\nDELETE WHERE { ?s ?p ?o }", 403),
    ('SELECT * WHERE { ?s ?p "\\u0022" }', 400),                    # an escape for a quote
    ("SELECT * WHERE { ?s ?p <<( ?a ?b ?c )>> }", 400),             # SPARQL 1.2: not read, refused
    ("SELECT * WHERE { ?s ?p ?o } LIMIT", 400),
    # Oxigraph cannot call a service named by a variable; refused all the same
    ("ASK { VALUES ?where { <http://127.0.0.1:9/> } SERVICE ?where { ?a ?b ?c } }", 400),
])
def test_other_refusals(query: str, status: int) -> None:
    assert refusal(query).status == status


def test_a_seeded_fuzz_sample_finds_no_bypass(fuzz) -> None:
    tally = fuzz.run(seed=11, count=2000)
    assert tally.went_out > 50          # the generator does make Oxigraph call out
    assert tally.tried - tally.refused > 20     # and writes queries the check lets through
    assert tally.bypasses == []
