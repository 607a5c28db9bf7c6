"""Turn a decoded page into an ``Article``: body text without site chrome, metadata,
photo credits and sentences with offsets.

Patterns are data (``ontology/lexicons/boilerplate.tsv``: chrome, source and credit labels;
``boilerplate_sentence_starts.tsv``: sentence-splitting cues). The cleaned text keeps the
body's lines, joined with ``\\n``; every offset refers to it.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from vnkg.dates import arabic_digits, event_date, parse_dmy
from vnkg.lexicon import read_tsv
from vnkg.load import MIN_THAI_LETTERS, thai_letter_count
from vnkg.model import Article, ArticleError, Credit, RawArticle, Sentence
from vnkg.textnorm import normalize

__all__ = ["clean", "split_sentences", "find_credits", "source_url", "published_date", "publisher_name"]

LONG_LINE = 300          # only lines longer than this are split inside
MAX_LINE = 5000          # … and lines longer than this first into pieces of this size
_JOINS_LEFT = "\u0E31\u0E34\u0E35\u0E36\u0E37\u0E38\u0E39\u0E3A\u0E47\u0E48\u0E49\u0E4A\u0E4B\u0E4C\u0E4D\u0E4E"
_LEADING_VOWELS = "\u0E40\u0E41\u0E42\u0E43\u0E44"
MIN_SENTENCE = 40        # never cut off a piece shorter than this
TITLE_MAX = 200          # a headline is short
TITLE_LINES = 3          # the headline is among the first kept lines
MAX_SOURCE_NAME = 80     # "ที่มา: <publication>" without a URL is still a source line
DATE_LINE_MAX_THAI = 20  # a date line is chrome, not a Thai sentence that ends with a date
DATE_LINE_MAX_LEN = 120  # … nor a long foreign-language sentence

_URL = re.compile(r"https?://[^\s<>\"'“”]+")
_URL_LINE = re.compile(r"<?(https?://[^\s<>\"'“”]+)>?")
_TRAILING_URL_PUNCT = ".,;:)]"
# dd/mm/yyyy at the end of a line, maybe with a time: "…Môi trường22/12/2023", "22/12/2023 10:35"
_DATE_LINE = re.compile(
    r"(?<![0-9])[0-9]{1,2}([/.\-])[0-9]{1,2}\1[0-9]{4}"
    r"(?:[\s,|\-]*[0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?(?:\s*(?:GMT|UTC)\s*[+-]?\s*[0-9]{1,2})?)?\s*$"
)
_LATIN = "A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ"
_AGENCY = r"[A-ZĐ][A-ZĐ0-9&.]{1,9}"
_AGENCY_FIRST = re.compile(rf"(?P<agency>{_AGENCY})\s*/\s*(?P<name>.+)")
_AGENCY_LAST = re.compile(rf"(?P<name>.+?)\s*/\s*(?P<agency>{_AGENCY})")
# A bare "VGP/Hai Minh" at the end of a caption: agency in capitals, then a Latin name.
_BARE_CREDIT = re.compile(
    rf"(?:^|(?<=[\s\-–—(]))(?P<body>{_AGENCY}\s*/\s*[{_LATIN}]+(?:[ ][{_LATIN}]+){{0,4}})"
    r"\s*\)?\s*$"
)
_OPEN_QUOTES, _CLOSE_QUOTES = "“", "”"


@dataclass(frozen=True)
class _Rules:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    drop: tuple[re.Pattern[str], ...]
    tail: tuple[re.Pattern[str], ...]
    strip: tuple[re.Pattern[str], ...]
    image: tuple[re.Pattern[str], ...]
    source: re.Pattern[str]
    credit_paren: re.Pattern[str]
    credit_tail: re.Pattern[str]
    boundaries: tuple[re.Pattern[str], ...]
    intro: tuple[str, ...]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _rules() -> _Rules:
    by_kind: dict[str, list[str]] = {}
    for row in read_tsv("boilerplate.tsv"):
        by_kind.setdefault(row["kind"], []).append(row["pattern"])
    cues: dict[str, list[str]] = {}
    for row in read_tsv("boilerplate_sentence_starts.tsv"):
        cues.setdefault(row["kind"], []).append(row["phrase"])

    # a label with a colon (ภาพ: …) or one that ends in "by" (Photo by …, ภาพโดย …)
    labels = f"(?:{_alt(by_kind['credit_label'])})\\s*[:：]|(?:{_alt(by_kind['credit_by'])})\\s"
    cont = _alt(cues["continuation"])
    boundaries = (
        # A discourse connective after a space opens a sentence (นอกจากนี้ …).
        re.compile(rf"\s+(?=(?:{_alt(cues['starter'])}))"),
        # An ellipsis ends a sentence unless the next word continues it (… และ …).
        re.compile(rf"(?:\.{{3,}}|…)\s++(?!(?:{cont}))"),
        # A quotation and its attribution end together: “…” รัฐมนตรีกล่าวเน้นย้ำ | …
        re.compile(rf"{_CLOSE_QUOTES}[^{_OPEN_QUOTES}{_CLOSE_QUOTES}\n]{{0,60}}?"
                   rf"(?:{_alt(cues['speech_verb'])})\S*\s++(?!(?:{cont}))"),
        # A quotation whose attribution follows it opens a sentence: … | “…” ผู้ว่าฯ กล่าว
        re.compile(rf"\s+(?={_OPEN_QUOTES}[^\n]{{20,}}?{_CLOSE_QUOTES}\s*"
                   rf"[^{_OPEN_QUOTES}{_CLOSE_QUOTES}\n]{{0,60}}?(?:{_alt(cues['speech_verb'])}))"),
    )
    return _Rules(
        exact=frozenset(p.casefold() for p in by_kind.get("exact", [])),
        prefixes=tuple(p.casefold() for p in by_kind.get("prefix", [])),
        drop=tuple(re.compile(p) for p in by_kind.get("regex", [])),
        tail=tuple(re.compile(p, re.IGNORECASE) for p in by_kind.get("tail_marker", [])),
        strip=tuple(re.compile(p) for p in by_kind.get("image", []) + by_kind.get("strip", [])),
        image=tuple(re.compile(p) for p in by_kind.get("image", [])),
        source=re.compile(
            rf"[\s(\-–]*(?:{_alt(by_kind['source_label'])})\s*(?:[:：]\s*(?P<rest>.*?))?\s*",
            re.IGNORECASE),
        credit_paren=re.compile(
            rf"\(\s*(?:{labels})\s*(?P<body>[^()\n]*[^\s()])\s*\)", re.IGNORECASE),
        credit_tail=re.compile(
            rf"(?:^|(?<=[\s\-–—|]))(?:{labels})\s*(?P<body>[^()\n|]*[^\s()|.])\s*\.?\s*$",
            re.IGNORECASE),
        boundaries=boundaries,
        intro=tuple(cues["intro"]),
    )


# ---------------------------------------------------------------- metadata lines

def source_url(line: str) -> tuple[bool, str | None]:
    """Whether ``line`` is a source line (ที่มา: URL) and the URL it gives, if any."""
    m = _rules().source.fullmatch(line)
    if not m:
        return False, None
    rest = m.group("rest") or ""
    url = _URL.search(rest)
    if url:
        return True, url.group(0).rstrip(_TRAILING_URL_PUNCT)
    return len(rest) <= MAX_SOURCE_NAME, None


def publisher_name(line: str) -> str | None:
    """The outlet named on a date line (``Báo XBáo X22/12/2023`` → ``Báo X``), if any.

    Pages print the outlet's logo text and its name side by side, so a name written
    twice running is one name.
    """
    m = _DATE_LINE.search(arabic_digits(line))
    name = _outlet_noise().sub(" ", line[: m.start()]) if m else ""
    # (VOVWORLD) - 04/11/2025: the outlet in brackets, as it also opens the lead
    name = re.sub(r"\s+", " ", name).strip(" -–|·,").removeprefix("(").removesuffix(")").strip(" -–|·,")
    half = len(name) // 2
    if len(name) % 2 == 0 and name[:half] == name[half:]:
        name = name[:half].strip()
    return name if 3 <= len(name) <= 80 and any(c.isalpha() for c in name) else None


@cache
def _outlet_noise() -> re.Pattern:
    return re.compile("|".join(f"(?:{r['pattern']})" for r in read_tsv("boilerplate.tsv") if r["kind"] == "outlet_noise"))


def published_date(line: str) -> date | None:
    """The date of a page's date line (``…Môi trường22/12/2023``), None for other lines."""
    line = arabic_digits(line)
    m = _DATE_LINE.search(line)
    if (not m or len(line) > DATE_LINE_MAX_LEN
            or thai_letter_count(line[: m.start()]) >= DATE_LINE_MAX_THAI):
        return None
    return parse_dmy(m.group(0))


def _is_chrome(line: str, rules: _Rules) -> bool:
    folded = line.casefold()
    return (folded in rules.exact or folded.startswith(rules.prefixes)
            or any(p.fullmatch(line) for p in rules.drop))


def _strip(line: str, rules: _Rules) -> str:
    for p in rules.strip:
        line = p.sub("", line)
    return line.strip()


@dataclass(frozen=True)
class _Body:
    lines: tuple[str, ...]
    captions: frozenset[int]    # indices of kept lines right after an image placeholder
    dropped: int
    source_url: str | None
    published: date | None
    publisher: str | None = None


def _body(text: str) -> _Body:
    """Keep the body's lines; read the source and date lines; count dropped chrome."""
    rules = _rules()
    lines = [ln.strip() for ln in text.split("\n")]
    kept: list[str] = []
    dropped = 0
    url: str | None = None
    published: date | None = None
    publisher: str | None = None
    want_url = False            # a label-only source line puts its URL on the next line
    captions: set[int] = set()
    after_image = False
    for i, raw_line in enumerate(lines):
        if not raw_line:
            continue
        line = _strip(raw_line, rules)
        is_caption, after_image = after_image, any(p.search(raw_line) for p in rules.image)
        if not line:                # nothing but a placeholder (![]() |)
            dropped += 1
            continue
        if want_url:
            want_url = False
            m = _URL_LINE.fullmatch(line)
            if m:
                url = url or m.group(1).rstrip(_TRAILING_URL_PUNCT)
                dropped += 1
                continue
        if any(p.fullmatch(line) for p in rules.tail):
            if not kept:        # a footer heading above the body cuts nothing
                dropped += 1
                continue
            dropped += sum(1 for ln in lines[i:] if ln)
            # The source line sometimes follows the footer: still read it.
            url = url or next((u for u in (source_url(ln)[1] for ln in lines[i:]) if u), None)
            break
        is_source, found = source_url(line)
        if is_source:
            url = url or found
            want_url = found is None
            dropped += 1
            continue
        date_line = published_date(line)
        if date_line or _is_chrome(line, rules):
            if date_line and not published:
                publisher = publisher_name(line)
            published = published or date_line
            dropped += 1
            continue
        if is_caption:
            captions.add(len(kept))
        kept.append(line)
    return _Body(tuple(kept), frozenset(captions), dropped, url, published, publisher)


# ---------------------------------------------------------------- credits

def _credit(body: str, at: int) -> Credit | None:
    """The credit named by ``body`` (found at offset ``at``): agency split off if present."""
    for pattern in (_AGENCY_FIRST, _AGENCY_LAST):
        m = pattern.fullmatch(body)
        if m:
            name = m.group("name").rstrip(". ")
            if not name:
                return None
            return Credit(at + m.start("name"), at + m.start("name") + len(name), name,
                          m.group("agency"))
    name = body.rstrip(". ")
    return Credit(at, at + len(name), name) if name else None


def _bare_name_ok(name: str) -> bool:
    # Person names are capitalised words in mixed case; codes like NQ/TW are not.
    return all(w[0].isupper() and any(c.islower() for c in w) for w in name.split())


def _line_credits(line: str, at: int, rules: _Rules) -> list[tuple[int, Credit]]:
    """``(start of the credit construct, Credit)`` pairs found in one line."""
    found: list[tuple[int, Credit]] = []
    for pattern in (rules.credit_paren, rules.credit_tail):
        for m in pattern.finditer(line):
            c = _credit(m.group("body"), at + m.start("body"))
            if c:
                found.append((m.start(), c))
    m = _BARE_CREDIT.search(line)
    if m and not any(c.start < at + m.end("body") and at + m.start("body") < c.end
                     for _, c in found):
        c = _credit(m.group("body"), at + m.start("body"))
        if c and c.agency and _bare_name_ok(c.name):
            found.append((m.start("body"), c))
    return found


def find_credits(text: str) -> tuple[Credit, ...]:
    """Photo credits in cleaned ``text``: ``(ภาพ: แถ่ง ลอง)``, ``- ภาพ: VGP/Hai Minh``, ``VGP/Hai Minh``."""
    rules, at = _rules(), 0
    out: dict[tuple[int, int], Credit] = {}
    for line in text.split("\n"):
        for _, c in _line_credits(line, at, rules):
            out.setdefault((c.start, c.end), c)
        at += len(line) + 1
    return tuple(out[k] for k in sorted(out))


# ---------------------------------------------------------------- sentences

def _inside_quotes(line: str) -> list[bool]:
    """For each offset (and the end), whether it lies inside a quotation."""
    inside: list[bool] = []
    depth, straight = 0, False
    for ch in line:
        inside.append(depth > 0 or straight)
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(depth - 1, 0)
        elif ch == '"':
            straight = not straight
    inside.append(depth > 0 or straight)
    return inside


def _windows(line: str) -> list[tuple[int, int]]:
    """``line`` cut into pieces of at most MAX_LINE characters: at the last space of each
    piece, else between two Thai character clusters (never before a vowel sign or tone
    mark, never after a leading vowel). Sentence cues are looked for within a piece, so
    the time spent on a line grows with its length, not with its square."""
    cuts, start = [], 0
    while len(line) - start > MAX_LINE:
        end = start + MAX_LINE
        space = line.rfind(" ", start + MAX_LINE // 2, end)
        if space > start:
            end = space + 1
        else:
            while end > start + 1 and (line[end] in _JOINS_LEFT or line[end - 1] in _LEADING_VOWELS):
                end -= 1
        cuts.append((start, end))
        start = end
    return cuts + [(start, len(line))]


def _line_spans(line: str, rules: _Rules) -> list[tuple[int, int]]:
    if len(line) > MAX_LINE:
        return [(start + s, start + e) for start, end in _windows(line)
                for s, e in _line_spans(line[start:end], rules)]
    if len(line) <= LONG_LINE:
        return [(0, len(line))]
    inside = _inside_quotes(line)
    found = sorted({m.end() for p in rules.boundaries for m in p.finditer(line)
                    if not inside[m.end()]
                    and not line[: m.end()].rstrip().endswith(rules.intro)})
    # Of cues close together (… ของกรมฯ ในอนาคต ดังนั้น …) the last one opens the sentence.
    candidates = [b for b, nxt in zip(found, [*found[1:], None])
                  if nxt is None or nxt - b >= MIN_SENTENCE]
    cuts, last = [0], 0
    for b in candidates:
        if b - last >= MIN_SENTENCE and len(line) - b >= MIN_SENTENCE:
            cuts.append(b)
            last = b
    cuts.append(len(line))
    return list(zip(cuts, cuts[1:]))


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of cleaned ``text``: every line, long lines cut at Thai sentence cues."""
    rules, at = _rules(), 0
    out: list[Sentence] = []
    for line in text.split("\n"):
        for s, e in _line_spans(line, rules):
            piece = line[s:e]
            lead = len(piece) - len(piece.lstrip())
            body = piece.strip()
            if body:
                start = at + s + lead
                out.append(Sentence(start, start + len(body), body))
        at += len(line) + 1
    return tuple(out)


# ---------------------------------------------------------------- article

def _title(body: _Body) -> str | None:
    """The headline: the first short Thai line among the first lines, credit removed.

    A line under an image is its caption, not a headline.
    """
    rules = _rules()
    for i, line in enumerate(body.lines[:TITLE_LINES]):
        if i in body.captions:
            continue
        credits = _line_credits(line, 0, rules)
        if credits:
            line = line[: min(start for start, _ in credits)].rstrip(" -–—|(")
        if thai_letter_count(line) and len(line) <= TITLE_MAX:
            return line
    return None


def clean(raw: RawArticle) -> Article:
    """The article without site chrome, with metadata, credits and sentences.

    Raises ``ArticleError`` when no Thai body is left once the chrome is gone (a page
    that is all menus and related-article lists).
    """
    body = _body(normalize(raw.text))
    text = "\n".join(body.lines)
    if thai_letter_count(text) < MIN_THAI_LETTERS:
        raise ArticleError(raw.path, "no Thai article text left after removing site boilerplate")
    return Article(
        name=raw.name,
        path=raw.path,
        sha=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        title=_title(body),
        source_url=body.source_url,
        published=body.published,
        publisher=body.publisher,
        event_date=event_date(text, body.published),
        sentences=split_sentences(text),
        credits=find_credits(text),
        dropped_lines=body.dropped,
    )
