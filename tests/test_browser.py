"""The HTML view in Debian's Chromium, with the network cut off.

Proves the page draws every node with no request leaving file://, that the search box
finds Thai and Latin names, and that hostile labels stay text (no dialog, no errors).
Never runs ``playwright install``: it drives /usr/bin/chromium.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import view_fixtures as fx
from vnkg.view import NAMED_CLUSTERS, TOP_LABELS, write_view

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium at /usr/bin/chromium "
                              "(apt-get install chromium; .ci/run does)"),
]


class Session:
    """One Chromium with every non-file:// request aborted and recorded."""

    def __init__(self, p):
        self.blocked: list[str] = []
        self.browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        self.context = self.browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.route("**/*", self._route)

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: Path):
        """Open a page; returns it with its console errors and dialogs."""
        page = self.context.new_page()
        log: dict[str, list[str]] = {"errors": [], "dialogs": [], "blocked": self.blocked}
        page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
        page.on("pageerror", lambda e: log["errors"].append(str(e)))

        def on_dialog(d):
            log["dialogs"].append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.as_uri())
        page.wait_for_function("window.vnkgReady === true", timeout=30_000)
        return page, log


@pytest.fixture(scope="module")
def session():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        s = Session(p)
        yield s
        s.context.close()
        s.browser.close()


@pytest.fixture(scope="module")
def page_and_log(session, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "graph.html"
    write_view(fx.dataset(), out)
    return session.open(out)


def search(page, text: str) -> list[str]:
    page.fill("#vnkg-search", text)
    page.press("#vnkg-search", "Enter")
    return page.evaluate("window.vnkg.network.getSelectedNodes()")


def test_every_node_drawn_offline(page_and_log):
    page, log = page_and_log
    ids = page.evaluate("window.vnkg.nodes.getIds()")
    assert set(ids) == fx.ALL_NODES
    positions = page.evaluate("window.vnkg.network.getPositions()")
    assert set(positions) == fx.ALL_NODES
    assert log["blocked"] == []


def test_search_thai_and_latin(page_and_log):
    page, _ = page_and_log
    assert search(page, "เหงียน มานห์ หุ่ง") == [fx.HUNG]
    assert page.text_content("#vnkg-status") == "found: Nguyen Manh Hung"
    assert search(page, "ฝ่ามมิงห์จิ๋ง") == [fx.CHINH]          # spacing differs
    assert search(page, "bui thanh son") == [fx.SON]
    assert search(page, "57-NQ/TW") == [fx.DOC57]
    # the details panel shows the names and a link to the source article
    assert search(page, "Pham Minh Chinh") == [fx.CHINH]
    panel = page.text_content("#vnkg-details")
    assert "ฝ่าม มิงห์ จิ๋ง" in panel and "Prime Minister — Government of Vietnam" in panel
    hrefs = page.eval_on_selector_all("#vnkg-details a", "as => as.map(a => a.href)")
    assert hrefs == [fx.URL_A, fx.URL_B]
    assert search(page, "nobody at all") == []
    assert page.text_content("#vnkg-status") == "no match"


def test_type_filter_hides_and_search_reveals(page_and_log):
    page, _ = page_and_log
    page.uncheck('input[data-kind="Person"]')
    visible = page.evaluate("window.vnkg.view.getIds()")
    assert set(visible) == fx.ALL_NODES - fx.PERSONS
    assert search(page, "Bui Thanh Son") == [fx.SON]            # re-enables Person
    assert page.is_checked('input[data-kind="Person"]')
    assert set(page.evaluate("window.vnkg.view.getIds()")) == fx.ALL_NODES


def test_hostile_labels_stay_text(page_and_log):
    page, log = page_and_log
    assert search(page, fx.SCRIPT_LABEL) == [fx.EVIL]
    assert search(page, fx.IMG_LABEL) == [fx.EVIL]
    panel = page.text_content("#vnkg-details")
    assert fx.SCRIPT_LABEL in panel and fx.IMG_LABEL in panel     # shown as text
    assert page.query_selector_all("#vnkg-details img, #vnkg-details script") == []
    search(page, "href")
    assert page.evaluate("window.vnkg.network.getSelectedNodes()") == [fx.DX]
    assert page.query_selector_all('a[href^="javascript"]') == []
    page.hover("#vnkg-graph")    # hover tooltips are DOM text too
    assert page.query_selector_all("div.vis-tooltip script, div.vis-tooltip img") == []
    assert log["dialogs"] == []
    assert log["errors"] == []
    assert log["blocked"] == []


def test_focus_page(session, tmp_path):
    out = tmp_path / "focus.html"
    write_view(fx.dataset(), out, focus="เหงียนมานห์หุ่ง", depth=1)
    page, log = session.open(out)
    assert set(page.evaluate("window.vnkg.nodes.getIds()")) == {fx.HUNG, fx.MIC, fx.POLITBURO}
    assert page.evaluate("window.vnkg.network.getSelectedNodes()") == [fx.HUNG]
    assert "Nguyen Manh Hung" in page.text_content("#vnkg-details")
    assert log["errors"] == [] and log["dialogs"] == [] and log["blocked"] == []
    page.close()


def test_screenshot(page_and_log):
    page, log = page_and_log
    page.evaluate("window.vnkg.network.unselectAll(); window.vnkg.network.fit({animation: false})")
    page.evaluate("document.getElementById('vnkg-search').value = ''")
    search(page, "เหงียน มานห์ หุ่ง")
    page.evaluate("window.vnkg.network.fit({animation: false})")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "graph.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert log["errors"] == [] and log["blocked"] == []


# --------------------------------------------------------------------------- a graph too large to label whole

@pytest.fixture(scope="module")
def large_page(session, tmp_path_factory):
    out = tmp_path_factory.mktemp("large") / "graph.html"
    write_view(fx.large_graph(), out)
    return session.open(out)


def shown_ids(page) -> set[str]:
    return set(page.evaluate("window.vnkg.view.get({filter: n => !n.hidden}).map(n => n.id)"))


def test_a_large_graph_opens_on_an_overview(large_page):
    page, log = large_page
    kinds = page.evaluate("window.vnkg.view.get().map(n => n.kind)")
    assert set(kinds) == {"Person", "Organization"}
    drawn = page.evaluate("window.vnkg.nodes.get({filter: n => n.label !== ''}).map(n => n.id)")
    assert 0 < len(drawn) <= TOP_LABELS + NAMED_CLUSTERS
    assert log["errors"] == [] and log["blocked"] == []


def test_a_click_shows_the_neighbourhood_and_whole_graph_comes_back(large_page):
    page, log = large_page
    ministry = f"{fx.ID}org/ministry-0"
    before = shown_ids(page)
    page.evaluate(f"window.vnkg.network.focus({ministry!r}, {{scale: 2, animation: false}})")
    box = page.locator("#vnkg-graph").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)    # a real click on it
    neighbours = {f"{fx.ID}org/ministry-0-department-{d}" for d in range(5)} \
        | {f"{fx.ID}person/official-{p}" for p in range(fx.LARGE_PERSONS) if p % 10 == 0 and (p // 10) % 8 == 0}
    assert shown_ids(page) == {ministry} | neighbours
    labelled = set(page.evaluate("window.vnkg.nodes.get({filter: n => n.label !== '' && !n.hidden}).map(n => n.id)"))
    assert ministry in labelled and len(labelled) == len(neighbours) + 1     # few enough: all labelled
    assert page.is_visible("#vnkg-back") and "Ministry 0" in page.text_content("#vnkg-details")
    page.click("#vnkg-back")
    assert shown_ids(page) == before
    moved = page.evaluate("""(() => { const data = JSON.parse(document.getElementById('vnkg-data').textContent);
        const pos = window.vnkg.network.getPositions();
        return data.nodes.filter(n => pos[n.id] && (pos[n.id].x !== n.x || pos[n.id].y !== n.y)).length; })()""")
    assert moved == 0 and not page.is_visible("#vnkg-back")
    assert log["errors"] == []


def test_the_date_filter_keeps_what_was_in_the_news_then(large_page):
    page, log = large_page
    page.fill("#vnkg-from", "2023-06-01")
    page.fill("#vnkg-to", "2023-06-30")
    page.dispatch_event("#vnkg-to", "change")
    persons = {i for i in shown_ids(page) if "/person/" in i}
    assert persons == {f"{fx.ID}person/official-{p}" for p in range(151, 181)}   # 1 to 30 June
    assert not any("/org/lone-" in i for i in shown_ids(page))                      # never dated
    page.fill("#vnkg-from", "")
    page.fill("#vnkg-to", "")
    page.dispatch_event("#vnkg-to", "change")
    assert len(shown_ids(page)) == fx.LARGE_MINISTRIES * 6 + fx.LARGE_PERSONS + fx.LARGE_ISOLATED
    assert log["errors"] == []
