"""The command line as any other tool's: --version, --graph/-g everywhere, - for standard
output, choices checked, help for every option, --quiet/--verbose, a JSON summary, a
progress display for every stage of a build, and vnkg's own missing data named as such."""
from __future__ import annotations

import io
import json
import subprocess
import tomllib
from pathlib import Path

import click
import pytest
import typer.main
from rich.console import Console
from typer.testing import CliRunner

import vnkg.cli as cli_module
from conftest import REPO, VISIT, VNKG, write
from vnkg.cli import app

COMMANDS = typer.main.get_command(app).commands     # type: ignore[attr-defined]
STAGES = ("load+clean", "extract", "resolve", "rdf+store", "validate", "export ttl", "export trig", "view")


def vnkg(*args: object, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def test_version_is_the_package_version() -> None:
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = vnkg("--version")
    assert result.exit_code == 0 and result.stdout == f"vnkg {version}\n"


@pytest.mark.parametrize("name", ["build", "add", "query", "export", "view", "stats", "serve"])
def test_every_command_takes_graph(name: str) -> None:
    flags = {flag for p in COMMANDS[name].params for flag in (*p.opts, *p.secondary_opts)}
    assert {"--graph", "-g"} <= flags


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_and_argument_has_help(name: str) -> None:
    for param in COMMANDS[name].params:
        assert (param.help or "").strip(), f"vnkg {name} {param.name} has no help"   # type: ignore[attr-defined]
    assert (COMMANDS[name].help or "").strip()


@pytest.mark.parametrize("args", [
    ["stats", "--format", "xml"], ["export", "--format", "xml"], ["query", "posts", "--format", "xml"],
    ["view", "--types", "Person,Spaceship"], ["build", "seeds", "--executor", "cloud"],
])
def test_choices_are_checked(seeds_graph: Path, args: list[str]) -> None:
    result = vnkg(*args, "--graph", seeds_graph)
    assert result.exit_code == 2, result.output                    # a usage error, before any work
    message = " ".join(result.stderr.split())
    assert "Invalid value" in message or "unknown" in message


def test_dash_is_standard_output(seeds_graph: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    nt = subprocess.run([str(VNKG), "export", "-g", str(seeds_graph), "-f", "nt", "-o", "-"],
                        capture_output=True, check=True).stdout
    subprocess.run([str(VNKG), "export", "-g", str(seeds_graph), "-f", "nt", "-o", "file.nt"], check=True)
    assert nt and nt == (tmp_path / "file.nt").read_bytes()
    page = subprocess.run([str(VNKG), "view", "-g", str(seeds_graph), "-o", "-"], capture_output=True, check=True)
    assert page.stdout.startswith(b"<!DOCTYPE html>") and page.stdout.rstrip().endswith(b"</html>")
    assert not (tmp_path / "-").exists()


def test_serve_takes_the_folder_either_way(tmp_path: Path) -> None:
    result = vnkg("serve", tmp_path / "a", "--graph", tmp_path / "b")
    assert result.exit_code == 2 and "two graph folders" in " ".join(result.stderr.split())
    result = vnkg("serve", "--graph", tmp_path / "nothing-here", "--port", "0")
    assert result.exit_code == 1 and "no store here" in result.stderr


def test_quiet_build_prints_nothing(seeds_build, tmp_path: Path) -> None:
    result = vnkg("build", seeds_build.seeds, "--out", tmp_path / "g", "--quiet", "--no-view")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""


def test_verbose_build_tells_every_stage(seeds_build, tmp_path: Path) -> None:
    result = vnkg("build", seeds_build.seeds, "-g", tmp_path / "g", "--verbose")
    assert result.exit_code == 0, result.output
    for stage in STAGES:
        assert f"build: {stage} took " in result.stderr
    assert "articles built" in result.stdout


def test_json_summary_of_build_and_add(seeds_build, tmp_path: Path) -> None:
    result = vnkg("build", seeds_build.seeds, "--out", tmp_path / "g", "--json", "--no-view")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["command"], summary["articles"], summary["skipped"]) == ("build", 5, [])
    assert summary["entities"]["Person"] > 5 and summary["quads"] > 1000
    assert set(summary["seconds"]) >= {"resolve", "rdf+store", "validate", "export ttl", "export trig"}
    write(tmp_path / "new" / "visit.txt", VISIT)
    write(tmp_path / "new" / "empty.txt", "")
    result = vnkg("add", tmp_path / "new", "--graph", tmp_path / "g", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["command"], summary["articles"]) == ("add", 1)
    assert [s["file"] for s in summary["skipped"]] == [str(tmp_path / "new" / "empty.txt")]


def test_progress_shows_every_stage_on_a_terminal(seeds_build, tmp_path: Path, monkeypatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli_module, "err", Console(file=screen, force_terminal=True, width=200, emoji=False))
    result = vnkg("build", seeds_build.seeds, "--out", tmp_path / "g")
    assert result.exit_code == 0, result.output
    shown = screen.getvalue()
    for description in ("resolving entities", "writing the store", "checking the shapes",
                        "writing graph.ttl", "writing graph.trig", "drawing graph.html"):
        assert description in shown


def test_missing_ontology_is_named_not_blamed_on_the_articles(seeds_build, tmp_path: Path) -> None:
    done = subprocess.run([str(VNKG), "build", str(seeds_build.seeds), "--out", str(tmp_path / "g")],
                          capture_output=True, text=True, env={"VNKG_ONTOLOGY": str(tmp_path / "nowhere"),
                                                               "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1
    assert "ontology folder" in done.stderr and str(tmp_path / "nowhere") in done.stderr
    assert "skipped" not in done.stderr and "Traceback" not in done.stderr
