"""Downloader middlewares that keep the crawl polite: identification, 429 pauses, backoff."""

from __future__ import annotations

import asyncio
import logging
from time import monotonic
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.misc import load_object
from scrapy.utils.response import response_status_message

logger = logging.getLogger(__name__)


class ContactUserAgentMiddleware:
    """Adds the WAYBACK_CONTACT setting to the User-Agent so the archive can reach us."""

    def __init__(self, user_agent: str, contact: str) -> None:
        self.user_agent = f"{user_agent[:-1]}; {contact})" if contact else user_agent

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgentMiddleware:
        contact = crawler.settings.get("WAYBACK_CONTACT", "")
        if not contact:
            logger.warning(
                "WAYBACK_CONTACT is not set; the Internet Archive asks crawlers to say who runs "
                "them (set WAYBACK_CONTACT=you@example.org)"
            )
        return cls(crawler.settings.get("USER_AGENT"), contact)

    def process_request(self, request: Request) -> None:
        request.headers[b"User-Agent"] = self.user_agent


class RateLimitPaused(IgnoreRequest):
    """Raised into requests waiting in the download slots when a 429 starts a pause."""


class CrawlStopped(IgnoreRequest):
    """Raised into every request still waiting when repeated 429s stop the crawl."""


class RateLimitPauseMiddleware:
    """On a 429, stop every request for RATE_LIMIT_PAUSE seconds, then let one probe through.

    Requests already waiting in the download slots go back to the scheduler, so nothing leaves
    during a pause. After it, a single request tests the archive and the rest wait for its answer:
    a success releases them, another 429 starts another pause, and a 429 after
    RATE_LIMIT_MAX_PAUSES pauses closes the crawl, since an IP that keeps asking is blocked for an
    hour. Captures left unfetched are recorded as failed and retried by the next run.
    """

    def __init__(self, crawler: Crawler, pause: float, max_pauses: int) -> None:
        self.crawler = crawler
        self.pause = pause
        self.max_pauses = max_pauses
        self.paused_until = 0.0
        self.pauses = 0
        self.stopping = False
        self.probe: Request | None = None
        self.cleared = asyncio.Event()
        self.cleared.set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RateLimitPauseMiddleware:
        return cls(
            crawler,
            crawler.settings.getfloat("RATE_LIMIT_PAUSE"),
            crawler.settings.getint("RATE_LIMIT_MAX_PAUSES"),
        )

    async def process_request(self, request: Request) -> None:
        while True:
            if self.stopping:
                raise CrawlStopped("the crawl stopped after repeated 429 responses")
            wait = self.paused_until - monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            elif self.cleared.is_set():
                return
            elif self.probe is None:
                self.probe = request
                return
            else:
                await self.cleared.wait()

    def process_response(self, request: Request, response: Response) -> Request | Response:
        probing = request is self.probe
        if probing:
            self.probe = None
        # An archived 429 carries Memento-Datetime: it is a capture, not the archive's answer.
        if response.status != 429 or b"Memento-Datetime" in response.headers:
            if probing:
                self.pauses = 0
                self.cleared.set()
            return response
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("policyarchive/rate_limited")
        if self.pauses >= self.max_pauses:
            self._stop()
            return response
        if monotonic() >= self.paused_until:
            self._start_pause(request, _retry_after(response))
        return request.replace(dont_filter=True)

    def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if request is self.probe:
            self.probe = None
        if isinstance(exception, RateLimitPaused):
            return request.replace(dont_filter=True)
        return None

    def _start_pause(self, request: Request, retry_after: float | None) -> None:
        self.pauses += 1
        pause = max(self.pause, retry_after or 0.0)
        self.paused_until = monotonic() + pause
        self.cleared.clear()
        logger.warning(
            "429 from the archive at %s; pausing all requests for %.0f s", request.url, pause
        )
        self._drain_slots(RateLimitPaused)

    def _stop(self) -> None:
        if self.stopping:
            return
        self.stopping = True
        logger.error(
            "the archive still answers 429 after %d pauses of %.0f s; stopping the crawl",
            self.pauses,
            self.pause,
        )
        engine = self.crawler.engine
        assert engine is not None and self.crawler.spider is not None
        engine.close_spider(self.crawler.spider, "rate_limited")
        self._drain_slots(CrawlStopped)
        self.cleared.set()

    def _drain_slots(self, error: type[IgnoreRequest]) -> None:
        """Take back the requests queued in the download slots before they reach the network."""
        engine = self.crawler.engine
        if engine is None:
            return
        for slot in engine.downloader.slots.values():
            while slot.queue:
                _, waiting = slot.queue.popleft()
                waiting.errback(error("held back by a 429 from the archive"))


def _retry_after(response: Response) -> float | None:
    value = response.headers.get(b"Retry-After")
    if not value:
        return None
    try:
        return float(value.decode("latin-1"))
    except ValueError:
        return None


class BackoffRetryMiddleware:
    """Retry server errors and timeouts, waiting RETRY_BACKOFF_BASE * 2**n seconds between tries."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.exceptions = tuple(
            load_object(e) if isinstance(e, str) else e
            for e in settings.getlist("RETRY_EXCEPTIONS")
        )
        self.max_retry_times = settings.getint("RETRY_TIMES")
        self.codes = {int(c) for c in settings.getlist("RETRY_HTTP_CODES")}
        self.base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in self.codes or request.meta.get("dont_retry"):
            return response
        retry = await self._retry(request, response_status_message(response.status))
        return retry or response

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if not isinstance(exception, self.exceptions) or request.meta.get("dont_retry"):
            return None
        return await self._retry(request, exception)

    async def _retry(self, request: Request, reason: Any) -> Request | None:
        assert self.crawler.spider is not None
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=reason,
            max_retry_times=self.max_retry_times,
        )
        if retry is None:
            return None
        attempt = retry.meta.get("retry_times", 1)
        await asyncio.sleep(min(self.cap, self.base * 2 ** (attempt - 1)))
        return retry
