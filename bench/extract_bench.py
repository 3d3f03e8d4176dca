"""Extraction speed and memory, measured against bare trafilatura in the same run.

    python bench/extract_bench.py [--corpus ../shared/realdata/ota-demo] [--rounds 3]

Prints a table and one line per measure with the ratio to the baseline, "bare trafilatura":
`trafilatura.extract(html, output_format="markdown", include_formatting=True, include_links=True)`.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import trafilatura

from extract.markdown import extract_policy
from replay.corpus import load_corpus
from replay.sample import load_sample, sample_dir

BASELINE = "bare trafilatura"


def bare_trafilatura(html: bytes) -> object:
    return trafilatura.extract(
        html.decode("utf-8", errors="replace"),
        output_format="markdown",
        include_formatting=True,
        include_links=True,
    )


def ours(html: bytes) -> object:
    return extract_policy(html)


def pages(corpus: Path | None) -> list[bytes]:
    if corpus is not None and corpus.is_dir():
        return [c.html.read_bytes() for c in load_corpus(corpus)]
    return [c.html.read_bytes() for c in load_sample(sample_dir()) if c.html is not None]


def docs_per_second(extractor: Callable[[bytes], object], html: list[bytes], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for page in html:
            extractor(page)
        best = min(best, time.perf_counter() - started)
    return len(html) / best


def peak_memory_mb(extractor: Callable[[bytes], object], html: list[bytes]) -> float:
    tracemalloc.start()
    for page in html:
        extractor(page)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    html = pages(args.corpus)
    # Warm both up once so imports and caches are not measured.
    for page in html[:3]:
        bare_trafilatura(page)
        ours(page)
    speed = {BASELINE: docs_per_second(bare_trafilatura, html, args.rounds)}
    speed["policyarchive"] = docs_per_second(ours, html, args.rounds)
    memory = {
        BASELINE: peak_memory_mb(bare_trafilatura, html),
        "policyarchive": peak_memory_mb(ours, html),
    }
    print(
        f"{'extractor':<20} {'docs/s':>8} {'peak MB':>8}"
        f"   ({len(html)} pages, best of {args.rounds})"
    )
    for name in speed:
        print(f"{name:<20} {speed[name]:>8.1f} {memory[name]:>8.1f}")
    print(
        f"bench extract: baseline={BASELINE.replace(' ', '-')} pages={len(html)} "
        f"speed_ratio={speed['policyarchive'] / speed[BASELINE]:.2f} "
        f"memory_ratio={memory['policyarchive'] / memory[BASELINE]:.2f}"
    )


if __name__ == "__main__":
    main()
