"""vnkg installs like any other package: the wheel carries the ontology (vocabulary, shapes,
lexicons, knowledge base, question library) as package data, and a fresh environment with
the wheel installed builds the seeds into the same graph as the source checkout does."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel as `pip wheel .` builds it (with this environment's setuptools: no download)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([*PIP, "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(out), str(REPO)],
                   check=True, timeout=600, cwd=out)
    (built,) = out.glob("vnkg-*.whl")
    return built


def test_the_wheel_carries_the_whole_ontology(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    ontology = [p.relative_to(REPO).as_posix() for p in (REPO / "ontology").rglob("*") if p.is_file()]
    assert ontology and {f"vnkg/{p}" for p in ontology} <= names
    assert "vnkg/py.typed" in names


def test_a_fresh_environment_with_the_wheel_builds_the_seeds(wheel: Path, seeds_graph: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    subprocess.run([*PIP, "--python", str(python), "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
                   check=True, timeout=300)
    # the dependencies are this environment's (no download); vnkg itself only the wheel's:
    # a path entry does not run this environment's .pth files, so its editable vnkg stays out
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    env = {"PATH": f"{fresh / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}
    where = subprocess.run([str(python), "-c", "import vnkg.lexicon as l; print(l.ontology_dir())"],
                           capture_output=True, text=True, check=True, env=env, cwd=tmp_path).stdout.strip()
    assert Path(where) == site / "vnkg" / "ontology"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for article in (REPO / "seeds").glob("*.txt"):
        (seeds / article.name).write_bytes(article.read_bytes())
    done = subprocess.run([str(fresh / "bin" / "vnkg"), "build", "seeds", "--out", "graph", "--quiet"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "graph" / name).read_bytes() == (seeds_graph / name).read_bytes(), name
    asked = subprocess.run([str(fresh / "bin" / "vnkg"), "query", "officials", "-g", "graph", "-f", "csv",
                            "-p", "org=Ministry of Foreign Affairs"], capture_output=True, text=True, env=env,
                           cwd=tmp_path, check=True)
    assert "Bui Thanh Son" in asked.stdout
    version = subprocess.run([str(fresh / "bin" / "vnkg"), "--version"], capture_output=True, text=True, env=env,
                             check=True).stdout
    assert version == subprocess.run([sys.executable, "-m", "vnkg.cli", "--version"], capture_output=True,
                                     text=True, check=True).stdout
