"""A progress line every few seconds while a crawl runs, with a rate and an estimate."""

from __future__ import annotations

import logging
from time import monotonic

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger(__name__)


def progress_line(stats: dict[str, int], elapsed: float) -> str:
    """One line: policies listed, mementos fetched of those scheduled, failures, rate, ETA."""
    policies = stats.get("policyarchive/policies", 0)
    listed = stats.get("policyarchive/policies_listed", 0)
    scheduled = stats.get("policyarchive/mementos_scheduled", 0)
    fetched = stats.get("policyarchive/mementos_fetched", 0)
    failed = stats.get("policyarchive/mementos_failed", 0)
    done = fetched + failed
    rate = done / elapsed if elapsed > 0 else 0.0
    width = 20
    filled = int(width * done / scheduled) if scheduled else 0
    bar = "█" * filled + "░" * (width - filled)
    eta = ""
    if rate > 0 and scheduled > done and listed == policies:
        seconds = int((scheduled - done) / rate)
        eta = f" eta {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return (
        f"progress: listed {listed}/{policies} policies  {bar} {done}/{scheduled} mementos "
        f"({failed} failed) {rate:.1f}/s{eta}"
    )


class CrawlProgress:
    """Logs `progress_line` every PROGRESS_INTERVAL seconds and once at the end."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.started = monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self.started = monotonic()
        self.loop = task.LoopingCall(self.log)
        self.loop.start(self.interval, now=False)

    def log(self) -> None:
        stats = self.crawler.stats
        assert stats is not None
        logger.info(progress_line(stats.get_stats(), monotonic() - self.started))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.log()
