"""Turn a folder of live policy captures (the `captures.jsonl` layout) into a pywb archive.

The layout is the one of Open Terms Archive's demo corpus: `captures.jsonl` holds one capture per
line with `service`, `url`, `timestamp`, `html`, `gold_markdown` and `version`; the two paths are
relative to the folder.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.domains import registered_domain
from replay.collection import build_collection_from_responses
from replay.exceptions import CorpusError
from replay.warcs import ArchivedResponse, capture_datetime

__all__ = [
    "CorpusArchive",
    "CorpusCapture",
    "CorpusError",
    "build_corpus_archive",
    "corpus_responses",
    "corpus_sites",
    "load_corpus",
    "sniff_charset",
    "write_sites_csv",
]

CAPTURES_FILE = "captures.jsonl"
SITES_FILE = "sites.csv"

# Browsers look for a <meta> charset in the first 1024 bytes; pages in the wild put it later.
_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16le"), (b"\xfe\xff", "utf-16be"))


@dataclass(frozen=True)
class CorpusCapture:
    """One live capture of a policy page, with the curated text of that capture."""

    service: str
    url: str
    timestamp: str
    html: Path
    gold_markdown: Path
    version: int


@dataclass(frozen=True)
class CorpusArchive:
    """What build_corpus_archive made: a pywb root with one collection, and its sites list."""

    root: Path
    collection: str
    collection_dir: Path
    warcs: list[Path]
    sites_csv: Path
    captures: int
    policies: int


def load_corpus(corpus_dir: Path) -> list[CorpusCapture]:
    """Read `corpus_dir/captures.jsonl`; CorpusError names the file and line of any problem."""
    listing = corpus_dir / CAPTURES_FILE
    if not listing.is_file():
        raise CorpusError(
            f"{listing} not found; point to a folder with a {CAPTURES_FILE}"
            " (e.g. ../shared/realdata/ota-demo)"
        )
    captures: list[CorpusCapture] = []
    with listing.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                captures.append(_parse_line(line, corpus_dir, f"{listing}:{number}"))
    if not captures:
        raise CorpusError(f"{listing} lists no captures; add one JSON object per line")
    return captures


def _parse_line(line: str, corpus_dir: Path, where: str) -> CorpusCapture:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{where}: not JSON ({exc.msg}); fix or delete the line") from None
    if not isinstance(row, dict):
        raise CorpusError(f"{where}: expected a JSON object per line")
    fields = {}
    for name in ("service", "url", "timestamp", "html", "gold_markdown"):
        value = row.get(name)
        if not isinstance(value, str) or not value:
            raise CorpusError(f"{where}: field {name!r} is missing or not a string")
        fields[name] = value
    version = row.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CorpusError(f"{where}: field 'version' must be a whole number from 1")
    try:
        capture_datetime(fields["timestamp"])
    except ValueError as exc:
        raise CorpusError(f"{where}: {exc}") from None
    paths = {}
    for name in ("html", "gold_markdown"):
        path = corpus_dir / fields[name]
        if not path.is_file():
            raise CorpusError(f"{where}: {name} file {path} does not exist")
        paths[name] = path
    return CorpusCapture(
        service=fields["service"],
        url=fields["url"],
        timestamp=fields["timestamp"],
        html=paths["html"],
        gold_markdown=paths["gold_markdown"],
        version=version,
    )


def sniff_charset(html: bytes) -> str | None:
    """The charset a page declares in a byte-order mark or a <meta> tag, lower-cased, or None."""
    for bom, charset in _BOMS:
        if html.startswith(bom):
            return charset
    match = _META_CHARSET.search(html[:_SNIFF_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def corpus_responses(captures: Iterable[CorpusCapture]) -> Iterator[ArchivedResponse]:
    """Each capture as the 200 text/html response a crawler would have archived."""
    for capture in captures:
        body = capture.html.read_bytes()
        charset = sniff_charset(body)
        content_type = f"text/html; charset={charset}" if charset else "text/html"
        yield ArchivedResponse(
            url=capture.url,
            timestamp=capture.timestamp,
            status=200,
            headers=[("Content-Type", content_type)],
            body=body,
        )


def service_urls(captures: Iterable[CorpusCapture]) -> dict[str, str]:
    """Each service's policy URL: the URL of its earliest capture.

    A service is one policy, even when its captures are spelled http and https; the crawler
    lists every spelling of a URL at once, as the CDX server matches them together.
    """
    urls: dict[str, str] = {}
    for capture in sorted(captures, key=lambda c: c.timestamp):
        urls.setdefault(capture.service, capture.url)
    return urls


def corpus_sites(captures: Iterable[CorpusCapture]) -> list[tuple[str, str]]:
    """One (domain, policy_url) per service, in the order the services first appear."""
    listed = list(captures)
    urls = service_urls(listed)
    order = list(dict.fromkeys(capture.service for capture in listed))
    return [(registered_domain(urls[service]), urls[service]) for service in order]


def write_sites_csv(sites: Iterable[tuple[str, str]], path: Path) -> Path:
    """Write a sites list as the crawler reads it: CSV with header `domain,policy_url`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as output:
        writer = csv.writer(output, lineterminator="\n")
        writer.writerow(("domain", "policy_url"))
        writer.writerows(sites)
    return path


def build_corpus_archive(
    corpus_dir: Path, root: Path, name: str = "corpus", pywb_bin: Path | None = None
) -> CorpusArchive:
    """Archive every capture of `corpus_dir` as pywb collection `name` under `root`.

    Writes the WARC into the collection, `root/config.yaml` and `root/sites.csv`. Building into
    the same root again replaces that collection.
    """
    captures = load_corpus(corpus_dir)
    root.mkdir(parents=True, exist_ok=True)
    collection_dir, warcs = build_collection_from_responses(
        root, name, corpus_responses(captures), pywb_bin
    )
    sites = corpus_sites(captures)
    sites_csv = write_sites_csv(sites, root / SITES_FILE)
    return CorpusArchive(
        root=root,
        collection=name,
        collection_dir=collection_dir,
        warcs=warcs,
        sites_csv=sites_csv,
        captures=len(captures),
        policies=len(sites),
    )
