"""Every input handled: each odd input gets one line naming its path, and the build goes on.

One test per case of issue 11: the same text under two names, a file name that is not
UTF-8, symbolic link loops in folders and in ``**`` globs, an unreadable folder, UTF-16
without a byte-order mark, and one long unbroken line (its speed is measured in
bench/long_input.py; here, that it is cut and extracted in pieces without losing offsets).
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import SHORT, VISIT, write
from vnkg.chunks import CHUNK, extract_article
from vnkg.clean import MAX_LINE, clean
from vnkg.extract import extract
from vnkg.load import collect, read_article

VNKG = Path(sys.executable).parent / "vnkg"


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([str(VNKG), *map(str, args)], capture_output=True, text=True, timeout=600)


def stderr_lines(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.strip()]


def test_the_same_text_under_two_names_is_built_once(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", VISIT)
    write(tmp_path / "in" / "b.txt", VISIT)                 # one article saved twice by a crawler
    write(tmp_path / "in" / "c.txt", SHORT)
    done = run("build", tmp_path / "in", "--out", tmp_path / "graph")
    assert done.returncode == 0, done.stderr
    assert f"warning {tmp_path}/in/b.txt: same text as {tmp_path}/in/a.txt; built once, as a.txt" \
        in stderr_lines(done)
    manifest = (tmp_path / "graph" / "manifest.json").read_text(encoding="utf-8")
    assert "a.txt" in manifest and "b.txt" not in manifest and "c.txt" in manifest
    # and add: the text is in the graph already under another name
    write(tmp_path / "more" / "d.txt", VISIT)
    done = run("add", tmp_path / "more" / "d.txt", "--graph", tmp_path / "graph")
    assert done.returncode == 1
    assert f"skipped {tmp_path}/more/d.txt: same text as a.txt, which the graph holds already; not added again" \
        in stderr_lines(done)


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "good.txt", SHORT)
    bad = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(bad, "wb") as fh:
        fh.write(VISIT.encode("utf-8"))
    done = run("build", folder, "--out", tmp_path / "graph")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert f"skipped {folder}/caf\\xe9.txt: file name is not valid UTF-8; rename it to build it" in stderr_lines(done)
    # named on the command line too
    done = subprocess.run([os.fsencode(VNKG), b"build", bad, os.fsencode(folder / "good.txt"),
                           b"--out", os.fsencode(tmp_path / "graph2")], capture_output=True, timeout=600)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert b"caf\\xe9.txt: file name is not valid UTF-8" in done.stderr


@pytest.mark.parametrize("pattern", ["{dir}", "{dir}/**", "{dir}/**/*.txt"])
def test_symbolic_link_loops_in_folders_and_globs(tmp_path: Path, pattern: str) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", SHORT)
    write(folder / "sub" / "b.txt", VISIT)
    os.symlink("..", folder / "sub" / "up")                 # two loops: the search must end
    os.symlink(".", folder / "here")
    os.symlink("y.txt", folder / "x.txt")                   # and a link loop between two names
    os.symlink("x.txt", folder / "y.txt")
    files, errors = collect([pattern.format(dir=folder)])
    assert files == [folder / "a.txt", folder / "sub" / "b.txt"]
    messages = sorted(str(e) for e in errors)
    assert messages == sorted([
        f"{folder}/here: symbolic link loop (it leads back to a folder it is in), not followed",
        f"{folder}/sub/up: symbolic link loop (it leads back to a folder it is in), not followed",
        f"{folder}/x.txt: symbolic link loop, not followed",
        f"{folder}/y.txt: symbolic link loop, not followed",
    ])
    done = run("build", pattern.format(dir=folder), "--out", tmp_path / "graph")
    assert done.returncode == 0 and "articles built             │     2" in done.stdout, done.stdout


UNREADABLE = textwrap.dedent("""
    import ctypes, os, sys
    from vnkg.load import collect
    if os.geteuid() == 0:
        # root reads any folder: in a user namespace of its own it is the folder's owner and nothing more
        if ctypes.CDLL(None, use_errno=True).unshare(0x10000000) != 0:
            print("SKIP"); sys.exit()
    files, errors = collect([sys.argv[1]])
    print("\\n".join([*map(str, files), *map(str, errors)]))
""")


def test_an_unreadable_folder_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", SHORT)
    write(folder / "secret" / "b.txt", VISIT)
    os.chmod(folder / "secret", 0)
    try:
        done = subprocess.run([sys.executable, "-c", UNREADABLE, str(folder)], capture_output=True, text=True,
                              timeout=120)
    finally:
        os.chmod(folder / "secret", 0o755)
    if done.stdout.strip() == "SKIP":
        pytest.skip("no user namespace to make a folder unreadable for root")
    assert done.stdout.splitlines() == [str(folder / "a.txt"),
                                        f"{folder}/secret: cannot read folder: permission denied"], done.stderr


def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    write(tmp_path / "in" / "u16.txt", VISIT.encode("utf-16-le"))
    done = run("build", tmp_path / "in", "--out", tmp_path / "graph")
    assert done.returncode == 0 and "skipped" not in done.stderr, done.stderr
    assert "เจิ่น วัน ฟอง" in (tmp_path / "graph" / "graph.ttl").read_text(encoding="utf-8")


def test_a_long_unbroken_line_is_cut_and_extracted_in_pieces(tmp_path: Path) -> None:
    body = "".join(line.replace(" ", "") for line in VISIT.splitlines())
    path = write(tmp_path / "long.txt", body * (3 * CHUNK // len(body)))
    article = clean(read_article(path))
    assert len(article.text) > 2 * CHUNK and article.text.count("\n") == 0
    assert max(s.end - s.start for s in article.sentences) <= MAX_LINE
    assert "".join(s.text for s in article.sentences) == article.text     # no character lost
    ex = extract_article(article)
    assert all(m.text == article.text[m.start:m.end] for m in ex.mentions if m.end > m.start)
    assert all(article.text[s.start:s.end] == s.text for s in ex.statements)
    assert all(0 <= r.sentence < len(article.sentences) and r.subject < len(ex.mentions) for r in ex.relations)
    # one piece of the line holds the same names as the whole line does, a few times over
    assert {m.text for m in ex.mentions} >= {m.text for m in extract(clean(read_article(
        write(tmp_path / "short.txt", body)))).mentions if m.end > m.start} - {""}


def test_a_short_article_is_extracted_whole(tmp_path: Path) -> None:
    article = clean(read_article(write(tmp_path / "visit.txt", VISIT)))
    assert extract_article(article) == extract(article)
