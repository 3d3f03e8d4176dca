"""Replay recorded web.archive.org traffic from a local HTTP server, for conformance tests.

The recordings are other projects' (see ../shared/realdata/README.md) and stay outside this
repository; they are read in place. A request is answered when its method, percent-decoded path
and query parameters (compared as a multiset, in any order) match a recorded request. Several
recorded answers to one request are replayed in order, the last one again once they run out.
Anything unmatched gets status 599 and a body naming the request, so a test fails loudly.

Use it as a context manager, or through the `recording_server` fixture after declaring
`pytest_plugins = ["recordings"]` in a test module:

    with RecordingServer() as server:
        client = WaybackClient(server.archive, "test", cdx_interval=0, memento_interval=0)

PYTEST_DONT_REWRITE: test modules import this module before pytest loads it as their plugin, and
it has no assert statements to rewrite.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
import yaml

from crawler.wayback import Archive

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
EDGI = REALDATA / "edgi-wayback"
CASSETTES = EDGI / "cassettes"
DOCS_CASSETTES = EDGI / "docs_cassettes"
TEST_FILES = EDGI / "test_files"
CDX_TOOLKIT = REALDATA / "cdx_toolkit"

ARCHIVE_HOST = "web.archive.org"

# The server sets the framing itself; bodies are served already gunzipped.
DROPPED_HEADERS = frozenset(
    {"content-encoding", "transfer-encoding", "content-length", "connection"}
)
# Headers whose archive URLs are pointed back at the replay server.
REWRITTEN_HEADERS = frozenset({"location", "link", "content-location"})
_ARCHIVE_REFERENCE = re.compile(r"(?P<scheme>https?:)?//web\.archive\.org(?![\w.-])", re.I)

MISS_STATUS = 599

Query = tuple[tuple[str, str], ...]
RequestKey = tuple[str, str, Query]


def request_key(method: str, target: str) -> RequestKey:
    """How requests are matched: method, percent-decoded path, sorted decoded query pairs.

    `target` may be a full URL or a path with a query string.
    """
    parts = urlsplit(target)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    return method.upper(), unquote(parts.path), tuple(sorted(pairs))


@dataclass(frozen=True)
class Recorded:
    """One recorded answer, ready to serve: status, headers (in order, repeats kept) and body.

    `uri` is the request URL as recorded, on web.archive.org.
    """

    source: str
    uri: str
    key: RequestKey
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def header_map(self) -> dict[str, str]:
        """The headers as one dict, repeated names joined with commas, as a client reads them."""
        joined: dict[str, str] = {}
        for name, value in self.headers:
            joined[name] = f"{joined[name]}, {value}" if name in joined else value
        return joined


@dataclass(frozen=True)
class SeenRequest:
    """A request the server received, for assertions on what a client sent and when."""

    method: str
    target: str
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival
    status: int

    @property
    def key(self) -> RequestKey:
        return request_key(self.method, self.target)


def _gunzipped(body: Any) -> bytes:
    if body is None:
        return b""
    data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    return data


def _header_pairs(headers: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for name, values in headers.items():
        if name.lower() in DROPPED_HEADERS:
            continue
        for value in values if isinstance(values, list) else [values]:
            pairs.append((name, str(value)))
    return tuple(pairs)


@functools.cache
def load_cassette(path: Path) -> tuple[Recorded, ...]:
    """The web.archive.org answers in one vcrpy cassette, in recorded order."""
    with path.open("rb") as stream:
        data = yaml.load(stream, Loader=yaml.CSafeLoader)
    recorded: list[Recorded] = []
    for index, interaction in enumerate(data["interactions"]):
        request, response = interaction["request"], interaction["response"]
        if urlsplit(request["uri"]).hostname != ARCHIVE_HOST:
            continue
        recorded.append(
            Recorded(
                source=f"{path.stem}#{index}",
                uri=request["uri"],
                key=request_key(request["method"], request["uri"]),
                status=int(response["status"]["code"]),
                reason=str(response["status"].get("message") or ""),
                headers=_header_pairs(response["headers"]),
                body=_gunzipped(response["body"].get("string")),
            )
        )
    return tuple(recorded)


@functools.cache
def load_cdx_toolkit(path: Path) -> tuple[Recorded, ...]:
    """The web.archive.org answers in one cdx_toolkit JSON-lines recording."""
    recorded: list[Recorded] = []
    for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        entry = json.loads(line)
        if urlsplit(entry["url"]).hostname != ARCHIVE_HOST:
            continue
        params = entry.get("request_params") or {}
        # requests leaves out parameters whose value is None and sends the rest as strings.
        pairs = [(name, str(value)) for name, value in params.items() if value is not None]
        method, path_only, query = request_key(entry["method"], entry["url"])
        recorded.append(
            Recorded(
                source=f"{path.stem}#{index}",
                uri=entry["url"],
                key=(method, path_only, tuple(sorted([*query, *pairs]))),
                status=int(entry["response_status_code"]),
                reason="",
                headers=_header_pairs(entry.get("response_headers") or {}),
                body=_gunzipped(entry.get("response_text")),
            )
        )
    return tuple(recorded)


def cassette(name: str) -> tuple[Recorded, ...]:
    """One EDGI cassette by its name without `.yaml`, from the tests' or the docs' folder."""
    for folder in (CASSETTES, DOCS_CASSETTES):
        path = folder / f"{name}.yaml"
        if path.exists():
            return load_cassette(path)
    raise FileNotFoundError(f"no cassette named {name!r} in {CASSETTES} or {DOCS_CASSETTES}")


def all_recordings() -> tuple[Recorded, ...]:
    """Every web.archive.org answer in every cassette and cdx_toolkit recording, in file order."""
    recorded: list[Recorded] = []
    for folder in (CASSETTES, DOCS_CASSETTES):
        for path in sorted(folder.glob("*.yaml")):
            recorded.extend(load_cassette(path))
    for path in sorted(CDX_TOOLKIT.glob("*.jsonl")):
        recorded.extend(load_cdx_toolkit(path))
    return tuple(recorded)


class RecordingServer:
    """A threaded HTTP server on 127.0.0.1 that answers with recorded archive responses.

    `recordings` defaults to all of them; pass `cassette(name)` to replay just one. Canned
    answers added with `serve`, `serve_file` and `rate_limit` win over recordings until `reset`.
    """

    def __init__(self, recordings: Iterable[Recorded] | None = None) -> None:
        self._recorded: dict[RequestKey, list[Recorded]] = {}
        for item in all_recordings() if recordings is None else recordings:
            self._recorded.setdefault(item.key, []).append(item)
        self._canned: dict[RequestKey | None, list[Recorded]] = {}
        self._served: dict[RequestKey | None, int] = {}
        self._lock = threading.Lock()
        self.requests: list[SeenRequest] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- life cycle --------------------------------------------------------------------------

    def start(self) -> RecordingServer:
        handler = type("_BoundHandler", (_Handler,), {"replay": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="recording-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> RecordingServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the recording server is not running; use it in a with block")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def archive(self) -> Archive:
        """This server as an Internet Archive-dialect archive."""
        return Archive.from_url(self.base_url, "ia")

    def url(self, target: str) -> str:
        """A path (or a web.archive.org URL) on this server."""
        parts = urlsplit(target)
        rest = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.base_url + rest

    # --- canned answers ----------------------------------------------------------------------

    def serve(
        self,
        target: str | None,
        status: int = 200,
        headers: Iterable[tuple[str, str]] = (),
        body: bytes = b"",
        *,
        method: str = "GET",
    ) -> None:
        """Answer `target` (any request when None) with this response; call again to queue more."""
        key = None if target is None else request_key(method, target)
        answer = Recorded(
            "canned", target or "*", key or ("*", "*", ()), status, "", tuple(headers), body
        )
        with self._lock:
            self._canned.setdefault(key, []).append(answer)

    def serve_file(
        self, target: str, path: Path, content_type: str = "text/plain;charset=UTF-8"
    ) -> None:
        """Answer `target` with a raw file, e.g. a CDX listing from test_files/."""
        self.serve(target, 200, [("Content-Type", content_type)], path.read_bytes())

    def rate_limit(self, target: str | None = None) -> None:
        """Answer `target` (every request when None) as the Wayback Machine does when it has had
        enough: 429, no Retry-After, no Memento-Datetime."""
        self.serve(
            target,
            429,
            [("Content-Type", "text/html; charset=utf-8")],
            b"<html><body><h1>429 Too Many Requests</h1></body></html>",
        )

    def reset(self) -> None:
        """Forget canned answers, replay positions and the request log."""
        with self._lock:
            self._canned.clear()
            self._served.clear()
            self.requests.clear()

    def requests_to(self, target: str) -> list[SeenRequest]:
        """The requests received that match `target`."""
        wanted = request_key("GET", target)
        return [seen for seen in self.requests if seen.key == wanted]

    # --- answering ---------------------------------------------------------------------------

    def answer(self, method: str, target: str) -> Recorded | None:
        key = request_key(method, target)
        with self._lock:
            for slot in (key, None):
                if slot in self._canned:
                    return self._next(slot, self._canned[slot])
            if key in self._recorded:
                return self._next(key, self._recorded[key])
        return None

    def _next(self, slot: RequestKey | None, answers: list[Recorded]) -> Recorded:
        position = self._served.get(slot, 0)
        self._served[slot] = position + 1
        return answers[min(position, len(answers) - 1)]

    def rewrite(self, value: str) -> str:
        """Point web.archive.org references in a header value at this server."""
        host = self.base_url.split("://", 1)[1]

        def replace(match: re.Match[str]) -> str:
            return self.base_url if match.group("scheme") else f"//{host}"

        return _ARCHIVE_REFERENCE.sub(replace, value)

    def log(self, seen: SeenRequest) -> None:
        with self._lock:
            self.requests.append(seen)


class _Handler(BaseHTTPRequestHandler):
    replay: RecordingServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self._respond(send_body=True)

    def _respond(self, send_body: bool) -> None:
        arrived = time.monotonic()
        found = self.replay.answer(self.command, self.path)
        if found is None:
            status, reason = MISS_STATUS, "No Recording"
            headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/plain; charset=utf-8"),)
            body = f"no recording for {self.command} {self.path}\n".encode()
        else:
            status, reason, headers, body = found.status, found.reason, found.headers, found.body
        self.replay.log(
            SeenRequest(self.command, self.path, dict(self.headers.items()), arrived, status)
        )
        self.send_response_only(status, reason or None)
        for name, value in headers:
            if name.lower() in REWRITTEN_HEADERS:
                value = self.replay.rewrite(value)
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the request log on the server is what tests read


@pytest.fixture(scope="session")
def recording_server_session() -> Iterator[RecordingServer]:
    """One server with every recording for the whole test session."""
    with RecordingServer() as server:
        yield server


@pytest.fixture
def recording_server(recording_server_session: RecordingServer) -> RecordingServer:
    """The session's server, with canned answers, replay positions and the log reset."""
    recording_server_session.reset()
    return recording_server_session
