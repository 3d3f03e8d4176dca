"""The spider speaking the Internet Archive's dialect, against recorded web.archive.org traffic.

The CDX answers are real recorded bodies served at the spider's own query URLs; the mementos
are the recordings themselves, redirects and all.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from crawling import Crawl, crawl
from recordings import RecordingServer, all_recordings, cassette

from crawler.warcfile import sha1_base32
from crawler.wayback import CdxQuery, parse_cdx

pytestmark = pytest.mark.realdata

MOVED_FROM = "https://www.epa.gov/climatechange"
MOVED_TO = "https://www.epa.gov/sites/production/files/signpost/cc.html"
CAPTURE = "20200201023757"


def _recorded_body(name: str, uri_end: str) -> bytes:
    return next(r.body for r in cassette(name) if r.uri.endswith(uri_end))


def _pages() -> list[bytes]:
    """The 15 recorded pages of a paged CDX search, in order."""
    recorded = [r for r in cassette("test_search_multipage") if "/cdx/" in r.uri]
    return [r.body for r in recorded]


@pytest.fixture(scope="module")
def ia_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RecordingServer, Crawl]]:
    work = tmp_path_factory.mktemp("ia")
    with RecordingServer(all_recordings()) as server:
        archive = server.archive
        # The moved policy: one 301 capture, with the digest of its recorded payload.
        moved = _recorded_body(
            "test_get_memento_follows_historical_redirects", f"{CAPTURE}id_/{MOVED_FROM}"
        )
        row = (
            f"gov,epa)/climatechange {CAPTURE} {MOVED_FROM} text/html 301 {sha1_base32(moved)} 0\n"
        )
        server.serve(archive.cdx_url(CdxQuery(MOVED_FROM)), body=row.encode())
        server.serve(archive.cdx_url(CdxQuery(MOVED_TO, from_=CAPTURE)), body=b"")
        # A policy listed over 15 pages, each page's key leading to the next.
        query = CdxQuery("cnn.com")
        key = None
        for body in _pages():
            server.serve(archive.cdx_url(query, key), body=body)
            key = parse_cdx(body.decode(), "recorded").resume_key
        sites = work / "sites.csv"
        sites.write_text(f"domain,policy_url\nepa.gov,{MOVED_FROM}\ncnn.com,cnn.com\n")
        result = crawl(work, f"sites={sites}", f"archive={server.base_url}")
        yield server, result


def test_the_crawl_finishes(ia_crawl: tuple[RecordingServer, Crawl]) -> None:
    _, result = ia_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_an_archived_redirect_is_followed_to_the_moved_policy(
    ia_crawl: tuple[RecordingServer, Crawl],
) -> None:
    server, result = ia_crawl
    fetch = next(
        result.db.query(
            """select f.* from fetches f join captures c on c.id = f.capture_id
               where c.original = ?""",
            [MOVED_FROM],
        )
    )
    # The archived 301, the archive's 302 to its capture six minutes later, and that page.
    assert fetch["outcome"] == "ok" and fetch["hops"] == 3
    assert fetch["final_url"] == MOVED_TO
    assert fetch["memento_datetime"] == "20200201024405"
    assert fetch["digest_match"] == 1 and fetch["text_hash"]
    assert fetch["memento_url"] == f"{server.base_url}/web/{CAPTURE}id_/{MOVED_FROM}"
    # The policy's new home is listed too, from the moment it moved.
    listed = server.requests_to(server.archive.cdx_url(CdxQuery(MOVED_TO, from_=CAPTURE)))
    assert len(listed) == 1


def test_a_paged_listing_is_read_to_the_end_without_repeats(
    ia_crawl: tuple[RecordingServer, Crawl],
) -> None:
    server, result = ia_crawl
    seen: set[tuple[str, str, str]] = set()
    expected = 0
    for body in _pages():
        expected += len(parse_cdx(body.decode(), "recorded", seen).records)
    stored = result.db.execute(
        """select count(*) from captures c join policies p on p.id = c.policy_id
           where p.url = 'cnn.com'"""
    ).fetchone()[0]
    assert stored == expected == len(seen)
    cdx_calls = [r for r in server.requests if "/cdx/" in r.target and "cnn.com" in r.target]
    assert len(cdx_calls) == 15


def test_captures_the_archive_would_not_serve_are_recorded_as_failed(
    ia_crawl: tuple[RecordingServer, Crawl],
) -> None:
    _, result = ia_crawl
    rows = list(
        result.db.query(
            """select cs.outcome, cs.error from capture_status cs join captures c
               on c.id = cs.capture_id join policies p on p.id = c.policy_id
               where p.url = 'cnn.com' and cs.outcome is not null"""
        )
    )
    # These mementos were never recorded, so the replay server answers 599 to each of them.
    assert rows and all(r["outcome"] == "http_error" and "599" in r["error"] for r in rows)
    assert result.last_run()["failed"] == len(rows)
