"""A seeded synthetic archive: sentences of data/sample recombined into N paragraphs.

    python bench/make_corpus.py --paragraphs 5000 [--seed 0] [FOLDER]

Files are in the archive format (`Publication: <name>[ Volume: <v>][ Issue: <n>]`, a blank line,
paragraphs separated by blank lines) with a `manifest.jsonl` giving each file's date and title.
The mix imitates the real archive: Monitor carries most of it, volumes follow the years, several
articles share an issue, dates run from 1995 to 2005. Paragraphs average ~125 words (40-250), a few
run past the model's 256-word-piece window. Every paragraph text is distinct, so no pipeline gets
a free ride from de-duplication. The output is never committed: it goes to FOLDER or a temp folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"
# A sentence ends at . ! ? (or a closing quote after one), not after an initial like "U.S." or "W.".
_SENTENCE_END = re.compile(r"(?<!\b[A-Z]\.)(?<=[.!?”\"])\s+(?=[A-Z“\"(])")


@dataclass(frozen=True)
class Publication:
    name: str
    slug: str
    share: float
    first_year: int | None  # volume 1 = this year; None: the source carries no volume
    issues_per_year: int  # 0: the source carries no issue number
    articles_per_issue: tuple[int, int]


PUBLICATIONS = (
    Publication("Monitor", "monitor", 0.60, 1995, 240, (2, 5)),
    Publication("RFE/RL Newsline", "rferl-newsline", 0.12, 1997, 250, (2, 4)),
    Publication("Johnson's Russia List", "jrl", 0.08, None, 300, (2, 4)),
    Publication("WPS", "wps", 0.06, None, 0, (1, 1)),
    Publication("American Forces Press Service", "afps", 0.05, None, 0, (1, 1)),
    Publication("The New York Times", "nyt", 0.04, None, 0, (1, 1)),
    Publication("NATO", "nato", 0.03, None, 0, (1, 1)),
    Publication("U.S. Department of State (Noon Briefing)", "state-dept", 0.02, None, 0, (1, 1)),
)
FIRST_YEAR, LAST_YEAR = 1995, 2005


def sample_sentences(folder: Path = SAMPLE) -> list[str]:
    """Sentences of the sample articles (header lines left out), in file order."""
    sentences: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for block in text.split("\n\n")[1:]:
            block = " ".join(block.split())
            sentences.extend(s for s in _SENTENCE_END.split(block) if len(s.split()) >= 4)
    if not sentences:
        raise SystemExit(f"no sentences found in {folder}")
    return sentences


def paragraph_words(rng: random.Random) -> tuple[int, int]:
    """(target, cap) in words: ~125 on average, 40-250; ~3% need several model windows."""
    if rng.random() < 0.03:
        return rng.randint(215, 250), 250
    return max(40, min(170, round(rng.gauss(122, 35)))), 190


class ParagraphMaker:
    def __init__(self, sentences: list[str], rng: random.Random) -> None:
        self.sentences = sentences
        self.rng = rng
        self.seen: set[str] = set()

    def make(self) -> str:
        while True:
            target, cap = paragraph_words(self.rng)
            start = self.rng.randrange(len(self.sentences))
            picked: list[str] = []
            words = 0
            while words < target:
                # Mostly consecutive sentences (paragraphs read on), now and then a jump.
                if picked and self.rng.random() < 0.3:
                    start = self.rng.randrange(len(self.sentences)) - len(picked)
                sentence = self.sentences[(start + len(picked)) % len(self.sentences)]
                picked.append(sentence)
                words += len(sentence.split())
            last = len(picked[-1].split())
            if len(picked) > 1 and words - target > target - (words - last) and words - last >= 40:
                picked.pop()  # stop nearer the target
            text = " ".join(picked)
            if len(text.split()) > cap:  # trim to the cap on a word boundary
                text = " ".join(text.split()[:cap]).rstrip(",;:.") + "."
            if text not in self.seen:
                self.seen.add(text)
                return text


def _issues(rng: random.Random):
    """Endless (publication, volume, issue, date) slots, each issue holding several articles."""
    # Slot weights so that articles (not issues) follow the shares.
    weights = [p.share / (sum(p.articles_per_issue) / 2) for p in PUBLICATIONS]
    span = (dt.date(LAST_YEAR, 12, 31) - dt.date(FIRST_YEAR, 1, 1)).days
    while True:
        pub = rng.choices(PUBLICATIONS, weights)[0]
        day = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(span))
        if pub.first_year is not None and day.year < pub.first_year:
            day = day.replace(year=rng.randint(pub.first_year, LAST_YEAR))
        volume = None if pub.first_year is None else str(day.year - pub.first_year + 1)
        issue = None
        if pub.issues_per_year:
            # Issues numbered within the year's volume; one date per issue.
            number = 1 + (day.timetuple().tm_yday - 1) * pub.issues_per_year // 366
            day = dt.date(day.year, 1, 1) + dt.timedelta(
                days=(number - 1) * 366 // pub.issues_per_year
            )
            if pub.first_year is None:  # no volumes: the numbering runs on across the years
                number += 1000 + (day.year - FIRST_YEAR) * pub.issues_per_year
            issue = str(number)
        low, high = pub.articles_per_issue
        yield pub, volume, issue, day, rng.randint(low, high)


def _header(pub: Publication, volume: str | None, issue: str | None) -> str:
    header = f"Publication: {pub.name}"
    if volume:
        header += f" Volume: {volume}"
    if issue:
        header += f" Issue: {issue}"
    return header


def _title(rng: random.Random, paragraph: str) -> str:
    words = re.sub(r"[“”\"(),;:]", "", paragraph).split()
    title = " ".join(words[: rng.randint(5, 10)]).rstrip(".,")
    return title[:1].upper() + title[1:]


def make_corpus(folder: Path, n_paragraphs: int, seed: int = 0) -> list[Path]:
    """Write the archive into `folder` (created if needed); returns the article files in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    maker = ParagraphMaker(sample_sentences(), rng)
    slots = _issues(rng)
    paths: list[Path] = []
    manifest: list[dict] = []
    left = n_paragraphs
    while left > 0:
        pub, volume, issue, day, articles = next(slots)
        for k in range(articles):
            if left <= 0:
                break
            count = min(left, rng.randint(5, 10))
            left -= count
            paragraphs = [maker.make() for _ in range(count)]
            where = "-".join(x for x in (pub.slug, volume, issue) if x) or pub.slug
            name = f"{len(paths):05d}_{where}-{day.isoformat()}-{k + 1}.txt"
            body = "\n\n".join([_header(pub, volume, issue), *paragraphs]) + "\n"
            (folder / name).write_text(body, encoding="utf-8")
            paths.append(folder / name)
            manifest.append(
                {
                    "file": name,
                    "publication": pub.name,
                    "volume": volume,
                    "issue": issue,
                    "date": day.isoformat(),
                    "title": _title(rng, paragraphs[0]),
                    "url": None,
                }
            )
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as out:
        for record in manifest:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="output folder (default: a temp one)")
    parser.add_argument("--paragraphs", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.paragraphs < 1:
        parser.error(f"expected --paragraphs >= 1, got {args.paragraphs}")
    folder = args.folder or Path(tempfile.mkdtemp(prefix="dispatch-corpus-"))
    paths = make_corpus(folder, args.paragraphs, args.seed)
    print(f"{len(paths)} articles, {args.paragraphs} paragraphs in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
