"""Lexicons are data: TSV files in ``ontology/lexicons/`` with a header row.

Multi-valued cells separate values with ``|``. Lines starting with ``#`` are comments.
Files are read once per process (``functools.cache``).
"""
from __future__ import annotations

import csv
import os
import unicodedata
from functools import cache
from pathlib import Path

__all__ = ["ontology_dir", "read_tsv", "split_values", "words_by_kind"]


def ontology_dir() -> Path:
    """The ``ontology/`` folder: ``$VNKG_ONTOLOGY`` or the one beside ``src/``."""
    env = os.environ.get("VNKG_ONTOLOGY")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "ontology"


@cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``ontology/lexicons/NAME`` as dicts (values NFC-normalised, stripped)."""
    path = ontology_dir() / "lexicons" / name
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(
        {k.strip(): unicodedata.normalize("NFC", (v or "").strip()) for k, v in row.items() if k}
        for row in rows
    )


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
