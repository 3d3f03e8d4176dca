"""replay.warcs: captures written as a gzipped WARC that warcio reads back faithfully."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.warcfile import sha1_base32, warc_date
from replay.warcs import ArchivedResponse, write_warc

POLICY = b"<html><body><h1>Privacy</h1><p>We collect your e-mail address.</p></body></html>"


def read_records(path: Path) -> list[tuple[str, dict[str, str], str | None, dict[str, str], bytes]]:
    records = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            warc = dict(record.rec_headers.headers)
            http = record.http_headers
            status_line = http.statusline if http else None
            headers = dict(http.headers) if http else {}
            body = record.content_stream().read()
            records.append((record.rec_type, warc, status_line, headers, body))
    return records


def test_writes_warcinfo_then_one_response_per_capture(tmp_path: Path) -> None:
    captures = [
        ArchivedResponse("http://shop.example/privacy", "20030405060708", 200, [], POLICY),
        ArchivedResponse(
            "http://shop.example/privacy",
            "20100101000000",
            301,
            [("Location", "http://shop.example/legal/privacy")],
            b"moved",
        ),
    ]
    path = write_warc(captures, tmp_path / "out" / "shop.warc.gz")

    assert path == tmp_path / "out" / "shop.warc.gz"
    with gzip.open(path) as unzipped:
        assert unzipped.read(8) == b"WARC/1.0"
    records = read_records(path)
    assert [r[0] for r in records] == ["warcinfo", "response", "response"]

    _, warc, status, headers, body = records[1]
    assert warc["WARC-Target-URI"] == "http://shop.example/privacy"
    assert warc["WARC-Date"] == "2003-04-05T06:07:08Z"
    assert warc["WARC-Payload-Digest"] == "sha1:" + sha1_base32(POLICY)
    assert status == "200 OK"
    assert headers["Content-Type"] == "text/html"
    assert headers["Content-Length"] == str(len(POLICY))
    assert body == POLICY

    _, warc, status, headers, body = records[2]
    assert warc["WARC-Date"] == "2010-01-01T00:00:00Z"
    assert status == "301 Moved Permanently"
    assert headers["Location"] == "http://shop.example/legal/privacy"
    assert body == b"moved"


def test_keeps_given_headers_but_recomputes_length(tmp_path: Path) -> None:
    capture = ArchivedResponse(
        "http://shop.example/",
        "20200202020202",
        200,
        [
            ("Content-Type", "text/html; charset=iso-8859-1"),
            ("Content-Length", "99999"),
            ("Transfer-Encoding", "chunked"),
            ("Server", "Apache/1.3.27"),
        ],
        "caf\u00e9".encode("iso-8859-1"),
    )
    _, _, _, headers, body = read_records(write_warc([capture], tmp_path / "a.warc.gz"))[1]
    assert headers == {
        "Content-Type": "text/html; charset=iso-8859-1",
        "Server": "Apache/1.3.27",
        "Content-Length": "4",
    }
    assert body == b"caf\xe9"


def test_payload_digest_is_base32_sha1() -> None:
    # sha1("") is da39a3ee5e6b4b0d3255bfef95601890afd80709, which is this in base32.
    assert sha1_base32(b"") == "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"


def test_warc_date_and_bad_timestamps() -> None:
    assert warc_date("19991231235959") == "1999-12-31T23:59:59Z"
    for bad in ("2001", "2001010100000a", "20011301000000"):
        with pytest.raises(ValueError, match="capture timestamp"):
            ArchivedResponse("http://a.example/", bad, 200, [], b"")


def test_redirect_needs_location_and_status_must_be_http() -> None:
    with pytest.raises(ValueError, match="no Location"):
        ArchivedResponse("http://a.example/", "20010101000000", 302, [], b"")
    with pytest.raises(ValueError, match="status 42"):
        ArchivedResponse("http://a.example/", "20010101000000", 42, [], b"")
    not_modified = ArchivedResponse("http://a.example/", "20010101000000", 304, [], b"")
    assert not_modified.header("location") is None
