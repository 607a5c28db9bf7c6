"""``vnkg serve`` as a client sees it, and the SERVICE/update guard in front of Oxigraph.

The server is the real command (``vnkg serve DIR --port P``) in a subprocess over the
seeds' graph built by ``vnkg build``; it is asked with SPARQLWrapper and with plain
HTTP, then stopped with SIGINT. Every request goes to 127.0.0.1. Queries that call
SERVICE point at a canary server on 127.0.0.1, which must never be reached.
"""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import VISIT, write
from vnkg.guard import check_query, find_service, operation_kind
from vnkg.serve import GRACE_S, inspect_request

VNKG = Path(sys.executable).parent / "vnkg"
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_S = 2
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
HOLDS = "http://www.w3.org/ns/org#holds"
PEOPLE = f"SELECT DISTINCT ?name WHERE {{ ?p <{HOLDS}> ?post ; <{LABEL}> ?name }} ORDER BY ?name"
DOC_DATES = ("CONSTRUCT { ?d <https://schema.org/legislationDate> ?date } "
             "WHERE { ?d <https://schema.org/legislationDate> ?date }")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
UNSTOPPABLE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Can a new server listen there (SO_REUSEADDR: closed connections in TIME_WAIT do not count)?"""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> int:
        """SIGINT (Ctrl-C) and the exit status; the port must be free afterwards."""
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=20)


def start_server(graph: Path, tmp: Path, *extra: str) -> Server:
    port = free_port()
    log = tmp / f"serve-{port}.log"
    with open(log, "wb") as err, open(tmp / f"serve-{port}.out", "wb") as out:
        proc = subprocess.Popen([str(VNKG), "serve", str(graph), "--port", str(port), *extra],
                                stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    server = Server(proc, port, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"vnkg serve exited: {log.read_text(errors='replace')}"
        try:
            with urllib.request.urlopen(server.base + "/", timeout=5) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("vnkg serve did not answer within 60 s")


@pytest.fixture(scope="module")
def server(seeds_graph: Path, tmp_path_factory) -> Iterator[Server]:
    s = start_server(seeds_graph, tmp_path_factory.mktemp("serve"), "--timeout-s", str(TIMEOUT_S))
    yield s
    if s.proc.poll() is None:
        s.stop()


class Canary:
    """A local HTTP server that counts requests: SERVICE calls must never reach it."""

    def __init__(self) -> None:
        hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(500)
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.hits = hits
        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    c = Canary()
    yield c
    c.httpd.shutdown()


def http(server: Server, path: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(server.base + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def get_query(server: Server, query: str, accept: str) -> tuple[int, dict[str, str], bytes]:
    return http(server, "/query?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})


def names_from_json(body: bytes) -> list[str]:
    return [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]


# --------------------------------------------------------------------------- SPARQL protocol

def test_sparqlwrapper_json_and_xml(server: Server) -> None:
    from SPARQLWrapper import JSON, XML, SPARQLWrapper

    client = SPARQLWrapper(server.base + "/query")
    client.setQuery(PEOPLE)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    names = [b["name"]["value"] for b in bindings]
    assert "Bui Thanh Son" in names and "Nguyen Manh Hung" in names
    assert names == sorted(names) and len(names) == len(set(names))
    assert bindings[0]["name"]["xml:lang"] == "en"
    client.setReturnFormat(XML)
    doc = client.query().convert()           # an xml.dom Document
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert literals == names


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values",
                                    "application/sparql-results+json", "application/sparql-results+xml"])
def test_content_negotiation(server: Server, accept: str) -> None:
    status, headers, body = get_query(server, PEOPLE, accept)
    assert status == 200
    assert headers["content-type"].split(";")[0] == accept
    text = body.decode("utf-8")
    if accept == "text/csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["name"] and ["Bui Thanh Son"] in rows
    elif accept == "text/tab-separated-values":
        lines = text.splitlines()
        assert lines[0] == "?name" and '"Bui Thanh Son"@en' in lines
    elif accept.endswith("json"):
        assert "Bui Thanh Son" in names_from_json(body)
    else:
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        literals = [e.text for e in ET.fromstring(body).iterfind(".//r:literal", ns)]
        assert "Bui Thanh Son" in literals
    assert int(headers["content-length"]) == len(body)


def test_post_form_and_post_query_body(server: Server) -> None:
    form = urllib.parse.urlencode({"query": PEOPLE}).encode()
    status, _, body = http(server, "/query", data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    assert status == 200 and "Nguyen Manh Hung" in names_from_json(body)
    status, _, body = http(server, "/query", data=PEOPLE.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and "Nguyen Manh Hung" in names_from_json(body)


def test_construct_as_turtle(server: Server) -> None:
    status, headers, body = get_query(server, DOC_DATES, "text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    triples = {q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)}
    assert ox.Triple(ox.NamedNode("https://w3id.org/vnkg/id/doc/57-NQ-TW"),
                     ox.NamedNode("https://schema.org/legislationDate"),
                     ox.Literal("2024-12-22", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))) \
        in triples


def test_default_graph_is_the_union(server: Server) -> None:
    # Labels live in the entities graph, posts in article graphs: the join needs the union.
    _, _, body = get_query(server, "ASK { ?p <http://www.w3.org/ns/org#holds> ?post ; "
                                   f"<{LABEL}> \"Nguyen Manh Hung\"@en }}", "application/sparql-results+json")
    assert json.loads(body)["boolean"] is True


def test_syntax_errors_keep_their_status(server: Server) -> None:
    status, _, body = get_query(server, "SELECT WHERE {", "application/sparql-results+json")
    assert status == 400 and b"error" in body


# --------------------------------------------------------------------------- refusals

@pytest.mark.parametrize("how", ["form", "sparql-update", "get"])
def test_update_endpoint_refused(server: Server, how: str) -> None:
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    if how == "form":
        status, _, body = http(server, "/update", data=urllib.parse.urlencode({"update": update}).encode(),
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "sparql-update":
        status, _, body = http(server, "/update", data=update.encode(),
                               headers={"Content-Type": "application/sparql-update"})
    else:
        status, _, body = http(server, "/update?" + urllib.parse.urlencode({"update": update}))
    assert status == 403 and b"read-only" in body


@pytest.mark.parametrize("content_type", ["application/sparql-query", "application/x-www-form-urlencoded",
                                          "application/sparql-update"])
def test_update_sent_to_query_refused(server: Server, content_type: str) -> None:
    update = "PREFIX ex: <urn:x:> DELETE WHERE { ?s ?p ?o }"
    field = "update" if content_type.endswith("sparql-update") else "query"
    data = (urllib.parse.urlencode({field: update}) if content_type.endswith("urlencoded") else update).encode()
    status, _, body = http(server, "/query", data=data, headers={"Content-Type": content_type})
    assert status == 403 and b"read-only" in body
    # nothing changed
    _, _, body = get_query(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")
    assert int(body.split()[1]) > 1000


def test_writes_to_the_graph_store_refused(server: Server) -> None:
    status, _, _ = http(server, "/store?default", data=b"<urn:x:a> <urn:x:b> <urn:x:c> .",
                        headers={"Content-Type": "application/n-triples"}, method="PUT")
    assert status == 403


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o . service silent <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ BIND(1 AS ?one) SERVICE<{url}>{{ ?a ?b ?c }} }}",
    "PREFIX ex: <{url}#> SELECT * WHERE {{ BIND(true AS ?t) SERVICEex:x {{ ?a ?b ?c }} }}",
    'SELECT * WHERE {{ BIND("""a\\"""" AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} FILTER(?x != "z") }}',
    "SELECT * WHERE {{ BIND(1 AS ?x) FILTER(1<'>')SERVICE <{url}> {{ ?a ?b ?c }} FILTER(?x != 'y') }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }}",
])
def test_service_refused_before_it_runs(server: Server, canary: Canary, template: str) -> None:
    query = template.format(url=canary.url)
    for accept in ("application/sparql-results+json", "text/csv"):
        status, _, body = get_query(server, query, accept)
        assert status == 400 and b"SERVICE" in body, body
    status, _, _ = http(server, "/query", data=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400
    # the YASGUI endpoint too
    status, _, _ = http(server, "/sparql", data=urllib.parse.urlencode({"query": query}).encode(),
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400
    assert canary.hits == []


def test_service_in_a_string_still_runs(server: Server, canary: Canary) -> None:
    query = (f'SELECT ?x WHERE {{ BIND("SERVICE <{canary.url}> {{ ?s ?p ?o }}" AS ?x) }} '
             "# SERVICE in a comment is not a call either")
    status, _, body = get_query(server, query, "application/sparql-results+json")
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"].startswith("SERVICE <")
    assert canary.hits == []


def oxigraph_children(server: Server) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(server.proc.pid)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def test_slow_query_hits_the_time_limit(server: Server) -> None:
    # Oxigraph cancels this one itself, after streaming the first bytes of a 200 answer;
    # the guard turns it into a 503.
    children = oxigraph_children(server)
    started = time.monotonic()
    status, _, body = get_query(server, SLOW, "application/sparql-results+json")
    elapsed = time.monotonic() - started
    assert status == 503 and b"time limit" in body
    assert TIMEOUT_S * 0.9 <= elapsed < TIMEOUT_S + 4
    assert oxigraph_children(server) == children            # no restart was needed
    assert get_query(server, PEOPLE, "text/csv")[0] == 200


def test_query_oxigraph_cannot_interrupt_restarts_the_engine(server: Server) -> None:
    # Oxigraph's limit does not interrupt this one: past the grace period the child is
    # replaced, so it stops burning a core, and the endpoint answers again.
    (old,) = oxigraph_children(server)
    started = time.monotonic()
    status, _, body = get_query(server, UNSTOPPABLE, "text/csv")
    elapsed = time.monotonic() - started
    assert status == 503 and b"time limit" in body
    assert TIMEOUT_S + GRACE_S - 0.5 <= elapsed < TIMEOUT_S + GRACE_S + 20
    (new,) = oxigraph_children(server)
    assert new != old
    with pytest.raises(ProcessLookupError):
        os.kill(old, 0)
    status, _, body = get_query(server, PEOPLE, "application/sparql-results+json")
    assert status == 200 and "Bui Thanh Son" in names_from_json(body)


def test_a_crashed_engine_is_started_again(server: Server) -> None:
    (old,) = oxigraph_children(server)
    os.kill(old, signal.SIGKILL)
    time.sleep(0.2)
    status, _, body = get_query(server, PEOPLE, "text/csv")
    assert status == 502 and b"did not answer" in body
    status, _, body = get_query(server, PEOPLE, "text/csv")
    assert status == 200 and b"Bui Thanh Son" in body
    (new,) = oxigraph_children(server)
    assert new != old


# --------------------------------------------------------------------------- the UI

def test_ui_page_and_assets(server: Server) -> None:
    status, headers, body = http(server, "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode("utf-8")
    assert "yasgui" in page.lower() and "vnkg-prefixes.json" in page
    status, headers, body = http(server, "/yasgui.min.js")
    assert status == 200 and "javascript" in headers["content-type"] and len(body) > 100_000
    status, _, body = http(server, "/vnkg-prefixes.json")
    assert status == 200 and json.loads(body)["org"] == "http://www.w3.org/ns/org#"
    status, headers, body = http(server, "/yasgui.min.js", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 100_000


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_ui_runs_a_query_in_chromium(server: Server) -> None:
    """YASGUI loads from the server, sends its query to the same origin, draws the answer."""
    from playwright.sync_api import sync_playwright

    elsewhere: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context()

            def route(r) -> None:
                if r.request.url.startswith(server.base + "/"):
                    r.continue_()
                else:
                    elsewhere.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.goto(server.base + "/")
            page.wait_for_selector(".CodeMirror", timeout=30_000)
            assert "org:holds" in page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
            page.click(".yasqe_queryButton")
            page.wait_for_selector("text=Ministry of Information and Communications", timeout=30_000)
        finally:
            browser.close()
    assert elsewhere == []          # no request left 127.0.0.1 (no prefix.cc, no LOV)


# --------------------------------------------------------------------------- start and stop

def test_sigint_stops_server_and_child_and_frees_port(seeds_graph: Path, tmp_path: Path) -> None:
    s = start_server(seeds_graph, tmp_path)
    out = (tmp_path / f"serve-{s.port}.out").read_text()
    assert f"http://127.0.0.1:{s.port}/" in out
    children = subprocess.run(["pgrep", "-P", str(s.proc.pid)], capture_output=True, text=True).stdout.split()
    assert len(children) == 1
    assert s.stop() == 0
    assert "stopped" in s.log.read_text()
    assert port_is_free(s.port)
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(int(children[0]), 0)


ARTICLES = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }"


def test_answers_from_the_store_as_it_is_after_add(seeds_copy, tmp_path: Path) -> None:
    s = start_server(seeds_copy.graph, tmp_path)
    try:
        def articles() -> int:
            status, _, body = get_query(s, ARTICLES, "application/sparql-results+json")
            assert status == 200, body
            return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

        assert articles() == 5
        visit = write(tmp_path / "more" / "visit.txt", VISIT)
        added = subprocess.run([str(VNKG), "add", str(visit), "--graph", str(seeds_copy.graph), "--no-export"],
                               capture_output=True, text=True, timeout=300)
        assert added.returncode == 0, added.stderr
        assert articles() == 6
        assert "the store has changed" in s.log.read_text()
        # a full build swaps the store folder: answered from the new one too
        rebuilt = subprocess.run([str(VNKG), "build", str(seeds_copy.seeds), "--out", str(seeds_copy.graph)],
                                 capture_output=True, text=True, timeout=300)
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert articles() == 5
    finally:
        assert s.stop() == 0


def test_busy_port_and_missing_store(seeds_graph: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([str(VNKG), "serve", str(seeds_graph), "--port", str(port)],
                              capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in proc.stderr
    proc = subprocess.run([str(VNKG), "serve", str(tmp_path), "--port", str(free_port())],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1 and "no store here" in proc.stderr
    proc = subprocess.run([str(VNKG), "serve", str(seeds_graph), "--bind", "0.0.0.0"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1 and "loopback" in proc.stderr


# --------------------------------------------------------------------------- the guard itself

def parses_in_oxigraph(query: str) -> bool:
    """True if pyoxigraph accepts the query. Its SERVICE IRIs use port 9, which Oxigraph's
    HTTP client refuses before connecting, so nothing leaves the machine."""
    try:
        answer = ox.Store().query(query)
        if not isinstance(answer, ox.QueryBoolean):
            list(answer)
    except SyntaxError:
        return False
    except OSError as exc:
        assert "port 9 is not allowed" in str(exc)
    except RuntimeError:            # parsed, failed while running (e.g. an unbound service)
        pass
    return True


SVC = "<http://127.0.0.1:9/sparql>"
PFX = "PREFIX ex: <http://127.0.0.1:9/> PREFIX : <http://127.0.0.1:9/> "
# Each of these is valid for Oxigraph and calls a service; each hides the keyword from a
# naive check (a regex after blanking strings and IRIs, or a keyword match).
CALLS_SERVICE = [
    f"SELECT * WHERE {{ SERVICE {SVC} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ sErViCe SILENT {SVC} {{ ?s ?p ?o }} }}",
    f"{PFX}SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",            # the keyword, then :x
    f"{PFX}SELECT * WHERE {{ SERVICEex:x {{ ?s ?p ?o }} }}",          # no space after the keyword
    f"SELECT * WHERE {{ ?s ?p 1SERVICE {SVC} {{ ?a ?b ?c }} }}",
    f"SELECT * WHERE {{ ?s ?p trueSERVICE {SVC} {{ ?a ?b ?c }} }}",
    f'SELECT * WHERE {{ ?s ?p "x"SERVICE {SVC} {{ ?a ?b ?c }} }}',
    f"SELECT * WHERE {{ ?s ?p ?o .SERVICE {SVC} {{ ?a ?b ?c }} }}",
    f'SELECT * WHERE {{ ?s ?p """a\\"""" SERVICE {SVC} {{ ?a ?b ?c }} FILTER(?x = "z") }}',
    f'SELECT * WHERE {{ ?s ?p "a\\u005C" SERVICE {SVC} {{ ?x ?y ?z }} FILTER(?s != " . ?s ?p ") }}',
    f"SELECT * WHERE {{ ?s ?p ?o . SERVICE#c\n{SVC} {{ ?a ?b ?c }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o # c\rSERVICE {SVC} {{ ?a ?b ?c }} }}",
    f"SELECT * WHERE {{ ?s ?p 1 FILTER(1<'>')SERVICE {SVC} {{ ?a ?b ?c }} FILTER(?a != 'x') }}",
    f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o < <http://a#>) SERVICE {SVC} {{ ?a ?b ?c }} }}",
    f'SELECT * WHERE {{ << ?s ?p "a>" >> ?q ?r . SERVICE {SVC} {{ ?a ?b ?c }} ?x ?y "" }}',
    f"SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ SERVICE {SVC} {{ ?a ?b ?c }} }} }}",
    f"ASK {{ VALUES ?where {{ {SVC} }} SERVICE ?where {{ ?a ?b ?c }} }}",
]
HARMLESS = [
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { ?a ?b ?c }" }',
    "SELECT * WHERE { ?s ?p '''a SERVICE\n<http://127.0.0.1:9/> {}''' }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }",
    "PREFIX schema: <https://schema.org/> SELECT * WHERE { ?s a schema:Service ; schema:serviceType ?service }",
    "SELECT * WHERE { ?s a <https://schema.org/Service> }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o = <https://schema.org/Service>) }",
    'SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(LCASE(STR(?o)), "service")) }',
    "SELECT ?serviceName WHERE { ?s ?p ?serviceName }",
]


@pytest.mark.parametrize("query", CALLS_SERVICE)
def test_guard_finds_every_service_call(query: str) -> None:
    assert parses_in_oxigraph(query), "the example must be a real, valid query"
    assert find_service(query) is not None
    refusal = check_query(query)
    assert refusal and refusal.status == 400


@pytest.mark.parametrize("query", HARMLESS)
def test_guard_lets_service_in_strings_comments_and_names_through(query: str) -> None:
    assert parses_in_oxigraph(query)
    assert check_query(query) is None


def test_guard_on_long_and_intricate_queries() -> None:
    many = "SELECT * WHERE { " + " ".join(f'?s{i} ?p "service {i}" .' for i in range(5000)) + " }"
    started = time.monotonic()
    assert check_query(many) is None
    branching = "SELECT * WHERE { FILTER(" + "?a<'x' && " * 500 + "true) } # service"
    assert check_query(branching) is None
    assert time.monotonic() - started < 10


def test_operation_kind() -> None:
    assert operation_kind("PREFIX a: <urn:x:> # INSERT\nINSERT DATA { a:b a:c a:d }") == "update"
    assert operation_kind("BASE <urn:x:> WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == "update"
    assert operation_kind("PREFIX insert: <urn:x:> SELECT * { ?s insert:p ?o }") == "query"
    assert operation_kind("ASK {}") == "query"


@pytest.mark.parametrize("method,target,ctype,body,status", [
    ("GET", "/query?query=" + urllib.parse.quote(f"SELECT * {{ SERVICE {SVC} {{}} }}"), None, b"", 400),
    ("GET", "/whatever?QUERY=" + urllib.parse.quote(f"ASK {{ SERVICE {SVC} {{}} }}"), None, b"", 400),
    ("POST", "/query?query=" + urllib.parse.quote(f"ASK {{ SERVICE {SVC} {{}} }}"),
     "application/sparql-query", b"ASK {}", 400),
    ("POST", "/query", "text/plain", b"ASK {}", 415),
    ("POST", "/query", "application/sparql-query; charset=utf-8", b"\xff\xfe", 400),
    ("POST", "/%75pdate", "application/x-www-form-urlencoded", b"update=CLEAR%20ALL", 403),
    ("POST", "/query", "application/x-www-form-urlencoded", b"update=CLEAR%20ALL", 403),
    ("DELETE", "/store?default", None, b"", 403),
    ("GET", "/query?query=ASK%20%7B%7D", None, b"", None),
    ("POST", "/sparql", "application/x-www-form-urlencoded", b"query=ASK%20%7B%7D", None),
    ("GET", "/", None, b"", None),
])
def test_inspect_request(method: str, target: str, ctype: str | None, body: bytes, status: int | None) -> None:
    refusal = inspect_request(method, target, ctype, body)
    assert (refusal.status if refusal else None) == status
