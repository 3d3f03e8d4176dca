"""A crawl resumed from its JOBDIR asks again for every capture the paused run did not fetch ok,
although Scrapy's dupefilter remembers having made those requests."""

from __future__ import annotations

from pathlib import Path

import scrapy
from scrapy.crawler import Crawler
from scrapy.utils.project import get_project_settings

from crawler.spiders.policies import PoliciesSpider
from crawler.wayback import CdxRecord, FetchOutcome

POLICY_URL = "https://shop.example/privacy"


def _spider(tmp_path: Path) -> PoliciesSpider:
    settings = get_project_settings()
    settings.set("POLICYARCHIVE_DB", str(tmp_path / "policies.db"))
    return PoliciesSpider.from_crawler(Crawler(PoliciesSpider, settings), url=POLICY_URL)


def _record(timestamp: str) -> CdxRecord:
    return CdxRecord("example,shop)/privacy", timestamp, POLICY_URL, "text/html", 200, "D" * 32, 1)


def _key(record: CdxRecord) -> tuple[str, str, str]:
    return (POLICY_URL, record.timestamp, record.original)


def test_a_resumed_crawl_asks_again_for_what_the_paused_run_left_unfinished(
    tmp_path: Path,
) -> None:
    cut_off, never_asked = _record("20200101000000"), _record("20210101000000")
    spider = _spider(tmp_path)
    spider.state = {"unfinished": {_key(cut_off)}}  # as SpiderState loads it from the JOBDIR
    spider._keep_unfinished()
    assert spider._memento_request(POLICY_URL, cut_off).dont_filter
    # Requests never made are left to the dupefilter, which drops those still queued on disk.
    assert not spider._memento_request(POLICY_URL, never_asked).dont_filter
    assert spider.state["unfinished"] is spider.unfinished


def test_only_a_capture_fetched_ok_is_finished(tmp_path: Path) -> None:
    spider = _spider(tmp_path)
    for timestamp, outcome in (
        ("20200101000000", FetchOutcome.OK),
        ("20210101000000", FetchOutcome.INTERRUPTED),
        ("20220101000000", FetchOutcome.NETWORK_ERROR),
    ):
        record = _record(timestamp)
        request = spider._memento_request(POLICY_URL, record)
        spider._reached_downloader(request)
        spider._finished(POLICY_URL, record, outcome, [], memento_url=request.url)
    assert {timestamp for _, timestamp, _ in spider.unfinished} == {
        "20210101000000",
        "20220101000000",
    }
    spider._reached_downloader(scrapy.Request("http://127.0.0.1/cdx"))  # a listing: no capture
    assert len(spider.unfinished) == 2
