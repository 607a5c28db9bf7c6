"""A graph folder: whole generations, and one pointer that names the current one.

Layout of a folder ``DIR`` that ``vnkg build`` or ``vnkg add`` wrote::

    DIR/current -> gen-<id>           the pointer: a symlink, replaced by one rename
    DIR/gen-<id>/graph.ttl  graph.trig  graph.html  manifest.json  store/
    DIR/graph.ttl -> current/graph.ttl     (likewise graph.trig, graph.html,
                                            manifest.json, store): fixed links
    DIR/.build.lock                    held while a build or an add writes

A build or an add writes a whole new generation into ``DIR/.gen-new-<random>/``, renames
it to ``gen-<id>`` (``<id>`` a hash of what it holds, so the same input gives the same
folder), and then switches the pointer with one ``rename``: until that instant every
reader sees the old generation, from then on the new one, whole. Old generations are
removed after the switch; a reader that still has one open keeps reading it (Linux keeps
open files of a deleted folder). Whatever a killed run left (a half-written generation,
a staged pointer, an old generation, temporary files of earlier versions) is removed by
the next writer, before it starts. Readers resolve the pointer once and read everything
from that generation (``current``), so they never mix two.

``VNKG_KILL_AT=<step>`` ends the process with SIGKILL when a writer reaches that step
(see ``STEPS``): the kill tests stop build and add at every one of them.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .store import StoreError, _open, _recover

__all__ = ["POINTER", "LINKS", "SNAPSHOTS", "STEPS", "FolderError", "kill_point", "current", "store_path",
           "manifest_path", "stale_snapshots", "mark_fresh", "is_graph_folder", "Generation", "writing"]

POINTER = "current"
LINKS = ("graph.ttl", "graph.trig", "graph.html", "manifest.json", "store")
#: The whole-graph files of a generation, written from its store (``vnkg add`` may leave them stale).
SNAPSHOTS = ("graph.html", "graph.trig", "graph.ttl")
LOCK = ".build.lock"
_STAGING = ".gen-new-"
_NEW_POINTER = ".current.new"
#: Where a writer may be killed, in order (the last four are the switch, in ``commit``).
STEPS = ("store-written", "exports-written", "staged", "named", "pointer-staged", "switched", "linked", "cleaned")


class FolderError(StoreError):
    """A graph folder that cannot be used as asked; the message says why and what to do."""


def kill_point(step: str) -> None:
    """The test hook: ``VNKG_KILL_AT=step`` kills this process here, as ``kill -9`` would."""
    if os.environ.get("VNKG_KILL_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)


def current(folder: Path) -> Path | None:
    """The current generation of ``folder`` (resolved once), or None if it has none."""
    try:
        name = os.readlink(folder / POINTER)
    except OSError:
        return None
    generation = folder / name
    return generation if generation.is_dir() else None


def _legacy(folder: Path) -> bool:
    """A folder written by vnkg before generations: real files and a real store/."""
    return current(folder) is None and ((folder / "manifest.json").is_file() or (folder / "store").is_dir())


def store_path(folder: Path) -> Path | None:
    """The store of the current generation (or of a folder of the older layout), if any."""
    generation = current(folder)
    if generation is not None:
        return generation / "store" if (generation / "store" / "CURRENT").is_file() else None
    store = folder / "store"
    if not store.exists() and (folder / ".store.old").is_dir():
        return folder / ".store.old"         # an older vnkg was killed between its two renames
    return store if (store / "CURRENT").is_file() and not store.is_symlink() else None


def manifest_path(folder: Path) -> Path | None:
    generation = current(folder)
    path = (generation if generation is not None else folder) / "manifest.json"
    return path if path.is_file() else None


def is_graph_folder(folder: Path) -> bool:
    return current(folder) is not None or _legacy(folder)


def stale_snapshots(out: Path) -> list[str]:
    """The snapshots of the folder ``out`` that ``vnkg add`` left behind the store."""
    path = manifest_path(out)
    return list(json.loads(path.read_text(encoding="utf-8")).get("stale", [])) if path is not None else []


def mark_fresh(out: Path, names: list[str]) -> None:
    """Say in the current manifest that ``names`` were rewritten from the store (replaced whole,
    by a rename: a reader sees the old manifest or the new one)."""
    path = manifest_path(out)
    if path is None:
        return
    manifest = json.loads(path.read_text(encoding="utf-8"))
    stale = sorted(set(manifest.get("stale", [])) - set(names))
    if stale == manifest.get("stale", []):
        return
    if stale:
        manifest["stale"] = stale
    else:
        manifest.pop("stale", None)
    path = Path(os.path.realpath(path))
    staged = path.with_name(f".{path.name}.tmp")
    staged.write_bytes((json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
    os.replace(staged, path)


# --------------------------------------------------------------------------- writing

class Generation:
    """A new generation being written: ``dir`` is its staging folder; ``commit`` makes it current."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.dir = folder / f"{_STAGING}{secrets.token_hex(6)}"
        self.dir.mkdir()
        self.committed: Path | None = None

    def identity(self, extra: bytes, known: tuple[str, ...] = ()) -> str:
        """A hash of the generation's files (the store aside: graph.trig holds all its quads)
        and ``extra`` (what tells the store apart when graph.trig was not rewritten); the
        files named in ``known`` are left out (``extra`` names them: snapshots carried over)."""
        digest = hashlib.sha256(extra)
        for path in sorted(p for p in self.dir.iterdir()
                           if p.is_file() and not p.name.startswith(".") and p.name not in known):
            digest.update(path.name.encode() + b"\0")
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        return digest.hexdigest()[:16]

    def commit(self, extra: bytes = b"", known: tuple[str, ...] = ()) -> Path:
        """Make this generation the folder's current one; returns its final path (``identity``
        says what ``extra`` and ``known`` are)."""
        kill_point("staged")
        for path in self.dir.iterdir():
            if path.is_file():
                _fsync(path)
        _fsync(self.dir)
        final = self.folder / f"gen-{self.identity(extra, known)}"
        if final == current(self.folder):
            shutil.rmtree(self.dir)          # the same state again: nothing to switch
        else:
            if final.exists():
                shutil.rmtree(final)         # a leftover that was never current
            os.rename(self.dir, final)
            _fsync(self.folder)
            kill_point("named")
            staged = self.folder / _NEW_POINTER
            staged.unlink(missing_ok=True)
            os.symlink(final.name, staged)
            kill_point("pointer-staged")
            os.replace(staged, self.folder / POINTER)
            _fsync(self.folder)
        self.committed = final
        kill_point("switched")
        _link(self.folder, final)
        kill_point("linked")
        clean(self.folder)
        kill_point("cleaned")
        return final


@contextmanager
def writing(folder: Path) -> Iterator[Generation]:
    """Hold ``folder`` for one writer, clear what killed runs left, and give a new generation.

    The generation is discarded unless ``commit`` was called.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK).open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderError(f"{folder}: another build is writing to this folder; wait for it to finish") from None
        pointer = folder / POINTER
        if pointer.is_dir() and not pointer.is_symlink():
            # a copy made by a tool that followed the links: its files are at the top as well
            os.rename(pointer, folder / f".legacy-{POINTER}-{secrets.token_hex(4)}")
        if current(folder) is None and (folder / ".store.old").exists():
            _recover(folder / "store")         # an older vnkg's cut-off store swap: put it back first
        clean(folder)
        live = store_path(folder)
        if live is not None:
            # a script writing to the current store would lose its writes with the old
            # generation: refuse now, as the engine's own lock says
            opened = _open(live, read_only=False)
            del opened
        generation = Generation(folder)
        try:
            yield generation
        finally:
            if generation.committed is None:
                shutil.rmtree(generation.dir, ignore_errors=True)


def _link(folder: Path, generation: Path) -> None:
    """Top-level names that point through the pointer at the current generation's files."""
    for name in LINKS:
        entry = folder / name
        wanted = f"{POINTER}/{name}"
        if (generation / name).exists():
            if entry.is_symlink() and os.readlink(entry) == wanted:
                continue
            if entry.is_dir() and not entry.is_symlink():
                # the store of the older layout: moved aside, removed by clean()
                os.rename(entry, folder / f".legacy-{name}-{secrets.token_hex(4)}")
            staged = folder / f".{name}.link"
            staged.unlink(missing_ok=True)
            os.symlink(wanted, staged)
            os.replace(staged, entry)
        elif entry.is_symlink() or entry.is_file():
            entry.unlink()                    # e.g. graph.html after a build with --no-view
    _fsync(folder)


def _ours(name: str) -> bool:
    """Names only vnkg writes at the top of a graph folder, never a user's file."""
    return (name.startswith((_STAGING, ".legacy-", ".store.", _NEW_POINTER))
            or (name.startswith(".") and name.endswith((".tmp", ".new", ".link")))
            or name.startswith("gen-"))


def clean(folder: Path) -> None:
    """Remove old generations and what killed runs left (call with the lock held)."""
    live = current(folder)
    for entry in folder.iterdir():
        if entry == live or not _ours(entry.name) or entry.name in (LOCK, ".store.lock"):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    if live is not None:
        for entry in live.iterdir():         # temporary files of an interrupted `vnkg export`
            if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                entry.unlink(missing_ok=True)
        shutil.rmtree(live / ".store.check", ignore_errors=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
