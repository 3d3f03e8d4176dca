"""Extract every stored capture again from its WARC record, then rebuild the versions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from crawler.warcfile import read_payload
from extract.markdown import extract_policy
from store.save import save_text
from store.versions import rebuild_all_versions


@dataclass(frozen=True)
class ReextractReport:
    fetches: int
    changed: int
    missing: list[str]
    versions: int


def reextract(
    db: Database, warc_dir: Path, progress: Callable[[int, int], None] | None = None
) -> ReextractReport:
    """Re-run extraction on each successful fetch's WARC record; nothing is fetched."""
    rows = db.execute(
        """
        SELECT id, warc_filename, warc_offset, final_url, text_hash FROM fetches
        WHERE outcome = 'ok' AND warc_filename IS NOT NULL ORDER BY id
        """
    ).fetchall()
    changed = 0
    missing: list[str] = []
    for done, (fetch_id, filename, offset, final_url, old_hash) in enumerate(rows, 1):
        path = warc_dir / filename
        if not path.exists():
            missing.append(filename)
            continue
        extraction = extract_policy(read_payload(path, offset), final_url)
        if save_text(db, fetch_id, extraction) != old_hash:
            changed += 1
        if progress is not None:
            progress(done, len(rows))
    return ReextractReport(len(rows), changed, sorted(set(missing)), rebuild_all_versions(db))
