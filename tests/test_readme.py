"""The README's examples are what the code prints.

Every ``$ vnkg …`` line in a README code block (but ``vnkg serve``, which does not end) is
run in bash, in order, in a folder holding ``seeds/`` and the graph built from them as
``graph/``, with rich's tables 120 columns wide. The lines shown after it must appear in
its output in the same order; a line ``…`` stands for any number of lines.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

README = REPO / "README.md"
BLOCK = re.compile(r"^```\n(.*?)^```", re.S | re.M)


def examples() -> list[tuple[str, list[str]]]:
    """(command, lines shown after it) for every ``$ vnkg`` line of the README."""
    found = []
    for block in BLOCK.findall(README.read_text(encoding="utf-8")):
        command, shown = None, []
        for line in block.splitlines() + ["$ end"]:
            if line.startswith("$ "):
                if command is not None and command.startswith("vnkg ") and not command.startswith("vnkg serve"):
                    found.append((command, shown))
                command, shown = line[2:], []
            elif command is not None:
                shown.append(line.rstrip())
    return found


def in_order(shown: list[str], output: list[str]) -> str | None:
    """The first shown line not found (in order) in the output, or None."""
    at = 0
    for line in shown:
        if line == "…":
            continue
        while at < len(output) and output[at] != line:
            at += 1
        if at == len(output):
            return line
        at += 1
    return None


def test_the_readme_has_examples() -> None:
    commands = [c for c, _ in examples()]
    assert len(commands) >= 8 and all(shown for _, shown in examples())
    for needed in ("vnkg --version", "vnkg query officials", "vnkg build", "vnkg export", "vnkg view", "vnkg stats"):
        assert any(c.startswith(needed) for c in commands), needed


@pytest.fixture(scope="module")
def folder(seeds_build, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(seeds_build.seeds, root / "seeds")
    shutil.copytree(seeds_build.graph, root / "graph")
    return root


def test_every_example_prints_what_the_readme_shows(folder: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
           "COLUMNS": "120"}
    for command, shown in examples():
        done = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True,
                              timeout=600)
        output = [line.rstrip() for line in (done.stdout + done.stderr).splitlines()]
        missing = in_order(shown, output)
        assert missing is None, f"$ {command}\nREADME shows: {missing!r}\nthe command printed:\n" + "\n".join(output)
