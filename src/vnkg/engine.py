"""Queries of ``vnkg serve`` run in worker processes, each with a read-only store of its own.

A worker takes one query at a time over a pipe from the server (it has no port of its
own): it checks the query (vnkg.guard: SERVICE, updates, size, nesting), runs it on the
store of the graph folder's current generation (reopened when the folder switches to a
new one) and sends back the whole answer, serialised in the negotiated format, or the
refusal. The server waits up to the time limit and otherwise ends the worker with SIGKILL
(the only way to stop a query Oxigraph does not interrupt) and starts another: a query
past the limit always ends in 503, never in a truncated answer.

As a second wall behind the check, each worker cuts itself off the network when Linux
lets it (a new, empty network namespace: not even 127.0.0.1 is reachable), so no query
could make the engine contact another host even if it got past the check.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import cast

__all__ = ["Answer", "EnginePool", "negotiate", "MAX_ANSWER"]

MAX_ANSWER = 256 * 1024 * 1024      # bytes of one answer; larger ones are refused with 503
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000
_PR_SET_PDEATHSIG = 1
_RESULTS_DEFAULT = "application/sparql-results+json"
_GRAPH_DEFAULT = "text/turtle"


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


# --------------------------------------------------------------------------- content negotiation

def _accepted(header: str | None) -> list[str]:
    """Media types of an Accept header, most wanted first (q=0 left out)."""
    ranked = []
    for n, item in enumerate((header or "*/*").split(",")):
        media, *params = [part.strip() for part in item.split(";")]
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, n, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def negotiate(header: str | None, graph: bool):
    """The pyoxigraph format to answer in (RdfFormat for graphs, QueryResultsFormat for
    solutions and booleans), or None if the client accepts none that fits."""
    import pyoxigraph as ox

    kind = ox.RdfFormat if graph else ox.QueryResultsFormat
    default = _GRAPH_DEFAULT if graph else _RESULTS_DEFAULT
    for media in _accepted(header):
        if media in ("*/*", default.split("/")[0] + "/*"):
            media = default
        if media == "application/json" and not graph:
            media = _RESULTS_DEFAULT
        found = kind.from_media_type(media)
        if found is not None and (not graph or not cast(ox.RdfFormat, found).supports_datasets):
            return found
    return None


# --------------------------------------------------------------------------- the worker

class _Capped:
    """A binary sink that refuses to grow past MAX_ANSWER (the serializer stops there)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > MAX_ANSWER:
            raise OverflowError
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _answer(store, text: str, accept: str | None) -> Answer:
    import pyoxigraph as ox

    from .guard import Refused, checked
    from .store import PREFIXES

    try:
        text = checked(text)
    except Refused as exc:
        return _text(exc.status, exc.message)
    try:
        result = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as exc:
        return _text(400, f"SPARQL syntax error: {exc}")
    graph = isinstance(result, ox.QueryTriples)
    fmt = negotiate(accept, graph)
    if fmt is None:
        kinds = "Turtle, N-Triples, RDF/XML" if graph else "JSON, XML, CSV, TSV"
        return _text(406, f"none of the media types in Accept can hold this answer ({kinds})")
    sink = _Capped()
    try:
        result.serialize(sink, fmt)
    except OverflowError:
        return _text(503, f"the answer is larger than {MAX_ANSWER // 2**20} MiB; ask for less (LIMIT)")
    return Answer(200, fmt.media_type, b"".join(sink.parts))


def _isolate() -> str:
    """Leave the network (a new, empty namespace) if Linux lets this process; say how it went."""
    if not sys.platform.startswith("linux"):
        return "no network isolation on this system"
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)    # end with the server, even on kill -9
    for flags in (_CLONE_NEWUSER | _CLONE_NEWNET, _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return "isolated"
    return f"could not leave the network ({os.strerror(ctypes.get_errno())})"


def _work(conn: Connection) -> None:
    """A worker's life: isolate, then answer (store path, query, accept) requests."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C is the server's to handle
    conn.send(_isolate())
    import pyoxigraph as ox

    store, opened = None, None
    while True:
        try:
            path, text, accept = conn.recv()
        except EOFError:
            return
        try:
            if path != opened:
                store, opened = None, None
                store, opened = ox.Store.read_only(path), path
            answer = _answer(store, text, accept)
        except Exception as exc:        # the store vanished, a failure while evaluating…
            answer = _text(500, f"the query failed: {exc}")
        conn.send(answer)


# --------------------------------------------------------------------------- the pool

class _Worker:
    def __init__(self, context) -> None:
        self.conn, child = context.Pipe()
        self.proc = context.Process(target=_work, args=(child,), daemon=True, name="vnkg-engine")
        self.proc.start()
        child.close()
        self.isolation = self.conn.recv() if self.conn.poll(60) else "did not start"

    def end(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(10)
        self.conn.close()


class EnginePool:
    """``workers`` engine processes over the graph folder ``folder``, ``timeout_s`` per query."""

    def __init__(self, folder: Path, workers: int, timeout_s: float, log=None):
        self.folder = folder
        self.timeout_s = timeout_s
        self.log = log or (lambda line: sys.stderr.write(line + "\n"))
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.closed = False
        # workers are started by one long-lived thread: their parent-death signal fires when
        # the thread that started them ends
        self.spawner = ThreadPoolExecutor(1, thread_name_prefix="vnkg-spawner")
        first = [self.spawner.submit(_Worker, self.context) for _ in range(workers)]
        isolations = set()
        for future in first:
            worker = future.result()
            isolations.add(worker.isolation)
            self.idle.put(worker)
        for isolation in sorted(isolations):
            if isolation != "isolated":
                self.log(f"vnkg serve: engine workers: {isolation}; the query check alone keeps them "
                         "from other hosts")

    def _replace(self, worker: _Worker) -> None:
        worker.end()
        if not self.closed:
            self.spawner.submit(lambda: self.idle.put(_Worker(self.context)))

    def run(self, text: str, accept: str | None) -> Answer:
        """The answer to one query, within the time limit (503 past it)."""
        from .folder import store_path

        deadline = time.monotonic() + self.timeout_s
        try:
            worker = self.idle.get(timeout=self.timeout_s)
        except queue.Empty:
            return _text(503, f"the server is busy: no engine was free within {self.timeout_s:g} s")
        path = store_path(self.folder)
        if path is None:
            self.idle.put(worker)
            return _text(503, f"{self.folder}: no store here any more")
        try:
            worker.conn.send((str(path), text, accept))
            if not worker.conn.poll(max(deadline - time.monotonic(), 0.001)):
                self._replace(worker)
                return _text(503, f"query cancelled: it ran longer than the time limit of {self.timeout_s:g} s")
            answer = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            return _text(500, "the query engine stopped on this query")
        self.idle.put(worker)
        return answer

    def close(self) -> None:
        self.closed = True
        self.spawner.shutdown(wait=True)
        while True:
            try:
                self.idle.get_nowait().end()
            except queue.Empty:
                return
