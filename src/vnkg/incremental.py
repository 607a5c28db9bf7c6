"""``vnkg add``: new articles into a built graph, in time proportional to the articles.

A full build resolves every mention of every article together. An add extracts only the
new files and resolves their mentions against what the graph folder's manifest keeps
from earlier builds: the IRI of every mention key, the spellings of persons by name block
and the names of initiatives, so that a new spelling of a known official (เหงียน มันห์ หุ่ง after
เหงียน มานห์ หุ่ง) or a new edition of a known programme joins the existing node, and an
unparented department joins the one department of that name the graph knows.

The graph folder gets a new generation (``vnkg.folder``): a checkpoint of the current
store (hard links, made in milliseconds) changes in one SPARQL Update: each new article's named graph
replaces the graph of the article it supersedes (same file name), new entities are
described in the entities graph, known ones gain the new names as ``skos:altLabel`` (with
their ``vnkg:nameKey``, and any type they lacked), and entities no article mentions any more are removed. Labels chosen by the full build stay as
they are; ``vnkg build`` of all inputs recomputes them from every mention. The new
generation becomes current in one rename. A folder that is not a graph folder, or whose
store is missing or does not hold the articles its manifest lists, is refused: adding to
it would lose the articles it should have.
"""
from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from . import names
from .load import DEFAULT_MAX_BYTES
from .model import ArticleError, Extraction
from .folder import LOCK, SNAPSHOTS, FolderError, current, is_graph_folder, kill_point, writing
from .pipeline import (
    MANIFEST, BuildError, BuildReport, Progress, build, count_facts, known_initiatives, known_person_blocks,
    load_manifest, outputs_in, read_inputs, relative_input, timed, write_manifest, write_snapshots,
)
from .rdf import ENTITIES_GRAPH, SUMMARY_PREDICATES, article_iri, label_literal, summary_update
from .rdf import quads as rdf_quads
from .resolve import UNIT_CLASSES, Resolution, block_id, edition_base, resolve

__all__ = ["add"]

_ENTITIES = ENTITIES_GRAPH
_IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
_ALT_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
_POST_IN = ox.NamedNode("http://www.w3.org/ns/org#postIn")
# a known entity's statements that only ever grow: its types and the keys of its names
_ADDITIVE = (ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
             ox.NamedNode("https://w3id.org/vnkg/nameKey"))


def add(inputs: list[str], out: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, jobs: int = 1,
        validate_shapes: bool = True, write_files: bool = True, write_view: bool = True,
        progress: Progress | None = None, executor: str = "local", scheduler: str | None = None,
        cache_dir: Path | None = None, timings: dict[str, float] | None = None) -> BuildReport:
    """Add the articles of ``inputs`` to the graph folder ``out`` (a plain build if it has none).

    ``write_files=False`` leaves graph.ttl, graph.trig and graph.html as they were (they
    are rewritten from the whole store, which costs time proportional to the store) and
    lists them as ``stale`` in the manifest; ``vnkg export --stale`` rewrites them later.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: exists and is not a folder")
    if not out.exists() or _empty(out):
        return build(inputs, out, max_bytes=max_bytes, jobs=jobs, validate_shapes=validate_shapes,
                     write_view=write_view, progress=progress, executor=executor, scheduler=scheduler,
                     cache_dir=cache_dir, timings=timings)
    if not is_graph_folder(out):
        raise FolderError(f"{out}: not a vnkg graph folder (no manifest.json and no store); "
                          "`vnkg add` adds to a folder that `vnkg build` wrote")
    with writing(out) as generation:          # the lock is held from here: the manifest read is the one changed
        live = _usable(out)
        manifest = load_manifest(out)
        report = BuildReport(out=out)
        articles, extractions = read_inputs(inputs, report, max_bytes, jobs, executor, scheduler, cache_dir,
                                            progress, timings)
        articles, extractions = _not_in_graph(live, articles, extractions, report)
        with timed(timings, "resolve"):
            res = _resolve_against(extractions, manifest)
        report.articles = len(articles)
        count_facts(report, extractions, res)
        source = ox.Store.read_only(str(live / "store"))
        source.backup(str(generation.dir / "store"))     # a checkpoint: hard links, not a copy
        del source
        store = ox.Store(str(generation.dir / "store"))
        try:
            with timed(timings, "rdf"):
                new = list(dict.fromkeys(rdf_quads(extractions, res, preferred=_preferred(store, res))))
                replaced = _superseded_graphs(store, [a.name for a in articles])
                names_added = {a.name for a in articles}
                kept_inputs = [p for p in manifest["inputs"] if Path(p).name not in names_added]
                described = {q.subject for q in new if q.graph_name == _ENTITIES
                             and _is_described(store, q.subject)}
                entity_quads = list(dict.fromkeys(
                    q if q.subject not in described or q.predicate in _ADDITIVE else _as_name(q) for q in new
                    if q.graph_name == _ENTITIES
                    and (q.subject not in described or q.predicate in _ADDITIVE or _is_new_name(store, q))))
                article_quads = [q for q in new if q.graph_name != _ENTITIES]
                orphans = _orphans(store, replaced, article_quads)
            if validate_shapes:
                with timed(timings, "validate"):
                    _validate(store, article_quads, entity_quads, report)
            change = _update(replaced, orphans, article_quads + entity_quads)
            with timed(timings, "store"):
                observed = summary_update(_posts_of(store, replaced, article_quads))
                store.update(" ;\n".join(filter(None, [change, observed])))
                store.flush()
            kill_point("store-written")
            # the quads written, not the store's size: counting it would cost time in proportion to it
            report.quads = len(article_quads) + len(entity_quads)
            outputs = outputs_in(generation.dir)
            snapshots = [name for name in SNAPSHOTS if (live / name).exists()]
            written = {
                "inputs": sorted(set(kept_inputs) | {relative_input(a, out) for a in articles}),
                "iris": dict(sorted({**manifest["iris"], **res.previous_keys()}.items())),
                "initiatives": known_initiatives(res, manifest.get("initiatives")),
                "person_blocks": known_person_blocks(res, manifest.get("person_blocks")),
            }
            if not write_files and snapshots:
                # as they were (same bytes, no copy), and said to be so until `vnkg export` refreshes them
                for name in snapshots:
                    os.link(live / name, outputs[name])
                written["stale"] = sorted(set(manifest.get("stale", [])) | set(snapshots))
                report.warnings.append(f"{out}: {', '.join(written['stale'])} not rewritten (the store has the new "
                                       "articles); `vnkg export --stale` rewrites them from the store")
            write_manifest(outputs[MANIFEST], written)
        finally:
            del store                 # closed before the snapshots' workers open it
        if write_files:
            write_snapshots(generation.dir / "store", outputs, write_view and (live / "graph.html").exists(),
                            timings)
        kill_point("exports-written")
        # graph.trig names the store's state when it was rewritten; else the change made does
        # (the snapshots carried over are named by it: hashing them would read the whole graph)
        generation.commit(b"" if write_files else live.name.encode() + hashlib.sha256(change.encode()).digest(),
                          () if write_files else tuple(snapshots))
    return report


def _not_in_graph(live: Path, articles: list, extractions: list[Extraction], report: BuildReport,
                  ) -> tuple[list, list[Extraction]]:
    """Leave out the new files whose text the graph holds already under another name
    (an article's IRI is made from its text: adding it again would give it two names)."""
    names = {a.name for a in articles}
    store = ox.Store.read_only(str(live / "store"))
    try:
        kept = []
        for a, ex in zip(articles, extractions):
            known = {q.object.value for q in store.quads_for_pattern(article_iri(ex), _IDENTIFIER, None, None)
                     if isinstance(q.object, ox.Literal)}
            if known and a.name not in known and not known <= names:
                report.skipped.append(ArticleError(a.path, f"same text as {sorted(known)[0]}, which the graph "
                                                           "holds already; not added again"))
            else:
                kept.append((a, ex))
    finally:
        del store
    if not kept:
        raise BuildError("no article could be added", report.skipped)
    return [a for a, _ in kept], [ex for _, ex in kept]


def _empty(folder: Path) -> bool:
    """Nothing in it but what a failed first build may leave (its lock)."""
    return all(p.name == LOCK for p in folder.iterdir())


def _usable(out: Path) -> Path:
    """The current generation, if it is a whole graph that articles can be added to."""
    live = current(out)
    if live is None:
        raise FolderError(f"{out}: written by an older vnkg; rebuild it with `vnkg build` before adding to it")
    manifest = load_manifest(out)
    listed = {Path(p).name for p in manifest["inputs"]}
    if not (live / "store" / "CURRENT").is_file():
        raise FolderError(f"{out}: manifest.json lists {len(listed)} articles but there is no store (it is not "
                          "committed with the graph); rebuild it with `vnkg build` of those inputs first, or "
                          "every earlier article would be lost")
    store = ox.Store.read_only(str(live / "store"))
    try:
        # the file name each article graph gives its article (one SPARQL pass: a third of the time
        # of decoding every dcterms:identifier quad in Python)
        stored = {row[0].value for row in cast(ox.QuerySolutions, store.query(
            f"SELECT ?name WHERE {{ GRAPH ?g {{ ?g {_IDENTIFIER} ?name }} FILTER(isLiteral(?name)) }}"))}
    finally:
        del store
    if stored != listed:
        raise FolderError(f"{out}: the store holds {len(stored)} articles and manifest.json lists {len(listed)}; "
                          f"they disagree ({len(stored - listed)} only in the store, {len(listed - stored)} only "
                          "in the manifest); rebuild it with `vnkg build`")
    return live


# --------------------------------------------------------------------------- resolution

def _resolve_against(extractions: list[Extraction], manifest: dict) -> Resolution:
    """Resolve the new articles, reusing the IRIs the graph already gives their keys and
    joining a new key to a known entity where a full build would have joined them."""
    iris: dict[str, str] = manifest["iris"]
    res = resolve(extractions, previous=iris)
    known = set(iris.values())
    editions = _editions(manifest.get("initiatives", {}))
    blocks = manifest.get("person_blocks", {})
    joins = {}
    for key, iri in sorted(res.iri_by_key.items()):
        if iri not in known and (match := _known_match(key, res.entities[iri].names, iris, blocks, editions)):
            joins[key] = match
    return resolve(extractions, previous={**iris, **joins}) if joins else res


def _editions(initiatives: dict[str, list[str]]) -> dict[str, str]:
    """Known initiatives by their names without an edition year."""
    editions: dict[str, str] = {}
    for iri, forms in sorted(initiatives.items()):
        for form in forms:
            editions.setdefault(edition_base(form), iri)
    return editions


def _known_match(key: str, forms: Iterable[str], iris: dict[str, str], blocks: dict[str, list[list[str]]],
                 editions: dict[str, str]) -> str | None:
    """The IRI of the known entity that the new key ``key`` (with surface ``forms``) is."""
    if key.startswith("person-key:"):
        # the spellings a full build would have compared with: those of the same name block
        for form in sorted(forms):
            for block in sorted(names.blocking_keys(form)):
                for known_form, iri in blocks.get(block_id(block), ()):
                    if names.same_person(form, known_form):
                        return iri
    elif key.startswith("initiative-name:"):
        for form in sorted(forms):
            if (edition := editions.get(edition_base(form))) is not None:
                return edition
    elif key.startswith("org-name:") and key.split(":")[1] in UNIT_CLASSES and "@" not in key:
        # the one parented unit of that name, as in a full build
        parented = {iri for k, iri in iris.items() if k.startswith(key + "@")}
        if len(parented) == 1:
            return parented.pop()
    return None


# --------------------------------------------------------------------------- store changes

def _superseded_graphs(store: ox.Store, file_names: list[str]) -> list[ox.NamedNode]:
    """The article graphs of earlier versions of these files (an article is known by its file name)."""
    graphs = set()
    for name in file_names:
        for q in store.quads_for_pattern(None, _IDENTIFIER, ox.Literal(name), None):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != _ENTITIES and q.subject == q.graph_name:
                graphs.add(q.graph_name)
    return sorted(graphs, key=str)


def _is_described(store: ox.Store, subject) -> bool:
    return next(iter(store.quads_for_pattern(subject, None, None, _ENTITIES)), None) is not None


def _is_new_name(store: ox.Store, q: ox.Quad) -> bool:
    """Of a known entity's quads only names the graph lacks are added: its label and types stay."""
    if q.predicate not in (_LABEL, _ALT_LABEL):
        return False
    return not any(next(iter(store.quads_for_pattern(q.subject, p, q.object, _ENTITIES)), None)
                   for p in (_LABEL, _ALT_LABEL))


def _preferred(store: ox.Store, res: Resolution) -> Callable[[str], ox.Literal | None]:
    """An entity's preferred label: the one the graph has (a known entity keeps its label),
    else the one the new articles give it."""
    @cache
    def preferred(iri: str) -> ox.Literal | None:
        for q in store.quads_for_pattern(ox.NamedNode(iri), _PREF_LABEL, None, _ENTITIES):
            return q.object if isinstance(q.object, ox.Literal) else None
        return label_literal(res.entities.get(iri))
    return preferred


def _as_name(q: ox.Quad) -> ox.Quad:
    """A known entity's new name, whichever way the new articles alone would label it."""
    return ox.Quad(q.subject, _ALT_LABEL, q.object, q.graph_name)


def _orphans(store: ox.Store, replaced: list[ox.NamedNode], article_quads: list[ox.Quad]) -> list[ox.NamedNode]:
    """Entities that only the replaced article graphs mention (and the new ones do not)."""
    if not replaced:
        return []
    gone = set(replaced)
    still = {t for q in article_quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
    candidates = set()
    for graph in replaced:
        for q in store.quads_for_pattern(None, None, None, graph):
            for t in (q.subject, q.object):
                if isinstance(t, ox.NamedNode) and t not in still and _is_described(store, t):
                    candidates.add(t)

    def mentioned_elsewhere(iri: ox.NamedNode) -> bool:
        # by another article, or by another entity's description (a merger's ChangeEvent); not
        # by a post's summary, which restates its reports (and is recomputed after this)
        return any(q.graph_name not in gone and (q.graph_name != _ENTITIES or q.subject != iri)
                   and not (q.graph_name == _ENTITIES and q.predicate in SUMMARY_PREDICATES)
                   for subject, obj in ((iri, None), (None, iri))
                   for q in store.quads_for_pattern(subject, None, obj, None))
    return sorted((c for c in candidates if not mentioned_elsewhere(c)), key=str)


def _posts_of(store: ox.Store, replaced: list[ox.NamedNode], article_quads: list[ox.Quad]) -> set[ox.NamedNode | ox.BlankNode | ox.Triple]:
    """The posts whose reports change: those of the new article graphs and of the replaced ones."""
    posts = {q.subject for q in article_quads if q.predicate == _POST_IN}
    for graph in replaced:
        posts.update(q.subject for q in store.quads_for_pattern(None, _POST_IN, None, graph))
    return posts


def _validate(store: ox.Store, article_quads: list[ox.Quad], entity_quads: list[ox.Quad],
              report: BuildReport) -> None:
    """The shapes over the new article graphs and the descriptions of what they mention."""
    from .validate import validate_store

    part = ox.Store()
    part.extend(article_quads + entity_quads)
    mentioned = {t for q in article_quads + entity_quads for t in (q.subject, q.predicate, q.object)
                 if isinstance(t, ox.NamedNode)}
    part.extend(q for iri in sorted(mentioned, key=str) for q in store.quads_for_pattern(iri, None, None, _ENTITIES))
    shapes_report = validate_store(part)
    if not shapes_report.conforms:
        raise BuildError("the graph does not conform to ontology/shapes.ttl:\n" + shapes_report.text,
                         report.skipped)


def _update(replaced: list[ox.NamedNode], orphans: list[ox.NamedNode], quads: list[ox.Quad]) -> str:
    """One SPARQL Update: drop the superseded graphs and the orphans, insert the new quads."""
    parts = [f"DROP SILENT GRAPH {g}" for g in replaced]
    parts += [f"DELETE WHERE {{ GRAPH {_ENTITIES} {{ {iri} ?p ?o }} }}" for iri in orphans]
    by_graph: dict[str, list[str]] = defaultdict(list)
    for q in quads:
        # N-Triples term syntax is valid SPARQL term syntax (escaped strings, <IRIs>).
        by_graph[str(q.graph_name)].append(f"{q.subject} {q.predicate} {q.object} .")
    if by_graph:
        parts.append("INSERT DATA {\n" + "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}"
                                                   for g, lines in sorted(by_graph.items())) + "\n}")
    return " ;\n".join(parts)
