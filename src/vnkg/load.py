"""Find input articles and read them as Thai text, rejecting bad input with one clear reason.

``collect`` turns command-line inputs (files, folders, glob patterns) into a sorted list of
files plus one ``ArticleError`` per input that names nothing. ``read_article`` decodes one
file (UTF-8, UTF-8/UTF-16 with BOM, TIS-620/cp874) into a ``RawArticle`` or raises
``ArticleError`` saying why the file cannot be used.
"""
from __future__ import annotations

import codecs
import glob
import re
import unicodedata
from pathlib import Path
from typing import Sequence

from vnkg.model import ArticleError, RawArticle

__all__ = ["collect", "read_article", "thai_letter_count", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 5_000_000
MIN_THAI_LETTERS = 20       # fewer Thai letters than a short sentence is not an article
MIN_THAI_SHARE = 0.15       # seeds mix Vietnamese/English chrome with a Thai body
MAX_CONTROL_SHARE = 0.01    # text files have almost no control characters besides \t \n \r
MAX_BAD_MARKS_SHARE = 0.10  # cp874 decodes anything; real Thai puts marks after letters

_GLOB_CHARS = re.compile(r"[*?\[]")
_THAI_LETTER = re.compile(r"[\u0E01-\u0E2E\u0E30\u0E32\u0E33\u0E40-\u0E46]")
# Thai vowel signs above/below and tone marks: they must follow a consonant or another mark.
_THAI_MARK = "\u0E31\u0E34-\u0E3A\u0E47-\u0E4E"
_BAD_MARK = re.compile(rf"(?<![\u0E01-\u0E2E{_THAI_MARK}])[{_THAI_MARK}]")
_ANY_MARK = re.compile(rf"[{_THAI_MARK}]")
_CONTROL = re.compile(r"[\x00-\x08\x0B\x0E-\x1F\x7F]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# Invisible characters of web text that would split words and names (offsets are taken
# after this, on the cleaned text).
_INVISIBLE = re.compile(r"[\u200B\u00AD\uFEFF\u2060]")
_ODD_SPACES = re.compile(r"[\u00A0\u2000-\u200A\u202F\u205F\u3000]")
# UTF-8 Thai is E0 B8 xx / E0 B9 xx: many of them mean damaged UTF-8, not TIS-620.
_UTF8_THAI = re.compile(rb"\xE0[\xB8\xB9][\x80-\xBF]")


def thai_letter_count(text: str) -> int:
    """Number of Thai letters (consonants and spacing vowels) in ``text``."""
    return len(_THAI_LETTER.findall(text))


def _is_pattern(s: str) -> bool:
    return bool(_GLOB_CHARS.search(s)) and not Path(s).exists()


def _is_txt(path: Path) -> bool:
    return path.suffix.lower() == ".txt" and path.is_file()


def _txt_files(folder: Path) -> list[Path]:
    """``*.txt`` files below ``folder``, skipping hidden folders and files (.git, caches)."""
    return sorted(
        p for p in folder.rglob("*")
        if _is_txt(p) and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _expand(item: str) -> tuple[list[Path], ArticleError | None]:
    """The files one input names, or the error saying why it names none."""
    if _is_pattern(item):
        matches = [Path(p) for p in sorted(glob.glob(item, recursive=True))]
        if Path(item).name == "**":
            # "dir/**" means every article below dir, not every file of any kind.
            files = [p for p in matches if _is_txt(p)]
        else:
            files = []
            for p in matches:
                files.extend(_txt_files(p) if p.is_dir() else [p])
        if not files:
            return [], ArticleError(item, "pattern matched no files")
        return files, None
    path = Path(item)
    if path.is_dir():
        files = _txt_files(path)
        if not files:
            return [], ArticleError(item, "folder contains no .txt files")
        return files, None
    if path.is_symlink() and not path.exists():
        return [], ArticleError(item, "broken symbolic link")
    if not path.exists():
        return [], ArticleError(item, "no such file or directory")
    return [path], None


def collect(inputs: Sequence[str]) -> tuple[list[Path], list[ArticleError]]:
    """Files named by ``inputs`` (files, folders searched for ``*.txt``, glob patterns).

    Returns the files sorted by path without duplicates (the same file reached twice is
    kept once, under the first spelling met), and one error per input that names no file.
    """
    seen: dict[Path, Path] = {}
    errors: list[ArticleError] = []
    for item in inputs:
        files, error = _expand(str(item))
        if error:
            errors.append(error)
        for f in files:
            seen.setdefault(f.resolve(), f)
    return sorted(seen.values(), key=str), sorted(errors, key=lambda e: e.path)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if path.is_dir():
        raise ArticleError(path, "is a directory, not a file")
    if not path.exists():
        raise ArticleError(path, "no such file or directory")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(path, f"file too large: {size:,} bytes (limit {max_bytes:,} bytes)")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)   # also guards files whose size stat() does not tell
    except PermissionError:
        raise ArticleError(path, "cannot read file: permission denied") from None
    except OSError as e:
        raise ArticleError(path, f"cannot read file: {e.strerror or e}") from None
    if len(data) > max_bytes:
        raise ArticleError(path, f"file too large: more than {max_bytes:,} bytes (limit)")
    return data


def _plausible_thai(text: str) -> bool:
    """Whether a cp874 decoding looks like Thai writing rather than arbitrary bytes."""
    marks = len(_ANY_MARK.findall(text))
    bad = len(_BAD_MARK.findall(text))
    return thai_letter_count(text) > 0 and bad <= MAX_BAD_MARKS_SHARE * max(marks, 1)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """``(text, encoding)``; BOMs first, then UTF-8, then legacy Thai."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        if b"\x00" in data:
            raise ArticleError(path, "binary file (contains NUL bytes)")
        encoding = "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as e:
        if encoding != "utf-8":
            raise ArticleError(path, f"cannot decode as {encoding}: invalid data at byte {e.start}") from None
        utf8_error = e
    if len(_UTF8_THAI.findall(data)) >= 3:
        raise ArticleError(
            path, f"invalid UTF-8 at byte {utf8_error.start} (damaged UTF-8 Thai text)")
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        text = None
    if text is None or not _plausible_thai(text):
        raise ArticleError(
            path, "cannot decode text: not UTF-8, UTF-16 with BOM, or TIS-620/cp874 Thai")
    return text, "cp874"


def _normalise(text: str) -> str:
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    # NFC leaves Thai SARA AM spelt as NIKHAHIT + SARA AA (ํา), common in PDF/legacy text.
    return unicodedata.normalize("NFC", text).replace("\u0E4D\u0E32", "\u0E33")


def read_article(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawArticle:
    """Read and decode one article; raise ``ArticleError`` with one reason if it is unusable.

    Reasons: directory, missing, unreadable, empty, whitespace only, too large, binary,
    undecodable, not Thai. The text is NFC, with ``\\n`` newlines and no BOM.
    """
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    if not data:
        raise ArticleError(path, "file is empty")
    raw_text, encoding = _decode(path, data)
    text = _normalise(raw_text)
    if not text:                # a byte-order mark and nothing else
        raise ArticleError(path, "file is empty")
    if not text.strip():
        raise ArticleError(path, "file is empty (only whitespace)")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > MAX_CONTROL_SHARE * len(text):
        raise ArticleError(path, f"binary file ({controls} control characters)")
    letters = sum(1 for c in text if c.isalpha())
    thai = thai_letter_count(text)
    if thai < MIN_THAI_LETTERS or thai < MIN_THAI_SHARE * letters:
        raise ArticleError(
            path, f"not Thai text: {thai} of {letters} letters are Thai script "
                  f"(need at least {MIN_THAI_LETTERS} and {MIN_THAI_SHARE:.0%})")
    return RawArticle(path=str(path), name=path.name, text=text, encoding=encoding)
