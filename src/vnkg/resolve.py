"""Stage 4: one entity per real thing, across sentences and articles.

Persons meet by the phonetic key of their Vietnamese name (``names``), so เหงียน มานห์ หุ่ง,
เหงียนมานห์หุ่ง and Nguyen Manh Hung are one node while Bui Thanh Son and Bui The Duy stay
two. Organizations meet by lexicon id, else by head class and name (กรม/ฝ่าย/แผนก are one
Vietnamese unit type); back-references and abbreviations join what they point at.
Documents meet by canonical code; initiatives by lexicon id or name.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from pythainlp.tokenize import word_tokenize
from pythainlp.transliterate import romanize

from . import names
from .extract.documents import code_slug
from .extract.known import entry
from .extract.orgs import head_of
from .model import Entity, Extraction, Kind, Mention
from .script import has_thai, language_of

__all__ = ["Resolution", "resolve", "block_id", "edition_base", "BASE", "UNIT_CLASSES"]

BASE = "https://w3id.org/vnkg/id/"
_PATH = {Kind.PERSON: "person", Kind.ORGANIZATION: "org", Kind.DOCUMENT: "doc",
         Kind.INITIATIVE: "initiative", Kind.PLACE: "place"}


@dataclass
class Resolution:
    """Which entity each mention is: ``iri_of[(article index, mention index)]``."""

    entities: dict[str, Entity] = field(default_factory=dict)
    iri_of: dict[tuple[int, int], str] = field(default_factory=dict)
    iri_by_key: dict[str, str] = field(default_factory=dict)
    # name block (``block_id``) → [spelling, IRI] of the persons compared in it: kept in the
    # manifest, so that ``vnkg add`` compares a new spelling with the known ones of its block
    person_blocks: dict[str, list[list[str]]] = field(default_factory=dict)

    def previous_keys(self) -> dict[str, str]:
        """Mention keys → IRI, kept in the manifest so that later builds reuse the IRIs."""
        return dict(sorted(self.iri_by_key.items()))


class _UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_SPACES = re.compile(r"[\s\u00a0]+")
_THAI = re.compile(r"[\u0E00-\u0E7F]")


@lru_cache(maxsize=65536)
def _squeeze(s: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFC", s))


@lru_cache(maxsize=65536)
def _romanized(word: str) -> str:
    # labels share their words (กรม, กระทรวง, ความร่วมมือ …): each is romanized once
    return romanize(word, engine="royin")


@lru_cache(maxsize=65536)
def slugify(text: str, limit: int = 60) -> str:
    """ASCII slug; Thai is romanized word by word (royin rules, bundled with pythainlp)."""
    if _THAI.search(text):
        text = " ".join(_romanized(w) for w in word_tokenize(text, engine="newmm") if w.strip())
    text = text.replace("Đ", "D").replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug[:limit].rstrip("-") or "x"


def _org_key(m: Mention) -> str:
    if m.ref:
        return m.ref
    if m.attr("antecedent"):
        return _org_key(Mention(m.kind, 0, 0, m.attr("antecedent") or "", m.lang))
    if m.attr("alias_of"):
        return _org_key(Mention(m.kind, 0, 0, m.attr("alias_of") or "", m.lang))
    head = head_of(m.text)
    if head:
        return f"org-name:{head.cls}:{_squeeze(m.text[len(head.head):])}"
    return f"org-name::{_squeeze(m.text).casefold()}"


def _initiative_key(m: Mention) -> str:
    if m.ref:
        return m.ref
    return "initiative-name:" + _squeeze(m.attr("alias_of") or m.text).casefold()


def _key(m: Mention) -> str:
    if m.kind is Kind.ORGANIZATION:
        return _org_key(m)
    if m.kind is Kind.INITIATIVE:
        return _initiative_key(m)
    if m.kind is Kind.DOCUMENT:
        return f"doc:{m.ref}"
    if m.kind is Kind.PLACE:
        return m.ref or f"place-name:{_squeeze(m.text)}"
    return m.ref or "person-key:" + "-".join(names.name_key(m.text))


UNIT_CLASSES = ("dept", "centre", "office", "institute")


def _mention_keys(extractions: list[Extraction]) -> dict[tuple[int, int], str]:
    """The key of every mention; a unit's key names its parent when the article states one.

    Every ministry has a กรมความร่วมมือระหว่างประเทศ: a department is only the same
    department as another when their parents agree. A unit whose article names no parent
    joins the one parented unit of that name in the corpus, if there is exactly one.
    """
    keys: dict[tuple[int, int], str] = {}
    for a, ex in enumerate(extractions):
        parents = {_key(ex.mentions[r.subject]): _key(ex.mentions[r.object])
                   for r in ex.relations if r.kind == "sub_organization_of"}
        for i, m in enumerate(ex.mentions):
            k = _key(m)
            if k.startswith("org-name:") and k.split(":")[1] in UNIT_CLASSES and k in parents:
                k = f"{k}@{parents[k]}"
            keys[(a, i)] = k
    qualified: dict[str, set[str]] = defaultdict(set)
    for k in keys.values():
        if "@" in k:
            qualified[k.split("@")[0]].add(k)
    for ai, k in keys.items():
        if len(qualified.get(k, ())) == 1:
            keys[ai] = next(iter(qualified[k]))
    return keys


def resolve(extractions: list[Extraction], previous: dict[str, str] | None = None) -> Resolution:
    """Cluster the mentions of all articles into entities with stable IRIs.

    ``previous`` maps mention keys to the IRIs an earlier build gave them: an entity
    keeps the IRI of its earliest-named key, so adding articles renames nothing.
    """
    previous = previous or {}
    uf = _UnionFind()
    keys = _mention_keys(extractions)
    ids: list[tuple[int, int]] = []
    for a, ex in enumerate(extractions):
        for i, m in enumerate(ex.mentions):
            if m.attr("given_name"):
                continue
            uf.find(keys[(a, i)])
            ids.append((a, i))
    person_forms, blocks = _join_persons(extractions, uf)
    _join_initiatives(extractions, uf)
    clusters: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a, i in ids:
        clusters[uf.find(keys[(a, i)])].append((a, i))
    for a, ex in enumerate(extractions):
        for i, m in enumerate(ex.mentions):
            if m.attr("given_name") and (target := _full_name_of(ex, m)) is not None:
                clusters[uf.find(keys[(a, target)])].append((a, i))
    res = Resolution()
    used: set[str] = set(previous.values())
    for root in sorted(clusters):
        members = clusters[root]
        mentions = [extractions[a].mentions[i] for a, i in members]
        member_keys = sorted({keys[ai] for ai in members if ai in keys and not extractions[ai[0]].mentions[ai[1]].attr("given_name")})
        kept = sorted(previous[k] for k in member_keys if k in previous)
        entity = _entity(root, mentions, used, kept[0] if kept else None)
        res.entities[entity.iri] = entity
        for a, i in members:
            res.iri_of[(a, i)] = entity.iri
        for k in member_keys:
            res.iri_by_key[k] = entity.iri
    for block, block_keys in sorted(blocks.items()):
        known = sorted({(person_forms[k], res.iri_by_key[k]) for k in block_keys if k in res.iri_by_key})
        if known:
            res.person_blocks[block_id(block)] = [list(pair) for pair in known]
    return res


def _glossed_persons(ex: Extraction) -> Iterator[tuple[Mention, Mention]]:
    """(Thai name, Latin name) pairs the text writes as ``ไทย (Latin)``, whatever found each
    (the rules, or the knowledge base's Latin forms: a Thai spelling it does not list, เล ห่วย
    จุง, is still glossed by Le Hoai Trung)."""
    text = ex.article.text
    spans = sorted((m for m in ex.mentions if m.kind is Kind.PERSON and m.text and m.end > m.start
                    and not m.attr("given_name")), key=lambda m: m.start)
    for thai, latin in zip(spans, spans[1:]):
        if text[thai.end:latin.start] in ("(", " (") and latin.lang != "th" and thai.lang == "th":
            yield thai, latin


def block_id(block: tuple[int, str, str]) -> str:
    """A name block (``names.blocking_keys``) as a string: syllables|surname key|last key."""
    return "|".join(map(str, block))


def _join_persons(extractions: list[Extraction], uf: _UnionFind,
                  ) -> tuple[dict[str, str], dict[tuple, list[str]]]:
    """Merge person keys that ``names.same_person`` accepts (variant spellings, Latin forms);
    returns the spelling compared for each key and the keys of each name block."""
    forms: dict[str, str] = {}
    for ex in extractions:
        for thai, gloss in _glossed_persons(ex):
            uf.union(_key(gloss), _key(thai))   # ดีง ลา ทัง (Đinh La Thăng): the text says they are one
        for m in ex.mentions:
            if m.kind is Kind.PERSON and not m.attr("given_name") and m.text:
                forms.setdefault(_key(m), m.text)
            if m.kind is Kind.PERSON and m.ref and (e := entry(m.ref)):
                for f in e.forms:
                    forms.setdefault("person-key:" + "-".join(names.name_key(f)), f)
                    uf.union(m.ref, "person-key:" + "-".join(names.name_key(f)))
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for key, form in sorted(forms.items()):
        for block in names.blocking_keys(form):
            blocks[block].append(key)
    compared: set[tuple[str, str]] = set()
    for keys in blocks.values():
        for x in range(len(keys)):
            for y in range(x + 1, len(keys)):
                pair = (keys[x], keys[y])
                if pair in compared:
                    continue
                compared.add(pair)
                if names.same_person(forms[pair[0]], forms[pair[1]]):
                    uf.union(*pair)
    return forms, blocks

_EDITION = re.compile(r"\s*[0-9๐-๙]{4}$")


def edition_base(name: str) -> str:
    """An initiative's name without its edition year: the key its editions share."""
    return _EDITION.sub("", _squeeze(name)).casefold()


def _join_initiatives(extractions: list[Extraction], uf: _UnionFind) -> None:
    """Join the wordings of one initiative.

    Across articles: the same name without its edition year (ASEAN Digital Awards 2024 is
    an edition of ASEAN Digital Awards). Within one article: two wordings of one name
    (โครงการก่อสร้าง… / โครงการพัฒนา…รัฐบาลอิเล็กทรอนิกส์).
    """
    editions: dict[str, str] = {}
    for ex in extractions:
        for m in ex.mentions:
            if m.kind is Kind.INITIATIVE and m.text:
                base = edition_base(m.text)
                if base in editions:
                    uf.union(editions[base], _key(m))
                else:
                    editions[base] = _key(m)
    for ex in extractions:
        inits = [m for m in ex.mentions if m.kind is Kind.INITIATIVE and not m.ref and not m.attr("alias_of")]
        for x in range(len(inits)):
            for y in range(x + 1, len(inits)):
                a, b = _squeeze(inits[x].text), _squeeze(inits[y].text)
                if a.startswith(b) or b.startswith(a) or SequenceMatcher(None, a, b).ratio() >= 0.8:
                    uf.union(_key(inits[x]), _key(inits[y]))


def _full_name_of(ex: Extraction, short: Mention) -> int | None:
    """The one full name in the article whose given name the short mention repeats."""
    key = names.name_key(short.text)
    if len(key) != 1:
        return None
    hits = {names.name_key(m.text): i for i, m in enumerate(ex.mentions)
            if m.kind is Kind.PERSON and not m.attr("given_name") and m.text
            and len(names.name_key(m.text)) > 1 and names.name_key(m.text)[-1] == key[0]}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _entity(root: str, mentions: list[Mention], used: set[str], iri: str | None) -> Entity:
    kind = mentions[0].kind
    surface = Counter(m.text for m in mentions if m.text and not m.attr("backref"))
    name_langs = {m.text: m.lang for m in mentions if m.text and not m.attr("backref")}
    attrs: dict[str, str] = {}
    for m in mentions:
        for k, v in m.attrs:
            if k in ("doc_type", "date", "subject", "subtype", "class", "year", "number", "agency"):
                attrs.setdefault(k, v)
    ref = next((m.ref for m in mentions if m.ref), None)
    lex = entry(ref) if ref else None
    label, label_lang = "", "th"
    if lex:
        attrs.setdefault("subtype", lex.subtype)
        if lex.valid:
            attrs["valid"] = lex.valid
        if lex.succeeded_by:
            attrs["succeeded_by"] = "|".join(lex.succeeded_by)
        if lex.english:
            attrs["english"] = lex.english
            label, label_lang = lex.english, "en"
        for f in lex.forms:
            if f in surface:
                continue
            # lexicon forms are names too, but only the Latin ones: Thai ones were not seen
            if not has_thai(f):
                name_langs.setdefault(f, language_of(f))
    if kind is Kind.PERSON:
        latin = _person_latin(mentions, surface)
        if latin:
            attrs["latin"] = latin
            label, label_lang = latin, "en"
            name_langs.setdefault(latin, "en")
    if kind is Kind.DOCUMENT:
        attrs["code"] = ref or mentions[0].text
        label, label_lang = attrs["code"], "vi"
    if not label:
        label = sorted(surface.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0] if surface else root
        label_lang = name_langs.get(label, "th")
    iri = iri or _iri(kind, root, ref, label, attrs, used)
    return Entity(iri=iri, kind=kind, label=label, label_lang=label_lang,
                  names=dict(sorted(name_langs.items())), attrs=dict(sorted(attrs.items())))


def _person_latin(mentions: list[Mention], surface: Counter) -> str | None:
    # a Latin given name alone (นาย Dung) is no Latin name of the person
    latin = Counter(m.text for m in mentions if m.lang in ("en", "vi") and m.text and not m.attr("given_name"))
    if latin:
        return sorted(latin.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    ref = next((m.ref for m in mentions if m.ref), None)
    if ref and (e := entry(ref)):
        return e.english
    # the full name read by the syllable model, not a given name said alone (นายดุง)
    given = {m.text for m in mentions if m.attr("given_name")}
    for form, _ in sorted(surface.items(), key=lambda kv: (kv[0] in given, -kv[1], kv[0])):
        if (guess := names.latin_name(form)):
            return guess
    return None


def _iri(kind: Kind, root: str, ref: str | None, label: str, attrs: dict, used: set[str]) -> str:
    if kind is Kind.DOCUMENT:
        slug = code_slug(attrs["code"])
    elif ref and ":" in ref and not ref.startswith("place:th-"):
        slug = ref.split(":", 1)[1]
    else:
        slug = slugify(label)
        if "@" in root:
            # a unit is named after its parent: most-krom-… and mofa-krom-… are two departments
            parent = root.split("@", 1)[1]
            slug = slugify(parent.split(":", 1)[1] if parent.startswith("org:") else parent.split(":")[-1], 30) + "-" + slug
    base = f"{BASE}{_PATH[kind]}/{slug}"
    iri, n = base, 2
    while iri in used:
        iri, n = f"{base}-{n}", n + 1
    used.add(iri)
    return iri
