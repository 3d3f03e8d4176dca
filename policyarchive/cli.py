"""The `policyarchive` command: the steps that are not Scrapy. Each command only parses its
options, calls the library, and turns library errors into one-line messages."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from crawler.exceptions import PolicyArchiveError
from policyarchive import __version__

F = TypeVar("F", bound=Callable[..., Any])

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# Captures are stored per archive URL, so the demo's archive must keep one address across runs.
DEMO_PORT = 18080


def db_option(function: F) -> F:
    """The --db option every command that reads the archive shares."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path(os.environ.get("POLICYARCHIVE_DB", "data/policies.db")),
        show_default=True,
        help="The SQLite archive.",
    )(function)


def folder_option(name: str, default: str, help: str, dest: str | None = None) -> Callable[[F], F]:
    """An option naming a folder, with its default shown in --help."""
    decls = [name, dest] if dest else [name]
    return click.option(
        *decls,
        type=click.Path(file_okay=False, path_type=Path),
        default=Path(default),
        show_default=True,
        help=help,
    )


warcs_option = folder_option(
    "--warcs", "data/warcs", "Where crawls write their WARC files.", "warc_dir"
)
corpus_option = folder_option(
    "--out", "data/corpus", "The corpus folder: one <domain>/<YYYY-MM-DD>.md per version."
)


def reports_errors(function: F) -> F:
    """Turn the library's errors into a one-line `Error: ...` and exit status 1."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except PolicyArchiveError as error:
            raise click.ClickException(str(error)) from None

    return wrapper  # type: ignore[return-value]


def _open_existing(db_path: Path) -> Any:
    from store.schema import open_db

    if not db_path.exists():
        raise click.ClickException(
            f"database {db_path} does not exist; run a crawl first (make demo or make crawl)"
        )
    return open_db(db_path)


@click.group()
@click.version_option(__version__, prog_name="policyarchive")
def cli() -> None:
    """Every version of a privacy policy, from the Wayback Machine, in one SQLite file.

    Crawling is Scrapy's job (scrapy crawl policies -a sites=FILE); these commands do the rest.

    \b
    Example:
        policyarchive demo
    """


@cli.command()
@db_option
@warcs_option
@reports_errors
def extract(db_path: Path, warc_dir: Path) -> None:
    """Extract and classify every stored capture again from its WARC record, rebuild versions.

    Nothing is fetched: use it after an extractor or classifier upgrade. Change points that
    appear or vanish are labelled as coming from this re-extraction, not from the sites.

    \b
    Example:
        policyarchive extract --db data/policies.db --warcs data/warcs
    """
    from policyarchive.reextract import reextract

    db = _open_existing(db_path)

    def progress(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            click.echo(f"extract: {done}/{total} captures", err=True)

    report = reextract(db, warc_dir, progress)
    for filename in report.missing:
        click.echo(
            f"warning: WARC file {warc_dir / filename} is missing; its captures keep their text",
            err=True,
        )
    click.echo(
        f"extract: fetches={report.fetches} changed={report.changed} "
        f"versions={report.versions} missing_warcs={len(report.missing)} "
        f"added_changes={report.added_changes} removed_changes={report.removed_changes} "
        f"reclassified={report.reclassified}"
    )


@cli.command()
@db_option
@corpus_option
@reports_errors
def export(db_path: Path, out: Path) -> None:
    """Write each version as Markdown with the Princeton-Leuven provenance header.

    \b
    Example:
        policyarchive export --out data/corpus
    """
    from store.export import export_corpus

    written = export_corpus(_open_existing(db_path), out)
    click.echo(f"export: {len(written)} versions written to {out}")


@cli.command()
@db_option
@click.option("--width", default=60, show_default=True, help="Columns for the time axis.")
@reports_errors
def timeline(db_path: Path, width: int) -> None:
    """Chart each site's policy versions over time.

    \b
    Example:
        policyarchive timeline --db data/policies.db
    """
    from policyarchive.timeline import render_timeline
    from store.queries import timeline as site_timelines

    click.echo(render_timeline(site_timelines(_open_existing(db_path)), width))


@cli.command()
@db_option
@click.option("--run", "run", default="last", show_default=True, help="A run id, 'last', or 'all'.")
@click.option(
    "--label", default="summary", show_default=True, help="The word the line starts with."
)
@reports_errors
def summary(db_path: Path, run: str, label: str) -> None:
    """One line of counts: sites, captures, fetched (in the run), versions, failed.

    \b
    Example:
        policyarchive summary --run last
    """
    click.echo(_summary_line(_open_existing(db_path), run, label))


def _summary_line(db: Any, run: str, label: str) -> str:
    from store.queries import last_run_id
    from store.queries import summary as count

    if run == "all":
        run_id = None
    elif run == "last":
        run_id = last_run_id(db)
    elif run.isdigit():
        run_id = int(run)
    else:
        raise click.BadParameter(f"{run!r} is not a run id, 'last' or 'all'", param_hint="--run")
    counts = count(db, run_id)
    return (
        f"{label}: sites={counts.sites} captures={counts.captures} fetched={counts.fetched} "
        f"versions={counts.versions} failed={counts.failed}"
    )


@cli.command()
@db_option
@reports_errors
def failed(db_path: Path) -> None:
    """List captures whose latest fetch failed, with the reason; the next crawl retries them.

    \b
    Example:
        policyarchive failed
    """
    from store.queries import failed_captures

    rows = failed_captures(_open_existing(db_path))
    for row in rows:
        click.echo(f"{row.timestamp} {row.original} {row.outcome}: {row.error or ''}")
    click.echo(f"failed: {len(rows)} captures")


@cli.command()
@folder_option("--root", "data/sample", "Where to build the WARCs and the pywb collection.")
@reports_errors
def sample(root: Path) -> None:
    """Build the bundled sample archive (fictional sites, 1999-2024) as WARCs for pywb.

    \b
    Example:
        policyarchive sample --root data/sample
    """
    from replay.sample import build_sample

    built = build_sample(root)
    click.echo(
        f"sample: {built.sites} sites, {built.captures} captures in {built.collection_dir}; "
        f"sites list {built.sites_csv}"
    )


@cli.command("corpus-archive")
@click.argument("corpus", type=click.Path(file_okay=False, exists=True, path_type=Path))
@folder_option("--root", "data/corpus-archive", "Where to build the WARCs and the pywb collection.")
@reports_errors
def corpus_archive(corpus: Path, root: Path) -> None:
    """Turn a folder in the captures.jsonl layout into WARCs and a pywb collection.

    \b
    Example:
        policyarchive corpus-archive ../shared/realdata/ota-demo --root data/ota
    """
    from replay.corpus import build_corpus_archive

    built = build_corpus_archive(corpus, root)
    click.echo(
        f"corpus-archive: {built.captures} captures of {built.policies} policies in "
        f"{built.collection_dir}; sites list {built.sites_csv}"
    )


@cli.command()
@click.argument("root", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--port", default=8080, show_default=True, help="Port on 127.0.0.1.")
@reports_errors
def replay(root: Path, port: int) -> None:
    """Serve a built pywb collection root on loopback until Ctrl-C.

    \b
    Example:
        policyarchive replay data/sample --port 8080
    """
    from replay.pywb import PywbServer

    with PywbServer(root, port=port) as server:
        click.echo(f"replay: pywb at {server.url} (Ctrl-C to stop)")
        try:
            while server.running:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


@cli.command()
@db_option
@folder_option("--root", "data/sample", "Where to build the sample archive.")
@warcs_option
@folder_option("--corpus", "data/corpus", "Where the Markdown corpus goes.")
@click.option(
    "--port",
    default=DEMO_PORT,
    show_default=True,
    help="Loopback port for pywb; fixed so that a second demo knows the same archive.",
)
@reports_errors
def demo(db_path: Path, root: Path, warc_dir: Path, corpus: Path, port: int) -> None:
    """Build the sample archive, serve it with pywb on loopback, crawl, extract, store, export.

    Ends with a timeline per site and one line of counts. A second run fetches nothing new.

    \b
    Example:
        policyarchive demo
    """
    from policyarchive.crawl import run_crawl
    from policyarchive.timeline import render_timeline
    from replay.pywb import PywbServer
    from replay.sample import build_sample
    from store.export import export_corpus
    from store.queries import timeline as site_timelines

    built = build_sample(root)
    click.echo(f"demo: sample archive of {built.sites} sites and {built.captures} captures built")
    with PywbServer(root, port=port) as server:
        archive_url = server.archive_url(built.collection)
        click.echo(f"demo: pywb serving {archive_url}")
        log_path = db_path.parent / "crawl.log"
        status = run_crawl(
            built.sites_csv, archive_url, db_path, warc_dir, log_path, echo=click.echo
        )
    if status != 0:
        raise click.ClickException(f"the crawl failed with exit status {status}; see {log_path}")
    db = _open_existing(db_path)
    written = export_corpus(db, corpus)
    click.echo(f"demo: {len(written)} versions exported to {corpus}")
    click.echo(render_timeline(site_timelines(db)))
    click.echo(_summary_line(db, "last", "demo"))


@cli.command("eval")
@click.argument("corpus", type=click.Path(file_okay=False, exists=True, path_type=Path))
@folder_option("--work", "data/eval", "Scratch folder for the archive, crawl and database.")
@click.option(
    "--strategy",
    default="all",
    show_default=True,
    help="Which captures the crawl fetches (all, interval).",
)
@reports_errors
def evaluate(corpus: Path, work: Path, strategy: str) -> None:
    """Score extraction and versions against a gold corpus in the captures.jsonl layout.

    The corpus is archived into WARCs, served by pywb on loopback, crawled by the real spider,
    and each stored text and version compared with its gold.

    \b
    Example:
        policyarchive eval ../shared/realdata/ota-demo
    """
    from crawler.strategies import check_strategy
    from evaluation.harness import EvalError, render_report, run_eval

    check_strategy(strategy)
    try:
        report = run_eval(corpus, work / corpus.name, strategy=strategy, echo=click.echo)
    except EvalError as error:
        raise click.ClickException(str(error)) from None
    click.echo(render_report(report))


def main() -> None:
    cli(prog_name="policyarchive")


if __name__ == "__main__":
    main()
