"""Extraction of a long article in pieces, so that its cost grows with its length.

Some steps of extraction compare every mention of an article with every other one (the
organization acting on an initiative, a mention inside spans already taken): fine for a
news article of a few thousand characters, quadratic for a 4 MB page. An article longer
than ``CHUNK`` characters is therefore extracted a run of whole sentences at a time (the
cleaner keeps every sentence under ``clean.MAX_LINE`` characters), and the pieces are put
back together: offsets, mention indices and sentence indices shifted to the whole
article. The article's event is the one its opening piece reports, as it is read from the
opening sentences anyway; the publisher, a mention without a span, comes once.
"""
from __future__ import annotations

from dataclasses import replace

from .extract import extract
from .model import Article, Credit, Event, Extraction, Mention, Relation, Sentence, Statement

__all__ = ["CHUNK", "extract_article"]

CHUNK = 20_000      # characters; news articles are shorter, seeds at most about 10,000


def extract_article(article: Article) -> Extraction:
    """``extract(article)``, in pieces of at most about CHUNK characters when it is longer."""
    if len(article.text) <= CHUNK:
        return extract(article)
    mentions: list[Mention] = []
    relations: list[Relation] = []
    statements: list[Statement] = []
    events: tuple[Event, ...] = ()
    for n, (lo, hi) in enumerate(_pieces(article.sentences)):
        sentences = article.sentences[lo:hi]
        start, end = sentences[0].start, sentences[-1].end
        piece = replace(
            article, text=article.text[start:end], publisher=article.publisher if n == 0 else None,
            sentences=tuple(Sentence(s.start - start, s.end - start, s.text) for s in sentences),
            credits=tuple(Credit(c.start - start, c.end - start, c.name, c.agency) for c in article.credits
                          if start <= c.start and c.end <= end))
        part = extract(piece)
        base = len(mentions)
        mentions += [m if m.end == m.start else replace(m, start=m.start + start, end=m.end + start)
                     for m in part.mentions]     # the publisher has no span
        relations += [replace(r, subject=r.subject + base, object=r.object + base, sentence=r.sentence + lo)
                      for r in part.relations]
        statements += [replace(s, speaker=s.speaker + base, start=s.start + start, end=s.end + start,
                               sentence=s.sentence + lo) for s in part.statements]
        if n == 0:
            events = part.events
    return Extraction(article, tuple(mentions), tuple(relations), tuple(statements), events)


def _pieces(sentences: tuple[Sentence, ...]) -> list[tuple[int, int]]:
    """Runs of consecutive sentences (index ranges), each spanning at most CHUNK characters
    unless one sentence alone is longer."""
    runs, lo = [], 0
    for i in range(1, len(sentences) + 1):
        if i == len(sentences) or sentences[i].end - sentences[lo].start > CHUNK:
            runs.append((lo, i))
            lo = i
    return runs
