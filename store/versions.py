"""Versions: maximal runs of consecutive policy captures whose texts compare equal.

Texts compare equal when their normalized hashes are equal, once any lines that rotate between
the policy's captures (see `extract.normalize.rotating_lines`) are set aside. Captures whose text
the classifier judged not to be a policy are skipped: they neither split nor extend a version.

Versions are derived data. `rebuild_versions` recomputes a policy's rows from its captures,
fetches and texts, so it can run after every crawl or extractor change and leaves identical rows
alone. The one thing a rebuild cannot derive is where a change point came from, so it carries
each boundary's `change_origin` over from the row that had it and labels new ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import Any

from sqlite_utils import Database

from crawler.wayback import FetchOutcome, parse_timestamp
from extract.dates import stated_update
from extract.normalize import (
    NORMALIZER_VERSION,
    ROTATING_MIN_SWITCHES,
    comparison_form,
    normalize_text,
    rotating_lines,
    text_hash,
    word_changes,
)
from store.mementos import memento_url

# CDX rows without a payload digest say "-"; captures added from a fetch alone store "".
_UNKNOWN_DIGESTS = frozenset({"", "-"})


def is_known_digest(digest: str | None) -> bool:
    """Whether a capture's digest names its bytes, so captures sharing it share their text."""
    return digest is not None and digest not in _UNKNOWN_DIGESTS


@dataclass(frozen=True)
class ChangeOrigin:
    """What made a change point appear: a crawl, or re-extraction run `reextraction_id`."""

    label: str  # versions.change_origin: "crawl" or "reextraction <extractor>"
    reextraction_id: int | None = None


CRAWL = ChangeOrigin("crawl")


def reextraction_origin(reextraction_id: int, extractor: str) -> ChangeOrigin:
    """The origin of change points that appear when re-extraction run `reextraction_id` runs."""
    return ChangeOrigin(f"reextraction {extractor}", reextraction_id)


@dataclass(frozen=True)
class ChangePoint:
    """A boundary between two versions, named by the first capture of the later one."""

    policy_id: int
    capture_id: int
    timestamp: str
    version_id: str


@dataclass(frozen=True)
class _Text:
    hash: str  # of the raw Markdown
    normalized_hash: str
    is_policy: bool


@dataclass(frozen=True)
class _Capture:
    id: int
    archive: str
    timestamp: str
    original: str
    digest: str
    fetch_id: int | None  # the latest ok fetch that produced a text
    text: _Text | None
    memento_url: str | None


def _policy_captures(db: Database, policy_id: int) -> list[_Capture]:
    """The policy's captures in time order, each with the text of its latest ok fetch, if any."""
    rows = db.execute(
        """
        SELECT c.id, c.archive, c.timestamp, c.original, c.digest, f.id, f.memento_url,
          f.text_hash, t.normalized_hash, f.is_policy
        FROM captures AS c
        LEFT JOIN fetches AS f ON f.id = (
          SELECT max(g.id) FROM fetches AS g
          WHERE g.capture_id = c.id AND g.outcome = ? AND g.text_hash IS NOT NULL
        )
        LEFT JOIN texts AS t ON t.hash = f.text_hash
        WHERE c.policy_id = ?
        ORDER BY c.timestamp, c.id
        """,
        [FetchOutcome.OK.value, policy_id],
    ).fetchall()
    captures = []
    for row in rows:
        key, normalized_hash, is_policy = row[7:]
        # Texts saved before the classifier existed have no verdict; they stay versions.
        text = None if key is None else _Text(key, normalized_hash or key, is_policy != 0)
        captures.append(
            _Capture(
                id=row[0],
                archive=row[1],
                timestamp=row[2],
                original=row[3],
                digest=row[4],
                fetch_id=row[5],
                text=text,
                memento_url=row[6],
            )
        )
    return captures


def _texts_by_digest(captures: list[_Capture]) -> dict[str, _Text]:
    """For each digest, the text its most recently fetched capture produced."""
    best: dict[str, tuple[int, _Text]] = {}
    for capture in captures:
        if capture.fetch_id is None or capture.text is None:
            continue
        if not is_known_digest(capture.digest):
            continue
        current = best.get(capture.digest)
        if current is None or capture.fetch_id > current[0]:
            best[capture.digest] = (capture.fetch_id, capture.text)
    return {digest: text for digest, (_, text) in best.items()}


class _Comparison:
    """The texts of one policy as versions compare them: normalized, rotating lines set aside."""

    def __init__(self, db: Database, texts: list[_Text]) -> None:
        self.db = db
        self.lines: dict[str, list[str]] = {}
        self.rotating: set[str] = set()
        runs = [key for key, _ in groupby(text.normalized_hash for text in texts)]
        # Fewer runs than that cannot show any line switching often enough to rotate.
        if len(runs) > ROTATING_MIN_SWITCHES:
            sample = {text.normalized_hash: text.hash for text in texts}
            self.rotating = rotating_lines([self._lines(key, sample[key]) for key in runs])

    def _lines(self, normalized_hash: str, text_hash: str) -> list[str]:
        if normalized_hash not in self.lines:
            (markdown,) = self.db.execute(
                "SELECT markdown FROM texts WHERE hash = ?", [text_hash]
            ).fetchone()
            self.lines[normalized_hash] = normalize_text(markdown or "").splitlines()
        return self.lines[normalized_hash]

    def key(self, text: _Text) -> str:
        """What must be equal for two texts to be one version."""
        if not self.rotating:
            return text.normalized_hash
        return comparison_form(self.kept_lines(text))

    def kept_lines(self, text: _Text) -> list[str]:
        """The normalized lines of `text` without the rotating ones."""
        return [
            line
            for line in self._lines(text.normalized_hash, text.hash)
            if line not in self.rotating
        ]


def _runs(
    placed: list[tuple[_Capture, _Text]], comparison: _Comparison
) -> list[list[tuple[_Capture, _Text]]]:
    """Consecutive captures grouped into versions: equal texts, or a date catching up."""
    runs: list[list[tuple[_Capture, _Text]]] = []
    keys: set[str] = set()
    for capture, text in placed:
        key = comparison.key(text)
        if runs and (key in keys or _catches_up(comparison, runs[-1][0], text)):
            runs[-1].append((capture, text))
            keys.add(key)
            continue
        runs.append([(capture, text)])
        keys = {key}
    return runs


def _catches_up(comparison: _Comparison, start: tuple[_Capture, _Text], text: _Text) -> bool:
    """Whether `text` differs from a version only by a "last updated" date no later than the
    version's first capture: the page caught its date up with a change already recorded.

    A new date after the version began still makes a new version, as any other change does.
    """
    first, earlier = start
    before, after = comparison.kept_lines(earlier), comparison.kept_lines(text)
    old_dates = [d for d in map(stated_update, before) if d is not None]
    new_dates = [d for d in map(stated_update, after) if d is not None]
    if not old_dates or not new_dates or old_dates == new_dates:
        return False
    rest_before = [line for line in before if stated_update(line) is None]
    rest_after = [line for line in after if stated_update(line) is None]
    if comparison_form(rest_before) != comparison_form(rest_after):
        return False
    return max(new_dates) <= parse_timestamp(first.timestamp).date()


# The words added and removed between two normalized texts, by (older, newer) normalized hash.
ChangeSizes = dict[tuple[str, str], tuple[int, int]]


def compute_versions(
    db: Database, policy_id: int, known_sizes: ChangeSizes | None = None
) -> list[dict[str, Any]]:
    """The version rows a policy should have now, in order, without writing anything.

    `known_sizes` spares diffing texts again (a rewrite of a long policy takes a good part of a
    second); it is used only while no lines rotate, as then the sizes depend on the two texts
    alone. `change_origin` and `reextraction_id` are left None: only a rebuild knows them.
    """
    captures = _policy_captures(db, policy_id)
    by_digest = _texts_by_digest(captures)
    placed: list[tuple[_Capture, _Text]] = []
    for capture in captures:
        # Same digest means same bytes, so a capture never fetched (or whose fetches failed)
        # still belongs to the version its twin's text places it in.
        text = capture.text or by_digest.get(capture.digest)
        if text is not None and text.is_policy:
            placed.append((capture, text))
    comparison = _Comparison(db, [text for _, text in placed])

    rows: list[dict[str, Any]] = []
    used_ids: set[str] = set()
    previous: _Text | None = None
    for seq, members in enumerate(_runs(placed, comparison), start=1):
        (first, text), (last, _) = members[0], members[-1]
        version_id = f"{policy_id}:{first.timestamp}"
        # Two captures can share a timestamp (another archive, http vs https) yet differ in text.
        suffix = 2
        while version_id in used_ids:
            version_id = f"{policy_id}:{first.timestamp}-{suffix}"
            suffix += 1
        used_ids.add(version_id)
        added = removed = None
        if previous is not None:
            pair = (previous.normalized_hash, text.normalized_hash)
            if known_sizes and not comparison.rotating and pair in known_sizes:
                added, removed = known_sizes[pair]
            else:
                added, removed = word_changes(
                    comparison.kept_lines(previous), comparison.kept_lines(text)
                )
        previous = text
        rows.append(
            {
                "id": version_id,
                "policy_id": policy_id,
                "seq": seq,
                "text_hash": text.hash,
                "first_capture_id": first.id,
                "last_capture_id": last.id,
                "first_seen": first.timestamp,
                "last_seen": last.timestamp,
                "capture_count": len(members),
                "memento_url": first.memento_url
                or memento_url(first.archive, first.timestamp, first.original),
                "normalized_hash": text.normalized_hash,
                "words_added": added,
                "words_removed": removed,
                "change_origin": None,
                "reextraction_id": None,
            }
        )
    return rows


def rebuild_versions(db: Database, policy_id: int, origin: ChangeOrigin = CRAWL) -> int:
    """Recompute one policy's versions from its captures; return how many it has.

    Each capture takes the text of its latest ok fetch, or else the text of a capture with the
    same digest; captures with neither, or whose text is not a policy, are left out. A change
    point (a version after the first) keeps the origin it had; one that did not exist before
    gets `origin`. Texts saved under an older normalizer are re-normalized first. Stale rows are
    deleted and changed rows rewritten, so calling this twice in a row writes nothing the second
    time.
    """
    refresh_normalized_hashes(db, policy_id)
    versions = db.table("versions")
    with db.atomic():
        existing = {row["id"]: row for row in versions.rows_where("policy_id = ?", [policy_id])}
        wanted = compute_versions(db, policy_id, _stored_sizes(existing.values()))
        origins = {
            row["first_capture_id"]: (row["change_origin"], row["reextraction_id"])
            for row in existing.values()
            if row["seq"] > 1 and row["change_origin"] is not None
        }
        for row in wanted:
            if row["seq"] > 1:
                label, reextraction_id = origins.get(
                    row["first_capture_id"], (origin.label, origin.reextraction_id)
                )
                row["change_origin"], row["reextraction_id"] = label, reextraction_id
        wanted_ids = {row["id"] for row in wanted}
        for stale in existing.keys() - wanted_ids:
            versions.delete(stale)
        changed = [row for row in wanted if existing.get(row["id"]) != row]
        if changed:
            versions.upsert_all(changed, pk="id")
    return len(wanted)


def _stored_sizes(rows: Iterable[dict[str, Any]]) -> ChangeSizes:
    """The change sizes stored on a policy's version rows, by their pair of normalized texts."""
    ordered = sorted(rows, key=lambda row: row["seq"])
    return {
        (before["normalized_hash"], after["normalized_hash"]): (
            after["words_added"],
            after["words_removed"],
        )
        for before, after in pairwise(ordered)
        if after["words_added"] is not None and after["words_removed"] is not None
    }


def rebuild_all_versions(db: Database, origin: ChangeOrigin = CRAWL) -> int:
    """Rebuild the versions of every policy; return the total number of versions."""
    policy_ids = [row[0] for row in db.execute("SELECT id FROM policies ORDER BY id").fetchall()]
    return sum(rebuild_versions(db, policy_id, origin) for policy_id in policy_ids)


def change_points(db: Database) -> dict[tuple[int, int], ChangePoint]:
    """Every stored version boundary, keyed by (policy id, first capture of the later version)."""
    rows = db.execute(
        "SELECT policy_id, first_capture_id, first_seen, id FROM versions WHERE seq > 1"
    ).fetchall()
    return {(row[0], row[1]): ChangePoint(*row) for row in rows}


def refresh_normalized_hashes(db: Database, policy_id: int) -> int:
    """Re-normalize the texts of a policy's fetches that an older normalizer hashed; return how
    many were. Comparing hashes made by two sets of rules would split versions where nothing
    changed."""
    rows = db.execute(
        """
        SELECT DISTINCT t.hash, t.markdown
        FROM captures AS c
        JOIN fetches AS f ON f.capture_id = c.id
        JOIN texts AS t ON t.hash = f.text_hash
        WHERE c.policy_id = ? AND t.normalizer IS NOT ?
        """,
        [policy_id, NORMALIZER_VERSION],
    )
    stale = [(text_hash(markdown or ""), NORMALIZER_VERSION, key) for key, markdown in rows]
    if stale:
        with db.atomic():
            db.conn.executemany(
                "UPDATE texts SET normalized_hash = ?, normalizer = ? WHERE hash = ?", stale
            )
    return len(stale)
