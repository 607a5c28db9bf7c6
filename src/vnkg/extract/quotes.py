"""Statements: a quotation and the person who said it, in the same sentence."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .. import names
from ..lexicon import read_tsv
from ..model import Article, Kind, Mention, Relation, Statement
from .titles import Title

__all__ = ["find_statements"]

_QUOTE = re.compile(r"“([^“”\n]{20,600})”|\"([^\"\n]{20,600})\"")
_NEAR = 160   # characters between a speaker and the quotation
_CUE_TO_QUOTE = 25   # "… กล่าวว่า “…”": the speech verb stands right before the quotation
_TITLE_REACH = 3     # "“…” ประธานรัฐสภากล่าว": the title follows the closing quote


@cache
def _cue_regex() -> re.Pattern:
    cues = sorted((r["cue"] for r in read_tsv("speech_cues.tsv")), key=len, reverse=True)
    return re.compile("|".join(re.escape(c) for c in cues))


def _by_title(article: Article, mentions: list[Mention], titles: Sequence[Title], relations: Sequence[Relation],
              pos: int, limit: int) -> int | None:
    """``“…” ประธานรัฐสภากล่าว``: the one person of the article who holds the speaking title."""
    title = next((t for t in titles if pos <= t.start <= pos + _TITLE_REACH and t.start < limit), None)
    if title is None or not _cue_regex().search(article.text, title.end, min(limit, title.end + 40)):
        return None
    org = next((m for m in mentions if m.start == title.end and m.text), None)
    holders = sorted(r.subject for r in relations if r.kind == "holds_post" and r.role == title.role.role
                     and (org is None or _same_body(mentions[r.object], org)))
    people = {names.name_key(mentions[i].text) for i in holders}
    return holders[0] if len(people) == 1 else None


def _same_body(a: Mention, b: Mention) -> bool:
    return (a.ref or a.text) == (b.ref or b.text)


def find_statements(article: Article, mentions: list[Mention], titles: Sequence[Title] = (),
                    relations: Sequence[Relation] = ()) -> list[Statement]:
    """Quotations attributed to the nearest speaking person of their sentence, or to the
    article's holder of the title that speaks them."""
    text = article.text
    persons = [(i, m) for i, m in enumerate(mentions)
               if m.kind is Kind.PERSON and not m.attr("credit") and m.text]
    out = []
    for q in _QUOTE.finditer(text):
        start, end = q.span(1) if q.group(1) else q.span(2)
        if any(m.start <= start and end <= m.end for m in mentions):
            continue   # a quoted name (การเคลื่อนไหว “…”) is no statement
        s = article.sentence_at(start)
        sent = article.sentences[s]
        # speaker before the quotation with a speech verb between ("X กล่าวว่า “…”")
        before = [(i, m) for i, m in persons if sent.start <= m.start and m.end <= q.start()
                  and q.start() - m.end <= _NEAR
                  and _cue_regex().search(text, max(m.end, q.start() - _CUE_TO_QUOTE), q.start())]
        # or after it ("“…” รัฐมนตรี X กล่าว")
        after = [(i, m) for i, m in persons if q.end() <= m.start < sent.end and m.start - q.end() <= _NEAR
                 and _cue_regex().search(text, m.end, min(sent.end, m.end + 40))]
        speaker = before[-1][0] if before else after[0][0] if after else None
        if speaker is None:
            speaker = _by_title(article, mentions, titles, relations, q.end(), sent.end)
        if speaker is not None:
            out.append(Statement(speaker, start, end, text[start:end], s))
    return out
