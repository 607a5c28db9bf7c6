"""The graph folder: one generation current at a time, switched in one step.

Kill tests stop ``build`` and ``add`` with SIGKILL at every commit step (the
``VNKG_KILL_AT`` hook of vnkg.folder, in the real command line): the
folder must then read as the old state or the new one, whole, through its usual names
(graph.ttl, graph.trig, graph.html, manifest.json, store), and a following ``add`` must
keep every article. ``add`` refuses folders it would lose articles in.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import LONG, SHORT, VISIT, write
from vnkg.folder import LINKS, POINTER, STEPS, current, store_path
from vnkg.incremental import add
from vnkg.pipeline import build

VNKG = Path(sys.executable).parent / "vnkg"
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
FILES = ("graph.ttl", "graph.trig", "graph.html", "manifest.json")
# the switch: killed before it, the old state; from it on, the new one
SWITCHED = STEPS.index("switched")


def articles_in_store(folder: Path) -> set[str]:
    store = ox.Store.read_only(str(store_path(folder)))
    try:
        return {q.object.value for q in store.quads_for_pattern(None, IDENTIFIER, None, None)
                if q.subject == q.graph_name}
    finally:
        del store


def articles_in_manifest(folder: Path) -> set[str]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {Path(p).name for p in manifest["inputs"]}


def state(folder: Path) -> tuple:
    """What a reader sees through the folder's names: the files and the store's quads."""
    files = tuple((name, (folder / name).read_bytes()) for name in FILES if (folder / name).exists())
    store = ox.Store.read_only(str(folder / "store"))
    try:
        quads = frozenset(store)
    finally:
        del store
    assert articles_in_store(folder) == articles_in_manifest(folder), "store and manifest disagree"
    return files, quads


def leftovers(folder: Path) -> list[str]:
    live = current(folder)
    expected = {POINTER, ".build.lock", *LINKS} | ({live.name} if live else set())
    return sorted(p.name for p in folder.iterdir() if p.name not in expected)


def run_killed(step: str, command: str, article: Path, folder: Path) -> int:
    """The real command, stopped by the hook at ``step``: its exit status."""
    where = "--out" if command == "build" else "--graph"
    return subprocess.run([str(VNKG), command, str(article), where, str(folder)], capture_output=True,
                          env={**os.environ, "VNKG_KILL_AT": step}, timeout=300).returncode


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("articles")
    return {"short": write(root / "short.txt", SHORT), "visit": write(root / "visit.txt", VISIT),
            "long": write(root / "long.txt", LONG)}


@pytest.fixture(scope="module")
def before(tmp_path_factory, texts) -> Path:
    """A folder holding one article: the old state of every kill test."""
    folder = tmp_path_factory.mktemp("before") / "graph"
    build([str(texts["short"])], folder)
    return folder


@pytest.mark.parametrize("command", ["build", "add"])
@pytest.mark.parametrize("step", STEPS)
def test_killed_at_every_step_leaves_old_or_new_whole(tmp_path, before, texts, command: str, step: str) -> None:
    folder, reference = tmp_path / "graph", tmp_path / "reference"     # siblings: same relative inputs
    shutil.copytree(before, folder, symlinks=True)
    shutil.copytree(before, reference, symlinks=True)
    old = state(folder)
    if command == "build":
        build([str(texts["visit"])], reference)
    else:                                         # as the command does: the snapshots left stale
        add([str(texts["visit"])], reference, write_files=False)
    new = state(reference)
    assert new != old

    assert run_killed(step, command, texts["visit"], folder) == -signal.SIGKILL
    seen = state(folder)
    assert seen == (new if STEPS.index(step) >= SWITCHED else old)

    # the next writer clears what the killed one left, and keeps every article
    kept = articles_in_manifest(folder)
    add([str(texts["long"])], folder)
    assert articles_in_manifest(folder) == kept | {"long.txt"} == articles_in_store(folder)
    assert leftovers(folder) == []


def test_the_hook_works_through_the_command_line(tmp_path, before, texts) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(before, folder, symlinks=True)
    old = state(folder)
    done = subprocess.run([str(VNKG), "add", str(texts["visit"]), "--graph", str(folder)],
                          env={**os.environ, "VNKG_KILL_AT": "pointer-staged"}, capture_output=True, timeout=300)
    assert done.returncode == -signal.SIGKILL
    assert state(folder) == old and (folder / ".current.new").is_symlink()
    done = subprocess.run([str(VNKG), "add", str(texts["visit"]), "--graph", str(folder)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert articles_in_store(folder) == {"short.txt", "visit.txt"} and leftovers(folder) == []


def test_readers_see_the_files_at_their_usual_paths(before) -> None:
    for name in LINKS:
        assert (before / name).is_symlink() and os.readlink(before / name) == f"{POINTER}/{name}"
    assert (before / "graph.ttl").read_bytes() == (current(before) / "graph.ttl").read_bytes()


def test_same_input_same_generation(tmp_path, texts) -> None:
    first, second = tmp_path / "a" / "graph", tmp_path / "b" / "graph"
    for folder in (first, second):
        build([str(texts["short"])], folder)
    assert current(first).name == current(second).name
    again = current(first)
    build([str(texts["short"])], first)                 # in place: nothing to switch
    assert current(first) == again and leftovers(first) == []


# --------------------------------------------------------------------------- add refuses

def cli_add(article: Path, folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(VNKG), "add", str(article), "--graph", str(folder)],
                          capture_output=True, text=True, timeout=300)


def test_add_refuses_a_folder_without_its_store(tmp_path, before, texts) -> None:
    # a fresh clone: the manifest and the exports are committed, the store is not
    folder = tmp_path / "graph"
    shutil.copytree(before, folder, symlinks=True)
    shutil.rmtree(current(folder) / "store")
    files = {name: (folder / name).read_bytes() for name in FILES}
    done = cli_add(texts["visit"], folder)
    assert done.returncode == 1
    assert done.stderr.strip() == (f"error: {folder}: manifest.json lists 1 articles but there is no store (it is "
                                   "not committed with the graph); rebuild it with `vnkg build` of those inputs "
                                   "first, or every earlier article would be lost")
    assert {name: (folder / name).read_bytes() for name in FILES} == files


def test_add_refuses_a_store_that_disagrees_with_the_manifest(tmp_path, before, texts) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(before, folder, symlinks=True)
    manifest = current(folder) / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["inputs"].append("../elsewhere/lost.txt")
    manifest.write_text(json.dumps(data), encoding="utf-8")
    done = cli_add(texts["visit"], folder)
    assert done.returncode == 1 and "the store holds 1 articles and manifest.json lists 2" in done.stderr
    assert articles_in_store(folder) == {"short.txt"}


def test_add_refuses_a_folder_that_is_not_a_graph(tmp_path, texts) -> None:
    folder = tmp_path / "notes"
    write(folder / "todo.txt", "mine")
    done = cli_add(texts["visit"], folder)
    assert done.returncode == 1 and "not a vnkg graph folder" in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["todo.txt"]


def test_add_to_a_new_folder_builds_it(tmp_path, texts) -> None:
    folder = tmp_path / "new"
    assert cli_add(texts["short"], folder).returncode == 0
    assert articles_in_store(folder) == {"short.txt"}


def test_export_into_the_folder_writes_the_current_generation(tmp_path, before) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(before, folder, symlinks=True)
    (current(folder) / "graph.ttl").write_text("stale", encoding="utf-8")
    done = subprocess.run([str(VNKG), "export", "--format", "ttl", "--graph", str(folder)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (folder / "graph.ttl").is_symlink() and (folder / "graph.ttl").read_text(encoding="utf-8") != "stale"
    assert (folder / "graph.ttl").read_bytes() == (before / "graph.ttl").read_bytes()
