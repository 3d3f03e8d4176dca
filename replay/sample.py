"""Build the offline demo archive from the sources in the `sample` package.

`sample/captures.yaml` lists every capture; the HTML lives in `sample/sites/<domain>/`. The
result is a pywb root with collection `sample` and a `sites.csv` to crawl it with.

Each policy capture also has hand-written gold Markdown in `sample/gold/<domain>/`, so the sample
doubles as a gold corpus: `write_sample_corpus` lays it out as `policyarchive eval` reads it.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import yaml

import sample
from crawler.wayback import url_identity
from replay.collection import build_collection_from_responses
from replay.corpus import CAPTURES_FILE
from replay.exceptions import SampleError
from replay.warcs import ArchivedResponse, capture_datetime

SAMPLE_COLLECTION = "sample"
MANIFEST_FILE = "captures.yaml"
SITES_FILE = "sites.csv"

# What a 1990s-2010s Apache sent for its own redirect pages.
_REDIRECT_CONTENT_TYPE = "text/html; charset=iso-8859-1"


@dataclass(frozen=True)
class SampleCapture:
    """One capture in the manifest: a page (`html`) or a redirect (`location`).

    `version` counts the site's distinct policy texts up to this capture; None when the capture
    is not a policy at all (a redirect, a soft 404). `gold` is the curated Markdown of a policy
    capture's text, None for the others.
    """

    url: str
    timestamp: str
    status: int
    html: Path | None
    location: str | None
    content_type: str
    version: int | None
    note: str
    gold: Path | None = None


@dataclass(frozen=True)
class SampleArchive:
    """What build_sample made: a pywb root with collection `sample`, and its sites list."""

    root: Path
    collection: str
    collection_dir: Path
    warcs: list[Path]
    sites_csv: Path
    sites: int
    captures: int


def sample_dir() -> Path:
    """The folder of the `sample` package, which holds the manifest, sites.csv and the HTML."""
    return Path(sample.__file__).resolve().parent


def load_sample(directory: Path | None = None) -> list[SampleCapture]:
    """Read and check the sample manifest; SampleError names the file and capture at fault."""
    folder = directory or sample_dir()
    manifest = folder / MANIFEST_FILE
    try:
        document = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SampleError(f"{manifest}: cannot read the sample manifest ({exc})") from None
    rows = document.get("captures") if isinstance(document, dict) else None
    if not isinstance(rows, list) or not rows:
        raise SampleError(f"{manifest}: expected a non-empty 'captures' list")
    return [_capture(row, folder, f"{manifest}, capture {n}") for n, row in enumerate(rows, 1)]


def _capture(row: Any, folder: Path, where: str) -> SampleCapture:
    if not isinstance(row, dict):
        raise SampleError(f"{where}: expected a mapping of url, timestamp, status, ...")
    url, timestamp, status = row.get("url"), row.get("timestamp"), row.get("status")
    if not isinstance(url, str) or not isinstance(timestamp, str) or not isinstance(status, int):
        raise SampleError(f"{where}: needs url (text), timestamp (quoted digits), status (number)")
    try:
        capture_datetime(timestamp)
    except ValueError as exc:
        raise SampleError(f"{where}: {exc}") from None
    html_name, location = row.get("html"), row.get("location")
    if (html_name is None) == (location is None):
        raise SampleError(f"{where}: give exactly one of html (a page) or location (a redirect)")
    if (location is not None) != (300 <= status < 400):
        raise SampleError(f"{where}: a location goes with a 3xx status, and only with one")
    html = folder / str(html_name) if html_name is not None else None
    if html is not None and not html.is_file():
        raise SampleError(f"{where}: html file {html} does not exist")
    version = row.get("version")
    if version is not None and not isinstance(version, int):
        raise SampleError(f"{where}: version must be a number or empty")
    gold_name = row.get("gold")
    gold = folder / str(gold_name) if gold_name is not None else None
    if gold is not None and (html is None or version is None):
        raise SampleError(f"{where}: gold goes only with a policy page (an html and a version)")
    if gold is not None and not gold.is_file():
        raise SampleError(f"{where}: gold file {gold} does not exist")
    default_type = _REDIRECT_CONTENT_TYPE if location is not None else "text/html"
    return SampleCapture(
        url=url,
        timestamp=timestamp,
        status=status,
        html=html,
        location=str(location) if location is not None else None,
        content_type=str(row.get("content_type") or default_type),
        version=version,
        note=str(row.get("note") or ""),
        gold=gold,
    )


def sample_responses(captures: Iterable[SampleCapture]) -> Iterator[ArchivedResponse]:
    """Each manifest entry as the HTTP response the archive holds for it."""
    for capture in captures:
        headers = [("Content-Type", capture.content_type)]
        if capture.location is not None:
            headers.append(("Location", capture.location))
        body = capture.html.read_bytes() if capture.html else _redirect_body(capture.location)
        yield ArchivedResponse(capture.url, capture.timestamp, capture.status, headers, body)


def _redirect_body(location: str | None) -> bytes:
    target = escape(location or "", quote=True)
    page = (
        f'<html><body><p>This page has moved to <a href="{target}">{target}</a>.</p></body></html>'
    )
    return page.encode("ascii", "xmlcharrefreplace")


def build_sample(root: Path, pywb_bin: Path | None = None) -> SampleArchive:
    """Build collection `sample` under `root` and copy its sites list to `root/sites.csv`.

    Building into the same root again replaces the collection. Returns paths and counts.
    """
    folder = sample_dir()
    captures = load_sample(folder)
    root.mkdir(parents=True, exist_ok=True)
    collection_dir, warcs = build_collection_from_responses(
        root, SAMPLE_COLLECTION, sample_responses(captures), pywb_bin
    )
    sites_csv = root / SITES_FILE
    shutil.copyfile(folder / SITES_FILE, sites_csv)
    return SampleArchive(
        root=root,
        collection=SAMPLE_COLLECTION,
        collection_dir=collection_dir,
        warcs=warcs,
        sites_csv=sites_csv,
        sites=_count_sites(sites_csv),
        captures=len(captures),
    )


def _count_sites(sites_csv: Path) -> int:
    with sites_csv.open(encoding="utf-8", newline="") as rows:
        return sum(1 for row in csv.DictReader(rows) if row.get("policy_url"))


def write_sample_corpus(out: Path) -> Path:
    """Write the sample's policy captures to `out` as a gold corpus; return `out`.

    The layout is the one `replay.corpus.load_corpus` and `policyarchive eval` read:
    `out/captures.jsonl` with one line per capture that has gold (the 301 and the soft 404 have
    none and are left out), sorted by service and then time. `service` is the site's domain (the
    folder of its HTML), or the URL of a policy that moved there; copies of the page and of
    its gold go to `out/sites/<domain>/` and
    `out/gold/<domain>/`, named relative to `out` in the listing. Writing again replaces the
    listing and the copies; other files in `out` are left alone.
    """
    folder = sample_dir()
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    first_url: dict[str, str] = {}
    for capture in load_sample(folder):
        if capture.html is None or capture.gold is None:
            continue
        domain = capture.html.parent.name  # sites/<domain>/<timestamp>.html
        identity = url_identity(capture.url)
        first_url.setdefault(domain, identity)
        # The corpus has no redirect captures, so a policy that moved to another URL is a
        # second service: without its 301 a crawl cannot know the two are one policy.
        service = domain if identity == first_url[domain] else identity
        rows.append(
            {
                "service": service,
                "url": capture.url,
                "timestamp": capture.timestamp,
                "html": _copy_into(capture.html, folder, out),
                "gold_markdown": _copy_into(capture.gold, folder, out),
                "version": capture.version,
            }
        )
    rows.sort(key=lambda row: (str(row["service"]), str(row["timestamp"])))
    listing = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (out / CAPTURES_FILE).write_text(listing, encoding="utf-8")
    return out


def _copy_into(source: Path, folder: Path, out: Path) -> str:
    """Copy a file of the sample to the same relative path under `out`; return that path."""
    relative = source.relative_to(folder)
    target = out / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return relative.as_posix()
