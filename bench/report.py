"""Render bench/results.json (written by bench/run.py) as bench/results.md, with the targets.

    .venv/bin/python bench/report.py      # re-render without re-running
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

STAGES = ("load+clean", "extract", "load+clean+extract", "resolve", "rdf+store", "export ttl", "export trig",
          "validate", "view")
GB = 1024


def _s(x: float) -> str:
    return f"{x:.1f} s" if x >= 1 else f"{x * 1000:.0f} ms"


def _ok(flag: bool | None) -> str:
    return "**not run**" if flag is None else "**met**" if flag else "**not met**"


def _builds(data: dict, lines: list[str]) -> None:
    builds = data.get("builds", {})
    if not builds:
        return
    lines += ["## `vnkg build`", "",
              f"`vnkg build CORPUS --jobs {data['jobs']}` as a user runs it (view on), on the synthetic corpus "
              "(`bench/generator.py`, seed 0). Memory: the peak of the whole process tree (the command and its "
              "workers: proportional set sizes, so that pages a forked worker shares are counted once), sampled "
              "every 0.2 s.", "",
              "| articles | MB | jobs | total | articles/s | MB/s | quads | peak memory |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n, b in sorted(builds.items(), key=lambda kv: int(kv[0])):
        mb = b["bytes"] / 1e6
        lines.append(f"| {int(n):,} | {mb:.1f} | {b['jobs']} | {_s(b['total'])} | {b['articles'] / b['total']:.1f} | "
                     f"{mb / b['total']:.2f} | {b['quads']:,} | {b['tree_peak_mb']:.0f} MB |")
    lines += ["", "Seconds per stage (the summary of `--json`). From `rdf+store` on, each output is written by a "
              "worker process of its own, so `export ttl`, `export trig`, `validate` and `view` overlap on the "
              "cores:", "",
              "| articles | " + " | ".join(STAGES) + " |",
              "| ---: | " + " | ".join("---:" for _ in STAGES) + " |"]
    for n, b in sorted(builds.items(), key=lambda kv: int(kv[0])):
        t = b["timings"]
        lines.append(f"| {int(n):,} | " + " | ".join(f"{t[s]:.1f}" if s in t else "" for s in STAGES) + " |")
    lines.append("")


def _yardstick(data: dict, lines: list[str], targets: list) -> None:
    y = data.get("yardstick")
    if not y:
        return
    lines += ["## Against plain tokenization", "",
              "newmm `word_tokenize` of the same cleaned text in one process is the yardstick.", "",
              "| text | articles | M chars | newmm | extraction | resolution | ratio |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, label in (("synthetic", "synthetic"), ("real", "real (the seeds and dev articles repeated)")):
        r = y.get(name)
        if r:
            ratio = (r["extract"] + r["resolve"]) / r["newmm"]
            lines.append(f"| {label} | {r['articles']:,} | {r['chars'] / 1e6:.1f} | {_s(r['newmm'])} | "
                         f"{_s(r['extract'])} | {_s(r['resolve'])} | **{ratio:.2f}x** |")
            targets.append((f"extraction + resolution <= 1.0x newmm ({label} text)", f"{ratio:.2f}x", ratio <= 1.0))
    lines.append("")
    b, builds = y.get("build"), data.get("builds", {})
    if b and str(b["n"]) in builds:
        whole = builds[str(b["n"])]
        ratio = whole["total"] / b["newmm"]
        lines += [f"The whole build of {b['n']:,} articles took {_s(whole['total'])}; newmm alone over its "
                  f"{b['chars'] / 1e6:.1f} M characters took {_s(b['newmm'])} in one process: **{ratio:.2f}x**.", ""]
        targets.append((f"`vnkg build` of {b['n']:,} articles (view included) <= 2x newmm",
                        f"{ratio:.2f}x ({_s(whole['total'])} against {_s(b['newmm'])})", ratio <= 2.0))
        targets.append(("... under 1 GB peak memory", f"{whole['tree_peak_mb']:.0f} MB, all processes together",
                        whole["tree_peak_mb"] < GB))


def _questions(data: dict, lines: list[str], targets: list) -> None:
    q = data.get("sparql")
    if not q:
        return
    rd = q.get("rdflib", {})
    rq = rd.get("queries", {})
    lines += [f"## Question library on the {int(q['n']):,}-article graph", "",
              "In process (`vnkg.query.run_query` on the on-disk store, as `vnkg query --param` runs it): the "
              "first run and the median of 6 more. The command: `vnkg query NAME [--param …]` as a user types it "
              "(a table of the first 100 rows), median of 3, start-up included.", "",
              "| query | rows | first run | median | `vnkg query` | rdflib |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    worst, worst_cmd = 0.0, 0.0
    for name, r in q["oxigraph"].items():
        other = rq.get(name, {})
        shown = (_s(other["median"]) if "median" in other else f"> {other['timeout']} s" if "timeout" in other
                 else "")
        cmd = q.get("commands", {}).get(name, {}).get("median")
        worst = max(worst, r["first"], r["median"])
        worst_cmd = max(worst_cmd, cmd or 0.0)
        lines.append(f"| {name} | {r['rows']:,} | {_s(r['first'])} | {_s(r['median'])} | "
                     f"{_s(cmd) if cmd is not None else ''} | {shown} |")
    lines.append("")
    targets.append(("every library question <= 50 ms (first run and median)", f"slowest {_s(worst)}", worst <= 0.05))
    if q.get("commands"):
        targets.append(("... and the `vnkg query` command <= 0.5 s", f"slowest {_s(worst_cmd)}", worst_cmd <= 0.5))


def write_report(data: dict, out: Path) -> None:
    m = data["machine"]
    lines = ["# vnkg benchmarks", "",
             "Written by `bench/run.py` (one command; re-render with `bench/report.py`). Wall-clock figures on one "
             "machine; the ratios are what carries over to another.", "",
             f"Machine: {m['nproc']} cores, {m['cpu']}, {m['ram']} RAM; Python {m['python']}; {m['libraries']}; "
             f"commit {m.get('commit', '?')}; run on {m['date']}; load average before {m.get('load_before', '?')}, "
             f"after {m.get('load_after', '?')}.", ""]
    targets: list[tuple[str, str, bool | None]] = []
    body: list[str] = []
    _yardstick(data, body, targets)
    _builds(data, body)
    _questions(data, body, targets)
    add = data.get("add")
    if add:
        body += ["## `vnkg add` of one article", "",
                 "The command as it is (`vnkg add FILE --graph DIR`: the store, the manifest and a new generation; "
                 "graph.ttl, graph.trig and graph.html are carried over and listed as stale), median of 3, each on "
                 "a fresh copy of the graph folder.", "", "| graph | add | runs |", "| ---: | ---: | --- |"]
        for n, r in sorted(add.items(), key=lambda kv: int(kv[0])):
            body.append(f"| {int(n):,} articles | {_s(r['median'])} | {', '.join(_s(x) for x in r['runs'])} |")
        body.append("")
        big = max(add, key=int)
        targets.append((f"`vnkg add` of one article to the {int(big):,}-article graph <= 5 s, all it writes",
                        _s(add[big]["median"]), add[big]["median"] <= 5.0))
    v = data.get("view")
    if v:
        body += [f"## `vnkg view` of the {int(v['n']):,}-article graph", "",
                 f"{_s(v['seconds'])}, peak memory {v['peak_mb']:.0f} MB (the whole command).", ""]
        targets.append((f"the view of {int(v['n']):,} articles <= 10 s and under 1 GB",
                        f"{_s(v['seconds'])}, {v['peak_mb']:.0f} MB", v["seconds"] <= 10 and v["peak_mb"] < GB))
    e = data.get("exports")
    if e:
        body += [f"## `vnkg export` of the {int(e['n']):,}-article store (the whole command)", "",
                 "| format | seconds |", "| --- | ---: |"]
        body += [f"| {k} | {v:.1f} |" for k, v in e["seconds"].items()] + [""]
    large = [n for n in data.get("builds", {}) if int(n) >= 100_000]
    if large:
        b = data["builds"][large[0]]
        targets.append((f"{int(large[0]):,} synthetic articles build (--jobs {b['jobs']})",
                        f"{_s(b['total'])}, {b['tree_peak_mb']:.0f} MB", True))
    else:
        targets.append(("100,000 synthetic articles build (--jobs 2)", "not run by this run (`--large 100000`)", None))
    lines += ["## Targets", "", "| target | measured | |", "| --- | --- | --- |"]
    lines += [f"| {t} | {v} | {_ok(ok)} |" for t, v, ok in targets] + [""] + body
    notes = data.get("notes")
    if notes:
        lines += ["## Notes", ""] + notes + [""]
    out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    data = json.loads((here / "results.json").read_text(encoding="utf-8"))
    write_report(data, here / "results.md")
    sys.exit(0)
