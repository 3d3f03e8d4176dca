"""Which captures are fetched: `all` and `interval`, pure functions over CDX records."""

from __future__ import annotations

import pytest

from crawler.exceptions import BadInputError, UnknownStrategyError
from crawler.strategies import distinct_captures, fetchable, select_captures
from crawler.wayback import CdxRecord

URL = "https://example.com/privacy"


def capture(
    timestamp: str, digest: str, status: int | None = 200, mime: str = "text/html"
) -> CdxRecord:
    return CdxRecord("com,example)/privacy", timestamp, URL, mime, status, digest, 1000)


def test_pages_and_redirects_are_fetchable_but_not_errors_revisits_or_images() -> None:
    assert fetchable(capture("20200101000000", "A"))
    assert fetchable(capture("20200101000000", "A", 301, "unk"))
    assert not fetchable(capture("20200101000000", "A", 404))
    assert not fetchable(capture("20200101000000", "A", None, "warc/revisit"))
    assert not fetchable(capture("20200101000000", "A", 200, "image/png"))


def test_one_capture_per_digest_in_time_order() -> None:
    records = [
        capture("20200301000000", "B"),
        capture("20200101000000", "A"),
        capture("20200201000000", "A"),
        capture("20200401000000", "A"),  # the same bytes again: the text is known already
    ]
    assert [r.timestamp for r in distinct_captures(records)] == ["20200101000000", "20200301000000"]


def test_all_skips_what_is_done_and_digests_already_fetched() -> None:
    records = [
        capture("20200101000000", "A"),
        capture("20200201000000", "B"),
        capture("20200301000000", "A"),
    ]
    chosen = select_captures(records, "all", done={"20200101000000"})
    assert [r.timestamp for r in chosen] == ["20200201000000"]


def test_interval_takes_the_capture_closest_to_the_middle_of_each_interval() -> None:
    records = [
        capture("20190105000000", "A"),
        capture("20190620000000", "B"),  # nearest to 2019-07-02, the middle of 2019
        capture("20191230000000", "C"),
        capture("20200301000000", "D"),
    ]
    chosen = select_captures(records, "interval", interval="year")
    assert [r.timestamp for r in chosen] == ["20190620000000", "20200301000000"]
    halves = select_captures(records, "interval", interval="half-year")
    # The first half of 2019 centres on 2 April: 20 June is 79 days away, 5 January 87.
    assert [r.timestamp for r in halves] == ["20190620000000", "20191230000000", "20200301000000"]


def test_interval_skips_intervals_sampled_by_an_earlier_crawl() -> None:
    records = [capture("20190620000000", "B"), capture("20200301000000", "D")]
    chosen = select_captures(records, "interval", interval="year", done={"20190105000000"})
    assert [r.timestamp for r in chosen] == ["20200301000000"]


def test_unknown_names_are_refused() -> None:
    with pytest.raises(UnknownStrategyError, match="use one of: all, interval"):
        select_captures([], "sometimes")
    with pytest.raises(BadInputError, match="unknown interval 'fortnight'"):
        select_captures([], "interval", interval="fortnight")
