"""Fit the answer models on the development archive (`make fit`).

python -m assistant.fit [--archive ../shared/archive]
    Reads the train and validation questions through the engine, writes the training tables
    (data/fit/*.csv.gz), fits the fusion on train (the context weight of dense retrieval and
    from which keyword share BM25 joins), then the sentence model on train, composes every
    answer with it, fits the answer model on train, chooses its threshold on validation, and
    writes the models (assistant/engine/fitted/*.json). The test split is never read.
python -m assistant.fit --from-tables
    Refits from the committed tables alone (no archive): the models must come out byte for byte
    as committed (tests/fit/test_fit.py checks it).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from assistant.engine import abstain
from assistant.engine.evidence import idf_weights
from assistant.engine.extractive import order, write
from assistant.engine.features import ANSWER_FEATURES, SENTENCE_FEATURES, answer_row, sentence_rows
from assistant.engine.fitted_models import FITTED, Fusion, install, install_fusion, unfitted
from assistant.fit.collect import Case, answers, collect, sentence_label
from assistant.fit.fusion import fit_fusion, fusion_table
from assistant.fit.tables import Table
from assistant.fit.train import fit, thresholds, write_model

REPO = Path(__file__).resolve().parents[2]
TABLES = REPO / "data" / "fit"
ANSWER_LABELS = ("answerable", "right", "vetoed")


def sentence_table(cases: list[Case]) -> Table:
    """Every candidate sentence of the answerable questions with answer keys, labelled."""
    ids, rows, labels = [], [], []
    for case in cases:
        if not case.answerable or not case.answer_keys:
            continue
        for reading in case.draft.readings:
            if not reading.evidence:
                continue
            rows.append(sentence_rows(reading.question, reading.evidence))
            ids += [case.id] * len(reading.evidence)
            labels += [sentence_label(case, e) for e in reading.evidence]
    return Table.of(ids, SENTENCE_FEATURES, rows, {"answers": labels})


def answer_table(assistant, cases: list[Case]) -> Table:
    """Each question's answer as the composer makes it with the sentence model now installed:
    the answer model's features, whether the question is answerable, whether the answer holds
    every key, and whether a check vetoes it."""
    ids, rows = [], []
    labels: dict[str, list[bool]] = {name: [] for name in ANSWER_LABELS}
    for case in cases:
        draft = case.draft
        for reading in draft.readings:
            assistant.scorer.rescore(reading.question, reading.evidence)
        chosen = assistant.compose(draft.readings)
        whole = draft.analysis
        weights = idf_weights(assistant.catalog, whole.topic_terms or whole.terms)
        signal = abstain.signals(
            whole, chosen, assistant.catalog, weights, assistant.scorer.article_terms
        )
        own = [e for e in chosen if not e.context]
        candidates = [e for r in draft.readings for e in r.evidence]
        rows.append(answer_row(whole, own, candidates, signal, len(draft.readings)))
        ids.append(case.id)
        body = write(order(chosen))[0] if chosen else ""
        labels["answerable"].append(case.answerable)
        labels["right"].append(answers(case, body))
        labels["vetoed"].append(signal.vetoed)
    return Table.of(ids, ANSWER_FEATURES, rows, labels)


def fit_from_tables(tables: Path = TABLES, out: Path = FITTED) -> None:
    fit_fusion(Table.read(tables / "fusion-train.csv.gz", ()), out / "fusion.json")
    sentences = Table.read(tables / "sentences-train.csv.gz", ("answers",))
    model = fit(sentences, "answers")
    write_model(out / "sentence.json", model, sentences, "answers", "sentences-train")
    fit_answer_model(
        Table.read(tables / "answers-train.csv.gz", ANSWER_LABELS),
        Table.read(tables / "answers-validation.csv.gz", ANSWER_LABELS),
        out,
    )


def fit_answer_model(train: Table, validation: Table, out: Path = FITTED) -> None:
    """The answer model (is the question answerable?) and the correct model (does the answer
    hold every key?), both on train; their thresholds together on validation."""
    answer, correct = fit(train, "answerable"), fit(train, "right")
    value, floor, figures = thresholds(answer, correct, validation, train)
    chosen = {
        "thresholds_chosen_on": {
            "split": "validation",
            "table": "data/fit/answers-validation.csv.gz",
            "sha256": validation.digest,
            **figures,
        }
    }
    answer = replace(answer, threshold=value)
    correct = replace(correct, threshold=floor)
    write_model(out / "answer.json", answer, train, "answerable", "answers-train", chosen)
    write_model(out / "correct.json", correct, train, "right", "answers-train", chosen)


def fit_from_archive(archive: Path) -> None:
    from assistant.eval.archive import ArchiveSet
    from assistant.eval.harness import archive_assistant, normalised

    # Score with models that favour nothing while reading: the tables must not depend on the
    # models the repo held before (the sentence features never read a model's output).
    install("sentence", unfitted(SENTENCE_FEATURES))
    install("answer", unfitted(ANSWER_FEATURES))
    install("correct", unfitted(ANSWER_FEATURES))
    install_fusion(Fusion(keyword_share_minimum=0.0, context_weight=0.0))
    assistant = archive_assistant(archive)
    split_questions = ArchiveSet(archive).questions
    # Retrieval first: the fused ranking the readings start from depends on it.
    fusion = fusion_table(
        assistant, [normalised(q, n) for n, q in enumerate(split_questions("train"), 1)]
    )
    fusion.write(TABLES / "fusion-train.csv.gz")
    install_fusion(fit_fusion(fusion, FITTED / "fusion.json"))
    cases = {
        split: collect(
            assistant, [normalised(q, n) for n, q in enumerate(split_questions(split), 1)]
        )
        for split in ("train", "validation")
    }
    sentences = sentence_table(cases["train"])
    sentences.write(TABLES / "sentences-train.csv.gz")
    model = fit(sentences, "answers")
    write_model(FITTED / "sentence.json", model, sentences, "answers", "sentences-train")
    install("sentence", model)
    train, validation = (answer_table(assistant, cases[s]) for s in ("train", "validation"))
    train.write(TABLES / "answers-train.csv.gz")
    validation.write(TABLES / "answers-validation.csv.gz")
    fit_answer_model(train, validation)
    for name in ("sentence", "answer", "correct"):
        install(name, None)
    install_fusion(None)
    print(
        f"sentence model: {len(sentences.ids)} sentences of train; answer model: "
        f"{len(train.ids)} train questions, threshold on {len(validation.ids)} validation"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.fit",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--archive", type=Path, default=REPO.parent / "shared" / "archive")
    parser.add_argument("--from-tables", action="store_true")
    args = parser.parse_args(argv)
    if args.from_tables:
        fit_from_tables()
    elif not (args.archive / "questions.jsonl").is_file():
        parser.error(f"{args.archive}: not the development archive (no questions.jsonl)")
    else:
        fit_from_archive(args.archive)
    for name in ("fusion", "sentence", "answer", "correct"):
        print(f"wrote {FITTED / name}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
