"""Write archived HTTP responses into a gzipped WARC that pywb can index and replay."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

TIMESTAMP_FORMAT = "%Y%m%d%H%M%S"

# Headers that describe how the bytes travelled, not the bytes we store. The body we write is
# whole and unchunked, so a stale Transfer-Encoding or Content-Length would lie to pywb.
_RECOMPUTED_HEADERS = frozenset({"content-length", "transfer-encoding"})

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


def warc_date(timestamp: str) -> str:
    """`20230926123000` as the WARC-Date `2023-09-26T12:30:00Z`."""
    return capture_datetime(timestamp).strftime("%Y-%m-%dT%H:%M:%SZ")


def payload_digest(body: bytes) -> str:
    """The base32 SHA-1 of a payload, as CDX servers show it in the `digest` field."""
    return base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def http_headers(response: ArchivedResponse) -> StatusAndHeaders:
    """The status line and headers to store: Content-Length recomputed, Content-Type defaulted."""
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = "Unknown"  # a made-up status still needs some reason phrase on the wire
    headers = [(k, v) for k, v in response.headers if k.lower() not in _RECOMPUTED_HEADERS]
    if response.header("Content-Type") is None:
        headers.append(("Content-Type", "text/html"))
    headers.append(("Content-Length", str(len(response.body))))
    return StatusAndHeaders(f"{response.status} {reason}", headers, protocol="HTTP/1.1")


def write_warc(responses: Iterable[ArchivedResponse], path: Path) -> Path:
    """Write `responses` as a gzipped WARC at `path`, one `response` record per capture.

    The file starts with a warcinfo record. warcio computes each record's payload digest, which
    is the same base32 SHA-1 that pywb's CDX index reports as `digest`. Returns `path`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        info = {"software": "policyarchive replay", "format": "WARC File Format 1.0"}
        writer.write_record(writer.create_warcinfo_record(path.name, info))
        for response in responses:
            record = writer.create_warc_record(
                response.url,
                "response",
                payload=BytesIO(response.body),
                length=len(response.body),
                http_headers=http_headers(response),
                warc_headers_dict={"WARC-Date": warc_date(response.timestamp)},
            )
            writer.write_record(record)
    return path
