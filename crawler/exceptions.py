"""Errors raised while talking to a Wayback archive or reading crawl input.

Each docstring says what the caller should do. Data lives on attributes, not only in the message,
and every message is one line that names the input.
"""

from __future__ import annotations


class PolicyArchiveError(Exception):
    """Base of every error this project reports to a user as a one-line message."""


class BadInputError(PolicyArchiveError):
    """The user gave input we cannot use. Fix the input named in the message and run again."""


class BadSitesFileError(BadInputError):
    """The sites CSV is unreadable or lacks the `domain` and `policy_url` columns."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(
            f"sites file {path!r}: {problem}; it must be a CSV with columns domain,policy_url"
        )


class UnknownStrategyError(BadInputError):
    """The capture-selection strategy name is not one we know."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"unknown strategy {name!r}; use one of: {', '.join(known)}")


class ArchiveConfigError(BadInputError):
    """The archive URL or dialect setting cannot be used."""


class WaybackError(PolicyArchiveError):
    """Base for errors that come from the archive itself."""


class ArchiveUnreachableError(WaybackError):
    """The archive did not answer at all. Check the archive URL and the network, then rerun."""

    def __init__(self, archive: str, reason: str) -> None:
        self.archive = archive
        self.reason = reason
        super().__init__(
            f"archive {archive} is unreachable ({reason}); check WAYBACK_URL and the network"
        )


class UnexpectedResponseFormat(WaybackError):
    """The archive sent something that is not CDX. Report it; retrying will not help."""

    def __init__(self, line: str, query: str) -> None:
        self.line = line
        self.query = query
        shown = line if len(line) <= 200 else line[:200] + "…"
        super().__init__(f'Could not parse CDX output: "{shown}" (query: {query})')


class BlockedSiteError(WaybackError):
    """The archive refuses to serve this URL (403 with X-Archive-Wayback-Runtime-Error). Skip it."""

    def __init__(self, url: str, reason: str = "") -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"the archive blocks {url}" + (f": {reason}" if reason else ""))


class NoMementoError(WaybackError):
    """The archive has no memento for this URL and time (404). Nothing to fetch."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"no memento at {url}")


class MementoOutsideWindowError(WaybackError):
    """The archive redirected to a capture too far from the one asked for. Widen the window."""

    def __init__(self, url: str, target: str, found: str) -> None:
        self.url = url
        self.target = target
        self.found = found
        super().__init__(
            f"{url}: nearest capture {found} is outside the window around {target}; "
            "raise MEMENTO_WINDOW to accept it"
        )


class RedirectLoopError(WaybackError):
    """The memento's redirects come back to a URL already visited. The capture is unusable."""

    def __init__(self, url: str, chain: tuple[str, ...]) -> None:
        self.url = url
        self.chain = chain
        super().__init__(f"redirect loop at {url} after {len(chain)} hops")


class TooManyRedirectsError(WaybackError):
    """The memento redirected more than the allowed number of hops."""

    def __init__(self, url: str, hops: int) -> None:
        self.url = url
        self.hops = hops
        super().__init__(f"more than {hops} redirects from {url}")


class RateLimitError(WaybackError):
    """The archive answered 429. Stop all requests for at least `retry_after` seconds."""

    def __init__(self, url: str, retry_after: float) -> None:
        self.url = url
        self.retry_after = retry_after
        super().__init__(f"rate limited at {url}; pause for {retry_after:.0f} s")


class ArchiveHTTPError(WaybackError):
    """The archive answered with an HTTP status we cannot use.

    A 5xx is the archive's own trouble: retry later. Any other status will not change on retry;
    `status` and `reason` say what came back.
    """

    def __init__(self, url: str, status: int, reason: str = "") -> None:
        self.url = url
        self.status = status
        self.reason = reason
        super().__init__(f"HTTP {status} from {url}" + (f": {reason}" if reason else ""))

    @property
    def is_transient(self) -> bool:
        return self.status >= 500


class MementoPlaybackError(ArchiveHTTPError):
    """The archive answered a memento request with something that is not a capture: an archive
    page without Memento-Datetime, a redirect out of the archive, or an error. Skip the capture."""
