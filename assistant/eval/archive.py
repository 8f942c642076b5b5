"""The development archive as an evaluation set: its articles (and the sample's, which join
train), and the questions of one split, read from `../shared/archive` at evaluation time only."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from assistant.eval.splits import ORDER, load, question_articles, read_jsonl

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"
EXTRA = REPO / "data" / "eval" / "archive-extra.jsonl"
EXCLUSIONS = REPO / "data" / "eval" / "archive-exclusions.jsonl"
SAMPLE_SETS = sorted((REPO / "data" / "eval").glob("sample-*.jsonl"))
SPLIT_CHOICES = (*ORDER, "all")


@dataclass(frozen=True)
class ArchiveSet:
    archive: Path  # ../shared/archive

    @property
    def corpora(self) -> list[Path]:
        return [self.archive / "articles", SAMPLE]

    def questions(self, split: str) -> list[dict]:
        """The split's questions: the archive's (less the excluded ones), this repo's own on the
        archive (they follow their articles), and for train the sample's question sets."""
        splits = load()
        excluded = {e["id"] for e in read_jsonl(EXCLUSIONS)} if EXCLUSIONS.exists() else set()
        wanted = set(ORDER) if split == "all" else {split}
        chosen = [
            q
            for q in read_jsonl(self.archive / "questions.jsonl")
            if q["id"] not in excluded and splits["questions"].get(q["id"]) in wanted
        ]
        if EXTRA.exists():
            files = list(splits["articles"])
            for q in read_jsonl(EXTRA):
                where = [splits["articles"][f] for f in question_articles(q, files)]
                if max(where or ["train"], key=ORDER.index) in wanted:
                    chosen.append(q)
        if "train" in wanted:
            dev = self.archive.parent / "eval" / "dev.jsonl"
            for path in [dev, *SAMPLE_SETS] if dev.exists() else SAMPLE_SETS:
                chosen += [{**q, "set": path.stem} for q in read_jsonl(path)]
        return chosen

    def store_key(self, model: str, backend: str) -> str:
        """A cached store per archive folder and embedding model: ingest is incremental, so a
        changed or new file is re-read and the rest reused; the keyword index rebuilds itself
        when its word rules change."""
        where = json.dumps([str(self.archive.resolve()), model, backend])
        return hashlib.sha1(where.encode()).hexdigest()[:12]
