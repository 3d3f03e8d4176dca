"""Extract and classify every stored capture again from its WARC record, then rebuild versions.

A change point that appears or vanishes in that rebuild is the re-extraction's doing, not the
site's: as Open Terms Archive keeps technical upgrades apart from real changes, each new one is
labelled with the run (versions.change_origin), and every one added or removed is listed in
reextraction_changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from crawler.pipelines import extract_and_classify
from crawler.warcfile import read_payload
from crawler.wayback import FetchOutcome
from extract.classify import CLASSIFIER_VERSION, classify
from extract.markdown import EXTRACTOR_VERSION
from store.save import finish_reextraction, save_text, save_verdict, start_reextraction
from store.versions import change_points, rebuild_all_versions, reextraction_origin

# How a re-extraction names the extractor in reextractions.extractor and in change origins.
EXTRACTOR_LABEL = f"policyarchive-extract {EXTRACTOR_VERSION}"


@dataclass(frozen=True)
class ReextractReport:
    """What one `reextract` did; `run_id` is its row in the reextractions table."""

    run_id: int
    fetches: int  # ok fetches with a WARC record
    changed: int  # of those, the ones whose Markdown changed
    reclassified: int  # fetches whose policy verdict changed, whether re-extracted or not
    missing: list[str]  # WARC files not found; their fetches keep their text
    versions: int
    added_changes: int  # change points that exist only since this run
    removed_changes: int  # change points this run made disappear


def reextract(
    db: Database, warc_dir: Path, progress: Callable[[int, int], None] | None = None
) -> ReextractReport:
    """Re-run extraction and classification on each ok fetch's WARC record; nothing is fetched.

    Fetches whose WARC file is missing keep their text and are classified again from it.
    Versions of every policy are rebuilt, and the change points they gain or lose are recorded
    against the run.
    """
    run_id = start_reextraction(db, extractor=EXTRACTOR_LABEL, classifier=CLASSIFIER_VERSION)
    before = change_points(db)
    rows = db.execute(
        """
        SELECT f.id, f.warc_filename, f.warc_offset, f.final_url, f.text_hash, c.original
        FROM fetches AS f JOIN captures AS c ON c.id = f.capture_id
        WHERE f.outcome = ? AND f.warc_filename IS NOT NULL ORDER BY f.id
        """,
        [FetchOutcome.OK.value],
    ).fetchall()
    changed = reclassified = 0
    missing: set[str] = set()
    redone: set[int] = set()
    for done, (fetch_id, filename, offset, final_url, old_key, original) in enumerate(rows, 1):
        path = warc_dir / filename
        if path.exists():
            extraction, verdict = extract_and_classify(
                read_payload(path, offset), final_url, original
            )
            with db.atomic():
                key = save_text(db, fetch_id, extraction)
                reclassified += save_verdict(db, fetch_id, verdict, CLASSIFIER_VERSION)
            redone.add(fetch_id)
            changed += key != old_key
        else:
            missing.add(filename)
        if progress is not None:
            progress(done, len(rows))
    # Texts not extracted again are still judged by today's rules (and compared by them: the
    # rebuild re-normalizes what an older normalizer hashed).
    reclassified += _classify_stored_texts(db, skip=redone)
    versions = rebuild_all_versions(db, reextraction_origin(run_id, EXTRACTOR_LABEL))
    after = change_points(db)
    added = [after[key] for key in sorted(after.keys() - before.keys())]
    removed = [before[key] for key in sorted(before.keys() - after.keys())]
    finish_reextraction(
        db,
        run_id,
        fetches=len(rows),
        changed=changed,
        reclassified=reclassified,
        missing_warcs=len(missing),
        versions=versions,
        added=added,
        removed=removed,
    )
    return ReextractReport(
        run_id=run_id,
        fetches=len(rows),
        changed=changed,
        reclassified=reclassified,
        missing=sorted(missing),
        versions=versions,
        added_changes=len(added),
        removed_changes=len(removed),
    )


def _classify_stored_texts(db: Database, skip: set[int]) -> int:
    """Classify the stored text of each ok fetch not in `skip`; return how many verdicts changed."""
    rows = db.execute(
        """
        SELECT f.id, t.markdown, t.title, t.language, c.original, f.final_url
        FROM fetches AS f
        JOIN texts AS t ON t.hash = f.text_hash
        JOIN captures AS c ON c.id = f.capture_id
        WHERE f.outcome = ? ORDER BY f.id
        """,
        [FetchOutcome.OK.value],
    )
    changed = 0
    with db.atomic():
        for fetch_id, markdown, title, language, original, final_url in rows:
            if fetch_id in skip:
                continue
            verdict = classify(
                markdown,
                title=title,
                language=language,
                requested_url=original,
                final_url=final_url,
            )
            changed += save_verdict(db, fetch_id, verdict, CLASSIFIER_VERSION)
    return changed
