"""Export every version as a Markdown file with its provenance header: <domain>/<YYYY-MM-DD>.md."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from crawler.exceptions import BadInputError
from crawler.wayback import parse_timestamp
from extract.provenance import provenance_header, render_version
from store import mementos


def export_corpus(
    db: Database, out_dir: str | Path, memento_prefix: str | None = None
) -> list[Path]:
    """Write one file per version under `out_dir` (the corpus directory, e.g. data/corpus).

    Files are named for the UTC date the version was first seen; a second or third version of a
    site on the same date gets `-2`, `-3`, in order of first_seen, policy URL and version number.
    Memento links use `memento_prefix`, or else the prefix of the archive each capture came from.
    Files whose content is unchanged are not rewritten. Returns every version's path, in order.
    """
    root = Path(out_dir)
    rows = db.execute(
        """
        SELECT p.domain, v.first_seen, c.original, c.archive, t.title, t.markdown
        FROM versions AS v
        JOIN policies AS p ON p.id = v.policy_id
        JOIN captures AS c ON c.id = v.first_capture_id
        JOIN texts AS t ON t.hash = v.text_hash
        ORDER BY p.domain, v.first_seen, p.url, v.seq
        """
    ).fetchall()
    taken: dict[tuple[str, str], int] = {}
    paths: list[Path] = []
    for domain, first_seen, original, archive, title, markdown in rows:
        _check_domain(domain)
        day = parse_timestamp(first_seen).date().isoformat()
        count = taken.get((domain, day), 0) + 1
        taken[(domain, day)] = count
        name = f"{day}.md" if count == 1 else f"{day}-{count}.md"
        prefix = memento_prefix if memento_prefix is not None else mementos.memento_prefix(archive)
        header = provenance_header(domain, first_seen, original, prefix)
        path = root / domain / name
        _write_if_changed(path, render_version(header, title, markdown))
        paths.append(path)
    return paths


def _check_domain(domain: str) -> None:
    # The domain becomes a directory name; a path in it would write outside the corpus.
    if not domain or domain in (".", "..") or "/" in domain or "\\" in domain:
        raise BadInputError(
            f"domain {domain!r} cannot name a corpus directory; use a host name like example.com"
        )


def _write_if_changed(path: Path, text: str) -> None:
    # Leaving identical files untouched keeps their mtimes, so rsync and make see no change.
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
