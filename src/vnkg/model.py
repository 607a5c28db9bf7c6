"""Plain data passed between the pipeline stages.

load → clean → extract → resolve → relate → rdf. Every stage takes and returns these
frozen dataclasses; offsets always refer to ``Article.text`` (the cleaned text).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path

__all__ = [
    "Kind", "RawArticle", "Sentence", "Credit", "Article", "Mention", "Relation",
    "Statement", "Event", "Extraction", "Entity", "ArticleError",
]


class Kind(str, Enum):
    """The kinds of entity the graph holds (names match CONTRACT.md)."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    DOCUMENT = "LegalDocument"
    INITIATIVE = "Initiative"
    PLACE = "Place"


class ArticleError(Exception):
    """An input that cannot be built; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class RawArticle:
    """A decoded input file, before cleaning."""

    path: str          # as given on the command line (for messages)
    name: str          # file name, e.g. ``000_25a7b5f8fcc804d9.txt`` (dcterms:identifier)
    text: str          # decoded, NFC-normalised, newlines as ``\n``
    encoding: str      # the encoding that decoded it (``utf-8``, ``utf-16``, ``cp874`` …)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str          # == Article.text[start:end]


def _start(s: Sentence) -> int:
    return s.start


@dataclass(frozen=True)
class Credit:
    """A photo credit (``ภาพ: แถ่ง ลอง``, ``VGP/Hai Minh``): the span is the credited name."""

    start: int
    end: int
    name: str          # == Article.text[start:end]
    agency: str | None = None   # ``VGP`` in ``VGP/Hai Minh``


@dataclass(frozen=True)
class Article:
    """A cleaned article: the text every later offset refers to, and its metadata."""

    name: str
    path: str
    sha: str                      # sha256 hex of ``text``
    text: str
    title: str | None
    source_url: str | None
    published: date | None        # the page's date line (``22/12/2023``)
    event_date: date | None       # the reported event's date, from Thai date phrases
    sentences: tuple[Sentence, ...]
    credits: tuple[Credit, ...] = ()
    dropped_lines: int = 0        # boilerplate lines removed by cleaning
    publisher: str | None = None  # the outlet named on the date line (Báo …)

    @property
    def id(self) -> str:
        """Short content hash used in the article's IRI."""
        return self.sha[:16]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (the last one if past the end)."""
        # sentences are in text order and never overlap (clean.split_sentences)
        i = bisect_right(self.sentences, offset, key=_start) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return max(len(self.sentences) - 1, 0)


@dataclass(frozen=True)
class Mention:
    """A span of the cleaned text that names an entity.

    ``ref`` is a lexicon identifier when the mention was recognised from a lexicon
    (``org:mofa``, ``place:hanoi``), the canonical code for documents (``57-NQ/TW``),
    else None. ``attrs`` carries what the text says about the entity at this mention
    (sorted key/value pairs so that mentions stay hashable and ordered).
    """

    kind: Kind
    start: int
    end: int
    text: str                      # == Article.text[start:end]
    lang: str = "th"               # language tag of the surface form: th, en, vi
    ref: str | None = None
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.attrs:
            if k == key:
                return v
        return default


@dataclass(frozen=True)
class Relation:
    """A fact stated by one sentence, between two mentions of the same article.

    kinds: ``holds_post`` (person → org, with ``role``), ``sub_organization_of``
    (child → parent), ``issued_by`` (document → org), ``implements`` (initiative →
    document), ``partner_in`` (org → initiative).
    """

    kind: str
    subject: int                   # index into Extraction.mentions
    object: int
    sentence: int                  # index into Article.sentences (the evidence)
    role: str | None = None        # role concept id (``Minister``) for holds_post
    ended: str = ""                # a holds_post the knowledge base says had ended by the
                                   # article's date: the end of term (YYYY or YYYY-MM-DD)


@dataclass(frozen=True)
class Statement:
    """Who said what: a quotation attributed to a person mention."""

    speaker: int                   # index into Extraction.mentions
    start: int                     # span of the quoted text
    end: int
    text: str
    sentence: int


@dataclass(frozen=True)
class Event:
    """The meeting or ceremony an article reports."""

    label: str
    sentence: int
    date: date | None = None
    place: int | None = None               # mention index
    chair: int | None = None               # mention index
    participants: tuple[int, ...] = ()     # mention indices
    english: str = ""                      # the knowledge base's name of a congress or plenum


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article, before cross-article resolution."""

    article: Article
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass
class Entity:
    """One real-world thing after resolution: a node of the graph."""

    iri: str
    kind: Kind
    label: str
    label_lang: str
    names: dict[str, str] = field(default_factory=dict)     # surface form → language tag
    attrs: dict[str, str] = field(default_factory=dict)     # english, latin, subtype, code, doc_type, date …
