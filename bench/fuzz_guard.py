"""Differential fuzzing of the query check (vnkg.guard) against what Oxigraph really does.

    .venv/bin/python bench/fuzz_guard.py [--count 100000] [--seed 1] [--jobs 2] [--out FILE]

Each generated query (SPARQL 1.1 and 1.2 syntax: triple terms, reifiers, strings with
every kind of escape, IRIs, comments and line breaks around ``SERVICE`` in all its
spellings, glued to what comes before and after it, then mutated a character or three)
goes through the check and through pyoxigraph, on an in-memory store whose SERVICE
IRIs all point at a listener on 127.0.0.1 that counts the requests each query causes. A
query that reaches the listener while the check lets it through is a bypass; there must
be none. Bypasses found are written to ``--out`` (one JSON object per line), the form of
tests/data/service_bypasses.jsonl, where they stay as regression tests.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox

from vnkg.guard import Refused, checked

U = "{U}"          # replaced by the listener's address for this query

SERVICE_WORDS = ["SERVICE", "service", "Service", "sErViCe", "SERVICE SILENT", "service silent"]
# what may separate SERVICE from its target, and the target from its body
GAPS = [" ", "", "\n", "\t", "  ", "#c\n", "#c\r", "\r", "\r\n", "# SERVICE \"\n", "#'\n", "#>\n"]
TARGETS = [f"<{U}>", "ex:x", ":x", "?svc", "<x>", f"<{U}#'>"]
BODIES = ["{ ?a ?b ?c }", "{}", "{ SELECT * {} }", "{ ?a ?b ?c FILTER(?a != \"}\") }", "{?a ?b ?c}"]
# what comes right before the keyword: each closes its token in its own way
BEFORE = [
    "?s ?p ?o .", "?s ?p ?o", "?s ?p 1", "?s ?p true", "?s ?p 1.5e0", '?s ?p "x"', "?s ?p 'x'",
    '?s ?p """x"""', "?s ?p '''x'''", "?s ?p <urn:x>", "?s ?p ex:o", "?s ?p :o", "BIND(1 AS ?x)",
    "FILTER(1<2)", "FILTER(1<'>')", "FILTER(?o < <http://a#>)", "FILTER(?o<<urn:a>)",
    "FILTER(<<(<urn:s> <urn:p> <urn:o>)>><'>')", "<< ?s ?p ?o >> ?q ?r .", "?s ?p <<( ?a ?b ?c )>> .",
    "?s ?p ?o {| ?q ?r |} .", "<< ?s ?p ?o ~ ?t >> ?q ?r .", "FILTER(isTRIPLE(?o))",
    "BIND(TRIPLE(?s, ?p, ?o) AS ?t)", '?s ?p "a\\u005C"', '?s ?p "a\\\\"', '?s ?p "a\\""', "?s ?p 'a\\''",
    '?s ?p "\\u0022"', "?s ?p '\\u0027'", '?s ?p "x"@en', '?s ?p "x"^^<urn:t>', "VALUES ?v { 1 }",
    f"VALUES ?svc {{ <{U}> }}", f"BIND(<{U}> AS ?svc)", "?s ?p _:b", "?s ?p [ ?q ?r ]", "?s ?p (1 2)",
    "OPTIONAL { ?s ?p ?o }", "{ ?s ?p ?o }", "FILTER EXISTS { ?s ?p ?o }", "MINUS { ?x ?y ?z }",
    "", "", "",
]
AFTER = ["", "", ' FILTER(?x != "z")', " # \"", " ?s ?p \"\"", " FILTER(?a != ' . ?s ?p ')", " .", " }"[:1],
         ' ?s ?p "x\\u0022 ', " FILTER(?o > <urn:a#>)"]
# pieces of text that decoys are made of: a SERVICE call hidden (or not) inside them
DECOY_INNER = [f"SERVICE <{U}> {{ ?a ?b ?c }}", "SERVICE ex:x {}", "\\\"", "\\'", "\\\\", "\\u0022",
               "\\u0027", "\\u005C", "\\u003E", "\\u003C", "\\u0023", "\\u000A", "\\U00000022", "\\n",
               "#", ">", "<", "\"", "'", "}", "{", " ", "x", "\\u0041", "SERVICE", "service <urn:x> {}",
               "x", "y z", "SERVICE", "\\t"]
WRAPS = ["{X}", "OPTIONAL {{ {X} }}", "{{ {X} }} UNION {{ ?u ?v ?w }}", "FILTER EXISTS {{ {X} }}",
         "FILTER NOT EXISTS {{ {X} }}", "MINUS {{ {X} }}", "GRAPH ?g {{ {X} }}", "{{ SELECT * WHERE {{ {X} }} }}",
         "FILTER(EXISTS {{ {X} }})", "BIND(EXISTS {{ {X} }} AS ?e)", "LATERAL {{ {X} }}"]
PROLOGUES = ["", f"PREFIX ex: <{U}/> ", f"PREFIX ex: <{U}/>\nPREFIX : <{U}/>\n", f"BASE <{U}/> ",
             f"BASE <{U}/>\nPREFIX ex: <{U}/> ", "VERSION \"1.2\"\n" + f"PREFIX ex: <{U}/> ",
             f"PREFIX : <{U}/> # SERVICE\n"]
FORMS = ["SELECT * WHERE {{ {B} }}", "ASK {{ {B} }}", "SELECT ?a WHERE {{ {B} }}",
         "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {B} }}", "SELECT * {{ {B} }} LIMIT 5", "DESCRIBE ?s WHERE {{ {B} }}"]
MUTATIONS = ["\"", "'", "<", ">", "#", "\\", "\n", "\r", "{", "}", "(", ")", "<<", ">>", "\\u0022", " ", ":", "."]


def _decoy(rng: random.Random) -> str:
    inner = "".join(rng.choice(DECOY_INNER) for _ in range(rng.randint(1, 4)))
    kind = rng.randrange(6)
    if kind == 0:
        return f'?s ?p "{inner}" .'
    if kind == 1:
        return f"?s ?p '{inner}' ."
    if kind == 2:
        return f'?s ?p """{inner}""" .'
    if kind == 3:
        return f"# {inner}\n"
    if kind == 4:
        return f"?s ?p <urn:{inner}> ."
    return f"FILTER(?o != '{inner}')"


def _call(rng: random.Random) -> str:
    word = rng.choice(SERVICE_WORDS)
    return f"{word}{rng.choice(GAPS)}{rng.choice(TARGETS)}{rng.choice(GAPS)}{rng.choice(BODIES)}"


SPARQL_12 = ("<<", "{|", "TRIPLE", "isTRIPLE")


def _before(rng: random.Random) -> str:
    """Mostly SPARQL 1.1 (which the check reads), sometimes 1.2 (which it refuses)."""
    while True:
        item = rng.choice(BEFORE)
        if rng.random() < 0.25 or not any(mark in item for mark in SPARQL_12):
            return item


def generate(rng: random.Random) -> str:
    """One query text with ``{U}`` where the listener's address goes: half of them call a
    service somewhere, the others only mention one in strings, IRIs and comments."""
    calls = rng.random() < 0.5
    parts = []
    for _ in range(rng.randint(1, 3)):
        piece = _call(rng) if calls and (not parts or rng.random() < 0.5) else _decoy(rng)
        wrapped = rng.choice(WRAPS).replace("{X}", piece).replace("{{", "{").replace("}}", "}")
        parts.append(_before(rng) + rng.choice(GAPS) + wrapped + rng.choice(AFTER))
    rng.shuffle(parts)
    body = " ".join(parts)
    text = rng.choice(PROLOGUES) + rng.choice(FORMS).replace("{B}", body).replace("{{", "{").replace("}}", "}")
    for _ in range(rng.choice([0, 0, 0, 0, 0, 0, 1, 1, 2, 3])):
        at = rng.randrange(len(text) + 1)
        edit = rng.randrange(3)
        if edit == 0:
            text = text[:at] + rng.choice(MUTATIONS) + text[at:]
        elif edit == 1:
            text = text[:at] + text[at + 1:]
        else:
            text = text[:at] + text[at:at + rng.randint(1, 8)] + text[at:]
    return text


# --------------------------------------------------------------------------- the listener

class Listener:
    """An HTTP server on 127.0.0.1 that answers every SPARQL request with one empty solution
    (so that the rest of the query goes on) and counts the requests per path."""

    def __init__(self) -> None:
        hits: dict[str, int] = {}
        answer = b'{"head":{"vars":[]},"results":{"bindings":[{}]}}'

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                key = self.path.split("?")[0].split("/")[2] if self.path.count("/") >= 2 else self.path
                hits[key] = hits.get(key, 0) + 1
                if self.command == "POST":
                    self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_POST = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.hits = hits
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/q"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _store() -> ox.Store:
    store = ox.Store()
    a, p, b = ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.NamedNode("urn:b")
    store.add(ox.Quad(a, p, b))
    for value in ("x", 'a"', "a\\", "a>", "z"):          # objects the generated patterns name
        store.add(ox.Quad(b, p, ox.Literal(value)))
    store.add(ox.Quad(b, p, ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    store.add(ox.Quad(b, p, ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))))
    store.add(ox.Quad(a, p, ox.Triple(a, p, b), ox.NamedNode("urn:g")))
    return store


@dataclass
class Tally:
    tried: int = 0
    engine_parsed: int = 0       # Oxigraph accepted the query
    went_out: int = 0            # … and it reached the listener
    refused: int = 0             # the check refused it
    refused_harmless: int = 0    # Oxigraph ran it without calling out, the check refused it anyway
    bypasses: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in ("tried", "engine_parsed", "went_out", "refused", "refused_harmless"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.bypasses += other.bypasses


def run(seed: int, count: int) -> Tally:
    """Generate ``count`` queries from ``seed`` and try each on the check and on Oxigraph."""
    rng = random.Random(seed)
    listener, store, tally = Listener(), _store(), Tally()
    try:
        for n in range(count):
            key = f"{seed}-{n}"
            query = generate(rng).replace(U, f"{listener.base}/{key}")
            tally.tried += 1
            try:
                checked(query)
                allowed = True
            except Refused:
                allowed = False
                tally.refused += 1
            parsed = True
            try:
                answer = store.query(query)
                if not isinstance(answer, ox.QueryBoolean):
                    list(answer)
            except SyntaxError:
                parsed = False
            except (OSError, RuntimeError, ValueError):
                pass                   # parsed, then failed while running
            out = listener.hits.get(key, 0) > 0
            tally.engine_parsed += parsed
            tally.went_out += out
            tally.refused_harmless += parsed and not out and not allowed
            if out and allowed:
                tally.bypasses.append(query.replace(f"{listener.base}/{key}", "http://127.0.0.1:9/sparql"))
    finally:
        listener.close()
    return tally


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=None, help="write the bypasses found here (JSON lines)")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    shares = [args.count // args.jobs + (i < args.count % args.jobs) for i in range(args.jobs)]
    total = Tally()
    with ProcessPoolExecutor(args.jobs) as pool:
        for part in pool.map(run, [args.seed * 1000 + i for i in range(args.jobs)], shares):
            total.add(part)
    seconds = time.perf_counter() - started
    print(f"queries tried: {total.tried:,} in {seconds:.0f} s; Oxigraph parsed {total.engine_parsed:,}, "
          f"{total.went_out:,} of them called the listener; the check refused {total.refused:,} "
          f"({total.refused_harmless:,} of them harmless to Oxigraph) and let {total.tried - total.refused:,} "
          f"through; bypasses: {len(total.bypasses)}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for q in total.bypasses:
                fh.write(json.dumps({"query": q, "found_by": f"bench/fuzz_guard.py --seed {args.seed}"},
                                    ensure_ascii=False) + "\n")
    return 1 if total.bypasses else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
