"""The fitted models: committed with the tables they were fitted on, reproduced byte for byte by
a refit, read with a clear error when broken, and (with the development archive beside the
checkout) their training rows reproduced by the engine."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.engine.features import ANSWER_FEATURES, SENTENCE_FEATURES
from assistant.engine.fitted_models import FITTED, ModelFileError, read
from assistant.fit.__main__ import ANSWER_LABELS, TABLES, fit_from_tables
from assistant.fit.tables import Table
from tests.conftest import ARCHIVE, needs_archive

TABLE_LABELS = {
    "fusion-train": (),
    "sentences-train": ("answers",),
    "answers-train": ANSWER_LABELS,
    "answers-validation": ANSWER_LABELS,
}


MODELS = {"sentence": "sentences-train", "answer": "answers-train", "correct": "answers-train"}


def test_each_model_records_the_hash_of_the_table_it_was_fitted_on():
    validation = Table.read(TABLES / "answers-validation.csv.gz", ANSWER_LABELS)
    for name, table_name in MODELS.items():
        model = json.loads((FITTED / f"{name}.json").read_text())
        table = Table.read(TABLES / f"{table_name}.csv.gz", TABLE_LABELS[table_name])
        assert model["training"]["table"] == f"data/fit/{table_name}.csv.gz"
        assert model["training"]["sha256"] == table.digest, name
        assert model["training"]["rows"] == len(table.ids)
        assert model["training"]["split"] == "train"
        if name != "sentence":
            assert model["thresholds_chosen_on"]["sha256"] == validation.digest
    fusion = json.loads((FITTED / "fusion.json").read_text())
    table = Table.read(TABLES / "fusion-train.csv.gz", ())
    assert fusion["training"]["sha256"] == table.digest
    assert fusion["training"]["questions"] == len(table.ids)


def test_no_table_holds_a_test_split_question():
    splits = json.loads((Path(__file__).parents[2] / "data/eval/archive-splits.json").read_text())
    ids = {
        name: set(Table.read(TABLES / f"{name}.csv.gz", labels).ids)
        for name, labels in TABLE_LABELS.items()
    }
    for name, found in ids.items():
        assert "test" not in {splits["questions"].get(i) for i in found}, name
    assert not ids["answers-train"] & ids["answers-validation"]
    assert ids["sentences-train"] <= ids["answers-train"]
    assert ids["fusion-train"] <= ids["answers-train"]


def test_a_refit_from_the_tables_gives_the_committed_files_byte_for_byte(tmp_path):
    fit_from_tables(TABLES, tmp_path)
    for name in ("fusion.json", "sentence.json", "answer.json", "correct.json"):
        assert (tmp_path / name).read_bytes() == (FITTED / name).read_bytes(), name


def test_the_refit_follows_its_data(tmp_path):
    """Not a constant: flipping labels in the table changes the coefficients."""
    tables = tmp_path / "tables"
    shutil.copytree(TABLES, tables)
    sentences = Table.read(tables / "sentences-train.csv.gz", ("answers",))
    flipped = Table(
        sentences.ids, sentences.features, sentences.rows, {"answers": ~sentences.labels["answers"]}
    )
    flipped.write(tables / "sentences-train.csv.gz")
    fit_from_tables(tables, tmp_path)
    refit = json.loads((tmp_path / "sentence.json").read_text())
    committed = json.loads((FITTED / "sentence.json").read_text())
    assert np.sign(refit["coef"]).tolist() != np.sign(committed["coef"]).tolist()
    assert refit["training"]["sha256"] == flipped.digest != committed["training"]["sha256"]


def test_the_fitted_sentence_model_reads_its_features_the_expected_way():
    """Signs an analyst would expect, whatever the refit: more of the question's words, the asked-
    about person speaking and the kind of answer asked for all raise a sentence's probability."""
    model = read(FITTED / "sentence.json", SENTENCE_FEATURES)
    coef = dict(zip(model.features, model.coef, strict=True))
    assert coef["lexical"] > 0 and coef["semantic"] > 0
    assert coef["attributed"] > 0 > coef["speaker_silent"]
    assert coef["typed"] > 0 > coef["untyped"]


def test_a_model_file_with_other_columns_or_broken_json_is_refused_naming_the_file(tmp_path):
    data = json.loads((FITTED / "answer.json").read_text())
    data["features"] = data["features"][:-1]
    broken = tmp_path / "answer.json"
    broken.write_text(json.dumps(data))
    with pytest.raises(ModelFileError, match=r"answer\.json: fitted on columns"):
        read(broken, ANSWER_FEATURES)
    broken.write_text("{not json")
    with pytest.raises(ModelFileError, match=r"answer\.json: cannot read the fitted model"):
        read(broken, ANSWER_FEATURES)


@pytest.fixture(scope="module")
def archive_assistant():
    """The engine over the development archive's cached store (built on first use, ~2 min)."""
    from types import SimpleNamespace

    from assistant.eval.harness import archive_assistant

    return SimpleNamespace(archive=ARCHIVE, assistant=archive_assistant(ARCHIVE))


@needs_archive
@pytest.mark.slow
def test_the_engine_reproduces_the_training_rows_of_the_sentence_table(archive_assistant):
    """The committed table is what the engine measures now: for a sample of train questions, the
    features of their candidate sentences equal the table's rows (to rounding)."""
    from assistant.eval.archive import ArchiveSet
    from assistant.eval.harness import normalised
    from assistant.fit.__main__ import sentence_table
    from assistant.fit.collect import collect

    table = Table.read(TABLES / "sentences-train.csv.gz", ("answers",))
    questions = ArchiveSet(archive_assistant.archive).questions("train")
    sample = [normalised(q, n) for n, q in enumerate(questions, 1) if q["id"] in set(table.ids)]
    sample = sample[:: max(1, len(sample) // 12)]
    fresh = sentence_table(collect(archive_assistant.assistant, sample))
    for identifier in dict.fromkeys(fresh.ids):
        mine = fresh.rows[[i for i, x in enumerate(fresh.ids) if x == identifier]]
        committed = table.rows[[i for i, x in enumerate(table.ids) if x == identifier]]
        assert mine.shape == committed.shape, identifier
        assert np.allclose(mine, committed, atol=2e-3), identifier


def test_the_fusion_is_the_best_of_its_sweep_on_train():
    from assistant.engine.tuning import CONTEXT_GRID
    from assistant.fit.fusion import figures

    fusion = json.loads((FITTED / "fusion.json").read_text())
    table = Table.read(TABLES / "fusion-train.csv.gz", ())
    best = figures(table, fusion["keyword_share_minimum"], fusion["context_weight"])
    sweep = fusion["sweep_recall5_mrr"]
    assert set(sweep) == {f"{w:.2f}" for w in CONTEXT_GRID}
    assert all(best >= tuple(v) for by_share in sweep.values() for v in by_share.values())
    # BM25 always joining (plain fusion) does worse, and so do paragraphs out of context
    assert best > figures(table, 0.0, fusion["context_weight"])
    assert best > figures(table, fusion["keyword_share_minimum"], 0.0)


def test_the_decline_thresholds_keep_false_abstention_within_budget_on_both_splits():
    from assistant.engine.tuning import FALSE_ABSTENTION_BUDGET
    from assistant.fit.train import decline_figures

    answer = read(FITTED / "answer.json", ANSWER_FEATURES)
    correct = read(FITTED / "correct.json", ANSWER_FEATURES)
    recorded = json.loads((FITTED / "answer.json").read_text())["thresholds_chosen_on"]
    assert (recorded["threshold"], recorded["floor"]) == (answer.threshold, correct.threshold)
    for split in ("validation", "train"):
        table = Table.read(TABLES / f"answers-{split}.csv.gz", ANSWER_LABELS)
        probabilities = answer.probability(table.rows), correct.probability(table.rows)
        figures = decline_figures(*probabilities, table, answer.threshold, correct.threshold)
        assert figures["false_abstention"] <= FALSE_ABSTENTION_BUDGET, split
        assert figures == {
            k: (recorded if split == "validation" else recorded["train"])[k] for k in figures
        }
