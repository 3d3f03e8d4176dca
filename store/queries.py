"""Read-only questions about the store: what a crawl can skip, what failed, and what we hold."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from crawler.wayback import CdxRecord, FetchOutcome
from store.mementos import archive_key
from store.versions import is_known_digest

_OK = FetchOutcome.OK.value


@dataclass
class PolicyState:
    """What the store already knows about one policy in one archive, for an incremental crawl.

    `fetched` holds the timestamps of captures that need no fetch: one of their fetches was ok
    (a later failed retry does not undo it), or they share a digest with a capture of the policy
    that was fetched ok. Every other capture, including each one whose fetches all failed, is due.
    """

    policy_id: int | None
    last_timestamp: str | None
    captures: list[CdxRecord] = field(default_factory=list)
    fetched: set[str] = field(default_factory=set)


def policy_state(db: Database, policy_url: str, archive: str) -> PolicyState:
    """The stored captures of `policy_url` in `archive`; an empty state if the policy is new."""
    found = db.execute("SELECT id FROM policies WHERE url = ?", [policy_url]).fetchone()
    if found is None:
        return PolicyState(policy_id=None, last_timestamp=None)
    policy_id = int(found[0])
    rows = db.execute(
        """
        SELECT c.urlkey, c.timestamp, c.original, c.mimetype, c.statuscode, c.digest, c.length,
          EXISTS (SELECT 1 FROM fetches AS f WHERE f.capture_id = c.id AND f.outcome = ?)
        FROM captures AS c
        WHERE c.policy_id = ? AND c.archive = ?
        ORDER BY c.timestamp, c.id
        """,
        [_OK, policy_id, archive_key(archive)],
    ).fetchall()
    # Digests are compared across all of the policy's archives: equal digests mean equal bytes.
    fetched_digests = {
        digest
        for (digest,) in db.execute(
            """
            SELECT DISTINCT c.digest FROM captures AS c JOIN fetches AS f ON f.capture_id = c.id
            WHERE c.policy_id = ? AND f.outcome = ?
            """,
            [policy_id, _OK],
        ).fetchall()
        if is_known_digest(digest)
    }
    captures: list[CdxRecord] = []
    fetched: set[str] = set()
    for *fields, fetched_ok in rows:
        record = CdxRecord(*fields)
        captures.append(record)
        if fetched_ok or record.digest in fetched_digests:
            fetched.add(record.timestamp)
    last_timestamp = max((record.timestamp for record in captures), default=None)
    return PolicyState(policy_id, last_timestamp, captures, fetched)


@dataclass(frozen=True)
class FailedCapture:
    """A capture whose latest fetch did not succeed, and why."""

    capture_id: int
    domain: str
    policy_url: str
    archive: str
    timestamp: str
    original: str
    outcome: str
    error: str | None
    memento_url: str
    attempts: int
    fetched_at: str


def failed_captures(db: Database) -> list[FailedCapture]:
    """Captures whose latest fetch is not ok, by site, policy and time. Never-fetched ones are
    not listed: nothing has failed for them yet."""
    rows = db.query(
        """
        SELECT capture_id, domain, policy_url, archive, timestamp, original, outcome, error,
          memento_url, attempts, fetched_at
        FROM capture_status
        WHERE outcome IS NOT NULL AND outcome != ?
        """,
        [_OK],
    )
    return [FailedCapture(**row) for row in rows]


@dataclass(frozen=True)
class Summary:
    """Row counts for a report at the end of a run."""

    sites: int
    policies: int
    captures: int
    fetched: int  # fetches made in the run asked about, or all fetches
    versions: int
    failed: int  # captures whose latest fetch failed
    non_policy: int = 0  # captures whose text the classifier judged not a policy


def summary(db: Database, run_id: int | None = None) -> Summary:
    """Count what the store holds; `fetched` counts only run `run_id`'s fetches when given."""

    def count(sql: str, params: list[object] | None = None) -> int:
        return int(db.execute(sql, params or []).fetchone()[0])

    if run_id is None:
        fetched = count("SELECT count(*) FROM fetches")
    else:
        fetched = count("SELECT count(*) FROM fetches WHERE run_id = ?", [run_id])
    return Summary(
        sites=count("SELECT count(*) FROM sites"),
        policies=count("SELECT count(*) FROM policies"),
        captures=count("SELECT count(*) FROM captures"),
        fetched=fetched,
        versions=count("SELECT count(*) FROM versions"),
        failed=count(
            "SELECT count(*) FROM capture_status WHERE outcome IS NOT NULL AND outcome != ?", [_OK]
        ),
        non_policy=count("SELECT count(*) FROM non_policy_captures"),
    )


def last_run_id(db: Database) -> int | None:
    """The id of the most recently started crawl run, or None before the first."""
    row = db.execute("SELECT max(id) FROM crawl_runs").fetchone()
    return None if row[0] is None else int(row[0])


@dataclass(frozen=True)
class VersionSpan:
    """One version on a timeline: the time its text was first and last seen."""

    seq: int
    first_seen: str
    last_seen: str
    capture_count: int
    title: str | None
    word_count: int | None
    words_added: int | None = None  # against the previous version; None for the first
    words_removed: int | None = None


@dataclass(frozen=True)
class CaptureMark:
    """One capture on a timeline; `outcome` is its latest fetch's, None if never fetched.

    `is_policy` is the classifier's verdict on its text, None without a text or a verdict.
    """

    timestamp: str
    outcome: str | None
    is_policy: bool | None = None


@dataclass
class PolicyTimeline:
    policy_id: int
    url: str
    versions: list[VersionSpan] = field(default_factory=list)
    captures: list[CaptureMark] = field(default_factory=list)


@dataclass
class SiteTimeline:
    domain: str
    policies: list[PolicyTimeline] = field(default_factory=list)


def timeline(db: Database) -> list[SiteTimeline]:
    """Every site, its policies, their versions and captures, in time order, for charting."""
    sites: dict[str, SiteTimeline] = {
        domain: SiteTimeline(domain)
        for (domain,) in db.execute("SELECT domain FROM sites ORDER BY domain").fetchall()
    }
    policies: dict[int, PolicyTimeline] = {}
    for policy_id, domain, url in db.execute(
        "SELECT id, domain, url FROM policies ORDER BY domain, url"
    ).fetchall():
        policy = PolicyTimeline(policy_id, url)
        policies[policy_id] = policy
        sites[domain].policies.append(policy)
    for policy_id, *span in db.execute(
        """
        SELECT v.policy_id, v.seq, v.first_seen, v.last_seen, v.capture_count, t.title,
          t.word_count, v.words_added, v.words_removed
        FROM versions AS v LEFT JOIN texts AS t ON t.hash = v.text_hash
        ORDER BY v.policy_id, v.seq
        """
    ).fetchall():
        policies[policy_id].versions.append(VersionSpan(*span))
    for policy_id, timestamp, outcome, is_policy in db.execute(
        """
        SELECT p.id, c.timestamp, c.outcome, c.is_policy
        FROM capture_status AS c JOIN policies AS p ON p.url = c.policy_url
        ORDER BY p.id, c.timestamp, c.capture_id
        """
    ).fetchall():
        verdict = None if is_policy is None else bool(is_policy)
        policies[policy_id].captures.append(CaptureMark(timestamp, outcome, verdict))
    return list(sites.values())
