"""A local mirror of the committed paragraphs: texts, metadata, vectors and the BM25 index.

It is derived from the store and carries the store's fingerprint (a digest of the committed article
records). Readers load it in one go; when the fingerprint disagrees with the store (a crash, or an
ingest from another machine) it is rebuilt from the store's contents, never from guesses.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index import speakers as speakers_module
from index.lexical import KeywordIndex
from index.speakers import SpeakerIndex
from index.store import COMMITTED, ArchiveStore, ArticleRecord
from index.terms import TERMS_VERSION
from index.types import Filters, Paragraph, paragraph_id

log = logging.getLogger(__name__)
_PARAGRAPH_FIELDS = (
    "article_id",
    "number",
    "text",
    "publication",
    "volume",
    "issue",
    "date",
    "title",
    "source",
    "url",
)
CATALOG_FORMAT = "2"  # 2: paragraphs carry the article's URL


def fingerprint(records: dict[str, ArticleRecord], identity: dict) -> str:
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode())
    digest.update(f"terms-{TERMS_VERSION}\n".encode())  # the keyword index's word rules
    digest.update(f"format-{CATALOG_FORMAT}\n".encode())  # what a catalog row holds
    for article_id in sorted(records):
        record = records[article_id]
        if record.state == COMMITTED:
            digest.update(f"{article_id}\t{record.file_hash}\t{record.paragraphs}\n".encode())
    return digest.hexdigest()[:20]


def leading_int(value: str | None) -> int:
    match = re.match(r"\d+", value or "")
    return int(match.group()) if match else -1


def date_number(value: str | None) -> int:
    digits = re.sub(r"\D", "", value or "")[:8]
    return int(digits.ljust(8, "0")) if len(digits) >= 4 else -1


MASKS_KEPT = 32  # filter masks kept per catalog (100,000 rows: 100 KB each)


@dataclass
class Catalog:
    paragraphs: list[Paragraph]
    vectors: np.ndarray  # one row per stored entry (paragraph window), L2-normalised
    vector_rows: np.ndarray  # entry -> paragraph row
    keyword: KeywordIndex
    fingerprint: str
    speakers: SpeakerIndex = field(default_factory=lambda: SpeakerIndex({}))  # who said what

    def __post_init__(self) -> None:
        if len(self.vector_rows) > 1 and bool(np.any(np.diff(self.vector_rows) < 0)):
            # Entries in paragraph-row order (windows of one paragraph keep theirs): rows are
            # sorted by article id, which starts with the publication, so a filter's entries
            # form a few contiguous runs that exact search reads without copying.
            order = np.argsort(self.vector_rows, kind="stable")
            self.vector_rows, self.vectors = self.vector_rows[order], self.vectors[order]
        self.row_of = {p.id: i for i, p in enumerate(self.paragraphs)}
        self.publication = np.array([p.publication for p in self.paragraphs], dtype=object)
        # Publications as small integer codes (case-folded names, sorted): a filter compares ints.
        folded = [p.publication.casefold() for p in self.paragraphs]
        self._publication_names, codes = np.unique(np.array(folded, dtype=str), return_inverse=True)
        self._publication_code = codes.astype(np.int32)
        self._masks: OrderedDict[Filters, np.ndarray] = OrderedDict()  # recent filters
        self._in_context: tuple[float, np.ndarray] | None = None  # (weight, vectors)
        self.volume_num = np.array([leading_int(p.volume) for p in self.paragraphs])
        self.issue_num = np.array([leading_int(p.issue) for p in self.paragraphs])
        self.date_num = np.array([date_number(p.date) for p in self.paragraphs])

    def __len__(self) -> int:
        return len(self.paragraphs)

    def get(self, paragraph_id: str) -> Paragraph | None:
        row = self.row_of.get(paragraph_id)
        return None if row is None else self.paragraphs[row]

    def neighbours(self, target: str, before: int = 1, after: int = 1) -> list[Paragraph]:
        """The paragraph `target` (an id) with up to `before`/`after` paragraphs of the same
        article around it."""
        paragraph = self.get(target)
        if paragraph is None:
            return []
        found = []
        for number in range(max(1, paragraph.number - before), paragraph.number + after + 1):
            neighbour = self.get(paragraph_id(paragraph.article_id, number))
            if neighbour is not None:
                found.append(neighbour)
        return found

    def paragraphs_of(self, article_ids: set[str]) -> list[Paragraph]:
        """All paragraphs of the given articles, in order (rows are sorted by article, number)."""
        found = []
        for article_id in sorted(article_ids):
            number = 1
            while (row := self.row_of.get(paragraph_id(article_id, number))) is not None:
                found.append(self.paragraphs[row])
                number += 1
        return found

    def lead_entries(self) -> np.ndarray:
        """Entry -> the entry of its article's first paragraph (its first window)."""
        first: dict[str, tuple[int, int]] = {}  # article id -> (paragraph number, entry)
        for entry, row in enumerate(self.vector_rows):
            paragraph = self.paragraphs[int(row)]
            known = first.get(paragraph.article_id)
            if known is None or paragraph.number < known[0]:
                first[paragraph.article_id] = (paragraph.number, entry)
        return np.array(
            [first[self.paragraphs[int(row)].article_id][1] for row in self.vector_rows],
            dtype=np.int64,
        )

    def vectors_in_context(self, weight: float) -> np.ndarray:
        """Each entry's vector plus `weight` times its article's lead paragraph vector,
        L2-normalised (the lead's own is unchanged): a paragraph is found by what its article is
        about as well as by its own words ("the ships" of a paragraph whose lead names the
        destroyers China bought). Computed once per catalog and weight."""
        if weight <= 0:
            return self.vectors
        if self._in_context is None or self._in_context[0] != weight:
            leads = self.lead_entries()
            mixed = self.vectors + np.float32(weight) * self.vectors[leads]
            own = leads == np.arange(len(leads))
            mixed[own] = self.vectors[own]
            mixed /= np.maximum(np.linalg.norm(mixed, axis=1, keepdims=True), 1e-12)
            self._in_context = (weight, mixed.astype(np.float32, copy=False))
        return self._in_context[1]

    def publications(self) -> list[str]:
        return sorted(set(self.publication.tolist()))

    def mask(self, filters: Filters) -> np.ndarray | None:
        """Boolean mask over paragraph rows (read-only), or None when nothing is filtered. The
        last few masks are kept: a question's dense and keyword steps share one."""
        if filters.is_empty():
            return None
        cached = self._masks.get(filters)
        if cached is None:
            cached = self._compute_mask(filters)
            cached.flags.writeable = False
            self._masks[filters] = cached
            while len(self._masks) > MASKS_KEPT:
                self._masks.popitem(last=False)
        return cached

    def _compute_mask(self, filters: Filters) -> np.ndarray:
        keep = np.ones(len(self.paragraphs), dtype=bool)
        if filters.publications:
            wanted = np.array(sorted({p.casefold() for p in filters.publications}), dtype=str)
            codes = np.flatnonzero(np.isin(self._publication_names, wanted))
            keep &= np.isin(self._publication_code, codes)
        for column, low, high in (
            (self.volume_num, filters.volume_min, filters.volume_max),
            (self.issue_num, filters.issue_min, filters.issue_max),
            (self.date_num, date_number(filters.date_from), _date_max(filters.date_to)),
        ):
            if low is not None and low > 0:  # 0 is no bound: numbers start at 1
                keep &= column >= low
            if high is not None and high > 0:
                keep &= (column <= high) & (column >= 0)
        return keep


def _date_max(value: str | None) -> int | None:
    number = date_number(value)
    if number < 0:
        return None
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 4:
        return number + 1231
    if len(digits) == 6:
        return number + 31
    return number


# --- building, saving, loading --------------------------------------------------------------
def build_from_store(
    store: ArchiveStore,
    records: dict[str, ArticleRecord],
    previous_speakers: SpeakerIndex | None = None,
) -> Catalog:
    """The catalog of the store's committed articles; statements are read anew only for the
    articles `previous_speakers` does not hold unchanged."""
    committed = {a for a, r in records.items() if r.state == COMMITTED}
    paragraphs: dict[str, Paragraph] = {}
    window_vectors: list[tuple[str, np.ndarray]] = []
    for page in store.iter_entries(embeddings=True):
        assert page.embeddings is not None
        for text, meta, vector in zip(page.documents, page.metadatas, page.embeddings, strict=True):
            if meta["article_id"] not in committed:
                continue
            if int(meta.get("window", 1)) == 1:
                paragraphs[meta["paragraph_id"]] = Paragraph(
                    article_id=meta["article_id"],
                    number=int(meta["paragraph"]),
                    text=text,
                    publication=meta.get("publication") or "Unknown",
                    volume=meta.get("volume") or None,
                    issue=meta.get("issue") or None,
                    date=meta.get("date") or None,
                    title=meta.get("title") or None,
                    source=meta.get("source") or "",
                    url=meta.get("url") or None,
                )
            window_vectors.append((meta["paragraph_id"], vector))
    ordered = sorted(paragraphs.values(), key=lambda p: (p.article_id, p.number))
    row_of = {p.id: i for i, p in enumerate(ordered)}
    kept = [(row_of[pid], v) for pid, v in window_vectors if pid in row_of]
    dim = int(store.identity["dim"])
    vectors = np.stack([v for _, v in kept]) if kept else np.zeros((0, dim), np.float32)
    rows = np.array([r for r, _ in kept], dtype=np.int64)
    keyword = KeywordIndex.build([p.text for p in ordered])
    speakers, _ = speakers_module.build(ordered, previous_speakers)
    return Catalog(
        ordered,
        vectors.astype(np.float32),
        rows,
        keyword,
        fingerprint(records, store.identity),
        speakers,
    )


def save(catalog: Catalog, root: Path) -> None:
    """Write to a fresh folder, then flip `CURRENT` atomically; older folders are removed."""
    root.mkdir(parents=True, exist_ok=True)
    folder = root / f"v-{catalog.fingerprint}"
    staging = root / f".staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    with open(staging / "paragraphs.jsonl", "w", encoding="utf-8") as out:
        for p in catalog.paragraphs:
            out.write(json.dumps({k: getattr(p, k) for k in _PARAGRAPH_FIELDS}) + "\n")
    np.save(staging / "vectors.npy", catalog.vectors)
    np.save(staging / "vector_rows.npy", catalog.vector_rows)
    catalog.keyword.save(staging / "bm25")
    speakers_module.save(catalog.speakers, staging)
    (staging / "meta.json").write_text(
        json.dumps({"fingerprint": catalog.fingerprint, "paragraphs": len(catalog)})
    )
    _fsync_tree(staging)
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(staging, folder)
    pointer = root / ".CURRENT.tmp"
    pointer.write_text(folder.name)
    _fsync_file(pointer)
    os.replace(pointer, root / "CURRENT")
    for old in root.iterdir():
        if old.is_dir() and old.name != folder.name:
            shutil.rmtree(old, ignore_errors=True)


def current_folder(root: Path) -> Path | None:
    try:
        return root / (root / "CURRENT").read_text().strip()
    except OSError:
        return None


def load_speakers(root: Path) -> SpeakerIndex | None:
    """The statements saved with the current catalog (reused by an ingest for unchanged
    articles), or None."""
    folder = current_folder(root)
    return speakers_module.load(folder) if folder else None


def load(root: Path) -> Catalog | None:
    """The saved catalog, with the statements saved beside it (as they are: see
    `open_catalog`)."""
    if not (root / "CURRENT").is_file():
        return None
    try:
        folder = root / (root / "CURRENT").read_text().strip()
        meta = json.loads((folder / "meta.json").read_text())
        with open(folder / "paragraphs.jsonl", encoding="utf-8") as lines:
            paragraphs = [Paragraph(**json.loads(line)) for line in lines]
        vectors = np.load(folder / "vectors.npy")
        rows = np.load(folder / "vector_rows.npy")
        keyword = KeywordIndex.load(folder / "bm25", len(paragraphs))
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("keyword index at %s unreadable (%s)", root, error)
        return None
    if len(paragraphs) != meta["paragraphs"]:
        return None
    speakers = speakers_module.load(folder) or SpeakerIndex({})
    return Catalog(paragraphs, vectors, rows, keyword, meta["fingerprint"], speakers)


def _statements_up_to_date(catalog: Catalog, root: Path) -> None:
    """Statements read by an older parser (or never read) are read now, once, and saved with
    the catalog."""
    speakers, read = speakers_module.build(catalog.paragraphs, catalog.speakers)
    catalog.speakers = speakers
    folder = current_folder(root)
    if read and folder is not None:
        log.warning("read the statements of %d paragraphs (a new statement parser)", read)
        try:
            speakers_module.save(speakers, folder)
        except OSError as error:  # a read-only store still answers; it reads them next time too
            log.warning("could not save the statements at %s (%s)", folder, error)


def open_catalog(store: ArchiveStore, root: Path) -> Catalog:
    """The catalog in step with the store: loaded if its fingerprint matches, else rebuilt."""
    records = store.article_records()
    expected = fingerprint(records, store.identity)
    catalog = load(root)
    if catalog is not None and catalog.fingerprint == expected:
        _statements_up_to_date(catalog, root)
        return catalog
    if catalog is not None or (root / "CURRENT").exists():
        log.warning("keyword index at %s is out of step with the vectors: rebuilding it", root)
    catalog = build_from_store(store, records, load_speakers(root))
    save(catalog, root)
    return catalog


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            _fsync_file(path)
