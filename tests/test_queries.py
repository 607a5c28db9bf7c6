"""The question library (ontology/queries/*.rq) answered from the seeds' graph.

Every query runs over a store built from the five seed articles by the real ``vnkg build``
(the session fixture ``seeds_graph`` of conftest.py) and is checked against facts those
articles state. Parameters go through ``vnkg query NAME --param name=value`` or
``run_query(..., params)``; a value with quotes or braces stays data.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from vnkg.cli import app
from vnkg.lexicon import ontology_dir
from vnkg.query import QueryError, QueryResult, load_query_text, query_parameters, run_query
from vnkg.store import open_store, to_oxigraph

QUERIES = ontology_dir() / "queries"
LIBRARY = sorted(p.stem for p in QUERIES.glob("*.rq"))
PARAMETERS = {"officials": {"org"}, "article": {"article"}, "provenance": {"person"},
              "co-mentioned": {"person"}, "timeline": {"person"}}
ARTICLE_000 = "000_25a7b5f8fcc804d9.txt"     # Nguyen Manh Hung meets the new ambassadors
HUNG_TH = "เหงียน มานห์ หุ่ง"


@pytest.fixture(scope="module")
def store(seeds_graph: Path) -> ox.Store:
    return open_store(seeds_graph / "store", read_only=True)


def ask(store: ox.Store, name: str, **params: str) -> list[dict[str, str]]:
    """Rows of library query ``name`` as {column: display value}."""
    result: QueryResult = run_query(store, load_query_text(name), params)
    assert result.kind == "select"
    return [dict(zip(result.columns, row)) for row in result.rows]


def plain(code: str) -> str:
    """Document codes compared without the Vietnamese Đ (01-KH/BCĐTW = 01-KH/BCDTW)."""
    return code.replace("Đ", "D").replace("đ", "d")


# --------------------------------------------------------------------------- the library

def test_the_library_has_every_question() -> None:
    assert set(LIBRARY) >= {"posts", "officials", "documents", "initiatives", "article",
                            "provenance", "co-mentioned", "timeline"}


@pytest.mark.parametrize("name", LIBRARY)
def test_header_states_the_question_in_english_and_thai(name: str) -> None:
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert re.search(r"^# Question: \S", header, re.M)
    thai = re.search(r"^# คำถาม: (.+)$", header, re.M)
    assert thai and re.search(r"[\u0e00-\u0e7f]", thai.group(1))
    params = re.search(r"^# Parameters: (.+)$", header, re.M)
    assert params
    declared = set(re.findall(r"(\w+) = ", params.group(1)))
    assert declared == PARAMETERS.get(name, set())
    assert f"vnkg query {name}" in header
    # Prefixes are declared in the file, so it also runs on `vnkg serve` and its query page.
    used = set(re.findall(r"\b([a-z]+):[A-Za-z]", re.sub(r"#.*|<[^>]*>|\"[^\"]*\"", "", text)))
    declared_prefixes = set(re.findall(r"^PREFIX (\w+):", text, re.M))
    assert used <= declared_prefixes


@pytest.mark.parametrize("name", LIBRARY)
def test_parameter_names_mean_the_same_in_every_query(name: str) -> None:
    # `--param org=…` given to a query that uses ?org for something else would be bound
    # there (or break the substitution of the others): parameter names are reserved.
    text = load_query_text(name)
    for param in set().union(*PARAMETERS.values()):
        if re.search(rf"[?$]{param}\b", text):
            assert param in PARAMETERS.get(name, ()), f"{name} uses ?{param} internally"


@pytest.mark.parametrize("name", LIBRARY)
def test_parameters_are_projected_so_they_are_bound_as_terms(name: str, store: ox.Store) -> None:
    # pyoxigraph substitutes only projected variables; an unprojected one would be ignored.
    text = load_query_text(name)
    select = re.search(r"SELECT(.*?)WHERE", text, re.S).group(1)
    for param in PARAMETERS.get(name, ()):
        assert f"?{param}" in select
    if name not in PARAMETERS:
        assert ask(store, name), f"{name} found nothing in the seeds"


@pytest.mark.parametrize("name", LIBRARY)
def test_library_texts_pass_the_guard_unchanged(name: str) -> None:
    # run_query lets the library's own texts skip the guard's parser: each must pass it as is
    from vnkg.guard import checked

    text = load_query_text(name)
    assert checked(text) == text


def test_a_changed_library_text_is_checked(store: ox.Store) -> None:
    text = load_query_text("documents").replace("WHERE {", "WHERE { SERVICE <http://127.0.0.1:9/> { ?x ?y ?z } ", 1)
    with pytest.raises(QueryError) as refused:
        run_query(store, text)
    assert refused.value.refused


def test_what_the_queries_read_from_the_entities_graph_is_only_there(store: ox.Store) -> None:
    # The library reads labels, types, codes and dates from the entities graph alone (a
    # pattern over the union would repeat each surface form once per article), and
    # matches names there: every surface form an article graph records must also be a name
    # of the same entity in the entities graph.
    entities = "<https://w3id.org/vnkg/graph/entities>"
    outside = run_query(store, f"""
        SELECT ?p WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {entities})
          VALUES ?p {{ rdfs:label skos:prefLabel foaf:name skos:notation schema:legislationIdentifier
                       vnkg:documentType schema:legislationDate }} }} LIMIT 1""")
    assert outside.rows == []
    unnamed = run_query(store, f"""
        SELECT ?s ?form WHERE {{
          GRAPH ?g {{ ?s skos:altLabel ?form }} FILTER(?g != {entities})
          FILTER NOT EXISTS {{ GRAPH {entities} {{
            ?s rdfs:label|skos:prefLabel|skos:altLabel|foaf:name ?name FILTER(STR(?name) = STR(?form)) }} }}
        }} LIMIT 5""")
    assert unnamed.rows == []


# --------------------------------------------------------------------------- answers

def test_posts_held_by_each_person(store: ox.Store) -> None:
    rows = ask(store, "posts")
    hung = [r for r in rows if r["name"] == "Nguyen Manh Hung"]
    mic = [r for r in hung if r["role"] == "Minister"
           and r["organization"] == "Ministry of Information and Communications"]
    assert len(mic) == 1
    # Reported in the July and the November 2024 articles.
    assert mic[0]["firstObserved"] <= mic[0]["lastObserved"] == "2024-11-28"
    assert int(mic[0]["articles"]) >= 2
    son = {(r["role"], r["organization"]) for r in rows if r["name"] == "Bui Thanh Son"}
    assert ("Minister", "Ministry of Foreign Affairs") in son
    assert rows == sorted(rows, key=lambda r: (r["name"], r["role"], r["organization"]))


@pytest.mark.parametrize("org", ["Ministry of Foreign Affairs", "ministry of foreign affairs",
                                 "MOFA", "กระทรวงการต่างประเทศ", "กระทรวง การต่างประเทศ"])
def test_officials_of_an_organization_by_any_of_its_names(store: ox.Store, org: str) -> None:
    rows = ask(store, "officials", org=org)
    people = {(r["name"], r["role"]) for r in rows}
    assert ("Bui Thanh Son", "Minister") in people
    assert ("Do Hung Viet", "Deputy Minister") in people      # the role's label, not its IRI
    assert {r["org"] for r in rows} == {org}
    assert all(r["unit"] for r in rows)


def test_officials_of_an_unknown_organization(store: ox.Store) -> None:
    assert ask(store, "officials", org="Ministry of Magic") == []


def test_documents_by_issuer_type_and_date(store: ox.Store) -> None:
    rows = ask(store, "documents")
    by_code = {plain(r["code"]): r for r in rows}
    assert by_code["57-NQ/TW"]["issuer"] == "Politburo of the Communist Party of Vietnam"
    assert by_code["57-NQ/TW"]["type"] == "Resolution"
    assert by_code["57-NQ/TW"]["date"] == "2024-12-22"
    assert by_code["505/QD-TTg"]["type"] == "Decision"
    assert by_code["505/QD-TTg"]["date"] == "2022-04-22"
    assert by_code["01-KH/BCDTW"]["date"] == "2025-03-21"
    issuers = [r["issuer"] for r in rows]
    assert issuers == sorted(issuers)


def test_initiatives_with_documents_and_partners(store: ox.Store) -> None:
    rows = ask(store, "initiatives")
    literacy = [r for r in rows if "Digital literacy" in r["initiative"]]
    assert len(literacy) == 1
    implements = {plain(c) for c in literacy[0]["implements"].split(", ")}
    assert "01-KH/BCDTW" in implements
    assert "Ministry of Foreign Affairs" in literacy[0]["partners"].split(", ")
    day = [r for r in rows if r["initiative"] == "National Digital Transformation Day"]
    assert day and "505/QD-TTg" in day[0]["implements"]


def test_everything_one_article_says(store: ox.Store) -> None:
    rows = ask(store, "article", article=ARTICLE_000)
    assert rows and {r["article"] for r in rows} == {ARTICLE_000}
    triples = {(r["subject"], r["predicate"], r["object"]) for r in rows}
    article = next(s for s, p, o in triples if p == "dcterms:identifier" and o == ARTICLE_000)
    assert (article, "rdf:type", "schema:NewsArticle") in triples
    assert (article, "schema:mentions", "id:person/nguyen-manh-hung") in triples
    # Only that article's graph: every evidence in it comes from it.
    sources = {o for s, p, o in triples if p == "prov:wasDerivedFrom"}
    assert sources == {article}
    assert "Bui Thanh Son" not in {o for _, _, o in triples}     # named in other articles only


def test_everything_about_an_unknown_article(store: ox.Store) -> None:
    assert ask(store, "article", article="999_missing.txt") == []


@pytest.mark.parametrize("person", ["Nguyen Manh Hung", HUNG_TH, "NGUYEN MANH HUNG"])
def test_where_the_posts_of_a_person_came_from(store: ox.Store, person: str) -> None:
    rows = ask(store, "provenance", person=person)
    mic = [r for r in rows if r["role"] == "Minister"
           and r["organization"] == "Ministry of Information and Communications"]
    files = {r["file"] for r in mic}
    assert ARTICLE_000 in files
    row = next(r for r in mic if r["file"] == ARTICLE_000)
    assert row["url"].startswith("https://vietnamnet.vn/")
    # The offsets point at the sentence in the article's cleaned text.
    text = run_query(store, "SELECT ?t WHERE { ?a dcterms:identifier ?f ; schema:text ?t }",
                     {"f": ARTICLE_000}).rows[0][0]
    assert text[int(row["start"]):int(row["end"])] == row["sentence"]
    assert "เหงียน" in row["sentence"]


def test_officials_mentioned_with_an_official(store: ox.Store) -> None:
    rows = ask(store, "co-mentioned", person=HUNG_TH)
    by_name = {r["official"]: r for r in rows}
    assert "Do Hung Viet" in by_name                      # both in the November 2024 article
    assert ARTICLE_000 in by_name["Do Hung Viet"]["files"].split()
    assert "Deputy Minister" in by_name["Do Hung Viet"]["roles"]
    assert "Nguyen Manh Hung" not in by_name              # not co-mentioned with himself
    counts = [int(r["articles"]) for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_timeline_of_one_person(store: ox.Store) -> None:
    rows = ask(store, "timeline", person="Nguyen Manh Hung")
    kinds = {r["kind"] for r in rows}
    assert {"post", "statement"} <= kinds
    assert {"date": "2024-11-28", "kind": "post", "what": "Minister, Ministry of Information and Communications",
            "file": ARTICLE_000, "person": "Nguyen Manh Hung"} in rows
    statements = [r for r in rows if r["kind"] == "statement"]
    assert all(r["date"] and r["what"] for r in statements)
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated)
    assert rows[:len(dated)] == [r for r in rows if r["date"]]   # undated last


# --------------------------------------------------------------------------- parameters are data

HOSTILE = [
    'Nguyen Manh Hung" } UNION { ?who ?p ?o } #',
    "Nguyen Manh Hung' ) ) } } SELECT * WHERE { ?s ?p ?o } #",
    'x")) || true || (("',
    '"@en } ?a ?b ?c {',
    "} ; DROP ALL ; {",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["provenance", "co-mentioned", "timeline"])
def test_hostile_values_cannot_change_the_query(store: ox.Store, name: str, value: str) -> None:
    assert ask(store, name, person=value) == []


def test_hostile_organization_name(store: ox.Store) -> None:
    for value in HOSTILE:
        assert ask(store, "officials", org=value) == []


# --------------------------------------------------------------------------- one answer, whatever the engine

def _example_parameters(store: ox.Store) -> dict[str, dict[str, str]]:
    """For each question with a parameter, a value with answers: the official with most
    posts, the organization with most posts, the article with most statements."""
    def top(sparql: str) -> str:
        return run_query(store, sparql).rows[0][0]
    person = top("SELECT ?n WHERE { ?p org:heldBy ?w . ?w rdfs:label ?n } GROUP BY ?n ORDER BY DESC(COUNT(*)) ?n LIMIT 1")
    org = top("SELECT ?n WHERE { ?p org:postIn ?o . ?o rdfs:label ?n } GROUP BY ?n ORDER BY DESC(COUNT(*)) ?n LIMIT 1")
    article = top("SELECT ?f WHERE { ?a dcterms:identifier ?f ; schema:mentions ?e } "
                  "GROUP BY ?f ORDER BY DESC(COUNT(?e)) ?f LIMIT 1")
    values = {"person": person, "org": org, "article": article}
    return {name: {p: values[p] for p in PARAMETERS[name]} for name in PARAMETERS}


@pytest.fixture(scope="module", params=["seeds", "generated"])
def both_engines(request) -> tuple[ox.Store, rdflib.Dataset, dict[str, dict[str, str]]]:
    """The same graph in pyoxigraph (from the store) and in rdflib (from graph.trig)."""
    graph = request.getfixturevalue("seeds_graph" if request.param == "seeds" else "generated_graph")
    store = open_store(graph / "store", read_only=True)
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(graph / "graph.trig", format="trig")
    return store, dataset, _example_parameters(store)


@pytest.mark.parametrize("name", LIBRARY)
def test_same_rows_on_pyoxigraph_and_rdflib(both_engines, name: str) -> None:
    # Oxigraph follows SPARQL's error rules to the letter (MIN/MAX over a group with an
    # unbound row give nothing; GROUP_CONCAT keeps a shared language tag and its own item
    # order): each question is written so that the answer does not depend on the engine.
    store, dataset, examples = both_engines
    params = examples.get(name, {})
    text = load_query_text(name)
    ours = run_query(store, text, params)
    theirs = dataset.query(text, initBindings={k: rdflib.Literal(v) for k, v in params.items()})
    assert [str(v) for v in theirs.vars] == ours.columns
    assert ours.rows, f"{name} has no answer on this graph: the comparison would prove nothing"
    as_text = [tuple("" if row[v] is None else str(to_oxigraph(row[v])) for v in theirs.vars) for row in theirs]
    assert sorted(tuple("" if t is None else str(t) for t in row) for row in ours.terms) == sorted(as_text)


def test_dates_are_kept_when_some_reports_lack_one(store: ox.Store) -> None:
    # Bui Thanh Son's ministry is reported by two articles, one of which has no date.
    son = [r for r in ask(store, "posts") if r["name"] == "Bui Thanh Son" and r["role"] == "Minister"]
    assert [(r["firstObserved"], r["lastObserved"], r["articles"]) for r in son] == [("2023-12-22", "2023-12-22", "2")]
    officials = ask(store, "officials", org="Ministry of Foreign Affairs")
    assert next(r for r in officials if r["name"] == "Bui Thanh Son")["lastObserved"] == "2023-12-22"


# --------------------------------------------------------------------------- the command line

def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_vnkg_query_by_name_with_param(seeds_graph: Path) -> None:
    out = cli("query", "officials", "--graph", str(seeds_graph), "--param",
              "org=Ministry of Foreign Affairs", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"org": "Ministry of Foreign Affairs", "name": "Bui Thanh Son", "role": "Minister"}.items() \
        <= next(r for r in rows if r["name"] == "Bui Thanh Son").items()
    out = cli("query", "posts", "--graph", str(seeds_graph), "--format", "tsv")
    assert out.splitlines()[0].split("\t")[:3] == ["?name", "?role", "?organization"]
    assert '"Nguyen Manh Hung"@en\t"Minister"@en\t"Ministry of Information and Communications"' in out


@pytest.mark.parametrize("name, takes", [("officials", "org"), ("posts", "no parameters")])
def test_unknown_parameter_is_an_error_naming_the_parameters(seeds_graph: Path, name: str, takes: str) -> None:
    result = CliRunner().invoke(app, ["query", name, "--graph", str(seeds_graph),
                                      "--param", "orgg=Ministry of Foreign Affairs"])
    assert result.exit_code == 2, result.output
    message = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split())     # rich's error panel
    assert "unknown parameter orgg" in message and f"takes {takes}" in message
    assert result.stdout == ""


def test_parameters_of_a_query(seeds_graph: Path) -> None:
    assert query_parameters(load_query_text("officials")) == ["org"]
    assert query_parameters(load_query_text("posts")) == []
    # any other query takes the variables it uses, not words in its strings, IRIs or comments
    text = 'SELECT ?s WHERE { ?s <urn:x?y> "?z" ; $t ?u } # ?v'
    assert query_parameters(text) == ["s", "t", "u"]
    with pytest.raises(QueryError, match="its parameters are: s, t, u"):
        run_query(open_store(seeds_graph / "store", read_only=True), text, {"v": "1"})


def test_vnkg_query_param_with_quotes_and_braces(seeds_graph: Path) -> None:
    out = cli("query", "timeline", "--graph", str(seeds_graph), "-p", f"person={HOSTILE[0]}",
              "--format", "csv")
    assert out.strip() == "person,date,kind,what,file"
    out = cli("query", "timeline", "--graph", str(seeds_graph), "-p", "person=Nguyen Manh Hung",
              "--format", "json")
    assert '"statement"' in out
