"""The only module that imports bm25s: a BM25 keyword index over paragraph texts."""

from __future__ import annotations

import logging
from pathlib import Path

import bm25s
import numpy as np

from index.terms import acronym_terms, terms

logging.getLogger("bm25s").setLevel(logging.WARNING)


def document_terms(text: str) -> list[str]:
    """A paragraph's terms, then the acronyms of the bodies it writes out (so that "OSCE"
    finds "the Organization for Security and Cooperation in Europe")."""
    found = terms(text)
    return found + sorted(acronym_terms(text) - set(found)) or [""]


class KeywordIndex:
    """BM25 scores for every paragraph row of a catalog (row i = paragraph i)."""

    def __init__(self, retriever: bm25s.BM25 | None, size: int) -> None:
        self._retriever = retriever
        self.size = size
        self._document_frequency: np.ndarray | None = None

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        if not texts:
            return cls(None, 0)
        retriever = bm25s.BM25()
        retriever.index([document_terms(t) for t in texts], show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self._retriever is not None:
            self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> KeywordIndex:
        if size == 0:
            return cls(None, 0)
        return cls(bm25s.BM25.load(str(folder), mmap=False), size)

    def scores(self, query_terms: list[str]) -> np.ndarray:
        """BM25 score of every row for the given terms (zeros when nothing matches)."""
        if self._retriever is None or not query_terms:
            return np.zeros(self.size, dtype=np.float32)
        vocab = self._retriever.vocab_dict
        known = [t for t in query_terms if t in vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)

    def idf(self, term: str) -> float:
        """log((N + 1) / (df + 0.5)): how rare a term is in the archive (unseen terms are rarest)."""
        if self._retriever is None:
            return 1.0
        if self._document_frequency is None:
            self._document_frequency = np.diff(self._retriever.scores["indptr"])
        column = self._retriever.vocab_dict.get(term)
        df = 0 if column is None else int(self._document_frequency[column])
        return float(np.log((self.size + 1) / (df + 0.5)))
