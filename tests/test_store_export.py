"""export_corpus: one Markdown file per version, named for its day, with a provenance header."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlite_utils import Database
from store_fixtures import IA, POLICY_URL, PYWB, cdx_records, crawl, fixture_text

from crawler.exceptions import BadInputError
from extract.provenance import provenance_header, render_version
from store.export import export_corpus
from store.schema import open_db
from store.versions import rebuild_all_versions


@pytest.fixture
def db() -> Database:
    """The fixture policy crawled, with its versions built."""
    db = open_db(":memory:")
    crawl(db, "example.com", POLICY_URL, IA, cdx_records(), "AABBA")
    rebuild_all_versions(db)
    return db


def test_one_file_per_version_named_for_its_day(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "data" / "corpus"
    paths = export_corpus(db, out)
    assert [path.relative_to(out).as_posix() for path in paths] == [
        "example.com/2019-01-01.md",
        "example.com/2020-01-01.md",
        "example.com/2021-01-01.md",
    ]
    assert sorted(out.rglob("*.md")) == sorted(paths)


def test_file_is_header_title_and_markdown(db: Database, tmp_path: Path) -> None:
    paths = export_corpus(db, tmp_path)
    text = fixture_text("B")
    expected = render_version(
        provenance_header("example.com", "20200101000000", POLICY_URL, f"{IA}/web/"),
        text.title,
        text.markdown,
    )
    content = paths[1].read_text(encoding="utf-8")
    assert content == expected
    header, title, body = content.split("\n\n", 2)
    assert header.startswith("> ")
    assert f"{IA}/web/20200101000000id_/" in header
    assert title == "# Privacy Notice"
    assert "cookies for analytics" in body
    assert content.endswith("\n") and not content.endswith("\n\n")


def test_versions_on_the_same_day_get_suffixes(tmp_path: Path) -> None:
    db = open_db(":memory:")
    base = cdx_records()[0]
    same_day = [
        base._replace(timestamp=f"20190101{hour:02d}0000", digest=f"D{hour}") for hour in range(4)
    ]
    crawl(db, "example.com", POLICY_URL, IA, same_day, "ABAB")
    rebuild_all_versions(db)
    names = [path.name for path in export_corpus(db, tmp_path)]
    assert names == ["2019-01-01.md", "2019-01-01-2.md", "2019-01-01-3.md", "2019-01-01-4.md"]
    # Names depend only on the data: exporting again gives the same files, same contents.
    before = {path: path.read_text() for path in tmp_path.rglob("*.md")}
    assert [path.name for path in export_corpus(db, tmp_path)] == names
    assert {path: path.read_text() for path in tmp_path.rglob("*.md")} == before


def test_export_again_leaves_files_untouched(db: Database, tmp_path: Path) -> None:
    paths = export_corpus(db, tmp_path)
    # Back-date every file, so an unneeded rewrite would show as a changed mtime.
    old = 1_000_000_000 * 10**9
    for path in paths:
        os.utime(path, ns=(old, old))
    assert export_corpus(db, tmp_path) == paths
    assert [path.stat().st_mtime_ns for path in paths] == [old] * len(paths)


def test_pywb_capture_links_into_its_collection(tmp_path: Path) -> None:
    db = open_db(":memory:")
    crawl(db, "example.com", POLICY_URL, PYWB, cdx_records()[:1], "A")
    rebuild_all_versions(db)
    (path,) = export_corpus(db, tmp_path)
    assert f"({PYWB}/20190101000000id_/" in path.read_text()


def test_memento_prefix_overrides_the_archive(db: Database, tmp_path: Path) -> None:
    prefix = "https://mirror.example/wayback/"
    paths = export_corpus(db, tmp_path, memento_prefix=prefix)
    assert f"({prefix}20190101000000id_/" in paths[0].read_text()


def test_domain_that_is_a_path_is_refused(tmp_path: Path) -> None:
    db = open_db(":memory:")
    crawl(db, "../escape", POLICY_URL, IA, cdx_records()[:1], "A")
    rebuild_all_versions(db)
    with pytest.raises(BadInputError, match="escape"):
        export_corpus(db, tmp_path / "corpus")
    assert not (tmp_path / "escape").exists()
