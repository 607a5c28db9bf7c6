"""vnkg ships py.typed: mypy must accept src/ (settings in pyproject.toml, [tool.mypy])."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_mypy_accepts_src(tmp_path: Path) -> None:
    # its own cache in a fresh folder: a stale cache in the checkout cannot hide an error
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "--no-error-summary"],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert done.returncode == 0 and not errors, "\n".join(errors) or done.stdout + done.stderr
    assert (REPO / "src" / "vnkg" / "py.typed").is_file()
