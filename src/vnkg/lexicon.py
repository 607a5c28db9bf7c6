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

__all__ = ["ontology_dir", "read_tsv", "split_values"]


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
