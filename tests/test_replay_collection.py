"""replay.collection: pywb collection layout, config.yaml, rebuilds and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pywb_server import requires_pywb

from crawler.warcfile import sha1_base32
from replay.collection import build_collection, build_collection_from_responses
from replay.exceptions import CollectionError
from replay.warcs import ArchivedResponse, write_warc


def capture(url: str, timestamp: str, body: bytes) -> ArchivedResponse:
    return ArchivedResponse(url, timestamp, 200, [], body)


def indexed_digests(collection: Path) -> list[str]:
    lines = (collection / "indexes" / "index.cdxj").read_text().splitlines()
    return sorted(line.split('"digest": "')[1].split('"')[0] for line in lines)


@pytest.mark.pywb
@requires_pywb
def test_builds_layout_and_config_and_rebuilds_cleanly(tmp_path: Path) -> None:
    root = tmp_path / "root"
    first = write_warc(
        [capture("http://a.example/p", "20010101000000", b"one")], tmp_path / "1.warc.gz"
    )
    second = write_warc(
        [capture("http://a.example/p", "20020101000000", b"two")], tmp_path / "2.warc.gz"
    )

    collection = build_collection(root, "demo", [first])
    assert collection == root / "collections" / "demo"
    assert (collection / "archive" / "1.warc.gz").is_file()
    assert indexed_digests(collection) == [sha1_base32(b"one")]
    config = yaml.safe_load((root / "config.yaml").read_text())
    assert config["redirect_to_exact"] is True
    assert config["framed_replay"] is False

    other, _ = build_collection_from_responses(
        root, "other", [capture("http://b.example/", "20050101000000", b"b")]
    )
    rebuilt = build_collection(root, "demo", [second])
    assert rebuilt == collection
    assert sorted(p.name for p in (collection / "archive").iterdir()) == ["2.warc.gz"]
    assert indexed_digests(collection) == [sha1_base32(b"two")]
    # Rebuilding one collection leaves its neighbours alone.
    assert indexed_digests(other) == [sha1_base32(b"b")]
    assert not list(root.glob(".warcs-*")), "scratch folder left behind"


def test_rejects_names_pywb_cannot_serve(tmp_path: Path) -> None:
    for name in ("", "has space", "../up", "sl/ash", "-dash-first"):
        with pytest.raises(CollectionError, match="collection name"):
            build_collection(tmp_path, name, [])


def test_rejects_missing_and_clashing_warcs(tmp_path: Path) -> None:
    with pytest.raises(CollectionError, match="does not exist"):
        build_collection(tmp_path / "root", "demo", [tmp_path / "absent.warc.gz"])
    one = write_warc([], tmp_path / "a" / "same.warc.gz")
    two = write_warc([], tmp_path / "b" / "same.warc.gz")
    with pytest.raises(CollectionError, match="share a file name"):
        build_collection(tmp_path / "root", "demo", [one, two])


def test_refuses_warcs_inside_the_collection_it_would_delete(tmp_path: Path) -> None:
    root = tmp_path / "root"
    inside = write_warc([], root / "collections" / "demo" / "archive" / "x.warc.gz")
    with pytest.raises(CollectionError, match="inside collection"):
        build_collection(root, "demo", [inside])
    assert inside.is_file()
