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
from enum import StrEnum
from typing import NamedTuple
from urllib.parse import urlencode, urljoin, urlsplit

from crawler.exceptions import (
    ArchiveConfigError,
    BlockedSiteError,
    MementoOutsideWindowError,
    MementoPlaybackError,
    NoMementoError,
    RateLimitError,
    RedirectLoopError,
    TooManyRedirectsError,
    UnexpectedResponseFormat,
    WaybackError,
)
from crawler.politeness import RATE_LIMIT_PAUSE

WAYBACK_URL = "https://web.archive.org"

TIMESTAMP_FORMAT = "%Y%m%d%H%M%S"

# The Wayback Machine's own CDX field names, in the order of its 7-field text output.
CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")

# pywb names three of those fields differently; it understands these names in `fl=` and `filter=`.
PYWB_FIELD_NAMES = {"original": "url", "mimetype": "mime", "statuscode": "status"}

# Keep 2xx pages and 3xx redirects: a 3xx capture of a policy URL means the policy moved.
DEFAULT_FILTERS = ("statuscode:[23]..",)

# A 429 without Retry-After (the Wayback Machine never sends one) means the standard pause.
DEFAULT_RETRY_AFTER = RATE_LIMIT_PAUSE

# The page the Wayback Machine serves, with status 200 and no Memento-Datetime, for an excluded URL.
EXCLUDED_PAGE_MARKER = b"This URL has been excluded from the Wayback Machine"


class Mode(StrEnum):
    """Playback modes. `original` (`id_`) returns the archived bytes untouched."""

    original = "id_"
    view = ""


class Dialect(StrEnum):
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
    """The rows of one CDX response and the key for the next page, if any.

    `skipped` lists unusable rows, which a caller should log. `duplicates` counts rows dropped
    because they repeat a capture already seen; the archive sends many, so they are only counted.
    """

    records: list[CdxRecord]
    resume_key: str | None = None
    skipped: list[SkippedRow] = field(default_factory=list)
    duplicates: int = 0


@dataclass(frozen=True)
class CdxQuery:
    """A CDX search. `from_` and `to` are 1 to 14 digit timestamps, inclusive.

    The defaults suit a crawl. `filters=()` and `collapse=None` ask for every row; `output="json"`
    asks for a JSON array instead of text; `page` is the CDX server's page-numbered listing, which
    the Internet Archive also accepts, but clients here page with resume keys and leave it None.
    """

    url: str
    match_type: str = "exact"
    from_: str | None = None
    to: str | None = None
    filters: tuple[str, ...] = DEFAULT_FILTERS
    collapse: str | None = "digest"
    limit: int | None = None
    resolve_revisits: bool = False
    show_resume_key: bool = True
    output: str = "text"
    page: int | None = None


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

    def memento_url(self, timestamp: str, original: str, mode: Mode | str = Mode.original) -> str:
        return f"{self.memento_prefix}{timestamp}{mode}/{original}"

    def parse_memento_url(self, url: str) -> MementoUrl | None:
        """Split a memento URL of this archive; relative URLs are resolved against the archive.

        The scheme is not compared: a Location may come schemeless (`//web.archive.org/...`, as
        the Wayback Machine sends for some archived redirects) or with the other scheme, and it
        still names this archive's memento.
        """
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
            if query.output != "text":
                params.append(("output", query.output))
            if query.page is not None:
                params.append(("page", str(query.page)))
            if query.show_resume_key:
                params.append(("showResumeKey", "true"))
            if query.resolve_revisits:
                params.append(("resolveRevisits", "true"))
            if resume_key:
                # The archive sends the key already URL-encoded and wants it back exactly so,
                # encoded once more by the query string (`%2C` travels as `%252C`).
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
        # Without this, a query whose filters match nothing is rerun by pywb without them.
        params.append(("allowFuzzy", "false"))
        params.append(("fl", ",".join(PYWB_FIELD_NAMES.get(f, f) for f in CDX_FIELDS)))
        params.append(("output", query.output))
        return params

    def cdx_url(self, query: CdxQuery, resume_key: str | None = None) -> str:
        return f"{self.cdx_endpoint}?{urlencode(self.cdx_params(query, resume_key))}"


_MEMENTO_PATH = re.compile(r"^(?P<timestamp>\d{1,14})(?P<mode>[a-z]{2}_)?/(?P<original>.+)$", re.S)


def _origin_normalized(url: str) -> str:
    parts = urlsplit(url)
    return f"//{parts.netloc.lower()}{parts.path}"


def _same_origin_startswith(url: str, prefix: str) -> bool:
    return _origin_normalized(url).startswith(_origin_normalized(prefix))


def _strip_prefix(url: str, prefix: str) -> str:
    parts = urlsplit(url)
    path_and_rest = url[len(f"{parts.scheme}://{parts.netloc}") :]
    prefix_path = urlsplit(prefix).path
    return path_and_rest[len(prefix_path) :]


def _pywb_filter(expression: str) -> str:
    """An IA filter (`[!]field:regex`) in pywb's spelling, where only `~field:` is a regex."""
    negate = expression.startswith("!")
    body = expression[1:] if negate else expression
    name, _, pattern = body.partition(":")
    return ("!" if negate else "") + f"~{PYWB_FIELD_NAMES.get(name, name)}:{pattern}"


def url_identity(url: str) -> str:
    """What the CDX server treats as one URL: no scheme, no `www.`, no default port, no final `/`.

    A rough stand-in for the SURT urlkey, used to tell a moved policy from a respelled one.
    """
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/")
    return host + path + (f"?{parts.query}" if parts.query else "")


def is_site_root(url: str) -> bool:
    """Whether a URL is a site's home page; a policy redirecting there is gone, not moved."""
    return "/" not in url_identity(url)


# --- timestamps -------------------------------------------------------------------------------

_TIMESTAMP_LIMITS = ((1, 12), (1, 31), (0, 23), (0, 59), (0, 59))


def parse_timestamp(timestamp: str) -> datetime:
    """Read a 4 to 14 digit Wayback timestamp as UTC, clamping impossible fields.

    The archive really holds timestamps such as `20000012170449` (month 00) and `20000800241623`
    (day 00, hour 24); their mementos are reachable at that exact string, so we keep the rows and
    clamp each field into range for ordering.
    """
    if not timestamp.isdigit() or not 4 <= len(timestamp) <= 14:
        raise ValueError(f"not a Wayback timestamp: {timestamp!r}")
    # A short timestamp means the start of the period it names: missing digits are zeros, and the
    # clamp below turns month 00 and day 00 into 01 ("2001041" is 2001-04-10).
    padded = timestamp.ljust(14, "0")
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
    """`Memento-Datetime: Sat, 01 Feb 2020 02:37:57 GMT` as a 14-digit timestamp.

    Raises ValueError when the value is not an HTTP date.
    """
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not an HTTP date: {value!r}") from None
    return format_timestamp(moment)


# --- CDX parsing ------------------------------------------------------------------------------


CaptureKey = tuple[str, str, str]


def capture_key(record: CdxRecord) -> CaptureKey:
    """What makes two CDX rows the same capture: time, URL and payload digest.

    The archive lists one capture several times (once per WARC that holds it, sometimes with
    lengths that differ by a byte); the memento URL and the bytes are the same for all of them.
    """
    return (record.timestamp, record.original, record.digest)


def parse_cdx(text: str, query: str, seen: set[CaptureKey] | None = None) -> CdxPage:
    """Parse a CDX response in IA text, IA JSON or pywb JSON-lines output.

    `query` is named in error messages (pass the CDX URL). Tolerant of what the real archive
    sends: `-` fields, revisits, impossible timestamps and zero-length rows are kept; repeated
    captures are dropped and counted; rows with unusable URLs (data:, mailto:, no host) are
    dropped and listed in `skipped`. Anything that is not CDX at all raises
    UnexpectedResponseFormat quoting the line. To drop repeats across the pages of one search,
    pass the same `seen` set for every page; it is updated in place.
    """
    if seen is None:
        seen = set()
    stripped = text.strip()
    if not stripped:
        return CdxPage([])
    if stripped.startswith("["):
        return _parse_ia_json(stripped, query, seen)
    if stripped.startswith("{"):
        return _parse_pywb_json(stripped, query, seen)
    return _parse_text(text, query, seen)


def _parse_text(text: str, query: str, seen: set[CaptureKey]) -> CdxPage:
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
    return _records_from_rows(rows, query, resume_key, seen)


def _parse_ia_json(text: str, query: str, seen: set[CaptureKey]) -> CdxPage:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise UnexpectedResponseFormat(text.splitlines()[0], query) from None
    if not isinstance(data, list):
        raise UnexpectedResponseFormat(text.splitlines()[0], query)
    if not data:
        return CdxPage([])
    header = data[0]
    if not isinstance(header, list) or not all(isinstance(name, str) for name in header):
        raise UnexpectedResponseFormat(json.dumps(header), query)
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
    return _records_from_rows(rows, query, resume_key, seen)


def _parse_pywb_json(text: str, query: str, seen: set[CaptureKey]) -> CdxPage:
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
    return _records_from_rows(rows, query, None, seen)


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


def _records_from_rows(
    rows: Iterable[list[str]], query: str, resume_key: str | None, seen: set[CaptureKey]
) -> CdxPage:
    records: list[CdxRecord] = []
    skipped: list[SkippedRow] = []
    duplicates = 0
    for fields in rows:
        line = " ".join(fields)
        urlkey, timestamp, original, mimetype, status, digest, length = fields
        if not timestamp.isdigit() or not 4 <= len(timestamp) <= 14:
            raise UnexpectedResponseFormat(line, query)
        problem = _malformed_original(original)
        if problem:
            skipped.append(SkippedRow(line, problem))
            continue
        record = CdxRecord(
            urlkey=urlkey,
            timestamp=timestamp,
            original=original,
            mimetype=mimetype,
            statuscode=_optional_int(status, line, query),
            digest=digest,
            length=_optional_int(length, line, query),
        )
        key = capture_key(record)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        records.append(record)
    return CdxPage(records, resume_key, skipped, duplicates)


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


class MementoKind(StrEnum):
    """What one memento response means."""

    CAPTURE = "capture"  # a real archived response (any status), with Memento-Datetime
    HISTORICAL_REDIRECT = "historical_redirect"  # an archived 3xx: the page itself moved
    ARCHIVE_REDIRECT = "archive_redirect"  # the archive points to its nearest capture
    BLOCKED = "blocked"
    NO_MEMENTO = "no_memento"
    RATE_LIMITED = "rate_limited"
    ERROR = "error"


class FetchOutcome(StrEnum):
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
    INTERRUPTED = "interrupted"  # scheduled, but the crawl stopped before it was fetched


@dataclass(frozen=True)
class MementoReading:
    """One memento response, read. `location` is absolute and always inside the archive.

    `memento_datetime` is the capture time from the Memento-Datetime header, as a 14-digit
    timestamp; only real captures have it. `retry_after` is set on a live 429, in seconds.
    """

    kind: MementoKind
    status: int
    url: str
    memento_datetime: str | None = None
    location: str | None = None
    reason: str = ""
    retry_after: float | None = None


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value, looked up without regard to case."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def retry_after(headers: Mapping[str, str]) -> float:
    """How long a 429 asks us to wait, in seconds; DEFAULT_RETRY_AFTER when it does not say."""
    value = (header(headers, "Retry-After") or "").strip()
    if value.isdigit():
        return max(float(value), 1.0)
    if value:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return DEFAULT_RETRY_AFTER
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return max((moment - datetime.now(UTC)).total_seconds(), 1.0)
    return DEFAULT_RETRY_AFTER


def read_memento(
    archive: Archive, url: str, status: int, headers: Mapping[str, str], body: bytes = b""
) -> MementoReading:
    """Classify a response to a memento request made with redirects not followed.

    Pass the `body` when you have it: the Wayback Machine reports an excluded (blocked) URL as a
    200 page with no Memento-Datetime, and only the page's text tells it from other errors.
    """
    memento_header = header(headers, "Memento-Datetime")
    memento_datetime = None
    if memento_header:
        try:
            memento_datetime = timestamp_from_http_date(memento_header)
        except ValueError:
            return MementoReading(
                MementoKind.ERROR,
                status,
                url,
                reason=f"unreadable Memento-Datetime {memento_header!r}",
            )
    location = header(headers, "Location")
    if memento_datetime is not None:
        # Any status with Memento-Datetime is an archived response, 404s and 429s included.
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
        found = archive.parse_memento_url(target)
        if found is None:
            return MementoReading(
                MementoKind.ERROR, status, url, reason=f"redirect out of the archive to {target}"
            )
        reason = header(headers, "X-Archive-Redirect-Reason") or "redirect to nearest capture"
        return MementoReading(
            MementoKind.ARCHIVE_REDIRECT, status, url, None, _rebuild(archive, found), reason
        )
    runtime_error = header(headers, "X-Archive-Wayback-Runtime-Error")
    if runtime_error and (status == 403 or "AccessControlException" in runtime_error):
        return MementoReading(MementoKind.BLOCKED, status, url, reason=runtime_error)
    if status < 300 and EXCLUDED_PAGE_MARKER in body:
        return MementoReading(
            MementoKind.BLOCKED, status, url, reason="excluded from the Wayback Machine"
        )
    if status == 404:
        return MementoReading(MementoKind.NO_MEMENTO, status, url, reason=runtime_error or "")
    if status == 429:
        return MementoReading(
            MementoKind.RATE_LIMITED,
            status,
            url,
            reason="429 Too Many Requests",
            retry_after=retry_after(headers),
        )
    if status < 300:
        reason = "no Memento-Datetime: an archive page, not a capture"
    else:
        reason = runtime_error or "not a capture"
    return MementoReading(MementoKind.ERROR, status, url, reason=reason)


def _rebuild(archive: Archive, found: MementoUrl, mode: Mode | str | None = None) -> str:
    """A memento URL on the archive's own base, whatever scheme or form it arrived in."""
    return archive.memento_url(
        found.timestamp, found.original, found.mode if mode is None else mode
    )


def _archive_location(archive: Archive, url: str, location: str, timestamp: str) -> str:
    """Where an archived redirect leads, as a memento URL of this archive at the same time.

    The Wayback Machine rewrites the Location into the archive (absolute, path-only or
    schemeless); pywb sends the live URL, which a crawler must never fetch, so we map it back
    into the archive.
    """
    absolute = urljoin(url, location)
    found = archive.parse_memento_url(absolute)
    if found is not None:
        return _rebuild(archive, found)
    here = archive.parse_memento_url(url)
    original_base = here.original if here else absolute
    mode = here.mode if here else Mode.original
    return archive.memento_url(timestamp, urljoin(original_base, location), mode)


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
    always, and stops on loops. Pure: the caller does the requests and feeds the responses in.

    The window is measured from the capture asked for, so a chain of redirects cannot drift
    further from it than `window`. Every URL to follow is rebuilt in `mode`, so a Location in
    another mode never turns an `id_` trail into rewritten pages.
    """

    archive: Archive
    timestamp: str
    original: str
    window: timedelta = timedelta(hours=24)
    max_hops: int = 10
    visited: list[str] = field(default_factory=list)
    mode: Mode = Mode.original

    @property
    def start_url(self) -> str:
        return self.archive.memento_url(self.timestamp, self.original, self.mode)

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
            pause = reading.retry_after or DEFAULT_RETRY_AFTER
            return Failed(FetchOutcome.RATE_LIMITED, RateLimitError(reading.url, pause))
        return Failed(
            FetchOutcome.HTTP_ERROR,
            MementoPlaybackError(reading.url, reading.status, reading.reason),
        )

    def _follow(self, reading: MementoReading) -> Follow | Failed:
        location = reading.location or ""
        found = self.archive.parse_memento_url(location)
        if found is None:  # read_memento only hands out archive URLs; be safe all the same
            return Failed(
                FetchOutcome.HTTP_ERROR,
                MementoPlaybackError(reading.url, reading.status, f"cannot follow {location}"),
            )
        if _loop_key(self.archive, location) in self.visited:
            return Failed(
                FetchOutcome.REDIRECT_LOOP, RedirectLoopError(location, tuple(self.visited))
            )
        if len(self.visited) > self.max_hops:
            return Failed(
                FetchOutcome.TOO_MANY_REDIRECTS,
                TooManyRedirectsError(self.start_url, self.max_hops),
            )
        if reading.kind is MementoKind.ARCHIVE_REDIRECT:
            distance = abs(parse_timestamp(found.timestamp) - parse_timestamp(self.timestamp))
            if distance > self.window:
                return Failed(
                    FetchOutcome.OUTSIDE_WINDOW,
                    MementoOutsideWindowError(reading.url, self.timestamp, found.timestamp),
                )
        return Follow(
            _rebuild(self.archive, found, self.mode),
            historical=reading.kind is MementoKind.HISTORICAL_REDIRECT,
        )


def _loop_key(archive: Archive, url: str) -> str:
    """Two memento URLs are the same stop when they name the same time and original URL."""
    parsed = archive.parse_memento_url(url)
    return f"{parsed.timestamp}/{parsed.original}" if parsed else url
