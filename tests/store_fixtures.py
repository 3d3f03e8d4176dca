"""Shared by the store tests: the fixture policy's CDX rows and texts, and saving its fetches.

Test modules import the helpers by name and get the `db` fixture by declaring
`pytest_plugins = ["store_fixtures"]`.

PYTEST_DONT_REWRITE: test modules import this module before pytest loads it as their plugin, and
it has no assert statements to rewrite.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from crawler.items import FetchItem, Hop
from crawler.wayback import CdxRecord, parse_cdx
from extract.markdown import Extraction
from extract.normalize import text_hash, words
from store.mementos import memento_url
from store.save import save_captures, save_fetch, save_policy, save_text, save_verdict
from store.schema import markdown_hash, open_db

FIXTURES = Path(__file__).parent / "fixtures" / "store"
IA = "https://web.archive.org"
PYWB = "http://127.0.0.1:8080/sample"
POLICY_URL = "https://example.com/privacy"


def extraction(
    markdown: str, title: str | None = "Privacy", language: str | None = "en"
) -> Extraction:
    """`markdown` as extract_policy would report it: counted and hashed the way it does."""
    return Extraction(markdown, title, language, len(words(markdown)), text_hash(markdown), "test")


def key_of(text: Extraction) -> str:
    """The key the store files `text` under: the hash of its raw Markdown."""
    return markdown_hash(text.markdown)


@dataclass(frozen=True)
class Verdict:
    """A classifier verdict as `extract.classify.Verdict` gives it, for tests of the store."""

    is_policy: bool
    reason: str = "policy"
    detail: str = ""


POLICY = Verdict(True)
SOFT_404 = Verdict(False, "soft_404", "the page says it cannot be found")


def fixture_text(key: str) -> Extraction:
    """Text `key` ("A" or "B") of the fixture policy."""
    data = json.loads((FIXTURES / "policy-texts.json").read_text())[key]
    return extraction(data["markdown"], data["title"], data["language"])


def cdx_records() -> list[CdxRecord]:
    """Five captures whose texts go A, A, B, B, A."""
    path = FIXTURES / "example-com-aabba.cdx"
    return parse_cdx(path.read_text(), str(path)).records


def fetch_item(
    record: CdxRecord, outcome: str = "ok", *, archive: str = IA, **fields: Any
) -> FetchItem:
    """A fetch of `record` as the spider reports it; `fields` override the defaults."""
    url = memento_url(archive, record.timestamp, record.original)
    ok = outcome == "ok"
    hop = Hop(url, record.original, 200, [("Content-Type", "text/html")], b"<html/>", None)
    item = FetchItem(
        policy_url=POLICY_URL,
        capture_timestamp=record.timestamp,
        capture_original=record.original,
        capture_digest=record.digest,
        archive=archive,
        memento_url=url,
        outcome=outcome,
        http_status=200 if ok else None,
        final_url=record.original,
        memento_datetime=record.timestamp,
        hops=[hop] if ok else [],
        error=None if ok else f"{outcome}: {url}",
    )
    return replace(item, **fields)


def fetch(
    db: Database,
    policy_id: int,
    record: CdxRecord,
    outcome: str = "ok",
    *,
    text: Extraction | None = None,
    verdict: Verdict | None = None,
    run_id: int | None = None,
    archive: str = IA,
    **fields: Any,
) -> int:
    """Save a fetch of `record` (see fetch_item), the text extracted from it and the verdict on
    that text, if any."""
    fetch_id = save_fetch(
        db, policy_id, fetch_item(record, outcome, archive=archive, **fields), run_id
    )
    if text is not None:
        save_text(db, fetch_id, text)
    if verdict is not None:
        save_verdict(db, fetch_id, verdict, "test")
    return fetch_id


def crawl(
    db: Database,
    domain: str,
    policy_url: str,
    archive: str,
    records: list[CdxRecord],
    texts: str,
) -> int:
    """Save a policy whose captures were all fetched ok, with the texts named by `texts`."""
    policy_id = save_policy(db, domain, policy_url)
    save_captures(db, policy_id, archive, records)
    for record, key in zip(records, texts, strict=True):
        fetch(db, policy_id, record, text=fixture_text(key), archive=archive, policy_url=policy_url)
    return policy_id


@pytest.fixture
def db() -> Database:
    """An empty store in memory."""
    return open_db(":memory:")
