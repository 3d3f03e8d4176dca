"""Bad input, unreachable archives, 429s and 5xx: one clear line, no traceback, nothing lost."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from crawling import RateLimitingProxy, assert_one_line_error, crawl, rate_limiting_proxy
from pywb_server import requires_pywb

from replay.pywb import PywbServer
from replay.sample import SampleArchive, build_sample

__all__ = ["rate_limiting_proxy"]

# On loopback a request sent before the client saw the 429 arrives within milliseconds.
IN_FLIGHT = 0.25


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (
            "site,url\nexample.com,https://example.com/privacy\n",
            "missing column domain, policy_url",
        ),
        ("domain,policy_url\nexample.com,not a url\n", "line 2: policy_url 'not a url'"),
        ("", "the file is empty"),
        ("domain,policy_url\n", "it lists no policies"),
    ],
)
def test_a_malformed_sites_file_is_one_line(tmp_path: Path, content: str, fragment: str) -> None:
    sites = tmp_path / "sites.csv"
    sites.write_text(content)
    result = crawl(tmp_path, f"sites={sites}")
    line = assert_one_line_error(result, str(sites), fragment, alone=True)
    assert result.returncode == 2, line


def test_a_missing_sites_file_is_one_line(tmp_path: Path) -> None:
    result = crawl(tmp_path, f"sites={tmp_path / 'nope.csv'}")
    assert_one_line_error(result, "nope.csv", "no such file", alone=True)


def test_an_unknown_strategy_is_one_line(tmp_path: Path) -> None:
    result = crawl(tmp_path, "url=https://example.com/privacy", "strategy=sometimes")
    assert_one_line_error(result, "unknown strategy 'sometimes'", "all, interval", alone=True)


def test_a_bad_archive_url_is_one_line(tmp_path: Path) -> None:
    result = crawl(tmp_path, "url=https://example.com/privacy", "archive=ftp://archive")
    assert_one_line_error(result, "archive URL 'ftp://archive'", alone=True)


def test_an_unreachable_archive_is_one_line(tmp_path: Path) -> None:
    archive = f"http://127.0.0.1:{_closed_port()}"
    result = crawl(tmp_path, "url=https://example.com/privacy", f"archive={archive}")
    assert_one_line_error(result, f"archive {archive} is unreachable", "WAYBACK_URL")
    run = result.last_run()
    assert run["finish_reason"] == "archive_unreachable"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SampleArchive, str]]:
    built = build_sample(tmp_path_factory.mktemp("sample"))
    with PywbServer(built.root) as server:
        yield built, server.url


@requires_pywb
def test_a_429_pauses_every_request_then_carries_on(
    sample: tuple[SampleArchive, str],
    rate_limiting_proxy: type[RateLimitingProxy],
    tmp_path: Path,
) -> None:
    built, pywb = sample
    proxy = rate_limiting_proxy(pywb, rate_limit_first=1)
    pause = 3.0
    result = crawl(
        tmp_path,
        f"sites={built.sites_csv}",
        f"archive={proxy.url}/sample",
        settings=(
            "-s",
            "CDX_CALLS_PER_SECOND=50",
            "-s",
            "MEMENTOS_PER_SECOND=20",
            "-s",
            f"RATE_LIMIT_PAUSE={pause}",
        ),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    limited_at = next(t for t, _, status in proxy.arrivals if status == 429)
    after = sorted(t - limited_at for t, _, status in proxy.arrivals if t > limited_at)
    # Requests already on the wire when the 429 left arrive at once; after those, nothing
    # reaches the archive until the pause is over, and then the crawl finishes.
    in_flight = [gap for gap in after if gap < IN_FLIGHT]
    resumed = [gap for gap in after if gap >= IN_FLIGHT]
    assert len(in_flight) <= 2
    assert resumed and min(resumed) >= pause * 0.95
    assert [s for _, _, s in proxy.arrivals].count(429) == 1
    statuses = [r["outcome"] for r in result.db.query("select outcome from capture_status")]
    assert statuses == ["ok"] * 22


@requires_pywb
def test_repeated_429s_stop_the_crawl_and_record_what_was_left(
    sample: tuple[SampleArchive, str],
    rate_limiting_proxy: type[RateLimitingProxy],
    tmp_path: Path,
) -> None:
    built, pywb = sample
    proxy = rate_limiting_proxy(pywb, rate_limit_first=10_000, sticky=True)
    result = crawl(
        tmp_path,
        f"sites={built.sites_csv}",
        f"archive={proxy.url}/sample",
        settings=(
            "-s",
            "CDX_CALLS_PER_SECOND=50",
            "-s",
            "MEMENTOS_PER_SECOND=20",
            "-s",
            "RATE_LIMIT_PAUSE=1",
            "-s",
            "RATE_LIMIT_MAX_PAUSES=2",
        ),
    )
    assert_one_line_error(result, "429")
    # A 429 is never answered with a storm: one request per pause, then the crawl stops.
    first = next(t for t, _, status in proxy.arrivals if status == 429)
    probes = [t for t, _, _ in proxy.arrivals if t - first >= IN_FLIGHT]
    # After the first 429 (and what was already on the wire), exactly one probe per pause.
    assert len(probes) == 2
    assert probes[0] - first >= 0.95 and probes[1] - probes[0] >= 0.95
    db = result.db
    # CDX calls pause too, so some policies may not be listed yet; every capture that was
    # listed has a failed fetch recorded with its reason.
    outcomes = [r["outcome"] for r in db.query("select outcome from capture_status")]
    assert outcomes and set(outcomes) <= {"interrupted", "rate_limited"}
    assert all(r["error"] for r in db.query("select error from capture_status"))
    assert result.last_run()["finish_reason"] == "rate_limited"
    # Nothing is lost: the next crawl, with the archive calm again, fetches every capture.
    proxy.rate_limit_first = 0
    again = crawl(tmp_path, f"sites={built.sites_csv}", f"archive={proxy.url}/sample")
    assert again.returncode == 0, again.stderr[-3000:]
    outcomes = [r["outcome"] for r in again.db.query("select outcome from capture_status")]
    assert outcomes == ["ok"] * 22


@requires_pywb
def test_server_errors_are_retried_with_growing_waits(
    sample: tuple[SampleArchive, str],
    rate_limiting_proxy: type[RateLimitingProxy],
    tmp_path: Path,
) -> None:
    built, pywb = sample
    proxy = rate_limiting_proxy(pywb, rate_limit_first=2, status=503, per_path=True)
    result = crawl(
        tmp_path,
        f"sites={built.sites_csv}",
        f"archive={proxy.url}/sample",
        settings=(
            "-s",
            "CDX_CALLS_PER_SECOND=50",
            "-s",
            "MEMENTOS_PER_SECOND=20",
            "-s",
            "RETRY_BACKOFF_BASE=0.5",
        ),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcomes = [r["outcome"] for r in result.db.query("select outcome from capture_status")]
    assert outcomes == ["ok"] * 22
    # Each memento was refused twice and then served; the second wait doubles the first.
    for path in proxy.limited_paths:
        tries = [(t, status) for t, seen, status in proxy.arrivals if seen == path]
        # (The moved policy's hops answer 301 and 307 once they are served.)
        assert [status for _, status in tries][:2] == [503, 503], path
        # (The new URL's first capture is also the end of the 301's chain: fetched twice.)
        assert tries[2][1] in (200, 301, 307), path
        waits = [later - earlier for (earlier, _), (later, _) in pairwise(tries)]
        assert waits[0] >= 0.5 * 0.95 and waits[1] >= 1.0 * 0.95, (path, waits)
    # Every request named the tool and whoever runs it.
    assert proxy.agents and all(
        a.startswith("policyarchive/") and a.endswith("; tests@example.org)") for a in proxy.agents
    )
