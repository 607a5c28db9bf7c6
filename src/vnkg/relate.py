"""Relations stated inside one article, between its mentions.

Posts come from title chains around a person's name (titles before it:
``รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงการต่างประเทศ นายบุย ทันห์ เซิน``; titles after it:
``สหายเหงียน มานห์ หุ่ง สมาชิกคณะกรรมการกลางพรรค รัฐมนตรีว่าการ…``). The other relations come
from the shape of one sentence: a parenthesised parent after a unit, a document's issuer
phrase, an initiative and a document cited in the same sentence, an organization acting
on an initiative.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .extract.titles import Title, honorific_regex
from .lexicon import read_tsv, words_by_kind
from .model import Article, Kind, Mention, Relation

__all__ = ["TitlePhrase", "title_phrases", "relate"]

_GAP = re.compile(r"^\s*$")
_ABBREVIATION = re.compile(r"\s*\([A-Za-z\-]{2,12}\)")


@dataclass(frozen=True)
class TitlePhrase:
    """A title with the organization it names (or the role's default)."""

    start: int
    end: int
    role: str
    org: int | None          # mention index
    default_org: str         # lexicon ref used when ``org`` is None


def _cues() -> dict[str, tuple[str, ...]]:
    return words_by_kind("relation_cues.tsv", "cue")


@cache
def _separator() -> re.Pattern:
    """What may stand between two items of a list: spaces, commas, "and", an abbreviation."""
    joins = "|".join(map(re.escape, _cues()["join"]))
    return re.compile(rf"^(?:[\s,]|{joins}|\([A-Za-z\-]{{2,12}}\))*$")


def _org_after(text: str, mentions: list[Mention], pos: int, posted: bool) -> int | None:
    """Index of the organization (or place) a title at ``pos`` names."""
    posted_cues = _cues()["posted"]
    for i, m in enumerate(mentions):
        if m.start < pos or not m.text:
            continue
        gap = text[pos:m.start]
        if posted:
            # เอกอัครราชทูต[เวียดนาม]ประจำ<org>: skip the sending country, then the cue
            if m.kind is Kind.PLACE and not gap.strip() and text.startswith(posted_cues, m.end):
                pos = m.end
                continue
            gap = re.sub("|".join(map(re.escape, posted_cues)), "", gap)
        if gap.strip():
            return None
        return i if m.kind in (Kind.ORGANIZATION, Kind.PLACE) else None
    return None


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


def title_phrases(text: str, mentions: list[Mention], titles: list[Title]) -> list[TitlePhrase]:
    out = []
    salient = _salient_ministry(mentions)
    for t in titles:
        org = None
        end = t.end
        if t.role.link != "none":
            org = _org_after(text, mentions, t.end, t.role.link == "posted")
            if org is not None:
                end = mentions[org].end
                # ผู้อำนวยการศูนย์…แห่งชาติ (NIC) หวู ก๊วก หวิ่ญ: the abbreviation belongs to the title
                if (abbrev := _ABBREVIATION.match(text, end)):
                    end = abbrev.end()
            elif t.role.bare == "ministry":
                org = salient
        if org is None and t.role.needs_org:
            # still part of a chain (รัฐมนตรี Bui Thanh Son), but it states no post
            out.append(TitlePhrase(t.start, end, t.role.role, None, ""))
            continue
        out.append(TitlePhrase(t.start, end, t.role.role, org, t.role.default_org if org is None else ""))
    return out


def _chain_before(text: str, phrases: list[TitlePhrase], pos: int) -> list[TitlePhrase]:
    chain: list[TitlePhrase] = []
    for p in sorted(phrases, key=lambda p: -p.end):
        if p.end > pos:
            continue
        gap = text[p.end:pos]
        if chain:
            if not _separator().match(gap):
                break
        elif not _GAP.match(honorific_regex().sub("", gap)):
            break
        chain.append(p)
        pos = p.start
    return chain


def _chain_after(text: str, phrases: list[TitlePhrase], persons: list[Mention], pos: int) -> list[TitlePhrase]:
    chain: list[TitlePhrase] = []
    starts = {m.start for m in persons}
    for p in sorted(phrases, key=lambda p: p.start):
        if p.start < pos:
            continue
        gap = text[pos:p.start]
        if not (_separator().match(gap) if chain else re.match(r"^[\s,]*$", gap)):
            break
        # a title right before another name belongs to that name
        if any(0 <= s - p.end <= 12 and _GAP.match(honorific_regex().sub("", text[p.end:s])) for s in starts):
            break
        chain.append(p)
        pos = p.end
    return chain


def _posts(article: Article, mentions: list[Mention], phrases: list[TitlePhrase]) -> list[tuple]:
    text = article.text
    persons = [m for m in mentions if m.kind is Kind.PERSON and not m.attr("credit")]
    found = []
    for i, m in enumerate(mentions):
        if m.kind is not Kind.PERSON or m.attr("credit"):
            continue
        chain = _chain_before(text, phrases, m.start) + _chain_after(text, phrases, persons, m.end)
        for p in chain:
            if p.org is None and not p.default_org:
                continue
            found.append((i, p, article.sentence_at(m.start)))
    return found


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
        # "<unit> ในสังกัด/ของ <ministry>"
        for ci, c in orgs[k + 1:k + 2]:
            gap = text[m.end:c.start].strip()
            if gap in cues["parent"] and _is_unit(m) and _is_ministry(c):
                out.append(Relation("sub_organization_of", i, ci, article.sentence_at(m.start)))
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
            if _is_unit(mentions[i]) and not mentions[i].attr("backref"):
                out.append(Relation("sub_organization_of", i, parent, s))
    return out


def _org_identity(m: Mention) -> str:
    return m.ref or m.attr("antecedent") or m.text


def _is_unit(m: Mention) -> bool:
    return m.kind is Kind.ORGANIZATION and (m.attr("head") in ("dept", "centre", "office", "institute")
                                            or m.attr("subtype") == "Department")


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
            target = next((j for j, o in enumerate(mentions)
                           if o.kind is Kind.ORGANIZATION and abs(o.start - s) <= 1 and o.text), None)
            if target is None and ref and not any(o.start < e and s < o.end for o in mentions if o.text):
                mentions.append(Mention(Kind.ORGANIZATION, s, e, article.text[s:e], "th", ref=ref))
                target = len(mentions) - 1
        if target is None and ref:
            target = next((j for j, o in enumerate(mentions) if o.ref == ref and o.kind is Kind.ORGANIZATION), None)
            if target is None:
                mentions.append(Mention(Kind.ORGANIZATION, 0, 0, "", "th", ref=ref, attrs=(("implicit", "1"),)))
                target = len(mentions) - 1
        if target is not None:
            out.append(Relation("issued_by", i, target, article.sentence_at(m.start)))
    return out


def _implements(article: Article, mentions: list[Mention]) -> list[Relation]:
    """A document and the initiative nearest to it in its sentence (the one carried out under it)."""
    out = []
    for j, d in enumerate(mentions):
        if d.kind is not Kind.DOCUMENT:
            continue
        s = article.sentence_at(d.start)
        near = [(max(m.start - d.end, d.start - m.end), m.start > d.start, i) for i, m in enumerate(mentions)
                if m.kind is Kind.INITIATIVE and article.sentence_at(m.start) == s]
        if near:
            out.append(Relation("implements", min(near)[2], j, s))
    return out


_AGENT_REACH = 200   # characters between an organization and the initiative it acts on


def _partners(article: Article, mentions: list[Mention], issuers: set[int]) -> list[Relation]:
    """Organizations acting on an initiative.

    The organization named last before the initiative in its sentence (with any joined to
    it by และ), when no document or other initiative stands between them; or one named
    after the initiative behind an agent cue (ดำเนินการโดย…, ร่วมกับ…).
    """
    text = article.text
    agent_cues = _cues()["agent"]
    out = []
    for i, m in enumerate(mentions):
        if m.kind is not Kind.INITIATIVE or not m.text:
            continue
        s = article.sentence_at(m.start)
        sent = article.sentences[s]
        actors = [(j, o) for j, o in enumerate(mentions)
                  if o.kind is Kind.ORGANIZATION and o.end > o.start and j not in issuers
                  and article.sentence_at(o.start) == s and not _is_bystander(o)]
        before = [(j, o) for j, o in actors if o.end <= m.start and m.start - o.end <= _AGENT_REACH]
        if before:
            j, o = before[-1]
            if not _blocked(mentions, o.end, m.start):
                out.append(Relation("partner_in", j, i, s))
                # "กระทรวง A และกระทรวง B ได้ประสานงาน…": both act
                for k, p in reversed(before[:-1]):
                    if not _separator().match(text[p.end:o.start]):
                        break
                    out.append(Relation("partner_in", k, i, s))
                    o = p
        after = [(j, o) for j, o in actors if o.start >= m.end]
        for k, (j, o) in enumerate(after):
            if text[max(sent.start, m.end):o.start].rstrip().endswith(agent_cues):
                out.append(Relation("partner_in", j, i, s))
                # "ร่วมกับ Viettel และ VNPT": the joined ones act too
                for jj, oo in after[k + 1:]:
                    if not _separator().match(text[o.end:oo.start]):
                        break
                    out.append(Relation("partner_in", jj, i, s))
                    o = oo
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


def relate(article: Article, mentions: list[Mention], titles: list[Title]) -> tuple[list[Mention], list[Relation]]:
    """Relations of one article; implicit organizations (a role's default) are appended as mentions."""
    mentions = list(mentions)
    relations: list[Relation] = []
    phrases = title_phrases(article.text, mentions, titles)
    implicit: dict[str, int] = {}
    for person, phrase, sentence in _posts(article, mentions, phrases):
        org = phrase.org
        if org is None:
            if phrase.default_org not in implicit:
                kind = Kind.PLACE if phrase.default_org.startswith("place:") else Kind.ORGANIZATION
                implicit[phrase.default_org] = len(mentions)
                mentions.append(Mention(kind, 0, 0, "", "th", ref=phrase.default_org, attrs=(("implicit", "1"),)))
            org = implicit[phrase.default_org]
        relations.append(Relation("holds_post", person, org, sentence, role=phrase.role))
    issued = _issued_by(article, mentions)
    relations += _sub_organizations(article, mentions)
    relations += issued
    relations += _implements(article, mentions)
    relations += _partners(article, mentions, {r.object for r in issued})
    return mentions, sorted(set(relations), key=lambda r: (r.kind, r.subject, r.object, r.role or ""))
