"""A terminal timeline chart of each site's policy versions."""

from __future__ import annotations

from datetime import datetime

from crawler.wayback import parse_timestamp
from store.queries import PolicyTimeline, SiteTimeline

VERSION_START = "●"
SAME_TEXT = "·"
FAILED = "✗"
NOT_POLICY = "○"
SPAN = "─"


def _span(sites: list[SiteTimeline]) -> tuple[datetime, datetime] | None:
    stamps = [
        parse_timestamp(mark.timestamp)
        for site in sites
        for policy in site.policies
        for mark in policy.captures
    ]
    if not stamps:
        return None
    return min(stamps), max(stamps)


def _column(moment: datetime, start: datetime, end: datetime, width: int) -> int:
    total = (end - start).total_seconds()
    if total <= 0:
        return 0
    return round((moment - start).total_seconds() / total * (width - 1))


def _axis(start: datetime, end: datetime, width: int) -> str:
    """Year ticks along the chart, as many as fit without overlapping."""
    cells = [" "] * width
    years = range(start.year, end.year + 1)
    step = max(1, len(years) * 5 // width + 1)
    for year in years[::step]:
        column = _column(max(start, datetime(year, 1, 1, tzinfo=start.tzinfo)), start, end, width)
        label = str(year)
        if column + len(label) <= width and all(
            c == " " for c in cells[column : column + len(label)]
        ):
            cells[column : column + len(label)] = list(label)
    return "".join(cells)


def _policy_row(policy: PolicyTimeline, start: datetime, end: datetime, width: int) -> str:
    cells = [" "] * width
    marks = sorted(policy.captures, key=lambda m: parse_timestamp(m.timestamp))
    if not marks:
        return "".join(cells)
    first = _column(parse_timestamp(marks[0].timestamp), start, end, width)
    last = _column(parse_timestamp(marks[-1].timestamp), start, end, width)
    for column in range(first, last + 1):
        cells[column] = SPAN
    starts = {v.first_seen for v in policy.versions}
    # Draw the weakest marks first so a version start is never hidden by a neighbour.
    ranked = sorted(
        marks,
        key=lambda m: (
            m.timestamp in starts,
            m.outcome not in (None, "ok"),
            m.is_policy is False,
        ),
    )
    for mark in ranked:
        column = _column(parse_timestamp(mark.timestamp), start, end, width)
        if mark.timestamp in starts:
            cells[column] = VERSION_START
        elif mark.outcome not in (None, "ok"):
            cells[column] = FAILED
        elif mark.is_policy is False:
            cells[column] = NOT_POLICY
        elif mark.outcome == "ok" or cells[column] == SPAN:
            cells[column] = SAME_TEXT
    return "".join(cells)


def render_timeline(sites: list[SiteTimeline], width: int = 60) -> str:
    """Each site's policies as a line over the archive's whole time span, versions marked."""
    span = _span(sites)
    if span is None:
        return "timeline: nothing stored yet"
    start, end = span
    pad = "    "
    lines = [
        f"{pad}{_axis(start, end, width)}",
        f"{pad}{VERSION_START} new version   {SAME_TEXT} same text   {NOT_POLICY} not a policy"
        f"   {FAILED} fetch failed",
    ]
    for site in sites:
        lines.append("")
        lines.append(site.domain)
        for policy in site.policies:
            lines.append(f"  {policy.url}")
            lines.append(f"{pad}{_policy_row(policy, start, end, width)}")
            for version in policy.versions:
                title = version.title or "(untitled)"
                words = f"{version.word_count} words" if version.word_count is not None else ""
                dates = f"{_date(version.first_seen)} → {_date(version.last_seen)}"
                change = ""
                if version.words_added is not None and version.words_removed is not None:
                    # A true minus sign lines up with the plus in a terminal.
                    change = f"+{version.words_added}/−{version.words_removed}"  # noqa: RUF001
                lines.append(
                    f"{pad}v{version.seq:<3}{dates}  {version.capture_count:>3} captures"
                    f"  {words:>11}  {change:>11}  {title[:40]}"
                )
    return "\n".join(lines)


def _date(timestamp: str) -> str:
    return parse_timestamp(timestamp).strftime("%Y-%m-%d")
