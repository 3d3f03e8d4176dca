"""Versions: maximal runs of consecutive captures of a policy that carry the same text.

Versions are derived data. `rebuild_versions` recomputes a policy's rows from its captures and
fetches, so it can run after every crawl or extractor change and leaves identical rows alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from sqlite_utils import Database

from crawler.wayback import FetchOutcome
from store.mementos import memento_url

# CDX rows without a payload digest say "-"; captures added from a fetch alone store "".
_UNKNOWN_DIGESTS = frozenset({"", "-"})


def is_known_digest(digest: str | None) -> bool:
    """Whether a capture's digest names its bytes, so captures sharing it share their text."""
    return digest is not None and digest not in _UNKNOWN_DIGESTS


@dataclass(frozen=True)
class _Capture:
    id: int
    archive: str
    timestamp: str
    original: str
    digest: str
    fetch_id: int | None  # the latest ok fetch that produced a text
    text_hash: str | None
    memento_url: str | None


def _policy_captures(db: Database, policy_id: int) -> list[_Capture]:
    """The policy's captures in time order, each with the text of its latest ok fetch, if any."""
    rows = db.execute(
        """
        SELECT c.id, c.archive, c.timestamp, c.original, c.digest, f.id, f.text_hash, f.memento_url
        FROM captures AS c
        LEFT JOIN fetches AS f ON f.id = (
          SELECT max(g.id) FROM fetches AS g
          WHERE g.capture_id = c.id AND g.outcome = ? AND g.text_hash IS NOT NULL
        )
        WHERE c.policy_id = ?
        ORDER BY c.timestamp, c.id
        """,
        [FetchOutcome.OK.value, policy_id],
    ).fetchall()
    return [_Capture(*row) for row in rows]


def _texts_by_digest(captures: list[_Capture]) -> dict[str, str]:
    """For each digest, the text its most recently fetched capture produced."""
    best: dict[str, tuple[int, str]] = {}
    for capture in captures:
        if capture.fetch_id is None or capture.text_hash is None:
            continue
        if not is_known_digest(capture.digest):
            continue
        current = best.get(capture.digest)
        if current is None or capture.fetch_id > current[0]:
            best[capture.digest] = (capture.fetch_id, capture.text_hash)
    return {digest: text_hash for digest, (_, text_hash) in best.items()}


def compute_versions(db: Database, policy_id: int) -> list[dict[str, Any]]:
    """The version rows a policy should have now, in order, without writing anything."""
    captures = _policy_captures(db, policy_id)
    by_digest = _texts_by_digest(captures)
    placed: list[tuple[_Capture, str]] = []
    for capture in captures:
        # Same digest means same bytes, so a capture never fetched (or whose fetches failed)
        # still belongs to the version its twin's text places it in.
        text_hash = capture.text_hash or by_digest.get(capture.digest)
        if text_hash is not None:
            placed.append((capture, text_hash))

    rows: list[dict[str, Any]] = []
    used_ids: set[str] = set()
    for seq, (text_hash, run) in enumerate(groupby(placed, key=lambda pair: pair[1]), start=1):
        members = [capture for capture, _ in run]
        first, last = members[0], members[-1]
        version_id = f"{policy_id}:{first.timestamp}"
        # Two captures can share a timestamp (another archive, http vs https) yet differ in text.
        suffix = 2
        while version_id in used_ids:
            version_id = f"{policy_id}:{first.timestamp}-{suffix}"
            suffix += 1
        used_ids.add(version_id)
        rows.append(
            {
                "id": version_id,
                "policy_id": policy_id,
                "seq": seq,
                "text_hash": text_hash,
                "first_capture_id": first.id,
                "last_capture_id": last.id,
                "first_seen": first.timestamp,
                "last_seen": last.timestamp,
                "capture_count": len(members),
                "memento_url": first.memento_url
                or memento_url(first.archive, first.timestamp, first.original),
            }
        )
    return rows


def rebuild_versions(db: Database, policy_id: int) -> int:
    """Recompute one policy's versions from its captures; return how many it has.

    Each capture takes the text of its latest ok fetch, or else the text of a capture with the
    same digest; captures with neither are left out. Stale rows are deleted and changed rows
    rewritten, so calling this twice in a row writes nothing the second time.
    """
    wanted = compute_versions(db, policy_id)
    versions = db.table("versions")
    with db.atomic():
        existing = {row["id"]: row for row in versions.rows_where("policy_id = ?", [policy_id])}
        wanted_ids = {row["id"] for row in wanted}
        for stale in existing.keys() - wanted_ids:
            versions.delete(stale)
        changed = [row for row in wanted if existing.get(row["id"]) != row]
        if changed:
            versions.upsert_all(changed, pk="id")
    return len(wanted)


def rebuild_all_versions(db: Database) -> int:
    """Rebuild the versions of every policy; return the total number of versions."""
    policy_ids = [row[0] for row in db.execute("SELECT id FROM policies ORDER BY id").fetchall()]
    return sum(rebuild_versions(db, policy_id) for policy_id in policy_ids)
