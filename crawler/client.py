"""A small blocking Wayback client on the standard library: CDX search and `id_` mementos.

For scripts, the CLI and tests; the crawl itself runs in Scrapy. The protocol (URLs, parsing,
redirect rules) lives in crawler.wayback; this module does the HTTP, the pacing and the errors.
"""

from __future__ import annotations

import gzip
import http.client
import logging
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import Message
from typing import NoReturn
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import (
    BaseHandler,
    HTTPRedirectHandler,
    OpenerDirector,
    ProxyHandler,
    Request,
    build_opener,
)

from crawler.exceptions import (
    ArchiveConfigError,
    ArchiveHTTPError,
    ArchiveUnreachableError,
    BadInputError,
    BlockedSiteError,
    RateLimitError,
    UnexpectedResponseFormat,
)
from crawler.politeness import CDX_CALLS_PER_SECOND, MEMENTOS_PER_SECOND
from crawler.wayback import (
    Archive,
    Arrived,
    CaptureKey,
    CdxQuery,
    CdxRecord,
    Failed,
    MementoTrail,
    header,
    parse_cdx,
    read_memento,
    retry_after,
)

logger = logging.getLogger(__name__)

CDX_INTERVAL = 1 / CDX_CALLS_PER_SECOND
MEMENTO_INTERVAL = 1 / MEMENTOS_PER_SECOND

DEFAULT_TIMEOUT = 60.0
DEFAULT_WINDOW = timedelta(hours=24)
DEFAULT_MAX_HOPS = 10

# Loopback archives (pywb, the test replay server) are never reached through a proxy.
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

# Characters left as they are when a URL goes on the wire: reserved ones and existing escapes.
_URL_SAFE = "%:/?#[]@!$&'()*+,;=~"


@dataclass(frozen=True)
class Memento:
    """One capture as the archive plays it back in `id_` mode.

    `url` is the memento URL that answered, `original` the archived page's URL after any
    archived redirects, `timestamp` the capture time from Memento-Datetime (14 digits), `status`
    the archived status (an archived 404 is a capture too). `content` is the archived body, with
    the archive's transfer compression removed. `history` holds the memento URLs that redirected
    on the way, in order, without `url`.
    """

    url: str
    original: str
    timestamp: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    history: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class _Pacer:
    """Spaces the starts of calls at least `interval` seconds apart, across threads."""

    interval: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self) -> None:
        with self._lock:
            now = self.clock()
            if self._next > now:
                self.sleep(self._next - now)
                now = self._next
            self._next = now + self.interval


class _NoRedirects(HTTPRedirectHandler):
    """Hand every 3xx back to the caller: archive redirects are judged, never followed blindly."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class WaybackClient:
    """Blocking CDX search and memento fetching against one Wayback-compatible archive.

    `user_agent` should say who runs the crawl and how to reach them. Calls are spaced by
    `cdx_interval` and `memento_interval` seconds (the archive's limits by default). After a 429
    the client refuses every call for the pause the archive asked for (a minute when it does not
    say), raising RateLimitError without sending anything. `window` bounds how far from the asked
    time an archive redirect may lead.
    """

    def __init__(
        self,
        archive: Archive,
        user_agent: str,
        timeout: float = DEFAULT_TIMEOUT,
        window: timedelta = DEFAULT_WINDOW,
        cdx_interval: float = CDX_INTERVAL,
        memento_interval: float = MEMENTO_INTERVAL,
        max_hops: int = DEFAULT_MAX_HOPS,
    ) -> None:
        if not user_agent.strip():
            raise ArchiveConfigError(
                "the user agent is empty; name the crawler and a contact, e.g. 'policyarchive "
                "(you@example.org)'"
            )
        if cdx_interval < 0 or memento_interval < 0 or timeout <= 0:
            raise ArchiveConfigError(
                "intervals must be 0 or more seconds and the timeout more than 0 seconds"
            )
        self.archive = archive
        self.user_agent = user_agent
        self.timeout = timeout
        self.window = window
        self.max_hops = max_hops
        self._cdx_pacer = _Pacer(cdx_interval)
        self._memento_pacer = _Pacer(memento_interval)
        self._paused_until = 0.0
        self._pause_lock = threading.Lock()
        self._opener = self._build_opener()

    def _build_opener(self) -> OpenerDirector:
        handlers: list[BaseHandler] = [_NoRedirects()]
        if urlsplit(self.archive.base_url).hostname in _LOOPBACK_HOSTS:
            handlers.append(ProxyHandler({}))
        return build_opener(*handlers)

    # --- CDX ---------------------------------------------------------------------------------

    def search(self, query: CdxQuery) -> Iterator[CdxRecord]:
        """Every capture the CDX server lists for `query`, following resume keys page by page.

        Lazy: each page is requested when the previous one is used up. Repeated captures are
        dropped across pages; unusable rows are logged as warnings and skipped. Raises
        BlockedSiteError, RateLimitError, UnexpectedResponseFormat, ArchiveHTTPError or
        ArchiveUnreachableError.
        """
        seen: set[CaptureKey] = set()
        resume_key: str | None = None
        while True:
            url = self.archive.cdx_url(query, resume_key)
            response = self._get(url, self._cdx_pacer)
            self._check_cdx_status(query, url, response)
            page = parse_cdx(response.body.decode("utf-8", errors="replace"), url, seen)
            for row in page.skipped:
                logger.warning("skipped a CDX row (%s) in %s: %s", row.reason, url, row.line[:300])
            if page.duplicates:
                logger.debug("dropped %d repeated CDX rows in %s", page.duplicates, url)
            yield from page.records
            if not (query.show_resume_key and page.resume_key):
                return
            if page.resume_key == resume_key:
                # The same key again would page forever.
                raise UnexpectedResponseFormat(page.resume_key, url)
            resume_key = page.resume_key

    def _check_cdx_status(self, query: CdxQuery, url: str, response: _Response) -> None:
        if response.status == 200:
            return
        runtime_error = header(response.headers, "X-Archive-Wayback-Runtime-Error") or ""
        if "AccessControlException" in runtime_error:
            raise BlockedSiteError(query.url, runtime_error)
        if response.status == 429:
            self._rate_limited(url, retry_after(response.headers))
        first_line = response.body[:200].decode("utf-8", errors="replace").strip().split("\n")[0]
        raise ArchiveHTTPError(url, response.status, runtime_error or first_line)

    # --- mementos ----------------------------------------------------------------------------

    def get_memento(self, original: str, timestamp: str) -> Memento:
        """The capture of `original` at `timestamp` (as the CDX lists it), in `id_` mode.

        Follows archived redirects, and archive redirects that stay inside the window. Raises
        BlockedSiteError, NoMementoError, MementoOutsideWindowError, RedirectLoopError,
        TooManyRedirectsError, RateLimitError, MementoPlaybackError or ArchiveUnreachableError.
        """
        if not timestamp.isdigit() or not 4 <= len(timestamp) <= 14:
            raise BadInputError(
                f"timestamp {timestamp!r} is not 4 to 14 digits, e.g. 20171124151315"
            )
        trail = MementoTrail(self.archive, timestamp, original, self.window, self.max_hops)
        url = trail.start_url
        history: list[str] = []
        while True:
            response = self._get(url, self._memento_pacer)
            reading = read_memento(
                self.archive, url, response.status, response.headers, response.body
            )
            step = trail.step(reading)
            if isinstance(step, Arrived):
                assert reading.memento_datetime is not None
                return Memento(
                    url=url,
                    original=step.final_original,
                    timestamp=reading.memento_datetime,
                    status=response.status,
                    headers=response.headers,
                    content=response.body,
                    history=tuple(history),
                )
            if isinstance(step, Failed):
                if isinstance(step.error, RateLimitError):
                    self._rate_limited(url, step.error.retry_after)
                raise step.error
            history.append(url)
            url = step.url

    # --- HTTP --------------------------------------------------------------------------------

    def _rate_limited(self, url: str, pause: float) -> NoReturn:
        """Pause every request for `pause` seconds and raise RateLimitError."""
        with self._pause_lock:
            self._paused_until = max(self._paused_until, time.monotonic() + pause)
        logger.error("the archive rate-limited us at %s; pausing every request %.0f s", url, pause)
        raise RateLimitError(url, pause)

    def _get(self, url: str, pacer: _Pacer) -> _Response:
        with self._pause_lock:
            remaining = self._paused_until - time.monotonic()
        if remaining > 0:
            raise RateLimitError(url, remaining)
        pacer.wait()
        request = Request(
            quote(url, safe=_URL_SAFE),
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip"},
        )
        try:
            try:
                with self._opener.open(request, timeout=self.timeout) as answer:
                    status, message, body = answer.status, answer.headers, answer.read()
            except HTTPError as error:  # every status but 2xx, since redirects are not followed
                status, message, body = error.code, error.headers, error.read()
        except (URLError, OSError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", None) or error
            raise ArchiveUnreachableError(self.archive.base_url, str(reason)) from error
        headers = _headers(message)
        if (header(headers, "Content-Encoding") or "").lower() == "gzip":
            body = self._gunzip(body)
            headers = {k: v for k, v in headers.items() if k.lower() != "content-encoding"}
        return _Response(status, headers, body)

    def _gunzip(self, body: bytes) -> bytes:
        try:
            return gzip.decompress(body)
        except (OSError, EOFError, zlib.error) as error:
            raise ArchiveUnreachableError(
                self.archive.base_url, f"broken gzip body: {error}"
            ) from None


def _headers(message: Message) -> dict[str, str]:
    """Response headers as a dict; repeated headers joined with commas, first spelling kept."""
    headers: dict[str, str] = {}
    spelling: dict[str, str] = {}
    for name, value in message.items():
        key = spelling.setdefault(name.lower(), name)
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers
