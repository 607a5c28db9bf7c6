#!/usr/bin/env python3
"""One entry point for a fresh clone with only Python 3.

    python3 dev.py build    # build graph/ from seeds/ (graph.ttl, graph.trig, graph.html, store/)
    python3 dev.py test     # run the test suite

Both create ``.venv`` and install the project into it when needed (again whenever
pyproject.toml changes), then run inside it. Extra arguments are passed on
(``python3 dev.py test -k names``).
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".vnkg-installed"


def _ensure_env() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing vnkg and its dependencies into .venv", flush=True)
    subprocess.run([str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-e", f"{ROOT}[test,dask]"], check=True)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("build", "test"):
        print(__doc__, file=sys.stderr)
        return 2
    _ensure_env()
    command, rest = argv[0], argv[1:]
    if command == "build":
        cmd = [str(BIN / "vnkg"), "build", "seeds", "--out", "graph", *rest]
    else:
        cmd = [str(BIN / "python"), "-m", "pytest", *rest]
    return subprocess.run(cmd, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
