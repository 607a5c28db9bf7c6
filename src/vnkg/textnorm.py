"""Text hygiene before anything reads the text: one spelling for one string.

Real Thai pages carry the same word in several byte sequences: the decomposed sara am
(nikhahit + sara aa), tone marks typed before a vowel sign, doubled vowel signs,
zero-width spaces and joiners, byte-order marks, non-breaking and thin spaces. Matching a
lexicon form against them fails silently, so every article is normalised once, here.
PyThaiNLP's rules do the Thai reordering; Unicode's NFC does the rest.
"""
from __future__ import annotations

import re
import unicodedata

from pythainlp.util import remove_repeat_vowels, reorder_vowels

__all__ = ["normalize"]

# invisible characters that split words for a matcher but not for a reader
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# every horizontal space a page may use, as one ordinary space
_SPACE_RUN = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def normalize(text: str) -> str:
    """``text`` in one canonical spelling; line breaks are kept, spaces within a line
    collapse to one.

    >>> normalize("น\\u0e4d\\u0e49\\u0e32") == "น้ำ"
    True
    >>> normalize("เหงียน\\u200bมานห์\\u00a0\\u00a0หุ่ง")
    'เหงียนมานห์ หุ่ง'
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _SPACE_RUN.sub(" ", text)
    return remove_repeat_vowels(reorder_vowels(text))
