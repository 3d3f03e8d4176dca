"""Running the real `scrapy crawl policies` in a child process against archives on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import HTTPRedirectHandler, ProxyHandler, Request, build_opener

import pytest
from sqlite_utils import Database

from store.schema import open_db

REPO = Path(__file__).resolve().parents[1]

# Loopback archives answer at once; these keep test crawls quick without changing any logic.
FAST = (
    "-s",
    "CDX_CALLS_PER_SECOND=50",
    "-s",
    "MEMENTOS_PER_SECOND=50",
    "-s",
    "RETRY_BACKOFF_BASE=0.05",
)


@dataclass
class Crawl:
    """A finished crawl: its exit status, output, and where it stored things."""

    returncode: int
    stdout: str
    stderr: str
    db_path: Path
    warc_dir: Path

    @property
    def db(self) -> Database:
        return open_db(self.db_path)

    def last_run(self) -> dict[str, object]:
        return dict(next(self.db.query("select * from crawl_runs order by id desc limit 1")))


def crawl(
    work: Path, *spider_args: str, settings: tuple[str, ...] = FAST, timeout: float = 300
) -> Crawl:
    """Run `python -m scrapy crawl policies` with `-a` arguments; the database lives in `work`."""
    db_path = work / "policies.db"
    warc_dir = work / "warcs"
    command = [sys.executable, "-m", "scrapy", "crawl", "policies"]
    for argument in spider_args:
        command += ["-a", argument]
    command += [
        "-s",
        f"POLICYARCHIVE_DB={db_path}",
        "-s",
        f"WARC_DIR={warc_dir}",
        "-s",
        "PROGRESS_INTERVAL=1",
        *settings,
    ]
    env = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": "crawler.settings",
        "WAYBACK_CONTACT": "tests@example.org",
    }
    done = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return Crawl(done.returncode, done.stdout, done.stderr, db_path, warc_dir)


def assert_one_line_error(result: Crawl, *fragments: str, alone: bool = False) -> str:
    """The crawl failed with a one-line `Error:` naming the problem, and no traceback.

    With `alone`, that line is all it printed: bad input is refused before anything starts.
    """
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr[-2000:]
    if alone:
        assert result.stderr.strip() == errors[0] and not result.stdout.strip()
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    return errors[0]


@dataclass
class RateLimitingProxy:
    """A loopback HTTP proxy in front of an archive that answers 429 to chosen memento requests.

    The Internet Archive sends 429 without Retry-After; so does this. It records the arrival time
    of every request so tests can check that nothing was sent during a pause.
    """

    upstream: str
    rate_limit_first: int = 1
    # The status of the refusals: 429 by default, or a server error such as 503.
    status: int = 429
    # Count refusals per memento instead of overall, so that every memento is refused at first.
    per_path: bool = False
    # Like the Wayback Machine, once it has limited a memento it can refuse CDX calls as well.
    sticky: bool = False
    arrivals: list[tuple[float, str, int]] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)
    limited: int = 0
    limited_paths: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        proxy = self
        opener = build_opener(ProxyHandler({}), _NoRedirect())

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                chosen = "id_/" in self.path or (proxy.sticky and proxy.limited > 0)
                count = proxy.limited_paths.get(self.path, 0) if proxy.per_path else proxy.limited
                if chosen and count < proxy.rate_limit_first:
                    proxy.limited += 1
                    proxy.limited_paths[self.path] = proxy.limited_paths.get(self.path, 0) + 1
                    proxy.arrivals.append((time.monotonic(), self.path, proxy.status))
                    proxy.agents.add(self.headers.get("User-Agent", ""))
                    body = b"Too Many Requests" if proxy.status == 429 else b"Service Unavailable"
                    self.send_response(proxy.status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                try:
                    reply = opener.open(Request(proxy.upstream + self.path), timeout=30)
                    status, headers, body = reply.status, reply.headers.items(), reply.read()
                except HTTPError as error:
                    status, headers, body = error.code, error.headers.items(), error.read()
                proxy.arrivals.append((time.monotonic(), self.path, status))
                proxy.agents.add(self.headers.get("User-Agent", ""))
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                        # A reverse proxy rewrites the archive's own links to its address.
                        self.send_header(name, value.replace(proxy.upstream, proxy.url))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture
def rate_limiting_proxy() -> Iterator[type[RateLimitingProxy]]:
    made: list[RateLimitingProxy] = []

    class Tracked(RateLimitingProxy):
        def __post_init__(self) -> None:
            super().__post_init__()
            made.append(self)

    yield Tracked
    for proxy in made:
        proxy.close()
