"""Shared fixtures: the five seeds built once with the real ``vnkg`` command, and short
Thai articles written for the tests (not taken from the seeds).

``seeds_build`` runs ``vnkg build <tmp>/seeds --out <tmp>/graph`` in a subprocess, the
command ``python3 dev.py build`` runs, once per session; tests that change a graph work
on a copy (``seeds_copy``) so the shared one stays as built.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parents[1]
# The console script of the environment running the tests (dev.py runs .venv's).
VNKG = Path(sys.executable).parent / "vnkg"

# Articles written for the tests: short Thai news items about Vietnamese officials.
# VISIT names one official who is also in the seeds (บุ่ย แถ่ง เซิน) and one who is not.
VISIT = """\
รองนายกรัฐมนตรีบุ่ย แถ่ง เซิน ต้อนรับคณะผู้แทนจังหวัดเชียงใหม่

เมื่อวันที่ 14 มีนาคม 2567 ณ กรุงฮานอย รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงการต่างประเทศ บุ่ย แถ่ง เซิน ได้ให้การต้อนรับคณะผู้แทนจากจังหวัดเชียงใหม่ของไทยที่เดินทางมาเยือนเวียดนาม
ทั้งสองฝ่ายได้หารือเกี่ยวกับความร่วมมือด้านการท่องเที่ยว การศึกษา และการค้าชายแดน
นายเจิ่น วัน ฟอง รองอธิบดีกรมเอเชียตะวันออกเฉียงใต้ กระทรวงการต่างประเทศ เข้าร่วมการประชุมด้วย
นายเจิ่น วัน ฟอง กล่าวว่าเวียดนามพร้อมสนับสนุนโครงการแลกเปลี่ยนนักศึกษาระหว่างสองประเทศ
"""
VISIT_NEW_PERSON = "เจิ่น วัน ฟอง"
# The same article after an edit: another deputy director attended.
VISIT_EDITED = VISIT.replace("เจิ่น วัน ฟอง", "ฝ่าม วัน ลอง")
VISIT_EDITED_PERSON = "ฝ่าม วัน ลอง"

# Under 1,000 bytes (so it passes --max-mb 0.001).
SHORT = """\
รัฐมนตรีเหงียน มานห์ หุ่ง เยือนจังหวัดดานัง
เมื่อวันที่ 3 เมษายน 2567 รัฐมนตรีว่าการกระทรวงสารสนเทศและการสื่อสาร เหงียน มานห์ หุ่ง ได้เดินทางไปตรวจเยี่ยมศูนย์ข้อมูลแห่งใหม่ที่นครดานัง และกล่าวว่าเวียดนามต้องเร่งพัฒนาโครงสร้างพื้นฐานดิจิทัล
"""

# Valid Thai, about 2,800 bytes: only its size is wrong under --max-mb 0.001.
LONG = """\
ข่าวเศรษฐกิจเวียดนาม
เมื่อวันที่ 20 พฤษภาคม 2567 ณ นครโฮจิมินห์ นายกรัฐมนตรีได้เป็นประธานการประชุมว่าด้วยการส่งเสริมการส่งออกสินค้าเกษตร
ที่ประชุมได้หารือถึงแนวทางการเพิ่มมูลค่าข้าว กาแฟ และผลไม้ เพื่อให้เกษตรกรมีรายได้ที่มั่นคงมากขึ้น
ผู้แทนจากกระทรวงเกษตรและพัฒนาชนบทรายงานว่าการส่งออกในไตรมาสแรกเพิ่มขึ้นอย่างต่อเนื่อง
""" * 3


@dataclass(frozen=True)
class Built:
    """A graph folder built from ``seeds`` (both under ``root``)."""

    root: Path
    seeds: Path
    graph: Path


@dataclass(frozen=True)
class SeedsBuild(Built):
    command: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def build_command(seeds: Path, graph: Path) -> list[str]:
    """``python3 dev.py build`` with the repository's seeds/ and graph/ replaced."""
    return [str(VNKG), "build", str(seeds), "--out", str(graph)]


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> SeedsBuild:
    """The seeds built once by the real command line, in a subprocess (about 10 s)."""
    root = tmp_path_factory.mktemp("seeds-build")
    shutil.copytree(REPO / "seeds", root / "seeds")
    cmd = build_command(root / "seeds", root / "graph")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=root)
    return SeedsBuild(root, root / "seeds", root / "graph", tuple(cmd), proc.returncode,
                      proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def seeds_graph(seeds_build) -> Path:
    """The built graph folder; fails the test (not silently) if the build failed."""
    assert seeds_build.returncode == 0, f"vnkg build of the seeds failed:\n{seeds_build.stderr}"
    return seeds_build.graph


@pytest.fixture
def seeds_copy(seeds_graph, seeds_build, tmp_path) -> Built:
    """A private copy of the built seeds (seeds/ and graph/ side by side, as built), to change."""
    root = tmp_path / "copy"
    shutil.copytree(seeds_build.root, root, symlinks=True)     # a graph folder's links stay links
    return Built(root, root / "seeds", root / "graph")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def store_quads(graph: Path) -> set[ox.Quad]:
    """Every quad of a graph folder's store (opened read-only, closed on return)."""
    store = ox.Store.read_only(str(graph / "store"))
    try:
        return set(store)
    finally:
        del store


def select(graph: Path, sparql: str) -> list[tuple]:
    """Rows of a SELECT over the union of a graph folder's store, as Python tuples."""
    from vnkg.store import PREFIXES

    store = ox.Store.read_only(str(graph / "store"))
    try:
        answer = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        return [tuple(row) for row in answer]
    finally:
        del store


def summary(stdout: str) -> dict[str, int]:
    """The build's summary table (``vnkg build`` / ``vnkg add``) as {row name: count}."""
    rows = {}
    for line in stdout.splitlines():
        m = re.match(r"^\W*(\S.*?)\s+│\s+(\d+)\s+│$", line.strip())
        if m:
            rows[m.group(1)] = int(m.group(2))
    return rows


#: Size of the synthetic corpus (bench/generator.py) some tests run on: enough officials,
#: posts, documents and initiatives for every library question to have many answers.
GENERATED_ARTICLES = 40


@pytest.fixture(scope="session")
def generated_graph(tmp_path_factory) -> Path:
    """A graph folder built by ``vnkg build`` from a synthetic corpus (about 5 s)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_generator_fixture", REPO / "bench" / "generator.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generator      # its dataclasses look their module up there
    spec.loader.exec_module(generator)
    root = tmp_path_factory.mktemp("generated")
    generator.generate(GENERATED_ARTICLES, root / "articles", seed=3)
    proc = subprocess.run(build_command(root / "articles", root / "graph"), capture_output=True, text=True,
                          timeout=600, cwd=root)
    assert proc.returncode == 0, f"vnkg build of the synthetic corpus failed:\n{proc.stderr}"
    return root / "graph"
