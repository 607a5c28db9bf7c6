"""The interactive HTML view of the graph: one self-contained, offline page that stays
readable at a year of news.

The page opens on an overview: persons and organizations joined by their posts (every
kind when the graph is small; the others are a tick away in the type filter), each node
sized by its degree and each community (networkx's Louvain, seeded) laid out apart in a
circle of its own, named after its best connected member. Only the best connected nodes
are labelled; zooming in labels what is in view. The search box finds any name, the type
and date filters hide what is not wanted, and a click on a node shows its neighbourhood
alone, every node and edge labelled, until "Whole graph" (or Escape).

pyvis builds the node and edge dicts (its ``Node``/``Edge`` classes, appended directly:
``Network.add_edge`` and ``from_nx`` scan lists and go quadratic). The page is our own
template, not pyvis's: pyvis's template links Bootstrap and vis-network from CDNs in every mode
and inserts the heading and some node fields unescaped. Here vis-network's JS and CSS
come from the pyvis wheel and are inlined, the data is JSON in a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028/2029
escaped, and the details of a node are DOM nodes built with ``textContent``, so a label
such as ``</script><script>…`` stays text. The layout is computed here (spring layouts
per community, packed in rings around the largest; fixed seeds, rounded to pixels) and
physics is off: the page draws once and stops, and the same graph gives the same bytes.
"""
from __future__ import annotations

import html
import json
import math
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, Any

import networkx as nx
import numpy as np
import pyoxigraph as ox
import rdflib
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from vnkg.graphdata import KINDS, to_networkx

__all__ = ["ViewSummary", "write_view", "select_nodes", "normalize_name", "layout"]

VIS_DIR = "vis-9.1.2"
SEED = 7                 # layout seed: same graph, same picture
EXACT_LAYOUT_MAX = 500   # from here networkx's layout is all-pairs (and needs scipy)
SPACING = 70.0           # px per sqrt(node) of a community's radius
GAP = 40.0               # px between two communities
ATTACH = 45.0            # px from its neighbours to a document, place, event… placed beside them
MIN_CLUSTER = 3          # smaller communities (pairs, lone nodes) share one block
OVERVIEW_KINDS = ("Person", "Organization")
SMALL_GRAPH = 300        # up to this many nodes the page opens with every kind shown
ALL_LABELS = 80          # up to this many nodes every node is labelled
TOP_LABELS = 60          # else the best connected nodes (and each large community's first)
NAMED_CLUSTERS = 30      # communities whose best connected member is always labelled
MAX_ARTICLES = 12        # articles and statements listed in a node's details
MAX_STATEMENTS = 6
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
FONT_STACK = ('"Noto Sans Thai", "Noto Sans Thai UI", "Noto Sans", Sarabun, Tahoma, '
              '"Leelawadee UI", Loma, Garuda, Waree, Kinnari, "DejaVu Sans", sans-serif')

# kind → (colour, vis shape, legend symbol drawn in that colour)
KIND_STYLE: dict[str, tuple[str, str, str]] = {
    "Person": ("#1f77b4", "dot", "\u25cf"),
    "Organization": ("#d62728", "square", "\u25a0"),
    "LegalDocument": ("#2ca02c", "diamond", "\u25c6"),
    "Initiative": ("#ff7f0e", "star", "\u2605"),
    "Place": ("#9467bd", "triangle", "\u25b2"),
    "Event": ("#8c564b", "triangleDown", "\u25bc"),
}

# Inside <script>, "</script" or "<!--" in data would end or confuse the element;
# escaping these code points keeps JSON valid and the HTML parser out of it.
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                   ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


@dataclass(frozen=True)
class ViewSummary:
    """What ``write_view`` wrote."""

    path: Path | None   # None when written to an open file (standard output)
    nodes: int
    edges: int          # drawn edges (parallel edges of one direction are merged)
    focus: str | None   # IRI of the focus node, if any


def normalize_name(name: str) -> str:
    """Key for matching names: NFC, lower case, no whitespace (Thai spacing varies:
    เหงียน มานห์ หุ่ง = เหงียนมานห์หุ่ง). The page's search box applies the same."""
    return "".join(unicodedata.normalize("NFC", name).lower().split())


def _find(G: nx.MultiDiGraph, name: str) -> str:
    """The node named ``name`` (IRI, ``id:…`` or any of its names); ValueError if none
    or several match."""
    iri = "https://w3id.org/vnkg/id/" + name[3:] if name.startswith("id:") else name
    if iri in G:
        return iri
    key = normalize_name(name)
    hits = sorted(n for n, names in G.nodes(data="names")
                  if any(normalize_name(x) == key for x in names))
    if not hits:
        raise ValueError(f"focus {name!r}: no node has this IRI or name")
    if len(hits) > 1:
        raise ValueError(f"focus {name!r} is ambiguous: {', '.join(hits)}; give the IRI")
    return hits[0]


def select_nodes(G: nx.MultiDiGraph, focus: str | None = None, depth: int = 1,
                 types: set[str] | None = None) -> tuple[list[str], str | None]:
    """Sorted node ids to show, and the focus node's IRI.

    ``focus`` takes the nodes within ``depth`` hops of it, edges taken both ways; then
    ``types`` keeps those kinds (the focus node is always kept, so the view has a
    centre).
    """
    if depth < 0:
        raise ValueError(f"depth must be >= 0, not {depth}")
    kinds = None
    if types is not None:
        by_lower = {k.lower(): k for k in KINDS}
        unknown = sorted(t for t in types if t.lower() not in by_lower)
        if unknown:
            raise ValueError(f"unknown types {unknown}; known: {', '.join(KINDS)}")
        kinds = {by_lower[t.lower()] for t in types}
    centre = _find(G, focus) if focus is not None else None
    nodes = (nx.ego_graph(G.to_undirected(as_view=True), centre, radius=depth).nodes
             if centre is not None else G.nodes)
    keep = [n for n in nodes if kinds is None or G.nodes[n]["kind"] in kinds or n == centre]
    return sorted(keep), centre


# --------------------------------------------------------------------------- layout

def _sampled_spring(H: nx.Graph, iterations: int = 150,
                    samples: int = 32) -> dict[str, Any]:
    """Fruchterman–Reingold with repulsion estimated from ``samples`` random nodes per
    node and step: O(n·samples) a step instead of networkx's all-pairs cost (its
    layout of an 8,000-node component took ~3 min, this ~3 s). Seeded: deterministic.
    Result scaled to [-1, 1] like ``nx.spring_layout``."""
    nodes = list(H)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in H.edges()], dtype=np.int64).reshape(-1, 2)
    src, dst = edges[:, 0], edges[:, 1]
    rng = np.random.default_rng(SEED)
    pos = rng.random((n, 2)) * math.sqrt(n)          # ideal edge length 1
    step, cooling = math.sqrt(n) / 4, 0.01 ** (1 / iterations)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[rng.integers(0, n, size=(n, samples))]
        dist2 = np.maximum((delta ** 2).sum(-1), 1e-2)
        disp = (delta / dist2[..., None]).sum(1) * ((n - 1) / samples)   # k²/d, k = 1
        pull = (pos[src] - pos[dst]) * np.sqrt(((pos[src] - pos[dst]) ** 2).sum(-1))[:, None]
        np.add.at(disp, src, -pull)                                     # d²/k along edges
        np.add.at(disp, dst, pull)
        length = np.maximum(np.sqrt((disp ** 2).sum(-1)), 1e-9)
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step *= cooling
    return dict(zip(nodes, nx.rescale_layout(pos)))


def _spring(H: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """A spring layout of ``nodes`` (sorted) in the unit disc."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in H.subgraph(nodes).edges()))
    placed = (nx.spring_layout(sub, seed=SEED) if len(nodes) < EXACT_LAYOUT_MAX
              else _sampled_spring(sub))
    xy = np.array([placed[n] for n in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    xy /= max(float(np.sqrt((xy ** 2).sum(axis=1)).max()), 1e-9)    # the square's corners in the circle
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy)}


def _sunflower(k: int) -> np.ndarray:
    """``k`` points spread evenly over the unit disc (Vogel's phyllotaxis)."""
    i = np.arange(k)
    r = np.sqrt((i + 0.5) / max(k, 1))
    return np.column_stack((r * np.cos(i * GOLDEN_ANGLE), r * np.sin(i * GOLDEN_ANGLE)))


class _Packer:
    """Circles placed one by one, each at the free spot nearest the centre: on rings of
    growing radius, the first angle where it overlaps nothing placed so far."""

    def __init__(self) -> None:
        self.centres = np.zeros((0, 2))
        self.radii = np.zeros(0)

    def place(self, r: float) -> tuple[float, float]:
        if not len(self.radii):
            at = (0.0, 0.0)
        else:
            step, ring = max(r / 2, GAP), 0.0
            while True:
                ring += step
                k = max(8, int(2 * math.pi * ring / step))
                angles = np.arange(k) * (2 * math.pi / k) + ring   # a turned start: no seam
                points = ring * np.column_stack((np.cos(angles), np.sin(angles)))
                clear = np.sqrt(((points[:, None, :] - self.centres[None]) ** 2).sum(-1)) \
                    >= self.radii[None] + r + GAP
                free = np.flatnonzero(clear.all(axis=1))
                if len(free):
                    at = (float(points[free[0], 0]), float(points[free[0], 1]))
                    break
        self.centres = np.vstack((self.centres, at))
        self.radii = np.append(self.radii, r)
        return at


@dataclass(frozen=True)
class Layout:
    """Positions of the nodes, the community of each core node (index, largest first),
    and the circle of each community laid out on its own (x, y, radius, members)."""

    pos: dict[str, tuple[int, int]]
    community: dict[str, int]
    clusters: list[tuple[int, int, int, list[str]]]


def layout(G: nx.MultiDiGraph, keep: list[str]) -> Layout:
    """Where each kept node goes.

    Persons and organizations (or every kept node, when there are none) are the core:
    their communities (Louvain, seeded) are each laid out by a spring layout inside a
    circle sized to them, largest first at the centre, the rest in rings around it; pairs
    and lone nodes share one block. Documents, initiatives, places and events go beside
    the core nodes they are linked to (a sunflower around them), and what is linked to
    none of those, in a block of its own.
    """
    core = [n for n in keep if G.nodes[n]["kind"] in OVERVIEW_KINDS] or list(keep)
    H = nx.Graph()
    H.add_nodes_from(core)
    H.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in G.subgraph(core).edges() if u != v}))
    found = nx.community.louvain_communities(H, seed=SEED) if H.number_of_edges() else [{n} for n in core]
    communities = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    packer = _Packer()
    pos: dict[str, tuple[float, float]] = {}
    clusters = []
    for members in (c for c in communities if len(c) >= MIN_CLUSTER):
        r = SPACING * math.sqrt(len(members))
        cx, cy = packer.place(r)
        for n, (x, y) in _spring(H, members).items():
            pos[n] = (cx + x * r, cy + y * r)
        clusters.append((round(cx), round(cy), round(r), members))
    small = [c for c in communities if len(c) < MIN_CLUSTER]
    if small:
        _block(packer, small, pos)
    # the other kinds beside what they are linked to: a document beside its issuer, an
    # event beside its chair, a document an initiative implements beside the initiative
    U = G.subgraph(keep).to_undirected(as_view=True)
    pending = [n for n in keep if n not in pos]
    for _ in range(3):
        around: dict[tuple[float, float], int] = {}
        rest = []
        for n in pending:
            anchors = sorted(m for m in U[n] if m in pos)
            if not anchors:
                rest.append(n)
                continue
            ax = sum(pos[m][0] for m in anchors) / len(anchors)
            ay = sum(pos[m][1] for m in anchors) / len(anchors)
            k = around[(ax, ay)] = around.get((ax, ay), 0) + 1
            radius = ATTACH * math.sqrt(k)
            pos[n] = (ax + radius * math.cos(k * GOLDEN_ANGLE), ay + radius * math.sin(k * GOLDEN_ANGLE))
        if len(rest) == len(pending):
            break
        pending = rest
    if pending:
        _block(packer, [[n] for n in pending], pos)
    return Layout({n: (round(x), round(y)) for n, (x, y) in pos.items()},
                  {n: i for i, c in enumerate(communities) for n in c}, clusters)


def _block(packer: _Packer, units: list[list[str]], pos: dict[str, tuple[float, float]]) -> None:
    """Small groups (a person and their one organization, a lone node) in one disc: each
    group at a point of a sunflower, its members side by side."""
    points = _sunflower(len(units))
    r = SPACING * 0.6 * math.sqrt(len(units)) + SPACING / 2
    cx, cy = packer.place(r)
    for (px, py), members in zip(points, units):
        for i, n in enumerate(members):
            offset = (i - (len(members) - 1) / 2) * SPACING * 0.4
            pos[n] = (cx + px * (r - SPACING / 2) + offset, cy + py * (r - SPACING / 2))


# --------------------------------------------------------------------------- page

def _size(degree: int) -> float:
    """Node size grows with degree, slowly: a ministry of 500 links stays on screen."""
    return round(8 + 4 * math.log2(1 + degree), 1)


def _degrees(G: nx.MultiDiGraph) -> dict[str, int]:
    """How many other nodes each node is linked to, either way (the whole graph's)."""
    return {n: len((G.succ[n].keys() | G.pred[n].keys()) - {n}) for n in G}


def _cluster_name(G: nx.MultiDiGraph, members: list[str], degree: dict[str, int]) -> str:
    """A community is named after its best connected organization (else member)."""
    orgs = [n for n in members if G.nodes[n]["kind"] == "Organization"] or members
    return max(orgs, key=lambda n: (degree[n], n))


def _network(G: nx.MultiDiGraph, keep: list[str], centre: str | None, placed: Layout,
             degree: dict[str, int], top: set[str]) -> Network:
    """pyvis network of the kept nodes (positions, sizes, the labels to show at first)
    and of their edges, parallel ones of one direction merged."""
    net = Network(directed=True)
    for n in keep:
        d = G.nodes[n]
        articles = [list(a) for a in d["articles"]]
        node = Node(n, KIND_STYLE[d["kind"]][1], label=d["label"], group=d["kind"],
                    kind=d["kind"], names=d["names"], types=d["types"], posts=d["posts"],
                    statements=d["statements"][:MAX_STATEMENTS], statementCount=len(d["statements"]),
                    articles=articles[:MAX_ARTICLES], articleCount=len(articles),
                    first=d["first"], last=d["last"], degree=degree[n], top=n in top,
                    size=_size(degree[n]), x=placed.pos[n][0], y=placed.pos[n][1],
                    borderWidth=4 if n == centre else 1)
        net.nodes.append(node.options)
        net.node_ids.append(n)
        net.node_map[n] = node.options
    merged: dict[tuple[str, str], set[str]] = {}
    for u, v, label in G.subgraph(keep).edges(data="label"):
        merged.setdefault((u, v), set()).add(label)
    for i, ((u, v), labels) in enumerate(sorted(merged.items())):
        # the tooltip ("A — role → B") is made by the page: shipped, it doubled the data;
        # arrows come from the global options, not repeated on every edge
        edge = Edge(u, v, directed=False, id=f"e{i}", label=" / ".join(sorted(labels))).options
        if placed.community.get(u, -1) != placed.community.get(v, -2):
            edge["across"] = True          # drawn faint: links between communities
        net.edges.append(edge)
    return net


def _options(n_nodes: int, n_edges: int) -> dict:
    """vis-network options: no physics (positions are given), groups = kind styles."""
    groups = {kind: {"shape": shape, "color": {"background": colour, "border": "#333333",
                                               "highlight": {"background": colour,
                                                             "border": "#000000"},
                                               "hover": {"background": colour,
                                                         "border": "#000000"}}}
              for kind, (colour, shape, _) in KIND_STYLE.items()}
    large = n_nodes > SMALL_GRAPH or n_edges > 2000
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": SEED},
        "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": False,
                        "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "nodes": {"font": {"face": FONT_STACK, "size": 14, "color": "#222222",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#9aa0a6", "highlight": "#333333", "hover": "#555555"},
                  "font": {"face": FONT_STACK, "size": 10, "color": "#555555",
                           "align": "middle", "strokeWidth": 3},
                  "smooth": False},
        "groups": groups,
    }


def _script_json(obj: object) -> str:
    """JSON safe to place inside a <script> element (no "</script>", no "<!--")."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    for char, escaped in _SCRIPT_ESCAPES:     # str.replace: a 40 MB page in 0.1 s, not 2 s
        text = text.replace(char, escaped)
    return text


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis wheel. CSS rules with ``url(`` are
    dropped: they only hold the images of the navigation and edit buttons, which the
    page does not enable, and their base64 would trip a grep for remote references."""
    lib = resources.files("pyvis") / "lib" / VIS_DIR
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    css = "".join(rule + "}" for rule in css.split("}") if rule.strip() and "url(" not in rule)
    if re.search(r"</script|<!--", js, re.I) or re.search(r"</style", css, re.I):
        raise RuntimeError(f"pyvis {VIS_DIR} assets cannot be inlined safely")
    return js, css


def _legend(G: nx.MultiDiGraph, keep: list[str], shown: set[str]) -> str:
    counts = {k: 0 for k in KINDS}
    for n in keep:
        counts[G.nodes[n]["kind"]] += 1
    rows = []
    for kind in KINDS:
        colour, _, symbol = KIND_STYLE[kind]
        checked = " checked" if kind in shown else ""
        rows.append(
            f'<label class="vnkg-kind"><input type="checkbox" data-kind="{kind}"{checked}>'
            f'<span class="vnkg-swatch" style="color:{colour}">{symbol}</span>'
            f"{kind} <span class=\"vnkg-count\">({counts[kind]})</span></label>")
    return "\n".join(rows)


def _render(G: nx.MultiDiGraph, keep: list[str], centre: str | None,
            heading: str) -> tuple[str, int, int]:
    """The page, its node count and its drawn-edge count."""
    placed = layout(G, keep)
    degree = _degrees(G)
    names = [_cluster_name(G, members, degree) for *_, members in placed.clusters]
    if len(keep) <= ALL_LABELS:
        top = set(keep)
    else:
        ranked = sorted(keep, key=lambda n: (-degree[n], G.nodes[n]["label"], n))
        top = set(ranked[:TOP_LABELS]) | set(names[:NAMED_CLUSTERS])
    top |= {centre} if centre is not None else set()
    net = _network(G, keep, centre, placed, degree, top)
    nodes, edges, *_ = net.get_network_data()
    kinds = {G.nodes[n]["kind"] for n in keep}
    # a large graph opens on persons and organizations; a small one (or a neighbourhood) on everything
    overview = len(keep) > SMALL_GRAPH and centre is None and bool(kinds & set(OVERVIEW_KINDS))
    shown = set(OVERVIEW_KINDS) if overview else set(KINDS)
    dates = sorted(d for n in keep for d in (G.nodes[n]["first"], G.nodes[n]["last"]) if d)
    data = {
        "focus": centre, "nodes": nodes, "edges": edges, "options": _options(len(nodes), len(edges)),
        "edgeLabels": len(keep) <= ALL_LABELS, "kinds": list(KINDS),
        "dates": [dates[0], dates[-1]] if dates else None,
        "clusters": [{"x": x, "y": y, "r": r, "size": len(members), "label": G.nodes[name]["label"],
                      "members": members}
                     for (x, y, r, members), name in zip(placed.clusters, names)],
    }
    js, css = _vis_assets()
    fields = {
        "TITLE": html.escape(heading),
        "COUNTS": f"{len(nodes)} nodes, {len(edges)} edges",
        "FONT": FONT_STACK,
        "VIS_CSS": css,
        "LEGEND": _legend(G, keep, shown),
        "DATA": _script_json(data),
        "VIS_JS": js,
        "APP_JS": _APP_JS,
    }
    # One pass over the template: inserted text is never searched for markers again.
    page = re.sub(r"@@([A-Z_]+)@@", lambda m: fields[m.group(1)], _TEMPLATE)
    return page, len(nodes), len(edges)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; the page is meant to be shared
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_view(g: rdflib.Graph | ox.Store, out: str | os.PathLike[str] | IO[bytes], focus: str | None = None,
               depth: int = 1, types: set[str] | None = None) -> ViewSummary:
    """Write the HTML view of ``g`` (a Graph or a Dataset, whose union is shown, or an
    Oxigraph store) to ``out``, a path (written atomically) or an open binary file.

    ``focus``: IRI, ``id:…`` or any name (Thai or Latin) of a node; the view is then its
    neighbourhood of ``depth`` hops. ``types``: kinds to show (``Person``,
    ``Organization``, ``LegalDocument``, ``Initiative``, ``Place``, ``Event``).
    Raises ValueError for an unknown focus, ambiguous name, bad depth or type.
    """
    G = to_networkx(g)
    keep, centre = select_nodes(G, focus, depth, types)
    heading = "vnkg knowledge graph"
    if centre is not None:
        heading += f" — {G.nodes[centre]['label']} (depth {depth})"
    page, nodes, edges = _render(G, keep, centre, heading)
    if not isinstance(out, (str, os.PathLike)):
        out.write(page.encode("utf-8"))
        return ViewSummary(path=None, nodes=nodes, edges=edges, focus=centre)
    path = Path(out)
    _write_atomic(path, page.encode("utf-8"))
    return ViewSummary(path=path, nodes=nodes, edges=edges, focus=centre)


_APP_JS = r"""
(function () {
  "use strict";
  // Data is read as JSON, never evaluated; every string reaches the DOM through
  // textContent (or vis-network's canvas), so names cannot inject markup.
  var data = JSON.parse(document.getElementById("vnkg-data").textContent);
  var shown = {};
  var boxes = document.querySelectorAll("input[data-kind]");
  boxes.forEach(function (b) { shown[b.getAttribute("data-kind")] = b.checked; });
  var from = document.getElementById("vnkg-from"), to = document.getElementById("vnkg-to");
  if (data.dates) {
    [from, to].forEach(function (input) { input.min = data.dates[0]; input.max = data.dates[1]; });
  } else {
    document.getElementById("vnkg-dates").hidden = true;
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function list(box, heading, items) {
    if (!items.length) { return; }
    box.appendChild(el("div", heading, "vnkg-h"));
    var ul = el("ul");
    items.forEach(function (item) { ul.appendChild(el("li", item)); });
    box.appendChild(ul);
  }
  function more(shownCount, total) {
    return total > shownCount ? " (" + shownCount + " of " + total + ")" : "";
  }
  function details(n) {
    var box = el("div", undefined, "vnkg-tip");
    box.appendChild(el("div", n.label, "vnkg-label"));
    var sub = n.types.filter(function (t) { return t !== n.kind; });
    box.appendChild(el("div", n.kind + (sub.length ? " · " + sub.join(", ") : ""),
                       "vnkg-kindline"));
    if (n.first) {
      box.appendChild(el("div", "in the news " + (n.first === n.last ? n.first : n.first + " – " + n.last),
                         "vnkg-kindline"));
    }
    list(box, "Names", n.names);
    list(box, "Posts", n.posts);
    list(box, "Statements" + more(n.statements.length, n.statementCount), n.statements);
    if (n.articles.length) {
      box.appendChild(el("div", "Articles" + more(n.articles.length, n.articleCount), "vnkg-h"));
      var ul = el("ul");
      n.articles.forEach(function (a) {   // [article IRI, file name, URL]
        var li = el("li");
        var text = a[1] || a[0];
        if (/^https?:\/\//i.test(a[2])) {  // no javascript: or data: links
          var link = el("a", text);
          link.href = a[2];
          link.target = "_blank";
          link.rel = "noopener noreferrer";
          li.appendChild(link);
        } else {
          li.textContent = text;
        }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    box.appendChild(el("div", n.id, "vnkg-iri"));
    return box;
  }

  // Labels drawn: at the overview the best connected nodes (n.top); every node of a
  // neighbourhood; zoomed in, what is in view. Their size follows the zoom, so that they
  // read the same at every scale. The full label stays in byId.
  var byId = {}, adjacent = {}, edgesOf = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; adjacent[n.id] = []; edgesOf[n.id] = []; });
  data.edges.forEach(function (e) {
    adjacent[e.from].push(e.to); adjacent[e.to].push(e.from);
    edgesOf[e.from].push(e); edgesOf[e.to].push(e);
  });
  var topIds = new Set(data.nodes.filter(function (n) { return n.top; }).map(function (n) { return n.id; }));
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, {label: n.top ? n.label : ""});
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return Object.assign({}, e, {label: data.edgeLabels ? e.label : "",
                                 title: byId[e.from].label + " — " + e.label + " → " + byId[e.to].label},
                         e.across ? {color: {opacity: 0.25}} : {});
  }));
  function inDates(n) {
    if (!from.value && !to.value) { return true; }
    if (!n.first) { return false; }
    return (!from.value || n.last >= from.value) && (!to.value || n.first <= to.value);
  }
  function visible(n) { return shown[n.kind] && inDates(n); }
  var view = new vis.DataView(nodes, {filter: visible});
  // only the edges between visible nodes reach the network: each change of the data makes
  // it look at every edge it holds (60,000 at 10,000 articles, most of them to hidden events)
  var edgeView = new vis.DataView(edges, {filter: function (e) {
    return visible(byId[e.from]) && visible(byId[e.to]);
  }});
  function refresh() { view.refresh(); edgeView.refresh(); }
  var container = document.getElementById("vnkg-graph");
  var network = new vis.Network(container, {nodes: view, edges: edgeView}, data.options);
  var panel = document.getElementById("vnkg-details");
  var status = document.getElementById("vnkg-status");
  var back = document.getElementById("vnkg-back");

  // Changes to nodes are gathered and made in one update: vis-network goes over every
  // node and edge it holds at each update, whatever its size.
  var batch = new Map();
  function change(id, props) { batch.set(id, Object.assign(batch.get(id) || {id: id}, props)); }
  function flush() {
    if (batch.size) { nodes.update(Array.from(batch.values())); batch = new Map(); }
  }

  function fontSize() { return Math.round(Math.min(150, Math.max(14, 14 / network.getScale()))); }
  var labelled = new Map(data.nodes.filter(function (n) { return n.top; })
    .map(function (n) { return [n.id, 0]; }));      // id → font size it is drawn at
  function label(ids) {
    var size = fontSize();
    labelled.forEach(function (drawn, id) {
      if (!ids.has(id)) { change(id, {label: ""}); labelled.delete(id); }
    });
    ids.forEach(function (id) {
      if (labelled.get(id) !== size) {
        change(id, {label: byId[id].label, font: {size: size}});
        labelled.set(id, size);
      }
    });
  }
  var LABEL_SCALE = 0.8, LABELS_IN_VIEW = 150, LABELS_AROUND = 30;
  var around = null;    // the neighbourhood shown (a Set of ids), or null: the whole graph
  function best(ids, k) {
    return ids.sort(function (x, y) { return byId[y].degree - byId[x].degree; }).slice(0, k);
  }
  // The best connected nodes are labelled (zoomed in, those in view too), each where it
  // overlaps no label drawn already (14 px type: a line 20 px high, 7.5 px a letter).
  function labelWhatIsInView() {
    var scale = network.getScale(), wanted;
    if (around) {
      wanted = [around.centre].concat(best(Array.from(around), LABELS_AROUND));
    } else {
      wanted = best(Array.from(topIds).filter(function (id) { return visible(byId[id]); }), topIds.size);
    }
    var positions = network.getPositions(around ? Array.from(around) : view.getIds());
    if (scale >= LABEL_SCALE) {
      var a = network.DOMtoCanvas({x: 0, y: 0});
      var b = network.DOMtoCanvas({x: container.clientWidth, y: container.clientHeight});
      wanted = wanted.concat(best(Object.keys(positions).filter(function (id) {
        var p = positions[id];
        return p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y;
      }), 4 * LABELS_IN_VIEW));
    }
    var ids = new Set(), taken = [];
    wanted.forEach(function (id) {
      var p = positions[id];
      if (!p || ids.has(id) || ids.size >= topIds.size + LABELS_IN_VIEW) { return; }
      var x = p.x * scale, y = p.y * scale, w = 7.5 * byId[id].label.length;   // on screen
      if (id === (around && around.centre) || taken.every(function (q) {
        return Math.abs(q[0] - x) > (q[2] + w) / 2 || Math.abs(q[1] - y) > 20; })) {
        ids.add(id);
        taken.push([x, y, w]);
      }
    });
    label(ids);
    flush();
  }
  var pending = null;
  function soon() { clearTimeout(pending); pending = setTimeout(labelWhatIsInView, 150); }
  network.on("zoom", soon);
  network.on("dragEnd", soon);

  function showDetails(id) {
    panel.textContent = "";
    if (id !== null && byId[id]) { panel.appendChild(details(byId[id])); }
  }
  var edgeLabelled = new Set();
  function labelEdges(list) {
    var size = Math.round(fontSize() * 0.8), ids = new Set(), changes = [];
    list.forEach(function (e) { ids.add(e.id); changes.push({id: e.id, label: e.label, font: {size: size}}); });
    edgeLabelled.forEach(function (id) { if (!ids.has(id)) { changes.push({id: id, label: ""}); } });
    edgeLabelled = ids;
    if (changes.length) { edges.update(changes); }
  }

  // A neighbourhood is drawn on its own, around its centre in rings (by kind, then name)
  // so that every label can be read; the other nodes are hidden meanwhile, and every node
  // goes back to its place with the whole graph.
  var moved = new Set(), hidden = new Set();
  function rings(id, ids) {
    var centre = byId[id], order = data.kinds;
    var others = ids.filter(function (x) { return x !== id; }).sort(function (x, y) {
      return order.indexOf(byId[x].kind) - order.indexOf(byId[y].kind) ||
             (byId[x].label < byId[y].label ? -1 : byId[x].label > byId[y].label ? 1 : 0);
    });
    change(id, {x: centre.x, y: centre.y});
    var radius = 240, placed = 0;
    while (placed < others.length) {
      var room = Math.max(6, Math.floor(2 * Math.PI * radius / 130));
      var ring = others.slice(placed, placed + room);
      ring.forEach(function (x, i) {
        var angle = 2 * Math.PI * i / ring.length - Math.PI / 2;
        change(x, {x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle)});
        moved.add(x);
      });
      placed += ring.length;
      radius += 180;
    }
  }
  function putBack(keep) {
    moved.forEach(function (x) { change(x, {x: byId[x].x, y: byId[x].y}); });
    moved = new Set();
    hidden.forEach(function (x) { if (!keep.has(x)) { change(x, {hidden: false}); } });
    hidden = new Set();
  }
  function neighbourhood(id) {
    var want = new Set([id].concat(adjacent[id].filter(function (x) { return visible(byId[x]); })));
    putBack(new Set(view.getIds().filter(function (x) { return !want.has(x); })));
    view.getIds().forEach(function (x) { if (!want.has(x)) { change(x, {hidden: true}); hidden.add(x); } });
    var ids = Array.from(want);
    around = want;
    around.centre = id;
    rings(id, ids);
    flush();
    network.selectNodes([id]);
    network.fit({nodes: ids, animation: false});
    labelWhatIsInView();
    // the roles on the edges, when there are few enough to read
    labelEdges(ids.length > LABELS_AROUND ? [] : [].concat.apply([], ids.map(function (x) { return edgesOf[x]; }))
      .filter(function (e) { return want.has(e.from) && want.has(e.to); }));
    showDetails(id);
    back.hidden = false;
    status.textContent = "neighbourhood of " + byId[id].label + ": " + ids.length + " nodes";
  }
  function overview() {
    if (!around) { return; }
    around = null;
    putBack(new Set());
    labelEdges(data.edgeLabels ? data.edges : []);
    network.fit({animation: false});
    labelWhatIsInView();
    back.hidden = true;
    status.textContent = "";
  }
  back.addEventListener("click", overview);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { overview(); } });

  function select(id, zoom) {
    var n = byId[id];
    if (around && !around.has(id)) { overview(); }
    if (!shown[n.kind]) {   // a hidden kind is shown again rather than failing the search
      shown[n.kind] = true;
      boxes.forEach(function (b) {
        if (b.getAttribute("data-kind") === n.kind) { b.checked = true; }
      });
      refresh();
    }
    if (!inDates(n)) { from.value = ""; to.value = ""; refresh(); }
    network.selectNodes([id]);
    if (zoom) { network.focus(id, {scale: 1.0, animation: false}); labelWhatIsInView(); }
    showDetails(id);
  }

  // Search keys are normalised like vnkg.view.normalize_name: NFC, lower case, no spaces.
  function norm(s) { return s.normalize("NFC").toLowerCase().replace(/\s+/g, ""); }
  var keys = data.nodes.map(function (n) { return [n.id, n.names.concat([n.label]).map(norm)]; });
  function search(query) {
    var q = norm(query);
    if (!q) { return null; }
    var exact = keys.filter(function (k) { return k[1].indexOf(q) >= 0; });
    if (exact.length) { return exact[0][0]; }
    var part = keys.filter(function (k) {
      return k[1].some(function (x) { return x.indexOf(q) >= 0; });
    });
    return part.length ? part[0][0] : null;
  }
  function runSearch() {
    var query = document.getElementById("vnkg-search").value;
    var id = search(query);
    if (id === null) {
      status.textContent = "no match";
      network.unselectAll();
      showDetails(null);
    } else {
      status.textContent = "found: " + byId[id].label;
      select(id, true);
    }
  }
  document.getElementById("vnkg-search").addEventListener("keydown", function (e) {
    if (e.key === "Enter") { runSearch(); }
  });
  document.getElementById("vnkg-go").addEventListener("click", runSearch);

  boxes.forEach(function (b) {
    b.addEventListener("change", function () {
      shown[b.getAttribute("data-kind")] = b.checked;
      overview();
      refresh();
    });
  });
  [from, to].forEach(function (input) {
    input.addEventListener("change", function () { overview(); refresh(); });
  });
  network.on("click", function (e) { if (e.nodes.length) { neighbourhood(e.nodes[0]); } });
  network.on("deselectNode", function () { if (!around) { showDetails(null); } });
  network.on("hoverNode", function (e) {
    if (!network.getSelectedNodes().length) { showDetails(e.node); }
  });

  // Each community's circle, named after its best connected organization, under the nodes.
  var clusters = document.getElementById("vnkg-clusters");
  data.clusters.slice(0, 12).forEach(function (c) {
    var item = el("li", c.label + " (" + c.size + ")", "vnkg-cluster");
    item.addEventListener("click", function () {
      overview();
      network.fit({nodes: c.members.filter(function (id) { return view.get(id); }), animation: false});
      labelWhatIsInView();
    });
    clusters.appendChild(item);
  });
  network.on("beforeDrawing", function (ctx) {
    if (around) { return; }
    var scale = network.getScale();
    ctx.save();
    ctx.lineWidth = 1.5 / scale;
    ctx.strokeStyle = "#dddddd";
    ctx.fillStyle = "#888888";
    ctx.textAlign = "center";
    ctx.font = Math.round(13 / scale) + "px " + data.options.nodes.font.face;
    data.clusters.forEach(function (c) {
      ctx.beginPath();
      ctx.arc(c.x, c.y, c.r, 0, 2 * Math.PI);
      ctx.stroke();
      if (c.r * scale > 25) { ctx.fillText(c.label, c.x, c.y - c.r - 6 / scale); }
    });
    ctx.restore();
  });

  network.once("afterDrawing", function () {
    window.vnkgTimings = {ready: performance.now()};
    window.vnkgReady = true;
  });
  network.fit({animation: false});
  labelWhatIsInView();      // before the first drawing: labels sized for the scale that fits
  if (data.edgeLabels) { labelEdges(data.edges); }
  if (data.focus !== null) { select(data.focus, false); }   // whole neighbourhood in view
  window.vnkg = {network: network, nodes: nodes, edges: edges, view: view, search: search,
                 neighbourhood: neighbourhood, overview: overview};
}());
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@@TITLE@@</title>
<style>
@@VIS_CSS@@
</style>
<style>
html, body { margin: 0; height: 100%; font-family: @@FONT@@; color: #222; }
body { display: flex; flex-direction: column; }
header { display: flex; align-items: center; gap: 1em; padding: 6px 12px;
  border-bottom: 1px solid #ddd; flex-wrap: wrap; }
header h1 { font-size: 18px; margin: 0; font-weight: 600; }
#vnkg-counts, #vnkg-status { color: #666; font-size: 13px; }
#vnkg-search { font: inherit; font-size: 14px; width: 22em; padding: 3px 6px; }
main { flex: 1; display: flex; min-height: 0; }
aside { width: 290px; overflow: auto; padding: 8px 12px; border-right: 1px solid #ddd;
  font-size: 13px; }
#vnkg-graph { flex: 1; min-width: 0; }
#vnkg-dates input { font: inherit; font-size: 12px; width: 10em; }
.vnkg-kind { display: block; margin: 2px 0; cursor: pointer; }
.vnkg-swatch { font-size: 16px; margin: 0 6px 0 4px; }
.vnkg-count { color: #888; }
.vnkg-h { font-weight: 600; margin-top: 6px; }
.vnkg-label { font-weight: 600; font-size: 14px; }
.vnkg-kindline, .vnkg-iri { color: #666; font-size: 12px; word-break: break-all; }
.vnkg-tip ul, #vnkg-clusters { margin: 2px 0; padding-left: 18px; }
.vnkg-cluster { cursor: pointer; color: #1f4e9a; }
div.vis-tooltip { font-family: @@FONT@@; white-space: normal; max-width: 420px;
  font-size: 13px; }
</style>
</head>
<body>
<header>
<h1>@@TITLE@@</h1>
<span id="vnkg-counts">@@COUNTS@@</span>
<input id="vnkg-search" type="search" placeholder="Find a name (Thai or Latin)" autocomplete="off">
<button id="vnkg-go" type="button">Find</button>
<button id="vnkg-back" type="button" hidden>Whole graph</button>
<span id="vnkg-status" role="status"></span>
</header>
<main>
<aside>
<div class="vnkg-h">Types</div>
@@LEGEND@@
<div id="vnkg-dates">
<div class="vnkg-h">In the news between</div>
<input id="vnkg-from" type="date" aria-label="from"> and <input id="vnkg-to" type="date" aria-label="to">
</div>
<div class="vnkg-h">Selected</div>
<div id="vnkg-details">Click a node for its neighbourhood, or search for a name.</div>
<div class="vnkg-h">Largest communities</div>
<ul id="vnkg-clusters"></ul>
</aside>
<div id="vnkg-graph"></div>
</main>
<script type="application/json" id="vnkg-data">@@DATA@@</script>
<script>
@@VIS_JS@@
</script>
<script>
@@APP_JS@@
</script>
</body>
</html>
"""
