"""Find input articles and read them as Thai text, rejecting bad input with one clear reason.

``collect`` turns command-line inputs (files, folders, glob patterns) into a sorted list of
files plus one ``ArticleError`` per input that names nothing and per path it meets that
cannot be used (a symbolic link loop, an unreadable folder, a name that is not UTF-8);
folders are searched without ever going round a link loop. ``read_article`` decodes one
file (UTF-8, UTF-8/UTF-16 with BOM, UTF-16 without BOM, TIS-620/cp874) into a
``RawArticle`` or raises ``ArticleError`` saying why the file cannot be used.
"""
from __future__ import annotations

import codecs
import errno
import fnmatch
import glob
import os
import re
import stat
import unicodedata
from functools import lru_cache
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


def display(path: Path | str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 as \\xNN escapes."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def _decodable(path: Path | str) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:           # undecodable bytes, kept by Python as surrogates
        return False
    return True


def _is_pattern(s: str) -> bool:
    return bool(_GLOB_CHARS.search(s)) and not Path(s).exists()


def _unusable(path: Path) -> ArticleError | None:
    """Why a path met while searching cannot be read (a link loop, a dangling link), if so."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return ArticleError(display(path), "symbolic link loop, not followed")
        if path.is_symlink():
            return ArticleError(display(path), "broken symbolic link")
        if exc.errno == errno.ENOENT:
            return ArticleError(display(path), "no such file or directory")
        return ArticleError(display(path), f"cannot read: {(exc.strerror or str(exc)).lower()}")
    return None


def _walk(folder: Path, errors: list[ArticleError], every: bool = False) -> list[Path]:
    """Files below ``folder`` (``*.txt`` only unless ``every``), skipping hidden names.

    Links to folders are followed, but never round a loop (a link back to a folder it is
    in) and never twice into one folder; an unreadable folder, a link loop and a file
    name that is not UTF-8 are each reported and skipped, and the search goes on.
    """
    found: list[Path] = []
    start = os.stat(folder)
    seen = {(start.st_dev, start.st_ino)}
    todo: list[tuple[Path, tuple[tuple[int, int], ...]]] = [(folder, ((start.st_dev, start.st_ino),))]
    while todo:
        here, ancestors = todo.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as exc:
            errors.append(ArticleError(display(here), f"cannot read folder: {(exc.strerror or str(exc)).lower()}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            if not _decodable(entry.name):
                errors.append(ArticleError(display(path), "file name is not valid UTF-8; rename it to build it"))
                continue
            problem = _unusable(path)
            if problem is not None:
                if entry.is_symlink() or path.suffix.lower() == ".txt":
                    errors.append(problem)
                continue
            info = os.stat(path)
            key = (info.st_dev, info.st_ino)
            if stat.S_ISDIR(info.st_mode):
                if key in ancestors:
                    errors.append(ArticleError(display(path), "symbolic link loop (it leads back to a folder "
                                                               "it is in), not followed"))
                elif key not in seen:
                    seen.add(key)
                    todo.append((path, ancestors + (key,)))
            elif stat.S_ISREG(info.st_mode) and (every or path.suffix.lower() == ".txt"):
                found.append(path)
    return sorted(found)


def _matches(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether path components match glob components, ``**`` standing for any number of folders."""
    @lru_cache(maxsize=None)
    def match(i: int, j: int) -> bool:
        if j == len(pattern):
            return i == len(parts)
        if pattern[j] == "**":
            return match(i, j + 1) or (i < len(parts) and match(i + 1, j))
        return i < len(parts) and fnmatch.fnmatchcase(parts[i], pattern[j]) and match(i + 1, j + 1)
    return match(0, 0)


def _glob(item: str, errors: list[ArticleError]) -> list[Path]:
    """Files a glob pattern names, folders it names searched for ``*.txt``; a pattern with
    ``**`` is matched against a loop-safe search of the folder it starts from."""
    if "**" not in item:
        files: list[Path] = []
        for p in map(Path, sorted(glob.glob(item))):
            if p.is_dir():
                files.extend(_walk(p, errors))
            elif problem := _unusable(p):
                errors.append(problem)
            else:
                files.append(p)
        return files
    parts = Path(item).parts
    fixed = next(i for i, part in enumerate(parts) if _GLOB_CHARS.search(part))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    pattern = parts[fixed:]
    if not root.is_dir():
        return []
    files = []
    for path in _walk(root, errors, every=True):
        rel = path.relative_to(root).parts
        if _matches(rel, pattern) and (pattern[-1] != "**" or path.suffix.lower() == ".txt"):
            files.append(path)          # "dir/**" means every article below dir
        elif path.suffix.lower() == ".txt" and any(_matches(rel[:k], pattern) for k in range(1, len(rel))):
            files.append(path)          # in a folder the pattern names
    return files


def _expand(item: str, errors: list[ArticleError]) -> list[Path]:
    """The files one input names; why it names none goes to ``errors``."""
    if not _decodable(item):
        errors.append(ArticleError(display(item), "file name is not valid UTF-8; rename it to build it"))
        return []
    if _is_pattern(item):
        found = len(errors)
        files = _glob(item, errors)
        if not files and len(errors) == found:
            errors.append(ArticleError(item, "pattern matched no files"))
        return files
    path = Path(item)
    if path.is_dir():
        found = len(errors)
        files = _walk(path, errors)
        if not files and len(errors) == found:
            errors.append(ArticleError(item, "folder contains no .txt files"))
        return files
    if (problem := _unusable(path)) is not None:
        errors.append(problem)
        return []
    return [path]


def collect(inputs: Sequence[str]) -> tuple[list[Path], list[ArticleError]]:
    """Files named by ``inputs`` (files, folders searched for ``*.txt``, glob patterns).

    Returns the files sorted by path without duplicates (the same file reached twice is
    kept once, under the first spelling met), and one error per input that names no file
    and per path met that cannot be used (link loops, unreadable folders, undecodable names).
    """
    seen: dict[Path, Path] = {}
    errors: list[ArticleError] = []
    for item in inputs:
        for f in _expand(str(item), errors):
            seen.setdefault(Path(os.path.realpath(f)), f)
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


def _utf16_without_bom(path: Path, data: bytes) -> tuple[str, str]:
    """Text with NUL bytes: UTF-16 without a byte-order mark if one byte order reads as text
    (ASCII spaces and digits put a NUL in every other byte; Thai puts 0x0E there), else binary."""
    best = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = len(_CONTROL.findall(text)) + text.count("\x00")
        if controls <= MAX_CONTROL_SHARE * len(text) and (best is None or thai_letter_count(text) > best[2]):
            best = (text, encoding, thai_letter_count(text))
    if best is None:
        raise ArticleError(path, "binary file (contains NUL bytes, and is not UTF-16 text either)")
    return best[0], best[1]


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """``(text, encoding)``; BOMs first, then UTF-8, then legacy Thai."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        if b"\x00" in data:
            return _utf16_without_bom(path, data)
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
