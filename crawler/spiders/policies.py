"""The `policies` spider: list each policy's captures, choose some, fetch them in `id_` mode.

scrapy crawl policies -a sites=sites.csv [-a strategy=all|interval] [-a interval=year]
scrapy crawl policies -a url=https://example.com/privacy
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from datetime import timedelta
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    CloseSpider,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response
from scrapy.settings import BaseSettings
from twisted.internet.error import (
    ConnectError,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
)
from twisted.python.failure import Failure

from crawler.exceptions import ArchiveUnreachableError, BadInputError, UnexpectedResponseFormat
from crawler.items import CapturesItem, FetchItem, Hop, PolicyItem
from crawler.sites import PolicyTarget, read_sites, single_policy
from crawler.strategies import DEFAULT_INTERVAL, check_strategy, select_captures
from crawler.wayback import (
    Archive,
    Arrived,
    CaptureKey,
    CdxQuery,
    CdxRecord,
    Failed,
    FetchOutcome,
    MementoTrail,
    capture_key,
    is_site_root,
    parse_cdx,
    read_memento,
    url_identity,
)
from store.queries import PolicyState, policy_state
from store.schema import open_db

logger = logging.getLogger(__name__)

CDX_SLOT = "cdx"
MEMENTO_SLOT = "memento"

# Errors that mean nobody answered at all, as opposed to an answer we did not like.
UNREACHABLE = (
    DownloadConnectionRefusedError,
    CannotResolveHostError,
    DownloadTimeoutError,
    ConnectionRefusedError,
    ConnectError,
    DNSLookupError,
    TCPTimedOutError,
)


def spider_targets(args: dict[str, str]) -> list[PolicyTarget]:
    """The policies named by the spider arguments; raises BadInputError on bad input."""
    sites, url = args.get("sites"), args.get("url")
    if sites and url:
        raise BadInputError("give either -a sites=FILE or -a url=URL, not both")
    if sites:
        return read_sites(sites)
    if url:
        return [single_policy(url, args.get("domain"))]
    raise BadInputError(
        "nothing to crawl; pass -a sites=FILE (CSV of domain,policy_url) or -a url=URL"
    )


def check_spider_args(args: dict[str, str]) -> None:
    """Validate every spider argument up front so bad input never reaches the engine."""
    spider_targets(args)
    check_strategy(args.get("strategy", "all"), args.get("interval", DEFAULT_INTERVAL))
    for name in ("from", "to"):
        value = args.get(name)
        if value is not None and (not value.isdigit() or not 4 <= len(value) <= 14):
            raise BadInputError(
                f"-a {name}={value!r} is not a timestamp; use 4 to 14 digits, e.g. 2018 or 20180525"
            )
    if "archive" in args:
        Archive.from_url(args["archive"])


class PoliciesSpider(scrapy.Spider):
    name = "policies"

    def __init__(self, **kwargs: Any) -> None:
        args = {k: str(v) for k, v in kwargs.items()}
        check_spider_args(args)
        super().__init__(name=self.name)
        self.targets = spider_targets(args)
        self.strategy = args.get("strategy", "all")
        self.interval = args.get("interval", DEFAULT_INTERVAL)
        self.from_ = args.get("from")
        self.to = args.get("to")
        self.archive_arg = args.get("archive")
        self.args = args
        self.listed_ok = 0
        self.unreachable: str | None = None
        # What the database knew at start, plus the CDX rows listed in this run.
        self.listings: dict[str, list[CdxRecord]] = {}
        self.done: dict[str, set[str]] = {}
        self.seen: dict[str, set[CaptureKey]] = {}
        self.scheduled: dict[str, set[str]] = {}
        # A policy that moved is listed at each of its URLs; choose captures when all are done.
        self.open_listings: dict[str, int] = {}
        self.listed_urls: dict[str, set[str]] = {}
        self.listed_policies: set[str] = set()
        # Captures scheduled but not yet fetched; the store records them if the crawl stops early.
        self.pending: dict[tuple[str, str, str], FetchItem] = {}
        # Captures asked of the archive in this run whose fetch has not ended ok: cut off by a
        # pause, failed, or still in flight. A JOBDIR keeps them in `state` ("unfinished"), for
        # its dupefilter remembers their requests and would drop them when the crawl resumes.
        self.unfinished: set[tuple[str, str, str]] = set()
        self.resumed_unfinished: set[tuple[str, str, str]] = set()

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # The slots enforce the archive's limits; derive them from the (possibly overridden) rates.
        cdx_rate = settings.getfloat("CDX_CALLS_PER_SECOND")
        memento_rate = settings.getfloat("MEMENTOS_PER_SECOND")
        settings.set(
            "DOWNLOAD_SLOTS",
            {
                CDX_SLOT: {"concurrency": 1, "delay": 1.0 / cdx_rate, "jitter": 0},
                MEMENTO_SLOT: {
                    "concurrency": max(1, int(memento_rate)),
                    "delay": 1.0 / memento_rate,
                    "jitter": 0,
                },
            },
            priority="spider",
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> PoliciesSpider:
        spider: PoliciesSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.archive = Archive.from_url(
            spider.archive_arg or settings.get("WAYBACK_URL"), settings.get("ARCHIVE_DIALECT")
        )
        spider.window = timedelta(seconds=settings.getfloat("MEMENTO_WINDOW"))
        spider.max_hops = settings.getint("MEMENTO_MAX_HOPS")
        spider.db_path = settings.get("POLICYARCHIVE_DB")
        crawler.signals.connect(
            spider._reached_downloader, signal=signals.request_reached_downloader
        )
        return spider

    def _keep_unfinished(self) -> None:
        """With a JOBDIR, read what the paused run left unfinished and keep this run's in
        `state`, which Scrapy's SpiderState fills when the spider opens and saves at close."""
        state: dict[str, Any] | None = getattr(self, "state", None)
        if state is not None:
            self.resumed_unfinished = set(state.get("unfinished", ()))
            state["unfinished"] = self.unfinished

    def _reached_downloader(self, request: scrapy.Request) -> None:
        record: CdxRecord | None = request.meta.get("capture")
        if record is not None:
            self.unfinished.add((request.meta["policy_url"], record.timestamp, record.original))

    archive: Archive
    window: timedelta
    max_hops: int
    db_path: str

    # --- listing ---------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        self._keep_unfinished()
        db = open_db(self.db_path)
        stats = self.crawler.stats
        assert stats is not None
        stats.set_value("policyarchive/policies", len(self.targets))
        logger.info(
            "crawling %d policies from %s with strategy %s",
            len(self.targets),
            self.archive.base_url,
            self.strategy,
        )
        for target in self.targets:
            yield PolicyItem(target.domain, target.policy_url)
            state = policy_state(db, target.policy_url, self.archive.base_url)
            self._remember(target.policy_url, state)
            for url in _listing_urls(target.policy_url, state.captures):
                yield self._listing_request(target.policy_url, url, self._from_for(url, state))
        db.close()

    def _remember(self, policy_url: str, state: PolicyState) -> None:
        """Start from what the database holds. After a JOBDIR resume the database has every
        page listed before the pause, and the dupefilter drops requests already made."""
        self.listings[policy_url] = list(state.captures)
        self.seen[policy_url] = {capture_key(r) for r in state.captures}
        self.done[policy_url] = set(state.fetched)
        self.scheduled[policy_url] = set()
        self.open_listings[policy_url] = 0
        self.listed_urls[policy_url] = set()

    def _from_for(self, url: str, state: PolicyState) -> str | None:
        # An incremental crawl lists only what is newer than the last capture stored for the URL.
        identity = url_identity(url)
        stored = [r.timestamp for r in state.captures if url_identity(r.original) == identity]
        candidates = [t for t in (self.from_, max(stored, default=None)) if t]
        return max(candidates, key=lambda t: t.ljust(14, "0")) if candidates else None

    def _listing_request(self, policy_url: str, url: str, from_: str | None) -> scrapy.Request:
        """Start listing one URL of a policy: the policy URL itself or where it moved to."""
        self.open_listings[policy_url] += 1
        self.listed_urls[policy_url].add(url_identity(url))
        return self._cdx_request(policy_url, url, from_, None)

    def _cdx_request(
        self, policy_url: str, url: str, from_: str | None, resume_key: str | None
    ) -> scrapy.Request:
        query = CdxQuery(url, from_=from_, to=self.to)
        return scrapy.Request(
            self.archive.cdx_url(query, resume_key),
            callback=self.parse_cdx,
            errback=self.cdx_failed,
            meta={
                "download_slot": CDX_SLOT,
                "handle_httpstatus_all": True,
                "policy_url": policy_url,
                "list_url": url,
                "from": from_,
            },
        )

    def parse_cdx(self, response: Response) -> Iterable[Any]:
        policy_url: str = response.meta["policy_url"]
        list_url: str = response.meta["list_url"]
        stats = self.crawler.stats
        assert stats is not None
        if response.status != 200:
            stats.inc_value("policyarchive/listings_failed")
            reason = (response.headers.get("X-Archive-Wayback-Runtime-Error") or b"").decode(
                "latin-1"
            )
            logger.error("listing %s failed: HTTP %d %s", list_url, response.status, reason)
            yield from self._listing_done(policy_url)
            return
        self.listed_ok += 1
        try:
            page = parse_cdx(response.text, response.url, self.seen[policy_url])
        except UnexpectedResponseFormat as error:
            stats.inc_value("policyarchive/listings_failed")
            logger.error("listing %s failed: %s", list_url, error)
            yield from self._listing_done(policy_url)
            return
        for skipped in page.skipped:
            logger.info(
                "skipped CDX row for %s (%s): %s", list_url, skipped.reason, skipped.line[:200]
            )
        stats.inc_value("policyarchive/captures_listed", len(page.records))
        if page.records:
            yield CapturesItem(policy_url, self.archive.base_url, page.records)
        self.listings[policy_url].extend(page.records)
        if page.resume_key:
            yield self._cdx_request(policy_url, list_url, response.meta["from"], page.resume_key)
            return
        yield from self._listing_done(policy_url)

    def _listing_done(self, policy_url: str) -> Iterable[scrapy.Request]:
        """When a policy has no listing open, choose the captures to fetch among all it knows."""
        self.open_listings[policy_url] -= 1
        if self.open_listings[policy_url] > 0:
            return
        stats = self.crawler.stats
        assert stats is not None
        if policy_url not in self.listed_policies:
            self.listed_policies.add(policy_url)
            stats.inc_value("policyarchive/policies_listed")
        listing = self.listings[policy_url]
        chosen = select_captures(
            listing,
            self.strategy,
            interval=self.interval,
            done=self.done[policy_url] | self.scheduled[policy_url],
        )
        stats.inc_value("policyarchive/mementos_scheduled", len(chosen))
        logger.info("%s: %d captures known, fetching %d", policy_url, len(listing), len(chosen))
        # A crawl of many policies must not hold every listing at once: what was chosen is in
        # `scheduled`, and a later listing of the same policy (after a move) starts afresh.
        self.listings[policy_url] = []
        self.seen[policy_url] = set()
        for record in chosen:
            self.scheduled[policy_url].add(record.timestamp)
            yield self._memento_request(policy_url, record)

    def cdx_failed(self, failure: Failure) -> Iterable[scrapy.Request]:
        request = failure.request  # type: ignore[attr-defined]
        policy_url = request.meta["policy_url"]
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("policyarchive/listings_failed")
        logger.error("listing %s failed: %s", policy_url, failure.getErrorMessage())
        if failure.check(*UNREACHABLE) and self.listed_ok == 0 and self.unreachable is None:
            error = ArchiveUnreachableError(self.archive.base_url, failure.getErrorMessage())
            self.unreachable = str(error)
            raise CloseSpider("archive_unreachable")
        yield from self._listing_done(policy_url)

    # --- fetching --------------------------------------------------------------------------------

    def _memento_request(self, policy_url: str, record: CdxRecord) -> scrapy.Request:
        trail = MementoTrail(
            self.archive, record.timestamp, record.original, self.window, self.max_hops
        )
        self.pending[(policy_url, record.timestamp, record.original)] = self._fetch_item(
            policy_url, record, trail.start_url, FetchOutcome.INTERRUPTED, []
        )
        meta = {
            "download_slot": MEMENTO_SLOT,
            "dont_redirect": True,
            "handle_httpstatus_all": True,
            "policy_url": policy_url,
            "capture": record,
            "visited": [],
            "hops": [],
        }
        return scrapy.Request(
            trail.start_url,
            callback=self.parse_memento,
            errback=self.memento_failed,
            meta=meta,
            # Asked again after a pause, though the dupefilter saw it: every failure is retried.
            dont_filter=(policy_url, record.timestamp, record.original) in self.resumed_unfinished,
        )

    def _trail(self, record: CdxRecord, visited: list[str]) -> MementoTrail:
        return MementoTrail(
            self.archive,
            record.timestamp,
            record.original,
            self.window,
            self.max_hops,
            list(visited),
        )

    def parse_memento(self, response: Response) -> Iterable[Any]:
        record: CdxRecord = response.meta["capture"]
        headers = {
            key.decode("latin-1"): b", ".join(values).decode("latin-1")
            for key, values in response.headers.items()
        }
        reading = read_memento(self.archive, response.url, response.status, headers, response.body)
        hops: list[Hop] = [
            *response.meta["hops"],
            Hop(
                memento_url=response.url,
                original=_hop_original(self.archive, response.url, record.original),
                status=response.status,
                headers=[
                    (k.decode("latin-1"), v.decode("latin-1"))
                    for k, values in response.headers.items()
                    for v in values
                ],
                body=response.body,
                memento_datetime=reading.memento_datetime,
            ),
        ]
        trail = self._trail(record, response.meta["visited"])
        step = trail.step(reading)
        if isinstance(step, Arrived):
            yield self._finished(
                response.meta["policy_url"],
                record,
                FetchOutcome.OK,
                hops,
                final_url=step.final_original,
            )
            if response.meta.get("moved"):
                yield from self._follow_move(
                    response.meta["policy_url"], record, step.final_original
                )
        elif isinstance(step, Failed):
            yield self._finished(
                response.meta["policy_url"], record, step.outcome, hops, error=str(step.error)
            )
        else:
            # Two captures may redirect to the same memento, so hops bypass the dupefilter.
            meta = {
                key: response.meta[key]
                for key in (
                    "download_slot",
                    "dont_redirect",
                    "handle_httpstatus_all",
                    "policy_url",
                    "capture",
                )
            }
            meta.update(
                visited=trail.visited,
                hops=hops,
                moved=response.meta.get("moved") or step.historical,
            )
            yield response.request.replace(url=step.url, meta=meta, dont_filter=True)  # type: ignore[union-attr]

    def _follow_move(
        self, policy_url: str, record: CdxRecord, final: str
    ) -> Iterable[scrapy.Request]:
        """An archived redirect led to a new URL: the policy moved, so list its new home too.

        A redirect to a site's home page means the policy is gone, not moved; it is not followed.
        """
        identity = url_identity(final)
        if identity in self.listed_urls[policy_url] or is_site_root(final):
            return
        logger.info(
            "%s moved to %s at %s; listing the new URL", policy_url, final, record.timestamp
        )
        self.crawler.stats.inc_value("policyarchive/moves_followed")
        yield self._listing_request(policy_url, final, record.timestamp)

    def _fetch_item(
        self,
        policy_url: str,
        record: CdxRecord,
        memento_url: str,
        outcome: FetchOutcome,
        hops: list[Hop],
        *,
        final_url: str | None = None,
        error: str | None = None,
    ) -> FetchItem:
        final = hops[-1] if hops else None
        return FetchItem(
            policy_url=policy_url,
            capture_timestamp=record.timestamp,
            capture_original=record.original,
            capture_digest=record.digest,
            archive=self.archive.base_url,
            memento_url=memento_url,
            outcome=outcome.value,
            http_status=final.status if final else None,
            final_url=final_url,
            memento_datetime=final.memento_datetime if final else None,
            error=error,
            hops=hops,
        )

    def _finished(
        self,
        policy_url: str,
        record: CdxRecord,
        outcome: FetchOutcome,
        hops: list[Hop],
        *,
        final_url: str | None = None,
        error: str | None = None,
        memento_url: str | None = None,
    ) -> FetchItem:
        """The item for a capture whose fetch ended, which is then no longer pending."""
        self.pending.pop((policy_url, record.timestamp, record.original), None)
        if outcome is FetchOutcome.OK:
            self.unfinished.discard((policy_url, record.timestamp, record.original))
        first = memento_url or hops[0].memento_url
        return self._fetch_item(
            policy_url, record, first, outcome, hops, final_url=final_url, error=error
        )

    def memento_failed(self, failure: Failure) -> Iterable[FetchItem]:
        request = failure.request  # type: ignore[attr-defined]
        hops: list[Hop] = request.meta["hops"]
        logger.warning("fetching %s failed: %s", request.url, failure.getErrorMessage())
        # A request the crawl itself called off (repeated 429s) was never answered by the archive.
        stopped = failure.check(IgnoreRequest) is not None
        item = self._finished(
            request.meta["policy_url"],
            request.meta["capture"],
            FetchOutcome.INTERRUPTED if stopped else FetchOutcome.NETWORK_ERROR,
            hops,
            error=f"{_error_name(failure)}: {failure.getErrorMessage()}",
            memento_url=hops[0].memento_url if hops else request.url,
        )
        # The hops before the failure are kept for the WARC, but the last request got no answer.
        item.http_status = item.memento_datetime = None
        yield item


def _error_name(failure: Failure) -> str:
    return failure.type.__name__ if failure.type else "error"


def _listing_urls(policy_url: str, captures: Iterable[CdxRecord]) -> list[str]:
    """The policy URL and every URL it is known to have moved to, one spelling each."""
    urls = {url_identity(policy_url): policy_url}
    for record in sorted(captures, key=lambda r: r.timestamp):
        urls.setdefault(url_identity(record.original), record.original)
    return list(urls.values())


def _hop_original(archive: Archive, memento_url: str, fallback: str) -> str:
    parsed = archive.parse_memento_url(memento_url)
    return parsed.original if parsed else fallback
