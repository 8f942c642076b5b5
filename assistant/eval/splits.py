"""The development archive split by article into train / validation / test (60 / 20 / 20).

`python -m assistant.eval.splits ARCHIVE [--write FILE]` reproduces data/eval/archive-splits.json.

Articles joined by a multi-document question form one group and stay together. Among 3,000
random assignments of the groups (fixed seed), the one kept is the closest to 60/20/20 in every
stratum: articles overall and per publication, questions per type and per beat (types and beats
weighted 4x). A question goes with its gold articles (an unanswerable one with the article its
notes name first); none straddles two splits.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
from pathlib import Path

SPLITS = {"train": 0.6, "validation": 0.2, "test": 0.2}
ORDER = list(SPLITS)
SEED = 20261203
TRIALS = 3000
STRATUM_WEIGHT = {"beat:": 4.0, "type:": 4.0}  # the strata the split must hold best
FILE_NUMBER = re.compile(r"\b(1[0-9]{3})\b")
SPLITS_FILE = Path(__file__).resolve().parents[2] / "data" / "eval" / "archive-splits.json"


def read_jsonl(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def question_articles(question: dict, files: list[str]) -> list[str]:
    """A question's gold articles; for an unanswerable one, the near miss its notes name first."""
    gold = [g["file"] for g in question["gold"]]
    if gold:
        return gold
    by_number = {f.split("_", 1)[0]: f for f in files}
    named = [by_number[n] for n in FILE_NUMBER.findall(question.get("notes", "")) if n in by_number]
    return named[:1]


def groups_of(questions: list[dict], files: list[str]) -> list[list[str]]:
    parent = {f: f for f in files}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for question in questions:
        gold = [g["file"] for g in question["gold"] if g["file"] in parent]
        for other in gold[1:]:
            parent[root(other)] = root(gold[0])
    members: dict[str, list[str]] = collections.defaultdict(list)
    for f in files:
        members[root(f)].append(f)
    return sorted(members.values())


def imbalance(articles: dict, questions: list[dict], publication: dict) -> float:
    strata: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    files = list(publication)
    for f in files:
        strata["articles"][articles[f]] += 1
        strata["pub:" + publication[f]][articles[f]] += 1
    for question in questions:
        where = question_articles(question, files)
        if where:
            split = articles[where[0]]
            strata["type:" + question["type"]][split] += 1
            strata["beat:" + question["beat"]][split] += 1
            strata["questions"][split] += 1
    cost = 0.0
    for name, counts in strata.items():
        total = sum(counts.values())
        weight = next((w for prefix, w in STRATUM_WEIGHT.items() if name.startswith(prefix)), 1.0)
        cost += weight * sum((counts[s] - SPLITS[s] * total) ** 2 for s in ORDER) / max(total, 1)
    return cost


def assign(archive: Path, seed: int = SEED) -> dict:
    """{"seed", "articles": {file: split}, "questions": {id: split}} for the archive."""
    questions = read_jsonl(archive / "questions.jsonl")
    manifest = read_jsonl(archive / "articles" / "manifest.jsonl")
    publication = {m["file"]: m["publication"] for m in manifest}
    groups = groups_of(questions, list(publication))
    rng = random.Random(seed)
    best: dict[str, str] = {}
    best_cost = float("inf")
    for _ in range(TRIALS):
        order = groups[:]
        rng.shuffle(order)
        articles = {}
        for group in order:
            split = rng.choices(ORDER, weights=list(SPLITS.values()))[0]
            for f in group:
                articles[f] = split
        cost = imbalance(articles, questions, publication)
        if cost < best_cost:
            best, best_cost = articles, cost
    files = list(best)
    by_question = {}
    for question in questions:
        where = question_articles(question, files)
        by_question[question["id"]] = (
            max((best[f] for f in where), key=ORDER.index) if where else "train"
        )
    return {"seed": seed, "articles": dict(sorted(best.items())), "questions": by_question}


def load(path: Path = SPLITS_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval.splits", description=__doc__)
    parser.add_argument("archive", type=Path)
    parser.add_argument("--write", type=Path, help="write the assignment here")
    args = parser.parse_args(argv)
    result = assign(args.archive)
    text = json.dumps(result, indent=1) + "\n"
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    counts = collections.Counter(result["articles"].values())
    print(
        f"articles: {dict(counts)}; questions: {dict(collections.Counter(result['questions'].values()))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
