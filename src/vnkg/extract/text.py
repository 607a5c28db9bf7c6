"""Word boundaries and lexicon lookup in Thai text, which has no spaces between words.

A lexicon term only counts where it starts and ends on a word boundary (ลาว must not
match inside กล่าว). Boundaries come from one newmm pass per article with a dictionary
that also knows every lexicon term, so newmm keeps our names whole. The pass is nlpO3's
newmm (PyThaiNLP's own Rust port): on the seeds, the dev set and the probe sets it cuts Thai
exactly where pythainlp's newmm cuts it wherever Thai meets Thai (the only cuts read
here; Latin and punctuation boundaries come from the characters), and the graphs
built either way are byte-identical, at about a third of the time.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Iterable

import nlpo3
from pythainlp.corpus import thai_words

from ..lexicon import longest_alternation

__all__ = ["Term", "Gazetteer", "Boundaries", "is_thai", "boundaries_of"]

_THAI = re.compile(r"[\u0E00-\u0E7F]")
_SPACE = " \t\u00a0\u200b"
_SPACES = re.compile("[" + _SPACE + "]")


def is_thai(ch: str) -> bool:
    return bool(ch) and "\u0E00" <= ch <= "\u0E7F"


@dataclass(frozen=True)
class Term:
    """One surface form of a lexicon entry."""

    form: str
    kind: str          # model.Kind value, or "role" / "honorific"
    ref: str           # lexicon id, e.g. ``org:mofa``
    lang: str


_extra_words: set[str] = set()


def register_words(words: Iterable[str]) -> None:
    """Add lexicon terms to the tokenizer's dictionary (before the first tokenization)."""
    _extra_words.update(w for w in words if _THAI.search(w) and " " not in w)
    _dictionary.cache_clear()


@cache
def _dictionary() -> str:
    """Load pythainlp's word list and the lexicon terms into nlpO3 (once per process and word
    list: nlpO3 reads a dictionary only from a file, and never replaces a loaded name)."""
    text = "\n".join(sorted(set(thai_words()) | _extra_words))
    name = "vnkg-" + hashlib.sha256(text.encode()).hexdigest()[:16]
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write(text)
    try:
        message, loaded = nlpo3.load_dict(f.name, name)
    finally:
        os.unlink(f.name)
    if not loaded and "already" not in message:
        raise RuntimeError(f"nlpO3 could not load the tokenizer dictionary: {message}")
    return name


class Boundaries:
    """Word-boundary offsets of one text."""

    def __init__(self, text: str, cuts: set[int]):
        self.text = text
        self.cuts = cuts
        self._sorted = sorted(cuts)

    def add(self, offsets) -> None:
        """Declare more word boundaries (the end of a title glued to a name: ประธานรัฐสภา)."""
        self.cuts.update(offsets)
        self._sorted = sorted(self.cuts)

    def tokens(self, start: int, end: int) -> list[str]:
        """The words of ``text[start:end]`` as the article's tokenization cut them."""
        i = bisect_right(self._sorted, start)
        edges = [start] + self._sorted[i:bisect_left(self._sorted, end, i)] + [end]
        return [self.text[a:b] for a, b in zip(edges, edges[1:]) if b > a]

    def word_start(self, offset: int) -> int:
        """Where the word that contains ``offset`` starts (the last cut at or before it)."""
        i = bisect_right(self._sorted, offset)
        return self._sorted[i - 1] if i else 0

    def at(self, offset: int) -> bool:
        """True when a word may start or end at ``offset``."""
        text = self.text
        if offset <= 0 or offset >= len(text):
            return True
        left, right = text[offset - 1], text[offset]
        if not (is_thai(left) and is_thai(right)):
            # Latin next to Latin is one word; anything else next to Thai is a boundary
            return not (left.isalnum() and right.isalnum())
        return offset in self.cuts


def boundaries_of(text: str) -> Boundaries:
    """Tokenize ``text`` once (nlpO3 newmm) and keep the cut offsets."""
    tokens = nlpo3.segment(text, _dictionary())
    return Boundaries(text, set(accumulate(map(len, tokens), initial=0)))


class Gazetteer:
    """Finds lexicon terms in text, ignoring spaces inside Thai forms.

    Machine translation spaces long Thai names at random (คณะกรรมการอำนวยการกลางด้าน
    วิทยาศาสตร์ …), so Thai forms are matched on the text with spaces removed and the
    offsets mapped back. Latin forms are matched as written, on Latin word boundaries.
    """

    def __init__(self, terms: Iterable[Term]):
        self.by_key: dict[str, list[Term]] = {}
        for t in terms:
            self.by_key.setdefault(self._key(t.form), []).append(t)
        self._regex = re.compile(longest_alternation(self.by_key)) if self.by_key else None

    @staticmethod
    def _key(form: str) -> str:
        return "".join(ch for ch in form if ch not in _SPACE)

    def find(self, text: str, bounds: Boundaries) -> list[tuple[int, int, list[Term]]]:
        """Non-overlapping longest matches as ``(start, end, terms)``, in text order."""
        if self._regex is None:
            return []
        flat = _SPACES.sub("", text)
        # flat offset of each removed space: the text offset of flat[i] is i + spaces before it
        gaps = [m.start() - k for k, m in enumerate(_SPACES.finditer(text))]
        where = _Offsets(gaps)
        out = []
        pos = 0
        while pos < len(flat):
            m = self._regex.search(flat, pos)
            if not m:
                break
            hit = self._longest_bounded(flat, where, m.start(), m.end(), bounds)
            if hit:
                stop, key = hit
                out.append((where[m.start()], where[stop - 1] + 1, self.by_key[key]))
                pos = stop
            else:
                pos = m.start() + 1
        return out

    def _longest_bounded(self, flat, where: _Offsets, start, end, bounds):
        """The longest term at ``start`` (at most ``end``) that sits on word boundaries."""
        if not bounds.at(where[start]):
            return None
        for stop in range(end, start, -1):
            key = flat[start:stop]
            if key in self.by_key and (bounds.at(where[stop - 1] + 1)
                                       or len(key) >= _LONG_TERM and _word_follows(bounds, where[stop - 1] + 1)):
                return stop, key
        return None


# A long name the tokenizer cut inside because of the word glued after it (กรมการ|เมืองออก|มติ:
# the Politburo, then "issued") still ends where a dictionary word starts that ends on a cut; a
# short one (ไทย in ไทยรัฐ) must end on a cut of its own.
_LONG_TERM = 8


def _word_follows(bounds: Boundaries, pos: int) -> bool:
    words = thai_words()
    return any(bounds.text[pos:pos + n] in words and bounds.at(pos + n) for n in range(2, 13))


class _Offsets:
    """``where[i]``: the text offset of character ``i`` of the text with spaces removed."""

    def __init__(self, gaps: list[int]):
        self.gaps = gaps

    def __getitem__(self, i: int) -> int:
        return i + bisect_right(self.gaps, i)
