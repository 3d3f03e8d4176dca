"""End to end: the real spider against the real pywb serving the bundled sample archive."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawling import Crawl, crawl
from pywb_server import fetch, requires_pywb
from warcio.archiveiterator import ArchiveIterator

from crawler.warcfile import SOURCE_HEADER, sha1_base32
from replay.collection import build_collection
from replay.pywb import PywbServer
from replay.sample import SampleArchive, build_sample, load_sample, sample_dir

pytestmark = [requires_pywb]

OLD_URL = "http://www.northwind-outfitters.example/privacy.html"
NEW_URL = "https://www.northwind-outfitters.example/legal/privacy-policy"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SampleArchive, str]]:
    built = build_sample(tmp_path_factory.mktemp("sample"))
    with PywbServer(built.root) as server:
        yield built, server.archive_url(built.collection)


@pytest.fixture(scope="module")
def first_crawl(
    sample: tuple[SampleArchive, str], tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    built, archive = sample
    work = tmp_path_factory.mktemp("crawl")
    # The politeness defaults are kept here on purpose: the demo crawl runs with them too.
    return crawl(work, f"sites={built.sites_csv}", f"archive={archive}", settings=())


def test_every_capture_is_listed_fetched_and_stored(first_crawl: Crawl) -> None:
    assert first_crawl.returncode == 0, first_crawl.stderr[-3000:]
    db = first_crawl.db
    manifest = load_sample(sample_dir())
    assert db["captures"].count == len(manifest) == 22
    outcomes = [row["outcome"] for row in db.query("select outcome from capture_status")]
    assert outcomes == ["ok"] * 22
    # Every page was extracted: the 1999-2003 nested layout tables included.
    assert (
        db.execute(
            "select count(*) from fetches where text_hash is null or error is not null"
        ).fetchone()[0]
        == 0
    )
    assert db["sites"].count == 3
    run = first_crawl.last_run()
    assert run["status"] == "finished" and run["fetched"] == 22 and run["failed"] == 0
    assert "progress: listed 3/3 policies" in first_crawl.stderr


def test_the_moved_policy_is_followed_to_its_new_url(first_crawl: Crawl) -> None:
    db = first_crawl.db
    moved = next(
        db.query(
            """select f.final_url, f.hops, c.statuscode from fetches f join captures c
               on c.id = f.capture_id where c.original = ? and c.statuscode = 301""",
            [OLD_URL],
        )
    )
    # The archived 301, pywb's 307 to the new URL's capture 7 s later, and that capture.
    assert moved == {"final_url": NEW_URL, "hops": 3, "statuscode": 301}
    # After the move the new URL's own later captures belong to the same policy.
    policy_ids = {
        row["policy_id"]
        for row in db.query("select policy_id from captures where original = ?", [NEW_URL])
    }
    assert len(policy_ids) == 1
    new_captures = db.execute(
        "select count(*) from captures where original = ?", [NEW_URL]
    ).fetchone()[0]
    assert new_captures == 3


def test_versions_are_runs_of_identical_text(first_crawl: Crawl) -> None:
    db = first_crawl.db
    counts = dict(
        db.execute(
            """select p.domain, count(*) from versions v join policies p on p.id = v.policy_id
               group by p.domain"""
        ).fetchall()
    )
    assert counts["northwind-outfitters.example"] == 6
    assert counts["quillfeather-press.example"] == 4
    assert counts["tallgrass-fitness.example"] == 5
    # A run of captures with the same text is one version with the right bounds.
    spans = list(
        db.query(
            """select first_seen, last_seen, capture_count from versions v join policies p
               on p.id = v.policy_id where p.domain = 'tallgrass-fitness.example' order by seq"""
        )
    )
    assert spans[2] == {
        "first_seen": "20180521063015",
        "last_seen": "20180905192748",
        "capture_count": 2,
    }
    # Every distinct policy text (after normalization) is one version here: no text recurs.
    policy_texts = db.execute(
        """select count(distinct t.normalized_hash) from texts t
           join fetches f on f.text_hash = t.hash where f.is_policy = 1"""
    ).fetchone()[0]
    assert policy_texts == db["versions"].count == 15
    # The soft 404 is stored, classified, and kept out of the versions.
    soft = next(db.query("select * from capture_status where timestamp = '20140807215940'"))
    assert soft["is_policy"] == 0 and soft["policy_reason"] == "soft_404"


def test_warc_records_carry_the_capture_and_pywb_replays_them(
    first_crawl: Crawl, tmp_path: Path
) -> None:
    db = first_crawl.db
    warcs = sorted(first_crawl.warc_dir.glob("*.warc.gz"))
    assert warcs
    records = []
    for path in warcs:
        with path.open("rb") as stream:
            records += [
                (
                    r.rec_headers.get_header("WARC-Target-URI"),
                    r.rec_headers.get_header("WARC-Date"),
                    r.rec_headers.get_header(SOURCE_HEADER),
                    r.http_headers.get_statuscode(),
                    r.content_stream().read(),
                )
                for r in ArchiveIterator(stream)
                if r.rec_type == "response"
            ]
    # 22 captures, plus the page the 301 led to.
    assert len(records) == 23
    by_target = {(uri, date): (source, status, body) for uri, date, source, status, body in records}
    source, status, body = by_target[(OLD_URL, "1999-04-27T08:32:15Z")]
    assert status == "200" and source.endswith("/19990427083215id_/" + OLD_URL)
    original = (
        sample_dir() / "sites/northwind-outfitters.example/19990427083215.html"
    ).read_bytes()
    assert body == original
    # Each fetch row points at its record and its payload digest matches the CDX digest.
    mismatches = db.execute("select count(*) from fetches where digest_match = 0").fetchone()[0]
    assert mismatches == 0
    row = next(
        db.query(
            """select warc_filename, warc_offset, payload_digest from fetches f
               join captures c on c.id = f.capture_id where c.timestamp = '19990427083215'"""
        )
    )
    assert row["payload_digest"] == sha1_base32(original)

    root = tmp_path / "replay"
    build_collection(root, "crawled", warcs)
    with PywbServer(root) as server:
        reply = fetch(server.archive_url("crawled") + "/19990427083215id_/" + OLD_URL)
        assert reply.status == 200 and reply.body == original
        moved = fetch(server.archive_url("crawled") + "/20120815102233id_/" + OLD_URL)
        assert moved.status == 301 and moved.header("Location") == NEW_URL


def test_a_second_crawl_adds_nothing_and_fetches_nothing(
    sample: tuple[SampleArchive, str], first_crawl: Crawl, tmp_path: Path
) -> None:
    built, archive = sample
    shutil.copy(first_crawl.db_path, tmp_path / "policies.db")
    before = {t: first_crawl.db[t].count for t in ("captures", "fetches", "texts", "versions")}
    again = crawl(tmp_path, f"sites={built.sites_csv}", f"archive={archive}")
    assert again.returncode == 0, again.stderr[-3000:]
    after = {t: again.db[t].count for t in ("captures", "fetches", "texts", "versions")}
    assert after == before
    assert again.last_run()["fetched"] == 0
    assert "Crawled" not in again.stderr or "id_/" not in _crawled_lines(again.stderr)


def _crawled_lines(log: str) -> str:
    return "\n".join(line for line in log.splitlines() if "Crawled (" in line)


def test_a_later_crawl_fetches_only_newer_captures(
    sample: tuple[SampleArchive, str], tmp_path: Path
) -> None:
    built, archive = sample
    early = crawl(tmp_path, f"sites={built.sites_csv}", f"archive={archive}", "to=2012")
    assert early.returncode == 0, early.stderr[-3000:]
    first = early.last_run()
    later = crawl(tmp_path, f"sites={built.sites_csv}", f"archive={archive}")
    assert later.returncode == 0, later.stderr[-3000:]
    second = later.last_run()
    fetched_before = first["fetched"]
    assert isinstance(fetched_before, int) and 0 < fetched_before < 22
    assert second["fetched"] == 22 - fetched_before
    assert later.db["captures"].count == 22
    refetched = later.db.execute(
        """select count(*) from (select capture_id from fetches group by capture_id
           having count(*) > 1)"""
    ).fetchone()[0]
    assert refetched == 0


def test_interval_strategy_takes_one_capture_per_interval(
    sample: tuple[SampleArchive, str], tmp_path: Path
) -> None:
    built, archive = sample
    result = crawl(
        tmp_path,
        f"sites={built.sites_csv}",
        f"archive={archive}",
        "strategy=interval",
        "interval=year",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    years = result.db.execute(
        """select p.domain, substr(c.timestamp, 1, 4) as year, count(*) from fetches f
           join captures c on c.id = f.capture_id join policies p on p.id = c.policy_id
           group by p.domain, year"""
    ).fetchall()
    assert years and all(count == 1 for _, _, count in years)
    # Tallgrass has two captures in 2018 and two in 2023-2024 spread over two years.
    tallgrass = sorted(year for domain, year, _ in years if domain == "tallgrass-fitness.example")
    assert tallgrass == ["2012", "2016", "2018", "2020", "2023", "2024"]


def test_an_interrupted_crawl_resumes_from_its_jobdir(
    sample: tuple[SampleArchive, str], first_crawl: Crawl, tmp_path: Path
) -> None:
    built, archive = sample
    jobdir = tmp_path / "job"
    args = (f"sites={built.sites_csv}", f"archive={archive}")
    settings = (
        "-s",
        f"JOBDIR={jobdir}",
        "-s",
        "CDX_CALLS_PER_SECOND=50",
        "-s",
        "MEMENTOS_PER_SECOND=2",
    )
    stopped = crawl(tmp_path, *args, settings=(*settings, "-s", "CLOSESPIDER_ITEMCOUNT=12"))
    assert stopped.returncode == 0, stopped.stderr[-3000:]
    assert stopped.last_run()["finish_reason"] == "closespider_itemcount"
    done_before = stopped.db.execute(
        "select count(*) from capture_status where outcome = 'ok'"
    ).fetchone()[0]
    assert 0 < done_before < 22
    resumed = crawl(tmp_path, *args, settings=settings)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "Resuming crawl" in resumed.stderr
    ok = resumed.db.execute("select count(*) from capture_status where outcome = 'ok'").fetchone()[
        0
    ]
    assert ok == 22
    spans = """select p.domain, v.first_seen, v.last_seen, v.capture_count, v.text_hash
               from versions v join policies p on p.id = v.policy_id order by 1, 2"""
    assert resumed.db.execute(spans).fetchall() == first_crawl.db.execute(spans).fetchall()
