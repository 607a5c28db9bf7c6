"""The benchmark corpus generator (bench/generator.py): deterministic, in the genre, growing with N."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from vnkg.clean import clean
from vnkg.extract.documents import extract_documents
from vnkg.load import read_article

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("bench_generator", REPO / "bench" / "generator.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


def test_same_seed_same_bytes(gen, tmp_path: Path) -> None:
    gen.generate(40, tmp_path / "a", seed=3)
    gen.generate(40, tmp_path / "b", seed=3)
    gen.generate(40, tmp_path / "c", seed=4)
    a = _contents(tmp_path / "a")
    assert len(a) == 40
    assert a == _contents(tmp_path / "b")
    assert a != _contents(tmp_path / "c")


def test_articles_are_thai_news_that_vnkg_reads(gen, tmp_path: Path) -> None:
    paths = gen.generate(30, tmp_path, seed=1)
    codes = set()
    for path in paths:
        article = clean(read_article(path, 5_000_000))    # raises on anything not an article
        assert article.published is not None and article.source_url
        assert len(article.sentences) >= 8
        codes |= {m.ref for m in extract_documents(article.text)}
    assert len(codes) >= 10          # documents are cited by code (57-NQ/TW, 505/QĐ-TTg, …)


def test_population_grows_with_n_and_names_vary(gen) -> None:
    small, large = gen.World(100, 0, gen.Lexicons()), gen.World(1000, 0, gen.Lexicons())
    assert len(small.officials) == 30 and len(large.officials) == 200
    official = large.officials[0]
    forms = {large.person(official) for _ in range(300)}
    latin = " ".join(s.latin for s in official.syllables)
    assert latin in forms                                    # now and then the Latin spelling
    assert any(" " not in f and re.search("[\u0e00-\u0e7f]", f) for f in forms)   # joined syllables
    assert len(forms) >= 4                                   # tone and spelling variants


def test_documents_accumulate_over_time(gen) -> None:
    world = gen.World(500, 0, gen.Lexicons())
    for i in range(500):
        world.article(i)
    assert 150 < len(world.documents) < 400                  # new ones, and old ones cited again
    issued = [d.issued for d in world.documents]
    assert issued[-1] > issued[0]
