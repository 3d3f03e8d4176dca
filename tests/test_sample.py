"""The sample archive: its sources keep their promises, and pywb serves them as promised."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from pywb_server import cdx_rows, fetch, requires_pywb

from crawler.warcfile import sha1_base32
from replay.pywb import PywbServer
from replay.sample import SampleArchive, SampleCapture, build_sample, load_sample, sample_dir
from replay.warcs import capture_datetime

REDIRECT_FROM = "http://www.northwind-outfitters.example/privacy.html"
REDIRECT_TO = "https://www.northwind-outfitters.example/legal/privacy-policy"
SOFT_404 = ("http://www.quillfeather-press.example/about/privacy.php", "20140807215940")


@pytest.fixture(scope="module")
def captures() -> list[SampleCapture]:
    return load_sample()


def sites_csv() -> list[dict[str, str]]:
    with (sample_dir() / "sites.csv").open(newline="") as listing:
        return list(csv.DictReader(listing))


def host(url: str) -> str:
    return urlsplit(url).hostname or ""


def site_of(url: str) -> str:
    return ".".join(host(url).split(".")[-2:])


def page_key(url: str) -> str:
    """A URL without its scheme: the archive lists http and https captures of a page together."""
    parts = urlsplit(url)
    return parts.netloc + parts.path


# --- the sources ----------------------------------------------------------------------------------


def test_only_reserved_example_names_and_small_files(captures: list[SampleCapture]) -> None:
    urls = [c.url for c in captures] + [c.location for c in captures if c.location]
    urls += [site["policy_url"] for site in sites_csv()]
    assert all(host(url).endswith(".example") for url in urls)
    files = [p for p in sample_dir().rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert sum(p.stat().st_size for p in files) < 300_000
    assert all(p.stat().st_size < 10_000 for p in files if p.suffix == ".html")
    # Every HTML file is used, so nothing stale ships.
    used = {c.html for c in captures if c.html}
    assert {p for p in files if p.suffix == ".html"} == used


def test_three_sites_spread_over_1999_to_2024(captures: list[SampleCapture]) -> None:
    by_site: dict[str, list[SampleCapture]] = defaultdict(list)
    for capture in captures:
        by_site[site_of(capture.url)].append(capture)
    assert len(by_site) >= 3
    assert {site["domain"] for site in sites_csv()} == set(by_site)
    assert all(3 <= len(group) <= 8 for group in by_site.values())
    years = sorted(int(c.timestamp[:4]) for c in captures)
    assert years[0] == 1999
    assert years[-1] == 2024


def test_text_versions_are_fewer_than_policy_captures(captures: list[SampleCapture]) -> None:
    for site in {site_of(c.url) for c in captures}:
        pages = [c for c in captures if site_of(c.url) == site and c.version is not None]
        versions = [c.version for c in pages if c.version is not None]
        assert versions == sorted(versions), f"{site}: versions must only grow"
        assert len(set(versions)) < len(pages), f"{site}: no capture repeats a text"
        # Captures that repeat a text still differ in their bytes (tokens, ads, nonces).
        assert len({sha1_base32(c.html.read_bytes()) for c in pages if c.html}) == len(pages)


def test_policy_moves_by_a_301_crawled_just_before_the_new_url(
    captures: list[SampleCapture],
) -> None:
    listed = {site["policy_url"] for site in sites_csv()}
    assert REDIRECT_FROM in listed
    assert REDIRECT_TO not in listed
    (moved,) = [c for c in captures if c.status == 301]
    assert (moved.url, moved.location) == (REDIRECT_FROM, REDIRECT_TO)
    after = [c for c in captures if c.url == REDIRECT_TO and c.timestamp > moved.timestamp]
    gap = capture_datetime(after[0].timestamp) - capture_datetime(moved.timestamp)
    assert timedelta(0) < gap <= timedelta(minutes=10)


def test_soft_404_is_a_200_that_says_not_found(captures: list[SampleCapture]) -> None:
    (soft,) = [c for c in captures if (c.url, c.timestamp) == SOFT_404]
    assert soft.status == 200
    assert soft.version is None
    assert soft.html is not None
    assert b"can&rsquo;t be found" in soft.html.read_bytes()


# --- served by pywb -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SampleArchive, str]]:
    built = build_sample(tmp_path_factory.mktemp("sample"))
    with PywbServer(built.root) as server:
        yield built, server.archive_url(built.collection)


@pytest.mark.pywb
@requires_pywb
def test_build_sample_reports_what_it_built(
    served: tuple[SampleArchive, str], captures: list[SampleCapture]
) -> None:
    built, archive = served
    assert archive.endswith("/sample")
    assert (built.sites, built.captures) == (3, len(captures))
    assert built.sites_csv.read_bytes() == (sample_dir() / "sites.csv").read_bytes()
    assert all(warc.is_file() for warc in built.warcs)


@pytest.mark.pywb
@requires_pywb
def test_cdx_lists_every_capture_of_each_policy_url(
    served: tuple[SampleArchive, str], captures: list[SampleCapture]
) -> None:
    _, archive = served
    for url in {c.url for c in captures}:
        expected = sorted(
            (c.timestamp, c.url, str(c.status))
            for c in captures
            if page_key(c.url) == page_key(url)
        )
        rows = cdx_rows(archive, url)
        assert sorted((r[1], r[2], r[4]) for r in rows) == expected, url
    old_rows = cdx_rows(archive, REDIRECT_FROM, ("filter", "~status:[23].."))
    assert [r[4] for r in old_rows] == ["200", "200", "200", "200", "301"]


@pytest.mark.pywb
@requires_pywb
def test_the_301_plays_back_and_the_new_url_follows_within_seconds(
    served: tuple[SampleArchive, str],
) -> None:
    _, archive = served
    moved = fetch(f"{archive}/20120815102233id_/{REDIRECT_FROM}")
    assert moved.status == 301
    assert moved.header("Location") == REDIRECT_TO
    assert moved.header("Memento-Datetime") == "Wed, 15 Aug 2012 10:22:33 GMT"
    # Asking for the new URL at the redirect's own timestamp lands on the capture after it.
    nearest = fetch(f"{archive}/20120815102233id_/{REDIRECT_TO}")
    assert nearest.status == 307
    assert nearest.header("Location") == f"{archive}/20120815102240id_/{REDIRECT_TO}"
    page = fetch(nearest.header("Location") or "")
    assert page.status == 200
    assert b"Updated: July 30, 2012" in page.body


@pytest.mark.pywb
@requires_pywb
def test_soft_404_and_old_encodings_replay_byte_for_byte(
    served: tuple[SampleArchive, str], captures: list[SampleCapture]
) -> None:
    _, archive = served
    url, timestamp = SOFT_404
    soft = fetch(f"{archive}/{timestamp}id_/{url}")
    assert soft.status == 200
    assert b"That page can&rsquo;t be found" in soft.body
    (latin1,) = [c for c in captures if c.timestamp == "20020611040522"]
    reply = fetch(f"{archive}/{latin1.timestamp}id_/{latin1.url}")
    assert latin1.html is not None
    assert reply.body == latin1.html.read_bytes()
    assert b"\xa310" in reply.body  # a raw ISO-8859-1 pound sign
    assert reply.header("Content-Type") == "text/html; charset=iso-8859-1"
