"""The development archive (../shared/archive) and this repo's files about it, checked: the article
format, the manifest, every gold paragraph and answer key, the paraphrase rule, and the splits
(no article in two splits, every question with its articles). A fault in the provided data is
listed in data/eval/archive-exclusions.jsonl with its reason, and the harness skips it."""

from __future__ import annotations

import json
import re

import pytest

from assistant.eval.archive import EXCLUSIONS, EXTRA
from assistant.eval.splits import ORDER, SPLITS_FILE, assign, load, question_articles, read_jsonl
from assistant.eval.statement_gold import article_paragraphs
from index.terms import terms
from tests.conftest import ARCHIVE, REPO, needs_archive

STATEMENTS_COVERED = REPO / "data" / "eval" / "statements-covered.jsonl"
HEADER = re.compile(r"Publication: \S.*?(?: Volume: \S+)?(?: Issue: \S+)?")
# Auxiliaries and prepositions the keyword index keeps as terms, but which are no content words.
FUNCTION_WORDS = set(
    "were was is are be been had has have did does under over into onto about after before "
    "during against between through without within upon".split()
)

pytestmark = needs_archive  # CI has shared/ beside the clone, and fails without it


def paragraphs(file: str) -> list[str]:
    return article_paragraphs(ARCHIVE / "articles" / file)


def questions() -> list[dict]:
    found = read_jsonl(ARCHIVE / "questions.jsonl")
    return found + (read_jsonl(EXTRA) if EXTRA.exists() else [])


def excluded() -> dict[str, str]:
    return {e["id"]: e["reason"] for e in read_jsonl(EXCLUSIONS)}


def test_every_article_is_in_the_archive_format_and_in_the_manifest():
    files = sorted(p.name for p in (ARCHIVE / "articles").glob("*.txt"))
    manifest = read_jsonl(ARCHIVE / "articles" / "manifest.jsonl")
    assert sorted(m["file"] for m in manifest) == files
    for entry in manifest:
        assert {"publication", "volume", "issue", "date", "title", "url"} <= set(entry)
        header, blank, _ = (ARCHIVE / "articles" / entry["file"]).read_text("utf-8").split("\n", 2)
        assert HEADER.fullmatch(header) and blank == "", entry["file"]
        assert header.startswith(f"Publication: {entry['publication']}"), entry["file"]
        assert paragraphs(entry["file"]), entry["file"]


def data_faults(question: dict) -> list[str]:
    faults = []
    golds = []
    for gold in question["gold"]:
        found = paragraphs(gold["file"]) if (ARCHIVE / "articles" / gold["file"]).is_file() else []
        if not 1 <= gold["paragraph"] <= len(found):
            faults.append(f"no paragraph {gold['paragraph']} in {gold['file']}")
        else:
            golds.append(found[gold["paragraph"] - 1])
    text = " ".join(golds).lower()
    for key in question["answer_keys"]:
        if key.lower() not in text:
            faults.append(f"answer key {key!r} is in no gold paragraph")
        if key.lower() in question["question"].lower():
            faults.append(f"answer key {key!r} is in the question")
    if question["type"] == "unanswerable" and (question["gold"] or question["answer_keys"]):
        faults.append("an unanswerable question with a gold paragraph or keys")
    if question["type"] != "unanswerable" and not (question["gold"] and question["answer_keys"]):
        faults.append("an answerable question without gold or keys")
    if question["type"] == "paraphrase":
        shared = set(terms(question["question"])) & set(terms(text)) - FUNCTION_WORDS
        if shared:
            faults.append(f"paraphrase rule: shares {sorted(shared)} with its gold")
    return faults


def test_every_question_is_sound_or_excluded_with_its_reason():
    known = excluded()
    faults = {q["id"]: data_faults(q) for q in questions()}
    unlisted = {i: f for i, f in faults.items() if f and i not in known}
    assert unlisted == {}
    stale = [i for i in known if not faults.get(i)]
    assert stale == [], "excluded questions that have no fault (any more)"


def test_question_ids_are_unique():
    ids = [q["id"] for q in questions()]
    assert len(ids) == len(set(ids))


def test_no_article_is_in_two_splits_and_every_question_goes_with_its_articles():
    splits = load()
    files = sorted(p.name for p in (ARCHIVE / "articles").glob("*.txt"))
    assert sorted(splits["articles"]) == files
    assert set(splits["articles"].values()) == set(ORDER)
    for question in read_jsonl(ARCHIVE / "questions.jsonl"):
        where = {splits["articles"][f] for f in question_articles(question, files)}
        assert len(where) <= 1, question["id"]  # no question straddles two splits
        assert splits["questions"][question["id"]] in (where or {"train"}), question["id"]


@pytest.mark.slow
def test_the_split_file_is_reproduced_by_its_seeded_assignment():
    assert SPLITS_FILE.read_text(encoding="utf-8") == json.dumps(assign(ARCHIVE), indent=1) + "\n"


def test_the_statement_gold_quotes_its_paragraphs_and_keeps_off_the_test_split():
    """data/eval/statements-gold.jsonl (for the who-said-what parser): every sentence verbatim in
    its paragraph, every content in its sentence, every paragraph covered, no test article."""
    gold = read_jsonl(REPO / "data" / "eval" / "statements-gold.jsonl")
    covered = {(c["file"], c["paragraph"]) for c in read_jsonl(STATEMENTS_COVERED)}
    splits = load()["articles"]
    assert len(gold) >= 150 and len({g["file"] for g in gold}) >= 40
    for entry in gold:
        text = paragraphs(entry["file"])[entry["paragraph"] - 1]
        assert entry["sentence"] in text, entry
        assert entry["content"] in entry["sentence"], entry
        assert (entry["file"], entry["paragraph"]) in covered
    assert {splits[f] for f, _ in covered} <= {"train", "validation"}
