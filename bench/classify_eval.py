"""Precision and recall of extract.classify on labelled texts, and its verdicts on real pages.

    python bench/classify_eval.py [--labels tests/fixtures/classify/labels.yaml ...]
    python bench/classify_eval.py --cross-validate
    python bench/classify_eval.py --fit
    python bench/classify_eval.py --corpus ../shared/realdata/ota-demo --sample sample/captures.yaml

"Policy" is the positive class: precision is the share of texts called policies that are, recall
the share of policies called policies. By default the author's set and the independent batch are
measured; --labels names any labels.yaml instead (its texts sit beside it), and may be given more
than once. For each set: a table per split, the accuracy of each reason on the negatives, the
policies found per language, every mistake, and the time per text. The last line,
`classify: texts=N precision=P recall=R`, is for all the labelled texts measured.

--fit fits the weights of `extract.policy_evidence` by logistic regression on the default sets
and prints them to paste into that module. --cross-validate fits on one set and measures on the
other, both ways, then five folds over both: the figures to expect on texts nobody tuned on.
--corpus measures every capture of a captures.jsonl folder (extracted text and curated text);
--sample every page of the sample archive.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from extract import policy_evidence
from extract.classify import CLASSIFIER_VERSION, Reason, Verdict, classify, read_evidence
from extract.consent_banner import find_banner
from extract.page_lines import Page
from extract.policy_evidence import SIGNALS, Model

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "classify"
DEFAULT_LABELS = (FIXTURES / "labels.yaml", FIXTURES / "independent" / "labels.yaml")
# L2 penalty and steps of the fit: enough to converge on a few hundred texts; the penalty keeps
# weights small where the labelled texts cannot tell two signals apart.
PENALTY = 0.01
STEPS = 4000
LEARNING_RATE = 0.5
FOLDS = 5
SEED = 20240501


@dataclass(frozen=True)
class Labelled:
    """One labelled text and what the pipeline passes to classify with it."""

    file: Path
    set_name: str
    split: str
    language: str | None
    expected: Reason
    title: str | None
    requested_url: str | None
    final_url: str | None

    @property
    def is_policy(self) -> bool:
        return self.expected == Reason.POLICY

    def text(self) -> str:
        return self.file.read_text(encoding="utf-8")

    def verdict(self) -> Verdict:
        return classify(
            self.text(),
            title=self.title,
            language=self.language,
            requested_url=self.requested_url,
            final_url=self.final_url or self.requested_url,
        )

    def signals(self) -> list[float]:
        """The evidence signals as classify computes them, in the order of `SIGNALS`."""
        page = Page.read(self.text(), language=self.language)
        banner = find_banner(page.lines)
        evidence = read_evidence(
            page, title=self.title, banner_lines=banner.lines if banner else None
        )
        return [evidence.signals[name] for name in SIGNALS]


@dataclass(frozen=True)
class Case:
    """A labelled text and the verdict on it."""

    labelled: Labelled
    verdict: Verdict

    @property
    def is_policy(self) -> bool:
        return self.labelled.is_policy


@dataclass(frozen=True)
class Score:
    texts: int
    true_positives: int
    false_positives: int
    false_negatives: int

    @classmethod
    def of(cls, cases: Sequence[Case]) -> Score:
        return cls(
            texts=len(cases),
            true_positives=sum(c.is_policy and c.verdict.is_policy for c in cases),
            false_positives=sum(not c.is_policy and c.verdict.is_policy for c in cases),
            false_negatives=sum(c.is_policy and not c.verdict.is_policy for c in cases),
        )

    @property
    def precision(self) -> float:
        called = self.true_positives + self.false_positives
        return self.true_positives / called if called else 1.0

    @property
    def recall(self) -> float:
        policies = self.true_positives + self.false_negatives
        return self.true_positives / policies if policies else 1.0

    def line(self) -> str:
        return (
            f"texts={self.texts} TP={self.true_positives} FP={self.false_positives} "
            f"FN={self.false_negatives} precision={self.precision:.3f} recall={self.recall:.3f}"
        )


def load_labels(labels: Path) -> list[Labelled]:
    """The texts a labels.yaml lists; each file sits beside it."""
    rows = yaml.safe_load(labels.read_text(encoding="utf-8"))
    set_name = labels.parent.name
    return [
        Labelled(
            file=labels.parent / row["file"],
            set_name=set_name,
            split=str(row.get("split") or "all"),
            language=row.get("language"),
            expected=Reason(row["reason"]),
            title=row.get("title"),
            requested_url=row.get("requested_url"),
            final_url=row.get("final_url"),
        )
        for row in rows
    ]


def judge(labelled: Sequence[Labelled]) -> tuple[list[Case], float]:
    """Every text classified, and the milliseconds per text."""
    started = time.perf_counter()
    cases = [Case(item, item.verdict()) for item in labelled]
    elapsed = time.perf_counter() - started
    return cases, 1000 * elapsed / max(len(cases), 1)


# ---- reports ----


def print_scores(cases: Sequence[Case]) -> None:
    splits = sorted({c.labelled.split for c in cases})
    print(
        f"{'split':12} {'texts':>5} {'policies':>8} {'TP':>4} {'FP':>4} {'FN':>4} "
        f"{'precision':>9} {'recall':>7}"
    )
    for split in [*splits, "all"] if len(splits) > 1 else splits:
        chosen = [c for c in cases if split in ("all", c.labelled.split)]
        score = Score.of(chosen)
        policies = score.true_positives + score.false_negatives
        print(
            f"{split:12} {score.texts:5} {policies:8} {score.true_positives:4} "
            f"{score.false_positives:4} {score.false_negatives:4} "
            f"{score.precision:9.3f} {score.recall:7.3f}"
        )


def print_reasons(cases: Sequence[Case]) -> None:
    print(f"\n{'reason (negatives)':26} {'texts':>5} {'right reason':>12} {'not policy':>10}")
    for reason in Reason:
        chosen = [c for c in cases if c.labelled.expected == reason and reason != Reason.POLICY]
        if not chosen:
            continue
        right = sum(c.verdict.reason == reason for c in chosen)
        rejected = sum(not c.verdict.is_policy for c in chosen)
        print(
            f"{reason.value:26} {len(chosen):5} {right:>6}/{len(chosen):<2} "
            f"{right / len(chosen):4.0%} {rejected / len(chosen):8.0%}"
        )


def print_languages(cases: Sequence[Case]) -> None:
    counts: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for case in cases:
        if case.is_policy:
            counts[case.labelled.language or "?"] += 1
            found[case.labelled.language or "?"] += case.verdict.is_policy
    row = "  ".join(f"{lang} {found[lang]}/{counts[lang]}" for lang in sorted(counts))
    print(f"\npolicies recognised, by language: {row}")


def print_mistakes(cases: Sequence[Case]) -> None:
    wrong = [c for c in cases if c.verdict.reason != c.labelled.expected]
    print(f"\nmistakes ({len(wrong)}):" if wrong else "\nmistakes: none")
    for case in wrong:
        marker = "  " if case.verdict.is_policy == case.is_policy else "**"
        print(
            f"{marker}[{case.labelled.split}] {case.labelled.file.name}: expected "
            f"{case.labelled.expected.value}, got {case.verdict.reason.value} "
            f"({case.verdict.detail})"
        )


def print_set(name: str, cases: Sequence[Case], ms_per_text: float) -> None:
    print(f"== {name}: {len(cases)} labelled texts, {ms_per_text:.1f} ms per text\n")
    print_scores(cases)
    print_reasons(cases)
    print_languages(cases)
    print_mistakes(cases)
    print()


def print_corpus(corpus: Path) -> None:
    """Each capture of a captures.jsonl corpus, extracted and classified; then its curated text."""
    from extract.markdown import extract_policy
    from replay.corpus import load_corpus

    captures = load_corpus(corpus)
    extracted: Counter[Reason] = Counter()
    curated: Counter[Reason] = Counter()
    for capture in captures:
        extraction = extract_policy(capture.html.read_bytes(), capture.url)
        verdict = classify(
            extraction.markdown,
            title=extraction.title,
            language=extraction.language,
            requested_url=capture.url,
        )
        extracted[verdict.reason] += 1
        if not verdict.is_policy:
            print(
                f"  extracted {capture.service} {capture.timestamp} "
                f"({extraction.word_count} words): {verdict.reason.value} ({verdict.detail})"
            )
        gold = classify(capture.gold_markdown.read_text(encoding="utf-8"))
        curated[gold.reason] += 1
        if not gold.is_policy:
            print(
                f"  curated {capture.service} {capture.timestamp}: {gold.reason.value} "
                f"({gold.detail})"
            )
    for name, counts in (("extracted", extracted), ("curated", curated)):
        row = ", ".join(f"{reason.value} {n}" for reason, n in counts.most_common())
        print(
            f"{corpus.name} {name}: {len(captures)} captures, "
            f"policy {counts[Reason.POLICY]}/{len(captures)} ({row})"
        )


def print_sample(captures_yaml: Path) -> None:
    """Each page of the sample archive, extracted and classified; a page with no version is not
    a policy."""
    from extract.markdown import extract_policy

    root = captures_yaml.parent
    captures = yaml.safe_load(captures_yaml.read_text(encoding="utf-8"))["captures"]
    right = pages = 0
    for capture in captures:
        if not capture.get("html"):
            continue
        pages += 1
        extraction = extract_policy((root / capture["html"]).read_bytes(), capture["url"])
        verdict = classify(
            extraction.markdown,
            title=extraction.title,
            language=extraction.language,
            requested_url=capture["url"],
        )
        expected = capture.get("version") is not None
        right += verdict.is_policy == expected
        if verdict.is_policy != expected or not expected:
            print(
                f"  {capture['url']} {capture['timestamp']}: expected "
                f"{'policy' if expected else 'not a policy'}, got {verdict.reason.value} "
                f"({verdict.detail})"
            )
    print(f"sample archive: {right}/{pages} pages classified as labelled")


# ---- fitting ----


def fit(rows: Sequence[Sequence[float]], targets: Sequence[bool]) -> Model:
    """Logistic regression with an L2 penalty, by gradient descent from zero: deterministic."""
    names = list(SIGNALS)
    weights = [0.0] * len(names)
    bias = 0.0
    count = len(rows)
    for _ in range(STEPS):
        gradient = [0.0] * len(names)
        gradient_bias = 0.0
        for row, target in zip(rows, targets, strict=True):
            z = bias + sum(w * x for w, x in zip(weights, row, strict=True))
            error = _sigmoid(z) - float(target)
            gradient_bias += error
            for i, x in enumerate(row):
                gradient[i] += error * x
        bias -= LEARNING_RATE * gradient_bias / count
        weights = [
            w - LEARNING_RATE * (g / count + PENALTY * w)
            for w, g in zip(weights, gradient, strict=True)
        ]
    return Model(weights=dict(zip(names, weights, strict=True)), bias=bias)


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def fit_on(labelled: Sequence[Labelled]) -> Model:
    usable = [item for item in labelled if item.expected != Reason.EMPTY]
    return fit([item.signals() for item in usable], [item.is_policy for item in usable])


@contextmanager
def using(model: Model) -> Iterator[None]:
    """Classify with `model` instead of the committed weights, for the span of a `with`."""
    committed = policy_evidence.MODEL
    policy_evidence.MODEL = model
    try:
        yield
    finally:
        policy_evidence.MODEL = committed


def print_model(model: Model) -> None:
    print("MODEL = Model(")
    print("    weights={")
    for name, weight in model.weights.items():
        print(f'        "{name}": {weight:.3f},')
    print("    },")
    print(f"    bias={model.bias:.3f},")
    print(")")


def cross_validate(sets: Sequence[list[Labelled]]) -> None:
    """Fit on one set, measure on the other, both ways; then folds over all texts."""
    names = [items[0].set_name if items else "?" for items in sets]
    for train, test, train_name, test_name in (
        (sets[0], sets[1], names[0], names[1]),
        (sets[1], sets[0], names[1], names[0]),
    ):
        with using(fit_on(train)):
            cases, _ = judge(test)
        print(f"fit on {train_name}, measured on {test_name}: {Score.of(cases).line()}")
        for case in cases:
            if case.verdict.is_policy != case.is_policy:
                print(f"    {case.labelled.file.name}: {case.verdict.detail}")
    everything = [item for items in sets for item in items]
    order = list(range(len(everything)))
    random.Random(SEED).shuffle(order)
    judged: list[Case] = []
    for fold in range(FOLDS):
        held = {index for position, index in enumerate(order) if position % FOLDS == fold}
        train = [item for index, item in enumerate(everything) if index not in held]
        with using(fit_on(train)):
            judged += judge([everything[index] for index in sorted(held)])[0]
    print(f"{FOLDS} folds over all {len(everything)} texts: {Score.of(judged).line()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--labels",
        type=Path,
        action="append",
        help="a labels.yaml to measure (default: the author's set and the independent batch)",
    )
    parser.add_argument("--fit", action="store_true", help="fit the weights and print them")
    parser.add_argument(
        "--cross-validate", action="store_true", help="fit on one set, measure on the other"
    )
    parser.add_argument(
        "--corpus", type=Path, action="append", default=[], help="a captures.jsonl folder"
    )
    parser.add_argument("--sample", type=Path, help="the sample archive's captures.yaml")
    args = parser.parse_args()
    label_files = args.labels or list(DEFAULT_LABELS)
    sets = [load_labels(path) for path in label_files]
    print(f"classifier version {CLASSIFIER_VERSION}\n")
    if args.fit:
        print_model(fit_on([item for items in sets for item in items]))
        return
    if args.cross_validate:
        cross_validate(sets)
        return
    everything: list[Case] = []
    for path, labelled in zip(label_files, sets, strict=True):
        cases, ms_per_text = judge(labelled)
        print_set(str(path), cases, ms_per_text)
        everything += cases
    for corpus in args.corpus:
        print_corpus(corpus)
        print()
    if args.sample is not None:
        print_sample(args.sample)
        print()
    score = Score.of(everything)
    print(
        f"classify: texts={score.texts} precision={score.precision:.3f} recall={score.recall:.3f}"
    )


if __name__ == "__main__":
    main()
