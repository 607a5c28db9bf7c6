"""The interactive HTML view of the graph: one self-contained, offline page.

pyvis builds the node and edge dicts (its ``Node``/``Edge`` classes, appended directly:
``Network.add_edge`` and ``from_nx`` scan lists and go quadratic). The page is our own
template, not pyvis's: pyvis's template links Bootstrap and vis-network from CDNs in every mode
and inserts the heading and some node fields unescaped. Here vis-network's JS and CSS
come from the pyvis wheel and are inlined, the data is JSON in a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028/2029
escaped, and tooltips are DOM nodes built with ``textContent``, so a label such as
``</script><script>…`` stays text. The layout is computed here (networkx's
spring_layout, or a sampled variant for components of 500+ nodes; fixed seed, rounded
to pixels) and physics is off: the page draws once and stops, and the same graph gives
the same bytes.
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
from typing import Any

import networkx as nx
import rdflib
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from vnkg.graphdata import KINDS, to_networkx

__all__ = ["ViewSummary", "write_view", "select_nodes", "normalize_name"]

VIS_DIR = "vis-9.1.2"
SEED = 7                 # layout seed: same graph, same picture
EXACT_LAYOUT_MAX = 500   # from here networkx's layout is all-pairs (and needs scipy)
SPACING = 120.0          # px per sqrt(node) of a component's radius: room for labels
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
_SCRIPT_ESCAPES = str.maketrans({
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
    "\u2028": "\\u2028", "\u2029": "\\u2029",
})


@dataclass(frozen=True)
class ViewSummary:
    """What ``write_view`` wrote."""

    path: Path
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


def _sampled_spring(H: nx.Graph, iterations: int = 150,
                    samples: int = 32) -> dict[str, Any]:
    """Fruchterman–Reingold with repulsion estimated from ``samples`` random nodes per
    node and step: O(n·samples) a step instead of networkx's all-pairs cost (its
    layout of an 8,000-node component took ~3 min, this ~3 s). Seeded: deterministic.
    Result scaled to [-1, 1] like ``nx.spring_layout``."""
    import numpy as np

    nodes = list(H)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in H.edges()], dtype=np.int64)
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


def _layout(H: nx.Graph) -> dict[str, tuple[int, int]]:
    """Spring layout per connected component, components packed in rows (largest
    first): spring_layout on a disconnected graph flings small pieces to the rim."""
    comps = sorted((sorted(c) for c in nx.connected_components(H)),
                   key=lambda c: (-len(c), c[0]))
    radii = [SPACING * math.sqrt(len(c)) for c in comps]
    # rows about as wide as a square holding every component, and never narrower
    # than the largest one
    row_width = max(2 * radii[0], 1.2 * math.sqrt(sum((2 * r) ** 2 for r in radii))) \
        if radii else 1.0
    pos: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for comp, r in zip(comps, radii):
        if x > 0 and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            sub = nx.Graph()
            sub.add_nodes_from(comp)
            sub.add_edges_from(sorted(tuple(sorted(e)) for e in H.subgraph(comp).edges()))
            layout = (nx.spring_layout(sub, seed=SEED) if len(comp) < EXACT_LAYOUT_MAX
                      else _sampled_spring(sub))
            local = {n: (float(p[0]), float(p[1])) for n, p in layout.items()}
        for n, (px, py) in local.items():
            pos[n] = (round(x + r + px * r), round(y + r + py * r))
        x += 2 * r
        row_height = max(row_height, 2 * r)
    return pos


def _network(G: nx.MultiDiGraph, keep: list[str], centre: str | None) -> Network:
    """pyvis network of the kept nodes, with positions, sizes and merged edge labels."""
    view = G.subgraph(keep)
    undirected = nx.Graph()
    undirected.add_nodes_from(keep)
    undirected.add_edges_from(sorted((u, v) for u, v in view.edges() if u != v))
    pos = _layout(undirected)
    degree = dict(nx.Graph(G.to_undirected(as_view=True)).degree())  # whole-graph importance

    net = Network(directed=True)
    for n in keep:
        d = G.nodes[n]
        node = Node(n, KIND_STYLE[d["kind"]][1], label=d["label"], group=d["kind"],
                    kind=d["kind"], names=d["names"], types=d["types"], posts=d["posts"],
                    statements=d["statements"], articles=[list(a) for a in d["articles"]],
                    size=round(10 + 4 * math.sqrt(degree.get(n, 0)), 1),
                    x=pos[n][0], y=pos[n][1], borderWidth=4 if n == centre else 1)
        net.nodes.append(node.options)
        net.node_ids.append(n)
        net.node_map[n] = node.options

    merged: dict[tuple[str, str], set[str]] = {}
    for u, v, label in view.edges(data="label"):
        merged.setdefault((u, v), set()).add(label)
    for i, ((u, v), labels) in enumerate(sorted(merged.items())):
        text = " / ".join(sorted(labels))
        title = f"{G.nodes[u]['label']} — {text} → {G.nodes[v]['label']}"
        # arrows come from the global options, not repeated on every edge
        net.edges.append(Edge(u, v, directed=False, id=f"e{i}", label=text,
                              title=title).options)
    return net


def _options(n_edges: int) -> dict:
    """vis-network options: no physics (positions are given), groups = kind styles."""
    groups = {kind: {"shape": shape, "color": {"background": colour, "border": "#333333",
                                               "highlight": {"background": colour,
                                                             "border": "#000000"},
                                               "hover": {"background": colour,
                                                         "border": "#000000"}}}
              for kind, (colour, shape, _) in KIND_STYLE.items()}
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": SEED},
        "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": False,
                        "hideEdgesOnDrag": n_edges > 2000},
        "nodes": {"font": {"face": FONT_STACK, "size": 14, "color": "#222222"}},
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
    return text.translate(_SCRIPT_ESCAPES)


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


def _legend(G: nx.MultiDiGraph, keep: list[str]) -> str:
    counts = {k: 0 for k in KINDS}
    for n in keep:
        counts[G.nodes[n]["kind"]] += 1
    rows = []
    for kind in KINDS:
        colour, _, symbol = KIND_STYLE[kind]
        rows.append(
            f'<label class="vnkg-kind"><input type="checkbox" data-kind="{kind}" checked>'
            f'<span class="vnkg-swatch" style="color:{colour}">{symbol}</span>'
            f"{kind} <span class=\"vnkg-count\">({counts[kind]})</span></label>")
    return "\n".join(rows)


def _render(G: nx.MultiDiGraph, keep: list[str], centre: str | None,
            heading: str) -> tuple[str, int, int]:
    """The page, its node count and its drawn-edge count."""
    net = _network(G, keep, centre)
    nodes, edges, *_ = net.get_network_data()
    data = {"focus": centre, "nodes": nodes, "edges": edges, "options": _options(len(edges))}
    js, css = _vis_assets()
    fields = {
        "TITLE": html.escape(heading),
        "COUNTS": f"{len(nodes)} nodes, {len(edges)} edges",
        "FONT": FONT_STACK,
        "VIS_CSS": css,
        "LEGEND": _legend(G, keep),
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


def write_view(g: rdflib.Graph, out: Path, focus: str | None = None, depth: int = 1,
               types: set[str] | None = None) -> ViewSummary:
    """Write the HTML view of ``g`` (a Graph or a Dataset: its union is shown) to ``out``.

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
    out = Path(out)
    _write_atomic(out, page.encode("utf-8"))
    return ViewSummary(path=out, nodes=nodes, edges=edges, focus=centre)


_APP_JS = r"""
(function () {
  "use strict";
  // Data is read as JSON, never evaluated; every string reaches the DOM through
  // textContent (or vis-network's canvas), so names cannot inject markup.
  var data = JSON.parse(document.getElementById("vnkg-data").textContent);
  var shown = {};
  var boxes = document.querySelectorAll("input[data-kind]");
  boxes.forEach(function (b) { shown[b.getAttribute("data-kind")] = b.checked; });

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
  function details(n) {
    var box = el("div", undefined, "vnkg-tip");
    box.appendChild(el("div", n.label, "vnkg-label"));
    var sub = n.types.filter(function (t) { return t !== n.kind; });
    box.appendChild(el("div", n.kind + (sub.length ? " · " + sub.join(", ") : ""),
                       "vnkg-kindline"));
    list(box, "Names", n.names);
    list(box, "Posts", n.posts);
    list(box, "Statements", n.statements);
    if (n.articles.length) {
      box.appendChild(el("div", "Articles", "vnkg-h"));
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

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, {title: details(n)});
  }));
  var edges = new vis.DataSet(data.edges);
  var view = new vis.DataView(nodes, {filter: function (n) { return shown[n.kind]; }});
  var container = document.getElementById("vnkg-graph");
  var network = new vis.Network(container, {nodes: view, edges: edges}, data.options);
  var panel = document.getElementById("vnkg-details");
  var status = document.getElementById("vnkg-status");

  function showDetails(id) {
    panel.textContent = "";
    if (id !== null && byId[id]) { panel.appendChild(details(byId[id])); }
  }
  function select(id, zoom) {
    var kind = byId[id].kind;
    if (!shown[kind]) {   // a hidden kind is shown again rather than failing the search
      shown[kind] = true;
      boxes.forEach(function (b) {
        if (b.getAttribute("data-kind") === kind) { b.checked = true; }
      });
      view.refresh();
    }
    network.selectNodes([id]);
    if (zoom) { network.focus(id, {scale: 1.2, animation: false}); }
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
      view.refresh();
    });
  });
  network.on("selectNode", function (e) { showDetails(e.nodes[0]); });
  network.on("deselectNode", function () { showDetails(null); });
  network.once("afterDrawing", function () { window.vnkgReady = true; });
  network.fit({animation: false});
  if (data.focus !== null) { select(data.focus, false); }   // whole neighbourhood in view
  window.vnkg = {network: network, nodes: nodes, edges: edges, view: view, search: search};
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
.vnkg-kind { display: block; margin: 2px 0; cursor: pointer; }
.vnkg-swatch { font-size: 16px; margin: 0 6px 0 4px; }
.vnkg-count { color: #888; }
.vnkg-h { font-weight: 600; margin-top: 6px; }
.vnkg-label { font-weight: 600; font-size: 14px; }
.vnkg-kindline, .vnkg-iri { color: #666; font-size: 12px; word-break: break-all; }
.vnkg-tip ul { margin: 2px 0; padding-left: 18px; }
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
<span id="vnkg-status" role="status"></span>
</header>
<main>
<aside>
<div class="vnkg-h">Types</div>
@@LEGEND@@
<div class="vnkg-h">Selected</div>
<div id="vnkg-details">Click a node or search for a name.</div>
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
