"""Legal documents cited in Thai text: by Vietnamese document code, or by type word and number.

Vietnamese documents are cited by codes whose layout tells who issued them:

* party:        ``57-NQ/TW``        NUMBER-TYPE/ISSUER (1158-QĐNS/TW, 36-HD/VPTW, 12-NQ/ĐUCA)
* state:        ``13/2023/NĐ-CP``   NUMBER[/YEAR]/TYPE-ISSUER (505/QĐ-TTg, 12/QĐ-CTN, 5/CĐ-TTg)
* legislature:  ``24/2018/QH14``    NUMBER/YEAR/ISSUER+TERM (laws, NA and standing-committee resolutions)
* letters:      ``1234/VPCP-KGVX``  NUMBER/ISSUER-UNIT (official letters carry no type letters)

Articles also cite a document by its Thai type word and number alone (มติที่ 57, กฤษฎีกาที่ 13,
ข้อสรุปที่ 121, มติที่ 57, 59 และ 68). Such a short citation is a mention only when it resolves:
to a code of the same article with that number and a fitting type, else to the one document of
the knowledge base (``ontology/kb/documents.tsv``) news commonly cites that way.

The issuer (``issuer_ref``) is the body the code's suffix names (TW, TTg, CP, QH15), unless the
Thai text names a narrower one the lexicon allows (a -NQ/TW resolution of the Politburo): after
the citation (ของโปลิตบูโร), between its type word and number (มติโปลิตบูโรที่ 57) or before it
(โปลิตบูโรได้ออกมติ…); ``issuer_text_start``/``issuer_text_end`` give that name's span. A
provincial code (QĐ-UBND, NQ-HĐND, NQ/TU) names its province's body only with the province
named next to it. A knowledge-base document supplies date, issuer and type the text leaves out.
Codes are mentions in Vietnamese (``lang="vi"``); short citations and Thai names in Thai.

Type letters and issuer letters come from ``doc_types.tsv`` and ``doc_issuers.tsv``; the Thai
words around a citation (type word, number word and issuing verb before it; date, issuer and
subject after it) from ``doc_cues.tsv``, ``thai_months.tsv``, the same two lexicons and, for the
province of a People's Committee, ``kb/provinces.tsv`` and ``place_heads.tsv``.

Canonical form (``Mention.ref``): digits ASCII, Đ/đ folded to D and Ư to W (TƯ is TW) everywhere,
no spaces, ASCII separators in the layout of the issuer's style, known letters spelled as in the
lexicon (``TTg``, ``QD`` even when Đ was dropped), unknown issuers as written: ``57-NQ/TW``,
``505/QD-TTg``, ``13/2023/ND-CP``, ``01-KH/BCDTW``, ``24/2018/QH14``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import TypeVar

from pythainlp.corpus import thai_words

from vnkg.dates import month_forms
from vnkg import kb as knowledge
from vnkg.lexicon import kb_rows, longest_alternation, read_tsv, split_values
from vnkg.model import Kind, Mention
from vnkg.names import latin_name

__all__ = ["extract_documents", "canonical_code", "code_slug"]

DOC_TYPES = ("Resolution", "Decision", "Plan", "Directive", "Decree", "Circular", "Law", "Conclusion", "Other")

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_DASH_CLASS = "\\" + _DASHES                # for use inside [...]: the ASCII hyphen escaped
_SLASHES = "/\uff0f\u2044\u2215"
_DIGIT = "0-9\u0e50-\u0e59"                 # ASCII and Thai digits
_SP = "[ \\t\\u00a0]*"                      # spacing inside a code or date, never a newline
_SEP = f"{_SP}[{_DASH_CLASS}{_SLASHES}]{_SP}"
_D_BAR = "\u0110\u0111\u00d0"               # Đ, đ and Ð (Icelandic eth, typed for Đ)
_UPPER = f"A-Z{_D_BAR[0]}{_D_BAR[2]}\u01af"  # Ư: TƯ is how some writers spell TW
_LATIN = f"A-Za-z{_D_BAR}\u01af\u01b0"      # letters of a code
_ISSUER = f"[{_UPPER}][{_UPPER}][{_LATIN}]{{0,10}}[0-9]{{0,2}}"
# A code never continues a number, a Latin word, a path or a decimal (2,067,389; A80; x/57-…).
_BEFORE = f"(?<![{_DIGIT}{_LATIN}.,_{_DASH_CLASS}{_SLASHES}])"
_AFTER = f"(?![{_DIGIT}{_LATIN}])"
_NUMBER = re.compile(f"[{_DIGIT}]+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SKIP = re.compile(r"[ \t\u00a0,()]*")      # between the citation, its date, issuer and subject
_SPACES = re.compile(f"{_SP}")
# After a short citation's number: a decimal, a time, a percentage, a date or code going on.
_NOT_CITED_NUMBER = re.compile(f"[.,:][{_DIGIT}]|%|{_SP}[{_DASH_CLASS}{_SLASHES}]{_SP}[{_DIGIT}{_LATIN}]")
_TRIGGER_WINDOW = 48                        # chars before a code searched for a Thai type word
_BEFORE_WINDOW = 100                        # chars before a type word searched for "<body> ได้ออก"
_NAME_GAP = 40                              # longest personal name between a title and ได้ลงนาม
_ISSUER_MAX = 120
_SUBJECT_MAX = 150
_YEARS = (1945, 2100)                       # years a cited Vietnamese document can have
_PARTY, _STATE, _LEGIS = "party", "state", "legislature"
_PROVINCE = "{province}"
_THAI_LETTER = "\u0e01-\u0e4e"              # Thai letters, vowels and marks
_LONGEST_WORD = 20                          # longest Thai word looked for after a count unit


def _fold(s: str) -> str:
    """Đ/đ/Ð → D, Ư/ư → W and any Unicode digit → ASCII: the spelling used in refs and lookups."""
    out = []
    for ch in s:
        if ch in _D_BAR:
            out.append("D")
        elif ch in "\u01af\u01b0":
            out.append("W")
        elif ch.isdigit():
            out.append(str(unicodedata.digit(ch)))
        else:
            out.append(ch)
    return "".join(out)


def _letters_pattern(letters: str) -> str:
    """Regex for a spelling of type letters; Đ also matches D, đ, Ð or nothing (MT drops the bar
    or the letter)."""
    return "".join(f"[{_D_BAR}D]?" if ch == "\u0110" else re.escape(ch) for ch in letters)


def _alternation(forms: list[str], dots_optional: bool = False) -> str:
    """Longest-first alternation, so that ข้อมติ wins over มติ at the same place."""
    pats = []
    for f in sorted(set(forms), key=lambda f: (-len(f), f)):
        p = re.escape(f)
        pats.append(p.replace(r"\.", r"\.?") if dots_optional else p)
    return "|".join(pats) or "(?!)"


def _spaced(letter: str) -> str:
    """A regex letter for ``longest_alternation``: a space in a Thai name matches any spacing and
    commas (วิทยาศาสตร์, เทคโนโลยี)."""
    return "[ \\t\\u00a0,]*" if letter == " " else re.escape(letter)


def _squeeze(s: str) -> str:
    return re.sub(r"[\s,]+", "", s)


@dataclass(frozen=True)
class _TypeRow:
    letters: str          # canonical (Đ folded)
    style: str
    doc_type: str


@dataclass(frozen=True)
class _IssuerRow:
    letters: str          # canonical (Đ folded, lexicon case); empty for a body named only in Thai
    style: str
    ref: str              # may hold {province}
    narrower: frozenset[str]

    def filled(self, province: str | None) -> str | None:
        """The ref, with the province put in when it is a provincial body (None without one)."""
        if _PROVINCE not in self.ref:
            return self.ref
        return self.ref.replace(_PROVINCE, province) if province else None


@dataclass(frozen=True)
class _KbDoc:
    """A row of the knowledge base of well-known documents."""

    code: str
    doc_type: str
    issuer: str | None
    date: str | None


@dataclass(frozen=True)
class _Grammar:
    code: re.Pattern[str]
    types: dict[str, tuple[_TypeRow, ...]]        # folded spelling → rows
    issuers: dict[str, tuple[_IssuerRow, ...]]    # folded casefolded spelling → rows
    word: re.Pattern[str]                         # Thai type words
    word_type: dict[str, str]                     # Thai word → doc_type of its first row
    word_letters: dict[str, frozenset[str]]       # Thai word → type letters of every row listing it
    date: re.Pattern[str]
    months: dict[str, int]                        # form without dots → month
    month_after: re.Pattern[str]
    issuer_intro: re.Pattern[str]
    issuer_end: re.Pattern[str]
    body: re.Pattern[str]                         # Thai names of issuing bodies
    bodies: dict[str, _IssuerRow]                 # squeezed Thai name → its row
    body_suffix: re.Pattern[str]
    body_end: re.Pattern[str]                     # what may follow a known body's name, glued
    not_after: tuple[str, ...]
    province: re.Pattern[str]
    provinces: dict[str, str]                     # squeezed Thai name → place id
    issue_tail: re.Pattern[str]                   # "ได้ออก" right before a type word
    number_word: re.Pattern[str]
    short_number: re.Pattern[str]
    list_joint: re.Pattern[str]
    count_unit: re.Pattern[str]
    year_after: re.Pattern[str]
    subject_intro: re.Pattern[str]
    subject_end: re.Pattern[str]
    subject_tail: re.Pattern[str]                 # a joint the next citation left at the end (…ที่ดิน และ)
    kb: dict[str, _KbDoc]                         # code → row
    kb_name: re.Pattern[str]
    kb_names: dict[str, str]                      # squeezed Thai name → code


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


def _type_key(letters: str) -> str:
    return _fold(letters.strip())


def _register(table: dict[str, list], key: str, row, dropped: str | None) -> None:
    """File ``row`` under ``key`` and, unless another row owns it, under the spelling without Đ."""
    table.setdefault(key, []).append(row)
    if dropped and dropped != key:
        table.setdefault(dropped, [])
        if row not in table[dropped] and all(r.letters == row.letters for r in table[dropped]):
            table[dropped].append(row)


@cache
def _grammar() -> _Grammar:
    """Read the lexicons once and compile every pattern once."""
    types: dict[str, list[_TypeRow]] = {}
    code_types: list[str] = []
    legis_types: list[str] = []
    word_type: dict[str, str] = {}
    word_letters: dict[str, set[str]] = {}
    for row in read_tsv("doc_types.tsv"):
        spellings = split_values(row["letters"])
        tr = _TypeRow(_fold(spellings[0]), row.get("style", ""), row["doc_type"])
        for s in spellings:
            dropped = _type_key(s.replace("\u0110", "")) if "\u0110" in s else None
            _register(types, _type_key(s), tr, dropped)
            (legis_types if tr.style == _LEGIS else code_types).append(_letters_pattern(s))
        for w in split_values(row.get("thai_words", "")):
            word_type.setdefault(w, tr.doc_type)
            word_letters.setdefault(w, set()).add(tr.letters)

    issuers: dict[str, list[_IssuerRow]] = {}
    bodies: dict[str, _IssuerRow] = {}
    body_names: list[str] = []
    state_issuers = []
    for row in read_tsv("doc_issuers.tsv"):
        spellings = split_values(row["letters"])
        ir = _IssuerRow(_fold(spellings[0]) if spellings else "", row.get("style", ""), row["issuer_ref"],
                        frozenset(split_values(row.get("narrower", ""))))
        for s in spellings:
            dropped = _issuer_key(s.replace("\u0110", "")) if "\u0110" in s else None
            _register(issuers, _issuer_key(s), ir, dropped)
            if ir.style == _STATE:
                state_issuers.append(_letters_pattern(s))
        for name in split_values(row.get("thai", "")):
            bodies.setdefault(_squeeze(name), ir)
            body_names.append(name)

    cues: dict[str, list[str]] = {}
    for row in read_tsv("doc_cues.tsv"):
        cues.setdefault(row["role"], []).append(row["cue"])
    months_by_form = month_forms()
    forms = sorted(months_by_form)
    months = {form.replace(".", ""): n for form, n in months_by_form.items()}

    def uniq_longest(pats: list[str]) -> str:
        return "|".join(sorted(set(pats), key=lambda p: (-len(p), p)))

    def alt(role: str, dots: bool = False) -> str:
        return _alternation(cues.get(role, []), dots)

    d = f"[{_DIGIT}]"
    typed = (f"(?P<num>{d}{{1,5}})(?:{_SEP}(?P<year>{d}{{4}}))?"
             f"(?P<s2>{_SEP})(?P<type>{uniq_longest(code_types)}){_SEP}"
             f"(?P<issuer>{_ISSUER}(?:-{_ISSUER})*)")
    law = (f"(?P<lnum>{d}{{1,5}}){_SEP}(?P<lyear>{d}{{4}}){_SEP}"
           f"(?P<ltype>{uniq_longest(legis_types)})(?P<term>[0-9]{{1,2}})")
    # An official letter names its issuer where the type would be: only a known state issuer.
    letter = (f"(?P<cnum>{d}{{1,5}})(?:{_SEP}(?P<cyear>{d}{{4}}))?{_SP}[{_SLASHES}]{_SP}"
              f"(?P<cissuer>{uniq_longest(state_issuers)})(?P<cterm>[0-9]{{0,2}}){_SP}[{_DASH_CLASS}]{_SP}"
              f"(?P<unit>[{_UPPER}][{_LATIN}0-9]{{1,9}})")
    code = re.compile(f"{_BEFORE}(?:{typed}|{law}|{letter}){_AFTER}")

    date_re = re.compile(
        f"(?:{alt('date_intro')}){_SP}(?:"
        f"(?P<d>{d}{{1,2}}){_SP}(?P<mon>{_alternation(forms, True)})"
        f"(?:{_SP}(?:{alt('era', True)}))?(?:{_SP}(?P<y>{d}{{4}}))?"
        f"|(?P<nd>{d}{{1,2}})[/.{_DASH_CLASS}](?P<nm>{d}{{1,2}})[/.{_DASH_CLASS}](?P<ny>{d}{{4}}))"
        f"(?![{_DIGIT}])")
    # A phrase ends at a line break, clause punctuation, a stop word after a space,
    # or a cue that starts the next part (ว่าด้วย is often glued: โปลิตบูโรว่าด้วย…).
    glued = _alternation(cues.get("date_intro", []) + cues.get("subject_intro", []))
    issuer_end = re.compile(f"\\n|[,;()\"“”'\\[\\]]|\\s(?:{alt('issuer_stop')})|{glued}")
    subject_end = re.compile(f"\\n|;|\\.(?:\\s|$)|\\s(?:{alt('subject_stop')})")

    heads = [r["head"] for r in read_tsv("place_heads.tsv") if r["type"] in ("Province", "City")]
    province_names = {name: p.ref.split(":", 1)[1] for p in knowledge.provinces() for name in p.thai}
    province = re.compile(f"(?:{alt('province_intro')})?{_SP}(?:{_alternation(heads)})?{_SP}"
                          f"(?P<name>{longest_alternation(province_names, _spaced)})")

    kb, kb_names = _read_kb()
    return _Grammar(
        code=code,
        types={k: tuple(v) for k, v in types.items() if v},
        issuers={k: tuple(v) for k, v in issuers.items() if v},
        word=re.compile(longest_alternation(word_type)),
        word_type=word_type,
        word_letters={w: frozenset(v) for w, v in word_letters.items()},
        date=date_re,
        months=months,
        month_after=re.compile(f"{_SP}(?:{_alternation(forms, True)})(?![{_THAI_LETTER}])"),
        issuer_intro=re.compile(f"(?:{alt('issuer_intro')}){_SP}"),
        issuer_end=issuer_end,
        body=re.compile(longest_alternation(body_names, _spaced)),
        bodies=bodies,
        body_suffix=re.compile(f"(?:{alt('issuer_suffix')})"),
        body_end=re.compile(f"$|[^{_THAI_LETTER}]|{issuer_end.pattern}|(?:{alt('issuer_stop')})"),
        not_after=tuple(cues.get("issuer_not_after", ())),
        province=province,
        provinces={_squeeze(name): ref for name, ref in province_names.items()},
        issue_tail=re.compile(f"(?:{alt('issue_aux')})?{_SP}(?:{alt('issue_verb')}){_SP}$"),
        number_word=re.compile(f"(?:{alt('number_word')}){_SP}"),
        short_number=re.compile(
            f"(?P<num>{d}{{1,5}})(?![{_DIGIT}])(?:{_SP}[{_SLASHES}]{_SP}(?P<year>{d}{{4}})(?![{_DIGIT}]))?"
            f"(?:{_SEP}(?P<letters>{uniq_longest(code_types)}){_AFTER})?"),
        list_joint=re.compile(f"{_SP}(?:{alt('list_joint')}){_SP}"),
        count_unit=re.compile(f"{_SP}(?P<unit>{alt('count_unit')})(?!{_SP}[{_DIGIT}])"),
        year_after=re.compile(f"{_SP}(?:{alt('year_intro')}){_SP}(?:(?:{alt('era', True)}){_SP})?"
                              f"(?P<y>{d}{{4}})(?![{_DIGIT}])"),
        subject_intro=re.compile(f"(?:{alt('subject_intro')}){_SP}"),
        subject_end=subject_end,
        subject_tail=re.compile(f"(?:{_SP}(?:{alt('list_joint')}))+$"),
        kb=kb,
        kb_name=re.compile(longest_alternation(kb_names, _spaced)),
        kb_names={_squeeze(name): code for name, code in kb_names.items()},
    )


def _read_kb() -> tuple[dict[str, _KbDoc], dict[str, str]]:
    """The well-known documents, checked: a bad row stops with the file, the code and the problem."""
    out: dict[str, _KbDoc] = {}
    names: dict[str, str] = {}
    for row in kb_rows("documents.tsv"):
        code = row["code"]

        def bad(problem: str) -> ValueError:
            return ValueError(f"ontology/kb/documents.tsv: {code or '(no code)'}: {problem}")

        if not row.get("source"):
            raise bad("no source")
        if row["doc_type"] not in DOC_TYPES:
            raise bad(f"doc_type {row['doc_type']!r} is not one of {', '.join(DOC_TYPES)}")
        issuer = row.get("issuer") or None
        if issuer and not re.fullmatch(r"org:[a-z0-9-]+", issuer):
            raise bad(f"issuer {issuer!r} is not an org id")
        day = row.get("date") or None
        if day:
            try:
                date.fromisoformat(day)
            except ValueError:
                raise bad(f"date {day!r} is not YYYY-MM-DD") from None
        if code in out:
            raise bad("listed twice")
        out[code] = _KbDoc(code, row["doc_type"], issuer, day)
        for name in split_values(row.get("thai", "")):
            names[name] = code
    return out, names


def _check_kb(g: _Grammar) -> None:
    """Every knowledge-base code is canonical and its type letters agree with its doc_type."""
    for doc in g.kb.values():
        m = g.code.fullmatch(doc.code)
        code = _parse(m, g) if m else None
        if code is None or code.ref != doc.code:
            raise ValueError(f"ontology/kb/documents.tsv: {doc.code}: not a canonical document code"
                             + (f" (write {code.ref})" if code else ""))
        if not code.legislature and code.doc_type != doc.doc_type:
            raise ValueError(f"ontology/kb/documents.tsv: {doc.code}: doc_type {doc.doc_type} but the "
                             f"letters {code.type_letters} make a {code.doc_type}")


@cache
def _checked_grammar() -> _Grammar:
    g = _grammar()
    _check_kb(g)
    return g


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
        trow = _pick(g.types[_type_key(m.group("ltype"))], _LEGIS)
        irows = g.issuers.get(_issuer_key(m.group("ltype")))
        irow = _pick(irows, _LEGIS) if irows else None
        letters = (irow.letters if irow else trow.letters) + m.group("term")
        return _Code(f"{num}/{year}/{letters}", num, year, trow.letters, letters,
                     trow.doc_type, irow, True)
    if m.group("cnum") is not None:
        num = _fold(m.group("cnum"))
        year = _fold(m.group("cyear")) if m.group("cyear") else None
        irow = _pick(g.issuers[_issuer_key(m.group("cissuer"))], _STATE)
        trow = _pick(g.types["CV"], _STATE)
        letters = irow.letters + m.group("cterm")
        head = f"{num}/{year}" if year else num
        return _Code(f"{head}/{letters}-{_fold(m.group('unit'))}", num, year, trow.letters, letters,
                     trow.doc_type, irow, False)
    num = _fold(m.group("num"))
    year = _fold(m.group("year")) if m.group("year") else None
    written = _first_sep(m.group("s2"))
    parts = m.group("issuer").split("-")
    irows = g.issuers.get(_issuer_key(parts[0]))
    irow = _pick(irows, written) if irows else None
    style = irow.style if irow and irow.style in (_PARTY, _STATE) else written
    trow = _pick(g.types[_type_key(m.group("type"))], style)
    if irow:   # lexicon spelling (TTg even when written TTG), keeping a term number (QH15)
        parts[0] = irow.letters + re.sub("^[^0-9]*", "", _fold(parts[0]))
    issuer = "-".join(_fold(p) for p in parts)
    head = f"{num}/{year}" if year else num
    ref = (f"{head}-{trow.letters}/{issuer}" if style == _PARTY
           else f"{head}/{trow.letters}-{issuer}")
    return _Code(ref, num, year, trow.letters, issuer, trow.doc_type, irow, False)


def _plausible(m: re.Match[str], code: _Code) -> bool:
    """A type whose Đ was dropped down to one letter (505/Q-TTg) counts only with a known issuer."""
    return m.group("type") is None or len(m.group("type").strip()) > 1 or code.issuer is not None


def canonical_code(code: str) -> str:
    """The canonical spelling of a document code (``505/QĐ - TTg`` → ``505/QD-TTg``).

    Raises ValueError when ``code`` is not a document code.
    """
    g = _checked_grammar()
    m = g.code.fullmatch(unicodedata.normalize("NFC", code.strip()))
    parsed = _parse(m, g) if m else None
    if parsed is None or not _plausible(m, parsed):
        raise ValueError(f"not a document code: {code!r}")
    return parsed.ref


def code_slug(code: str) -> str:
    """IRI-safe form of a code: the canonical code with ``/`` as ``-`` (``57-NQ-TW``)."""
    return canonical_code(code).replace("/", "-")


# --- where documents are cited ---------------------------------------------------------------

@dataclass(frozen=True)
class _Body:
    """An issuing body the Thai text names: its span, its ref when known, its province."""

    start: int
    end: int
    ref: str | None
    province: str | None = None


@dataclass
class _Cite:
    """A citation found in the text: a code, a short citation (type word + number) or a KB name."""

    start: int
    end: int
    code: _Code | None = None                 # codes only
    number: str | None = None                 # short citations: as cited
    year: str | None = None                   # short citations: a year the text gives
    letters: str | None = None                # short citations: type letters the text gives (57-NQ)
    word: str | None = None                   # the Thai type word
    word_start: int | None = None
    listed: bool = False                      # a short citation after the first of a list (…, 59 และ 68)
    kb_code: str | None = None                # a KB document named in Thai
    between: _Body | None = None              # a body named between the type word and the number
    body: _Body | None = None                 # the issuer the text names
    province: str | None = None               # a province named right after the citation
    date: str | None = None
    subject: str | None = None

    @property
    def named_province(self) -> str | None:
        """The province the text gives the issuer: after the citation or in the body's name."""
        return self.province or (self.body.province if self.body else None)


def _codes(text: str, g: _Grammar, urls: list[tuple[int, int]]) -> list[_Cite]:
    """Every code outside URLs, tried only where a number starts (a code never continues one):
    ``re`` cannot skip ahead to a pattern that opens with a look-behind."""
    out: list[_Cite] = []
    pos = 0
    for number in _NUMBER.finditer(text):
        if number.start() < pos or _inside(number.start(), urls):
            continue
        m = g.code.match(text, number.start())
        if m and _plausible(m, code := _parse(m, g)):
            out.append(_Cite(m.start(), m.end(), code=code))
            pos = m.end()
    return out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _body_at(text: str, pos: int, limit: int, g: _Grammar) -> _Body | None:
    """A known body's Thai name at ``pos`` (with the province a provincial body needs)."""
    m = g.body.match(text, pos, limit)
    if not m:
        return None
    row = g.bodies[_squeeze(m.group())]
    end = m.end()
    province = None
    if _PROVINCE in row.ref:
        p = g.province.match(text, end, limit)
        if not p:
            return None        # คณะกรรมการประชาชน of no named province: not a body we can tell
        province, end = g.provinces[_squeeze(p.group("name"))], p.end()
    return _Body(pos, end, row.filled(province), province)


def _province_at(text: str, pos: int, limit: int, g: _Grammar) -> tuple[int, str] | None:
    p = g.province.match(text, pos, limit)
    return (p.end(), g.provinces[_squeeze(p.group("name"))]) if p else None


def _short_cites(text: str, g: _Grammar, taken: list[tuple[int, int]]) -> list[_Cite]:
    """Type word + number (มติที่ 57, มติโปลิตบูโรที่ 57, ข้อสรุป 121/2025), and the numbers a list
    joins to it (…, 59 และ 68); not yet resolved."""
    out: list[_Cite] = []
    for w in g.word.finditer(text):
        if _overlaps(w.start(), w.end(), taken) or (out and w.start() < out[-1].end):
            continue
        line_end = text.find("\n", w.end())
        limit = line_end if line_end >= 0 else len(text)
        pos = _SPACES.match(text, w.end()).end()
        body = None
        intro = g.issuer_intro.match(text, pos, limit)
        if (b := _body_at(text, intro.end() if intro else pos, limit, g)) is not None:
            body, pos = b, _SPACES.match(text, b.end).end()
        cite = _number_cite(text, pos, limit, g)
        if cite is None or _overlaps(w.start(), cite.end, taken):
            continue
        cite.start, cite.word, cite.word_start, cite.between = w.start(), w.group(), w.start(), body
        out.append(cite)
        while (j := g.list_joint.match(text, out[-1].end, limit)) is not None:
            item = _number_cite(text, j.end(), limit, g)
            if item is None or _overlaps(item.start, item.end, taken):
                break
            item.word, item.word_start, item.listed = w.group(), w.start(), True
            out.append(item)
    return out


def _number_cite(text: str, pos: int, limit: int, g: _Grammar) -> _Cite | None:
    """The cited number at ``pos`` (after an optional number word), unless it counts or dates."""
    start = pos
    if (nw := g.number_word.match(text, pos, limit)) is not None:
        pos = nw.end()
    m = g.short_number.match(text, pos, limit)
    if not m or _NOT_CITED_NUMBER.match(text, m.end(), limit):
        return None
    year = m.group("year")
    if year is None and (y := g.year_after.match(text, m.end(), limit)):
        year = y.group("y")        # มติที่ 18 ปี 2017: a year, not 18 years
    elif _counts(text, m.end(), limit, g) or g.month_after.match(text, m.end(), limit):
        return None
    if year is not None:
        year = str(_ce(int(_fold(year))))
        if not _YEARS[0] <= int(year) <= _YEARS[1]:
            return None
    letters = _type_key(m.group("letters")) if m.group("letters") else None
    return _Cite(start, m.end(), number=_fold(m.group("num")), year=year,
                 letters=_pick(g.types[letters], "").letters if letters else None)


def _counts(text: str, pos: int, limit: int, g: _Grammar) -> bool:
    """A count unit follows the number as a word of its own (มติ 450 เสียง, แผน 5 ปี), not as the
    start of a longer word (มติที่ 57 รายงานว่า…, มติที่ 57 วันที่ 22 …) nor before a number (ข้อ 3)."""
    u = g.count_unit.match(text, pos, limit)
    if u is None:
        return False
    start, words = u.start("unit"), _thai_words()
    return not any(text[start:end] in words
                   for end in range(u.end() + 1, min(limit, start + _LONGEST_WORD) + 1))


@cache
def _thai_words() -> frozenset[str]:
    return frozenset(thai_words())


def _ce(year: int) -> int:
    return year - 543 if year >= 2400 else year


def _kb_names(text: str, g: _Grammar, taken: list[tuple[int, int]]) -> list[_Cite]:
    """Documents of the knowledge base cited by their Thai name (กฎหมายว่าด้วยวิทยาศาสตร์ …)."""
    if not g.kb_names:
        return []
    return [_Cite(m.start(), m.end(), kb_code=g.kb_names[_squeeze(m.group())])
            for m in g.kb_name.finditer(text) if not _overlaps(m.start(), m.end(), taken)]


# --- the words around a citation ------------------------------------------------------------

def _thai_type(text: str, lo: int, start: int, g: _Grammar) -> re.Match[str] | None:
    """The Thai type word nearest before the code (มติที่ 57-…, มติคณะรัฐมนตรีหมายเลข 505/…)."""
    lo = max(lo, start - _TRIGGER_WINDOW, text.rfind("\n", 0, start) + 1)
    best = None
    for t in g.word.finditer(text, lo, start):
        best = t
    return best


def _body_between(text: str, pos: int, end: int, g: _Grammar) -> _Body | None:
    """The body between a type word and its code: คำสั่งนายกรัฐมนตรี 16/CT-TTg, มติของรัฐบาลเลขที่ …"""
    pos = _SPACES.match(text, pos).end()
    if (intro := g.issuer_intro.match(text, pos, end)) is not None:
        pos = intro.end()
    body = _body_at(text, pos, end, g)
    if body is None:
        return None
    rest = _SPACES.match(text, body.end, end).end()
    if (nw := g.number_word.match(text, rest, end)) is not None:
        rest = nw.end()
    return body if rest == end else None


def _body_before(text: str, lo: int, word_start: int, g: _Grammar) -> _Body | None:
    """The body that issues the document in "<body> (ได้)ออก / ลงนามใน / ประกาศ <type word> …":
    the nearest known name before the verb, or a title with a Vietnamese name after it
    (นายกรัฐมนตรี ฝ่าม มิงห์ จิ๋ง ได้ลงนาม…)."""
    lo = max(lo, word_start - _BEFORE_WINDOW, text.rfind("\n", 0, word_start) + 1)
    tail = g.issue_tail.search(text, lo, word_start)
    if tail is None:
        return None
    end = tail.start()
    last = None
    for m in g.body.finditer(text, lo, end):
        last = m
    if last is None:
        return None
    body = _body_at(text, last.start(), end, g)
    if body is None or text[lo:body.start].endswith(g.not_after):
        return None
    gap = text[body.end:end]
    if gap.strip() and (len(gap) > _NAME_GAP or not latin_name(gap.strip())):
        return None
    return body


def _date(m: re.Match[str], g: _Grammar, code_year: str | None) -> str | None:
    """ISO date of a date phrase; Buddhist-era years (>= 2400) are converted."""
    if m.group("mon"):
        day, month = int(_fold(m.group("d"))), g.months[m.group("mon").replace(".", "")]
        y = m.group("y") or code_year   # ลงวันที่ 5 มีนาคม after 12/2023/…: the code's year
    else:
        day, month, y = int(_fold(m.group("nd"))), int(_fold(m.group("nm"))), m.group("ny")
    if not y:
        return None
    try:
        return date(_ce(int(_fold(y))), month, day).isoformat()
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


def _issuer_phrase(text: str, pos: int, limit: int, g: _Grammar) -> _Body | None:
    """The body named after ของ / ออกโดย at ``pos``: a known name (its ref), a province (a provincial
    body's), or an unknown body's phrase."""
    intro = g.issuer_intro.match(text, pos, limit)
    if not intro:
        return None
    s = intro.end()
    known = _body_at(text, s, limit, g)
    if known is not None:
        after = known.end
        if (suffix := g.body_suffix.match(text, after, limit)) is not None:
            after = suffix.end()
        if g.body_end.match(text, after, limit):      # not the start of a longer name (รัฐสภายุโรป)
            return known
    if (prov := _province_at(text, s, limit, g)) is not None:
        return _Body(s, prov[0], None, prov[1])
    found = _phrase_after(g.issuer_intro, g.issuer_end, text, pos, limit, _ISSUER_MAX)
    if not found:
        return None
    start, end, _ = found
    phrase = text[start:end].rstrip()
    return _Body(start, start + len(phrase), None) if phrase else None


def _subject(text: str, pos: int, limit: int, g: _Grammar) -> str | None:
    """The subject after ว่าด้วย at ``pos``, bounded by the clause and ~150 characters."""
    found = _phrase_after(g.subject_intro, g.subject_end, text, pos, limit, _SUBJECT_MAX)
    if not found:
        return None
    s, e, capped = found
    if capped:
        cut = text.rfind(" ", s, e)    # capped mid-phrase: end at the last word break
        e = cut if cut > s else e
    subject = g.subject_tail.sub("", text[s:e].strip()).strip()
    return subject or None


def _read_after(cite: _Cite, text: str, limit: int, g: _Grammar, code_year: str | None) -> None:
    """Date, issuer, province and subject following a citation in any order, each at most once."""
    pos = cite.end
    while True:
        pos = _SKIP.match(text, pos, limit).end()
        d = g.date.match(text, pos, limit) if cite.date is None else None
        if d and (iso := _date(d, g, code_year)):
            cite.date, pos = iso, d.end()
            continue
        body = _issuer_phrase(text, pos, limit, g) if cite.body is None else None
        if body:
            cite.body, pos = body, body.end
            continue
        prov = _province_at(text, pos, limit, g) if cite.province is None else None
        if prov:
            pos, cite.province = prov
            continue
        if cite.subject is None:
            cite.subject = _subject(text, pos, limit, g)
        return


# --- what a citation refers to ------------------------------------------------------------------

@dataclass(frozen=True)
class _Doc:
    """The document a citation refers to, as far as the article and the knowledge base tell."""

    code: _Code
    doc_type: str
    kb: _KbDoc | None
    date: str | None = None          # from another citation of the same document in the article
    issuer_ref: str | None = None


def _code_of(ref: str, g: _Grammar) -> _Code:
    m = g.code.fullmatch(ref)
    assert m is not None, ref        # refs come from parsed codes or the checked knowledge base
    return _parse(m, g)


def _doc_type(code: _Code, word: str | None, kb: _KbDoc | None, g: _Grammar) -> str:
    """Type letters decide; a legislature code (QH15) takes its type from the Thai word or the KB."""
    if not code.legislature:
        return code.doc_type
    if word:
        return g.word_type[word]
    return kb.doc_type if kb else code.doc_type


def _issuers_of(doc: _Doc, province: str | None) -> set[str | None]:
    """Every body that may have issued ``doc``: its code's issuer, the bodies the code allows the text
    to name instead, the knowledge base's."""
    row = doc.code.issuer
    out: set[str | None] = {doc.issuer_ref, doc.kb.issuer if doc.kb else None}
    if row:
        out |= {row.filled(province)} | set(row.narrower)
    return out - {None}


def _fits(cite: _Cite, doc: _Doc, g: _Grammar) -> bool:
    """Whether a short citation can stand for ``doc``: number, type, year and named issuer agree."""
    code = doc.code
    if cite.number is None or int(code.number) != int(cite.number):
        return False
    letters = {cite.letters} if cite.letters else g.word_letters.get(cite.word or "", frozenset())
    if code.legislature:     # QH15 carries no type: compare the types the word can name
        if doc.doc_type not in {r.doc_type for letter in letters for r in g.types.get(letter, ())}:
            return False
    elif code.type_letters not in letters:
        return False
    if not _same_year(cite.year or cite.date, _year_of(doc)):
        return False
    named = cite.body.ref if cite.body else None
    return not (named and code.issuer and named not in _issuers_of(doc, cite.named_province))


def _year_of(doc: _Doc) -> str | None:
    """The year the code, else the article, else the knowledge base gives the document."""
    return doc.code.year or doc.date or (doc.kb.date if doc.kb else None)


def _same_year(a: str | None, b: str | None) -> bool:
    """Two dates or years name the same year, or one is unknown."""
    return not a or not b or a[:4] == b[:4]


def _resolve(cite: _Cite, article: list[_Doc], g: _Grammar) -> _Doc | None:
    """The document a short citation stands for: the one code of the article it fits, else the one
    knowledge-base document it fits (never a guess between two)."""
    fitting = {d.code.ref: d for d in article if _fits(cite, d, g)}
    if len(fitting) == 1:
        return next(iter(fitting.values()))
    if fitting or (cite.body is not None and cite.body.ref is None):
        return None      # two candidates, or a body we cannot compare (มติที่ 57 ของรัฐบาลไทย)
    known = [d for d in _kb_docs() if _fits(cite, d, g)]
    return known[0] if len(known) == 1 else None


@cache
def _kb_docs() -> tuple[_Doc, ...]:
    g = _checked_grammar()
    return tuple(_Doc(c := _code_of(k.code, g), _doc_type(c, None, k, g), k) for k in g.kb.values())


def _issuer_ref(code: _Code, body: _Body | None, province: str | None, kb: _KbDoc | None) -> str | None:
    """The issuer: a body the text names when the code allows it (TW → Politburo) or names none;
    else the knowledge base's when the text names no body; else the code's own."""
    named = body.ref if body else None
    row = code.issuer
    if named and (row is None or named in row.narrower or row.filled(province) is None):
        return named
    if named is None and kb and kb.issuer:
        return kb.issuer
    return row.filled(province) if row else None


# --- the mentions -----------------------------------------------------------------------------

def extract_documents(text: str) -> list[Mention]:
    """One LegalDocument mention per document code in ``text`` (codes inside URLs excluded), per short
    citation that resolves to a document, and per Thai name of a known document."""
    g = _checked_grammar()
    urls = [(u.start(), u.end()) for u in _URL.finditer(text)]
    cites = _codes(text, g, urls)
    taken = urls + [(c.start, c.end) for c in cites]
    cites += _short_cites(text, g, taken)
    taken = urls + [(c.start, c.end) for c in cites]
    cites += _kb_names(text, g, taken)
    cites.sort(key=lambda c: c.start)
    _read_context(text, cites, g)

    docs: list[_Doc | None] = []
    for c in cites:
        if c.code is not None:
            kb = g.kb.get(c.code.ref)
            if kb and not _same_year(c.date, kb.date):
                kb = None        # the same code of another term (18-NQ/TW of 2017 and of 2022)
            docs.append(_Doc(c.code, _doc_type(c.code, c.word, kb, g), kb))
        elif c.kb_code is not None:
            docs.append(next(d for d in _kb_docs() if d.code.ref == c.kb_code))
        else:
            docs.append(None)
    article = [_with_article_facts(d, c) for c, d in zip(cites, docs) if d is not None and c.code]
    for i, c in enumerate(cites):
        if docs[i] is None:
            docs[i] = _resolve(c, article, g)
    return [_mention(text, c, d) for c, d in zip(cites, docs) if d is not None]


def _share_list_bodies(cites: list[_Cite]) -> None:
    """มติที่ 57, 59 และ 68 ของโปลิตบูโร: a body named anywhere in a list issued every number in it."""
    bodies: dict[int, _Body] = {}
    for c in cites:
        if c.number is not None and c.body is not None and c.word_start is not None:
            bodies.setdefault(c.word_start, c.body)
    for c in cites:
        if c.number is not None and c.body is None and c.word_start in bodies:
            c.body = bodies[c.word_start]


def _with_article_facts(doc: _Doc, cite: _Cite) -> _Doc:
    """A code's document as the article states it: the date and issuer it gives there."""
    issuer = _issuer_ref(doc.code, cite.body, cite.named_province, doc.kb)
    return replace(doc, date=cite.date, issuer_ref=issuer)


def _read_context(text: str, cites: list[_Cite], g: _Grammar) -> None:
    """The Thai words around each citation: before it back to the previous citation, after it up to
    the next one (its type word included) and within its line."""
    for prev, c in zip([None, *cites], cites):
        if c.code is None:
            continue
        if (t := _thai_type(text, prev.end if prev else 0, c.start, g)) is not None:
            c.word, c.word_start = t.group(), t.start()
            c.between = _body_between(text, t.end(), c.start, g)
        elif prev is not None and prev.code is not None and prev.word and g.list_joint.fullmatch(
                text, prev.end, c.start):      # มติที่ 57-NQ/TW, 59-NQ/TW และ 68-NQ/TW: one type word
            c.word, c.listed = prev.word, True
    for prev, c, nxt in zip([None, *cites], cites, [*cites[1:], None]):
        limit = len(text) if nxt is None else nxt.start
        if nxt is not None and nxt.word_start is not None and c.end <= nxt.word_start:
            limit = nxt.word_start      # the next citation's type word is not this one's subject
        nl = text.find("\n", c.end, limit)
        limit = nl if nl >= 0 else limit
        # The issuer named after ของ wins over มติคณะรัฐมนตรี… before the code, which wins over
        # "<body> ได้ออก…" (MT writes มติคณะรัฐมนตรี for any resolution).
        _read_after(c, text, limit, g, c.code.year if c.code else None)
        c.body = c.body or c.between
        if c.body is None and c.word_start is not None and not c.listed:
            c.body = _body_before(text, prev.end if prev else 0, c.word_start, g)
    _share_list_bodies(cites)


def _mention(text: str, cite: _Cite, doc: _Doc) -> Mention:
    code = doc.code
    attrs: dict[str, str] = {
        "doc_type": doc.doc_type, "type_letters": code.type_letters,
        "issuer_letters": code.issuer_letters, "number": code.number,
    }
    if code.year:
        attrs["year"] = code.year
    if cite.word:
        attrs["thai_type"] = cite.word
    day = cite.date or doc.date or (doc.kb.date if doc.kb else None)
    if day:
        attrs["date"] = day
    if cite.body is not None:
        attrs["issuer_text_start"], attrs["issuer_text_end"] = str(cite.body.start), str(cite.body.end)
        if cite.body.ref:
            attrs["issuer_text_ref"] = cite.body.ref
    if cite.code is None and cite.body is None and doc.issuer_ref:
        issuer: str | None = doc.issuer_ref   # a short citation of a code the article gives: its issuer
    else:
        issuer = _issuer_ref(code, cite.body, cite.named_province, doc.kb)
    if issuer:
        attrs["issuer_ref"] = issuer
    if cite.subject:
        attrs["subject"] = cite.subject
    return Mention(
        kind=Kind.DOCUMENT, start=cite.start, end=cite.end, text=text[cite.start:cite.end],
        lang="vi" if cite.code else "th", ref=code.ref, attrs=tuple(sorted(attrs.items())),
    )
