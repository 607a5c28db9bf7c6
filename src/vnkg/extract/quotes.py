"""Statements: a quotation and the person who said it, in the same sentence."""
from __future__ import annotations

import re
from functools import cache

from ..lexicon import read_tsv
from ..model import Article, Kind, Mention, Statement

__all__ = ["find_statements"]

_QUOTE = re.compile(r"“([^“”\n]{20,600})”|\"([^\"\n]{20,600})\"")
_NEAR = 160   # characters between a speaker and the quotation
_CUE_TO_QUOTE = 25   # "… กล่าวว่า “…”": the speech verb stands right before the quotation


@cache
def _cue_regex() -> re.Pattern:
    cues = sorted((r["cue"] for r in read_tsv("speech_cues.tsv")), key=len, reverse=True)
    return re.compile("|".join(re.escape(c) for c in cues))


def find_statements(article: Article, mentions: list[Mention]) -> list[Statement]:
    """Quotations attributed to the nearest speaking person of their sentence."""
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
        if speaker is not None:
            out.append(Statement(speaker, start, end, text[start:end], s))
    return out
