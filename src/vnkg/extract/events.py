"""The event an article reports: the first meeting or ceremony its opening sentences name."""
from __future__ import annotations

import re

from ..lexicon import words_by_kind
from ..model import Article, Event, Kind, Mention

__all__ = ["find_event"]

_OPENING = 4       # the reported event is named in the first sentences of a news report
_LABEL_CHARS = 80
_VENUE_REACH = 25  # characters between ณ / ที่ and the city


def _cues() -> dict[str, tuple[str, ...]]:
    return words_by_kind("event_cues.tsv", "cue")


def find_event(article: Article, mentions: list[Mention]) -> Event | None:
    """The reported event with its date, place, chair and participants, or None."""
    cues = _cues()
    regex = re.compile("|".join(re.escape(c) for c in cues["event"]))
    for s, sent in enumerate(article.sentences[:_OPENING]):
        m = regex.search(sent.text)
        if not m:
            continue
        # the event's name runs from the cue to the end of its clause (Thai spaces clauses)
        label = re.split(r"[\s\"“”(]", sent.text[m.start():m.start() + _LABEL_CHARS])[0]
        inside = [(i, x) for i, x in enumerate(mentions)
                  if sent.start <= x.start < sent.end and x.text and not x.attr("credit")]
        place = _venue(article, mentions, cues["at"])
        if place is None:
            place = next((i for i, x in inside if x.kind is Kind.PLACE), None)
        persons = [i for i, x in inside if x.kind is Kind.PERSON]
        chair = _chair(article, mentions, cues["chair"])
        participants = tuple(sorted(set(persons + [i for i, x in inside if x.kind is Kind.ORGANIZATION])))
        return Event(label=label, sentence=s, date=article.event_date, place=place, chair=chair,
                     participants=participants)
    return None


def _venue(article: Article, mentions: list[Mention], at_cues: tuple[str, ...]) -> int | None:
    """The first place of the opening sentences written after ณ / ที่ ("at")."""
    limit = article.sentences[min(_OPENING, len(article.sentences)) - 1].end
    at = re.compile("(?:" + "|".join(map(re.escape, at_cues)) + r")(?:\s|$)")
    for i, x in enumerate(mentions):
        # ณ ทำเนียบรัฐบาล กรุงฮานอย: the venue may come before the city in the same phrase
        before = article.text[max(0, x.start - _VENUE_REACH):x.start]
        if x.kind is Kind.PLACE and x.text and x.end <= limit and "\n" not in before and at.search(before):
            return i
    return None


def _chair(article: Article, mentions: list[Mention], chair_cues: tuple[str, ...]) -> int | None:
    """The last person named before "เป็นประธาน" in the same sentence."""
    text = article.text
    for cue in chair_cues:
        for m in re.finditer(re.escape(cue), text):
            sent = article.sentences[article.sentence_at(m.start())]
            before = [i for i, x in enumerate(mentions) if x.kind is Kind.PERSON and x.text
                      and not x.attr("credit") and sent.start <= x.start and x.end <= m.start()]
            if before:
                return before[-1]
    return None
