"""Evaluation harness.

python -m assistant.eval --corpus DIR --questions FILE [--k 5] [--db DIR] [--baseline] [--json]
                         [--dump FILE] [--failures]
python -m assistant.eval --archive ../shared/archive --split train|validation|test|all [...]
python -m assistant.eval --feedback FILE [--out FILE]

Ingests DIR into a fresh temporary store (or uses --db), asks every question and reports, overall
and per question type: recall@1/5/10 (share of answerable questions with a gold paragraph among the
first k distinct paragraphs), mrr (first gold within the top 10), answer_key_containment,
citation_precision, abstention, false_abstention, latency_p50_ms/p95_ms, questions.

With --archive, the development archive's articles and the sample's go into a cached store
(~/.cache/dispatch-desk/eval/, updated incrementally), and the questions are the split's
(data/eval/archive-splits.json; the sample's question sets belong to train). Choose rules on
train and validation; run test only to report, and log the run in docs/EVALUATION.md.

With --feedback, the web app's thumbs-up/down file becomes question records to label (one per
distinct thumbs-down question, see assistant/eval/feedback.py); nothing is evaluated.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

from assistant.eval.archive import SPLIT_CHOICES, ArchiveSet
from assistant.eval.failures import failure_table
from assistant.eval.feedback import export as export_feedback
from assistant.eval.metrics import METRICS, Outcome, by_type, metrics
from assistant.service import Assistant, answer_from_hits
from assistant.settings import Settings
from assistant.types import Answer
from index.embedder import load_embedder
from index.ingest import Ingestor
from index.store import ArchiveStore, identity_of
from index.types import Paragraph


def load_questions(path: Path) -> list[dict]:
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        if "question" not in record:
            raise SystemExit(f"{path}:{number}: expected a `question` field")
        questions.append(normalised(record, number))
    return questions


def normalised(record: dict, number: int) -> dict:
    record.setdefault("id", f"line{number}")
    record.setdefault("type", "unknown")
    record.setdefault("gold", [])
    record.setdefault("answer_keys", [])
    return record


CACHE = Path.home() / ".cache" / "dispatch-desk" / "eval"


def key(paragraph: Paragraph) -> tuple[str, int]:
    return (Path(paragraph.source).name, paragraph.number)


def outcome(record: dict, answer: Answer, latency_ms: float) -> Outcome:
    return Outcome(
        id=record["id"],
        type=record["type"],
        gold={(g["file"], int(g["paragraph"])) for g in record["gold"]},
        answer_keys=list(record["answer_keys"]),
        ranked=list(dict.fromkeys(key(h.paragraph) for h in answer.hits)),
        answered=answer.answered,
        answer=answer.text,
        cited=[key(c.paragraph) for c in answer.citations],
        latency_ms=latency_ms,
    )


def dump_line(system: str, result: Outcome) -> str:
    return json.dumps(
        {
            "system": system,
            "id": result.id,
            "ranked": [list(k) for k in result.ranked],
            "answered": result.answered,
            "answer": result.answer,
            "cited": [list(k) for k in result.cited],
        }
    )


def open_assistant(settings: Settings, corpora: list[Path] | None, prune: bool) -> Assistant:
    """An assistant over `settings.db`, after ingesting `corpora` into it (None: as it is)."""
    embedder = load_embedder(settings.model, settings.backend, threads=settings.threads)
    if corpora is not None:
        store = ArchiveStore(settings, identity_of(embedder))
        report = Ingestor(settings, embedder, store).run(corpora, prune=prune)
        for failure in report.failed:
            print(f"ingest failed: {failure}", file=sys.stderr)
    if hasattr(embedder, "set_threads"):
        embedder.set_threads(settings.query_threads)
    return Assistant(settings, embedder)


def archive_store(archive: ArchiveSet) -> Settings:
    """Settings for the development archive's cached store (one per embedding model)."""
    settings = Settings()
    return Settings(db=CACHE / archive.store_key(settings.model, settings.backend) / "store")


def archive_assistant(path: Path) -> Assistant:
    """An assistant over the development archive's cached store, brought up to date first."""
    archive = ArchiveSet(path)
    return open_assistant(archive_store(archive), archive.corpora, prune=True)


def run(args: argparse.Namespace) -> dict:
    settings = Settings(**({"db": args.db} if args.db else {}))
    temporary = None
    corpora = [args.corpus]
    if args.archive:
        archive = ArchiveSet(args.archive)
        corpora = archive.corpora
        if not args.db:
            settings = archive_store(archive)
    elif not args.db:
        temporary = tempfile.TemporaryDirectory(prefix="dispatch-eval-")
        settings = Settings(db=Path(temporary.name) / "store")
    assistant = open_assistant(settings, None if args.db else corpora, prune=bool(args.archive))
    if args.archive:
        questions = [normalised(q, n) for n, q in enumerate(archive.questions(args.split), 1)]
    else:
        questions = load_questions(args.questions)
    ours = []
    for record in questions:
        started = time.perf_counter()
        answer = assistant.ask(record["question"], sources=max(args.k, 10))
        ours.append(outcome(record, answer, (time.perf_counter() - started) * 1000))
    baseline = []
    if args.baseline:
        from assistant.eval.baseline import LlamaIndexBaseline

        by_file: dict[str, list[Paragraph]] = {}
        for paragraph in assistant.catalog.paragraphs:
            by_file.setdefault(Path(paragraph.source).name, []).append(paragraph)
        system = LlamaIndexBaseline(corpora, settings.model, by_file)
        for record in questions:
            started = time.perf_counter()
            hits = system.rank(record["question"])
            answer = answer_from_hits(assistant, record["question"], hits)
            baseline.append(outcome(record, answer, (time.perf_counter() - started) * 1000))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for result in ours:
                out.write(dump_line("ours", result) + "\n")
            for result in baseline:
                out.write(dump_line("baseline", result) + "\n")
    if temporary:
        temporary.cleanup()
    result = {
        "overall": metrics(ours),
        "by_type": by_type(ours),
        "baseline": metrics(baseline) if baseline else None,
        "baseline_by_type": by_type(baseline) if baseline else None,
    }
    if args.failures:
        result["failures"] = failure_table(ours, {q["id"]: q["question"] for q in questions})
    return result


def print_table(result: dict) -> None:
    columns = METRICS
    rows = [("overall", result["overall"])] + list(result["by_type"].items())
    if result["baseline"]:
        rows.append(("baseline", result["baseline"]))
    print(f"{'':14}" + "".join(f"{c[:12]:>13}" for c in columns))
    for name, values in rows:
        cells = "".join(f"{'-' if values.get(c) is None else values[c]:>13}" for c in columns)
        print(f"{name[:14]:14}{cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.eval",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--corpus", type=Path, help="folder of article files")
    parser.add_argument("--questions", type=Path, help="question file (JSONL)")
    parser.add_argument("--archive", type=Path, help="the development archive (../shared/archive)")
    parser.add_argument("--split", choices=SPLIT_CHOICES, default="validation")
    parser.add_argument("--failures", action="store_true", help="sort every miss into kinds")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--dump", type=Path)
    parser.add_argument(
        "--feedback",
        type=Path,
        help="the web app's feedback file (JSONL): write its thumbs-down questions as question "
        "records to label, and evaluate nothing",
    )
    parser.add_argument("--out", type=Path, help="where --feedback writes (default: stdout)")
    args = parser.parse_args(argv)
    if args.out and not args.feedback:
        parser.error("--out goes with --feedback")
    if args.feedback:
        if not args.feedback.is_file():
            parser.error(f"{args.feedback}: no such file")
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
        export_feedback(args.feedback, args.out)
        return 0
    if not args.archive and not (args.corpus and args.questions):
        parser.error("give --corpus and --questions, or --archive")
    result = run(args)
    if args.json:
        print(json.dumps(result))
    else:
        print_table(result)
        if "failures" in result:
            print(result["failures"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
