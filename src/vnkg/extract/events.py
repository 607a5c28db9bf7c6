"""The event an article reports: the first meeting or ceremony its opening sentences name.

The event is named by what the sentence says of it: a congress or plenum the knowledge base
knows (``events.tsv``) by its name; otherwise the cue and the words that qualify it up to the
end of its clause (การประชุมครั้งที่ 48), never cut inside a word, and, where that says only
"the meeting", the body that holds it (else the first body its sentence names) and the place
(การประชุม — คณะกรรมการตรวจสอบกลาง, กรุงฮานอย).
"""
from __future__ import annotations

import re
from functools import cache

from ..lexicon import kb_rows, longest_alternation, split_values, words_by_kind
from ..model import Article, Event, Kind, Mention
from .text import Boundaries
from .titles import honorific_regex

__all__ = ["find_event"]

_OPENING = 4       # the reported event is named in the first sentences of a news report
_LABEL_CHARS = 120  # a clause longer than this is cut at the last word boundary
_VENUE_REACH = 25  # characters between ณ / ที่ and the city


def _cues() -> dict[str, tuple[str, ...]]:
    return words_by_kind("event_cues.tsv", "cue")


@cache
def _known_events() -> tuple[re.Pattern, dict[str, str]]:
    """Congresses, plenums and parliamentary terms of the knowledge base: English name by Thai form."""
    by_form: dict[str, str] = {}
    for r in kb_rows("events.tsv"):
        for form in split_values(r["thai"]):
            by_form.setdefault(form.replace(" ", ""), r["english"])
    return re.compile(longest_alternation(by_form, joint="[ \u00a0]?")), by_form


@cache
def _clause_stop() -> re.Pattern:
    """What ends an event's name: a stop word after a space, or one that ends it even glued."""
    alt = lambda kind: "|".join(map(re.escape, sorted(_cues()[kind], key=len, reverse=True)))  # noqa: E731
    return re.compile(rf"\n|[\"“”(,]|\s(?:{alt('stop')})|(?:{alt('glued_stop')})")


def _label(article: Article, bounds: Boundaries, start: int, sent_end: int, mentions: list[Mention]) -> str:
    """The cue and its qualifiers up to the clause's end; cut on a word boundary."""
    text = article.text
    cue = re.match("|".join(map(re.escape, _cues()["event"])), text[start:])
    body_from = start + (cue.end() if cue else 0)
    stop = _clause_stop().search(text, body_from, sent_end)
    end = stop.start() if stop else sent_end
    # a person named inside the clause begins its own phrase (… โดยมีสหาย …)
    end = min([end] + [m.start for m in mentions if m.kind is Kind.PERSON and body_from <= m.start < end])
    if end - start > _LABEL_CHARS:
        cuts = [c for c in bounds.cuts if start < c <= start + _LABEL_CHARS]
        end = max(cuts) if cuts else start + _LABEL_CHARS
    label = text[start:end].rstrip()
    # the honorific before a name that ends the clause is the name's, not the event's
    while (h := _trailing_honorific().search(label)) and h.start() > len(label) // 2:
        label = label[:h.start()].rstrip()
    return label


@cache
def _trailing_honorific() -> re.Pattern:
    return re.compile(f"(?:{honorific_regex().pattern})$")


def _generic(label: str) -> bool:
    """A name that says only "the meeting" (การประชุม, การประชุมครั้งนี้)."""
    rest = label
    for cue in _cues()["event"]:
        if rest.startswith(cue):
            rest = rest[len(cue):]
            break
    for word in _cues()["generic"]:
        rest = rest.replace(word, "")
    return not re.sub(r"[\s0-9๐-๙]", "", rest)


def find_event(article: Article, mentions: list[Mention], bounds: Boundaries) -> Event | None:
    """The reported event with its date, place, chair and participants, or None."""
    cues = _cues()
    regex = re.compile("|".join(re.escape(c) for c in cues["event"]))
    known, by_form = _known_events()
    for s, sent in enumerate(article.sentences[:_OPENING]):
        hit = known.search(article.text, sent.start, sent.end)
        m = regex.search(article.text, sent.start, sent.end)
        if not (hit or m):
            continue
        inside = [(i, x) for i, x in enumerate(mentions)
                  if sent.start <= x.start < sent.end and x.text and not x.attr("credit")]
        place = _venue(article, mentions, cues["at"])
        if place is None:
            place = next((i for i, x in inside if x.kind is Kind.PLACE), None)
        english = ""
        if hit:
            label, english = hit.group(), by_form[re.sub("[ \u00a0]", "", hit.group())]
        else:
            label = _label(article, bounds, m.start(), sent.end, mentions)
            if _generic(label):
                orgs = [x for _, x in inside if x.kind is Kind.ORGANIZATION]
                # the body named before the cue holds it; failing that, the first one the sentence names
                host = next((x.text for x in orgs if x.end <= m.start()), None) or next((x.text for x in orgs), None)
                where = mentions[place].text if place is not None else None
                label = " — ".join(filter(None, [label, ", ".join(filter(None, [host, where]))]))
        persons = [i for i, x in inside if x.kind is Kind.PERSON]
        chair = _chair(article, mentions, cues["chair"])
        participants = tuple(sorted(set(persons + [i for i, x in inside if x.kind is Kind.ORGANIZATION])))
        return Event(label=label, sentence=s, date=article.event_date, place=place, chair=chair,
                     participants=participants, english=english)
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
