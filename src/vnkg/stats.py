"""Graph statistics: counts, central officials, components, cited documents.

Computed on the entity graph of ``vnkg.graphdata`` (posts collapsed to person→org
edges), projected to a simple undirected graph for centrality and components. The
result is plain JSON-ready data, sorted with explicit tie-breaks so it is the same on
every run.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
import pyoxigraph as ox
import rdflib
from rich.table import Table
from rich.text import Text

from vnkg.graphdata import KINDS, RELATION_RELS, to_networkx

__all__ = ["compute_stats", "render_stats"]

TOP = 10
# Exact betweenness is O(nodes × edges) in pure Python; above this many nodes it is
# estimated from a fixed, seeded sample of sources (still deterministic).
BETWEENNESS_EXACT_MAX = 1000
BETWEENNESS_SAMPLE = 200


def _ranked(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Top rows by ``key`` descending, ties by label then IRI."""
    return sorted(rows, key=lambda r: (-r[key], r["label"], r["id"]))[:TOP]


def compute_stats(g: rdflib.Graph | ox.Store) -> dict[str, Any]:
    """Statistics of ``g`` (a Graph or a Dataset, whose union is used, or an Oxigraph store)."""
    G = to_networkx(g)
    U = nx.Graph()
    U.add_nodes_from(sorted(G))
    U.add_edges_from(sorted((u, v) for u, v in G.edges() if u != v))

    sample = BETWEENNESS_SAMPLE if len(U) > BETWEENNESS_EXACT_MAX else None
    betweenness = nx.betweenness_centrality(U, k=sample, seed=0 if sample else None)
    officials = [{"id": n, "label": G.nodes[n]["label"], "degree": U.degree(n),
                  "betweenness": round(betweenness[n], 6)}
                 for n in U if G.nodes[n]["kind"] == "Person"]

    components = sorted((len(c) for c in nx.connected_components(U)), reverse=True)
    kinds = Counter(kind for _, kind in G.nodes(data="kind"))
    edges = list(G.edges(data="rel"))
    posts_in = Counter(v for _, v, rel in edges if rel == "post")

    return {
        "entities": {k: kinds.get(k, 0) for k in KINDS},
        "articles": G.graph["articles"],
        "facts": {
            "posts": G.graph["posts"],
            "relations": sum(1 for *_, rel in edges if rel in RELATION_RELS),
            "statements": G.graph["statements"],
            "events": G.graph["events"],
        },
        "officials_by_degree": _ranked(officials, "degree"),
        "officials_by_betweenness": _ranked(officials, "betweenness"),
        "betweenness_sample": sample,
        "components": {"count": len(components), "largest": components[:TOP]},
        "most_cited_documents": _ranked(
            [{"id": n, "label": d["label"], "articles": len(d["articles"])}
             for n, d in G.nodes(data=True)
             if d["kind"] == "LegalDocument" and d["articles"]], "articles"),
        "organizations_by_posts": _ranked(
            [{"id": n, "label": G.nodes[n]["label"], "posts": c}
             for n, c in posts_in.items() if G.nodes[n]["kind"] == "Organization"], "posts"),
    }


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    table = Table(title=title)
    for i, name in enumerate(columns):
        table.add_column(name, justify="left" if i == 0 or name == "name" else "right")
    for row in rows:
        # Text(), not str: a label like "[red]" must not be read as rich markup
        table.add_row(*(Text(str(v)) for v in row))
    return table


def render_stats(stats: dict[str, Any]) -> list[Table]:
    """Rich tables of ``compute_stats`` output, for the CLI."""
    facts, comps = stats["facts"], stats["components"]
    summary = ([[kind, n] for kind, n in stats["entities"].items()]
               + [["articles", stats["articles"]]]
               + [[name, n] for name, n in facts.items()]
               + [["connected components", comps["count"]],
                  ["largest components", ", ".join(map(str, comps["largest"]))]])
    sampled = stats["betweenness_sample"]
    return [
        _table("Graph", ["what", "count"], summary),
        _table("Most connected officials"
               + (f" (betweenness from {sampled} sampled sources)" if sampled else ""),
               ["name", "degree", "betweenness"],
               [[r["label"], r["degree"], f"{r['betweenness']:.4f}"]
                for r in stats["officials_by_degree"]]),
        _table("Officials by betweenness", ["name", "betweenness", "degree"],
               [[r["label"], f"{r['betweenness']:.4f}", r["degree"]]
                for r in stats["officials_by_betweenness"]]),
        _table("Most cited documents", ["document", "articles"],
               [[r["label"], r["articles"]] for r in stats["most_cited_documents"]]),
        _table("Organizations with most posts", ["organization", "posts"],
               [[r["label"], r["posts"]] for r in stats["organizations_by_posts"]]),
    ]
