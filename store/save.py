"""`save_*(db, ...)`: write crawl results with sqlite-utils, keyed so that saving again is a no-op.

Fetches are the exception by design: every attempt gets its own row, so retries stay visible.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from sqlite_utils import Database
from sqlite_utils.db import Table

from crawler.items import FetchItem
from crawler.wayback import CdxRecord, FetchOutcome
from extract.normalize import NORMALIZER_VERSION
from store.mementos import archive_key
from store.schema import markdown_hash, utc_now
from store.versions import ChangePoint

RUN_STATUSES = ("running", "finished", "failed")


class ExtractedText(Protocol):
    """The fields of `extract.markdown.Extraction` that the store keeps."""

    @property
    def markdown(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def language(self) -> str | None: ...
    @property
    def word_count(self) -> int: ...
    @property
    def text_hash(self) -> str: ...  # of the normalized text
    @property
    def extractor(self) -> str: ...


class PolicyVerdict(Protocol):
    """The fields of `extract.classify.Verdict` that the store keeps."""

    @property
    def is_policy(self) -> bool: ...
    @property
    def reason(self) -> str: ...
    @property
    def detail(self) -> str: ...


def save_policy(db: Database, domain: str, policy_url: str) -> int:
    """Record a site and its policy URL; return the policy's id, the same on every run.

    The domain given last wins if the policy URL was filed under another site before.
    """
    with db.atomic():
        db.table("sites").insert(
            {"domain": domain, "added_at": utc_now()}, pk="domain", ignore=True
        )
        existing = _policy_id(db, policy_url)
        if existing is None:
            policies = db.table("policies").insert(
                {"domain": domain, "url": policy_url, "added_at": utc_now()}
            )
            return _inserted_id(policies)
        policy_id, old_domain = existing
        if old_domain != domain:
            db.table("policies").update(policy_id, {"domain": domain})
        return policy_id


def _inserted_id(table: Table) -> int:
    """The integer id of the row a single-row insert on `table` just wrote."""
    if table.last_pk is None:
        raise RuntimeError(f"sqlite-utils reported no id for the row inserted into {table.name}")
    return int(table.last_pk)


def _policy_id(db: Database, policy_url: str) -> tuple[int, str] | None:
    row = db.execute("SELECT id, domain FROM policies WHERE url = ?", [policy_url]).fetchone()
    return (int(row[0]), str(row[1])) if row else None


def save_captures(
    db: Database,
    policy_id: int,
    archive: str,
    records: Iterable[CdxRecord],
    run_id: int | None = None,
) -> int:
    """Insert the CDX rows not stored yet for this policy and archive; return how many were new.

    Rows already stored keep every column, including the run that first listed them.
    """
    archive = archive_key(archive)
    with db.atomic():
        known = {
            (timestamp, original)
            for timestamp, original in db.execute(
                "SELECT timestamp, original FROM captures WHERE policy_id = ? AND archive = ?",
                [policy_id, archive],
            ).fetchall()
        }
        rows: list[dict[str, Any]] = []
        for record in records:
            key = (record.timestamp, record.original)
            if key in known:
                continue
            known.add(key)  # a CDX page can repeat a row
            rows.append(
                {
                    "policy_id": policy_id,
                    "archive": archive,
                    "urlkey": record.urlkey,
                    "timestamp": record.timestamp,
                    "original": record.original,
                    "mimetype": record.mimetype,
                    "statuscode": record.statuscode,
                    "digest": record.digest,
                    "length": record.length,
                    "first_run_id": run_id,
                }
            )
        if rows:
            db.table("captures").insert_all(rows)
    return len(rows)


def save_fetch(db: Database, policy_id: int, item: FetchItem, run_id: int | None) -> int:
    """Record one attempt to fetch a capture, adding the capture if it was never listed.

    Returns the new fetch row's id. Raises ValueError if `item.outcome` is not a FetchOutcome.
    """
    outcome = FetchOutcome(item.outcome).value
    archive = archive_key(item.archive)
    with db.atomic():
        capture_id = _capture_id(
            db, policy_id, archive, item.capture_timestamp, item.capture_original
        )
        if capture_id is None:
            # A fetch can arrive for a capture its CDX page never delivered (a retry queued
            # from an older run); what the CDX would have said beyond the item is unknown.
            captures = db.table("captures").insert(
                {
                    "policy_id": policy_id,
                    "archive": archive,
                    "urlkey": "",
                    "timestamp": item.capture_timestamp,
                    "original": item.capture_original,
                    "mimetype": "",
                    "statuscode": None,
                    "digest": item.capture_digest or "",
                    "length": None,
                    "first_run_id": run_id,
                }
            )
            capture_id = _inserted_id(captures)
        fetches = db.table("fetches").insert(
            {
                "capture_id": capture_id,
                "run_id": run_id,
                "outcome": outcome,
                "http_status": item.http_status,
                "memento_url": item.memento_url,
                "final_url": item.final_url,
                "memento_datetime": item.memento_datetime,
                "hops": len(item.hops),
                "warc_filename": item.warc_filename,
                "warc_offset": item.warc_offset,
                "warc_length": item.warc_length,
                "payload_digest": item.payload_digest,
                "digest_match": None if item.digest_match is None else int(item.digest_match),
                "error": item.error,
                "fetched_at": utc_now(),
                "text_hash": None,
            }
        )
        return _inserted_id(fetches)


def _capture_id(
    db: Database, policy_id: int, archive: str, timestamp: str, original: str
) -> int | None:
    row = db.execute(
        "SELECT id FROM captures"
        " WHERE policy_id = ? AND archive = ? AND timestamp = ? AND original = ?",
        [policy_id, archive, timestamp, original],
    ).fetchone()
    return int(row[0]) if row else None


def save_text(db: Database, fetch_id: int, extraction: ExtractedText) -> str:
    """Store the Markdown extracted from a fetch (once per distinct Markdown) and link the fetch.

    Returns the key of the text, the hash of its raw Markdown; `extraction.text_hash` is kept as
    its normalized_hash. Raises sqlite_utils.db.NotFoundError if the fetch does not exist.
    """
    key = markdown_hash(extraction.markdown)
    with db.atomic():
        # Checked first so a missing fetch fails the same way whether or not FKs are enforced.
        fetches = db.table("fetches")
        fetches.get(fetch_id)
        texts = db.table("texts")
        texts.insert(
            {
                "hash": key,
                "normalized_hash": extraction.text_hash,
                "normalizer": NORMALIZER_VERSION,
                "markdown": extraction.markdown,
                "title": extraction.title,
                "language": extraction.language,
                "word_count": extraction.word_count,
                "extractor": extraction.extractor,
                "first_fetch_id": fetch_id,
            },
            pk="hash",
            ignore=True,
        )
        # A newer normalizer can compare the same Markdown differently; the latest one wins.
        db.execute(
            "UPDATE texts SET normalized_hash = ?, normalizer = ?"
            " WHERE hash = ? AND (normalized_hash IS NOT ? OR normalizer IS NOT ?)",
            [
                extraction.text_hash,
                NORMALIZER_VERSION,
                key,
                extraction.text_hash,
                NORMALIZER_VERSION,
            ],
        )
        db.execute(
            "UPDATE fetches SET text_hash = ? WHERE id = ? AND text_hash IS NOT ?",
            [key, fetch_id, key],
        )
    return key


def save_verdict(db: Database, fetch_id: int, verdict: PolicyVerdict, classifier: str) -> bool:
    """Record whether the text of a fetch is a privacy policy, why, and by which classifier.

    Returns whether the stored verdict changed. Raises sqlite_utils.db.NotFoundError if the
    fetch does not exist.
    """
    fetches = db.table("fetches")
    before = fetches.get(fetch_id)
    row = {
        "is_policy": int(verdict.is_policy),
        "policy_reason": str(verdict.reason),
        "policy_detail": verdict.detail,
        "classifier": classifier,
    }
    if all(before[column] == value for column, value in row.items()):
        return False
    fetches.update(fetch_id, row)
    return True


def start_reextraction(db: Database, *, extractor: str, classifier: str) -> int:
    """Open a re-extraction run; return its id for finish_reextraction and change labels."""
    runs = db.table("reextractions").insert(
        {
            "started_at": utc_now(),
            "finished_at": None,
            "extractor": extractor,
            "classifier": classifier,
        }
    )
    return _inserted_id(runs)


def finish_reextraction(
    db: Database,
    reextraction_id: int,
    *,
    fetches: int,
    changed: int,
    reclassified: int,
    missing_warcs: int,
    versions: int,
    added: Iterable[ChangePoint],
    removed: Iterable[ChangePoint],
) -> None:
    """Close a re-extraction run with its counters and the change points it added and removed.

    Raises sqlite_utils.db.NotFoundError for an unknown run.
    """
    rows = [
        _change_row(reextraction_id, point, change)
        for change, points in (("added", added), ("removed", removed))
        for point in points
    ]
    with db.atomic():
        db.table("reextractions").update(
            reextraction_id,
            {
                "finished_at": utc_now(),
                "fetches": fetches,
                "changed": changed,
                "reclassified": reclassified,
                "missing_warcs": missing_warcs,
                "versions": versions,
                "changes_added": sum(row["change"] == "added" for row in rows),
                "changes_removed": sum(row["change"] == "removed" for row in rows),
            },
        )
        if rows:
            db.table("reextraction_changes").upsert_all(
                rows, pk=("reextraction_id", "policy_id", "capture_id")
            )


def _change_row(reextraction_id: int, point: ChangePoint, change: str) -> dict[str, Any]:
    return {
        "reextraction_id": reextraction_id,
        "policy_id": point.policy_id,
        "capture_id": point.capture_id,
        "change": change,
        "timestamp": point.timestamp,
        "version_id": point.version_id,
    }


def start_run(
    db: Database, *, spider: str, strategy: str, archive: str, args: Mapping[str, str]
) -> int:
    """Open a crawl run in status 'running'; return its id for save_* and finish_run."""
    runs = db.table("crawl_runs").insert(
        {
            "started_at": utc_now(),
            "finished_at": None,
            "spider": spider,
            "strategy": strategy,
            "archive": archive_key(archive),
            "args": json.dumps(dict(args), sort_keys=True),
            "status": "running",
            "finish_reason": None,
            "captures_listed": 0,
            "captures_new": 0,
            "fetched": 0,
            "failed": 0,
        }
    )
    return _inserted_id(runs)


def finish_run(
    db: Database,
    run_id: int,
    *,
    status: str,
    finish_reason: str,
    captures_listed: int,
    captures_new: int,
    fetched: int,
    failed: int,
) -> None:
    """Close a crawl run with its final status and counters.

    Raises ValueError for a status other than running/finished/failed, and
    sqlite_utils.db.NotFoundError for an unknown run.
    """
    if status not in RUN_STATUSES:
        raise ValueError(f"crawl run status {status!r} is unknown; use one of {RUN_STATUSES}")
    db.table("crawl_runs").update(
        run_id,
        {
            "finished_at": utc_now(),
            "status": status,
            "finish_reason": finish_reason,
            "captures_listed": captures_listed,
            "captures_new": captures_new,
            "fetched": fetched,
            "failed": failed,
        },
    )
