"""Item pipelines: raw captures into WARC files, then everything into the SQLite archive."""

from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from sqlite_utils import Database

from crawler.items import CapturesItem, FetchItem, Hop, PolicyItem
from crawler.warcfile import WarcFile, archived_headers, new_warc_path, sha1_base32
from crawler.wayback import Archive, FetchOutcome, header
from extract.classify import CLASSIFIER_VERSION, Verdict, classify
from extract.markdown import Extraction, extract_policy
from policyarchive import __version__
from store.save import (
    finish_run,
    save_captures,
    save_fetch,
    save_policy,
    save_text,
    save_verdict,
    start_run,
)
from store.schema import open_db
from store.versions import rebuild_versions

logger = logging.getLogger(__name__)


def extract_and_classify(
    body: bytes, final_url: str | None, requested_url: str
) -> tuple[Extraction, Verdict]:
    """A page's text and the verdict on it: the CPU work of a fetch, run in a worker process."""
    extraction = extract_policy(body, final_url)
    verdict = classify(
        extraction.markdown,
        title=extraction.title,
        language=extraction.language,
        requested_url=requested_url,
        final_url=final_url,
    )
    return extraction, verdict


class WarcPipeline:
    """Writes every archived response of a fetch to a WARC and checks it against the CDX digest.

    Only hops with a Memento-Datetime are captures; archive redirects and errors are not archived
    content, so they are stored in the database but not in the WARC.
    """

    def __init__(self, directory: Path, max_size: int, archive: Archive | None = None) -> None:
        self.directory = directory
        self.max_size = max_size
        self.archive = archive
        self.file: WarcFile | None = None
        self.serial = 0
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcPipeline:
        pipeline = cls(
            Path(crawler.settings.get("WARC_DIR")), crawler.settings.getint("WARC_MAX_SIZE")
        )
        pipeline.crawler = crawler
        return pipeline

    crawler: Crawler

    def open_spider(self) -> None:
        self.archive = getattr(self.crawler.spider, "archive", None)

    def _file(self) -> WarcFile:
        if self.file is not None and self.file.size >= self.max_size:
            self.file.close()
            self.file = None
        if self.file is None:
            self.serial += 1
            path = new_warc_path(self.directory, "policyarchive", self.run_id, self.serial)
            self.file = WarcFile(path, f"policyarchive/{__version__}")
        return self.file

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchItem):
            return item
        self.run_id = getattr(self.crawler.spider, "run_id", None)
        captured = [hop for hop in item.hops if hop.memento_datetime]
        position = None
        for hop in captured:
            position = self._file().write_response(
                target_uri=hop.original,
                timestamp=hop.memento_datetime or item.capture_timestamp,
                status=hop.status,
                headers=archived_headers(hop.headers, self._original_location(hop)),
                body=hop.body,
                source_uri=hop.memento_url,
            )
        if captured and position is not None:
            item.warc_filename = position.filename
            item.warc_offset = position.offset
            item.warc_length = position.length
            item.payload_digest = sha1_base32(captured[-1].body)
            # The CDX digest describes the capture listed, which is the first archived hop.
            if item.capture_digest and item.capture_digest != "-":
                item.digest_match = sha1_base32(captured[0].body) == item.capture_digest
                if not item.digest_match:
                    logger.warning(
                        "payload of %s does not match its CDX digest %s",
                        captured[0].memento_url,
                        item.capture_digest,
                    )
        return item

    def _original_location(self, hop: Hop) -> str | None:
        """An archived redirect's Location, as the original (live) URL it pointed to."""
        location = header(dict(hop.headers), "Location")
        if not location or self.archive is None:
            return location
        parsed = self.archive.parse_memento_url(location)
        return parsed.original if parsed else location

    def close_spider(self) -> None:
        if self.file is not None:
            self.file.close()
            if self.file.records == 0:
                self.file.path.unlink(missing_ok=True)
            self.file = None


class StorePipeline:
    """Saves policies, captures and fetches, extracts and classifies each fetched page, and
    rebuilds versions."""

    def __init__(self, crawler: Crawler, db_path: str, workers: int = 0) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self.db: Database | None = None
        self.run_id: int | None = None
        self.policy_ids: dict[str, int] = {}
        self.touched: set[int] = set()
        self.counts = {"captures_listed": 0, "captures_new": 0, "fetched": 0, "failed": 0}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(
            crawler,
            crawler.settings.get("POLICYARCHIVE_DB"),
            crawler.settings.getint("EXTRACT_WORKERS"),
        )
        # Run bookkeeping waits for spider_closed, the first moment the finish reason is known.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        self.db = open_db(self.db_path)
        if self.workers > 0:
            # Extraction is CPU work; in other processes it keeps the crawl's event loop free.
            self.pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"))
        archive = getattr(spider, "archive", None)
        self.run_id = start_run(
            self.db,
            spider=spider.name,
            strategy=getattr(spider, "strategy", ""),
            archive=archive.base_url if archive else "",
            args=getattr(spider, "args", {}),
        )
        # The WARC pipeline names its files after the run.
        setattr(spider, "run_id", self.run_id)  # noqa: B010 - the spider class does not declare it
        logger.info("crawl run %d, database %s", self.run_id, self.db_path)

    def _policy_id(self, policy_url: str, domain: str | None = None) -> int:
        assert self.db is not None
        if policy_url not in self.policy_ids:
            if domain is None:
                row = next(self.db.query("select id from policies where url = ?", [policy_url]))
                self.policy_ids[policy_url] = int(row["id"])
            else:
                self.policy_ids[policy_url] = save_policy(self.db, domain, policy_url)
        return self.policy_ids[policy_url]

    async def process_item(self, item: Any) -> Any:
        assert self.db is not None
        if isinstance(item, PolicyItem):
            self._policy_id(item.policy_url, item.domain)
        elif isinstance(item, CapturesItem):
            policy_id = self._policy_id(item.policy_url)
            self.counts["captures_listed"] += len(item.records)
            self.counts["captures_new"] += save_captures(
                self.db, policy_id, item.archive, item.records, self.run_id
            )
            self.touched.add(policy_id)
        elif isinstance(item, FetchItem):
            await self._save_fetch(item)
        return item

    async def _extract(self, item: FetchItem, body: bytes) -> tuple[Extraction, Verdict]:
        arguments = (body, item.final_url, item.capture_original)
        if self.pool is None:
            return extract_and_classify(*arguments)
        return await asyncio.wrap_future(self.pool.submit(extract_and_classify, *arguments))

    async def _save_fetch(self, item: FetchItem) -> None:
        assert self.db is not None
        policy_id = self._policy_id(item.policy_url)
        fetch_id = save_fetch(self.db, policy_id, item, self.run_id)
        self.touched.add(policy_id)
        self.counts["fetched"] += 1
        stats = self.crawler.stats
        assert stats is not None
        if item.outcome != FetchOutcome.OK.value:
            self.counts["failed"] += 1
            stats.inc_value("policyarchive/mementos_failed")
            return
        stats.inc_value("policyarchive/mementos_fetched")
        final = item.final
        if final is None or not final.body:
            return
        try:
            extraction, verdict = await self._extract(item, final.body)
        except Exception as error:
            # The bytes are safe in the WARC; `policyarchive extract` can try again later.
            logger.exception("extracting %s failed", item.memento_url)
            self.db.table("fetches").update(fetch_id, {"error": f"extraction failed: {error!r}"})
            stats.inc_value("policyarchive/extraction_errors")
            return
        # One transaction for both: a commit per write would slow the crawl down.
        with self.db.atomic():
            save_text(self.db, fetch_id, extraction)
            save_verdict(self.db, fetch_id, verdict, CLASSIFIER_VERSION)
        if not verdict.is_policy:
            stats.inc_value(f"policyarchive/not_policy/{verdict.reason}")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.db is not None and self.run_id is not None
        if self.pool is not None:
            self.pool.shutdown()
        self._record_unfetched(spider, reason)
        versions = sum(rebuild_versions(self.db, policy_id) for policy_id in sorted(self.touched))
        finish_run(
            self.db,
            self.run_id,
            status="finished" if reason == "finished" else "failed",
            finish_reason=str(reason),
            **self.counts,
        )
        logger.info(
            "run %d stored: %s; %d versions in the touched policies",
            self.run_id,
            json.dumps(self.counts),
            versions,
        )
        self.db.close()

    def _record_unfetched(self, spider: Spider, reason: str) -> None:
        """Captures chosen but not fetched when the crawl ended are failures, retried next run."""
        assert self.db is not None
        pending: dict[tuple[str, str, str], FetchItem] = getattr(spider, "pending", {})
        for item in list(pending.values()):
            item.outcome = FetchOutcome.INTERRUPTED.value
            item.error = f"the crawl ended ({reason}) before this capture was fetched"
            policy_id = self._policy_id(item.policy_url)
            save_fetch(self.db, policy_id, item, self.run_id)
            self.touched.add(policy_id)
            self.counts["failed"] += 1
        pending.clear()
