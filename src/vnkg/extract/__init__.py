"""Stage 3: mentions of entities in one cleaned article, then the relations it states.

Order: titles → knowledge-base entities → provinces' bodies → documents → organizations and
places by grammar → initiatives → persons → overlaps settled (longest span wins; places and
initiatives may sit inside an initiative's name) → aliases and back-references → the province
of each generic provincial body → relations, statements, event.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from ..model import Article, Extraction, Kind, Mention
from ..script import language_of
from ..relate import relate
from .documents import extract_documents
from .events import find_event
from .initiatives import find_initiatives
from .known import entry, gazetteer, known_mentions, outlet_ref, qualify_by_country, with_the_party
from .orgs import grammar_orgs, latin_orgs, org_class
from .persons import find_persons
from .provinces import assign_provinces, body_mentions, chapter_mentions, province_mentions
from .quotes import find_statements
from .text import boundaries_of
from .titles import find_titles

__all__ = ["extract", "select"]

# when two candidates cover the same span, the more specific kind wins
_PRIORITY = {Kind.DOCUMENT: 0, Kind.PERSON: 1, Kind.INITIATIVE: 2, Kind.ORGANIZATION: 3, Kind.PLACE: 4}


def select(candidates: list[Mention]) -> list[Mention]:
    """Mentions without partial overlaps: longer spans first, then by kind priority, then by position.

    An initiative's name may hold a place or another initiative (แผนปฏิบัติการปี 2567
    เพื่อดำเนินการตามยุทธศาสตร์…, …ของเวียดนามถึงปี 2030): those stay as mentions of their own.
    """
    chosen: list[Mention] = []    # by start
    starts: list[int] = []
    longest = 0
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), _PRIORITY[m.kind], m.start)):
        if m.end <= m.start:
            continue
        # spans come longest first: a chosen span that starts ``longest`` or more before m ends before it
        near = chosen[bisect_right(starts, m.start - longest):bisect_left(starts, m.end)]
        if all(c.end <= m.start or _nests(m, c) for c in near):
            i = bisect_right(starts, m.start)
            starts.insert(i, m.start)
            chosen.insert(i, m)
            longest = max(longest, m.end - m.start)
    return sorted(chosen, key=lambda m: (m.start, m.end))


def _nests(inner: Mention, outer: Mention) -> bool:
    return (outer.kind is Kind.INITIATIVE and inner.kind in (Kind.PLACE, Kind.INITIATIVE)
            and outer.start <= inner.start and inner.end <= outer.end
            and (inner.start, inner.end) != (outer.start, outer.end))


def _aliases(text: str, mentions: list[Mention]) -> list[Mention]:
    """Bare abbreviations and short names (``LGSP``, ``Galaxy Play``) of names given in full."""
    out = []
    for m in mentions:
        for key in ("abbrev", "short"):
            alias = m.attr(key)
            if not alias:
                continue
            for a in re.finditer(rf"(?<![A-Za-z]){re.escape(alias)}(?![A-Za-z])", text):
                out.append(Mention(m.kind, a.start(), a.end(), alias, "en",
                                   attrs=(("alias_of", m.text),) + tuple(
                                       (k, v) for k, v in m.attrs if k in ("subtype", "class"))))
    return out


def _restates(alias: Mention, m: Mention) -> bool:
    """An initiative found by its trigger (โครงการ SMEdx) that is the abbreviation of one named in
    full: the abbreviation's mention takes its place, so both are one initiative."""
    return (m.kind is alias.kind is Kind.INITIATIVE and (m.start, m.end) == (alias.start, alias.end)
            and m.ref is None)


def _backrefs(mentions: list[Mention]) -> list[Mention]:
    """Point กระทรวงฯ / กรมดังกล่าว at the organization of the same class the article talks about most.

    Salience beats recency here: translated articles say กระทรวงฯ for the ministry the
    article is about even right after naming another one.
    """
    named = [(i, o) for i, o in enumerate(mentions) if o.kind is Kind.ORGANIZATION and not o.attr("backref")]
    out = []
    for i, m in enumerate(mentions):
        cls = m.attr("backref")
        if not cls:
            out.append(m)
            continue
        same = [(j, o) for j, o in named if _org_class(o) == cls]
        earlier = [(j, o) for j, o in same if j < i] or same
        if not earlier:
            continue
        counts = Counter(_identity(o) for _, o in earlier)
        last = {_identity(o): j for j, o in earlier}
        # most named first; on a tie, a body the lexicon knows (a Vietnamese one), then the latest
        best = max(counts, key=lambda k: (counts[k], mentions[last[k]].ref is not None, last[k]))
        antecedent = mentions[last[best]]
        out.append(Mention(m.kind, m.start, m.end, m.text, m.lang, ref=antecedent.ref,
                           attrs=tuple(sorted(m.attrs + (("antecedent", _identity(antecedent)),)))))
    return out


def _identity(m: Mention) -> str:
    return m.ref or m.attr("alias_of") or m.text


def _org_class(m: Mention) -> str | None:
    if m.ref and (e := entry(m.ref)) and (cls := {"Ministry": "ministry", "Department": "dept"}.get(e.subtype)):
        return cls
    # a listed body of another kind has the class its name's head word says (คณะกรรมการตรวจสอบ…: committee)
    return m.attr("head") or org_class(m.text)


def extract(article: Article) -> Extraction:
    """All mentions, relations and statements of one article."""
    text = article.text
    gazetteer()  # registers lexicon words with the tokenizer before it first runs
    bounds = boundaries_of(text)
    titles = find_titles(text, bounds)
    bounds.add(t.end for t in titles)
    known = known_mentions(text, bounds)
    bodies = body_mentions(text, bounds) + chapter_mentions(text, known)
    documents = extract_documents(text)
    latin = latin_orgs(text)
    taken = [(m.start, m.end) for m in known + bodies + documents + latin]
    orgs = grammar_orgs(text, bounds, taken, [(t.start, t.end) for t in titles],
                        frozenset(m.start for m in known + bodies + latin if m.kind is Kind.ORGANIZATION))
    places = province_mentions(text, bounds, taken + [(m.start, m.end) for m in orgs])
    initiatives = find_initiatives(text, bounds)
    title_spans = [(t.start, t.end) for t in titles]
    # a place may stand inside a name (ณ พัทลุง, a Thai lineage): only organizations block one
    blocking = [(m.start, m.end) for m in known + bodies + documents + latin + orgs + initiatives
                if m.kind is not Kind.PLACE]
    persons = find_persons(text, bounds, titles, article.credits, blocking + title_spans)
    first = select(known + bodies + documents + latin + orgs + places + initiatives + persons)
    # ภาพ: Vietnam+: a photo credit names who took the picture, not a place
    first = [m for m in first if not (m.kind is Kind.PLACE and any(
        c.start <= m.start and m.end <= c.end for c in article.credits))]
    aliases = [a for a in _aliases(text, first)
               if not any(m.start < a.end and a.start < m.end and not _restates(a, m) for m in first)]
    first = [m for m in first if not any(_restates(a, m) for a in aliases)]
    mentions = with_the_party(text, qualify_by_country(
        text, _backrefs(assign_provinces(text, select(first + aliases), article.sentence_at))))
    if article.publisher:
        # the outlet is named in the page header, outside the cleaned text: a mention without span
        mentions.append(Mention(Kind.ORGANIZATION, 0, 0, article.publisher, language_of(article.publisher),
                                ref=outlet_ref(article.publisher), attrs=(("publisher", "1"), ("subtype", "Other"))))
    mentions, relations = relate(article, mentions, titles)
    statements = find_statements(article, mentions, titles, relations)
    event = find_event(article, mentions, bounds)
    return Extraction(article, tuple(mentions), tuple(relations), tuple(statements),
                      (event,) if event else ())
