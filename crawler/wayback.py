"""Wayback Machine protocol: CDX listing and `id_` mementos, for the Internet Archive and pywb.

Everything here is pure: models, URL builders and response readers that the Scrapy spider and the
small blocking client in `crawler.client` both use. Nothing in this module does I/O.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import Enum
from typing import NamedTuple
from urllib.parse import urlencode, urljoin, urlsplit

from crawler.exceptions import (
    ArchiveConfigError,
    BlockedSiteError,
    MementoOutsideWindowError,
    NoMementoError,
    RateLimitError,
    RedirectLoopError,
    TooManyRedirectsError,
    UnexpectedResponseFormat,
    WaybackError,
)

WAYBACK_URL = "https://web.archive.org"

TIMESTAMP_FORMAT = "%Y%m%d%H%M%S"

# The Wayback Machine's own CDX field names, in the order of its 7-field text output.
CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")

# pywb names three of those fields differently; it understands these names in `fl=` and `filter=`.
PYWB_FIELD_NAMES = {"original": "url", "mimetype": "mime", "statuscode": "status"}

# Keep 2xx pages and 3xx redirects: a 3xx capture of a policy URL means the policy moved.
DEFAULT_FILTERS = ("statuscode:[23]..",)


class Mode(str, Enum):
    """Playback modes. `original` (`id_`) returns the archived bytes untouched."""

    original = "id_"
    view = ""


class Dialect(str, Enum):
    """How an archive spells its CDX endpoint, memento URLs and CDX fields."""

    IA = "ia"
    PYWB = "pywb"


class CdxRecord(NamedTuple):
    """One CDX row, with the Wayback Machine's field names.

    `statuscode` and `length` are None where the archive sends `-` (revisits, zero-length rows).
    `timestamp` is the 14-digit string exactly as the archive sent it, which is what memento URLs
    need even when it is not a valid date.
    """

    urlkey: str
    timestamp: str
    original: str
    mimetype: str
    statuscode: int | None
    digest: str
    length: int | None

    @property
    def datetime(self) -> datetime:
        return parse_timestamp(self.timestamp)

    @property
    def is_revisit(self) -> bool:
        return self.mimetype == "warc/revisit"


class SkippedRow(NamedTuple):
    """A CDX row we dropped on purpose, with the reason, so a caller can log it."""

    line: str
    reason: str


@dataclass(frozen=True)
class CdxPage:
    """The rows of one CDX response and the key for the next page, if any."""

    records: list[CdxRecord]
    resume_key: str | None = None
    skipped: list[SkippedRow] = field(default_factory=list)


@dataclass(frozen=True)
class CdxQuery:
    """A CDX search. `from_` and `to` are 1 to 14 digit timestamps, inclusive."""

    url: str
    match_type: str = "exact"
    from_: str | None = None
    to: str | None = None
    filters: tuple[str, ...] = DEFAULT_FILTERS
    collapse: str | None = "digest"
    limit: int | None = None
    resolve_revisits: bool = False
    show_resume_key: bool = True


@dataclass(frozen=True)
class MementoUrl:
    """The parts of a memento URL: `{archive}/{timestamp}{mode}/{original}`."""

    timestamp: str
    mode: str
    original: str


@dataclass(frozen=True)
class Archive:
    """A Wayback-compatible archive: its base URL and its dialect.

    The Internet Archive's base is `https://web.archive.org`. A pywb collection's base is the
    server plus the collection, for example `http://127.0.0.1:8080/sample`.
    """

    base_url: str
    dialect: Dialect = Dialect.IA

    @classmethod
    def from_url(cls, url: str, dialect: str = "auto") -> Archive:
        """Build an Archive from a base URL; `auto` means IA when the URL has no path, else pywb."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ArchiveConfigError(
                f"archive URL {url!r} is not an http(s) URL; use e.g. {WAYBACK_URL}"
            )
        path = parts.path.rstrip("/")
        if dialect == "auto":
            kind = Dialect.IA if path in ("", "/web") else Dialect.PYWB
        else:
            try:
                kind = Dialect(dialect)
            except ValueError:
                raise ArchiveConfigError(
                    f"archive dialect {dialect!r} is unknown; use auto, ia or pywb"
                ) from None
        if kind is Dialect.IA and path == "/web":
            path = ""
        return cls(f"{parts.scheme}://{parts.netloc}{path}", kind)

    @property
    def cdx_endpoint(self) -> str:
        if self.dialect is Dialect.IA:
            return f"{self.base_url}/cdx/search/cdx"
        return f"{self.base_url}/cdx"

    @property
    def memento_prefix(self) -> str:
        if self.dialect is Dialect.IA:
            return f"{self.base_url}/web/"
        return f"{self.base_url}/"

    def memento_url(self, timestamp: str, original: str, mode: Mode = Mode.original) -> str:
        return f"{self.memento_prefix}{timestamp}{mode.value}/{original}"

    def parse_memento_url(self, url: str) -> MementoUrl | None:
        """Split a memento URL of this archive; relative URLs are resolved against the archive."""
        absolute = urljoin(self.memento_prefix, url)
        prefix = self.memento_prefix
        if not _same_origin_startswith(absolute, prefix):
            return None
        rest = _strip_prefix(absolute, prefix)
        match = _MEMENTO_PATH.match(rest)
        if not match:
            return None
        original = match.group("original")
        # Archives collapse "//" in paths; put the scheme's slashes back.
        original = re.sub(r"^(https?:)/(?!/)", r"\1//", original)
        return MementoUrl(match.group("timestamp"), match.group("mode") or "", original)

    def cdx_params(self, query: CdxQuery, resume_key: str | None = None) -> list[tuple[str, str]]:
        """The query string of a CDX search in this archive's dialect."""
        params: list[tuple[str, str]] = [("url", query.url)]
        if query.match_type != "exact":
            params.append(("matchType", query.match_type))
        if self.dialect is Dialect.IA:
            if query.limit is not None:
                params.append(("limit", str(query.limit)))
            if query.from_:
                params.append(("from", query.from_))
            if query.to:
                params.append(("to", query.to))
            params.extend(("filter", f) for f in query.filters)
            if query.collapse:
                params.append(("collapse", query.collapse))
            if query.show_resume_key:
                params.append(("showResumeKey", "true"))
            if query.resolve_revisits:
                params.append(("resolveRevisits", "true"))
            if resume_key:
                params.append(("resumeKey", resume_key))
            return params
        # pywb answers everything in one response, ignores collapse and has no resume keys.
        if query.from_:
            params.append(("from", query.from_))
        if query.to:
            params.append(("to", query.to))
        if query.limit is not None:
            params.append(("limit", str(query.limit)))
        params.extend(("filter", _pywb_filter(f)) for f in query.filters)
        params.append(("fl", ",".join(PYWB_FIELD_NAMES.get(f, f) for f in CDX_FIELDS)))
        params.append(("output", "text"))
        return params

    def cdx_url(self, query: CdxQuery, resume_key: str | None = None) -> str:
        return f"{self.cdx_endpoint}?{urlencode(self.cdx_params(query, resume_key))}"


_MEMENTO_PATH = re.compile(r"^(?P<timestamp>\d{1,14})(?P<mode>[a-z]{2}_)?/(?P<original>.+)$", re.S)


def _origin_normalized(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}{parts.path}"


def _same_origin_startswith(url: str, prefix: str) -> bool:
    return _origin_normalized(url).startswith(_origin_normalized(prefix))


def _strip_prefix(url: str, prefix: str) -> str:
    parts = urlsplit(url)
    path_and_rest = url[len(f"{parts.scheme}://{parts.netloc}") :]
    prefix_path = urlsplit(prefix).path
    return path_and_rest[len(prefix_path) :]


def _pywb_filter(expression: str) -> str:
    negate = expression.startswith("!")
    body = expression[1:] if negate else expression
    name, _, pattern = body.partition(":")
    return ("!" if negate else "") + f"{PYWB_FIELD_NAMES.get(name, name)}:{pattern}"


# --- timestamps -------------------------------------------------------------------------------

_TIMESTAMP_LIMITS = ((1, 12), (1, 31), (0, 23), (0, 59), (0, 59))


def parse_timestamp(timestamp: str) -> datetime:
    """Read a 1 to 14 digit Wayback timestamp as UTC, clamping impossible fields.

    The archive really holds timestamps such as `20000012170449` (month 00) and `20000800241623`
    (day 00, hour 24); their mementos are reachable at that exact string, so we keep the rows and
    clamp each field into range for ordering.
    """
    if not timestamp.isdigit() or not 4 <= len(timestamp) <= 14:
        raise ValueError(f"not a Wayback timestamp: {timestamp!r}")
    padded = timestamp + "0101000000"[len(timestamp) - 4 :] if len(timestamp) < 14 else timestamp
    year = int(padded[0:4])
    fields = [int(padded[i : i + 2]) for i in range(4, 14, 2)]
    clamped = [min(max(v, lo), hi) for v, (lo, hi) in zip(fields, _TIMESTAMP_LIMITS, strict=True)]
    month, day, hour, minute, second = clamped
    while True:
        try:
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        except ValueError:
            day -= 1  # 31 April and 30 February become the month's last day


def format_timestamp(moment: datetime) -> str:
    """A datetime as a 14-digit UTC Wayback timestamp."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime(TIMESTAMP_FORMAT)


def timestamp_from_http_date(value: str) -> str:
    """`Memento-Datetime: Sat, 01 Feb 2020 02:37:57 GMT` as a 14-digit timestamp."""
    return format_timestamp(parsedate_to_datetime(value))


# --- CDX parsing ------------------------------------------------------------------------------


def parse_cdx(text: str, query: str) -> CdxPage:
    """Parse a CDX response in IA text, IA JSON or pywb JSON-lines output.

    Tolerant of what the real archive sends: `-` fields, revisits, duplicate rows, impossible
    timestamps and zero-length rows are kept or dropped quietly (dropped rows are listed in
    `skipped`). Anything that is not CDX at all raises UnexpectedResponseFormat quoting the line.
    """
    stripped = text.strip()
    if not stripped:
        return CdxPage([])
    if stripped.startswith("["):
        return _parse_ia_json(stripped, query)
    if stripped.startswith("{"):
        return _parse_pywb_json(stripped, query)
    return _parse_text(text, query)


def _parse_text(text: str, query: str) -> CdxPage:
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    resume_key = None
    # With showResumeKey the archive ends with a blank line and then the key.
    if len(lines) >= 2 and not lines[-2].strip() and " " not in lines[-1].strip():
        resume_key = lines[-1].strip()
        lines = lines[:-2]
    rows: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        fields = line.strip().split(" ")
        if len(fields) != len(CDX_FIELDS):
            raise UnexpectedResponseFormat(line, query)
        rows.append(fields)
    return _records_from_rows(rows, query, resume_key)


def _parse_ia_json(text: str, query: str) -> CdxPage:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise UnexpectedResponseFormat(text.splitlines()[0], query) from None
    if not isinstance(data, list):
        raise UnexpectedResponseFormat(text.splitlines()[0], query)
    if not data:
        return CdxPage([])
    header = data[0]
    rows: list[list[str]] = []
    resume_key = None
    for row in data[1:]:
        if row == []:
            continue  # the blank separator before a resume key
        if not isinstance(row, list):
            raise UnexpectedResponseFormat(json.dumps(row), query)
        if len(row) == 1:
            resume_key = str(row[0])
            continue
        if len(row) != len(header):
            raise UnexpectedResponseFormat(json.dumps(row), query)
        named = dict(zip(header, row, strict=True))
        rows.append(_row_from_named(named, json.dumps(row), query))
    return _records_from_rows(rows, query, resume_key)


def _parse_pywb_json(text: str, query: str) -> CdxPage:
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            named = json.loads(line)
        except json.JSONDecodeError:
            raise UnexpectedResponseFormat(line, query) from None
        if not isinstance(named, dict):
            raise UnexpectedResponseFormat(line, query)
        rows.append(_row_from_named(named, line, query))
    return _records_from_rows(rows, query, None)


def _row_from_named(named: Mapping[str, object], line: str, query: str) -> list[str]:
    row: list[str] = []
    for name in CDX_FIELDS:
        value = named.get(name, named.get(PYWB_FIELD_NAMES.get(name, name)))
        if value is None:
            if name in ("urlkey", "timestamp", "original"):
                raise UnexpectedResponseFormat(line, query)
            value = "-"
        row.append(str(value))
    return row


def _records_from_rows(rows: Iterable[list[str]], query: str, resume_key: str | None) -> CdxPage:
    records: list[CdxRecord] = []
    skipped: list[SkippedRow] = []
    seen: set[tuple[str, str, str]] = set()
    for fields in rows:
        line = " ".join(fields)
        urlkey, timestamp, original, mimetype, status, digest, length = fields
        if not timestamp.isdigit() or not 4 <= len(timestamp) <= 14:
            raise UnexpectedResponseFormat(line, query)
        problem = _malformed_original(original)
        if problem:
            skipped.append(SkippedRow(line, problem))
            continue
        key = (timestamp, original, digest)
        if key in seen:
            skipped.append(SkippedRow(line, "duplicate row"))
            continue
        seen.add(key)
        records.append(
            CdxRecord(
                urlkey=urlkey,
                timestamp=timestamp,
                original=original,
                mimetype=mimetype,
                statuscode=_optional_int(status, line, query),
                digest=digest,
                length=_optional_int(length, line, query),
            )
        )
    return CdxPage(records, resume_key, skipped)


def _optional_int(value: str, line: str, query: str) -> int | None:
    if value in ("-", ""):
        return None
    if not value.isdigit():
        raise UnexpectedResponseFormat(line, query)
    return int(value)


def _malformed_original(original: str) -> str | None:
    """Why an `original` URL is unusable, or None. The archive holds some junk URLs."""
    lowered = original.lower()
    if lowered.startswith(("data:", "http://data:", "https://data:")) or re.search(
        r'("|%22)data:', lowered
    ):
        return "data: URL"
    if lowered.startswith(("mailto:", "http://mailto:", "https://mailto:")):
        return "mailto: URL"
    parts = urlsplit(original if "://" in original else "http://" + original)
    host = parts.hostname or ""
    if "." not in host and host != "localhost":
        return "no host"
    return None


# --- mementos ---------------------------------------------------------------------------------


class MementoKind(str, Enum):
    """What one memento response means."""

    CAPTURE = "capture"  # a real archived response (any status), with Memento-Datetime
    HISTORICAL_REDIRECT = "historical_redirect"  # an archived 3xx: the page itself moved
    ARCHIVE_REDIRECT = "archive_redirect"  # the archive points to its nearest capture
    BLOCKED = "blocked"
    NO_MEMENTO = "no_memento"
    RATE_LIMITED = "rate_limited"
    ERROR = "error"


class FetchOutcome(str, Enum):
    """How one attempt to fetch a capture ended; everything but `ok` is retried on the next run."""

    OK = "ok"
    BLOCKED = "blocked"
    NO_MEMENTO = "no_memento"
    OUTSIDE_WINDOW = "outside_window"
    REDIRECT_LOOP = "redirect_loop"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    RATE_LIMITED = "rate_limited"
    HTTP_ERROR = "http_error"
    NETWORK_ERROR = "network_error"


@dataclass(frozen=True)
class MementoReading:
    """One memento response, read. `location` is absolute and always inside the archive."""

    kind: MementoKind
    status: int
    url: str
    memento_datetime: str | None = None
    location: str | None = None
    reason: str = ""


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value, looked up without regard to case."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def read_memento(
    archive: Archive, url: str, status: int, headers: Mapping[str, str]
) -> MementoReading:
    """Classify a response to a memento request made with redirects not followed."""
    memento_header = header(headers, "Memento-Datetime")
    memento_datetime = timestamp_from_http_date(memento_header) if memento_header else None
    location = header(headers, "Location")
    if memento_datetime is not None:
        if 300 <= status < 400 and location:
            return MementoReading(
                MementoKind.HISTORICAL_REDIRECT,
                status,
                url,
                memento_datetime,
                _archive_location(archive, url, location, memento_datetime),
                "archived redirect",
            )
        return MementoReading(MementoKind.CAPTURE, status, url, memento_datetime)
    if 300 <= status < 400 and location:
        target = urljoin(url, location)
        if archive.parse_memento_url(target) is None:
            return MementoReading(
                MementoKind.ERROR, status, url, reason=f"redirect out of the archive to {target}"
            )
        reason = header(headers, "X-Archive-Redirect-Reason") or "redirect to nearest capture"
        return MementoReading(MementoKind.ARCHIVE_REDIRECT, status, url, None, target, reason)
    runtime_error = header(headers, "X-Archive-Wayback-Runtime-Error")
    if status == 403 and runtime_error:
        return MementoReading(MementoKind.BLOCKED, status, url, reason=runtime_error)
    if status == 404:
        return MementoReading(MementoKind.NO_MEMENTO, status, url, reason=runtime_error or "")
    if status == 429:
        return MementoReading(MementoKind.RATE_LIMITED, status, url, reason="429 Too Many Requests")
    return MementoReading(
        MementoKind.ERROR, status, url, reason=runtime_error or f"HTTP {status} from the archive"
    )


def _archive_location(archive: Archive, url: str, location: str, timestamp: str) -> str:
    """Where an archived redirect leads, as a memento URL of this archive at the same time.

    The Wayback Machine rewrites the Location into the archive; pywb sends the live URL, which a
    crawler must never fetch, so we map it back into the archive.
    """
    absolute = urljoin(url, location)
    if archive.parse_memento_url(absolute) is not None:
        return absolute
    here = archive.parse_memento_url(url)
    original_base = here.original if here else absolute
    return archive.memento_url(timestamp, urljoin(original_base, location))


@dataclass(frozen=True)
class Follow:
    """Request this URL next."""

    url: str
    historical: bool


@dataclass(frozen=True)
class Arrived:
    """The trail ended on a real capture."""

    reading: MementoReading
    final_original: str


@dataclass(frozen=True)
class Failed:
    """The trail ended without a usable capture."""

    outcome: FetchOutcome
    error: WaybackError


@dataclass
class MementoTrail:
    """Follows one capture's redirects: archive redirects inside a window, archived redirects
    always, and stops on loops. Pure: the caller does the requests and feeds the responses in."""

    archive: Archive
    timestamp: str
    original: str
    window: timedelta = timedelta(hours=24)
    max_hops: int = 10
    visited: list[str] = field(default_factory=list)

    @property
    def start_url(self) -> str:
        return self.archive.memento_url(self.timestamp, self.original)

    def step(self, reading: MementoReading) -> Follow | Arrived | Failed:
        """Decide what to do after a response."""
        self.visited.append(_loop_key(self.archive, reading.url))
        if reading.kind is MementoKind.CAPTURE:
            parsed = self.archive.parse_memento_url(reading.url)
            return Arrived(reading, parsed.original if parsed else self.original)
        if reading.kind in (MementoKind.ARCHIVE_REDIRECT, MementoKind.HISTORICAL_REDIRECT):
            assert reading.location is not None
            return self._follow(reading)
        if reading.kind is MementoKind.BLOCKED:
            return Failed(FetchOutcome.BLOCKED, BlockedSiteError(reading.url, reading.reason))
        if reading.kind is MementoKind.NO_MEMENTO:
            return Failed(FetchOutcome.NO_MEMENTO, NoMementoError(reading.url))
        if reading.kind is MementoKind.RATE_LIMITED:
            return Failed(FetchOutcome.RATE_LIMITED, RateLimitError(reading.url, 60))
        return Failed(FetchOutcome.HTTP_ERROR, WaybackError(f"{reading.url}: {reading.reason}"))

    def _follow(self, reading: MementoReading) -> Follow | Failed:
        location = reading.location or ""
        if _loop_key(self.archive, location) in self.visited:
            return Failed(
                FetchOutcome.REDIRECT_LOOP, RedirectLoopError(location, tuple(self.visited))
            )
        if len(self.visited) > self.max_hops:
            return Failed(
                FetchOutcome.TOO_MANY_REDIRECTS, TooManyRedirectsError(self.start_url, self.max_hops)
            )
        if reading.kind is MementoKind.ARCHIVE_REDIRECT:
            found = self.archive.parse_memento_url(location)
            assert found is not None
            # An archive redirect is judged against the capture time of the hop that led to it.
            reference = _hop_timestamp(self.archive, reading.url) or self.timestamp
            if abs(parse_timestamp(found.timestamp) - parse_timestamp(reference)) > self.window:
                return Failed(
                    FetchOutcome.OUTSIDE_WINDOW,
                    MementoOutsideWindowError(reading.url, reference, found.timestamp),
                )
        return Follow(location, historical=reading.kind is MementoKind.HISTORICAL_REDIRECT)


def _hop_timestamp(archive: Archive, url: str) -> str | None:
    parsed = archive.parse_memento_url(url)
    return parsed.timestamp if parsed else None


def _loop_key(archive: Archive, url: str) -> str:
    """Two memento URLs are the same stop when they name the same time and original URL."""
    parsed = archive.parse_memento_url(url)
    return f"{parsed.timestamp}/{parsed.original}" if parsed else url
