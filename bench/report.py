"""Render bench/results.json (written by bench/run.py) as bench/results.md, with the targets.

    .venv/bin/python bench/report.py      # re-render without re-running
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

STAGES = ("load+clean", "extract", "load+clean+extract", "resolve", "rdf+store", "validate", "export", "view")


def _s(x: float) -> str:
    return f"{x:.1f} s" if x >= 1 else f"{x * 1000:.0f} ms"


def _ok(flag: bool) -> str:
    return "**met**" if flag else "**not met**"


def write_report(data: dict, out: Path) -> None:
    m = data["machine"]
    lines = ["# vnkg benchmarks", "",
             "Written by `bench/run.py` (re-render with `bench/report.py`). Wall-clock figures on one machine;",
             "ratios are what carries over to another.", "",
             f"Machine: {m['nproc']} cores, {m['cpu']}, {m['ram']} RAM; Python {m['python']}; {m['libraries']}; "
             f"run on {m['date']}.", ""]
    builds = data.get("builds", {})
    targets = []
    if builds:
        lines += ["## Build throughput", "",
                  "Synthetic corpus (`bench/generator.py`, seed 0); each build in its own process. Memory: peak "
                  "RSS of the build process, the largest of its `--jobs` worker processes, and the peak of "
                  "their sum sampled every 0.2 s (what the machine held at once).", "",
                  "| articles | MB | jobs | total | articles/s | MB/s | quads | peak RSS | a worker's peak | "
                  "all processes' peak |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for n, b in sorted(builds.items(), key=lambda kv: int(kv[0])):
            mb = b["bytes"] / 1e6
            lines.append(f"| {int(n):,} | {mb:.1f} | {b['jobs']} | {_s(b['total'])} | {b['articles'] / b['total']:.1f} | "
                         f"{mb / b['total']:.2f} | {b['quads']:,} | {b['maxrss_mb']:.0f} MB | "
                         f"{b['children_maxrss_mb']:.0f} MB | {b.get('tree_peak_mb', 0):.0f} MB |")
        lines += ["", "Time per stage (seconds; `view` is the HTML view, left out above 1,000 articles):", "",
                  "| articles | " + " | ".join(s for s in STAGES) + " |",
                  "| ---: | " + " | ".join("---:" for _ in STAGES) + " |"]
        for n, b in sorted(builds.items(), key=lambda kv: int(kv[0])):
            t = b["timings"]
            lines.append(f"| {int(n):,} | " + " | ".join(f"{t[s]:.1f}" if s in t else "" for s in STAGES) + " |")
        lines.append("")
        biggest = max(builds, key=int)
        b = builds[biggest]
        if int(biggest) >= 10000:
            targets.append(("10,000 articles build in < 5 min", f"{_s(b['total'])} with --jobs {b['jobs']}",
                            b["total"] < 300))
            peak = b.get("tree_peak_mb", b["maxrss_mb"] + b["children_maxrss_mb"])
            targets.append(("... with < 2 GB peak memory", f"{peak:.0f} MB, all processes together (build process "
                            f"alone {b['maxrss_mb']:.0f} MB)", peak < 2048))
    y = data.get("yardstick")
    if y:
        ratio = (y["extract"] + y["resolve"]) / y["newmm"]
        lines += ["## Extraction against plain tokenization", "",
                  f"One process, {y['articles']:,} articles, {y['chars'] / 1e6:.1f} M characters of cleaned text: "
                  f"newmm `word_tokenize` {_s(y['newmm'])} ({y['chars'] / y['newmm'] / 1e3:.0f} k chars/s); "
                  f"extraction {_s(y['extract'])} + resolution {_s(y['resolve'])} = "
                  f"**{ratio:.2f}x newmm**.", ""]
        targets.insert(0, ("extraction + resolution <= 2x newmm tokenization", f"{ratio:.2f}x", ratio <= 2))
    q = data.get("sparql")
    if q:
        ox_ = q["oxigraph"]
        rd = q.get("rdflib", {})
        rq = rd.get("queries", {})
        lines += [f"## Question library on the {int(q['n']):,}-article graph", "",
                  "Median of 6 runs after a first (cold) one; pyoxigraph on the on-disk store, rdflib on an "
                  f"in-memory `Dataset(default_union=True)` of the same quads (loaded in "
                  f"{_s(rd['load']) if 'load' in rd else '?'}; median of 3, "
                  "60 s timeout per query).", "",
                  "| query | rows | pyoxigraph | first run | rdflib | rdflib / pyoxigraph |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |"]
        worst, slowest_ratio = 0.0, float("inf")
        for name, r in ox_.items():
            other = rq.get(name, {})
            if "median" in other:
                ratio = other["median"] / max(r["median"], 1e-6)
                shown, ratio_s = _s(other["median"]), f"{ratio:.0f}x"
            elif "timeout" in other:
                ratio = other["timeout"] / max(r["median"], 1e-6)
                shown, ratio_s = f"> {other['timeout']} s (timeout)", f"> {ratio:.0f}x"
            else:
                ratio, shown, ratio_s = float("inf"), other.get("error", rd.get("error", "not run"))[:60], ""
            worst = max(worst, r["median"])
            slowest_ratio = min(slowest_ratio, ratio)
            lines.append(f"| {name} | {r['rows']} | {_s(r['median'])} | {_s(r['first'])} | {shown} | {ratio_s} |")
        lines.append("")
        targets.append(("every library query < 100 ms", f"slowest {_s(worst)}", worst < 0.1))
        if rq:
            targets.append(("... and >= 10x faster than rdflib in memory", f"smallest ratio {slowest_ratio:.0f}x",
                            slowest_ratio >= 10))
    e = data.get("exports")
    if e:
        lines += [f"## Export from the {int(e['n']):,}-article store (`vnkg export`, whole command)", "",
                  "| format | seconds |", "| --- | ---: |"]
        lines += [f"| {k} | {v:.1f} |" for k, v in e["seconds"].items()] + [""]
    add = data.get("add")
    if add:
        lines += ["## `vnkg add` of one article", "",
                  "Whole command (`vnkg add FILE --no-export`: store and manifest; rewriting graph.ttl and "
                  "graph.trig costs what the exports above cost), median of 3, each on a fresh copy of the graph.",
                  "", "| graph | add | runs |", "| ---: | ---: | --- |"]
        for n, r in sorted(add.items(), key=lambda kv: int(kv[0])):
            lines.append(f"| {int(n):,} articles | {_s(r['median'])} | {', '.join(_s(x) for x in r['runs'])} |")
        lines.append("")
        if len(add) >= 2:
            small, big = sorted(add, key=int)[0], sorted(add, key=int)[-1]
            growth = add[big]["median"] / add[small]["median"]
            targets.append(("`vnkg add` proportional to the article, not the store",
                            f"{_s(add[big]['median'])} on {int(big):,} articles, {_s(add[small]['median'])} on "
                            f"{int(small):,} ({growth:.2f}x for {int(big) // int(small)}x the store)", growth < 1.5))
    if targets:
        lines[7:7] = ["## Targets (2-core machine)", "", "| target | measured | |", "| --- | --- | --- |"] + [
            f"| {t} | {v} | {_ok(ok)} |" for t, v, ok in targets] + [""]
    notes = data.get("notes")
    if notes:
        lines += ["## Notes", ""] + notes + [""]
    out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    data = json.loads((here / "results.json").read_text(encoding="utf-8"))
    write_report(data, here / "results.md")
    sys.exit(0)
