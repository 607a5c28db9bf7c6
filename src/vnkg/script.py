"""Which script a string is written in, and the language tag its surface form gets.

Careful with ranges: ``À-ỹ`` spans U+00C0–U+1EF9 and so contains the whole Thai block;
Latin letters are listed block by block instead.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["LATIN", "LATIN_UPPER", "LATIN_LOWER", "has_thai", "has_latin", "language_of", "fold"]

#: Latin letters: ASCII, Latin-1, Extended-A/B and Extended Additional (Vietnamese)
LATIN = "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF"
LATIN_UPPER = "A-Z\u00C0-\u00D6\u00D8-\u00DE\u0110"
LATIN_LOWER = "a-z\u00DF-\u00F6\u00F8-\u00FF\u0100-\u024F\u1E00-\u1EFF"

_THAI = re.compile(r"[\u0E00-\u0E7F]")
_LATIN_RE = re.compile(f"[{LATIN}]")
_VIETNAMESE = re.compile("[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]")


def has_thai(text: str) -> bool:
    return bool(_THAI.search(text))


def has_latin(text: str) -> bool:
    return bool(_LATIN_RE.search(text))


def language_of(form: str) -> str:
    """``th`` for Thai script, ``vi`` for Latin with Vietnamese letters, else ``en``."""
    if has_thai(form) or not has_latin(form):
        return "th"
    return "vi" if _VIETNAMESE.search(form) else "en"


def fold(text: str) -> str:
    """Case- and diacritic-free Latin (Đ = D), for comparing Latin names."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn").casefold()
