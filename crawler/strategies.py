"""Which captures of a policy to fetch. Pure functions over CDX records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from crawler.exceptions import BadInputError, UnknownStrategyError
from crawler.wayback import CdxRecord, parse_timestamp

STRATEGIES = ("all", "interval")

# Months per interval; the Princeton-Leuven crawl took one capture per half-year.
INTERVALS = {"month": 1, "quarter": 3, "half-year": 6, "year": 12}
DEFAULT_INTERVAL = "half-year"

HTML_MIMETYPES = ("text/html", "application/xhtml+xml", "text/plain", "unk")


def check_strategy(strategy: str, interval: str = DEFAULT_INTERVAL) -> None:
    """Raise a one-line BadInputError for an unknown strategy or interval."""
    if strategy not in STRATEGIES:
        raise UnknownStrategyError(strategy, STRATEGIES)
    if interval not in INTERVALS:
        raise BadInputError(f"unknown interval {interval!r}; use one of: {', '.join(INTERVALS)}")


def fetchable(record: CdxRecord) -> bool:
    """Whether a capture can hold the policy: an HTML page, or an archived redirect to follow."""
    if record.statuscode is None or record.is_revisit:
        return False
    if 300 <= record.statuscode < 400:
        return True
    return 200 <= record.statuscode < 300 and record.mimetype.lower() in HTML_MIMETYPES


def distinct_captures(records: Iterable[CdxRecord]) -> list[CdxRecord]:
    """Fetchable captures in time order, one per digest: the same digest means the same bytes."""
    seen: set[str] = set()
    kept: list[CdxRecord] = []
    for record in sorted(records, key=lambda r: (r.datetime, r.timestamp)):
        if not fetchable(record) or record.digest in seen:
            continue
        seen.add(record.digest)
        kept.append(record)
    return kept


def select_captures(
    records: Sequence[CdxRecord],
    strategy: str,
    *,
    interval: str = DEFAULT_INTERVAL,
    done: frozenset[str] | set[str] = frozenset(),
) -> list[CdxRecord]:
    """The captures to fetch now. `done` holds timestamps that need no fetch (stored already)."""
    check_strategy(strategy, interval)
    known_digests = {r.digest for r in records if r.timestamp in done}
    candidates = [r for r in distinct_captures(records) if r.digest not in known_digests]
    if strategy == "all":
        return [r for r in candidates if r.timestamp not in done]
    return _one_per_interval(candidates, INTERVALS[interval], done)


def _period(moment: datetime, months: int) -> tuple[int, int]:
    return moment.year, (moment.month - 1) // months


def _period_middle(period: tuple[int, int], months: int) -> datetime:
    year, index = period
    start = datetime(year, index * months + 1, 1, tzinfo=UTC)
    end_month = index * months + months
    end = (
        datetime(year + 1, 1, 1, tzinfo=UTC)
        if end_month == 12
        else datetime(year, end_month + 1, 1, tzinfo=UTC)
    )
    return start + (end - start) / 2


def _one_per_interval(
    candidates: list[CdxRecord],
    months: int,
    done: frozenset[str] | set[str],
) -> list[CdxRecord]:
    """The capture closest to the middle of each interval, skipping intervals already sampled."""
    sampled = {_period(parse_timestamp(timestamp), months) for timestamp in done}
    best: dict[tuple[int, int], CdxRecord] = {}
    for record in candidates:
        period = _period(record.datetime, months)
        if period in sampled:
            continue
        middle = _period_middle(period, months)
        current = best.get(period)
        if current is None or abs(record.datetime - middle) < abs(current.datetime - middle):
            best[period] = record
    return [best[p] for p in sorted(best)]
