"""Load test of ``vnkg serve``: many concurrent clients, each sending queries one after another.

    .venv/bin/python bench/load_serve.py [--clients 50] [--queries 200] [--graph DIR]

Builds the seeds into a temporary folder (unless ``--graph`` names a built one), starts
the real ``vnkg serve`` on a free port of 127.0.0.1, and runs ``--clients`` threads, each
with its own keep-alive connection, sending ``--queries`` queries in turn (library
questions without parameters and small queries, as JSON or CSV). Every answer must be a
200; connection errors and other statuses count as errors. Prints errors, throughput and
latency percentiles, then stops the server with SIGINT.
"""
from __future__ import annotations

import argparse
import http.client
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNKG = str(Path(sys.executable).parent / "vnkg")

SMALL = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "ASK { ?p org:holds ?post }",
    "SELECT DISTINCT ?name WHERE { ?p org:holds ?post ; rdfs:label ?name } ORDER BY ?name",
    "SELECT ?code ?date WHERE { ?d schema:legislationIdentifier ?code ; schema:legislationDate ?date }",
]


def queries() -> list[str]:
    library = [(ROOT / "ontology" / "queries" / f"{name}.rq").read_text(encoding="utf-8")
               for name in ("posts", "documents", "initiatives")]
    return SMALL + library


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(port: int, texts: list[str], count: int, offset: int, latencies: list[float], errors: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for n in range(count):
        text = texts[(offset + n) % len(texts)]
        accept = "text/csv" if n % 2 else "application/sparql-results+json"
        body = urllib.parse.urlencode({"query": text})
        started = time.perf_counter()
        try:
            conn.request("POST", "/query", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
            answer = conn.getresponse()
            answer.read()
            if answer.status != 200:
                errors.append(f"status {answer.status}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        latencies.append(time.perf_counter() - started)
    conn.close()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--queries", type=int, default=200, help="per client")
    ap.add_argument("--graph", type=Path, default=None)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vnkg-load-") as tmp:
        graph = args.graph
        if graph is None:
            graph = Path(tmp) / "graph"
            subprocess.run([VNKG, "build", str(ROOT / "seeds"), "--out", str(graph)], check=True,
                           capture_output=True)
        port = free_port()
        log = open(Path(tmp) / "serve.log", "wb")
        server = subprocess.Popen([VNKG, "serve", str(graph), "--port", str(port)], stdout=subprocess.PIPE,
                                  stderr=log)
        server.stdout.readline()               # the announcement: it answers from now on
        texts = queries()
        latencies: list[float] = []
        errors: list[str] = []
        threads = [threading.Thread(target=client, args=(port, texts, args.queries, i, latencies, errors))
                   for i in range(args.clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
        server.send_signal(signal.SIGINT)
        server.wait(30)
        log.close()
    cuts = statistics.quantiles(latencies, n=100)
    print(f"{args.clients} clients x {args.queries} queries = {len(latencies):,} requests in {seconds:.1f} s "
          f"({len(latencies) / seconds:.0f}/s); errors: {len(errors)}; "
          f"latency p50 {cuts[49] * 1000:.0f} ms, p90 {cuts[89] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms")
    for line in sorted(set(errors))[:10]:
        print("  error:", line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
