"""The real graph.html of the seeds (as `vnkg build` wrote it) in Debian's Chromium, offline.

Every node of the entity graph is drawn, nothing leaves file://, no script error, the
legend counts the kinds, and Thai names show in the details panel. The screenshot goes
to tests/artifacts/seeds-graph.png. Never runs ``playwright install``.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib

from vnkg.graphdata import KINDS, to_networkx

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
HUNG = "https://w3id.org/vnkg/id/person/nguyen-manh-hung"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def entity_graph(seeds_graph: Path):
    ds = rdflib.Dataset()
    ds.parse(seeds_graph / "graph.trig", format="trig")
    return to_networkx(ds)


@pytest.fixture(scope="module")
def opened(seeds_graph: Path):
    """The page, once loaded, with what it logged and what it tried to fetch."""
    from playwright.sync_api import sync_playwright

    log: dict[str, list[str]] = {"console": [], "errors": [], "blocked": [], "dialogs": []}

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            log["blocked"].append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: m.type in ("error", "warning") and log["console"].append(m.text))
        page.on("pageerror", lambda e: log["errors"].append(str(e)))
        page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
        page.goto((seeds_graph / "graph.html").as_uri())
        page.wait_for_function("window.vnkgReady === true", timeout=30_000)
        yield page, log
        context.close()
        browser.close()


def test_every_entity_is_drawn(opened, entity_graph) -> None:
    page, log = opened
    ids = page.evaluate("window.vnkg.nodes.getIds()")
    assert len(ids) == len(set(ids))
    assert set(ids) == set(entity_graph.nodes)
    assert HUNG in ids
    positions = page.evaluate("window.vnkg.network.getPositions()")
    assert set(positions) == set(entity_graph.nodes)
    drawn_edges = page.evaluate("window.vnkg.edges.get().map(e => [e.from, e.to])")
    assert {tuple(e) for e in drawn_edges} == {(u, v) for u, v in entity_graph.edges()}
    data = page.evaluate("JSON.parse(document.getElementById('vnkg-data').textContent)")
    assert {n["id"]: n["label"] for n in data["nodes"]} == {n: d["label"] for n, d in entity_graph.nodes(data=True)}
    # the labels drawn are the nodes' own, and the best connected nodes have theirs
    drawn = page.evaluate("Object.fromEntries(window.vnkg.nodes.get().filter(n => n.label).map(n => [n.id, n.label]))")
    assert drawn and all(entity_graph.nodes[n]["label"] == label for n, label in drawn.items())
    assert HUNG in drawn
    assert log["blocked"] == [] and log["errors"] == [] and log["console"] == []


def test_legend_counts_the_kinds(opened, entity_graph) -> None:
    page, _ = opened
    counts = Counter(kind for _, kind in entity_graph.nodes(data="kind"))
    legend = page.eval_on_selector_all(
        "label.vnkg-kind", "ls => ls.map(l => [l.querySelector('input').dataset.kind, l.textContent])")
    assert [kind for kind, _ in legend] == list(KINDS)
    for kind, text in legend:
        assert text.strip().endswith(f"{kind} ({counts.get(kind, 0)})"), text
        assert page.is_visible(f'input[data-kind="{kind}"]')


def test_screenshot_shows_thai_and_legend(opened) -> None:
    page, log = opened
    page.fill("#vnkg-search", "เหงียน มานห์ หุ่ง")
    page.press("#vnkg-search", "Enter")
    assert page.evaluate("window.vnkg.network.getSelectedNodes()") == [HUNG]
    panel = page.text_content("#vnkg-details")
    assert "Nguyen Manh Hung" in panel and "เหงียน มานห์ หุ่ง" in panel
    # the Thai line is laid out as text of real width (not an empty or zero-size box)
    width = page.evaluate("""() => {
        const li = [...document.querySelectorAll('#vnkg-details li')]
            .find(e => e.textContent === 'เหงียน มานห์ หุ่ง');
        return li ? li.getBoundingClientRect().width : 0; }""")
    assert width > 50
    page.evaluate("window.vnkg.network.fit({animation: false})")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "seeds-graph.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    assert log["blocked"] == [] and log["errors"] == [] and log["console"] == [] and log["dialogs"] == []
