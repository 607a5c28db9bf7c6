"""Parallel and distributed builds give the bytes of the single-process build.

The input is the five seeds plus twenty articles of the benchmark generator (sentences
written for the benchmark), built once plainly, once with ``--jobs 2`` (process pool),
once on a Dask LocalCluster of two worker processes, and once from a warm extraction cache.
"""
from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vnkg.pipeline
from vnkg.cli import app
from vnkg.pipeline import build

REPO = Path(__file__).resolve().parents[1]
OUTPUTS = ("graph.ttl", "graph.trig", "manifest.json")


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generator", REPO / "bench" / "generator.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    _generator().generate(20, folder / "generated", seed=7)
    return folder


@pytest.fixture(scope="module")
def plain(corpus: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plain") / "graph"
    build([str(corpus)], out, write_view=False)
    return out


def _same(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_plain_build_has_every_article(plain: Path) -> None:
    text = (plain / "graph.trig").read_text(encoding="utf-8")
    assert text.count("schema:NewsArticle") >= 25


def test_process_pool_gives_the_same_bytes(corpus: Path, plain: Path, tmp_path: Path) -> None:
    timings: dict[str, float] = {}
    build([str(corpus)], tmp_path / "graph", jobs=2, write_view=False, timings=timings)
    _same(plain, tmp_path / "graph")
    assert "load+clean+extract" in timings, "the workers read and clean the files too"


def test_dask_local_cluster_gives_the_same_bytes(corpus: Path, plain: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    timings: dict[str, float] = {}
    build([str(corpus)], tmp_path / "graph", jobs=2, executor="dask", write_view=False, timings=timings)
    _same(plain, tmp_path / "graph")
    assert "load+clean+extract" in timings and "extract" not in timings


def test_cached_extractions_give_the_same_bytes(corpus: Path, plain: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    build([str(corpus)], tmp_path / "first", write_view=False, cache_dir=cache)
    entries = sorted(cache.glob("*/*.pickle"))
    assert len(entries) == 25

    def no_extraction(articles, *args, **kwargs):
        assert not articles, "an unchanged file was extracted again"
        return []
    monkeypatch.setattr(vnkg.pipeline, "extract_all", no_extraction)
    build([str(corpus)], tmp_path / "second", write_view=False, cache_dir=cache)
    _same(plain, tmp_path / "second")
    assert sorted(cache.glob("*/*.pickle")) == entries


def test_an_edited_file_misses_the_cache(corpus: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(corpus, inputs)
    cache = tmp_path / "cache"
    build([str(inputs)], tmp_path / "a", write_view=False, cache_dir=cache)
    edited = sorted(inputs.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nนายเหงียน วัน อาน กล่าวว่าการประชุมครั้งนี้ประสบความสำเร็จ\n",
                      encoding="utf-8")
    timings: dict[str, float] = {}
    build([str(inputs)], tmp_path / "b", write_view=False, cache_dir=cache, timings=timings)
    build([str(inputs)], tmp_path / "c", write_view=False)
    _same(tmp_path / "b", tmp_path / "c")


def test_scheduler_needs_the_dask_executor(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "g"),
                                      "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert not (tmp_path / "g").exists()


def test_a_knowledge_base_row_changes_the_cache_key(tmp_path: Path, monkeypatch) -> None:
    """A new row of ontology/kb/ changes what articles yield: no cached extraction may survive it."""
    from vnkg import cache
    from vnkg.lexicon import ontology_dir

    ontology = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), ontology)
    monkeypatch.setenv("VNKG_ONTOLOGY", str(ontology))
    cache.fingerprint.cache_clear()
    before = cache.fingerprint()
    with (ontology / "kb" / "persons.tsv").open("a", encoding="utf-8") as rows:
        rows.write("test-person\tvn\tTrần Văn Thử\tTran Van Thu\tเจิ่น วัน ทึ\t\ttest row\n")
    cache.fingerprint.cache_clear()
    try:
        assert cache.fingerprint() != before
    finally:
        monkeypatch.undo()
        cache.fingerprint.cache_clear()
