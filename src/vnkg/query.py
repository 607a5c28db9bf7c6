"""SPARQL queries over the store: run, bind parameters safely, render results.

The default graph of every query is the union of all named graphs (one graph per
article plus the entities graph), so users need no ``GRAPH`` clauses. The prefixes of
docs/data-model.md are predeclared. Parameters are bound as RDF terms, never pasted
into the query text, so a value cannot change the query. Every query but the question
library's own passes ``vnkg.guard.checked`` first (``SERVICE``, size and nesting; see
there), so nothing reaches the network at run time and no query nests deep enough to
overflow the stack.
"""
from __future__ import annotations

import csv
import io
import json
import re
from itertools import islice
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from typing import Literal as TypingLiteral

import pyoxigraph as ox

from vnkg.lexicon import ontology_dir
from vnkg.store import PREFIXES, OxTerm, compact_iri

if TYPE_CHECKING:
    from rich.table import Table
    from vnkg.guard import Refused

__all__ = [
    "QueryError", "QueryResult", "run_query", "render", "load_query_text", "param_term", "query_parameters",
]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_POSITION = re.compile(r"error at (\d+):(\d+)")


class QueryError(Exception):
    """A query that cannot run; for syntax errors, ``line``/``column`` point at the problem.

    ``refused`` is set when the guard refused the query before the engine saw it.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 refused: bool = False):
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"SPARQL error{where}: {message}" if where else message)
        self.line = line
        self.column = column
        self.refused = refused


@dataclass
class QueryResult:
    """The answer to a query.

    ``kind`` is ``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE). For graph
    results the columns are ``subject``, ``predicate``, ``object`` (one row per
    triple, sorted) and ``triples`` holds the triples themselves.
    """

    kind: TypingLiteral["select", "ask", "graph"]
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)          # display strings
    terms: list[list[OxTerm | None]] = field(default_factory=list)  # the raw terms
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    total: int = 0          # rows of the whole answer; ``rows`` may hold one page of them

    def __post_init__(self) -> None:
        self.total = self.total or len(self.rows)


# --------------------------------------------------------------------------- parameters

def param_term(value: str | OxTerm) -> OxTerm:
    """The RDF term a parameter value stands for.

    - ``<https://…>``, an absolute ``http(s)://`` or ``urn:`` IRI, or a name with a
      known prefix (``id:person/x``, ``role:Minister``) → IRI;
    - an N-Triples literal (``"เหงียน"@th``, ``"2024-01-01"^^<…#date>``) → that literal;
    - anything else → a plain string literal of the whole value, quotes and all.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith(("<", '"')):
        # Parse as the object of one N-Triples statement; anything that is not exactly
        # one term (e.g. text that closes the quote and adds a triple) stays a string.
        try:
            parsed = list(ox.parse(f"<urn:x:s> <urn:x:p> {text} .", format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            parsed = []
        if len(parsed) == 1:
            return parsed[0].object
    elif re.fullmatch(r"(https?|urn):\S+", text):
        try:
            return ox.NamedNode(text)
        except ValueError:
            pass
    else:
        prefix, _, local = text.partition(":")
        if prefix in PREFIXES and local and not re.search(r"\s", local):
            try:
                return ox.NamedNode(PREFIXES[prefix] + local)
            except ValueError:
                pass
    return ox.Literal(value)


# What is not code in a query: strings (long ones first), IRIs and comments.
_NOT_CODE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                       r"|<[^<>\s]*>|#[^\n]*")
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_DECLARED = re.compile(r"^#\s*Parameters:(.*)$", re.M)


def query_parameters(sparql: str) -> list[str]:
    """The parameters ``sparql`` takes, sorted.

    A query with a ``# Parameters:`` header line (the question library's) takes the
    names declared there (``# Parameters: org = a name …``; ``none.`` for none); any
    other query takes the variables it uses.
    """
    declared = _DECLARED.search(sparql)
    if declared:
        return sorted(set(re.findall(r"(\w+) = ", declared.group(1))))
    return sorted(set(_VARIABLE.findall(_NOT_CODE.sub(" ", sparql))))


def _bindings(params: Mapping[str, str | OxTerm] | None, sparql: str) -> dict[ox.Variable, OxTerm]:
    bound: dict[ox.Variable, OxTerm] = {}
    known: list[str] | None = None
    for name, value in (params or {}).items():
        var = name.lstrip("?$")
        if not _VARNAME.fullmatch(var):
            raise QueryError(f"bad parameter name {name!r}: use a SPARQL variable name")
        known = query_parameters(sparql) if known is None else known
        if var not in known:
            takes = f"its parameters are: {', '.join(known)}" if known else "it takes no parameters"
            raise QueryError(f"unknown parameter {var!r} for this query; {takes}")
        bound[ox.Variable(var)] = param_term(value)
    return bound


def _values_clause(bound: dict[ox.Variable, OxTerm]) -> str:
    # str() of a pyoxigraph term is its N-Triples form: escaped strings, <IRIs>.
    names = " ".join(str(v) for v in bound)
    values = " ".join(str(t) for t in bound.values())
    return f"\nVALUES ({names}) {{ ({values}) }}\n"


# --------------------------------------------------------------------------- running

def _execute(store: ox.Store, sparql: str, bound: dict[ox.Variable, Any]) -> Any:
    kwargs: dict[str, Any] = dict(use_default_graph_as_union=True, prefixes=PREFIXES)
    if not bound:
        return store.query(sparql, **kwargs)
    try:
        # Pre-binding (SEP-0007 substitution): the value replaces the variable everywhere.
        return store.query(sparql, substitutions=bound, **kwargs)
    except RuntimeError:
        # pyoxigraph substitutes only variables visible in the projection; otherwise
        # join a trailing VALUES clause (bound after the WHERE pattern is evaluated, so
        # a variable used only inside FILTER stays unbound there).
        # the clause is made of N-Triples terms, but the whole text is checked again all the same
        return store.query(_checked(sparql + _values_clause(bound)), **kwargs)


def _display(term: OxTerm | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def run_query(
    store: ox.Store, sparql: str, params: Mapping[str, str | OxTerm] | None = None,
    *, limit: int | None = None, offset: int = 0,
) -> QueryResult:
    """Run ``sparql`` over the union of all graphs of ``store``.

    ``params`` maps variable names (with or without ``?``) to values (see
    ``param_term``); they are bound as terms, so quotes or braces in a value are data.
    A name the query does not take (``query_parameters``) is an error, not ignored.
    ``limit``/``offset`` ask for one page of the rows (in the query's order): only those
    are converted to Python values, which is most of the cost of a listing of thousands
    of rows; ``total`` still counts them all. Raises QueryError (with line/column for
    syntax errors) instead of pyoxigraph's exceptions.
    """
    if offset < 0 or (limit is not None and limit < 0):
        raise QueryError("limit and offset must not be negative")
    sparql = _checked(sparql)
    bound = _bindings(params, sparql)
    return _answer(store, sparql, bound, limit, offset)


@cache
def _library() -> frozenset[str]:
    """The texts of the question library (``ontology/queries/*.rq``)."""
    return frozenset(p.read_text(encoding="utf-8") for p in (ontology_dir() / "queries").glob("*.rq"))


def _checked(sparql: str) -> str:
    """``vnkg.guard.checked``, or QueryError. The library's own texts, unchanged, are part of
    the package like its code and pass the guard (tests/test_queries.py checks each): they
    skip rdflib's parser, which costs a quarter of a second to import and tens of
    milliseconds per query. Any other text, however close to them, is checked."""
    if sparql in _library():
        return sparql
    from vnkg.guard import Refused, checked

    try:
        return checked(sparql)
    except Refused as exc:
        raise _refused(exc) from None


def _refused(exc: Refused) -> QueryError:
    error = QueryError(exc.message, refused=True)    # the message says where already
    error.line, error.column = exc.line, exc.column
    return error


def _answer(store: ox.Store, sparql: str, bound: dict[ox.Variable, OxTerm], limit: int | None = None,
            offset: int = 0) -> QueryResult:
    page = slice(offset, None if limit is None else offset + limit)
    try:
        answer = _execute(store, sparql, bound)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", ["ask"], [[str(bool(answer)).lower()]], [[None]], bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            columns = [v.value for v in answer.variables]
            solutions = iter(answer)
            skipped = sum(1 for _ in islice(solutions, offset))
            terms = [list(solution) for solution in islice(solutions, limit)]
            total = skipped + len(terms) + sum(1 for _ in solutions)
            return QueryResult("select", columns, _displayed(terms), terms, total=total)
        triples = sorted(answer, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    except SyntaxError as exc:
        message = str(exc)
        pos = _POSITION.search(message)
        if pos:
            detail = message[pos.end():].lstrip(": ")
            raise QueryError(detail, int(pos.group(1)), int(pos.group(2))) from None
        raise QueryError(f"SPARQL syntax error: {message}") from None
    except (RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None
    terms = [[t.subject, t.predicate, t.object] for t in triples[page]]
    return QueryResult("graph", ["subject", "predicate", "object"], _displayed(terms), terms, None, triples[page],
                       total=len(triples))


def _displayed(terms: list[list[OxTerm | None]]) -> list[list[str]]:
    """Display strings of the terms; each distinct term converted once (a listing repeats
    its organizations, roles and dates on many rows)."""
    seen: dict[OxTerm | None, str] = {}
    return [[seen[t] if t in seen else seen.setdefault(t, _display(t)) for t in row] for row in terms]


# --------------------------------------------------------------------------- rendering

def _csv_value(term: OxTerm | None) -> str:
    """SPARQL 1.1 CSV: IRIs and literals as plain strings, blank nodes as _:x."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return getattr(term, "value", str(term))


def _json_value(term: OxTerm) -> dict[str, str]:
    """One binding in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def render(result: QueryResult, fmt: TypingLiteral["table", "csv", "tsv", "json"]) -> Table | str:
    """``table`` → a rich Table; ``csv``/``tsv``/``json`` → text in the SPARQL 1.1 result formats.

    Graph results are rendered as a three-column table (subject, predicate, object).
    """
    if fmt == "table":
        from rich.table import Table     # here: the other formats need no rich

        table = Table(*result.columns, show_lines=False)
        for row in result.rows:
            table.add_row(*row)
        return table
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.columns)
        for terms in result.terms:
            writer.writerow([_csv_value(t) for t in terms] if result.kind != "ask"
                            else [str(result.boolean).lower()])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{c}" for c in result.columns)]
        for terms in result.terms:
            lines.append(str(result.boolean).lower() if result.kind == "ask"
                         else "\t".join("" if t is None else str(t) for t in terms))
        return "\n".join(lines) + "\n"
    if fmt == "json":
        if result.kind == "ask":
            doc: dict[str, object] = {"head": {}, "boolean": result.boolean}
        else:
            bindings = [
                {c: _json_value(t) for c, t in zip(result.columns, row) if t is not None}
                for row in result.terms
            ]
            doc = {"head": {"vars": result.columns}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown result format {fmt!r}; choose table, csv, tsv or json")


# --------------------------------------------------------------------------- query files

def load_query_text(arg: str) -> str:
    """The query text ``arg`` names: a ``.rq`` file, a name in ``ontology/queries/``, or itself.

    ``vnkg query people`` reads ``ontology/queries/people.rq``; ``vnkg query my.rq``
    reads that file; anything else is taken as SPARQL text.
    """
    text = arg.strip()
    if re.fullmatch(r"\S+\.(rq|sparql)", text):
        path = Path(text).expanduser()
        if not path.is_file():
            raise QueryError(f"{text}: no such query file")
        return path.read_text(encoding="utf-8")
    if _VARNAME.fullmatch(text.replace("-", "_")):
        folder = ontology_dir() / "queries"
        named = folder / f"{text}.rq"
        if named.is_file():
            return named.read_text(encoding="utf-8")
        known = ", ".join(sorted(p.stem for p in folder.glob("*.rq"))) or "none"
        raise QueryError(f"no query named {text!r} in {folder} (known: {known})")
    return arg
