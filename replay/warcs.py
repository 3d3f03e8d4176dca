"""Write archived HTTP responses into a gzipped WARC that pywb can index and replay."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crawler.warcfile import WarcFile

TIMESTAMP_FORMAT = "%Y%m%d%H%M%S"

# 304 Not Modified is a 3xx with no Location; the rest of the 3xx family must say where to go.
_REDIRECTS_WITHOUT_LOCATION = frozenset({300, 304})


@dataclass(frozen=True)
class ArchivedResponse:
    """One capture: the HTTP response an archive crawler saw for `url` at `timestamp`.

    `timestamp` is 14 digits in UTC, as in Wayback URLs. `body` is the payload exactly as it
    should be replayed in `id_` mode. A 3xx (other than 300 and 304) needs a Location header.
    """

    url: str
    timestamp: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def __post_init__(self) -> None:
        capture_datetime(self.timestamp)
        if not 100 <= self.status <= 599:
            raise ValueError(f"capture of {self.url} has HTTP status {self.status}")
        if (
            300 <= self.status < 400
            and self.status not in _REDIRECTS_WITHOUT_LOCATION
            and self.header("Location") is None
        ):
            raise ValueError(f"redirect capture of {self.url} at {self.timestamp} has no Location")

    def header(self, name: str) -> str | None:
        """The first value of header `name` (case-insensitive), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


def capture_datetime(timestamp: str) -> datetime:
    """A 14-digit capture timestamp as an aware UTC datetime; ValueError if it is not one."""
    if len(timestamp) != 14 or not timestamp.isdigit():
        raise ValueError(f"capture timestamp {timestamp!r} is not 14 digits (YYYYmmddHHMMSS)")
    try:
        moment = datetime.strptime(timestamp, TIMESTAMP_FORMAT)
    except ValueError:
        raise ValueError(f"capture timestamp {timestamp!r} is not a real date and time") from None
    return moment.replace(tzinfo=UTC)


def http_headers(response: ArchivedResponse) -> list[tuple[str, str]]:
    """The headers to store, Content-Type defaulted; WarcFile recomputes Content-Length."""
    headers = list(response.headers)
    if response.header("Content-Type") is None:
        headers.append(("Content-Type", "text/html"))
    return headers


def write_warc(responses: Iterable[ArchivedResponse], path: Path) -> Path:
    """Write `responses` as a new gzipped WARC at `path`, one `response` record per capture.

    The file starts with a warcinfo record, and each payload digest is the base32 SHA-1 that
    pywb's CDX index reports as `digest`. Returns `path`.
    """
    path.unlink(missing_ok=True)
    warc = WarcFile(path, "policyarchive replay")
    try:
        for response in responses:
            warc.write_response(
                target_uri=response.url,
                timestamp=response.timestamp,
                status=response.status,
                headers=http_headers(response),
                body=response.body,
            )
    finally:
        warc.close()
    return path
