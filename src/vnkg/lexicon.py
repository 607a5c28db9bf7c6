"""Lexicons are data: TSV files in ``ontology/lexicons/`` with a header row.

Multi-valued cells separate values with ``|``. Lines starting with ``#`` are comments.
Files are read once per process (``functools.cache``).
"""
from __future__ import annotations

import csv
import os
import re
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

__all__ = ["ontology_dir", "read_tsv", "kb_rows", "split_values", "words_by_kind", "longest_alternation"]


class DataMissing(RuntimeError):
    """vnkg's own data (the ontology folder) cannot be found: an installation problem,
    not a problem of the articles being read."""


def ontology_dir() -> Path:
    """The ``ontology/`` folder: ``$VNKG_ONTOLOGY``; else the package's own copy
    (``vnkg/ontology``, package data of an installed wheel, found through
    importlib.resources); else the one beside ``src/`` in a source checkout."""
    env = os.environ.get("VNKG_ONTOLOGY")
    packaged = resources.files("vnkg") / "ontology"
    folder = (Path(env) if env else Path(str(packaged)) if packaged.is_dir()
              else Path(__file__).resolve().parents[2] / "ontology")
    if not folder.is_dir():
        where = "$VNKG_ONTOLOGY" if env else "the installed package"
        raise DataMissing(f"vnkg's ontology folder (vocabulary, lexicons, queries) is missing: {folder} "
                          f"(from {where}). Reinstall vnkg, or set VNKG_ONTOLOGY to the folder.")
    return folder


@cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``ontology/lexicons/NAME`` as dicts (values NFC-normalised, stripped)."""
    return _rows(ontology_dir() / "lexicons" / name)


def _rows(path: Path) -> tuple[dict[str, str], ...]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(
        {k.strip(): unicodedata.normalize("NFC", (v or "").strip()) for k, v in row.items() if k}
        for row in rows
    )


@cache
def kb_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``ontology/kb/NAME``, the knowledge base (same format as the lexicons)."""
    return _rows(ontology_dir() / "kb" / name)


def split_values(cell: str) -> list[str]:
    """``"a|b| c"`` → ``["a", "b", "c"]`` (empty parts dropped)."""
    return [v.strip() for v in cell.split("|") if v.strip()]


@cache
def words_by_kind(name: str, word: str, kind: str = "kind") -> dict[str, tuple[str, ...]]:
    """Column ``word`` of a lexicon grouped by column ``kind``, longest first (so that
    alternations built from them try ``กล่าวว่า`` before ``กล่าว``)."""
    out: dict[str, list[str]] = {}
    for row in read_tsv(name):
        out.setdefault(row[kind], []).append(row[word])
    return {k: tuple(sorted(dict.fromkeys(v), key=lambda w: (-len(w), w))) for k, v in out.items()}


def longest_alternation(words: Iterable[str], letter: Callable[[str], str] = re.escape,
                        joint: str = "") -> str:
    """Regex matching the longest of ``words`` at a position, as a prefix tree.

    Same matches as the longest-first alternation ``a|b|…`` of the escaped words, but
    ``re`` tries one branch per character instead of every word at every offset
    (a flat alternation of a few hundred Thai names scans about 0.6 MB/s). ``letter``
    gives the pattern of one character (``re.escape`` by default), ``joint`` what may
    stand between two letters of a word.
    """
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    root.pop("", None)   # an empty word would match everywhere
    return _branch(root, letter, joint, "") or "(?!)"


def _branch(node: dict, letter: Callable[[str], str], joint: str, lead: str) -> str:
    alts = []
    for ch in sorted(c for c in node if c):
        child, part = node[ch], letter(ch)
        while len(child) == 1 and "" not in child:   # a chain without branches is one literal
            (ch, child), = child.items()
            part += joint + letter(ch)
        alts.append(part + _branch(child, letter, joint, joint))
    if not alts:
        return ""
    body = lead + (alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")")
    if "" not in node:
        return body
    # a word ends here: try the longer words first, this one if they fail
    return (body if len(alts) > 1 and not lead else "(?:" + body + ")") + "?"
