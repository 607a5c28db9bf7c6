"""load.collect and load.read_article on files written in tmp_path (our own Thai sentences)."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from vnkg.load import collect, read_article
from vnkg.model import ArticleError

THAI = (
    "คณะกรรมการประชาชนจังหวัดเหงะอานจัดการประชุมสรุปผลงานประจำปีเมื่อบ่ายวันที่ 5 มีนาคม\n"
    "ผู้ว่าราชการจังหวัดกล่าวว่าการลงทุนด้านถนนและท่าเรือจะดำเนินต่อไปในปีหน้า"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def reason(path: Path, **kw) -> str:
    with pytest.raises(ArticleError) as info:
        read_article(path, **kw)
    assert info.value.path == str(path)
    assert str(info.value).startswith(str(path))
    return info.value.reason


# ------------------------------------------------------------------ encodings

@pytest.mark.parametrize("codec, data_of, label", [
    ("utf-8", lambda s: s.encode("utf-8"), "utf-8"),
    ("utf-8-sig", lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
    ("utf-16", lambda s: s.encode("utf-16"), "utf-16"),
    ("utf-16-be+bom", lambda s: b"\xfe\xff" + s.encode("utf-16-be"), "utf-16"),
    ("utf-16-le+bom", lambda s: b"\xff\xfe" + s.encode("utf-16-le"), "utf-16"),
    ("cp874", lambda s: s.encode("cp874"), "cp874"),
    ("tis-620", lambda s: s.encode("tis-620"), "cp874"),
])
def test_each_encoding_decodes_to_the_original(tmp_path, codec, data_of, label):
    path = write(tmp_path, f"{codec}.txt", data_of(THAI))
    raw = read_article(path)
    assert raw.text == THAI
    assert raw.encoding == label
    assert not raw.text.startswith("\ufeff")
    assert raw.name == f"{codec}.txt"
    assert raw.path == str(path)


def test_newlines_become_lf(tmp_path):
    path = write(tmp_path, "crlf.txt", (THAI.replace("\n", "\r\n") + "\r\nบรรทัดสุดท้าย\r").encode())
    text = read_article(path).text
    assert "\r" not in text
    assert text == THAI + "\nบรรทัดสุดท้าย\n"


def test_text_is_nfc_and_sara_am_is_composed(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Hà Nội ") + "ผู้นำกล่าวว่าการทํางานร่วมกันสำคัญมาก" * 2
    raw = read_article(write(tmp_path, "nfd.txt", decomposed.encode()))
    assert "Hà Nội" in raw.text
    assert "\u0e4d\u0e32" not in raw.text and "การทำงาน" in raw.text
    assert unicodedata.is_normalized("NFC", raw.text)


def test_zero_width_spaces_and_nbsp_are_normalised(tmp_path):
    text = "รัฐมนตรี\u200bว่าการกระทรวงการคลัง\u00a0กล่าวเปิดการประชุมประจำเดือน"
    raw = read_article(write(tmp_path, "zw.txt", text.encode()))
    assert raw.text == "รัฐมนตรีว่าการกระทรวงการคลัง กล่าวเปิดการประชุมประจำเดือน"


def test_vietnamese_chrome_around_a_thai_body_is_accepted(tmp_path):
    page = "Báo Nhân Dân - Cơ quan Trung ương\nĐộc lập - Tự do - Hạnh phúc\n" + THAI
    assert read_article(write(tmp_path, "mixed.txt", page.encode())).text == page


# ------------------------------------------------------------------ bad input

def test_empty_file(tmp_path):
    assert reason(write(tmp_path, "empty.txt", b"")) == "file is empty"


def test_bom_only_file_is_empty(tmp_path):
    assert reason(write(tmp_path, "bom.txt", b"\xef\xbb\xbf")) == "file is empty"


def test_whitespace_only_file(tmp_path):
    assert "only whitespace" in reason(write(tmp_path, "ws.txt", b" \n\t\r\n  \n"))


def test_binary_file_with_nul_bytes(tmp_path):
    assert "binary" in reason(write(tmp_path, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20))


def test_binary_file_with_control_characters(tmp_path):
    data = (THAI + "\x01\x02\x03\x1b\x7f" * 30).encode()
    assert "binary" in reason(write(tmp_path, "ctrl.txt", data))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path, encoding):
    raw = read_article(write(tmp_path, "u16.txt", THAI.encode(encoding)))
    assert raw.encoding == encoding and raw.text.startswith(THAI.strip()[:20])


def test_nul_bytes_that_are_not_utf16_are_binary(tmp_path):
    assert "binary" in reason(write(tmp_path, "bin.txt", b"\x00\x01\x02\x03" * 50 + THAI.encode()))


def test_undecodable_latin1_text(tmp_path):
    data = "Le ministère a présenté un rapport détaillé à Hanoï, déjà très attendu.".encode("latin-1")
    assert "cannot decode" in reason(write(tmp_path, "latin1.txt", data * 5))


def test_damaged_utf8_is_not_mistaken_for_cp874(tmp_path):
    good = THAI.encode()
    path = write(tmp_path, "damaged.txt", good[:30] + b"\xff\xfe" + good)
    r = reason(path)
    assert "invalid UTF-8" in r and "byte 30" in r


def test_oversize_file_says_size_and_limit(tmp_path):
    path = write(tmp_path, "big.txt", THAI.encode() * 4)
    size = path.stat().st_size
    r = reason(path, max_bytes=100)
    assert "too large" in r and f"{size:,}" in r and "100" in r
    assert read_article(path, max_bytes=size).text  # at the limit is fine


def test_english_text_is_not_thai(tmp_path):
    text = "The provincial committee held its annual review meeting on Tuesday afternoon.\n" * 4
    r = reason(write(tmp_path, "en.txt", text.encode()))
    assert r.startswith("not Thai text") and "0 of" in r


def test_a_few_thai_words_in_english_text_are_not_enough(tmp_path):
    text = ("The delegation visited the port of Hai Phong and met local officials there. " * 6
            + "กระทรวงการคลัง")
    assert reason(write(tmp_path, "few.txt", text.encode())).startswith("not Thai text")


def test_missing_path(tmp_path):
    assert reason(tmp_path / "nope.txt") == "no such file or directory"


def test_directory_is_not_an_article(tmp_path):
    (tmp_path / "folder").mkdir()
    assert "directory" in reason(tmp_path / "folder")


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", THAI.encode())

    def deny(self, *a, **kw):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    assert "permission denied" in reason(path)


# ------------------------------------------------------------------ collect

@pytest.fixture
def tree(tmp_path):
    for rel in ["a/one.txt", "a/two.txt", "a/deep/three.txt", "b/four.txt", "b/notes.md",
                "a/.hidden/five.txt", "top.txt"]:
        write(tmp_path, rel, THAI.encode())
    (tmp_path / "empty").mkdir()
    return tmp_path


def names(paths):
    return [p.name for p in paths]


def test_collect_folder_is_recursive_and_sorted(tree):
    files, errors = collect([str(tree / "a")])
    assert errors == []
    assert names(files) == ["three.txt", "one.txt", "two.txt"]   # a/deep/… sorts first
    assert files == sorted(files, key=str)


def test_collect_files_globs_and_dedup(tree):
    files, errors = collect([
        str(tree / "b" / "*.txt"), str(tree / "top.txt"), str(tree / "a" / "one.txt"),
        str(tree / "a" / "." / "one.txt"), str(tree / "a" / "*.txt"),
    ])
    assert errors == []
    assert names(files) == ["one.txt", "two.txt", "four.txt", "top.txt"]


def test_collect_double_star_means_all_articles_below(tree, monkeypatch):
    monkeypatch.chdir(tree)
    files, errors = collect(["**"])
    assert errors == []
    assert sorted(names(files)) == ["four.txt", "one.txt", "three.txt", "top.txt", "two.txt"]
    files, _ = collect(["a/**/*.txt"])
    assert sorted(names(files)) == ["one.txt", "three.txt", "two.txt"]


def test_collect_explicit_file_of_any_extension(tree):
    files, errors = collect([str(tree / "b" / "notes.md")])
    assert names(files) == ["notes.md"] and errors == []


def test_collect_reports_missing_paths_and_empty_matches(tree):
    files, errors = collect([str(tree / "missing.txt"), str(tree / "zz*.txt"),
                             str(tree / "empty"), str(tree / "top.txt")])
    assert names(files) == ["top.txt"]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert reasons == {
        "missing.txt": "no such file or directory",
        "zz*.txt": "pattern matched no files",
        "empty": "folder contains no .txt files",
    }


def test_collect_broken_symlink(tree):
    link = tree / "gone.txt"
    os.symlink(tree / "does-not-exist.txt", link)
    _, errors = collect([str(link)])
    assert [e.reason for e in errors] == ["broken symbolic link"]


def test_collect_nothing():
    assert collect([]) == ([], [])
