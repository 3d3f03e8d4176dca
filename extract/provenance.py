"""The provenance header of an exported policy version, in the Princeton-Leuven corpus format.

A header names the site, the day the capture was archived and the `id_` memento it came from::

    > *The following text is extracted and transformed from the mims.com privacy policy that was
    archived on 2015-12-18. Please check the [original snapshot on the Wayback Machine](...) for the
    most accurate reproduction.*

(one line in the real output).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from extract.domains import registered_domain

WAYBACK_MEMENTO_PREFIX = "https://web.archive.org/web/"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LEADING_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*$")


def snapshot_url(timestamp: str, original: str, prefix: str = WAYBACK_MEMENTO_PREFIX) -> str:
    """The `id_` memento URL of a capture, with the colon after the original's scheme as %3A."""
    escaped = _SCHEME.sub(r"\1%3A", original, count=1)
    return f"{prefix}{timestamp}id_/{escaped}"


def provenance_header(
    domain: str, timestamp: str, original: str, prefix: str = WAYBACK_MEMENTO_PREFIX
) -> str:
    """The one-line provenance header for a capture of `original` taken at `timestamp`.

    `domain` may be any host or URL of the site; the header names its registered domain. The date
    is the UTC day of the 14-digit Wayback timestamp. Raises ValueError for a timestamp that is not
    8 to 14 digits, or a domain without a host.
    """
    site = registered_domain(domain)
    archived_on = archive_day(timestamp).isoformat()
    return (
        f"> *The following text is extracted and transformed from the {site} privacy policy that"
        f" was archived on {archived_on}. Please check the [original snapshot on the Wayback"
        f" Machine]({snapshot_url(timestamp, original, prefix)}) for the most accurate"
        " reproduction.*"
    )


def archive_day(timestamp: str) -> date:
    """The UTC day of a Wayback timestamp such as ``20151218215141``.

    The archive holds timestamps with month or day 00 (``20000012170449``); those fields are
    clamped into range, so every capture still gets a day.
    """
    if not timestamp.isdigit() or not 8 <= len(timestamp) <= 14:
        raise ValueError(f"not a Wayback timestamp (8 to 14 digits): {timestamp!r}")
    year, month, day = int(timestamp[0:4]), int(timestamp[4:6]), int(timestamp[6:8])
    month = min(max(month, 1), 12)
    day = min(max(day, 1), calendar.monthrange(year, month)[1])
    return date(year, month, day)


def render_version(header: str, title: str | None, markdown: str) -> str:
    """The exported text of one version: header, `# Title`, then the body, each after a blank line.

    The title line is left out when there is no title, and so is a first body heading that only
    repeats it. The result ends in exactly one newline.
    """
    heading = " ".join(title.split()) if title else ""
    body = markdown.strip("\n").rstrip()
    if heading:
        body = _drop_repeated_heading(body, heading)
    blocks = [header.strip()]
    if heading:
        blocks.append(f"# {heading}")
    if body:
        blocks.append(body)
    return "\n\n".join(blocks) + "\n"


def _drop_repeated_heading(body: str, heading: str) -> str:
    first, _, rest = body.partition("\n")
    match = _LEADING_HEADING.match(first)
    if match and " ".join(match.group(1).split()).casefold() == heading.casefold():
        return rest.strip("\n")
    return body
