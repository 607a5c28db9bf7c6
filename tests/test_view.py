"""The HTML view: complete, offline, escaped, deterministic, and its filters."""
from __future__ import annotations

import json
import math
import re

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS

import view_fixtures as fx
from vnkg.graphdata import to_networkx
from vnkg.vocab import ORG
from vnkg.view import ATTACH, NAMED_CLUSTERS, SMALL_GRAPH, TOP_LABELS, ViewSummary, write_view

DATA_RE = re.compile(r'<script type="application/json" id="vnkg-data">(.*?)</script>', re.S)


def page_data(html: str) -> dict:
    """The JSON the page feeds to vis-network (exactly one data block)."""
    blocks = DATA_RE.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def scripts(html: str) -> tuple[str, str, str]:
    """The page's three <script> elements: data, inlined vis-network, the page's code."""
    blocks = re.findall(r"<script\b[^>]*>.*?</script>", html, re.S)
    assert len(blocks) == 3
    data, lib, app = blocks
    assert 'id="vnkg-data"' in data and "* vis-network" in lib and "vnkgReady" in app
    return data, lib, app


def node_ids(html: str) -> set[str]:
    return {n["id"] for n in page_data(html)["nodes"]}


@pytest.fixture(scope="module")
def ds():
    return fx.dataset()


@pytest.fixture(scope="module")
def full(ds, tmp_path_factory) -> tuple[ViewSummary, str]:
    out = tmp_path_factory.mktemp("view") / "graph.html"
    summary = write_view(ds, out)
    return summary, out.read_text(encoding="utf-8")


def test_summary_and_every_node_label(full):
    summary, html = full
    data = page_data(html)
    assert summary.nodes == len(fx.ALL_NODES) == len(data["nodes"])
    assert summary.edges == len(data["edges"]) == 17
    assert {n["id"] for n in data["nodes"]} == fx.ALL_NODES
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels[fx.HUNG] == "Nguyen Manh Hung"
    assert labels[fx.EVIL] == fx.SCRIPT_LABEL  # escaped in the file, intact as data
    assert labels[fx.EVENT] == "การประชุมทบทวนงานต่างประเทศ"
    # plain labels are readable in the file too (UTF-8, not \\u escapes)
    for label in ("Nguyen Manh Hung", "เหงียน มานห์ หุ่ง", "กระทรวงการต่างประเทศ"):
        assert label in html


def test_no_remote_references(full):
    _, html = full
    assert "cdn" not in html.lower()
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert not re.search(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""",
                         html, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", html, re.I)
    assert "@import" not in html
    assert "vis-network" in html and "new vis.Network" in html  # the library is inlined
    # outside the data (entity IRIs, article links) and vis-network (licence header,
    # SVG namespace), the page names no URL at all
    data, lib, app = scripts(html)
    own = html.replace(data, "").replace(lib, "")
    assert not re.search(r"https?://", own)


def test_hostile_labels_are_escaped(full):
    _, html = full
    for raw in (fx.SCRIPT_LABEL, fx.IMG_LABEL, fx.HREF_LABEL, "<script>alert", "<img"):
        assert raw not in html
    scripts(html)   # still exactly data, library and app: nothing broke out
    assert html.count("</script>") == 3
    names = {n["id"]: n["names"] for n in page_data(html)["nodes"]}
    assert fx.IMG_LABEL in names[fx.EVIL] and fx.HREF_LABEL in names[fx.DX]
    # data reaches the DOM only as text; tooltips are elements, not HTML strings
    app = scripts(html)[2]
    assert "innerHTML" not in app and "textContent" in app and "eval(" not in app


def test_focus_heading_is_escaped(ds, tmp_path):
    out = tmp_path / "evil.html"
    summary = write_view(ds, out, focus=fx.SCRIPT_LABEL)
    html = out.read_text(encoding="utf-8")
    assert summary.focus == fx.EVIL
    assert "<h1>vnkg knowledge graph — &lt;script&gt;alert(1)&lt;/script&gt; (depth 1)</h1>" in html
    assert fx.SCRIPT_LABEL not in html


def test_byte_identical(ds, full, tmp_path):
    _, html = full
    again = tmp_path / "again.html"
    write_view(fx.dataset(), again)
    assert again.read_bytes() == html.encode("utf-8")
    # a plain Graph holding the union gives the same page as the Dataset
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    plain = tmp_path / "plain.html"
    write_view(union, plain)
    assert plain.read_bytes() == again.read_bytes()


def test_empty_graph(tmp_path):
    out = tmp_path / "empty.html"
    summary = write_view(Graph(), out)
    assert (summary.nodes, summary.edges) == (0, 0)
    assert page_data(out.read_text(encoding="utf-8"))["nodes"] == []


def test_write_is_atomic_and_leaves_no_temp(ds, tmp_path):
    out = tmp_path / "sub" / "graph.html"
    write_view(ds, out)
    write_view(ds, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.html"]


@pytest.mark.parametrize(("focus", "depth", "expected"), [
    ("เหงียนมานห์หุ่ง", 1, {fx.HUNG, fx.MIC, fx.POLITBURO}),             # Thai, no spaces
    ("nguyen manh hung", 0, {fx.HUNG}),                                      # Latin, any case
    (fx.HUNG, 2, {fx.HUNG, fx.MIC, fx.POLITBURO, fx.EVIL, fx.GOV, fx.AIS, fx.DX,
                  fx.CHINH, fx.DOC57}),
    ("id:place/hanoi", 1, {fx.HANOI, fx.EVENT}),
    ("57-NQ/TW", 1, {fx.DOC57, fx.POLITBURO, fx.DX}),                       # document code
    ("Bangkok", 3, {fx.BANGKOK}),                                            # isolated
])
def test_focus_depth(ds, tmp_path, focus, depth, expected):
    out = tmp_path / "focus.html"
    summary = write_view(ds, out, focus=focus, depth=depth)
    assert node_ids(out.read_text(encoding="utf-8")) == expected
    assert summary.nodes == len(expected)


def test_type_filters(ds, tmp_path):
    out = tmp_path / "types.html"
    write_view(ds, out, types={"Person", "organization"})
    html = out.read_text(encoding="utf-8")
    assert node_ids(html) == fx.PERSONS | fx.ORGS
    edges = page_data(html)["edges"]
    assert all(e["from"] in fx.PERSONS | fx.ORGS and e["to"] in fx.PERSONS | fx.ORGS
               for e in edges)
    # focus with a type filter keeps the focus node and the kinds asked for
    write_view(ds, out, focus="Politburo", depth=1, types={"Person"})
    assert node_ids(out.read_text(encoding="utf-8")) == {fx.POLITBURO, fx.HUNG, fx.CHINH}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"focus": "Nobody"}, "no node"),
    ({"focus": fx.HUNG, "depth": -1}, "depth"),
    ({"types": {"Article"}}, "unknown types"),
])
def test_bad_arguments(ds, tmp_path, kwargs, message):
    out = tmp_path / "bad.html"
    with pytest.raises(ValueError, match=message):
        write_view(ds, out, **kwargs)
    assert not out.exists()


def test_ambiguous_focus_names_the_candidates(ds, tmp_path):
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    g.add((URIRef(fx.SON), SKOS.altLabel, Literal("Politburo")))
    with pytest.raises(ValueError, match="ambiguous.*bui-thanh-son"):
        write_view(g, tmp_path / "x.html", focus="politburo")


def test_tooltips_carry_names_posts_and_articles(full):
    _, html = full
    nodes = {n["id"]: n for n in page_data(html)["nodes"]}
    hung = nodes[fx.HUNG]
    assert hung["names"] == sorted(["Nguyen Manh Hung", "Nguyễn Mạnh Hùng", "เหงียน มันห์ หุ่ง",
                                    "เหงียน มานห์ หุ่ง", "เหงียนมานห์หุ่ง"])
    assert hung["posts"] == ["Member — Politburo",
                             "Minister — Ministry of Information and Communications"]
    assert hung["statements"] == ["เราจะเร่งการเปลี่ยนผ่านสู่ดิจิทัล"]
    assert hung["articles"] == [[fx.ARTICLE_A, "000_aaaaaaaaaaaaaaaa.txt", fx.URL_A]]
    assert nodes[fx.CHINH]["articles"] == [
        [fx.ARTICLE_A, "000_aaaaaaaaaaaaaaaa.txt", fx.URL_A],
        [fx.ARTICLE_B, "001_bbbbbbbbbbbbbbbb.txt", fx.URL_B]]
    assert nodes[fx.DOC505]["names"] == ["505/QD-TTg", "505/QĐ-TTg"]
    assert nodes[fx.MIC]["names"][0] == "MIC"
    # the page builds the tooltip from exactly these fields
    app = scripts(html)[2]
    for field in ("n.names", "n.posts", "n.statements", "n.articles", "link.href"):
        assert field in app


def test_kind_styles_and_legend(full):
    _, html = full
    data = page_data(html)
    assert data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    for kind in ("Person", "Organization", "LegalDocument", "Initiative", "Place", "Event"):
        assert f'data-kind="{kind}"' in html
        assert kind in data["options"]["groups"]
    assert {n["group"] for n in data["nodes"]} == {
        "Person", "Organization", "LegalDocument", "Initiative", "Place", "Event"}
    assert "Noto Sans Thai" in data["options"]["nodes"]["font"]["face"]
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert sizes[fx.GOV] > sizes[fx.EVIL] > sizes[fx.BANGKOK]   # size grows with degree
    labels = {(e["from"], e["to"]): e["label"] for e in data["edges"]}
    assert labels[(fx.CHINH, fx.GOV)] == "Prime Minister"
    assert labels[(fx.MIC, fx.DX)] == "partner in"      # partner + partnerIn: one edge


def test_graphdata_collapses_posts(ds):
    G = to_networkx(ds)
    kinds = {n: d["kind"] for n, d in G.nodes(data=True)}
    assert set(kinds) == fx.ALL_NODES    # no posts, articles, statements or evidence
    assert G.graph == {"articles": 2, "posts": 6, "statements": 1, "events": 1}
    rels = sorted((u, v, d["rel"], d["label"]) for u, v, d in G.edges(data=True)
                  if u == fx.HUNG)
    assert rels == [(fx.HUNG, fx.MIC, "post", "Minister"),
                    (fx.HUNG, fx.POLITBURO, "post", "Member")]


def test_large_component_layout(tmp_path):
    """A component of 500+ nodes takes networkx's sparse layout path; it still gives
    integer positions and a deterministic page."""
    org = ORG
    g = Graph()
    for i in range(600):
        o = URIRef(f"{fx.ID}org/o{i}")
        g.add((o, RDF.type, org.Organization))
        g.add((o, RDFS.label, Literal(f"Unit {i}")))
        if i:
            g.add((o, org.subOrganizationOf, URIRef(f"{fx.ID}org/o{(i * 7) % i}")))
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert write_view(g, a).nodes == 600
    write_view(g, b)
    assert a.read_bytes() == b.read_bytes()
    nodes = page_data(a.read_text(encoding="utf-8"))["nodes"]
    assert len({(n["x"], n["y"]) for n in nodes}) > 590     # spread out, not stacked


# --------------------------------------------------------------------------- a year of news

@pytest.fixture(scope="module")
def large(tmp_path_factory) -> tuple[dict, str]:
    out = tmp_path_factory.mktemp("large") / "graph.html"
    write_view(fx.large_graph(), out)
    html = out.read_text(encoding="utf-8")
    return page_data(html), html


def test_a_large_graph_opens_on_persons_and_organizations(large):
    data, html = large
    assert len(data["nodes"]) > SMALL_GRAPH
    for kind in ("Person", "Organization"):
        assert f'data-kind="{kind}" checked' in html
    for kind in ("LegalDocument", "Initiative", "Place", "Event"):
        assert f'data-kind="{kind}">' in html          # there, a tick away
    # top labels only: the best connected nodes, and no lone node among them
    top = [n for n in data["nodes"] if n["top"]]
    assert 0 < len(top) <= TOP_LABELS + NAMED_CLUSTERS
    assert not any(n["id"].split("/")[-1].startswith("lone-") for n in top)
    degree = {n["id"]: n["degree"] for n in data["nodes"]}
    assert min(n["degree"] for n in top) >= sorted(degree.values())[-TOP_LABELS]
    assert {n["id"] for n in top} >= {f"{fx.ID}org/ministry-{m}" for m in range(fx.LARGE_MINISTRIES)}


def test_communities_are_laid_out_apart(large):
    data, _ = large
    clusters = data["clusters"]
    assert len(clusters) >= fx.LARGE_MINISTRIES // 2
    assert [c["size"] for c in clusters] == sorted((c["size"] for c in clusters), reverse=True)
    for i, a in enumerate(clusters):          # circles that do not overlap
        for b in clusters[i + 1:]:
            assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= a["r"] + b["r"]
    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    nodes = {n["id"]: n for n in data["nodes"]}
    for c in clusters:                         # each member inside its community's circle
        assert all(math.dist(pos[m], (c["x"], c["y"])) <= c["r"] + 1 for m in c["members"])
        # named after its best connected organization
        orgs = [nodes[m] for m in c["members"] if nodes[m]["kind"] == "Organization"]
        assert c["label"] == max(orgs, key=lambda n: (n["degree"], n["id"]))["label"]
    assert len(set(pos.values())) == len(pos)


def test_other_kinds_are_placed_beside_what_they_are_linked_to(large):
    data, _ = large
    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    for p in range(0, fx.LARGE_PERSONS, 37):
        event, chair = f"{fx.ID}event/{p:016x}-0", f"{fx.ID}person/official-{p}"
        assert math.dist(pos[event], pos[chair]) <= 4 * ATTACH


def test_nodes_carry_the_dates_they_were_in_the_news(large):
    data, _ = large
    nodes = {n["id"]: n for n in data["nodes"]}
    assert (nodes[f"{fx.ID}person/official-0"]["first"], nodes[f"{fx.ID}person/official-0"]["last"]) \
        == ("2023-01-01", "2023-01-01")
    assert data["dates"] == ["2023-01-01", "2023-12-26"]
    assert nodes[fx.ID + "org/lone-0"]["first"] == ""


def test_the_entity_graph_of_a_store_is_the_one_of_its_rdf(seeds_graph, generated_graph):
    # a store is read by the predicates the view needs; an rdflib graph whole: same entity graph
    from vnkg.store import open_store

    for graph in (seeds_graph, generated_graph):
        ds = Dataset()
        ds.parse(graph / "graph.trig", format="trig")
        ours, theirs = to_networkx(open_store(graph / "store", read_only=True)), to_networkx(ds)
        assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
        assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
        assert ours.graph == theirs.graph
