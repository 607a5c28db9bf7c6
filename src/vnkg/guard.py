"""Decide, before the engine sees a query, whether it may run.

Oxigraph (pyoxigraph and its server alike) executes ``SERVICE <http://host/…>`` by
sending the query to that host, and has no switch to turn this off; its parser and
evaluator also recurse, so a few thousand nested groups overflow the stack and crash the
process. So every query is first read by another SPARQL parser, rdflib's (the SPARQL 1.1
grammar), and runs only if all of this holds:

- its text is at most ``MAX_QUERY_BYTES`` long;
- rdflib parses it as a query (an update is refused with 403);
- its parse tree holds no ``SERVICE`` pattern, anywhere (inside ``EXISTS``, subqueries,
  unions…: the algebra is made from this tree);
- the tree is at most ``MAX_DEPTH`` deep, counting a chain of n operators or patterns
  (``a || b || …``, ``p1/p2/…``, ``{…} UNION {…} …``, the patterns of a group) as n
  levels, because Oxigraph's algebra nests them.

What rdflib cannot parse is refused, even where Oxigraph could run it (SPARQL 1.2 triple
terms, Oxigraph's extensions): a query is let through only when the check has understood
it. Two places where the parsers read characters differently are closed first:

- line ends are normalised to ``\\n`` (rdflib's comments run past a lone ``\\r``,
  Oxigraph's stop there), and the normalised text is what runs;
- rdflib expands ``\\u``/``\\U`` escapes over the whole text before parsing, Oxigraph
  only inside strings and IRIs; an escape for a character that could end or start a
  string, IRI or comment (quotes, ``<``, ``>``, backslash, ``#``, line breaks) would make
  them split the text differently, so such an escape is refused.
tests/test_guard.py holds the queries that got past earlier checks; bench/fuzz_guard.py
compares the check with what pyoxigraph really sends out on generated queries.
"""
from __future__ import annotations

from functools import lru_cache

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import Query, UpdateUnit, expandUnicodeEscapes_re
from rdflib.plugins.sparql.parserutils import CompValue

__all__ = ["MAX_QUERY_BYTES", "MAX_DEPTH", "Refused", "checked"]

#: Queries up to 64 KiB; the library's longest is about 3 KiB.
MAX_QUERY_BYTES = 64 * 1024
#: Depth of the parse tree; the library's deepest query is about 40, and Oxigraph
#: overflows its stack at a few thousand levels.
MAX_DEPTH = 200

_SERVICE = "ServiceGraphPattern"
_CHAINS = ("Expression", "GroupGraphPatternSub", "GroupOrUnionGraphPattern")
# characters that end or start a string, IRI or comment: not accepted as \u escapes
_STRUCTURAL = frozenset("\"'<>\\#\n\r")


class Refused(Exception):
    """A query that must not run: ``status`` (400 or 403), a one-line ``message`` and, for
    a query the checker cannot parse, where it stopped (``line``, ``column``)."""

    def __init__(self, status: int, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.line = line
        self.column = column


def checked(text: str) -> str:
    """The text to run for ``text`` (line ends normalised), or raise ``Refused``."""
    verdict = _verdict(text)
    if isinstance(verdict, Refused):
        raise verdict
    return verdict


@lru_cache(maxsize=512)          # a server sees the same few queries again and again
def _verdict(text: str) -> str | Refused:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_QUERY_BYTES:
        return Refused(400, f"query refused: it is {size:,} bytes long; the limit is {MAX_QUERY_BYTES:,} bytes")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        expanded = expandUnicodeEscapes_re.sub(_escaped, text)
    except ValueError as exc:
        return Refused(400, f"query refused: {exc}")
    try:
        tree = Query.parse_string(expanded, parse_all=True)
    except ParseBaseException as exc:
        return _unparsed(expanded, exc)
    except RecursionError:
        return Refused(400, "query refused: it is nested too deeply to check")
    depth, service = _walk(tree)
    if service:
        return Refused(400, "SERVICE (federated query) is refused: vnkg answers from its own store "
                            "only and never calls other hosts")
    if depth > MAX_DEPTH:
        return Refused(400, f"query refused: it is nested {depth} levels deep; the limit is {MAX_DEPTH}")
    return text


def _escaped(m) -> str:
    """The character of one \\u escape, as rdflib reads it; ValueError if it is refused."""
    code = int(m.group(1), 16)
    if code > 0x10FFFF:
        raise ValueError(f"\\u{m.group(1)} is not a character")
    if chr(code) in _STRUCTURAL:
        raise ValueError(f"the escape \\u{m.group(1)} stands for {chr(code)!r}, which could end or start "
                         "a string, IRI or comment; write it as itself (or \\\", \\n in a string)")
    return chr(code)


def _unparsed(text: str, exc: ParseBaseException) -> Refused:
    try:
        UpdateUnit.parse_string(text, parse_all=True)
        return Refused(403, "updates are refused: the graph is read-only")
    except (ParseBaseException, RecursionError):
        pass
    return Refused(400, f"query refused: the query checker cannot parse it at line {exc.lineno}, "
                        f"column {exc.col} ({exc.msg}); only SPARQL 1.1 queries it reads are run",
                   exc.lineno, exc.col)


def _walk(tree: ParseResults) -> tuple[int, bool]:
    """(depth, whether a SERVICE pattern occurs) of a parse tree, without recursion."""
    deepest, todo = 0, [(tree, 1)]
    while todo:
        node, depth = todo.pop()
        deepest = max(deepest, depth)
        if isinstance(node, CompValue):
            if node.name == _SERVICE:
                return deepest, True
            chain = node.name.endswith(_CHAINS) or node.name.startswith("Path")
            for value in node.values():
                # Oxigraph nests a chain (a || b || c, the patterns of a group) one level per link
                step = len(value) if chain and isinstance(value, (list, ParseResults)) else 1
                todo.append((value, depth + step))
        elif isinstance(node, dict):
            todo.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            todo.extend((v, depth + 1) for v in node)
    return deepest, False
