"""Decide, before a query runs, whether it could call ``SERVICE`` or is an update.

Oxigraph (the server and pyoxigraph alike) executes ``SERVICE <http://host/…>`` by
sending the query to that host, and has no switch to turn this off, so the check has
to be ours. pyoxigraph has no parse-only API, so this module reads the query text
itself, as a lexer that errs on the side of refusing:

- A query whose text does not contain the letters ``service`` (in any case) cannot
  call a service; most queries stop there.
- Otherwise the text is split into tokens the way SPARQL does (strings with their
  escapes, IRIs, comments, variables, prefixed names), and any word or prefix that
  contains ``service`` is taken as the keyword. Oxigraph's parser needs no space
  around keywords (``trueSERVICE <x> {…}`` and ``SERVICEex:x {…}`` both call ``ex:x``),
  hence "contains", not "equals". Text inside strings, IRIs, comments, variable names
  and the local part of a prefixed name (``schema:Service``) cannot be the keyword.
- ``<`` is either an IRI or the less-than operator, and reading it the wrong way can
  hide a keyword (``FILTER(1<'>')SERVICE …`` or ``FILTER(1<2)SERVICE:x#>``). Where
  both readings are possible (inside parentheses, after an operand) both are followed,
  and the query is refused if either finds the keyword.

Every doubt is settled by refusing: a legitimate query is refused only when the word
sits in code in an odd way (a prefix named ``service:``, an IRI containing "service"
compared with ``<`` right after an operand). tests/test_serve.py holds the tricks that
get past simpler checks, each checked to be a query Oxigraph accepts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Optional

__all__ = ["Refusal", "check_query", "find_service", "operation_kind"]

# Character classes of the SPARQL 1.1 grammar (section 19.8).
_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
         "\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
         "\U00010000-\U000EFFFF")
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"

_SERVICE = re.compile("service", re.I)
_SPACE = re.compile(r"\s+")
# Oxigraph's IRIREF: no spaces or <>"{}|^`\ except \u/\U escapes (checked against it).
_IRI = re.compile(r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>')
_VAR = re.compile(rf"[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*")
_PNAME = re.compile(
    rf"(?P<prefix>[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?)?:"
    rf"(?:(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?)?"
)
_WORD = re.compile(r"[A-Za-z0-9_]+")
_OPEN = {"(": "(", "{": "{", "[": "["}
_CLOSE = set(")}]")
# After these a `<` cannot be "less than": there is no left operand.
_NOT_OPERAND = set("(,=!&|+-*/<>{}.;[^@")
_UPDATE_WORDS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
_QUERY_WORDS = {"select", "construct", "describe", "ask"}
#: Enough for any real query; an adversarial one that branches more is refused.
MAX_STATES = 200_000


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: the HTTP status and a message for the client."""

    status: int
    message: str


def _string_end(text: str, start: int) -> Optional[int]:
    """End of the string literal opening at ``start`` (after its closing quote), or None.

    Long strings (``'''``/``\"\"\"``) may span lines; a backslash escapes the next
    character in both kinds, as in the grammar's ECHAR/UCHAR.
    """
    quote = text[start]
    long = text.startswith(quote * 3, start)
    i = start + (3 if long else 1)
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
        elif long and text.startswith(quote * 3, i):
            return i + 3
        elif not long and c == quote:
            return i + 1
        elif not long and c in "\r\n":
            return None             # a short string cannot span lines: no reading goes on
        else:
            i += 1
    return None


def _comment_end(text: str, start: int) -> int:
    ends = [i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0]
    return min(ends) if ends else len(text)


State = tuple[int, tuple[str, ...], bool]   # position, open brackets, last token an operand


def find_service(text: str) -> Optional[int]:
    """Offset of something that may be the ``SERVICE`` keyword, or None if there is none.

    Raises ValueError when the query branches into more than MAX_STATES readings.
    """
    if not _SERVICE.search(text):
        return None
    todo: list[State] = [(0, (), False)]
    seen: set[State] = set()
    n = len(text)
    while todo:
        state = todo.pop()
        if state in seen:
            continue
        seen.add(state)
        if len(seen) > MAX_STATES:
            raise ValueError("the query is too intricate to check")
        pos, stack, operand = state
        space = _SPACE.match(text, pos)
        if space:
            pos = space.end()
        if pos >= n:
            continue
        c = text[pos]
        if c == "#":
            todo.append((_comment_end(text, pos), stack, operand))
        elif c in "\"'":
            end = _string_end(text, pos)
            if end is not None:
                todo.append((end, stack, True))
        elif c == "<":
            iri = _IRI.match(text, pos)
            in_expression = bool(stack) and stack[-1] == "("
            if iri:
                todo.append((iri.end(), stack, True))
            if not iri or (in_expression and operand):
                todo.append((pos + 1, stack, False))      # "<", "<=" or "<<"
        elif c in "?$":
            var = _VAR.match(text, pos)
            todo.append((var.end() if var else pos + 1, stack, bool(var)))
        elif c in _OPEN:
            todo.append((pos + 1, stack + (c,), False))
        elif c in _CLOSE:
            todo.append((pos + 1, stack[:-1], True))
        else:
            pname = _PNAME.match(text, pos)
            if pname:
                if _SERVICE.search(pname.group("prefix") or ""):
                    return pos
                todo.append((pname.end(), stack, True))
                continue
            word = _WORD.match(text, pos)
            if word:
                if _SERVICE.search(word.group()):
                    return pos
                todo.append((word.end(), stack, True))
            else:
                todo.append((pos + 1, stack, c not in _NOT_OPERAND))
    return None


def operation_kind(text: str) -> Literal["query", "update", "unknown"]:
    """``update`` if the first keyword after the prologue (PREFIX/BASE) starts an update."""
    pos, n = 0, len(text)
    while pos < n:
        space = _SPACE.match(text, pos)
        if space:
            pos = space.end()
            continue
        c = text[pos]
        if c == "#":
            pos = _comment_end(text, pos)
        elif c == "<" and (iri := _IRI.match(text, pos)):
            pos = iri.end()
        elif pname := _PNAME.match(text, pos):
            pos = pname.end()
        elif found := _WORD.match(text, pos):
            word = found.group().lower()
            if word in _UPDATE_WORDS:
                return "update"
            if word in _QUERY_WORDS:
                return "query"
            if word not in ("prefix", "base"):
                return "unknown"
            pos += len(word)
        else:
            return "unknown"
    return "unknown"


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {col}"


def check_query(text: str) -> Optional[Refusal]:
    """None if ``text`` may be sent to the store; else the refusal (400 SERVICE, 403 update)."""
    if operation_kind(text) == "update":
        return Refusal(403, "updates are refused: this endpoint is read-only\n")
    try:
        at = find_service(text)
    except ValueError as exc:
        return Refusal(400, f"query refused: {exc}\n")
    if at is not None:
        return Refusal(400, "SERVICE (federated query) is refused: this endpoint answers from "
                            f"its own store only and never calls other hosts ({_line_col(text, at)})\n")
    return None
