"""SPARQL over the store: union default graph, safe parameters, errors, result formats."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rich.table import Table

from rdf_fixtures import MOFA, POST, fixture_quads
from vnkg.query import QueryError, load_query_text, param_term, render, run_query
from vnkg.store import replace_store, open_store

POSTS = """
SELECT DISTINCT ?name ?role ?org WHERE {
  ?person org:holds ?post ; rdfs:label ?name .
  ?post org:role ?role ; org:postIn ?org .
} ORDER BY ?name
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> ox.Store:
    store_dir = tmp_path_factory.mktemp("q") / "store"
    replace_store(store_dir, fixture_quads())
    return open_store(store_dir, read_only=True)


def test_select_joins_across_named_graphs(store: ox.Store) -> None:
    # labels live in the entities graph, posts in the article graphs
    result = run_query(store, POSTS)
    assert result.kind == "select"
    assert result.columns == ["name", "role", "org"]
    assert result.rows == [
        ["Nguyen Thi Lan", "role:DeputyMinister", "id:org/ministry-of-foreign-affairs"],
        ["Tran Van An", "role:Minister", "id:org/ministry-of-foreign-affairs"],
    ]
    assert result.terms[0][0] == ox.Literal("Nguyen Thi Lan", language="en")
    assert result.terms[1][1] == ox.NamedNode("https://w3id.org/vnkg/role/Minister")


def test_unbound_values(store: ox.Store) -> None:
    result = run_query(store, "SELECT DISTINCT ?p ?n WHERE { ?p a foaf:Person "
                              "OPTIONAL { ?p foaf:name ?n } } ORDER BY ?p")
    assert result.rows == [["id:person/nguyen-thi-lan", ""], ["id:person/tran-van-an", "Tran Van An"]]
    assert any(row[1] is None for row in result.terms)


def test_ask_and_construct(store: ox.Store) -> None:
    assert run_query(store, "ASK { ?post org:role role:DeputyMinister }").boolean is True
    assert run_query(store, "ASK { ?post org:role role:PrimeMinister }").boolean is False
    result = run_query(store, "CONSTRUCT { ?post org:postIn ?org } WHERE { ?post org:postIn ?org }")
    assert result.kind == "graph"
    assert len(result.triples) == 2
    assert ox.Triple(ox.NamedNode(str(POST)), ox.NamedNode("http://www.w3.org/ns/org#postIn"),
                     ox.NamedNode(str(MOFA))) in result.triples
    assert result.columns == ["subject", "predicate", "object"]


def test_user_prefix_declarations_still_work(store: ox.Store) -> None:
    q = "PREFIX o: <http://www.w3.org/ns/org#>\nPREFIX org: <http://www.w3.org/ns/org#>\n" \
        "ASK { ?x o:role ?r ; org:postIn ?y }"
    assert run_query(store, q).boolean


# --------------------------------------------------------------------------- parameters

LABEL_QUERY = "SELECT ?person WHERE { ?person skos:prefLabel ?label }"


def test_parameter_bound_as_a_term(store: ox.Store) -> None:
    rows = run_query(store, LABEL_QUERY, {"label": '"เจิ่น วัน อาน"@th'}).rows
    assert rows == [["id:person/tran-van-an"]]
    projected = "SELECT ?person ?label WHERE { ?person skos:prefLabel ?label }"
    rows = run_query(store, projected, {"?label": '"เจิ่น วัน อาน"@th'}).rows
    assert rows == [["id:person/tran-van-an", "เจิ่น วัน อาน"]]


def test_iri_parameters(store: ox.Store) -> None:
    q = "SELECT ?org WHERE { ?post org:role ?role ; org:postIn ?org }"
    for value in ("role:Minister", "<https://w3id.org/vnkg/role/Minister>",
                  "https://w3id.org/vnkg/role/Minister"):
        assert run_query(store, q, {"role": value}).rows == [["id:org/ministry-of-foreign-affairs"]]


@pytest.mark.parametrize("value", [
    'เจิ่น" } ; DROP ALL ; #',
    '"x"@th . <urn:a> <urn:b> "c"@th',
    '"} UNION { ?person ?p ?label } #',
    "เหงียน' } UNION { ?person ?p ?label } #",
    '> } UNION { ?person ?p ?label } #',
])
def test_parameters_cannot_inject(store: ox.Store, value: str) -> None:
    size = len(store)
    for q in (LABEL_QUERY, "SELECT ?person ?label WHERE { ?person skos:prefLabel ?label }"):
        assert run_query(store, q, {"label": value}).rows == []
    assert len(store) == size
    term = param_term(value)
    assert isinstance(term, ox.Literal) and term.value == value


def test_param_term() -> None:
    assert param_term('"เหงียน"@th') == ox.Literal("เหงียน", language="th")
    assert param_term('"2024-03-05"^^<http://www.w3.org/2001/XMLSchema#date>') == ox.Literal(
        "2024-03-05", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    assert param_term("id:person/x") == ox.NamedNode("https://w3id.org/vnkg/id/person/x")
    assert param_term("เวลา: 10 โมง") == ox.Literal("เวลา: 10 โมง")
    assert param_term("57-NQ/TW") == ox.Literal("57-NQ/TW")


def test_bad_parameter_name(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="bad parameter name"):
        run_query(store, LABEL_QUERY, {"la bel": "x"})


# --------------------------------------------------------------------------- errors

def test_malformed_query_reports_line_and_column(store: ox.Store) -> None:
    with pytest.raises(QueryError) as err:
        run_query(store, "SELECT ?s WHERE {\n  ?s ?p \n}")
    # the checker's parser refuses it first, saying where it stopped
    line, column = err.value.line, err.value.column
    assert err.value.refused and line in (2, 3) and column >= 1
    assert str(err.value).startswith(f"query refused: the query checker cannot parse it at line {line}, "
                                     f"column {column} (Expected")
    assert err.value.__cause__ is None and err.value.__suppress_context__


def test_unknown_prefix_is_a_query_error(store: ox.Store) -> None:
    with pytest.raises(QueryError) as err:
        run_query(store, "SELECT * WHERE { ?s nope:p ?o }")
    assert err.value.line == 1 and "Prefix not found" in str(err.value)


def test_service_is_refused(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(store, "SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }")
    # the word in a variable, a string or a comment is fine
    ok = ('SELECT DISTINCT ?service WHERE { ?service a foaf:Person FILTER(STR(?service) != "SERVICE") }'
          " # SERVICE")
    assert len(run_query(store, ok).rows) == 2


# --------------------------------------------------------------------------- rendering

def test_render_csv_and_tsv(store: ox.Store) -> None:
    result = run_query(store, POSTS)
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    assert rows[0] == ["name", "role", "org"]
    assert rows[2] == ["Tran Van An", "https://w3id.org/vnkg/role/Minister",
                       "https://w3id.org/vnkg/id/org/ministry-of-foreign-affairs"]
    assert render(result, "csv").endswith("\r\n")
    tsv = render(result, "tsv").splitlines()
    assert tsv[0] == "?name\t?role\t?org"
    assert tsv[2] == ('"Tran Van An"@en\t<https://w3id.org/vnkg/role/Minister>\t'
                      "<https://w3id.org/vnkg/id/org/ministry-of-foreign-affairs>")


def test_render_json_is_sparql_results_json(store: ox.Store) -> None:
    doc = json.loads(render(run_query(store, POSTS), "json"))
    assert doc["head"]["vars"] == ["name", "role", "org"]
    first = doc["results"]["bindings"][0]
    assert first["name"] == {"type": "literal", "value": "Nguyen Thi Lan", "xml:lang": "en"}
    assert first["role"] == {"type": "uri", "value": "https://w3id.org/vnkg/role/DeputyMinister"}
    # pyoxigraph's own parser for the format accepts it
    parsed = ox.parse_query_results(render(run_query(store, POSTS), "json").encode(),
                                    format=ox.QueryResultsFormat.JSON)
    assert len(list(parsed)) == 2
    assert json.loads(render(run_query(store, "ASK { ?s ?p ?o }"), "json")) == {"head": {}, "boolean": True}


def test_render_table(store: ox.Store) -> None:
    table = render(run_query(store, POSTS), "table")
    assert isinstance(table, Table)
    assert [c.header for c in table.columns] == ["name", "role", "org"]
    assert table.row_count == 2


def test_render_unknown_format(store: ox.Store) -> None:
    with pytest.raises(ValueError):
        render(run_query(store, POSTS), "xml")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- query text

def test_load_query_text(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "posts.rq").write_text(POSTS, encoding="utf-8")
    monkeypatch.setenv("VNKG_ONTOLOGY", str(tmp_path))
    assert load_query_text("posts") == POSTS
    assert load_query_text(str(tmp_path / "queries" / "posts.rq")) == POSTS
    assert load_query_text("ASK { ?s ?p ?o }") == "ASK { ?s ?p ?o }"
    with pytest.raises(QueryError, match="known: posts"):
        load_query_text("people")
    with pytest.raises(QueryError, match="no such query file"):
        load_query_text(str(tmp_path / "missing.rq"))


def test_service_hidden_by_glued_keywords_is_refused_before_it_runs():
    import pyoxigraph as ox
    from vnkg.query import QueryError, run_query
    for q in ('SELECT * WHERE { ?s ?p trueSERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }',
              "SELECT * WHERE { FILTER(1<'>')SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }"):
        with pytest.raises(QueryError, match="refused") as err:     # rdflib does not read them
            run_query(ox.Store(), q)
        assert err.value.refused
