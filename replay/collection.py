"""Lay out a pywb collection from WARC files, with the config our crawler relies on."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from replay.exceptions import CollectionError
from replay.pywb import run_pywb
from replay.warcs import ArchivedResponse, write_warc

# What pywb accepts as a collection name in URLs and on disk.
_COLLECTION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

# Written to <root>/config.yaml on every build. Each line is something the crawler depends on.
CONFIG_YAML = """\
# Written by policyarchive (replay.collection.build_collection); rebuilt on every build.
collections_root: collections

# Answer an inexact timestamp with a redirect to the exact capture, as the Wayback Machine does
# (pywb sends 307 where the Wayback Machine sends 302).
redirect_to_exact: true

# Serve mementos directly, with no top frame around them.
framed_replay: false

# Memento-Datetime and Link headers tell a real capture from an error page.
enable_memento: true

# CDX server API at /<collection>/cdx.
cdx_api_endpoint: /cdx
"""


def collection_dir(root: Path, name: str) -> Path:
    """Where pywb keeps collection `name` under `root`."""
    return root / "collections" / name


def write_config(root: Path) -> Path:
    """Write `root/config.yaml` for our pywb setup and return its path."""
    config = root / "config.yaml"
    config.write_text(CONFIG_YAML, encoding="utf-8")
    return config


def build_collection(
    root: Path, name: str, warcs: Iterable[Path], pywb_bin: Path | None = None
) -> Path:
    """Build pywb collection `name` under `root` from `warcs` and return its directory.

    Runs `wb-manager init` and `wb-manager add` (which copies and indexes the WARCs) with `root`
    as the working directory, and writes `root/config.yaml`. An existing collection of that name
    is removed first, so building again gives the same result. Other collections are untouched.
    """
    if not _COLLECTION_NAME.match(name):
        raise CollectionError(
            f"collection name {name!r} is not usable by pywb; use letters, digits, '-' and '_'"
        )
    warc_paths = [Path(w).resolve() for w in warcs]
    _check_warcs(warc_paths)
    root.mkdir(parents=True, exist_ok=True)
    target = collection_dir(root, name)
    inside = [w for w in warc_paths if w.is_relative_to(target)]
    if inside:
        raise CollectionError(
            f"WARC {inside[0]} is inside collection {target}, which a rebuild deletes;"
            " write WARCs elsewhere under the root"
        )
    if target.exists():
        shutil.rmtree(target)
    run_pywb("wb-manager", ["init", name], cwd=root, pywb_bin=pywb_bin)
    if warc_paths:
        run_pywb("wb-manager", ["add", name, *map(str, warc_paths)], cwd=root, pywb_bin=pywb_bin)
    write_config(root)
    return target


def _check_warcs(paths: list[Path]) -> None:
    seen: dict[str, Path] = {}
    for path in paths:
        if not path.is_file():
            raise CollectionError(f"WARC file {path} does not exist; write it before building")
        # wb-manager copies every WARC into one archive folder by file name.
        if path.name in seen:
            raise CollectionError(
                f"WARC files {seen[path.name]} and {path} share a file name; rename one"
            )
        seen[path.name] = path


def build_collection_from_responses(
    root: Path, name: str, responses: Iterable[ArchivedResponse], pywb_bin: Path | None = None
) -> tuple[Path, list[Path]]:
    """Write `responses` to one WARC and build collection `name` from it.

    The WARC is written to a scratch folder and `wb-manager add` copies it into the collection,
    so it is stored once. Returns the collection directory and the WARC paths inside it.
    """
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".warcs-", dir=root) as scratch:
        warc = write_warc(responses, Path(scratch) / f"{name}.warc.gz")
        target = build_collection(root, name, [warc], pywb_bin)
    return target, [target / "archive" / warc.name]
