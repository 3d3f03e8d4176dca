"""Raw CDX listings from EDGI's test_files/, served as CDX answers: odd rows the archive holds."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from recordings import TEST_FILES, RecordingServer

from crawler.client import WaybackClient
from crawler.exceptions import UnexpectedResponseFormat
from crawler.wayback import CdxQuery, parse_cdx

pytest_plugins = ["recordings"]
# Everything here reads the recordings in ../shared/realdata.
pytestmark = pytest.mark.realdata


def listing(server: RecordingServer, name: str, url: str) -> tuple[WaybackClient, CdxQuery]:
    """A client and a query whose CDX answer is the test file `name`."""
    query = CdxQuery(url, filters=(), collapse=None)
    server.serve_file(server.archive.cdx_url(query), TEST_FILES / name)
    return WaybackClient(server.archive, "tests", cdx_interval=0, memento_interval=0), query


def test_malformed_rows_are_skipped_loudly(
    recording_server: RecordingServer, caplog: pytest.LogCaptureFixture
) -> None:
    client, query = listing(recording_server, "malformed_cdx.txt", "epa.gov")
    with caplog.at_level(logging.WARNING, logger="crawler.client"):
        records = list(client.search(query))

    assert [(r.timestamp, r.original) for r in records] == [
        ("20200418003811", "https://www.epa.gov/"),
        ("20200418005903", "https://www.epa.gov/"),
    ]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 3
    assert "(mailto: URL)" in warnings[0]
    assert "http://mailto:ucmr_sampling_coordinator@epa.gov/" in warnings[0]
    assert "(data: URL)" in warnings[1]
    assert "(no host)" in warnings[2]
    assert "some/not/even/url/thing" in warnings[2]
    # Each warning names the query it came from.
    assert all("url=epa.gov" in message for message in warnings)


def test_malformed_rows_are_listed_by_the_parser() -> None:
    page = parse_cdx((TEST_FILES / "malformed_cdx.txt").read_text(), "epa.gov")
    assert len(page.records) == 2
    assert [row.reason for row in page.skipped] == ["mailto: URL", "data: URL", "no host"]
    assert page.skipped[1].line.startswith('gov,epa)/"data:image/jpeg;base64,')
    assert page.duplicates == 0


def test_impossible_timestamps_are_kept_exactly_and_clamped_for_ordering(
    recording_server: RecordingServer,
) -> None:
    client, query = listing(
        recording_server, "bad_timestamp_cdx.txt", "usatoday.com/2000/century/tech/004.htm"
    )
    records = list(client.search(query))
    assert len(records) == 5
    month_zero, day_zero_hour_24 = records[3], records[4]
    # The memento URL needs the string as the archive wrote it.
    assert month_zero.timestamp == "20000012170449"
    assert day_zero_hour_24.timestamp == "20000800241623"
    assert month_zero.datetime == datetime(2000, 1, 12, 17, 4, 49, tzinfo=UTC)
    assert day_zero_hour_24.datetime == datetime(2000, 8, 1, 23, 16, 23, tzinfo=UTC)
    assert records[0].datetime == datetime(2001, 11, 20, 21, 4, 46, tzinfo=UTC)


def test_zero_length_rows_have_no_length(recording_server: RecordingServer) -> None:
    client, query = listing(recording_server, "zero_length_cdx.txt", "cnn.com")
    records = list(client.search(query))
    assert [r.length for r in records] == [24186, 24028, 24116, 24217, None]
    assert records[-1].timestamp == "20100218025451"
    assert records[-1].statuscode == 200
    assert records[-1].digest == "JK7O4OWOMDJHBNQJ5U43X5OQRORF6FQB"


def test_html_instead_of_cdx_raises_quoting_the_line_and_the_query(
    recording_server: RecordingServer,
) -> None:
    client, query = listing(recording_server, "fws-gov-birds.txt", "fws.gov/birds/")
    with pytest.raises(UnexpectedResponseFormat) as caught:
        list(client.search(query))
    assert caught.value.line == "<!DOCTYPE html>"
    assert caught.value.query == recording_server.archive.cdx_url(query)
    assert str(caught.value) == (
        f'Could not parse CDX output: "<!DOCTYPE html>" (query: {caught.value.query})'
    )
