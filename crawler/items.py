"""What the spider yields: one dataclass per kind of record the pipelines store."""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.wayback import CdxRecord


@dataclass
class PolicyItem:
    """A site and the policy URL the user asked for."""

    domain: str
    policy_url: str


@dataclass
class CapturesItem:
    """One page of CDX rows listed for a policy."""

    policy_url: str
    archive: str
    records: list[CdxRecord]


@dataclass
class Hop:
    """One HTTP exchange on the way to a memento; every hop is written to the WARC."""

    memento_url: str
    original: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    memento_datetime: str | None  # 14-digit timestamp from Memento-Datetime, or None


@dataclass
class FetchItem:
    """The end of one attempt to fetch a capture, successful or not.

    `outcome` is one of crawler.wayback.FetchOutcome's values. `hops` holds every response
    received, last one final; the WARC pipeline fills the `warc_*` fields and `payload_digest`.
    """

    policy_url: str
    capture_timestamp: str
    capture_original: str
    capture_digest: str | None
    archive: str
    memento_url: str
    outcome: str
    http_status: int | None = None
    final_url: str | None = None
    memento_datetime: str | None = None
    error: str | None = None
    hops: list[Hop] = field(default_factory=list)
    warc_filename: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    payload_digest: str | None = None
    digest_match: bool | None = None

    @property
    def final(self) -> Hop | None:
        return self.hops[-1] if self.hops else None
