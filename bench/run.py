"""vnkg benchmarks: one command, writes bench/results.md.

    .venv/bin/python bench/run.py [--sizes 100,1000,10000] [--jobs 2] [--work DIR]

For each size N: a synthetic corpus (bench/generator.py) is built in a subprocess of its
own (so that its peak memory is its own), with per-stage timings from ``pipeline.build``;
newmm tokenization of the same cleaned text is the yardstick for extraction. On the
largest graph: every query of ontology/queries/*.rq on pyoxigraph (the on-disk store) and
on rdflib's in-memory Dataset of the same quads, export time per format, and ``vnkg add``
of one article to each graph. Figures are wall-clock seconds on this machine; compare ratios.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
VNKG = str(Path(PY).parent / "vnkg")
QUERIES = ROOT / "ontology" / "queries"
OWN_QUERIES = Path(__file__).resolve().parent / "queries"
QUERY_TIMEOUT = 60          # seconds per rdflib query
FORMATS = ("ttl", "nt", "trig", "nq", "jsonld", "graphml")

# Runs in a fresh interpreter: build one corpus, report timings and peak memory as JSON.
# The whole build's memory is sampled too: this process plus its worker processes, summed
# every 0.2 s (the per-process maxima alone would not say what the machine held at once).
BUILD = r"""
import json, os, resource, sys, threading, time
from pathlib import Path
from vnkg.pipeline import build

def tree_rss_mb():
    me, total = os.getpid(), 0
    for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
        try:
            stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            if int(pid) == me or int(stat[1]) == me:
                total += int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    return total / 2**20

peak, running = 0.0, True
def sample():
    global peak
    while running:
        peak = max(peak, tree_rss_mb())
        time.sleep(0.2)
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
corpus, out, jobs, view, cache = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1", sys.argv[5]
timings = {}
start = time.perf_counter()
report = build([corpus], out, jobs=jobs, write_view=view, timings=timings, cache_dir=Path(cache) if cache else None)
total = time.perf_counter() - start
running = False
sampler.join()
print(json.dumps({"total": total, "timings": timings, "articles": report.articles, "quads": report.quads,
                  "entities": dict(report.entities),
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "tree_peak_mb": peak}))
"""

# newmm on the cleaned text of the same articles, and extraction + resolution, one process.
YARDSTICK = r"""
import json, sys, time
from pathlib import Path
from pythainlp.tokenize import word_tokenize
from vnkg.load import collect
from vnkg.pipeline import read_articles, extract_all
from vnkg.resolve import resolve
paths, _ = collect([sys.argv[1]])
articles, _ = read_articles(paths[: int(sys.argv[2])])
word_tokenize(articles[0].text, engine="newmm"); extract_all(articles[:1])       # warm both
t = time.perf_counter()
for a in articles:
    word_tokenize(a.text, engine="newmm")
newmm = time.perf_counter() - t
t = time.perf_counter(); ex = extract_all(articles); extract = time.perf_counter() - t
t = time.perf_counter(); resolve(ex); res = time.perf_counter() - t
print(json.dumps({"articles": len(articles), "chars": sum(len(a.text) for a in articles),
                  "newmm": newmm, "extract": extract, "resolve": res}))
"""

# rdflib in-memory Dataset of the same quads; every query under an alarm.
RDFLIB = r"""
import json, signal, statistics, sys, time
from rdflib import Dataset
queries = json.loads(sys.stdin.read())
t = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="trig")
load = time.perf_counter() - t
class Timeout(Exception): pass
def alarm(*_): raise Timeout()
signal.signal(signal.SIGALRM, alarm)
out = {}
from rdflib import Literal
for name, (text, params) in queries.items():
    runs = []
    bound = {k: Literal(v) for k, v in params.items()}
    try:
        for _ in range(3):
            signal.alarm(int(sys.argv[2]))
            t = time.perf_counter(); n = len(list(ds.query(text, initBindings=bound))); runs.append(time.perf_counter() - t)
            signal.alarm(0)
        out[name] = {"median": statistics.median(runs), "rows": n}
    except Timeout:
        out[name] = {"timeout": int(sys.argv[2])}
    except Exception as e:
        signal.alarm(0); out[name] = {"error": str(e)[:200]}
print(json.dumps({"load": load, "queries": out}))
"""


def sh(*args: str, stdin: str | None = None, timeout: float | None = None) -> str:
    done = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])}…: exit {done.returncode}\n{done.stderr[-3000:]}")
    return done.stdout


def machine() -> dict[str, str]:
    import importlib.metadata as md
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    mem = next((ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")), "0")
    libs = ", ".join(f"{p} {md.version(p)}" for p in ("pythainlp", "rdflib", "pyoxigraph", "pyshacl", "dask", "networkx"))
    return {"date": date.today().isoformat(), "nproc": str(os.cpu_count()), "cpu": cpu,
            "ram": f"{int(mem) / 1024 / 1024:.1f} GiB", "python": platform.python_version(), "libraries": libs}


def build(corpus: Path, out: Path, jobs: int, view: bool, cache: Path | None = None) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    return json.loads(sh(PY, "-c", BUILD, str(corpus), str(out), str(jobs), "1" if view else "0",
                         str(cache or "")).strip().splitlines()[-1])


def query_library() -> dict[str, str]:
    files = sorted(QUERIES.glob("*.rq")) or sorted(OWN_QUERIES.glob("*.rq"))
    return {p.stem: p.read_text(encoding="utf-8") for p in files}


def parameters(store_dir: Path, corpus: Path) -> dict[str, str]:
    """Values for the library's parameters: the most connected official, a ministry, an article."""
    import pyoxigraph as ox
    store = ox.Store.read_only(str(store_dir))
    rows = list(store.query("""
        SELECT ?label (COUNT(?post) AS ?n) WHERE {
          ?p <http://www.w3.org/ns/org#holds> ?post ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }
        GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1""", use_default_graph_as_union=True))
    del store
    return {"person": rows[0]["label"].value if rows else "Nguyen Van An", "org": "Ministry of Foreign Affairs",
            "article": sorted(p.name for p in corpus.glob("*.txt"))[len(list(corpus.glob("*.txt"))) // 2]}


def bound_queries(library: dict[str, str], params: dict[str, str]) -> dict[str, list]:
    """Each query with the parameters it takes (pre-bound, as ``vnkg query --param`` does)."""
    from vnkg.query import query_parameters   # a parameter a query does not take is an error
    return {name: [text, {k: v for k, v in params.items() if k in query_parameters(text)}]
            for name, text in library.items()}


def sparql(graph: Path, library: dict[str, list], runs: int = 7) -> dict[str, dict]:
    import pyoxigraph as ox
    from vnkg.query import run_query          # the path `vnkg query --param` takes
    store = ox.Store.read_only(str(graph / "store"))
    out = {}
    for name, (text, params) in library.items():
        times, n = [], 0
        for _ in range(runs):
            t = time.perf_counter()
            n = len(run_query(store, text, params).rows)
            times.append(time.perf_counter() - t)
        out[name] = {"median": statistics.median(times[1:]), "first": times[0], "rows": n}
    del store
    return out


def exports(graph: Path, work: Path) -> dict[str, float]:
    out = {}
    for fmt in FORMATS:
        target = work / f"export.{fmt}"
        t = time.perf_counter()
        sh(VNKG, "export", "--format", fmt, "--graph", str(graph), "--out", str(target))
        out[fmt] = time.perf_counter() - t
        target.unlink(missing_ok=True)
    t = time.perf_counter()
    sh(VNKG, "query", "ASK { }", "--graph", str(graph))
    out["(vnkg start-up)"] = time.perf_counter() - t
    return out


def add_one(graph: Path, article: Path, work: Path, runs: int = 3) -> list[float]:
    """Seconds of ``vnkg add --no-export`` of ``article`` (whole command), each on a fresh
    copy of the graph's store and manifest (the snapshots are not needed)."""
    copy = work / f"add-{graph.name}"
    times = []
    for _ in range(runs):
        shutil.rmtree(copy, ignore_errors=True)
        copy.mkdir(parents=True)
        shutil.copytree(graph / "store", copy / "store")
        shutil.copy2(graph / "manifest.json", copy / "manifest.json")
        t = time.perf_counter()
        sh(VNKG, "add", str(article), "--graph", str(copy), "--no-export")
        times.append(time.perf_counter() - t)
    shutil.rmtree(copy, ignore_errors=True)
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--work", type=Path, default=Path("/tmp/vnkg-bench"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results.md")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",")]
    a.work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generator import generate

    data: dict = {"machine": machine(), "jobs": a.jobs, "builds": {}}
    results = a.out.with_suffix(".json")

    def save() -> None:
        results.write_text(json.dumps(data, indent=1, ensure_ascii=False))
        from report import write_report
        write_report(data, a.out)

    for n in sizes:
        corpus = a.work / f"corpus-{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        generate(n, corpus, seed=0)
        size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
        jobs = 1 if n <= 1000 else a.jobs
        print(f"build {n} (jobs={jobs})", flush=True)
        b = build(corpus, a.work / f"graph-{n}", jobs, view=n <= 1000, cache=a.work / f"cache-{n}")
        b.update(n=n, bytes=size, jobs=jobs)
        data["builds"][str(n)] = b
        save()
        if n == 1000:
            print("yardstick", flush=True)
            data["yardstick"] = json.loads(sh(PY, "-c", YARDSTICK, str(corpus), "1000").strip().splitlines()[-1])
            save()
    big = max(sizes)
    graph, corpus = a.work / f"graph-{big}", a.work / f"corpus-{big}"
    library = bound_queries(query_library(), parameters(graph / "store", corpus))
    print("sparql", flush=True)
    data["sparql"] = {"n": big, "oxigraph": sparql(graph, library)}
    save()
    print("rdflib", flush=True)
    try:
        data["sparql"]["rdflib"] = json.loads(sh(PY, "-c", RDFLIB, str(graph / "graph.trig"), str(QUERY_TIMEOUT),
                                                 stdin=json.dumps(library), timeout=3600).strip().splitlines()[-1])
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        data["sparql"]["rdflib"] = {"error": str(e)[-300:]}
    save()
    print("exports", flush=True)
    data["exports"] = {"n": big, "seconds": exports(graph, a.work)}
    save()
    print("add", flush=True)
    extra = a.work / "extra"
    shutil.rmtree(extra, ignore_errors=True)
    article = generate(1, extra, seed=99)[0]
    data["add"] = {}
    for n in sorted(set(sizes)):
        times = add_one(a.work / f"graph-{n}", article, a.work)
        data["add"][str(n)] = {"median": statistics.median(times), "runs": times, "bytes": article.stat().st_size}
        save()
    print(f"wrote {a.out}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
