"""The one Assistant a server shares: questions run a few at a time (the model has two cores), and
ingests run one at a time and swap the catalog in while no question is running."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import DispatchError
from assistant.service import Assistant
from assistant.types import Answer
from assistant.web.auth import UploadTickets
from assistant.web.uploads import Saved, Upload, save
from index.ingest import Ingestor, IngestReport
from index.types import Paragraph

Progress = Callable[[int, int, int], None]  # (files done, files in all, paragraphs written)


@dataclass
class Added:
    """What an upload did: the files saved (and under which name), the ingest, and the failed
    files, which were removed again (they are in no article)."""

    saved: list[Saved]
    report: IngestReport
    failed: list[str]  # one line each: the file name and the problem

    def lines(self) -> list[str]:
        kept = [s for s in self.saved if s.path.exists()]
        lines = [f"Saved {', '.join(s.note for s in kept)}."] if kept else []
        lines.append(self.report.summary())
        lines += [f"Failed (not kept): {failure}" for failure in self.failed]
        return lines


class Desk:
    def __init__(self, assistant: Assistant, slots: int = 2) -> None:
        self.assistant = assistant
        self.settings = assistant.settings
        self.slots = max(1, slots)
        self._gate = threading.BoundedSemaphore(self.slots)
        self._ingesting = threading.Lock()
        self.tickets = UploadTickets()  # browsers that unlocked the admin section

    def ask(self, question: str, *args, **kwargs) -> Answer:
        """`Assistant.ask`, at most `slots` at a time."""
        with self._gate:
            return self.assistant.ask(question, *args, **kwargs)

    def statements(self, speaker: str | None, about: str | None = "", filters=None) -> list:
        """`find_statements` (a person's statements in date order), at most `slots` at a time,
        like questions: an ingest swaps the catalog only between them."""
        from assistant.statements import find_statements

        with self._gate:
            return find_statements(self.assistant, speaker, about, filters)

    def neighbours(self, paragraph_id: str, before: int = 1, after: int = 1) -> list[Paragraph]:
        return self.assistant.catalog.neighbours(paragraph_id, before, after)

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return self.assistant.catalog.get(paragraph_id)

    def publications(self) -> list[str]:
        return self.assistant.catalog.publications()

    def paragraphs(self) -> int:
        return len(self.assistant.catalog)

    def ingest(self, paths: list[Path], progress: Progress | None = None) -> IngestReport:
        """Ingest files with the shared embedder and store, then let questions see them."""
        if not self._ingesting.acquire(blocking=False):
            raise DispatchError("Another upload is being added; try again in a moment.")
        try:
            total = [len(paths)]
            ingestor = Ingestor(self.settings, self.assistant.embedder, self.assistant.store)
            report = ingestor.run(
                paths,
                prune=False,
                progress=(lambda done, paragraphs: progress(done, total[0], paragraphs))
                if progress
                else None,
                total=lambda n: total.__setitem__(0, n),
            )
            self._refresh()
            return report
        finally:
            self._ingesting.release()

    def add(self, uploads: list[Upload], progress: Progress | None = None) -> Added:
        """Save uploaded files (never over a different article of the same name), ingest them,
        and remove again those that failed to parse."""
        settings = self.settings
        saved = save(
            uploads, settings.uploads, settings.max_upload_bytes, settings.max_upload_files
        )
        report = self.ingest([s.path for s in saved], progress)
        folder = f"{settings.uploads.resolve()}/"
        failed = [str(f).replace(folder, "") for f in report.failed]
        failing = {str(f.source).split("#", 1)[0] for f in report.failed}
        for item in saved:
            if str(item.path) in failing:
                item.path.unlink(missing_ok=True)
        return Added(saved, report, failed)

    def _refresh(self) -> None:
        taken = 0
        try:
            for _ in range(self.slots):  # wait until no question is running
                self._gate.acquire()
                taken += 1
            self.assistant.refresh()
        finally:
            for _ in range(taken):
                self._gate.release()
