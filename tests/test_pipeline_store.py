"""StorePipeline: each fetched page is extracted, classified and stored with its verdict, and a
page that is not a policy makes no version."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from store_fixtures import IA, POLICY_URL, Verdict, cdx_records, fetch_item

from crawler import pipelines
from crawler.items import CapturesItem, Hop, PolicyItem
from crawler.pipelines import StorePipeline
from store.schema import open_db

POLICY_PAGE = (
    b"<html><head><title>Privacy Policy</title></head><body><main><h1>Privacy Policy</h1>"
    b"<p>We collect your email address to send you receipts for every order you place.</p>"
    b"<p>We never sell personal data, and we delete it when you close your account.</p>"
    b"</main></body></html>"
)
MISSING_PAGE = (
    b"<html><head><title>Not found</title></head><body><main><h1>Oops</h1>"
    b"<p>Sorry, the page you asked for cannot be found.</p></main></body></html>"
)


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str) -> None:
        self.values[key] = self.values.get(key, 0) + 1


def fake_classify(markdown: str, **urls: Any) -> Verdict:
    if "cannot be found" in markdown:
        return Verdict(False, "soft_404", f"{urls['requested_url']} -> {urls['final_url']}")
    return Verdict(True, "policy", "")


def test_fetched_pages_are_classified_and_non_policies_make_no_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipelines, "classify", fake_classify)
    monkeypatch.setattr(pipelines, "CLASSIFIER_VERSION", "fake 1")
    spider = SimpleNamespace(name="policies", archive=None, strategy="all", args={})
    stats = Stats()
    crawler: Any = SimpleNamespace(spider=spider, stats=stats)  # what the pipeline reads of it
    pipeline = StorePipeline(crawler, str(tmp_path / "p.db"))
    pipeline.open_spider()
    records = cdx_records()[:3]
    items: list[Any] = [
        PolicyItem("example.com", POLICY_URL),
        CapturesItem(POLICY_URL, IA, records),
    ]
    for record, body in zip(records, [POLICY_PAGE, MISSING_PAGE, POLICY_PAGE], strict=True):
        item = fetch_item(record)
        item.hops = [Hop(item.memento_url, record.original, 200, [], body, record.timestamp)]
        items.append(item)

    async def crawl() -> None:
        for item in items:
            await pipeline.process_item(item)

    asyncio.run(crawl())
    pipeline.spider_closed(crawler.spider, "finished")

    db = open_db(tmp_path / "p.db")
    verdicts = [
        (row["is_policy"], row["policy_reason"], row["classifier"])
        for row in db.table("fetches").rows_where(order_by="id")
    ]
    assert verdicts == [(1, "policy", "fake 1"), (0, "soft_404", "fake 1"), (1, "policy", "fake 1")]
    detail = db.execute("SELECT policy_detail FROM fetches WHERE is_policy = 0").fetchone()[0]
    assert detail == f"{records[1].original} -> {records[1].original}"
    (version,) = db.table("versions").rows
    assert (version["first_seen"], version["last_seen"], version["capture_count"]) == (
        records[0].timestamp,
        records[2].timestamp,
        2,
    )
    assert stats.values["policyarchive/not_policy/soft_404"] == 1
