"""Extractions of unchanged input files, kept between builds (``--cache-dir DIR``).

A full build resolves every input together, but an article's extraction depends only on
its file and on vnkg's code and lexicons: rebuilding after a few files changed need only
extract those. An entry is
keyed by the file's resolved path, size and modification time plus a fingerprint of the
code, the lexicons and the library versions, so editing a file, a rule or a lexicon misses
the cache instead of reusing a stale extraction. Entries are pickles written by this
process into a folder the user chose; never point ``--cache-dir`` at a folder others write.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import cache
from pathlib import Path

from .lexicon import ontology_dir
from .model import Extraction

__all__ = ["ExtractionCache", "fingerprint"]


@cache
def fingerprint() -> str:
    """Hash of everything an extraction depends on besides its input file."""
    import pythainlp

    h = hashlib.sha256(f"{sys.version}\0{pythainlp.__version__}\0{pickle.HIGHEST_PROTOCOL}".encode())
    package = Path(__file__).resolve().parent
    # the lexicons and the knowledge base: both shape what an article yields
    ontology = ontology_dir()
    files = sorted(package.rglob("*.py")) + sorted(ontology.rglob("*.tsv"))
    for f in files:
        name = f.relative_to(ontology) if f.is_relative_to(ontology) else f.name
        h.update(str(name).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


class ExtractionCache:
    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)
        self.used: set[Path] = set()

    def _entry(self, path: Path, max_bytes: int) -> Path | None:
        try:
            st = path.stat()
        except OSError:
            return None
        key = hashlib.sha256(
            f"{fingerprint()}\0{path.resolve()}\0{path}\0{st.st_size}\0{st.st_mtime_ns}\0{max_bytes}".encode()
        ).hexdigest()
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, path: Path, max_bytes: int) -> Extraction | None:
        entry = self._entry(path, max_bytes)
        if entry is None or not entry.exists():
            return None
        try:
            with entry.open("rb") as fh:
                ex = pickle.load(fh)
        except Exception:          # a damaged entry is a miss, never a failed build
            return None
        self.used.add(entry)
        return ex if isinstance(ex, Extraction) else None

    def put(self, path: Path, max_bytes: int, ex: Extraction) -> None:
        entry = self._entry(path, max_bytes)
        if entry is None:
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, entry)
        self.used.add(entry)

    def prune(self) -> None:
        """Drop entries this build did not use (edited files, old code)."""
        for entry in self.folder.glob("*/*.pickle"):
            if entry not in self.used:
                entry.unlink(missing_ok=True)
