"""replay.corpus: reading a captures.jsonl folder; archiving the real ota-demo corpus in pywb."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from pywb_server import cdx_rows, fetch, requires_pywb

from crawler.warcfile import sha1_base32
from replay.corpus import (
    CorpusArchive,
    CorpusCapture,
    CorpusError,
    build_corpus_archive,
    corpus_responses,
    corpus_sites,
    load_corpus,
    sniff_charset,
)
from replay.pywb import PywbServer

OTA_DEMO = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "ota-demo"


def write_corpus(folder: Path, rows: Sequence[object], files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    (folder / "captures.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def row(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "service": "Example Shop",
        "url": "https://www.shop.example/privacy",
        "timestamp": "20240102030405",
        "html": "snap/1.html",
        "gold_markdown": "gold/1.md",
        "version": 1,
    }
    return base | changes


FILES = {"snap/1.html": b"<meta charset=ISO-8859-1><p>caf\xe9</p>", "gold/1.md": b"caf\xc3\xa9"}


def test_loads_captures_with_paths_resolved(tmp_path: Path) -> None:
    write_corpus(tmp_path, [row(), "", row(timestamp="20240202030405", version=2)], FILES)
    captures = load_corpus(tmp_path)
    assert captures[0] == CorpusCapture(
        service="Example Shop",
        url="https://www.shop.example/privacy",
        timestamp="20240102030405",
        html=tmp_path / "snap/1.html",
        gold_markdown=tmp_path / "gold/1.md",
        version=1,
    )
    assert [c.version for c in captures] == [1, 2]

    (response, _) = corpus_responses(captures)
    assert response.status == 200
    assert response.headers == [("Content-Type", "text/html; charset=iso-8859-1")]
    assert response.body == FILES["snap/1.html"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["{not json"], r"captures.jsonl:1: not JSON"),
        ([row(), "[1, 2]"], r"captures.jsonl:2: expected a JSON object"),
        ([row(url=None)], r"captures.jsonl:1: field 'url' is missing"),
        ([row(timestamp="2024")], r"captures.jsonl:1: capture timestamp '2024' is not 14 digits"),
        ([row(version="1")], r"captures.jsonl:1: field 'version' must be a whole number"),
        ([row(html="snap/missing.html")], r"captures.jsonl:1: html file .*missing.html does not"),
        ([""], r"lists no captures"),
    ],
)
def test_bad_lines_name_the_file_and_line(tmp_path: Path, rows: list[object], message: str) -> None:
    write_corpus(tmp_path, rows, FILES)
    with pytest.raises(CorpusError, match=message) as caught:
        load_corpus(tmp_path)
    assert "\n" not in str(caught.value)


def test_missing_listing_says_what_to_point_at(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"captures.jsonl not found; point to a folder"):
        load_corpus(tmp_path)


def test_sniff_charset() -> None:
    assert sniff_charset(b'<html><head><meta charset="UTF-8">') == "utf-8"
    declared = b"<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'>"
    assert sniff_charset(declared) == "shift_jis"
    assert sniff_charset(b"\xef\xbb\xbf<html>") == "utf-8"
    assert sniff_charset(b"<html><body>no declaration</body></html>") is None


def test_each_service_is_one_policy_with_its_registered_domain(tmp_path: Path) -> None:
    # example.com and example.org are reserved names under real public suffixes.
    first, other = "https://www.example.com/privacy", "https://docs.example.org/legal/privacy"
    rows = [
        row(service="Shop", url=first, timestamp="20240101000000"),
        # The same policy later served over another scheme is still the same policy.
        row(service="Shop", url=first.replace("https", "http"), timestamp="20250101000000"),
        row(service="Docs", url=other),
    ]
    write_corpus(tmp_path, rows, FILES)
    assert corpus_sites(load_corpus(tmp_path)) == [("example.com", first), ("example.org", other)]


# --- the real corpus in pywb ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def ota_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CorpusArchive, str]]:
    built = build_corpus_archive(OTA_DEMO, tmp_path_factory.mktemp("ota"))
    with PywbServer(built.root) as server:
        yield built, server.archive_url(built.collection)


@pytest.mark.pywb
@pytest.mark.realdata
@requires_pywb
def test_ota_demo_archive_lists_every_capture_with_its_digest(
    ota_archive: tuple[CorpusArchive, str],
) -> None:
    built, archive = ota_archive
    captures = load_corpus(OTA_DEMO)
    assert (built.captures, built.policies) == (100, 7)
    assert built.warcs == [built.collection_dir / "archive" / "corpus.warc.gz"]

    with built.sites_csv.open(newline="") as listing:
        sites = list(csv.DictReader(listing))
    assert len(sites) == 7
    domains = {site["domain"] for site in sites}
    assert {"github.com", "npmjs.com", "opentermsarchive.org", "buffer.com"} <= domains

    per_url = Counter(c.url for c in captures)
    listed = 0
    for site in sites:
        rows = cdx_rows(archive, site["policy_url"])
        expected = {
            (c.timestamp, sha1_base32(c.html.read_bytes()))
            for c in captures
            if c.url == site["policy_url"]
        }
        assert {(r[1], r[5]) for r in rows} == expected
        assert {(r[2], r[3], r[4]) for r in rows} == {(site["policy_url"], "text/html", "200")}
        assert len(rows) == per_url[site["policy_url"]]
        listed += len(rows)
    assert listed == 100


@pytest.mark.pywb
@pytest.mark.realdata
@requires_pywb
def test_ota_demo_id_replay_returns_the_original_bytes(
    ota_archive: tuple[CorpusArchive, str],
) -> None:
    _, archive = ota_archive
    captures = load_corpus(OTA_DEMO)
    for capture in (captures[0], captures[len(captures) // 2], captures[-1]):
        reply = fetch(f"{archive}/{capture.timestamp}id_/{capture.url}")
        assert reply.status == 200
        assert reply.body == capture.html.read_bytes()
        assert reply.header("Content-Type") == "text/html; charset=utf-8"
