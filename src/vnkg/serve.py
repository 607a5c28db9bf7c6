"""``vnkg serve``: a read-only SPARQL endpoint and query page over a built graph folder.

- ``/query`` (also ``/sparql``) speaks the SPARQL 1.1 Protocol: GET with ``query=``, POST
  as a form or as ``application/sparql-query``; answers in JSON, XML, CSV or TSV (and
  Turtle, N-Triples or RDF/XML for CONSTRUCT/DESCRIBE) by the ``Accept`` header. The
  default graph is the union of all graphs.
- ``/`` is a query page (vnkg.querypage) that needs nothing from elsewhere.
- Updates are refused with 403 (``/update``, an ``update=`` field, a SPARQL Update body,
  PUT/DELETE/PATCH), a body that is no query with 415, a malformed request with 400; no
  request gets a traceback.

Each query is checked and run by a pool of worker processes (vnkg.engine), each with a
read-only store of the folder's current generation and, where Linux allows, no network
at all: there is no engine port anyone could reach around the check. A query past the
time limit ends its worker and gets 503. Handler threads (``THREADS``) and the listening
backlog (``BACKLOG``) hold many more concurrent clients than the 50 the load test sends
(bench/load_serve.py).
"""
from __future__ import annotations

import ipaddress
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qsl, urlsplit

from .engine import Answer, EnginePool
from .folder import store_path
from .querypage import CSP, PAGE, SCRIPT

__all__ = ["ServeError", "ServeConfig", "serve", "THREADS", "BACKLOG"]

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
THREADS = 128                        # handler threads: one per open connection
BACKLOG = 256                        # connections the kernel queues before a thread takes them
IDLE_S = 30                          # a silent client's connection is closed after this
MAX_BODY = 1024 * 1024               # a form or query body larger than this is refused
_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"
_QUERY_PATHS = ("/query", "/sparql")


class ServeError(Exception):
    """The endpoint cannot start; the message says why."""


@dataclass(frozen=True)
class ServeConfig:
    """What to serve and how: a graph folder, the address, the time limit, the engine workers."""

    graph: Path
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    timeout_s: int = DEFAULT_TIMEOUT_S
    workers: int = max(2, os.cpu_count() or 2)


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


def _media_type(value: Optional[str]) -> str:
    return (value or "").split(";")[0].strip().lower()


def query_of(method: str, target: str, content_type: Optional[str], body: bytes) -> Answer | str:
    """The one query a request to a query path carries, or the answer that refuses it."""
    url = urlsplit(target)
    try:
        fields = parse_qsl(url.query, keep_blank_values=True, encoding="utf-8", errors="strict")
        media = _media_type(content_type)
        if body and method in ("GET", "HEAD"):
            return _text(400, "a GET request carries its query in the URL, not in a body")
        if method == "POST":
            if media == _UPDATE_BODY:
                return _text(403, "updates are refused: the graph is read-only")
            if media == _FORM:
                fields += parse_qsl(body.decode("utf-8"), keep_blank_values=True, encoding="utf-8",
                                    errors="strict")
            elif media == _QUERY_BODY:
                fields.append(("query", body.decode("utf-8")))
            else:
                return _text(415, f"POST a query as {_QUERY_BODY} or {_FORM}")
    except (UnicodeDecodeError, ValueError):
        return _text(400, "the request is not valid UTF-8 or not a valid form")
    names = [name for name, _ in fields]
    if "update" in names:
        return _text(403, "updates are refused: the graph is read-only")
    if "default-graph-uri" in names or "named-graph-uri" in names:
        return _text(400, "default-graph-uri and named-graph-uri are not supported: the default graph is "
                          "the union of all graphs")
    queries = [value for name, value in fields if name == "query"]
    if len(queries) != 1:
        return _text(400, "send exactly one query= parameter" if queries else "no query= parameter")
    return queries[0]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "vnkg-serve"
    timeout = IDLE_S
    engine: EnginePool                  # set on the subclass made by serve()

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:   # noqa: A002 (stdlib name)
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def do_GET(self) -> None:
        try:
            answer = self._answer()
        except Exception as exc:            # never a traceback to the client
            sys.stderr.write(f"vnkg serve: {self.command} {self.path!r}: {type(exc).__name__}: {exc}\n")
            answer = _text(500, "internal error (see the server's log)")
        if answer is not None:
            self._send(answer)

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    def _body(self) -> bytes | Answer:
        if self.headers.get("Transfer-Encoding"):
            return _text(411, "send the body with a Content-Length")
        lengths = set(self.headers.get_all("Content-Length") or [])
        if len(lengths) > 1:
            return _text(400, "conflicting Content-Length headers")
        try:
            length = int(lengths.pop()) if lengths else 0
        except ValueError:
            length = -1
        if length < 0:
            return _text(400, "bad Content-Length")
        if length > MAX_BODY:
            self.close_connection = True     # the body is not read: the connection cannot go on
            return _text(413, f"the request body is larger than {MAX_BODY:,} bytes")
        return self.rfile.read(length) if length else b""

    def _answer(self) -> Answer | None:
        body = self._body()
        if isinstance(body, Answer):
            return body
        path = urlsplit(self.path).path
        if self.command in ("PUT", "DELETE", "PATCH"):
            return _text(403, "this endpoint is read-only")
        if self.command == "OPTIONS":
            return Answer(204, "", b"")
        if path.rstrip("/").lower().endswith("/update"):
            return _text(403, "updates are refused: the graph is read-only")
        if path in _QUERY_PATHS:
            found = query_of(self.command, self.path, self.headers.get("Content-Type"), body)
            if isinstance(found, Answer):
                return found
            return self.engine.run(found, self.headers.get("Accept"))
        if self.command not in ("GET", "HEAD"):
            return _text(405, "only GET and HEAD here; queries go to /query")
        if path == "/":
            return Answer(200, "text/html; charset=utf-8", PAGE.encode("utf-8"))
        if path == "/query.js":
            return Answer(200, "text/javascript; charset=utf-8", SCRIPT.encode("utf-8"))
        return _text(404, f"nothing at {path}; the SPARQL endpoint is /query")

    def _send(self, answer: Answer) -> None:
        try:
            self.send_response(answer.status)
            if answer.content_type:
                self.send_header("Content-Type", answer.content_type)
            if self.command == "OPTIONS":
                self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
            self.send_header("Content-Security-Policy", CSP)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class PooledServer(HTTPServer):
    """An HTTP server whose connections are handled by a fixed pool of threads."""

    allow_reuse_address = True
    request_queue_size = BACKLOG

    def __init__(self, address, handler, threads: int = THREADS):
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="vnkg-http")
        super().__init__(address, handler)

    def process_request(self, request, client_address) -> None:
        self.pool.submit(self._handle, request, client_address)

    def _handle(self, request, client_address) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


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
    """Serve until Ctrl-C (SIGINT) or SIGTERM; then stop the workers and return.

    ``announce`` receives the base URL once the endpoint answers.
    """
    _check_host(config.host)
    if store_path(config.graph) is None:
        raise ServeError(f"{config.graph}: no store here (run `vnkg build` first)")
    if config.timeout_s < 1:
        raise ServeError("--timeout-s must be at least 1 second")
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    server_class = type("Server", (PooledServer,), {"address_family": family})
    try:
        # Bind the port first: a busy port fails before any worker is started.
        httpd = server_class((config.host, config.port), _Handler)
    except OSError as exc:
        raise ServeError(f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}") from None
    if threading.current_thread() is threading.main_thread():
        # Explicitly, because a shell starts background jobs with SIGINT ignored.
        signal.signal(signal.SIGINT, _raise_interrupt)
        signal.signal(signal.SIGTERM, _raise_interrupt)
    engine = None
    try:
        engine = EnginePool(config.graph, config.workers, config.timeout_s)
        httpd.RequestHandlerClass = type("Handler", (_Handler,), {"engine": engine})
        host, port = httpd.server_address[:2]
        announce(f"http://{f'[{host}]' if family == socket.AF_INET6 else host}:{port}/")
        httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        if engine is not None:
            engine.close()
