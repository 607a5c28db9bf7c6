"""Relations stated inside one article, between its mentions.

Posts come from the titles around a person's name (``posts``). The other relations come
from the shape of one sentence: a parenthesised parent after a unit, a document's issuer
phrase, an initiative and a document cited in the same sentence, an organization acting
on an initiative or named after it (the steering committee of a project).
"""
from __future__ import annotations

import re
from functools import cache

from .extract.titles import Title
from .lexicon import read_tsv, words_by_kind
from .model import Article, Kind, Mention, Relation
from .extract.known import entry
from .kb import body_ref, body_types
from .extract.orgs import head_of
from .posts import find_posts, switch_state

__all__ = ["relate"]


def _cues() -> dict[str, tuple[str, ...]]:
    return words_by_kind("relation_cues.tsv", "cue")


@cache
def _separator() -> re.Pattern:
    """What may stand between two items of a list: spaces, commas, "and", an abbreviation, or the
    parentheses around an abbreviation that is a mention itself (… (VNPT) กลุ่ม…)."""
    joins = "|".join(map(re.escape, _cues()["join"]))
    return re.compile(rf"^(?:[\s,()]|{joins}|\([A-Za-z\-]{{2,12}}\))*$")


def _salient_ministry(mentions: list[Mention]) -> int | None:
    """The ministry the article names most (a bare รัฐมนตรี there is its minister)."""
    counts: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if _is_ministry(m) and m.text and not m.attr("backref"):
            counts.setdefault(_org_identity(m), []).append(i)
    if not counts:
        return None
    ranked = sorted(counts.values(), key=len, reverse=True)
    if len(ranked) > 1 and len(ranked[0]) < 2 * len(ranked[1]):
        return None   # no ministry stands out: a bare title stays without organization
    return ranked[0][0]


def _sub_organizations(article: Article, mentions: list[Mention]) -> list[Relation]:
    text = article.text
    cues = _cues()
    out = []
    orgs = [(i, m) for i, m in enumerate(mentions) if m.kind is Kind.ORGANIZATION and m.end > m.start]
    for k, (i, m) in enumerate(orgs):
        # "<unit> <unit> (<ministry>)": the parenthesis covers the listed units
        # ("<name> (<its abbreviation>)" names no parent)
        if text[m.start - 1:m.start] == "(" and text[m.end:m.end + 1] == ")" and not m.attr("alias_of"):
            j = k - 1
            while j >= 0:
                ci, c = orgs[j]
                gap = text[c.end:(orgs[j + 1][1].start if j + 1 < k else m.start - 1)]
                if not _separator().match(gap):
                    break
                if c.attr("head") in ("dept", "centre", "office", "institute") or c.attr("subtype") == "Department":
                    out.append(Relation("sub_organization_of", ci, i, article.sentence_at(c.start)))
                j -= 1
            continue
        # "<body> ในสังกัด <body>", "<unit> ของ <ministry>"
        for ci, c in orgs[k + 1:k + 2]:
            gap = text[m.end:c.start].strip()
            if gap in cues["parent"] or (gap in cues["possessive"] and _is_unit(m) and _is_ministry(c)):
                out.append(Relation("sub_organization_of", i, ci, article.sentence_at(m.start)))
    out += _known_parents(article, mentions, orgs)
    # a unit and exactly one ministry in one sentence: the unit belongs to that ministry
    by_sentence: dict[int, list[int]] = {}
    for i, m in orgs:
        by_sentence.setdefault(article.sentence_at(m.start), []).append(i)
    for s, idx in sorted(by_sentence.items()):
        ministries = {_org_identity(mentions[i]) for i in idx if _is_ministry(mentions[i])}
        if len(ministries) != 1:
            continue
        parent = next(i for i in idx if _is_ministry(mentions[i]))
        for i in idx:
            if _is_unit(mentions[i]) and not mentions[i].attr("backref") and _same_state(mentions[i], mentions[parent]):
                out.append(Relation("sub_organization_of", i, parent, s))
    return out


def _known_parents(article: Article, mentions: list[Mention], orgs: list[tuple[int, Mention]]) -> list[Relation]:
    """A unit and the parent the knowledge base gives it, where the text ties the two: the
    parent is named right after it, or inside the unit's own name (คณะกรรมการตรวจสอบ
    คณะกรรมการพรรคจังหวัด…, คณะกรรมการชาติพันธุ์ของสภาประชาชนจังหวัด)."""
    out = []
    for i, m in orgs:
        known = entry(m.ref) if m.ref else None
        if known is None or not known.parent or not _unit_of(known, entry(known.parent)):
            continue
        parents = [(j, p) for j, p in orgs if p.ref == known.parent and j != i]
        tied = [j for j, p in parents if p.start >= m.end and _PARENT_AFTER.match(article.text[m.end:p.start])]
        if not tied and parents and _names_parent(m.text, known.parent):
            tied = [parents[0][0]]
        out += [Relation("sub_organization_of", i, j, article.sentence_at(m.start)) for j in tied[:1]]
    return out


# what may stand between a unit and its parent named right after it (กรมการกงสุล กระทรวงการต่างประเทศ)
_PARENT_AFTER = re.compile(r"^[ \u00a0,]*(?:ของ|แห่ง|ในสังกัด|สังกัด)?[ \u00a0]*$")


def _unit_of(child, parent) -> bool:
    """A department of its body, or a provincial body's committee of another body of the same
    province: what a reader calls a part of a body, unlike a ministry of the Government or a
    province's party committee of the Central Committee (each a body of its own standing)."""
    if parent is None:
        return False
    return child.subtype == "Department" or bool(child.province and child.province == parent.province)


def _names_parent(name: str, parent: str) -> bool:
    """Whether a body's name holds its parent's name (a province's body: the head word without the province)."""
    e = entry(parent)
    if e is None:
        return False
    heads = [h for b in body_types() if e.province and parent == body_ref(e.province, b.id) for h in b.heads]
    forms = e.thai + tuple(heads)
    return any(f and f in name and not name.startswith(f) for f in forms)


def _state(m: Mention) -> str | None:
    e = entry(m.ref) if m.ref else None
    return e.country if e else None


def _same_state(unit: Mention, parent: Mention) -> bool:
    """A Thai unit is never a Vietnamese ministry's, nor the reverse (when both are known)."""
    a, b = _state(unit), _state(parent)
    return a is None or b is None or a == b


def _org_identity(m: Mention) -> str:
    return m.ref or m.attr("antecedent") or m.text


_UNIT_HEADS = ("dept", "centre", "office", "institute")


def _is_unit(m: Mention) -> bool:
    """A department, centre, office or institute: by its knowledge-base subtype, or by its head
    word when the knowledge base says nothing else (แผนกโฆษณาชวนเชื่อกลาง is a Party body)."""
    if m.kind is not Kind.ORGANIZATION:
        return False
    known = entry(m.ref) if m.ref else None
    if known is not None and known.subtype not in ("Department", "Other"):
        return False
    head = head_of(m.text) if m.text else None
    return (m.attr("head") in _UNIT_HEADS or m.attr("subtype") == "Department"
            or (head is not None and head.cls in _UNIT_HEADS))


def _is_ministry(m: Mention) -> bool:
    return m.kind is Kind.ORGANIZATION and (m.attr("head") == "ministry" or m.attr("subtype") == "Ministry")


def _issued_by(article: Article, mentions: list[Mention]) -> list[Relation]:
    """A document's issuer: the organization its ของ… phrase names, else the one its code names.

    An issuer phrase that is no organization mention yet (ของนายกรัฐมนตรี: a title, not a
    name) becomes one; an issuer known only from the code suffix (1637/QĐ-BNG) joins the
    article's mention of that body, or an implicit one.
    """
    out = []
    for i, m in enumerate(list(mentions)):
        if m.kind is not Kind.DOCUMENT:
            continue
        target = None
        ref = m.attr("issuer_ref")
        if (start := m.attr("issuer_text_start")) is not None:
            s, e = int(start), int(m.attr("issuer_text_end") or start)
            named = m.attr("issuer_text_ref") or ref
            target = next((j for j, o in enumerate(mentions)
                           if o.kind is Kind.ORGANIZATION and abs(o.start - s) <= 1 and o.end > o.start), None)
            if target is None and named and not any(o.start < e and s < o.end for o in mentions if o.text):
                mentions.append(Mention(Kind.ORGANIZATION, s, e, article.text[s:e], "th", ref=named))
                target = len(mentions) - 1
            if target is not None and ref and mentions[target].ref not in (None, ref):
                target = None   # ของนายกรัฐมนตรี names the office; a QĐ-TTg is the Government's decision
        if target is None and ref:
            target = next((j for j, o in enumerate(mentions) if o.ref == ref and o.kind is Kind.ORGANIZATION), None)
            if target is None:
                mentions.append(Mention(Kind.ORGANIZATION, 0, 0, "", "th", ref=ref, attrs=(("implicit", "1"),)))
                target = len(mentions) - 1
        if target is not None:
            out.append(Relation("issued_by", i, target, article.sentence_at(m.start)))
    return out


def _implements(article: Article, mentions: list[Mention]) -> list[Relation]:
    """A document and the initiative nearest to it in its sentence (the one carried out under it);
    and an initiative said to be carried out under "this resolution" (ดำเนินการตามมติฉบับนี้): the
    last document of that kind named before."""
    out = []
    for j, d in enumerate(mentions):
        if d.kind is not Kind.DOCUMENT:
            continue
        s = article.sentence_at(d.start)
        near = [(max(m.start - d.end, d.start - m.end), m.start > d.start, i) for i, m in enumerate(mentions)
                if m.kind is Kind.INITIATIVE and article.sentence_at(m.start) == s]
        if near:
            out.append(Relation("implements", min(near)[2], j, s))
    for ref in _document_backrefs().finditer(article.text):
        s = article.sentence_at(ref.start())
        initiative = next((i for i, m in reversed(list(enumerate(mentions))) if m.kind is Kind.INITIATIVE and m.text
                           and m.end <= ref.start() and article.sentence_at(m.start) == s), None)
        document = next((j for j, d in reversed(list(enumerate(mentions))) if d.kind is Kind.DOCUMENT
                         and d.end <= ref.start() and d.attr("thai_type") == ref.group("type")), None)
        if initiative is not None and document is not None:
            out.append(Relation("implements", initiative, document, s))
    return out


@cache
def _document_backrefs() -> re.Pattern:
    """ดำเนินการตามมติฉบับนี้: an implementing verb, a document type word and a word pointing back."""
    types = {w for r in read_tsv("doc_types.tsv") for w in r["thai_words"].split("|") if w}
    cues = _cues()
    return re.compile(rf"(?:{_alt(cues['implement'])})[ \u00a0]?(?P<type>{_alt(types)})[ \u00a0]?(?:{_alt(cues['pointer'])})")


def _alt(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_AGENT_REACH = 200   # characters between an organization and the initiative it acts on
_RELATIVE_REACH = 16  # characters between an initiative and the ซึ่ง of a clause about it (ครั้งที่ 5)


def _partners(article: Article, mentions: list[Mention], issuers: set[int]) -> list[Relation]:
    """Organizations acting on an initiative.

    The organization named last before the initiative in its sentence (with any listed or
    joined to it by และ, and the one they act with: A ลงนามกับ B และ C), when no document or
    other initiative stands between them; one named after the initiative behind an agent cue
    (ดำเนินการโดย…, ร่วมกับ…); or the subject of a relative clause right after it (… ซึ่งสมาคม A จัดขึ้น).
    """
    text = article.text
    agent_cues = _cues()["agent"]
    out = []
    for i, m in enumerate(mentions):
        if m.kind is not Kind.INITIATIVE or not m.text:
            continue
        s = article.sentence_at(m.start)
        sent = article.sentences[s]
        named = [(j, o) for j, o in enumerate(mentions)
                 if o.kind is Kind.ORGANIZATION and o.end > o.start and j not in issuers
                 and article.sentence_at(o.start) == s]
        actors = [(j, o) for j, o in named if not _is_bystander(o)]
        before = [(j, o) for j, o in actors if o.end <= m.start and m.start - o.end <= _AGENT_REACH]
        if before:
            j, o = before[-1]
            if not _blocked(mentions, o.end, m.start):
                out.append(Relation("partner_in", j, i, s))
                # "กระทรวง A และกระทรวง B ได้ประสานงาน…": both act
                k = len(before) - 1
                while k > 0 and _separator().match(text[before[k - 1][1].end:o.start]):
                    k -= 1
                    out.append(Relation("partner_in", before[k][0], i, s))
                    o = before[k][1]
                # "A ลงนามกับ B, C และ D เพื่อร่วมกันดำเนินโครงการ…": A acts with them
                if k > 0 and text[before[k - 1][1].end:o.start].rstrip().endswith(_cues()["with"]):
                    out.append(Relation("partner_in", before[k - 1][0], i, s))
        # a cue names the agent outright, so even the Government counts (…ได้รับการสนับสนุนจากรัฐบาล)
        after = [(j, o) for j, o in named if o.start >= m.end]
        for k, (j, o) in enumerate(after):
            gap = text[max(sent.start, m.end):o.start].rstrip()
            # "เทศกาล… ครั้งที่ 5 ซึ่งสมาคม A จัดขึ้น": the subject of a clause on the initiative
            relative = next((c for c in _cues()["relative"] if gap.endswith(c)), None)
            if gap.endswith(agent_cues) or (relative and len(gap) - len(relative) <= _RELATIVE_REACH
                                            and not _is_bystander(o)):
                out.append(Relation("partner_in", j, i, s))
                # "ร่วมกับ Viettel และ VNPT": the joined ones act too
                for jj, oo in after[k + 1:]:
                    if not _separator().match(text[o.end:oo.start]):
                        break
                    out.append(Relation("partner_in", jj, i, s))
                    o = oo
    out += _by_predicate(article, mentions, issuers)
    return out


def _by_predicate(article: Article, mentions: list[Mention], issuers: set[int]) -> list[Relation]:
    """``…โครงการ X ที่นครโฮจิมินห์ ซึ่ง PV Power เป็นผู้ลงทุน``: an organization said to be the
    investor, owner, organiser or coordinator acts on the initiative named last before it in
    its sentence."""
    text = article.text
    predicate = re.compile(rf"[ \u00a0]?(?:{_alt(_cues()['predicate'])})")
    out = []
    for j, o in enumerate(mentions):
        if (o.kind is not Kind.ORGANIZATION or not o.text or j in issuers
                or not predicate.match(text, o.end)):
            continue
        s = article.sentence_at(o.start)
        before = [i for i, m in enumerate(mentions) if m.kind is Kind.INITIATIVE and m.text
                  and m.end <= o.start and article.sentence_at(m.start) == s]
        if before and not _blocked(mentions, mentions[before[-1]].end, o.start):
            out.append(Relation("partner_in", j, before[-1], s))
    return out


def _blocked(mentions: list[Mention], start: int, end: int) -> bool:
    """A document or another initiative between an organization and an initiative."""
    return any(start <= x.start and x.end <= end and x.kind in (Kind.DOCUMENT, Kind.INITIATIVE)
               for x in mentions if x.text)


@cache
def _bystanders() -> frozenset[str]:
    return frozenset(r["ref"] for r in read_tsv("relation_bystanders.tsv"))


def _is_bystander(m: Mention) -> bool:
    return (m.ref or "") in _bystanders() or m.attr("subtype") == "InternationalOrganization"


def _named_after(mentions: list[Mention]) -> list[Relation]:
    """A body named after an initiative (คณะกรรมการชี้นำเกี่ยวกับ<project>) carries it out."""
    out = []
    inits = [(i, m) for i, m in enumerate(mentions) if m.kind is Kind.INITIATIVE and m.text]
    for j, o in enumerate(mentions):
        if o.kind is not Kind.ORGANIZATION or not o.text:
            continue
        for i, m in inits:
            if len(m.text) >= 8 and m.text in o.text and not (o.start <= m.start < o.end):
                out.append(Relation("partner_in", j, i, 0))
    return out


def relate(article: Article, mentions: list[Mention], titles: list[Title]) -> tuple[list[Mention], list[Relation]]:
    """Relations of one article; implicit organizations (a role's default) are appended as mentions."""
    mentions = list(mentions)
    relations: list[Relation] = []
    posts = find_posts(article.text, mentions, titles, article.sentence_at,
                       article.event_date or article.published, _salient_ministry(mentions))
    mentions = switch_state(mentions, posts)
    implicit: dict[str, int] = {}
    for post in posts:
        org = post.org
        if org is None:
            if post.org_ref not in implicit:
                kind = Kind.PLACE if post.org_ref.startswith("place:") else Kind.ORGANIZATION
                implicit[post.org_ref] = len(mentions)
                mentions.append(Mention(kind, 0, 0, "", "th", ref=post.org_ref, attrs=(("implicit", "1"),)))
            org = implicit[post.org_ref]
        relations.append(Relation("holds_post", post.person, org, article.sentence_at(post.sentence_start),
                                  role=post.role, ended=post.ended))
    issued = _issued_by(article, mentions)
    relations += _sub_organizations(article, mentions)
    relations += issued
    relations += _implements(article, mentions)
    relations += _partners(article, mentions, {r.object for r in issued})
    relations += [replace_sentence(r, article, mentions) for r in _named_after(mentions)]
    return mentions, sorted(set(relations), key=lambda r: (r.kind, r.subject, r.object, r.role or ""))


def replace_sentence(r: Relation, article: Article, mentions: list[Mention]) -> Relation:
    """The evidence of a relation read from a name is the sentence of the later mention."""
    s = max(article.sentence_at(mentions[r.subject].start), article.sentence_at(mentions[r.object].start))
    return Relation(r.kind, r.subject, r.object, s, r.role)
