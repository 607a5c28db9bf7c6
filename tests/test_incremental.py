"""``vnkg add`` resolves only the new articles, against what the graph already knows.

Adding articles one by one must give the graph a full build of all of them gives; a new
spelling of a known official, a new edition of a known programme and an unparented
department must join the nodes the graph has; a failed add changes nothing.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vnkg.validate
from conftest import Built, select, store_quads, write
from vnkg.cli import app
from vnkg.incremental import add
from vnkg.pipeline import BuildError, build
from vnkg.validate import ValidationReport

runner = CliRunner()

# Written for these tests: one deputy minister under two Thai spellings, one expo in two
# editions, and the ministry's international department named with and without its parent.
DEFENCE_VISIT = """\
พลเอกเหงียน จี๊ หวิ่ญ ต้อนรับคณะผู้แทนกองทัพลาว

เมื่อวันที่ 5 มิถุนายน 2567 ณ กรุงฮานอย พลเอกเหงียน จี๊ หวิ่ญ รองรัฐมนตรีว่าการกระทรวงกลาโหม ได้ให้การต้อนรับคณะผู้แทนกองทัพประชาชนลาว
ทั้งสองฝ่ายหารือเกี่ยวกับการเตรียมงานมหกรรม "Vietnam Defence Expo 2024" และความร่วมมือด้านการฝึกอบรม
นายเจิ่น ก๊วก ต๋วน อธิบดีกรมความร่วมมือระหว่างประเทศ กระทรวงกลาโหม เข้าร่วมการประชุมด้วย
"""
DEFENCE_TALKS = """\
รองรัฐมนตรีกลาโหมเวียดนามหารือกับเอกอัครราชทูตไทย

เมื่อวันที่ 12 กันยายน 2568 ณ กรุงฮานอย พลเอกเหงียน ชี วินห์ รองรัฐมนตรีว่าการกระทรวงกลาโหม ได้หารือกับเอกอัครราชทูตไทยประจำเวียดนาม
ทั้งสองฝ่ายเห็นพ้องที่จะส่งเสริมการเข้าร่วมงาน "Vietnam Defence Expo 2026" ของบริษัทไทย
อธิบดีกรมความร่วมมือระหว่างประเทศ นายเจิ่น ก๊วก ต๋วน ได้นำเสนอแผนความร่วมมือประจำปี
"""
ENTITIES = "SELECT DISTINCT ?e WHERE { GRAPH <https://w3id.org/vnkg/graph/entities> { ?e a ?t } FILTER(?t = <%s>) }"
PERSON = "http://xmlns.com/foaf/0.1/Person"
INITIATIVE = "https://w3id.org/vnkg/Initiative"
DEPARTMENT = "https://w3id.org/vnkg/Department"


def entities(graph: Path, cls: str) -> set[str]:
    return {row[0].value for row in select(graph, ENTITIES % cls)}


def test_adding_the_seeds_one_by_one_gives_the_full_build(seeds_graph: Path, seeds_build: Built,
                                                          tmp_path: Path) -> None:
    seeds = sorted(seeds_build.seeds.glob("*.txt"))
    graph = tmp_path / "graph"
    build([str(seeds[-1])], graph, write_view=False)
    for article in reversed(seeds[:-1]):                 # the newest first: labels must not depend on order
        report = add([str(article)], graph, write_files=False)
        assert report.articles == 1
    assert store_quads(graph) == store_quads(seeds_graph)
    manifest = json.loads((graph / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(Path(p).name for p in manifest["inputs"]) == [p.name for p in seeds]


def test_a_new_spelling_a_new_edition_and_an_unparented_unit_join_known_nodes(tmp_path: Path) -> None:
    visit = write(tmp_path / "in" / "visit.txt", DEFENCE_VISIT)
    talks = write(tmp_path / "later" / "talks.txt", DEFENCE_TALKS)
    graph = tmp_path / "graph"
    build([str(visit)], graph, write_view=False)
    before = {cls: entities(graph, cls) for cls in (PERSON, INITIATIVE, DEPARTMENT)}
    assert len(before[PERSON]) == 2 and len(before[INITIATIVE]) == 1 and len(before[DEPARTMENT]) == 1

    add([str(talks)], graph)
    for cls, known in before.items():
        assert entities(graph, cls) == known, cls
    # the other spelling and the other edition are now names of the known nodes
    names = {row[0].value for row in select(graph, "SELECT ?n WHERE { ?e skos:altLabel ?n }")}
    assert {"เหงียน ชี วินห์", "Vietnam Defence Expo 2026"} <= names
    # and a full build of both articles says the same
    full = tmp_path / "full"
    build([str(visit), str(talks)], full, write_view=False)
    assert store_quads(graph) == store_quads(full)
    assert "เหงียน ชี วินห์" in (graph / "graph.ttl").read_text(encoding="utf-8")


def test_add_leaves_the_snapshots_stale_and_export_refreshes_them(seeds_copy: Built, tmp_path: Path) -> None:
    graph = seeds_copy.graph
    files = {name: (graph / name).read_bytes() for name in ("graph.ttl", "graph.trig", "graph.html")}
    talks = write(tmp_path / "talks.txt", DEFENCE_TALKS)
    result = runner.invoke(app, ["add", str(talks), "--graph", str(graph)])
    assert result.exit_code == 0, result.stderr
    assert "not rewritten" in result.stderr and "vnkg export --stale" in result.stderr
    # the snapshots are as they were, and the manifest says they lag behind the store
    assert {name: (graph / name).read_bytes() for name in files} == files
    manifest = json.loads((graph / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["stale"] == ["graph.html", "graph.trig", "graph.ttl"]
    assert any(p.endswith("talks.txt") for p in manifest["inputs"])
    assert select(graph, 'SELECT ?a WHERE { ?a dcterms:identifier "talks.txt" }')
    assert "เหงียน ชี วินห์" not in (graph / "graph.ttl").read_text(encoding="utf-8")
    # one export of a snapshot to its own place marks that one fresh
    assert runner.invoke(app, ["export", "--format", "trig", "--graph", str(graph), "-q"]).exit_code == 0
    manifest = json.loads((graph / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["stale"] == ["graph.html", "graph.ttl"]
    # --stale rewrites the rest from the store: the same bytes as `add --export` gives
    result = runner.invoke(app, ["export", "--stale", "--graph", str(graph)])
    assert result.exit_code == 0, result.stderr
    assert "stale" not in json.loads((graph / "manifest.json").read_text(encoding="utf-8"))
    assert "เหงียน ชี วินห์" in (graph / "graph.ttl").read_text(encoding="utf-8")
    exported = {name: (graph / name).read_bytes() for name in files}
    other = tmp_path / "other"      # the same add, snapshots written at once
    build([str(seeds_copy.seeds)], other)
    assert runner.invoke(app, ["add", str(talks), "--graph", str(other), "--export"]).exit_code == 0
    assert "stale" not in json.loads((other / "manifest.json").read_text(encoding="utf-8"))
    assert {name: (other / name).read_bytes() for name in files} == exported


def test_an_add_that_fails_validation_changes_nothing(seeds_copy: Built, tmp_path: Path, monkeypatch) -> None:
    graph = seeds_copy.graph
    before = store_quads(graph)
    files = {p.name: p.read_bytes() for p in graph.iterdir() if p.is_file()}
    monkeypatch.setattr(vnkg.validate, "validate_store", lambda store: ValidationReport(
        conforms=False, text="1 violation(s), 0 warning(s)\nVIOLATION id:post/x: org:role: missing"))
    talks = write(tmp_path / "talks.txt", DEFENCE_TALKS)
    with pytest.raises(BuildError, match="does not conform"):
        add([str(talks)], graph)
    assert store_quads(graph) == before
    assert {p.name: p.read_bytes() for p in graph.iterdir() if p.is_file()} == files


def test_add_into_an_empty_folder_is_a_build(tmp_path: Path) -> None:
    visit = write(tmp_path / "visit.txt", DEFENCE_VISIT)
    report = add([str(visit)], tmp_path / "new")
    assert report.articles == 1
    assert {"graph.ttl", "graph.trig", "graph.html", "manifest.json"} <= {p.name for p in (tmp_path / "new").iterdir()}
