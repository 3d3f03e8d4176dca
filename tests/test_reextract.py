"""Re-extraction from WARC records: new texts and verdicts, and labels on the change points that
appear or vanish because of it rather than because a site changed its policy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from store_fixtures import IA, POLICY_URL, Verdict, cdx_records, extraction, fetch_item

from crawler import pipelines
from crawler.warcfile import WarcFile
from extract.markdown import extract_policy
from policyarchive import reextract as reextract_module
from policyarchive.cli import cli
from policyarchive.reextract import EXTRACTOR_LABEL, reextract
from store.save import save_captures, save_fetch, save_policy, save_text
from store.schema import open_db
from store.versions import rebuild_all_versions

FIRST = "We collect your email address to send you receipts for every order you place."
SECOND = "We never sell personal data, and we delete it when you close your account."
ADDED = "You can ask us for a copy of everything we hold about you at any time."
NOT_FOUND = "Sorry, the page you asked for cannot be found. Try the home page instead."


def page(*paragraphs: str) -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        "<html><head><title>Privacy Policy</title></head><body><main>"
        f"<h1>Privacy Policy</h1>{body}</main></body></html>"
    ).encode()


def fake_classify(
    markdown: str,
    *,
    title: str | None = None,
    language: str | None = None,
    requested_url: str | None = None,
    final_url: str | None = None,
) -> Verdict:
    """Judges by one phrase, so these tests do not hang on the real classifier's rules."""
    if "cannot be found" in markdown:
        return Verdict(False, "soft_404", f"{requested_url} says it cannot be found")
    return Verdict(True, "policy", "")


@pytest.fixture(autouse=True)
def classifier(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pages read from a WARC are judged through the pipeline's helper, stored texts directly.
    for module in (pipelines, reextract_module):
        monkeypatch.setattr(module, "classify", fake_classify)
    monkeypatch.setattr(reextract_module, "CLASSIFIER_VERSION", "fake 1")


@dataclass
class Store:
    db: Database
    path: Path
    warc_dir: Path
    policy_id: int
    capture_ids: list[int]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Four captures: policy v1, v2 (one added sentence), v2 again, and a soft 404.

    An older extractor is said to have stored other texts: v1 for the second capture (it missed
    the added sentence), junk for the third and v2 for the fourth, so the crawl's versions split
    at the third and fourth captures.
    """
    pages = [
        page(FIRST, SECOND),
        page(FIRST, SECOND, ADDED),
        page(FIRST, SECOND, ADDED),
        page(NOT_FOUND),
    ]
    old_texts = [
        extract_policy(pages[0]).markdown,
        extract_policy(pages[0]).markdown,
        "# Privacy Policy\n\nmenu home shop account",
        extract_policy(pages[1]).markdown,
    ]
    path = tmp_path / "policies.db"
    db = open_db(path)
    warc_dir = tmp_path / "warcs"
    warc = WarcFile(warc_dir / "old.warc.gz", "test")
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()[:4]
    save_captures(db, policy_id, IA, records)
    for record, body, markdown in zip(records, pages, old_texts, strict=True):
        position = warc.write_response(
            target_uri=record.original,
            timestamp=record.timestamp,
            status=200,
            headers=[("Content-Type", "text/html; charset=utf-8")],
            body=body,
        )
        item = fetch_item(
            record,
            warc_filename=position.filename,
            warc_offset=position.offset,
            warc_length=position.length,
        )
        save_text(db, save_fetch(db, policy_id, item, None), extraction(markdown))
    warc.close()
    rebuild_all_versions(db)
    capture_ids = [row["id"] for row in db.table("captures").rows_where(order_by="timestamp")]
    return Store(db, path, warc_dir, policy_id, capture_ids)


def version_rows(db: Database) -> list[tuple[object, ...]]:
    return [
        (row["first_seen"], row["capture_count"], row["change_origin"], row["reextraction_id"])
        for row in db.table("versions").rows_where(order_by="policy_id, seq")
    ]


def test_reextraction_labels_the_change_points_it_adds_and_removes(store: Store) -> None:
    assert version_rows(store.db) == [
        ("20190101000000", 2, None, None),
        ("20200101000000", 1, "crawl", None),
        ("20200315080000", 1, "crawl", None),
    ]
    report = reextract(store.db, store.warc_dir)
    assert (report.fetches, report.changed, report.reclassified, report.missing) == (4, 3, 4, [])
    assert (report.versions, report.added_changes, report.removed_changes) == (2, 1, 2)
    label = f"reextraction {EXTRACTOR_LABEL}"
    assert version_rows(store.db) == [
        ("20190101000000", 1, None, None),
        ("20190601120000", 2, label, report.run_id),
    ]
    run = store.db.table("reextractions").get(report.run_id)
    assert (run["extractor"], run["classifier"]) == (EXTRACTOR_LABEL, "fake 1")
    assert (run["changes_added"], run["changes_removed"], run["versions"]) == (1, 2, 2)
    changes = [
        (row["change"], row["capture_id"], row["timestamp"])
        for row in store.db.table("reextraction_changes").rows_where(order_by="capture_id")
    ]
    ids = store.capture_ids
    assert changes == [
        ("added", ids[1], "20190601120000"),
        ("removed", ids[2], "20200101000000"),
        ("removed", ids[3], "20200315080000"),
    ]


def test_the_soft_404_is_classified_and_kept_out_of_the_versions(store: Store) -> None:
    reextract(store.db, store.warc_dir)
    (row,) = store.db.query("SELECT * FROM non_policy_captures")
    assert (row["timestamp"], row["policy_reason"], row["classifier"]) == (
        "20200315080000",
        "soft_404",
        "fake 1",
    )
    last = store.db.execute("SELECT max(last_seen) FROM versions").fetchone()[0]
    assert last == "20200101000000"


def test_reextracting_again_changes_nothing(store: Store) -> None:
    reextract(store.db, store.warc_dir)
    versions = list(store.db.table("versions").rows_where(order_by="id"))
    texts = store.db.table("texts").count
    again = reextract(store.db, store.warc_dir)
    assert (again.changed, again.reclassified, again.added_changes, again.removed_changes) == (
        0,
        0,
        0,
        0,
    )
    assert list(store.db.table("versions").rows_where(order_by="id")) == versions
    assert store.db.table("texts").count == texts
    assert store.db.table("reextractions").count == 2
    # Every raw text seen is kept, the older extractor's junk too: v1, v2, the junk, the 404.
    assert texts == 4


def test_captures_whose_warc_is_missing_keep_their_text_and_are_classified(
    store: Store,
) -> None:
    (store.warc_dir / "old.warc.gz").unlink()
    before = [row["text_hash"] for row in store.db.table("fetches").rows_where(order_by="id")]
    report = reextract(store.db, store.warc_dir)
    assert (report.missing, report.changed, report.reclassified) == (["old.warc.gz"], 0, 4)
    assert [row["text_hash"] for row in store.db.table("fetches").rows_where(order_by="id")] == (
        before
    )
    assert {row["is_policy"] for row in store.db.table("fetches").rows} == {1}
    assert (report.added_changes, report.removed_changes) == (0, 0)


def test_the_extract_command_prints_a_summary_line(store: Store) -> None:
    store.db.close()
    result = CliRunner().invoke(
        cli, ["extract", "--db", str(store.path), "--warcs", str(store.warc_dir)]
    )
    assert result.exit_code == 0, result.output
    assert (
        "extract: fetches=4 changed=3 versions=2 missing_warcs=0 added_changes=1 "
        "removed_changes=2 reclassified=4"
    ) in result.output
    reopened = open_db(store.path)
    assert reopened.table("reextractions").count == 1
