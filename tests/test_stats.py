"""Graph statistics on the hand-written fixture."""
from __future__ import annotations

import json

import pytest
from rich.console import Console
from rich.table import Table

import view_fixtures as fx
from vnkg.stats import compute_stats, render_stats


@pytest.fixture(scope="module")
def stats():
    return compute_stats(fx.dataset())


def test_counts(stats):
    assert stats["entities"] == {"Person": 4, "Organization": 5, "LegalDocument": 2,
                                 "Initiative": 1, "Place": 2, "Event": 1}
    assert stats["articles"] == 2
    # relations: 3 part-of, 2 passed-by, 1 implements, 1 partner (stated both ways)
    assert stats["facts"] == {"posts": 6, "relations": 7, "statements": 1, "events": 1}
    assert stats["components"] == {"count": 2, "largest": [14, 1]}   # Bangkok alone


def test_centrality_order(stats):
    by_degree = [(r["id"], r["degree"]) for r in stats["officials_by_degree"]]
    # ties (degree 2) broken by label: "Bui Thanh Son" < "Nguyen Manh Hung"
    assert by_degree == [(fx.CHINH, 3), (fx.SON, 2), (fx.HUNG, 2), (fx.EVIL, 1)]
    between = {r["id"]: r["betweenness"] for r in stats["officials_by_betweenness"]}
    assert [r["id"] for r in stats["officials_by_betweenness"]][:2] == [fx.CHINH, fx.HUNG]
    # Chinh links the Politburo, the Government and the meeting; a leaf bridges nothing
    assert between[fx.CHINH] > between[fx.HUNG] > 0
    assert between[fx.EVIL] == 0.0 and between[fx.SON] == 0.0
    assert stats["betweenness_sample"] is None


def test_documents_and_organizations(stats):
    assert [(r["id"], r["articles"]) for r in stats["most_cited_documents"]] == [
        (fx.DOC57, 2), (fx.DOC505, 1)]
    assert [(r["id"], r["posts"]) for r in stats["organizations_by_posts"]] == [
        (fx.MIC, 2), (fx.POLITBURO, 2), (fx.GOV, 1), (fx.MOFA, 1)]


def test_json_and_deterministic(stats):
    text = json.dumps(stats, ensure_ascii=False, sort_keys=True)
    assert json.loads(text) == stats
    assert json.dumps(compute_stats(fx.dataset()), ensure_ascii=False) == \
        json.dumps(stats, ensure_ascii=False)


def test_render_tables(stats):
    tables = render_stats(stats)
    assert all(isinstance(t, Table) for t in tables)
    console = Console(record=True, width=140)
    for t in tables:
        console.print(t)
    out = console.export_text()
    for text in ("Pham Minh Chinh", "57-NQ/TW", "Ministry of Information and Communications",
                 "<script>alert(1)</script>"):   # printed as-is, not read as markup
        assert text in out


def test_label_with_rich_markup_is_printed_verbatim():
    stats = compute_stats(fx.dataset())
    stats["officials_by_degree"][0]["label"] = "[bold red]x[/] [/unclosed]"
    console = Console(record=True, width=140)
    for t in render_stats(stats):
        console.print(t)
    assert "[bold red]x[/] [/unclosed]" in console.export_text()
