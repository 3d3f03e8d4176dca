"""The SQLite file's shape: named migrations for tables, and `ensure_db_shape` for views and FTS.

Tables change only through a new migration appended to MIGRATIONS. Views, the full-text index
and lookup indexes are derived, so `ensure_db_shape` recreates them whenever they differ.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

MIGRATIONS_TABLE = "_migrations"


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string, the format of every `*_at` column."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) the database at `path`, or in memory for ":memory:".

    Enables WAL and foreign keys, applies pending migrations and ensures views and FTS.
    """
    if str(path) == ":memory:":
        db = Database(memory=True)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
        # WAL lets Datasette read the file while a crawl writes to it.
        db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    ensure_db_shape(db)
    return db


# --- migrations -------------------------------------------------------------------------------


def _initial(db: Database) -> None:
    db.create_table(
        "crawl_runs",
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "spider": str,
            "strategy": str,
            "archive": str,
            "args": str,
            "status": str,
            "finish_reason": str,
            "captures_listed": int,
            "captures_new": int,
            "fetched": int,
            "failed": int,
        },
        pk="id",
        not_null=["started_at", "status"],
    )
    db.create_table(
        "sites",
        {"domain": str, "added_at": str},
        pk="domain",
    )
    db.create_table(
        "policies",
        {"id": int, "domain": str, "url": str, "added_at": str},
        pk="id",
        foreign_keys=[("domain", "sites", "domain")],
        not_null=["domain", "url"],
    )
    db.table("policies").create_index(["url"], index_name="policies_url", unique=True)
    db.create_table(
        "captures",
        {
            "id": int,
            "policy_id": int,
            "archive": str,
            "urlkey": str,
            "timestamp": str,
            "original": str,
            "mimetype": str,
            "statuscode": int,
            "digest": str,
            "length": int,
            "first_run_id": int,
        },
        pk="id",
        foreign_keys=[("policy_id", "policies", "id"), ("first_run_id", "crawl_runs", "id")],
        not_null=["policy_id", "archive", "timestamp", "original"],
    )
    db.table("captures").create_index(
        ["policy_id", "archive", "timestamp", "original"], index_name="captures_key", unique=True
    )
    # texts and fetches point at each other; the second link is added once both exist.
    db.create_table(
        "texts",
        {
            "hash": str,
            "markdown": str,
            "title": str,
            "language": str,
            "word_count": int,
            "extractor": str,
            "first_fetch_id": int,
        },
        pk="hash",
    )
    db.create_table(
        "fetches",
        {
            "id": int,
            "capture_id": int,
            "run_id": int,
            "outcome": str,
            "http_status": int,
            "memento_url": str,
            "final_url": str,
            "memento_datetime": str,
            "hops": int,
            "warc_filename": str,
            "warc_offset": int,
            "warc_length": int,
            "payload_digest": str,
            "digest_match": int,
            "error": str,
            "fetched_at": str,
            "text_hash": str,
        },
        pk="id",
        foreign_keys=[
            ("capture_id", "captures", "id"),
            ("run_id", "crawl_runs", "id"),
            ("text_hash", "texts", "hash"),
        ],
        not_null=["capture_id", "outcome", "memento_url", "fetched_at"],
    )
    db.table("texts").add_foreign_key("first_fetch_id", "fetches", "id")
    db.create_table(
        "versions",
        {
            "id": str,
            "policy_id": int,
            "seq": int,
            "text_hash": str,
            "first_capture_id": int,
            "last_capture_id": int,
            "first_seen": str,
            "last_seen": str,
            "capture_count": int,
            "memento_url": str,
        },
        pk="id",
        foreign_keys=[
            ("policy_id", "policies", "id"),
            ("text_hash", "texts", "hash"),
            ("first_capture_id", "captures", "id"),
            ("last_capture_id", "captures", "id"),
        ],
        not_null=["policy_id", "seq", "text_hash", "first_seen", "last_seen"],
    )


Migration = Callable[[Database], None]

# Append only: a migration's name is recorded once it has run, so never rename or reorder one.
MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial", _initial),
]


def migrate(db: Database) -> list[str]:
    """Apply the migrations this database has not seen yet, in order; return their names."""
    db.create_table(MIGRATIONS_TABLE, {"name": str, "applied_at": str}, pk="name", ignore=True)
    done = {row["name"] for row in db.table(MIGRATIONS_TABLE).rows}
    applied: list[str] = []
    for name, migration in MIGRATIONS:
        if name in done:
            continue
        # One transaction per migration, so a failure leaves no half-built schema behind.
        with db.atomic():
            migration(db)
            db.table(MIGRATIONS_TABLE).insert({"name": name, "applied_at": utc_now()})
        applied.append(name)
    return applied


# --- derived shape ----------------------------------------------------------------------------

# The latest attempt at a capture is the fetch row with the highest id: ids grow with each attempt,
# while fetched_at can tie within a second.
_LATEST_FETCH = "(SELECT max(f.id) FROM fetches AS f WHERE f.capture_id = captures.id)"

VIEWS: dict[str, str] = {
    "policy_versions": """
SELECT
  sites.domain AS domain,
  policies.url AS policy_url,
  versions.seq AS seq,
  versions.first_seen AS first_seen,
  versions.last_seen AS last_seen,
  versions.capture_count AS capture_count,
  texts.title AS title,
  texts.word_count AS word_count,
  texts.language AS language,
  versions.memento_url AS memento_url,
  versions.id AS version_id,
  versions.text_hash AS text_hash
FROM versions
JOIN policies ON policies.id = versions.policy_id
JOIN sites ON sites.domain = policies.domain
JOIN texts ON texts.hash = versions.text_hash
ORDER BY sites.domain, policies.url, versions.seq""".strip(),
    "capture_status": f"""
SELECT
  captures.id AS capture_id,
  policies.domain AS domain,
  policies.url AS policy_url,
  captures.archive AS archive,
  captures.timestamp AS timestamp,
  captures.original AS original,
  captures.digest AS digest,
  (SELECT count(*) FROM fetches AS f WHERE f.capture_id = captures.id) AS attempts,
  latest.outcome AS outcome,
  latest.error AS error,
  latest.memento_url AS memento_url,
  latest.fetched_at AS fetched_at,
  latest.text_hash AS text_hash
FROM captures
JOIN policies ON policies.id = captures.policy_id
LEFT JOIN fetches AS latest ON latest.id = {_LATEST_FETCH}
ORDER BY policies.domain, policies.url, captures.timestamp, captures.id""".strip(),
}

# (table, columns, index name): lookups made by save_*, rebuild_versions and the views.
INDEXES: list[tuple[str, list[str], str]] = [
    ("policies", ["domain"], "policies_domain"),
    ("captures", ["policy_id", "timestamp"], "captures_policy_timestamp"),
    ("captures", ["digest"], "captures_digest"),
    ("fetches", ["capture_id"], "fetches_capture"),
    ("fetches", ["run_id"], "fetches_run"),
    ("fetches", ["text_hash"], "fetches_text_hash"),
    ("versions", ["policy_id", "seq"], "versions_policy_seq"),
]


def ensure_db_shape(db: Database) -> None:
    """Create or refresh the full-text index on texts, the views and the lookup indexes.

    Safe to run any number of times: anything already in the wanted shape is left alone.
    """
    db.table("texts").enable_fts(
        ["title", "markdown"], create_triggers=True, tokenize="porter", replace=True
    )
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)
    for table, columns, index_name in INDEXES:
        db.table(table).create_index(columns, index_name=index_name, if_not_exists=True)
