"""``vnkg serve``: a read-only SPARQL endpoint and query UI over a built graph's store.

Oxigraph's own server (``oxigraph serve-read-only``) does the SPARQL work: the
SPARQL 1.1 Protocol at ``/query`` (GET and POST, results in JSON, XML, CSV or TSV and
graphs in Turtle and other syntaxes by content negotiation), YASGUI at ``/``, a time
limit per query (``--timeout-s``), the union of the named graphs as the default graph
(``--union-default-graph``). It runs as a child process on a free port of 127.0.0.1
that only this process talks to.

In front of it, on the public port, a thin HTTP layer (``ThreadingHTTPServer``) reads
every request before passing it on, because Oxigraph would otherwise run ``SERVICE``
calls to other hosts (see vnkg.guard):

- a query that may call ``SERVICE`` → 400, before anything runs;
- an update (``/update``, an ``update=`` field, ``application/sparql-update``, or an
  update sent as a query) → 403, as are PUT/DELETE/PATCH;
- a POST body that is neither a form nor ``application/sparql-query`` → 415, so no
  query reaches Oxigraph unread;
- everything else (the UI and its scripts, ``/store`` reads) is passed through with its
  headers and status.

Query answers are buffered, so that a query Oxigraph cancels at the time limit becomes
a 503 instead of a 200 with a truncated body. Some queries (a cross join under ORDER BY
or a four-way join) are not interrupted by Oxigraph's limit; when one runs past the limit
plus a grace period, the child is restarted, which is the only way to stop it.
"""
from __future__ import annotations

import http.client
import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional, Union
from urllib.parse import parse_qsl, unquote, urlsplit

from .guard import Refusal, check_query
from .store import PREFIXES

__all__ = ["ServeError", "ServeConfig", "serve", "inspect_request", "oxigraph_command"]

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
GRACE_S = 5                          # past the limit, a query Oxigraph did not stop is ended
IDLE_S = 120                         # a silent client or upstream is dropped after this
MAX_BODY = 16 * 1024 * 1024          # a query or form larger than this is refused
BUFFER_LIMIT = 64 * 1024 * 1024      # answers up to this size are checked for cancellation
_CANCELLED = b"The SPARQL operation has been cancelled"   # Oxigraph 0.5's message
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
               "trailer", "transfer-encoding", "upgrade", "proxy-connection", "expect"}
_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"
_READ_ONLY = "updates are refused: this endpoint is read-only\n"

# Oxigraph's page loads YASGUI, whose editor fetches prefixes from prefix.cc and term
# suggestions from LOV. The guard adds this script after YASGUI's: prefixes come from
# this server, the LOV look-ups are off, and the first query is one about this graph.
_UI_MARKER = b'<script src="./yasgui.min.js"></script>'
_UI_PREFIXES = "/vnkg-prefixes.json"
_UI_QUERY = "\n".join(
    [f"PREFIX {p}: <{ns}>" for p, ns in sorted(PREFIXES.items()) if p in ("org", "rdfs", "vnkg")]
    + ["# Posts held by each person (the default graph is the union of all graphs)",
       "SELECT DISTINCT ?name ?role ?organization ?observedOn WHERE {",
       "  ?person org:holds ?post ; rdfs:label ?name .",
       "  ?post org:role ?role ; org:postIn ?org .",
       "  ?org rdfs:label ?organization .",
       "  OPTIONAL { ?post vnkg:observedOn ?observedOn }",
       "} ORDER BY ?name ?observedOn"])
_UI_SCRIPT = ("""
<script>
for (const config of [Yasgui.Yasqe.defaults, Yasgui.defaults.yasqe]) {
  config.prefixCcApi = ".%s";
  config.autocompleters = ["variables", "prefixes"];
  config.value = %s;
}
</script>""" % (_UI_PREFIXES, json.dumps(_UI_QUERY))).encode("utf-8")


class ServeError(Exception):
    """The endpoint cannot start; the message says why."""


@dataclass(frozen=True)
class ServeConfig:
    """Where to serve what: a store folder, the public address, the per-query time limit."""

    store: Path
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    timeout_s: int = DEFAULT_TIMEOUT_S


# --------------------------------------------------------------------------- reading requests

def _media_type(value: Optional[str]) -> str:
    return (value or "").split(";")[0].strip().lower()


def _fields(encoded: str) -> list[tuple[str, str]]:
    # Decoded like Oxigraph does (form_urlencoded: '&' only, '+' is a space, lossy UTF-8).
    return parse_qsl(encoded, keep_blank_values=True, encoding="utf-8", errors="replace")


def _queries(method: str, target: str, content_type: Optional[str], body: bytes) -> Union[Refusal, list[str]]:
    """Every query a request carries, or the refusal of a request that must not pass.

    ``query`` fields are taken from the URL and from form bodies, and
    ``application/sparql-query`` bodies as they are, whatever the path, so that no
    spelling of a path lets a query by unread.
    """
    url = urlsplit(target)
    if unquote(url.path).rstrip("/").lower().endswith("/update"):
        return Refusal(403, _READ_ONLY)
    if method in ("PUT", "DELETE", "PATCH"):
        return Refusal(403, "this endpoint is read-only\n")
    fields = _fields(url.query)
    media = _media_type(content_type)
    if body and method in ("GET", "HEAD"):
        return Refusal(400, "a GET request carries its query in the URL, not in a body\n")
    if method == "POST":
        if media == _UPDATE_BODY:
            return Refusal(403, _READ_ONLY)
        try:
            if media == _FORM:
                fields += _fields(body.decode("utf-8"))
            elif media == _QUERY_BODY:
                fields.append(("query", body.decode("utf-8")))
            elif body or media:
                return Refusal(415, f"POST a query as {_QUERY_BODY} or {_FORM}\n")
        except UnicodeDecodeError:
            return Refusal(400, "the request body is not UTF-8\n")
    queries = []
    for name, value in fields:
        key = name.strip().lower()
        if key == "update":
            return Refusal(403, _READ_ONLY)
        if key == "query":
            queries.append(value)
    return queries


def inspect_request(method: str, target: str, content_type: Optional[str], body: bytes) -> Optional[Refusal]:
    """The refusal for one request (SERVICE 400, update 403, unknown body 415…), or None."""
    found = _queries(method, target, content_type, body)
    if isinstance(found, Refusal):
        return found
    for query in found:
        refusal = check_query(query)
        if refusal:
            return refusal
    return None


def _customize_ui(page: bytes) -> bytes:
    """Oxigraph's query page with _UI_SCRIPT added (unchanged if its shape is unknown)."""
    return page.replace(_UI_MARKER, _UI_MARKER + _UI_SCRIPT, 1) if _UI_MARKER in page else page


# --------------------------------------------------------------------------- the Oxigraph child

def oxigraph_command() -> str:
    """The ``oxigraph`` executable: the one installed beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError("the `oxigraph` command is missing (pip install oxigraph)")
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    # Linux: the child gets SIGTERM if this process dies without cleaning up (kill -9).
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Child:
    """``oxigraph serve-read-only`` on a private port, with its stderr kept for errors."""

    def __init__(self, config: ServeConfig):
        self.port = _free_port()
        cmd = [oxigraph_command(), "serve-read-only", "--location", str(config.store),
               "--bind", f"127.0.0.1:{self.port}", "--union-default-graph",
               "--timeout-s", str(config.timeout_s)]
        self.tail: deque[str] = deque(maxlen=20)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True,
                                     preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            self.tail.append(line)
            sys.stderr.write(f"oxigraph: {line}\n")

    def wait_ready(self, deadline_s: float = 30.0) -> None:
        """Return once the child answers HTTP; raise ServeError if it exits or hangs."""
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                time.sleep(0.1)               # let the drain thread catch the last lines
                raise ServeError("oxigraph stopped at start: " + (" | ".join(self.tail) or
                                 f"exit status {self.proc.returncode}"))
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("HEAD", "/")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.1)
        raise ServeError(f"oxigraph did not start listening within {deadline_s:.0f} s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _store_version(store: Path) -> Optional[tuple[int, int]]:
    """What changes when ``vnkg build`` or ``vnkg add`` has changed the store: the graph
    folder's manifest.json, renamed into place right after the store changes. (Oxigraph
    reads a read-only store as it was when opened.)"""
    try:
        st = (store.parent / "manifest.json").stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


class _Engine:
    """The current Oxigraph child; replaced when a query outlives the time limit, and when
    the store has changed (the old child finishes the queries it is running)."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self.lock = threading.Lock()
        self.generation = 0
        self.child: Optional[_Child] = None
        self.version = _store_version(config.store)
        self.retired: list[threading.Timer] = []
        # Children are started by one long-lived thread: the parent-death signal fires
        # when the *thread* that forked the child ends, and request threads are brief.
        self._spawner = ThreadPoolExecutor(1, thread_name_prefix="oxigraph-spawner")

    def _spawn(self) -> _Child:
        return self._spawner.submit(self._spawn_now).result()

    def _spawn_now(self) -> _Child:
        for attempt in range(3):           # the port may be taken between pick and bind
            child = _Child(self.config)
            try:
                child.wait_ready()
                return child
            except ServeError:
                child.stop()
                if attempt == 2 or "in use" not in " ".join(child.tail).lower():
                    raise
        raise AssertionError("unreachable")

    def start(self) -> None:
        with self.lock:
            self.child = self._spawn()

    def current(self) -> tuple[int, int]:
        """(generation, port); waits while a restart is under way."""
        with self.lock:
            if self.child is None:
                raise ConnectionRefusedError("the SPARQL engine is not running")
            version = _store_version(self.config.store)
            if version != self.version:
                self._reload(version)
            return self.generation, self.child.port

    def _reload(self, version: Optional[tuple[int, int]]) -> None:
        """A child on the changed store; the old one is stopped once its queries are over."""
        old, self.child = self.child, self._spawn()
        self.version = version
        self.generation += 1
        sys.stderr.write("vnkg serve: the store has changed; answering from the new one\n")
        if old is not None:
            timer = threading.Timer(self.config.timeout_s + GRACE_S, old.stop)
            timer.daemon = True
            timer.start()
            self.retired.append(timer)

    def restart(self, generation: int, why: str, only_if_dead: bool = False) -> None:
        """Replace the child, unless another request already did since ``generation``."""
        with self.lock:
            if generation != self.generation:
                return
            if only_if_dead and self.child is not None and self.child.proc.poll() is None:
                return
            self.generation += 1
            if self.child is not None:
                self.child.stop()
            self.child = None
            sys.stderr.write(f"vnkg serve: {why}; restarting the engine\n")
            self.child = self._spawn()

    def stop(self) -> None:
        with self.lock:
            if self.child is not None:
                self.child.stop()
            self.child = None
            for timer in self.retired:
                timer.cancel()
                timer.function()       # the retired child's stop, now
        self._spawner.shutdown()


# --------------------------------------------------------------------------- the guard server

class _ClientGone(Exception):
    """The client closed its connection while the answer was being sent."""


class _Overtime(Exception):
    """The engine went on past the time limit and its grace period."""


class _Handler(BaseHTTPRequestHandler):
    """Checks each request, then replays it to the Oxigraph child and relays the answer."""

    protocol_version = "HTTP/1.1"
    server_version = "vnkg-serve"
    timeout = IDLE_S                 # seconds a silent client may hold a connection
    engine: _Engine                  # set on the subclass made by _handler_for
    timeout_s: int
    _sent_headers = False

    def do_GET(self) -> None:
        self._handle()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:   # noqa: A002 (stdlib name)
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    # ----------------------------------------------------------------- request side
    def _read_body(self) -> Optional[bytes]:
        if self.headers.get("Transfer-Encoding"):
            self._reply(Refusal(411, "send the body with a Content-Length\n"))
            return None
        lengths = self.headers.get_all("Content-Length") or []
        if len(set(lengths)) > 1 or len(self.headers.get_all("Content-Type") or []) > 1:
            self._reply(Refusal(400, "conflicting Content-Length or Content-Type headers\n"))
            return None
        try:
            length = int(lengths[0]) if lengths else 0
        except ValueError:
            length = -1
        if length < 0:
            self._reply(Refusal(400, "bad Content-Length\n"))
            return None
        if length > MAX_BODY:
            self._reply(Refusal(413, f"the request body is larger than {MAX_BODY} bytes\n"))
            return None
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        body = self._read_body()
        if body is None:
            return
        found = _queries(self.command, self.path, self.headers.get("Content-Type"), body)
        refusal = found if isinstance(found, Refusal) else next(
            (r for r in map(check_query, found) if r), None)
        if refusal:
            self._reply(refusal)
            return
        if urlsplit(self.path).path == _UI_PREFIXES:
            self._send(200, json.dumps(PREFIXES, sort_keys=True), "application/json")
            return
        self._sent_headers = False
        # Only queries have a time limit; a large /store download may take its time.
        deadline = time.monotonic() + self.timeout_s + GRACE_S if found else None
        generation = -1
        try:
            generation, port = self.engine.current()
            self._forward(port, body, deadline)
        except _ClientGone:
            self.close_connection = True
        except (_Overtime, TimeoutError):
            if deadline is None:
                self._fail(504, "the SPARQL engine stopped answering\n")
                return
            self._restart(generation, "a query ran past the time limit")
            self._fail(503, f"query cancelled: it ran longer than the time limit of {self.timeout_s} s\n")
        except (OSError, http.client.HTTPException) as exc:
            if generation >= 0:             # the child may have crashed: start a new one
                self._restart(generation, "the engine stopped", only_if_dead=True)
            self._fail(502, f"the SPARQL engine did not answer: {exc}\n")

    def _restart(self, generation: int, why: str, only_if_dead: bool = False) -> None:
        try:
            self.engine.restart(generation, why, only_if_dead)
        except ServeError as exc:
            sys.stderr.write(f"vnkg serve: {exc}\n")

    def _forward(self, port: int, body: bytes, deadline: Optional[float]) -> None:
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in _HOP_BY_HOP | {"host", "content-length", "accept-encoding"}}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=IDLE_S)
        try:
            conn.connect()
            upstream = conn.sock
            # HEAD is asked as GET so that the answer's real length can be reported.
            method = "GET" if self.command == "HEAD" else self.command
            conn.request(method, self.path, body=body if method == "POST" else None, headers=headers)

            def wait() -> None:
                # Bound every read by what is left of the query's time.
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise _Overtime
                    upstream.settimeout(left)

            wait()
            answer = conn.getresponse()
            self._relay(answer, wait)
        finally:
            conn.close()

    # ----------------------------------------------------------------- response side
    def _write(self, data: bytes) -> None:
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            raise _ClientGone from None

    def _reply(self, refusal: Refusal) -> None:
        self._send(refusal.status, refusal.message)

    def _fail(self, status: int, message: str) -> None:
        if self._sent_headers:           # too late for a status: cut the answer short
            self.close_connection = True
        else:
            self._send(status, message)

    def _send(self, status: int, text: str, media_type: str = "text/plain; charset=utf-8") -> None:
        """A whole answer made here (refusals, errors, the prefix list)."""
        data = text.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _start(self, answer: http.client.HTTPResponse, length: Optional[int], *,
               bodyless: bool = False) -> None:
        """Status line and headers; ``length`` None means chunked (or close for HTTP/1.0)."""
        self.send_response(answer.status, answer.reason)
        for k, v in answer.getheaders():
            if k.lower() not in _HOP_BY_HOP | {"content-length", "server", "date"}:
                self.send_header(k, v)
        if length is not None:
            self.send_header("Content-Length", str(length))
        elif bodyless:
            pass
        elif self.request_version == "HTTP/1.1":
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.close_connection = True
        self._sent_headers = True
        try:
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            raise _ClientGone from None

    def _relay(self, answer: http.client.HTTPResponse, wait: Callable[[], None]) -> None:
        if answer.status in (204, 304):
            answer.read()
            self._start(answer, None, bodyless=True)
            return
        chunks: list[bytes] = []
        size = 0
        while size <= BUFFER_LIMIT:
            wait()
            data = answer.read1(65536)
            if not data:
                break
            chunks.append(data)
            size += len(data)
        else:
            self._stream(answer, chunks, wait)    # too big to hold: pass it on as it comes
            return
        payload = b"".join(chunks)
        if payload.endswith(_CANCELLED):
            self._send(503, f"query cancelled: it ran longer than the time limit of {self.timeout_s} s\n")
            return
        if (urlsplit(self.path).path == "/" and answer.status == 200
                and _media_type(answer.getheader("Content-Type")) == "text/html"):
            payload = _customize_ui(payload)
        self._start(answer, len(payload))
        if self.command != "HEAD":
            self._write(payload)

    def _stream(self, answer: http.client.HTTPResponse, head: list[bytes], wait: Callable[[], None]) -> None:
        self._start(answer, None)
        if self.command == "HEAD":
            return
        chunked = self.request_version == "HTTP/1.1"

        def send(data: bytes) -> None:
            self._write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)

        for data in head:
            send(data)
        while True:
            wait()
            data = answer.read1(65536)
            if not data:
                break
            send(data)
        if chunked:
            self._write(b"0\r\n\r\n")


def _handler_for(engine: _Engine, timeout_s: int) -> type[_Handler]:
    return type("GuardHandler", (_Handler,), {"engine": engine, "timeout_s": timeout_s})


class GuardServer(ThreadingHTTPServer):
    """The public listener; one thread per connection, none left behind at exit."""

    daemon_threads = True
    allow_reuse_address = True


# --------------------------------------------------------------------------- serve

def _check_host(host: str) -> None:
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise ServeError(f"--bind {host}: vnkg serve listens on the loopback interface only "
                         "(127.0.0.1, ::1 or localhost)")


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(config: ServeConfig, announce: Callable[[str], None] = print) -> None:
    """Serve until Ctrl-C (SIGINT) or SIGTERM; then stop the child and return.

    ``announce`` receives the base URL once the endpoint answers.
    """
    _check_host(config.host)
    if not (config.store / "CURRENT").is_file():
        raise ServeError(f"{config.store}: no store here (run `vnkg build` first)")
    if config.timeout_s < 1:
        raise ServeError("--timeout-s must be at least 1 second")
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    engine = _Engine(config)
    server_class = type("Server", (GuardServer,), {"address_family": family})
    try:
        # Bind the public port first: a busy port fails before anything is started.
        httpd = server_class((config.host, config.port), _handler_for(engine, config.timeout_s))
    except OSError as exc:
        raise ServeError(f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}") from None
    if threading.current_thread() is threading.main_thread():
        # Explicitly, because a shell starts background jobs with SIGINT ignored.
        signal.signal(signal.SIGINT, _raise_interrupt)
        signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        engine.start()
        host, port = httpd.server_address[:2]
        announce(f"http://{f'[{host}]' if family == socket.AF_INET6 else host}:{port}/")
        httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        engine.stop()
