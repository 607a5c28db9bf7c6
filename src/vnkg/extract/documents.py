"""Legal documents cited by Vietnamese document codes in Thai text.

Vietnamese documents are cited by codes whose layout tells who issued them:

* party:        ``57-NQ/TW``       NUMBER-TYPE/ISSUER
* state:        ``13/2023/NĐ-CP``  NUMBER[/YEAR]/TYPE-ISSUER
* legislature:  ``24/2018/QH14``   NUMBER/YEAR/ISSUER+TERM (laws, ordinances)

Type letters and issuer letters come from ``doc_types.tsv`` and ``doc_issuers.tsv``;
the Thai words around the code (type trigger before it; date, issuer and subject
after it) from ``doc_cues.tsv``, the month names of ``thai_months.tsv`` and the same two lexicons.

Canonical form (``Mention.ref``): digits ASCII, Đ/đ folded to D everywhere, no spaces,
ASCII separators in the layout of the issuer's style, known issuers spelled as in the
lexicon (``TTg``), unknown ones as written: ``57-NQ/TW``, ``505/QD-TTg``,
``13/2023/ND-CP``, ``01-KH/BCDTW``, ``24/2018/QH14``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TypeVar

from vnkg.dates import month_forms
from vnkg.lexicon import read_tsv, split_values
from vnkg.model import Kind, Mention

__all__ = ["extract_documents", "canonical_code", "code_slug"]

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_DASH_CLASS = "\\" + _DASHES                # for use inside [...]: the ASCII hyphen escaped
_SLASHES = "/\uff0f\u2044\u2215"
_DIGIT = "0-9\u0e50-\u0e59"                 # ASCII and Thai digits
_SP = "[ \\t\\u00a0]*"                      # spacing inside a code or date, never a newline
_SEP = f"{_SP}[{_DASH_CLASS}{_SLASHES}]{_SP}"
_LATIN = "A-Za-z\u0110\u0111"               # letters of a code (Đ đ included)
_ISSUER = f"[A-Z\u0110][A-Z\u0110][{_LATIN}]{{0,10}}[0-9]{{0,2}}"
# A code never continues a number, a Latin word, a path or a decimal (2,067,389; A80; x/57-…).
_BEFORE = f"(?<![{_DIGIT}{_LATIN}.,_{_DASH_CLASS}{_SLASHES}])"
_AFTER = f"(?![{_DIGIT}{_LATIN}])"
_NUMBER = re.compile(f"[{_DIGIT}]+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SKIP = re.compile(r"[ \t\u00a0,()]*")      # between the code, its date, issuer and subject
_TRIGGER_WINDOW = 48                        # chars before a code searched for a Thai type word
_ISSUER_MAX = 120
_SUBJECT_MAX = 150
_PARTY, _STATE, _LEGIS = "party", "state", "legislature"


def _fold(s: str) -> str:
    """Đ/đ → D and any Unicode digit → ASCII: the spelling used in refs and lookups."""
    out = []
    for ch in s:
        if ch in "\u0110\u0111":
            out.append("D")
        elif ch.isdigit():
            out.append(str(unicodedata.digit(ch)))
        else:
            out.append(ch)
    return "".join(out)


def _letters_pattern(letters: str) -> str:
    """Regex for a spelling of type letters; Đ also matches D and đ (MT drops the bar)."""
    return "".join("[\u0110\u0111D]" if ch == "\u0110" else re.escape(ch) for ch in letters)


def _alternation(forms: list[str], dots_optional: bool = False) -> str:
    """Longest-first alternation, so that ข้อมติ wins over มติ at the same place."""
    pats = []
    for f in sorted(set(forms), key=lambda f: (-len(f), f)):
        p = re.escape(f)
        pats.append(p.replace(r"\.", r"\.?") if dots_optional else p)
    return "|".join(pats) or "(?!)"


@dataclass(frozen=True)
class _TypeRow:
    letters: str          # canonical (Đ folded)
    style: str
    doc_type: str


@dataclass(frozen=True)
class _IssuerRow:
    letters: str          # canonical (Đ folded, lexicon case)
    style: str
    ref: str
    narrower: frozenset[str]


@dataclass(frozen=True)
class _Grammar:
    code: re.Pattern[str]
    types: dict[str, tuple[_TypeRow, ...]]        # folded spelling → rows
    issuers: dict[str, tuple[_IssuerRow, ...]]    # folded casefolded spelling → rows
    trigger: re.Pattern[str]
    trigger_type: dict[str, str]                  # Thai word → doc_type
    date: re.Pattern[str]
    months: dict[str, int]                        # form without dots → month
    issuer_intro: re.Pattern[str]
    issuer_end: re.Pattern[str]
    thai_issuers: tuple[tuple[str, str], ...]     # (Thai name, ref), longest first
    subject_intro: re.Pattern[str]
    subject_end: re.Pattern[str]


_Row = TypeVar("_Row", _TypeRow, _IssuerRow)


def _pick(rows: tuple[_Row, ...], style: str) -> _Row:
    """The row for ``style``, else the style-free row, else the first (its style rules)."""
    for want in (style, ""):
        for r in rows:
            if r.style == want:
                return r
    return rows[0]


def _issuer_key(letters: str) -> str:
    return re.sub("[0-9]+$", "", _fold(letters)).casefold()


@cache
def _grammar() -> _Grammar:
    """Read the lexicons once and compile every pattern once."""
    types: dict[str, list[_TypeRow]] = {}
    code_types, legis_types, trigger_type = [], [], {}
    for row in read_tsv("doc_types.tsv"):
        spellings = split_values(row["letters"])
        tr = _TypeRow(_fold(spellings[0]), row.get("style", ""), row["doc_type"])
        for s in spellings:
            types.setdefault(_fold(s), []).append(tr)
            (legis_types if tr.style == _LEGIS else code_types).append(_letters_pattern(s))
        for w in split_values(row.get("thai_words", "")):
            trigger_type.setdefault(w, tr.doc_type)

    issuers: dict[str, list[_IssuerRow]] = {}
    thai_issuers: dict[str, str] = {}
    for row in read_tsv("doc_issuers.tsv"):
        spellings = split_values(row["letters"])
        ir = _IssuerRow(_fold(spellings[0]), row.get("style", ""), row["issuer_ref"],
                        frozenset(split_values(row.get("narrower", ""))))
        for s in spellings:
            issuers.setdefault(_issuer_key(s), []).append(ir)
        for name in split_values(row.get("thai", "")):
            thai_issuers.setdefault(name, ir.ref)

    cues: dict[str, list[str]] = {}
    for row in read_tsv("doc_cues.tsv"):
        cues.setdefault(row["role"], []).append(row["cue"])
    months_by_form = month_forms()
    forms = sorted(months_by_form)
    months = {form.replace(".", ""): n for form, n in months_by_form.items()}

    def uniq_longest(pats: list[str]) -> str:
        return "|".join(sorted(set(pats), key=lambda p: (-len(p), p)))

    typed = (f"(?P<num>[{_DIGIT}]{{1,5}})(?:{_SEP}(?P<year>[{_DIGIT}]{{4}}))?"
             f"(?P<s2>{_SEP})(?P<type>{uniq_longest(code_types)}){_SEP}"
             f"(?P<issuer>{_ISSUER}(?:-{_ISSUER})*)")
    law = (f"(?P<lnum>[{_DIGIT}]{{1,5}}){_SEP}(?P<lyear>[{_DIGIT}]{{4}}){_SEP}"
           f"(?P<ltype>{uniq_longest(legis_types)})(?P<term>[0-9]{{1,2}})")
    code = re.compile(f"{_BEFORE}(?:{typed}|{law}){_AFTER}")

    d = f"[{_DIGIT}]"
    date_re = re.compile(
        f"(?:{_alternation(cues.get('date_intro', []))}){_SP}(?:"
        f"(?P<d>{d}{{1,2}}){_SP}(?P<mon>{_alternation(forms, True)})"
        f"(?:{_SP}(?:{_alternation(cues.get('era', []), True)}))?(?:{_SP}(?P<y>{d}{{4}}))?"
        f"|(?P<nd>{d}{{1,2}})[/.{_DASH_CLASS}](?P<nm>{d}{{1,2}})[/.{_DASH_CLASS}](?P<ny>{d}{{4}}))"
        f"(?![{_DIGIT}])")
    # A phrase ends at a line break, clause punctuation, a stop word after a space,
    # or a cue that starts the next part (ว่าด้วย is often glued: โปลิตบูโรว่าด้วย…).
    glued = _alternation(cues.get("date_intro", []) + cues.get("subject_intro", []))
    issuer_end = re.compile(
        f"\\n|[,;()\"“”'\\[\\]]|\\s(?:{_alternation(cues.get('issuer_stop', []))})|{glued}")
    subject_end = re.compile(
        f"\\n|;|\\.(?:\\s|$)|\\s(?:{_alternation(cues.get('subject_stop', []))})")
    return _Grammar(
        code=code,
        types={k: tuple(v) for k, v in types.items()},
        issuers={k: tuple(v) for k, v in issuers.items()},
        trigger=re.compile(_alternation(list(trigger_type))),
        trigger_type=trigger_type,
        date=date_re,
        months=months,
        issuer_intro=re.compile(f"(?:{_alternation(cues.get('issuer_intro', []))}){_SP}"),
        issuer_end=issuer_end,
        thai_issuers=tuple(sorted(thai_issuers.items(), key=lambda kv: (-len(kv[0]), kv[0]))),
        subject_intro=re.compile(f"(?:{_alternation(cues.get('subject_intro', []))}){_SP}"),
        subject_end=subject_end,
    )


@dataclass(frozen=True)
class _Code:
    """What a code says by itself."""

    ref: str
    number: str
    year: str | None
    type_letters: str
    issuer_letters: str
    doc_type: str
    issuer: _IssuerRow | None
    legislature: bool      # NUMBER/YEAR/QHnn: the letters name the issuer, not the type


def _first_sep(sep: str) -> str:
    """Layout as written: a dash after the number is the party's, a slash the state's."""
    return _PARTY if sep.strip() and sep.strip()[0] in _DASHES else _STATE


def _parse(m: re.Match[str], g: _Grammar) -> _Code:
    """Type, issuer and canonical spelling of one matched code."""
    if m.group("lnum") is not None:
        num, year = _fold(m.group("lnum")), _fold(m.group("lyear"))
        trow = _pick(g.types[_fold(m.group("ltype"))], _LEGIS)
        irows = g.issuers.get(_issuer_key(m.group("ltype")))
        irow = _pick(irows, _LEGIS) if irows else None
        letters = (irow.letters if irow else trow.letters) + m.group("term")
        return _Code(f"{num}/{year}/{letters}", num, year, trow.letters, letters,
                     trow.doc_type, irow, True)
    num = _fold(m.group("num"))
    year = _fold(m.group("year")) if m.group("year") else None
    written = _first_sep(m.group("s2"))
    parts = m.group("issuer").split("-")
    irows = g.issuers.get(_issuer_key(parts[0]))
    irow = _pick(irows, written) if irows else None
    style = irow.style if irow and irow.style in (_PARTY, _STATE) else written
    trow = _pick(g.types[_fold(m.group("type"))], style)
    if irow:   # lexicon spelling (TTg even when written TTG), keeping a term number (QH15)
        parts[0] = irow.letters + re.sub("^[^0-9]*", "", _fold(parts[0]))
    issuer = "-".join(_fold(p) for p in parts)
    head = f"{num}/{year}" if year else num
    ref = (f"{head}-{trow.letters}/{issuer}" if style == _PARTY
           else f"{head}/{trow.letters}-{issuer}")
    return _Code(ref, num, year, trow.letters, issuer, trow.doc_type, irow, False)


def canonical_code(code: str) -> str:
    """The canonical spelling of a document code (``505/QĐ - TTg`` → ``505/QD-TTg``).

    Raises ValueError when ``code`` is not a document code.
    """
    g = _grammar()
    m = g.code.fullmatch(unicodedata.normalize("NFC", code.strip()))
    if not m:
        raise ValueError(f"not a document code: {code!r}")
    return _parse(m, g).ref


def code_slug(code: str) -> str:
    """IRI-safe form of a code: the canonical code with ``/`` as ``-`` (``57-NQ-TW``)."""
    return canonical_code(code).replace("/", "-")


def _thai_type(text: str, lo: int, start: int, g: _Grammar) -> str | None:
    """The Thai type word nearest before the code (มติที่ 57-…, มติคณะรัฐมนตรีหมายเลข 505/…)."""
    lo = max(lo, start - _TRIGGER_WINDOW, text.rfind("\n", 0, start) + 1)
    best = None
    for t in g.trigger.finditer(text, lo, start):
        best = t.group()
    return best


def _date(m: re.Match[str], g: _Grammar, code_year: str | None) -> str | None:
    """ISO date of a date phrase; Buddhist-era years (>= 2400) are converted."""
    if m.group("mon"):
        day, month = int(_fold(m.group("d"))), g.months[m.group("mon").replace(".", "")]
        y = m.group("y") or code_year   # ลงวันที่ 5 มีนาคม after 12/2023/…: the code's year
    else:
        day, month, y = int(_fold(m.group("nd"))), int(_fold(m.group("nm"))), m.group("ny")
    if not y:
        return None
    year = int(_fold(y))
    if year >= 2400:
        year -= 543
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _phrase_after(intro_re: re.Pattern[str], end_re: re.Pattern[str], text: str, pos: int, limit: int,
                  longest: int) -> tuple[int, int, bool] | None:
    """(start, end, capped) of the phrase an intro word opens at ``pos`` (ของ…, ว่าด้วย…):
    up to its end cue, or ``longest`` characters (``capped``)."""
    intro = intro_re.match(text, pos, limit)
    if not intro:
        return None
    s = intro.end()
    cap = min(limit, s + longest)
    stop = end_re.search(text, s, cap)
    return s, (stop.start() if stop else cap), stop is None and cap == s + longest and cap < len(text)


def _issuer_phrase(
    text: str, pos: int, limit: int, g: _Grammar,
) -> tuple[int, int, str | None] | None:
    """Span of the body named after ของ at ``pos`` and its ref when the name is known."""
    found = _phrase_after(g.issuer_intro, g.issuer_end, text, pos, limit, _ISSUER_MAX)
    if not found:
        return None
    s, e, _ = found
    phrase = text[s:e].rstrip()
    if not phrase:
        return None
    for name, ref in g.thai_issuers:
        rest = phrase[len(name):]
        if phrase.startswith(name) and (not rest or rest[0].isspace()):
            return s, s + len(name), ref
    return s, s + len(phrase), None


def _subject(text: str, pos: int, limit: int, g: _Grammar) -> str | None:
    """The subject after ว่าด้วย at ``pos``, bounded by the clause and ~150 characters."""
    found = _phrase_after(g.subject_intro, g.subject_end, text, pos, limit, _SUBJECT_MAX)
    if not found:
        return None
    s, e, capped = found
    if capped:
        cut = text.rfind(" ", s, e)    # capped mid-phrase: end at the last word break
        e = cut if cut > s else e
    subject = text[s:e].strip()
    return subject or None


def _issuer_ref(code: _Code, thai_ref: str | None) -> str | None:
    """The code's issuer wins, unless the text names a narrower body it allows (TW → Politburo)."""
    if code.issuer is None:
        return thai_ref
    if thai_ref and thai_ref in code.issuer.narrower:
        return thai_ref
    return code.issuer.ref


def _codes(text: str, g: _Grammar) -> list[re.Match[str]]:
    """``g.code.finditer(text)``, tried only where a number starts (a code never continues
    one): ``re`` cannot skip ahead to a pattern that opens with a look-behind."""
    out: list[re.Match[str]] = []
    pos = 0
    for number in _NUMBER.finditer(text):
        if number.start() >= pos and (m := g.code.match(text, number.start())):
            out.append(m)
            pos = m.end()
    return out


def extract_documents(text: str) -> list[Mention]:
    """One LegalDocument mention per document code in ``text`` (codes inside URLs excluded)."""
    g = _grammar()
    urls = [(u.start(), u.end()) for u in _URL.finditer(text)]
    matches = [m for m in _codes(text, g) if not any(a <= m.start() < b for a, b in urls)]
    out: list[Mention] = []
    prev_end = 0
    for i, m in enumerate(matches):
        code = _parse(m, g)
        limit = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        nl = text.find("\n", m.end(), limit)
        limit = nl if nl >= 0 else limit
        attrs: dict[str, str] = {
            "doc_type": code.doc_type, "type_letters": code.type_letters,
            "issuer_letters": code.issuer_letters, "number": code.number,
        }
        if code.year:
            attrs["year"] = code.year
        thai = _thai_type(text, prev_end, m.start(), g)
        if thai:
            attrs["thai_type"] = thai
            if code.legislature:   # 24/2018/QH14 is a law or an NA resolution: only Thai tells
                attrs["doc_type"] = g.trigger_type[thai]
        # Date, issuer and subject follow the code in either order, each at most once.
        thai_ref = None
        pos = m.end()
        while True:
            pos = _SKIP.match(text, pos, limit).end()
            d = g.date.match(text, pos, limit) if "date" not in attrs else None
            if d and (iso := _date(d, g, code.year)):
                attrs["date"] = iso
                pos = d.end()
                continue
            iss = _issuer_phrase(text, pos, limit, g) if "issuer_text_start" not in attrs else None
            if iss:
                attrs["issuer_text_start"], attrs["issuer_text_end"] = str(iss[0]), str(iss[1])
                thai_ref, pos = iss[2], iss[1]
                continue
            subj = _subject(text, pos, limit, g) if "subject" not in attrs else None
            if subj:
                attrs["subject"] = subj
            break
        ref = _issuer_ref(code, thai_ref)
        if ref:
            attrs["issuer_ref"] = ref
        out.append(Mention(
            kind=Kind.DOCUMENT, start=m.start(), end=m.end(), text=m.group(), lang="vi",
            ref=code.ref, attrs=tuple(sorted(attrs.items())),
        ))
        prev_end = m.end()
    return out
