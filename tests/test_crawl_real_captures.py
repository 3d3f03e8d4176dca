"""Real captures: 100 live captures of 7 real policies (ota-demo), as WARCs served by pywb."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from crawling import Crawl, crawl
from pywb_server import requires_pywb

from replay.corpus import CorpusArchive, build_corpus_archive, load_corpus
from replay.pywb import PywbServer

OTA_DEMO = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "ota-demo"

pytestmark = [
    requires_pywb,
    pytest.mark.realdata,
    pytest.mark.skipif(not OTA_DEMO.is_dir(), reason=f"{OTA_DEMO} is not there"),
]


@pytest.fixture(scope="module")
def ota_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CorpusArchive, Crawl]]:
    built = build_corpus_archive(OTA_DEMO, tmp_path_factory.mktemp("ota"))
    with PywbServer(built.root) as server:
        result = crawl(
            tmp_path_factory.mktemp("crawl"),
            f"sites={built.sites_csv}",
            f"archive={server.archive_url(built.collection)}",
        )
    yield built, result


def test_every_real_capture_is_stored_without_error(ota_crawl: tuple[CorpusArchive, Crawl]) -> None:
    built, result = ota_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    db = result.db
    assert built.captures == 100 and built.policies == 7
    assert db["captures"].count == 100
    outcomes = [row["outcome"] for row in db.query("select outcome from capture_status")]
    assert outcomes == ["ok"] * 100
    clean = db.execute(
        """select count(*) from fetches where outcome = 'ok' and error is null
           and digest_match = 1 and text_hash is not null"""
    ).fetchone()[0]
    assert clean == 100
    assert result.last_run()["failed"] == 0


def test_each_service_keeps_its_captures_in_time_order(
    ota_crawl: tuple[CorpusArchive, Crawl],
) -> None:
    _, result = ota_crawl
    expected: dict[str, list[str]] = {}
    for capture in load_corpus(OTA_DEMO):
        expected.setdefault(capture.url, []).append(capture.timestamp)
    stored: dict[str, list[str]] = {}
    for row in result.db.query(
        "select p.url, c.timestamp from captures c join policies p on p.id = c.policy_id "
        "order by p.url, c.timestamp"
    ):
        stored.setdefault(row["url"], []).append(row["timestamp"])
    assert stored == {url: sorted(stamps) for url, stamps in expected.items()}
