"""The HTML view at 300, 1,000 and 10,000 articles, measured in Debian's Chromium.

    python bench/view.py                          # generate, build and measure the three sizes
    python bench/view.py --sizes 300 --work /tmp/vnkg-view-bench

For each size: the synthetic corpus (bench/generator.py, seed 0) is built once with
``vnkg build --no-view`` (kept in --work, reused by later runs), the page is written by
``vnkg view`` (timed: reading the store, the layout, the page), then opened in
/usr/bin/chromium with the network cut off, and these are timed from navigation start:

- interactive: the page has parsed its data, built the network and drawn it once
  (``window.vnkgReady``): search, filters and clicks answer from then on;
- settled: the last drawing before one second without any (physics is off, so the
  layout does not move after the first drawing; this checks it);
- a click on the best connected node (its neighbourhood, labelled), a search, and back
  to the whole graph.

Writes bench/view.md and screenshots in bench/screenshots/. Not a test: the figures depend
on the machine. Target: interactive and settled in under 5 s with 2,000 nodes visible.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
VNKG = Path(sys.executable).parent / "vnkg"
CHROMIUM = Path("/usr/bin/chromium")
TARGET_S = 5.0
VIEWPORT = {"width": 1600, "height": 1000}


def built(n: int, work: Path) -> Path:
    """The graph folder of the n-article corpus, built once."""
    graph = work / f"graph-{n}"
    if (graph / "store").is_dir():
        return graph
    corpus = work / f"corpus-{n}"
    subprocess.run([sys.executable, str(BENCH / "generator.py"), str(n), str(corpus), "--seed", "0"], check=True)
    subprocess.run([str(VNKG), "build", str(corpus), "--out", str(graph), "--no-view", "--jobs", "2", "--quiet"],
                   check=True)
    return graph


def write_page(graph: Path) -> tuple[Path, float, str]:
    page = graph / "graph.html"
    start = time.perf_counter()
    done = subprocess.run([str(VNKG), "view", "--graph", str(graph), "--out", str(page)],
                          check=True, capture_output=True, text=True)
    return page, time.perf_counter() - start, done.stdout.strip()


SETTLED = """() => new Promise(resolve => {
    let last = performance.now();
    window.vnkg.network.on("afterDrawing", () => { last = performance.now(); });
    const check = () => performance.now() - last > 1000 ? resolve(last) : setTimeout(check, 100);
    check();
})"""
TIMED = """async (what) => {
    const t = performance.now();
    what();
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t;
}"""


def measure(page_path: Path, n: int, shots: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--no-sandbox", "--disable-background-networking",
                                          "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = browser.new_context(viewport=VIEWPORT)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        page.wait_for_function("window.vnkgReady === true", timeout=300_000)
        ready = page.evaluate("window.vnkgTimings.ready")
        settled = page.evaluate(SETTLED)
        counts = page.evaluate("""() => ({visible: window.vnkg.view.length, nodes: window.vnkg.nodes.length,
            edges: window.vnkg.edges.length,
            labelled: window.vnkg.nodes.get({filter: n => n.label !== ""}).length})""")
        page.screenshot(path=str(shots / f"view-{n}-overview.png"))
        top = page.evaluate("""() => window.vnkg.view.get().sort((a, b) => b.degree - a.degree)[0]""")
        click = page.evaluate("async () => { const t = performance.now(); window.vnkg.neighbourhood("
                              + json.dumps(top["id"]) + "); await new Promise(r => requestAnimationFrame("
                              "() => requestAnimationFrame(r))); return performance.now() - t; }")
        around = page.evaluate("window.vnkg.view.get({filter: n => !n.hidden}).length")
        page.screenshot(path=str(shots / f"view-{n}-neighbourhood.png"))
        back = page.evaluate("async () => { const t = performance.now(); window.vnkg.overview(); await new Promise("
                             "r => requestAnimationFrame(() => requestAnimationFrame(r))); return performance.now() - t; }")
        start = time.perf_counter()
        page.fill("#vnkg-search", top["label"])
        page.press("#vnkg-search", "Enter")
        page.wait_for_function("window.vnkg.network.getSelectedNodes().length === 1")
        search = (time.perf_counter() - start) * 1000
        page.wait_for_timeout(400)          # the labels of what is in view, after the zoom
        page.screenshot(path=str(shots / f"view-{n}-search.png"))
        browser.close()
    return {"articles": n, "ready_s": ready / 1000, "settled_s": settled / 1000, **counts,
            "top": top["label"], "neighbourhood": around, "click_ms": click, "back_ms": back,
            "search_ms": search, "errors": errors, "bytes": page_path.stat().st_size}


def report(rows: list[dict]) -> str:
    lines = [
        "# The HTML view at scale",
        "",
        "Written by `bench/view.py`: each synthetic corpus (`bench/generator.py`, seed 0) built with "
        "`vnkg build --no-view`, its page written by `vnkg view`, opened in Debian's Chromium "
        f"({VIEWPORT['width']}x{VIEWPORT['height']}, network cut off). Times from navigation start; "
        "screenshots in `bench/screenshots/`.",
        "",
        f"Target: interactive and settled in under {TARGET_S:.0f} s with 2,000 nodes visible.",
        "",
        "| articles | nodes (visible at opening) | edges | page | `vnkg view` | interactive | settled "
        "| labelled | click: neighbourhood | back to overview | search |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['nodes']:,} ({r['visible']:,}) | {r['edges']:,} | {r['bytes'] / 1e6:.1f} MB "
            f"| {r['view_s']:.1f} s | {r['ready_s']:.2f} s | {r['settled_s']:.2f} s | {r['labelled']} "
            f"| {r['click_ms']:.0f} ms ({r['neighbourhood']} nodes) | {r['back_ms']:.0f} ms | {r['search_ms']:.0f} ms |")
    lines += ["", "Page errors: " + ("none" if not any(r["errors"] for r in rows)
                                     else "; ".join(e for r in rows for e in r["errors"])), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="300,1000,10000", help="article counts, comma-separated")
    ap.add_argument("--work", type=Path, default=Path("/tmp/vnkg-view-bench"), help="where corpora and graphs go")
    ap.add_argument("--out", type=Path, default=BENCH / "view.md", help="the report")
    args = ap.parse_args(argv)
    shots = BENCH / "screenshots"
    shots.mkdir(exist_ok=True)
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        graph = built(n, args.work)
        page, seconds, said = write_page(graph)
        print(f"{n} articles: {said} in {seconds:.1f} s", flush=True)
        row = measure(page, n, shots)
        row["view_s"] = seconds
        print(json.dumps(row), flush=True)
        rows.append(row)
    args.out.write_text(report(rows), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
