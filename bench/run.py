"""vnkg benchmarks: one command measures every target of the speed work and writes bench/results.md.

    .venv/bin/python bench/run.py [--sizes 1000,10000] [--large 100000] [--jobs 2] [--work DIR] [--rdflib]

Everything is measured the way a user runs it, on this machine, in one run:

- ``vnkg build CORPUS --jobs J`` (view on, the default) of each synthetic corpus
  (bench/generator.py, seed 0): wall time, the stages' seconds (``--json``), and the peak
  memory of the whole process tree (sampled every 0.2 s);
- the yardstick: plain newmm ``word_tokenize`` of the same cleaned text in one process,
  against extraction + resolution (synthetic corpus, and real text: the seeds and the
  dev articles repeated), and against the whole 10,000-article build;
- the question library on the largest graph: each query in process (first run, median)
  and as the ``vnkg query NAME`` command (table output);
- ``vnkg view`` of the largest graph, ``vnkg export`` per format, and ``vnkg add`` of one
  article (the command as it is, on a fresh copy of the graph folder);
- with ``--large N``, a build of N articles (the figures only);
- with ``--rdflib``, the same questions on rdflib's in-memory Dataset (slow: minutes).

Wall-clock figures depend on the machine and on what else runs on it (the load averages
before and after are recorded); compare ratios.
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
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
VNKG = str(Path(PY).parent / "vnkg")
QUERIES = ROOT / "ontology" / "queries"
QUERY_TIMEOUT = 60          # seconds per rdflib query
FORMATS = ("ttl", "nt", "trig", "nq", "jsonld", "graphml")
REAL_COPIES = 8             # the seeds and the dev articles, 8 times each: 208 articles of real text
DEV_TEXTS = ROOT.parent / "shared" / "eval" / "dev"   # real news of both genres, when present

# newmm on the cleaned text of the articles, and extraction + resolution, in one process.
YARDSTICK = r"""
import json, sys, time
from pathlib import Path
from pythainlp.tokenize import word_tokenize
from vnkg.load import collect
from vnkg.pipeline import read_articles, extract_all
from vnkg.resolve import resolve
paths, _ = collect([sys.argv[1]])
articles, _ = read_articles(paths)
word_tokenize(articles[0].text, engine="newmm"); extract_all(articles[:1])       # warm both
t = time.perf_counter()
for a in articles:
    word_tokenize(a.text, engine="newmm")
newmm = time.perf_counter() - t
out = {"articles": len(articles), "chars": sum(len(a.text) for a in articles), "newmm": newmm}
if sys.argv[2] == "1":
    t = time.perf_counter(); ex = extract_all(articles); out["extract"] = time.perf_counter() - t
    t = time.perf_counter(); resolve(ex); out["resolve"] = time.perf_counter() - t
print(json.dumps(out))
"""

# Each question of the library in process, as `vnkg query --param` runs it: first run, then 6 more.
QUESTIONS = r"""
import json, statistics, sys, time
import pyoxigraph as ox
from vnkg.query import run_query
store = ox.Store.read_only(sys.argv[1])
out = {}
for name, (text, params) in json.loads(sys.stdin.read()).items():
    times, rows = [], 0
    for _ in range(7):
        t = time.perf_counter(); rows = len(run_query(store, text, params).rows); times.append(time.perf_counter() - t)
    out[name] = {"first": times[0], "median": statistics.median(times[1:]), "rows": rows}
print(json.dumps(out))
"""

# rdflib in-memory Dataset of the same quads; every query under an alarm.
RDFLIB = r"""
import json, signal, statistics, sys, time
from rdflib import Dataset, Literal
queries = json.loads(sys.stdin.read())
t = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="trig")
load = time.perf_counter() - t
class Timeout(Exception): pass
def alarm(*_): raise Timeout()
signal.signal(signal.SIGALRM, alarm)
out = {}
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


def _memory(pid: int) -> int:
    """Bytes a process holds: its proportional set size (a page shared by n processes counts 1/n,
    so forked workers are not counted twice), else its resident set size."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _tree_memory_mb(root: int) -> float:
    """Memory held by ``root`` and all its descendants, now."""
    parent = {}
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            parent[int(pid)] = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _memory(pid)
        todo += [p for p, pp in parent.items() if pp == pid]
    return total / 2**20


def timed_command(*args: str, timeout: float | None = None) -> dict:
    """Run a command; its wall time, the peak memory of its process tree (sampled every 0.2 s)
    and its standard output."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_memory_mb(proc.pid))
            done.wait(0.2)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate(timeout=timeout)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])}…: exit {proc.returncode}\n{err[-3000:]}")
    return {"seconds": seconds, "peak_mb": peak, "stdout": out}


def machine() -> dict[str, str]:
    import importlib.metadata as md
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    mem = next((ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")), "0")
    libs = ", ".join(f"{p} {md.version(p)}" for p in ("pythainlp", "rdflib", "pyoxigraph", "pyshacl", "networkx"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    return {"date": date.today().isoformat(), "nproc": str(os.cpu_count()), "cpu": cpu,
            "ram": f"{int(mem) / 1024 / 1024:.1f} GiB", "python": platform.python_version(), "libraries": libs,
            "commit": commit.strip(), "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def build(corpus: Path, out: Path, jobs: int) -> dict:
    """``vnkg build`` as a user runs it (view on); its summary's stage seconds."""
    shutil.rmtree(out, ignore_errors=True)
    run = timed_command(VNKG, "build", str(corpus), "--out", str(out), "--jobs", str(jobs), "--json", "-q")
    summary = json.loads(run["stdout"])
    return {"total": run["seconds"], "tree_peak_mb": run["peak_mb"], "timings": summary["seconds"],
            "articles": summary["articles"], "quads": summary["quads"], "jobs": jobs}


def real_text_corpus(work: Path) -> Path:
    """Real news, each article copied REAL_COPIES times: the seeds (machine translation) and the
    dev articles (machine translation and Thai journalism) where the evaluation folder is beside
    the checkout. Speed only: nothing is tuned on what this measures."""
    corpus = work / "real"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    texts = sorted((ROOT / "seeds").glob("*.txt")) + sorted(DEV_TEXTS.glob("*.txt"))
    for text in texts:
        for n in range(REAL_COPIES):
            shutil.copyfile(text, corpus / f"{n:03d}_{text.name}")
    return corpus


def yardstick(corpus: Path, extract: bool) -> dict:
    return json.loads(sh(PY, "-c", YARDSTICK, str(corpus), "1" if extract else "0").strip().splitlines()[-1])


def parameters(store_dir: Path, corpus: Path) -> dict[str, str]:
    """Values for the library's parameters: the most connected official, a ministry, an article."""
    import pyoxigraph as ox
    store = ox.Store.read_only(str(store_dir))
    rows = list(store.query("""
        SELECT ?label (COUNT(?post) AS ?n) WHERE {
          ?p <http://www.w3.org/ns/org#holds> ?post ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }
        GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1""", use_default_graph_as_union=True))
    del store
    names = sorted(p.name for p in corpus.glob("*.txt"))
    return {"person": rows[0]["label"].value if rows else "Nguyen Van An", "org": "Ministry of Foreign Affairs",
            "article": names[len(names) // 2]}


def bound_queries(params: dict[str, str]) -> dict[str, list]:
    """Each query of the library with the parameters it takes (pre-bound, as ``vnkg query --param`` does)."""
    from vnkg.query import query_parameters   # a parameter a query does not take is an error
    library = {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))}
    return {name: [text, {k: v for k, v in params.items() if k in query_parameters(text)}]
            for name, text in library.items()}


def query_commands(graph: Path, library: dict[str, list], runs: int = 3) -> dict[str, dict]:
    """``vnkg query NAME [--param …]`` as a user types it (table output): median wall time."""
    out = {}
    for name, (_, params) in library.items():
        args = [VNKG, "query", name, "--graph", str(graph)]
        for k, v in params.items():
            args += ["--param", f"{k}={v}"]
        times = [timed_command(*args)["seconds"] for _ in range(runs)]
        out[name] = {"median": statistics.median(times), "runs": times}
    return out


def exports(graph: Path, work: Path) -> dict[str, float]:
    out = {}
    for fmt in FORMATS:
        target = work / f"export.{fmt}"
        out[fmt] = timed_command(VNKG, "export", "--format", fmt, "--graph", str(graph), "--out", str(target),
                                 "-q")["seconds"]
        target.unlink(missing_ok=True)
    out["(vnkg start-up)"] = timed_command(VNKG, "--version")["seconds"]
    return out


def add_one(graph: Path, article: Path, work: Path, runs: int = 3) -> list[float]:
    """Seconds of ``vnkg add FILE --graph COPY`` (the command as it is), each run on a fresh copy of
    the graph folder (its generation, links and all)."""
    copy = work / f"add-{graph.name}"
    times = []
    for _ in range(runs):
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(graph, copy, symlinks=True)
        times.append(timed_command(VNKG, "add", str(article), "--graph", str(copy), "-q")["seconds"])
    shutil.rmtree(copy, ignore_errors=True)
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--large", type=int, default=0, help="also build this many articles (figures only)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--work", type=Path, default=Path("/tmp/vnkg-bench"))
    ap.add_argument("--rdflib", action="store_true", help="also run the questions on rdflib (minutes)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results.md")
    a = ap.parse_args(argv)
    sizes = sorted(int(s) for s in a.sizes.split(","))
    a.work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generator import generate

    data: dict = {"machine": machine(), "jobs": a.jobs, "builds": {}}
    results = a.out.with_suffix(".json")
    if results.exists():          # notes are written by hand after a run: keep them
        data["notes"] = json.loads(results.read_text(encoding="utf-8")).get("notes", [])

    def save() -> None:
        data["machine"]["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        results.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        from report import write_report
        write_report(data, a.out)

    corpora = {}
    for n in sizes + ([a.large] if a.large else []):
        corpus = corpora[n] = a.work / f"corpus-{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        generate(n, corpus, seed=0)
    for n in sizes:
        print(f"build {n}", flush=True)
        b = build(corpora[n], a.work / f"graph-{n}", a.jobs)
        b.update(n=n, bytes=sum(p.stat().st_size for p in corpora[n].glob("*.txt")))
        data["builds"][str(n)] = b
        save()
    big = max(sizes)
    graph, corpus = a.work / f"graph-{big}", corpora[big]
    print("yardsticks", flush=True)
    data["yardstick"] = {"synthetic": yardstick(corpora[min(sizes)], True),
                         "real": yardstick(real_text_corpus(a.work), True),
                         "build": {"n": big, **yardstick(corpus, False)}}
    save()
    print("questions", flush=True)
    library = bound_queries(parameters(graph / "store", corpus))
    data["sparql"] = {"n": big, "oxigraph": json.loads(sh(PY, "-c", QUESTIONS, str(graph / "store"),
                                                          stdin=json.dumps(library)).strip().splitlines()[-1]),
                      "commands": query_commands(graph, library)}
    save()
    print("view", flush=True)
    run = timed_command(VNKG, "view", "--graph", str(graph), "--out", str(a.work / "view.html"), "-q")
    data["view"] = {"n": big, "seconds": run["seconds"], "peak_mb": run["peak_mb"]}
    save()
    print("exports", flush=True)
    data["exports"] = {"n": big, "seconds": exports(graph, a.work)}
    save()
    print("add", flush=True)
    extra = a.work / "extra"
    shutil.rmtree(extra, ignore_errors=True)
    article = generate(1, extra, seed=99)[0]
    data["add"] = {}
    for n in sizes:
        times = add_one(a.work / f"graph-{n}", article, a.work)
        data["add"][str(n)] = {"median": statistics.median(times), "runs": times}
        save()
    if a.rdflib:
        print("rdflib", flush=True)
        try:
            data["sparql"]["rdflib"] = json.loads(sh(PY, "-c", RDFLIB, str(graph / "graph.trig"), str(QUERY_TIMEOUT),
                                                     stdin=json.dumps(library), timeout=3600).strip().splitlines()[-1])
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            data["sparql"]["rdflib"] = {"error": str(e)[-300:]}
        save()
    if a.large:
        print(f"build {a.large}", flush=True)
        b = build(corpora[a.large], a.work / f"graph-{a.large}", a.jobs)
        b.update(n=a.large, bytes=sum(p.stat().st_size for p in corpora[a.large].glob("*.txt")))
        data["builds"][str(a.large)] = b
        save()
    print(f"wrote {a.out}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
