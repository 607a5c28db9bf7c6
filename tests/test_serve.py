"""``vnkg serve`` as a client sees it: the SPARQL protocol, refusals, time limits, workers.

The server is the real command (``vnkg serve DIR --port P``) in a subprocess over the
seeds' graph built by ``vnkg build``; it is asked with SPARQLWrapper and with plain
HTTP, then stopped with SIGINT. Every request goes to 127.0.0.1. Queries that call
SERVICE point at a canary server on 127.0.0.1, which must never be reached. The check
itself is tested in test_guard.py.
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
from vnkg.serve import query_of

VNKG = Path(sys.executable).parent / "vnkg"
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_S = 2
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
HOLDS = "http://www.w3.org/ns/org#holds"
PEOPLE = f"SELECT DISTINCT ?name WHERE {{ ?p <{HOLDS}> ?post ; <{LABEL}> ?name }} ORDER BY ?name"
DOC_DATES = ("CONSTRUCT { ?d <https://schema.org/legislationDate> ?date } "
             "WHERE { ?d <https://schema.org/legislationDate> ?date }")
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
    assert status == 400 and b"cannot parse" in body


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
        assert status == 400 and (b"SERVICE" in body or b"cannot parse" in body), body
    status, _, _ = http(server, "/query", data=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400
    # the other query path too
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


def engine_workers(server: Server) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(server.proc.pid)], capture_output=True, text=True).stdout
    return sorted(int(pid) for pid in out.split())


def test_slow_query_ends_in_503_and_its_worker_is_replaced(server: Server) -> None:
    workers = engine_workers(server)
    started = time.monotonic()
    status, _, body = get_query(server, UNSTOPPABLE, "text/csv")
    elapsed = time.monotonic() - started
    assert status == 503 and b"time limit" in body
    assert TIMEOUT_S * 0.9 <= elapsed < TIMEOUT_S + 3
    deadline = time.monotonic() + 30
    while len(engine_workers(server)) < len(workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    now = engine_workers(server)
    assert len(now) == len(workers) and now != workers        # one ended, one new
    status, _, body = get_query(server, PEOPLE, "application/sparql-results+json")
    assert status == 200 and "Bui Thanh Son" in names_from_json(body)


def test_a_timed_out_select_star_is_never_a_truncated_200(server: Server) -> None:
    # a cross product that streams rows from the first millisecond
    status, headers, body = get_query(server, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                                      "application/sparql-results+json")
    assert status == 503 and headers["content-type"].startswith("text/plain") and b"time limit" in body


def test_a_crashed_worker_is_replaced(server: Server) -> None:
    for pid in engine_workers(server):
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    statuses = []
    for _ in range(10):
        status, _, body = get_query(server, PEOPLE, "text/csv")
        statuses.append(status)
        if status == 200:
            break
        assert status == 500 and b"engine stopped" in body
    assert statuses[-1] == 200 and len(statuses) <= 3


def test_deep_and_large_queries_get_400_and_the_server_goes_on(server: Server) -> None:
    deep = "ASK { FILTER(" + "(" * 3000 + "true" + ")" * 3000 + ") }"
    status, _, body = http(server, "/query", data=deep.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and b"nested" in body
    large = "ASK {} #" + "x" * 70_000
    status, _, body = http(server, "/query", data=large.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and b"the limit is 65,536 bytes" in body
    assert get_query(server, PEOPLE, "text/csv")[0] == 200


def raw(server: Server, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
        s.sendall(request)
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                return b"".join(chunks)
            chunks.append(data)


@pytest.mark.parametrize("request_bytes,status", [
    ("GET /ä HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode("utf-8"), b"404"),
    (b"GET /query?query=%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"400"),
    (b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: nine\r\nConnection: close\r\n\r\n", b"400"),
    (b"POST /query HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
     b"411"),
    (b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n"
     b"Connection: close\r\n\r\nASK {}", b"415"),
    (b"GARBAGE\r\n\r\n", b"400"),
    (b"GET /query HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"400"),
])
def test_malformed_requests_get_a_4xx_not_a_traceback(server: Server, request_bytes: bytes, status: bytes) -> None:
    answer = raw(server, request_bytes)
    # a line that is no HTTP request gets the standard library's bare error page (HTTP/0.9 style)
    assert answer.split(b" ", 2)[1] == status or b"Error code: " + status in answer, answer[:200]
    assert b"Traceback" not in answer and b"Traceback" not in server.log.read_bytes()


def test_fifty_concurrent_clients(server: Server) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def client(_: int) -> list[int]:
        return [get_query(server, PEOPLE, "text/csv")[0] for _ in range(4)]

    with ThreadPoolExecutor(50) as pool:
        statuses = [s for batch in pool.map(client, range(50)) for s in batch]
    assert statuses == [200] * 200


# --------------------------------------------------------------------------- the UI

def test_query_page(server: Server) -> None:
    status, headers, body = http(server, "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"vnkg SPARQL" in body and b'<script src="query.js">' in body
    assert "default-src 'none'" in headers["content-security-policy"]
    status, headers, body = http(server, "/query.js")
    assert status == 200 and "javascript" in headers["content-type"] and b"fetch(\"query\"" in body
    status, headers, body = http(server, "/query.js", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 1000


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_ui_runs_a_query_in_chromium(server: Server) -> None:
    """The page loads from the server alone, sends its query to the same origin, draws the answer."""
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
            assert "org:holds" in page.input_value("#query")
            page.click("#run")
            page.wait_for_selector("td:text('Ministry of Information and Communications')", timeout=30_000)
            page.fill("#query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
            page.press("#query", "Control+Enter")
            page.wait_for_selector("text=SERVICE (federated query) is refused", timeout=30_000)
        finally:
            browser.close()
    assert elsewhere == []          # no request left the server


# --------------------------------------------------------------------------- start and stop

def test_sigint_stops_server_and_workers_and_frees_port(seeds_graph: Path, tmp_path: Path) -> None:
    s = start_server(seeds_graph, tmp_path)
    out = (tmp_path / f"serve-{s.port}.out").read_text()
    assert f"http://127.0.0.1:{s.port}/" in out
    children = subprocess.run(["pgrep", "-P", str(s.proc.pid)], capture_output=True, text=True).stdout.split()
    assert len(children) >= 2                    # the engine workers (and multiprocessing's tracker)
    assert s.stop() == 0
    assert "stopped" in s.log.read_text() and "Traceback" not in s.log.read_text()
    assert port_is_free(s.port)
    deadline = time.monotonic() + 10

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    while any(alive(int(c)) for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(int(c)) for c in children)


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




@pytest.mark.parametrize("method,target,ctype,body,status", [
    ("GET", "/query?query=ASK%20%7B%7D", None, b"", None),
    ("POST", "/query", "application/sparql-query", b"ASK {}", None),
    ("POST", "/query", "application/x-www-form-urlencoded", b"query=ASK%20%7B%7D", None),
    ("POST", "/query", "text/plain", b"ASK {}", 415),
    ("POST", "/query", "application/sparql-query; charset=utf-8", b"\xff\xfe", 400),
    ("POST", "/query", "application/x-www-form-urlencoded", b"update=CLEAR%20ALL", 403),
    ("POST", "/query", "application/sparql-update", b"CLEAR ALL", 403),
    ("GET", "/query?query=ASK%20%7B%7D&query=ASK%20%7B%7D", None, b"", 400),
    ("GET", "/query?query=ASK%20%7B%7D&default-graph-uri=urn:g", None, b"", 400),
    ("GET", "/query", None, b"x", 400),
])
def test_query_of(method: str, target: str, ctype: str | None, body: bytes, status: int | None) -> None:
    found = query_of(method, target, ctype, body)
    assert (found.status if not isinstance(found, str) else None) == status


def test_the_server_follows_the_folder_to_its_new_generation(tmp_path: Path) -> None:
    from conftest import SHORT, VISIT, write

    graph = tmp_path / "graph"
    short, visit = write(tmp_path / "short.txt", SHORT), write(tmp_path / "visit.txt", VISIT)
    subprocess.run([str(VNKG), "build", str(short), "--out", str(graph)], check=True, capture_output=True)
    count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g <http://purl.org/dc/terms/identifier> ?id } }"
    s = start_server(graph, tmp_path)
    try:
        assert get_query(s, count, "text/csv")[2].split() == [b"n", b"1"]
        subprocess.run([str(VNKG), "add", str(visit), "--graph", str(graph)], check=True, capture_output=True)
        assert get_query(s, count, "text/csv")[2].split() == [b"n", b"2"]
    finally:
        s.stop()


def test_an_engine_worker_cannot_reach_even_localhost(canary: Canary) -> None:
    port = canary.httpd.server_address[1]
    script = ("import socket, sys\nfrom vnkg.engine import _isolate\nprint(_isolate())\n"
              f"s = socket.socket()\ntry:\n    s.connect(('127.0.0.1', {port}))\n    print('reached')\n"
              "except OSError as e:\n    print('unreachable', e.errno)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    isolation, outcome = done.stdout.split("\n")[:2]
    if isolation != "isolated":
        pytest.skip(f"this system does not let a process leave the network: {isolation}")
    assert outcome.startswith("unreachable") and canary.hits == []
