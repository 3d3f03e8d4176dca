"""Precision and recall of extract.classify on labelled texts, and its verdicts on real pages.

    python bench/classify_eval.py [--labels tests/fixtures/classify/blind/labels.yaml ...]
    python bench/classify_eval.py --leave-one-writer-out
    python bench/classify_eval.py --thresholds
    python bench/classify_eval.py --fit
    python bench/classify_eval.py --corpus ../shared/realdata/ota-demo --sample sample/captures.yaml

"Policy" is the positive class: precision is the share of texts called policies that are, recall
the share of policies called policies. By default the nine labelled sets, each by another
writer, are measured with the committed weights; --labels names any labels.yaml instead (its
texts sit beside it), and may be given more than once. For each set: a table per split, the
accuracy of each reason on the negatives, the policies found per language, every mistake, and the
time per text. The last line, `classify: texts=N precision=P recall=R`, is for all of them.

--leave-one-writer-out fits the weights on the other writers' sets and measures one, for each
writer in turn: the figures to expect from a writer nobody tuned on. --thresholds does the same
at several decision thresholds, to choose the committed one: the precision bought on writers
nobody tuned on, and the recall it costs. --fit fits on all the sets and writes
`extract/fitted_weights.py`. All fit the same way (`fit_models`), with numpy, which is needed
here only. --corpus measures every capture of a captures.jsonl folder (extracted text and curated
text); --sample every page of the sample archive.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from extract import classify as classify_module
from extract import policy_evidence
from extract.classify import (
    CLASSIFIER_VERSION,
    Reason,
    Verdict,
    classify,
    page_without,
    prose_of,
    read_evidence,
)
from extract.consent_banner import find_banner
from extract.page_lines import Page
from extract.policy_evidence import SIGNALS, Evidence, Model
from extract.text_model import TextModel, ngrams, weighted

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "classify"
# The author's set, the independent, blind, final, sealed, sixth, seventh, eighth and ninth
# batches: nine writers.
DEFAULT_LABELS = (
    FIXTURES / "labels.yaml",
    FIXTURES / "independent" / "labels.yaml",
    FIXTURES / "blind" / "labels.yaml",
    FIXTURES / "final" / "labels.yaml",
    FIXTURES / "sealed" / "labels.yaml",
    FIXTURES / "sixth" / "labels.yaml",
    FIXTURES / "seventh" / "labels.yaml",
    FIXTURES / "eighth" / "labels.yaml",
    FIXTURES / "ninth" / "labels.yaml",
)
WEIGHTS_MODULE = ROOT / "extract" / "fitted_weights.py"

# L2 penalties of the two fits. The signals are standardised first, so one penalty suits them
# all; 3 and 1 were the middle of ranges (1-10 and 0.3-3) that gave the same leave-one-writer-out
# figures.
SIGNAL_PENALTY = 3.0
NGRAM_PENALTY = 1.0
# An n-gram must occur in this many training texts to be weighed: rarer ones name one text.
NGRAM_MIN_TEXTS = 2
# N-grams kept by weight. Leave-one-writer-out gave the same figures with 1,000 as with all
# 60,000; 2,000 leaves room and keeps the module about 80 kB.
NGRAMS_KEPT = 2000
NEWTON_STEPS = 50
NEWTON_JITTER = 1e-9
# The labelled texts name their fictional organisations "Example", "Beispiel", "Örnek" ... and
# their sites .example: n-grams of these words would learn the fixtures, not policies.
PLACEHOLDER = re.compile(
    r"\b(?:examples?|exemples?|beispiele?|ejemplos?|esempio|exemplos?|voorbeeld|exempel|"
    r"eksempel|przyklad|ornek|пример)\b"
)


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
    # Each writer's set is named by its folder; the author's set is the fixtures folder itself.
    set_name = "author" if labels.parent == FIXTURES else labels.parent.name
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


def print_mistakes(cases: Sequence[Case], *, reasons: bool = True) -> None:
    """Every wrong verdict; `**` marks a wrong is-a-policy call, the rest a wrong reason only."""
    wrong = [
        c
        for c in cases
        if c.verdict.reason != c.labelled.expected
        and (reasons or c.verdict.is_policy != c.is_policy)
    ]
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

Vector = npt.NDArray[np.float64]
# A model that never finds a policy, and an n-gram model that says nothing: what the shape
# detectors alone make of a text.
NO_POLICY = Model(weights={}, bias=-1e9)
SILENT = TextModel(weights={}, bias=0.0)
FEATURES = [name for name in SIGNALS if name != "text"]


@contextmanager
def using(model: Model, text_model: TextModel) -> Iterator[None]:
    """Classify with these weights instead of the committed ones, for the span of a `with`."""
    committed = policy_evidence.MODEL, policy_evidence.TEXT_MODEL
    policy_evidence.MODEL, policy_evidence.TEXT_MODEL = model, text_model
    try:
        yield
    finally:
        policy_evidence.MODEL, policy_evidence.TEXT_MODEL = committed


@dataclass(frozen=True)
class TrainingText:
    """What fitting needs of one labelled text: its signals and its n-grams' values."""

    signals: list[float]
    ngrams: dict[str, float]
    judged_by_shape: bool  # a shape detector (error page, banner, login ...) decides it


@cache
def training_text(item: Labelled) -> TrainingText:
    text = item.text()
    page = Page.read(text, language=item.language)
    banner = find_banner(page.lines)
    banner_lines = banner.lines if banner else None
    with using(NO_POLICY, SILENT):
        evidence: Evidence = read_evidence(
            page, title=item.title, banner_lines=banner_lines, requested_url=item.requested_url
        )
        verdict = item.verdict()
    kept = prose_of(page_without(page, banner_lines))
    by_shape = verdict.reason not in (Reason.NOT_ABOUT_PERSONAL_DATA, Reason.TOO_SHORT) or (
        verdict.detail.startswith(("parked", "announces"))
    )
    return TrainingText(
        [evidence.signals[name] for name in FEATURES],
        weighted(ngrams(PLACEHOLDER.sub(" ", line.wording) for line in kept)),
        by_shape,
    )


def trainable(items: Sequence[Labelled]) -> list[Labelled]:
    """The texts the weights are fitted on: those that reach the policy score. Error pages,
    login walls and banners are told apart by their shapes, and would teach the score that a short
    text is seldom a policy."""
    return [
        item
        for item in items
        if item.expected != Reason.EMPTY
        and (item.is_policy or not training_text(item).judged_by_shape)
    ]


def fit_logistic(
    rows: npt.NDArray[np.floating[Any]], targets: Vector, penalty: float
) -> tuple[Vector, float]:
    """Logistic regression with an L2 penalty on the weights, by Newton's method: deterministic."""
    size = rows.shape[1]
    ridge = np.zeros((size + 1, size + 1))
    ridge[:size, :size] = penalty * np.eye(size)
    theta = _newton(np.hstack([rows, np.ones((len(rows), 1))]), ridge, targets)
    return theta[:size], float(theta[size])


def fit_logistic_dual(gram: Vector, targets: Vector, penalty: float) -> tuple[Vector, float]:
    """The same regression with more columns than rows, solved for one coefficient per row from
    the rows' dot products alone (`gram`): the weights are the rows combined by the coefficients.
    It keeps 200,000 n-grams as cheap as 20 signals."""
    count = len(gram)
    ridge = np.zeros((count + 1, count + 1))
    ridge[:count, :count] = penalty * gram
    theta = _newton(np.hstack([gram, np.ones((count, 1))]), ridge, targets)
    return theta[:count], float(theta[count])


def _newton(design: Vector, ridge: Vector, targets: Vector) -> Vector:
    """The coefficients of `design` (the intercept's column last, unpenalised by `ridge`)."""
    theta = np.zeros(design.shape[1])
    for _ in range(NEWTON_STEPS):
        probability = 1 / (1 + np.exp(-(design @ theta)))
        gradient = design.T @ (probability - targets) + ridge @ theta
        curvature = design.T @ (design * (probability * (1 - probability))[:, None]) + ridge
        # A text with no n-gram weighed makes the dual's curvature singular in a direction that
        # moves no weight; a touch on the diagonal lets it be solved directly.
        curvature[np.diag_indices_from(curvature)] += NEWTON_JITTER
        step = np.linalg.solve(curvature, gradient)
        theta -= step
        if np.abs(step).max() < 1e-9:
            break
    return theta


@dataclass(frozen=True)
class NgramTable:
    """The n-grams of a fixed collection of texts, as columns of one alphabetical vocabulary,
    and the dot products of every two texts over all the columns. Every n-gram fit of a rotation
    reads its subset of texts from one table: building the rows and their products is most of a
    fit's time, and the subsets overlap."""

    vocabulary: list[str]
    row: dict[Labelled, int]
    columns: list[npt.NDArray[np.int64]]
    values: list[npt.NDArray[np.float64]]
    gram: Vector

    @classmethod
    def of(cls, items: Sequence[Labelled]) -> NgramTable:
        vocabulary = sorted({gram for item in items for gram in training_text(item).ngrams})
        index = {gram: position for position, gram in enumerate(vocabulary)}
        columns, values = [], []
        for item in items:
            grams = training_text(item).ngrams
            columns.append(np.fromiter((index[g] for g in grams), np.int64, len(grams)))
            values.append(np.fromiter(grams.values(), np.float64, len(grams)))
        lengths = [len(cols) for cols in columns]
        every_row = np.repeat(np.arange(len(items)), lengths)
        every_column, every_value = np.concatenate(columns), np.concatenate(values)
        gram = np.zeros((len(items), len(items)))
        # The products a block of columns at a time, to keep the dense rows to about 100 MB.
        block = max(1, 25_000_000 // max(len(items), 1))
        for start in range(0, len(vocabulary), block):
            inside = (every_column >= start) & (every_column < start + block)
            dense = np.zeros((len(items), min(block, len(vocabulary) - start)), np.float32)
            dense[every_row[inside], every_column[inside] - start] = every_value[inside]
            gram += (dense @ dense.T).astype(np.float64)
        return cls(vocabulary, {item: n for n, item in enumerate(items)}, columns, values, gram)


# The table of the texts fitted last, reused while the texts fitted are among them.
_TABLES: list[NgramTable] = []


def ngram_table(items: Sequence[Labelled]) -> NgramTable:
    """A table holding `items`: the last one built if it does, else one of them and those."""
    if _TABLES and all(item in _TABLES[0].row for item in items):
        return _TABLES[0]
    known = dict(_TABLES[0].row) if _TABLES else {}
    table = NgramTable.of([*known, *(item for item in items if item not in known)])
    _TABLES[:] = [table]
    return table


def fit_text_model(items: Sequence[Labelled]) -> TextModel:
    """The n-gram model: every n-gram of at least `NGRAM_MIN_TEXTS` texts, then the strongest."""
    table = ngram_table(items)
    rows = [table.row[item] for item in items]
    columns = [table.columns[row] for row in rows]
    values = [table.values[row] for row in rows]
    size = len(table.vocabulary)
    texts = np.bincount(np.concatenate(columns), minlength=size)
    # The texts' products over the n-grams weighed: an n-gram of one text adds only to its own.
    alone = [
        float(np.sum(vals[texts[cols] < NGRAM_MIN_TEXTS] ** 2))
        for cols, vals in zip(columns, values, strict=True)
    ]
    gram = table.gram[np.ix_(rows, rows)] - np.diag(alone)
    targets = np.array([item.is_policy for item in items], dtype=float)
    coefficients, bias = fit_logistic_dual(gram, targets, NGRAM_PENALTY)
    weights = np.bincount(
        np.concatenate(columns),
        weights=np.concatenate([vals * c for vals, c in zip(values, coefficients, strict=True)]),
        minlength=size,
    )
    weighed = np.flatnonzero(texts >= NGRAM_MIN_TEXTS)
    strongest = weighed[np.argsort(-np.abs(weights[weighed]), kind="stable")[:NGRAMS_KEPT]]
    return TextModel({table.vocabulary[i]: round(float(weights[i]), 4) for i in strongest}, bias)


def text_score(model: TextModel, item: Labelled) -> float:
    values = training_text(item).ngrams
    return model.bias + sum(model.weights.get(gram, 0.0) * v for gram, v in values.items())


def fit_models(items: Sequence[Labelled]) -> tuple[Model, TextModel]:
    """The signals' weights and the n-gram model, fitted on `items` from two writers or more.

    The n-gram model's log-odds is one of the signals. To weigh it as it will be on new texts,
    the signals' fit sees each writer's texts scored by an n-gram model fitted on the other
    writers only; the n-gram model kept is then fitted on all.
    """
    chosen = trainable(items)
    ngram_table(chosen)  # one table for every fit below
    writers = sorted({item.set_name for item in chosen})
    if len(writers) < 2:
        raise SystemExit("fitting needs the labelled sets of two writers or more")
    held_out: dict[Labelled, float] = {}
    for writer in writers:
        others = fit_text_model([item for item in chosen if item.set_name != writer])
        for item in chosen:
            if item.set_name == writer:
                held_out[item] = text_score(others, item)
    rows = np.array([[*training_text(item).signals, held_out[item]] for item in chosen])
    targets = np.array([item.is_policy for item in chosen], dtype=float)
    mean, spread = rows.mean(axis=0), rows.std(axis=0) + 1e-9
    weights, bias = fit_logistic((rows - mean) / spread, targets, SIGNAL_PENALTY)
    # Back to the signals' own units, so that the classifier needs no standardising.
    raw = weights / spread
    names = [*FEATURES, "text"]
    model = Model(
        weights={name: round(float(w), 4) for name, w in zip(names, raw, strict=True)},
        bias=round(bias - float(raw @ mean), 4),
    )
    return model, fit_text_model(chosen)


def write_weights(model: Model, text_model: TextModel, sets: Sequence[str]) -> None:
    """`extract/fitted_weights.py`, laid out as ruff formats it."""
    lines = [
        '"""Weights fitted by bench/classify_eval.py --fit on the labelled sets of',
        f"{', '.join(sets)}.",
        'Generated: do not edit; fit again."""',
        "",
        "SIGNAL_WEIGHTS: dict[str, float] = {",
        *(f"    {json.dumps(name)}: {weight}," for name, weight in model.weights.items()),
        "}",
        f"SIGNAL_BIAS = {model.bias}",
        "NGRAM_WEIGHTS: dict[str, float] = {",
        *(
            f"    {json.dumps(gram, ensure_ascii=False)}: {weight},"
            for gram, weight in text_model.weights.items()
        ),
        "}",
        f"NGRAM_BIAS = {round(text_model.bias, 4)}",
        "",
    ]
    WEIGHTS_MODULE.write_text("\n".join(lines), encoding="utf-8")
    print(
        f"wrote {WEIGHTS_MODULE.relative_to(ROOT)}: {len(model.weights)} signals, "
        f"{len(text_model.weights)} n-grams"
    )


def leave_one_writer_out(sets: Sequence[list[Labelled]]) -> list[Score]:
    """For each writer: fit on the others' sets, measure on theirs."""
    scores = []
    ngram_table(trainable([item for items in sets for item in items]))  # one for every fit
    for held in sets:
        others = [item for items in sets if items is not held for item in items]
        model, text_model = fit_models(others)
        with using(model, text_model):
            cases, ms_per_text = judge(held)
        score = Score.of(cases)
        scores.append(score)
        name = held[0].set_name if held else "?"
        print(f"== measured on {name}, fitted on the others ({ms_per_text:.1f} ms per text)")
        print(score.line())
        print_mistakes(cases, reasons=False)
        print()
    precisions = [score.precision for score in scores]
    recalls = [score.recall for score in scores]
    print(
        f"leave-one-writer-out: mean precision={sum(precisions) / len(scores):.3f} "
        f"recall={sum(recalls) / len(scores):.3f}; worst precision={min(precisions):.3f} "
        f"recall={min(recalls):.3f}"
    )
    return scores


# Decision thresholds tried by --thresholds: log-odds a text's score must pass.
THRESHOLDS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


@contextmanager
def threshold(value: float) -> Iterator[None]:
    """Call a text a policy above this score instead of the committed threshold."""
    committed = classify_module.POLICY_MIN_SCORE
    classify_module.POLICY_MIN_SCORE = value
    try:
        yield
    finally:
        classify_module.POLICY_MIN_SCORE = committed


def sweep_thresholds(sets: Sequence[list[Labelled]]) -> dict[float, list[Score]]:
    """Leave-one-writer-out at each of `THRESHOLDS`: the precision bought, the recall paid."""
    scores: dict[float, list[Score]] = {value: [] for value in THRESHOLDS}
    for held in sets:
        others = [item for items in sets if items is not held for item in items]
        model, text_model = fit_models(others)
        for value in THRESHOLDS:
            with using(model, text_model), threshold(value):
                cases, _ = judge(held)
            scores[value].append(Score.of(cases))
    names = [items[0].set_name if items else "?" for items in sets]
    print(f"{'threshold':>9}  " + "  ".join(f"{name:>13}" for name in names))
    for value, row in scores.items():
        cells = "  ".join(f"{s.precision:.3f}/{s.recall:.3f}" for s in row)
        print(f"{value:9.2f}  {cells}")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--labels",
        type=Path,
        action="append",
        help="a labels.yaml to measure (default: the nine writers' sets)",
    )
    parser.add_argument(
        "--fit", action="store_true", help="fit the weights and write extract/fitted_weights.py"
    )
    parser.add_argument(
        "--leave-one-writer-out",
        action="store_true",
        help="fit on all sets but one, measure on that one, for each set",
    )
    parser.add_argument(
        "--thresholds",
        action="store_true",
        help="leave-one-writer-out precision/recall at each decision threshold tried",
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
        model, text_model = fit_models([item for items in sets for item in items])
        write_weights(model, text_model, [items[0].set_name for items in sets if items])
        return
    if args.leave_one_writer_out:
        leave_one_writer_out(sets)
        return
    if args.thresholds:
        sweep_thresholds(sets)
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
