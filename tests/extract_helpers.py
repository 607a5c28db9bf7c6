"""Run the real extraction on a few sentences written for the tests."""
from __future__ import annotations

from vnkg.clean import clean
from vnkg.extract import extract
from vnkg.model import Extraction, Kind, RawArticle


def extract_text(text: str, name: str = "t.txt") -> Extraction:
    return extract(clean(RawArticle(path=name, name=name, text=text, encoding="utf-8")))


def names_of(ex: Extraction, kind: Kind) -> list[str]:
    return [m.text for m in ex.mentions if m.kind is kind and m.text]


def relations_of(ex: Extraction, kind: str) -> set[tuple]:
    """(subject text or ref, object text or ref[, role]) for each relation of ``kind``."""
    out = set()
    for r in ex.relations:
        if r.kind != kind:
            continue
        s, o = ex.mentions[r.subject], ex.mentions[r.object]
        key = (s.text or s.ref, o.ref or o.attr("antecedent") or o.text)
        out.add(key + ((r.role,) if r.role else ()))
    return out
