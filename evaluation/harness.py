"""`policyarchive eval DIR`: archive a gold corpus, crawl it for real, and score what was stored.

The corpus is written into WARCs, served by pywb on loopback and crawled by the real spider, so
the scores measure the whole path a user's crawl takes, not the extractor alone.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from evaluation.scoring import ChangeAgreement, WordOverlap, change_agreement, total, word_overlap
from policyarchive.crawl import LOOPBACK_RATES, run_crawl
from replay.corpus import CorpusCapture, build_corpus_archive, load_corpus, service_urls
from replay.pywb import PywbServer
from store.schema import open_db


class EvalError(Exception):
    """The evaluation could not run; the message says which step failed."""


@dataclass
class ServiceScore:
    """The scores of one service (one policy) of the corpus."""

    service: str
    captures: int = 0
    fetched: int = 0
    words: WordOverlap = field(default_factory=WordOverlap)
    changes: ChangeAgreement = field(default_factory=ChangeAgreement)
    versions_found: int = 0
    versions_true: int = 0


@dataclass
class EvalReport:
    """Per-service scores and their micro-averaged totals."""

    services: list[ServiceScore]
    strategy: str

    @property
    def captures(self) -> int:
        return sum(s.captures for s in self.services)

    @property
    def fetched(self) -> int:
        return sum(s.fetched for s in self.services)

    @property
    def words(self) -> WordOverlap:
        return total(s.words for s in self.services)

    @property
    def changes(self) -> ChangeAgreement:
        result = ChangeAgreement()
        for service in self.services:
            result += service.changes
        return result


@dataclass(frozen=True)
class _Stored:
    """What the archive holds for one gold capture."""

    markdown: str | None
    version: Hashable


def stored_captures(db: Database, archive: str) -> dict[tuple[str, str], _Stored]:
    """For each (policy URL, timestamp) of `archive`: its latest text and the version holding it."""
    rows = db.execute(
        """
        SELECT p.url, c.timestamp, c.policy_id, t.markdown
        FROM captures c
        JOIN policies p ON p.id = c.policy_id
        JOIN capture_status cs ON cs.capture_id = c.id
        LEFT JOIN texts t ON t.hash = cs.text_hash
        WHERE c.archive = ?
        """,
        [archive],
    ).fetchall()
    spans: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for version_id, policy_id, first, last in db.execute(
        "SELECT id, policy_id, first_seen, last_seen FROM versions"
    ).fetchall():
        spans[policy_id].append((first, last, version_id))
    stored: dict[tuple[str, str], _Stored] = {}
    for url, timestamp, policy_id, markdown in rows:
        holding = [v for first, last, v in spans[policy_id] if first <= timestamp <= last]
        # A capture that is in no version (not fetched, not a policy) is a version of its own.
        label: Hashable = holding[0] if holding else ("outside", timestamp)
        stored[(url, timestamp)] = _Stored(markdown, label)
    return stored


def score(
    captures: list[CorpusCapture], stored: dict[tuple[str, str], _Stored]
) -> list[ServiceScore]:
    """Compare the stored texts and versions with the gold, service by service."""
    by_service: dict[str, list[CorpusCapture]] = defaultdict(list)
    for capture in captures:
        by_service[capture.service].append(capture)
    # The crawl stores every capture of a service under the service's one policy URL.
    policy_url = service_urls(captures)
    scores = []
    for service, group in sorted(by_service.items()):
        group.sort(key=lambda c: c.timestamp)
        result = ServiceScore(service, captures=len(group))
        predicted: list[Hashable] = []
        for capture in group:
            found = stored.get((policy_url[service], capture.timestamp))
            predicted.append(found.version if found else ("missing", capture.timestamp))
            if found is None or found.markdown is None:
                continue  # not fetched: no extraction to score
            result.fetched += 1
            gold = capture.gold_markdown.read_text(encoding="utf-8")
            result.words += word_overlap(found.markdown, gold)
        gold_versions = [c.version for c in group]
        result.changes = change_agreement(predicted, gold_versions)
        result.versions_found = len(set(predicted))
        result.versions_true = len(set(gold_versions))
        scores.append(result)
    return scores


def run_eval(
    corpus_dir: Path,
    work: Path,
    *,
    strategy: str = "all",
    echo: Callable[[str], None] = print,
) -> EvalReport:
    """Archive `corpus_dir` under `work`, crawl it with `strategy`, and score the result."""
    captures = load_corpus(corpus_dir)
    if work.exists():
        shutil.rmtree(work)  # every evaluation starts from an empty archive
    built = build_corpus_archive(corpus_dir, work / "archive")
    echo(f"eval: {built.captures} captures of {built.policies} policies archived for pywb")
    db_path = work / "policies.db"
    with PywbServer(built.root) as server:
        archive_url = server.archive_url(built.collection)
        status = run_crawl(
            built.sites_csv,
            archive_url,
            db_path,
            work / "warcs",
            work / "crawl.log",
            spider_args={"strategy": strategy},
            settings=LOOPBACK_RATES,
            echo=echo,
        )
    if status != 0:
        raise EvalError(f"the crawl failed with exit status {status}; see {work / 'crawl.log'}")
    stored = stored_captures(open_db(db_path), archive_url)
    return EvalReport(score(captures, stored), strategy)


def render_report(report: EvalReport) -> str:
    """The per-service table, then the one-line summary."""
    lines = [
        f"{'service':<28} {'capt':>5} {'P':>6} {'R':>6} {'F1':>6} {'chg P':>6} {'chg R':>6}"
        f" {'versions':>9}"
    ]
    for s in report.services:
        lines.append(
            f"{s.service[:28]:<28} {s.captures:>5} {s.words.precision:>6.3f} {s.words.recall:>6.3f}"
            f" {s.words.f1:>6.3f} {s.changes.precision:>6.3f} {s.changes.recall:>6.3f}"
            f" {s.versions_found:>4}/{s.versions_true:<4}"
        )
    words, changes = report.words, report.changes
    summary = (
        f"eval: captures={report.captures} f1={words.f1:.3f} precision={words.precision:.3f} "
        f"recall={words.recall:.3f} change_precision={changes.precision:.3f} "
        f"change_recall={changes.recall:.3f}"
    )
    if report.strategy != "all":
        summary += f" strategy={report.strategy} fetches={report.fetched}"
    lines.append(summary)
    return "\n".join(lines)
