"""Speaker precision and recall of the statement parser (index/statements.py) per statement
sentence, against data/eval/statements-gold.jsonl (labelled from the articles alone).

python -m assistant.eval statements [--archive ../shared/archive] [--split validation|train|all]

A predicted statement is right when its sentence overlaps a gold statement sentence of the same
paragraph and their speakers share a key (the folded surname: "Sergeyev" = "Igor Sergeev").
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

from assistant.eval.splits import load, read_jsonl
from index.statements import article_statements, load_pipeline, speaker_key

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "data" / "eval" / "statements-gold.jsonl"
COVERED = REPO / "data" / "eval" / "statements-covered.jsonl"
DEFAULT_ARCHIVE = REPO.parent / "shared" / "archive"


def article_paragraphs(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").partition("\n")[2]
    return [p.strip() for p in re.split(r"\n[ \t]*\n", body) if p.strip()]


def spans(text: str, sentence: str) -> tuple[int, int]:
    start = text.find(sentence)
    return (start, start + len(sentence)) if start >= 0 else (-1, -1)


def score(archive: Path, split: str) -> dict:
    splits = load()["articles"]
    wanted = {"train", "validation"} if split == "all" else {split}
    covered = [c for c in read_jsonl(COVERED) if splits.get(c["file"]) in wanted]
    gold: dict[tuple[str, int], list[tuple[tuple[int, int], str]]] = defaultdict(list)
    by_file: dict[str, set[int]] = defaultdict(set)
    for c in covered:
        by_file[c["file"]].add(c["paragraph"])
    nlp = load_pipeline()
    texts_of = {f: article_paragraphs(archive / "articles" / f) for f in by_file}
    predicted: dict[tuple[str, int], list[tuple[tuple[int, int], str]]] = defaultdict(list)
    for file, numbers in sorted(by_file.items()):
        texts = texts_of[file]
        for number, found in enumerate(article_statements(nlp, texts), start=1):
            if number in numbers:
                predicted[(file, number)] += [
                    (spans(texts[number - 1], s.text), s.key) for s in found
                ]
    for entry in read_jsonl(GOLD):
        where = (entry["file"], entry["paragraph"])
        if entry["file"] in by_file and entry["paragraph"] in by_file[entry["file"]]:
            span = spans(texts_of[entry["file"]][entry["paragraph"] - 1], entry["sentence"])
            gold[where].append((span, speaker_key(entry["speaker"])))
    right_predicted = right_gold = 0
    for where in set(gold) | set(predicted):
        for span, key in predicted.get(where, []):
            right_predicted += any(_overlap(span, g) and key == k for g, k in gold.get(where, []))
        for span, key in gold.get(where, []):
            right_gold += any(_overlap(span, p) and key == k for p, k in predicted.get(where, []))
    n_predicted = sum(map(len, predicted.values()))
    n_gold = sum(map(len, gold.values()))
    return {
        "split": split,
        "paragraphs": len(covered),
        "gold_statements": n_gold,
        "predicted_statements": n_predicted,
        "speaker_precision": round(right_predicted / n_predicted, 4) if n_predicted else None,
        "speaker_recall": round(right_gold / n_gold, 4) if n_gold else None,
    }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] >= 0 and b[0] >= 0 and a[0] < b[1] and b[0] < a[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.eval statements", description=__doc__
    )
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--split", choices=("validation", "train", "all"), default="validation")
    args = parser.parse_args(argv)
    result = score(args.archive, args.split)
    print(" ".join(f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
