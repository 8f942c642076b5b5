"""The assistant: question (+ conversation, filters) -> Answer with citations, or a decline."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np
from llama_index.core.llms import LLM
from llama_index.core.schema import QueryBundle

from assistant import abstain, extractive
from assistant import llm as llm_composer
from assistant.attribution import mentions
from assistant.errors import QuestionError
from assistant.evidence import Evidence, SentenceScorer, idf_weights
from assistant.followup import standalone, with_antecedent
from assistant.fusion import rrf_fuse
from assistant.llm import make_llm
from assistant.question import Question, analyse, parts
from assistant.retrieval import HybridRetriever, to_hits
from assistant.settings import Settings
from assistant.types import CANNOT_ANSWER, Answer, Citation
from index import catalog as catalog_module
from index.embedder import Embedder, load_embedder
from index.store import ArchiveStore, identity_of
from index.types import Filters, Hit

log = logging.getLogger(__name__)
RELATED_CHECKED = 10  # retrieved passages searched for the asked-about person when declining


def clean_question(question: str, limit: int) -> str:
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in question or "").split())
    if not text:
        raise QuestionError("Please type a question.")
    if len(text) > limit:
        raise QuestionError(
            f"That question is {len(text):,} characters long; the limit is {limit:,}. "
            f"Please shorten it."
        )
    return text


class Assistant:
    def __init__(
        self, settings: Settings, embedder: Embedder | None = None, llm: LLM | None = None
    ) -> None:
        self.settings = settings
        self.embedder = embedder or load_embedder(
            settings.model, settings.backend, threads=settings.query_threads
        )
        self.store = ArchiveStore(settings, identity_of(self.embedder))
        self._lock = threading.Lock()
        self.catalog = catalog_module.open_catalog(self.store, settings.keyword_dir)
        self.scorer = SentenceScorer(self.embedder, self.catalog)
        self.llm = llm if llm is not None else make_llm(settings)

    def refresh(self) -> None:
        """Reload the catalog after an ingest (cheap when nothing changed)."""
        with self._lock:
            catalog = catalog_module.open_catalog(self.store, self.settings.keyword_dir)
            if catalog.fingerprint != self.catalog.fingerprint:
                self.catalog = catalog
                self.scorer = SentenceScorer(self.embedder, catalog)

    def embed_questions(self, texts: list[str]) -> np.ndarray:
        return self.embedder.embed(texts, batch_size=len(texts))

    def rank(self, text: str, vector: np.ndarray, filters: Filters, depth: int) -> list[Hit]:
        retriever = HybridRetriever(self.catalog, self.store, filters, depth, self.settings.depth)
        return to_hits(retriever.retrieve(QueryBundle(text, embedding=list(vector))), self.catalog)

    def retrieve(self, question: str, filters: Filters | None = None, k: int = 10) -> list[Hit]:
        text = clean_question(question, self.settings.max_question_chars)
        vector = self.embed_questions([text])[0]
        return self.rank(text, vector, filters or Filters(), k)

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        history: list[str] | None = None,
        sources: int | None = None,
    ) -> Answer:
        """A cited answer, or a decline. Extractive by default; with an LLM configured, the
        LLM writes from the same passages and falls back to extractive when it fails."""
        draft = self.prepare(question, filters, history)
        if self.llm is None or draft.confidence < self.settings.answer_threshold:
            return self.extractive_answer(draft, sources)
        count = sources or self.settings.sources
        passages = {n: hit.paragraph for n, hit in enumerate(draft.ranking[:count], start=1)}
        result = llm_composer.compose(self.llm, draft, passages, self.scorer.vectors)
        if isinstance(result, Answer):
            return result
        fallback = self.extractive_answer(draft, sources)
        fallback.notes.append(f"{result}; showing the extractive answer instead.")
        return fallback

    def prepare(
        self, question: str, filters: Filters | None = None, history: list[str] | None = None
    ) -> Draft:
        """Retrieval and sentence evidence for a question: what every composer starts from."""
        text = clean_question(question, self.settings.max_question_chars)
        resolved = standalone(text, history or [])
        filters = filters or Filters()
        pieces = parts(resolved)
        pieces = [with_antecedent(p, pieces[:i]) for i, p in enumerate(pieces)]
        vectors = self.embed_questions([resolved, *pieces] if len(pieces) > 1 else [resolved])
        depth = max(self.settings.depth, 10)
        ranking = self.rank(resolved, vectors[0], filters, depth)
        part_rankings = [ranking]
        if len(pieces) > 1:
            part_rankings = [
                self.rank(p, v, filters, depth) for p, v in zip(pieces, vectors[1:], strict=True)
            ]
            ranking = fused_hits([ranking, *part_rankings])
        whole = analyse(resolved)
        chosen: list[Evidence] = []
        per_part = max(1, self.settings.max_answer_sentences // len(pieces))
        for piece, vector, hits in zip(pieces, vectors[-len(pieces) :], part_rankings, strict=True):
            question_part = analyse(piece) if len(pieces) > 1 else whole
            pool = evidence_pool(question_part, hits, self.settings.answer_paragraphs)
            evidence = self.scorer.score(question_part, vector, pool, len(pool))
            taken = {(e.paragraph.id, e.index) for e in chosen}  # a sentence answers once
            fresh = [e for e in evidence if (e.paragraph.id, e.index) not in taken]
            chosen += extractive.choose(question_part, fresh, per_part)
        weights = idf_weights(self.catalog, whole.topic_terms or whole.terms)
        signal = abstain.signals(whole, chosen, self.catalog, weights, self.scorer.article_terms)
        # X not in the chosen articles: is X in the archive's passages at all? (for the note)
        elsewhere = not signal.speaker_present and abstain.names_speaker(
            whole, [h.paragraph for h in ranking[:RELATED_CHECKED]]
        )
        return Draft(
            question,
            resolved,
            whole,
            ranking,
            chosen,
            signal.confidence(),
            vectors[0],
            signal.shortfall(whole, elsewhere),
        )

    def extractive_answer(self, draft: Draft, sources: int | None = None) -> Answer:
        answered = bool(draft.chosen) and draft.confidence >= self.settings.answer_threshold
        if not answered:
            return self.decline(draft, sources)
        body, citations = extractive.write(extractive.order(draft.chosen))
        return Answer(
            draft.question,
            body,
            citations,
            cited_first(draft.ranking, citations),
            True,
            standalone_question=draft.resolved,
            confidence=draft.confidence,
        )

    def decline(self, draft: Draft, sources: int | None = None) -> Answer:
        count = sources or self.settings.sources
        return Answer(
            draft.question,
            CANNOT_ANSWER,
            [],
            draft.ranking,
            False,
            related=draft.ranking[:count],
            notes=[draft.shortfall] if draft.shortfall else [],
            standalone_question=draft.resolved,
            confidence=draft.confidence,
        )


@dataclass
class Draft:
    """What retrieval and evidence found, before a composer writes the answer."""

    question: str
    resolved: str  # the standalone question (follow-ups resolved)
    analysis: Question
    ranking: list[Hit]
    chosen: list[Evidence]  # the sentences that answer, best evidence first
    confidence: float
    vector: np.ndarray
    shortfall: str | None = None  # why it would be declined, when one check says so


def cited_first(ranking: list[Hit], citations: list[Citation]) -> list[Hit]:
    """The answer's own paragraphs lead the ranking: they are the system's best judgement."""
    cited = {c.paragraph.id for c in citations}
    return [Hit(c.paragraph, 1.0) for c in citations] + [
        h for h in ranking if h.paragraph.id not in cited
    ]


def evidence_pool(question: Question, hits: list[Hit], size: int) -> list[Hit]:
    """The top paragraphs; for "what did X say", also further retrieved paragraphs naming X,
    since X's words are often reported a few paragraphs away from the best match."""
    pool = hits[:size]
    if question.speaker is not None:
        naming = [h for h in hits[size : size * 5] if mentions(h.paragraph.text, question.speaker)]
        pool = pool + naming[:size]
    return pool


def fused_hits(rankings: list[list[Hit]]) -> list[Hit]:
    from llama_index.core.schema import NodeWithScore, TextNode

    by_id = {h.paragraph.id: h.paragraph for ranking in rankings for h in ranking}
    fused = rrf_fuse(
        [
            [
                NodeWithScore(node=TextNode(id_=h.paragraph.id, text=""), score=h.score)
                for h in ranking
            ]
            for ranking in rankings
        ]
    )
    return [Hit(by_id[n.node.node_id], float(n.score or 0.0)) for n in fused]


def answer_from_hits(assistant: Assistant, question: str, hits: list[Hit]) -> Answer:
    """The extractive composer applied to a given ranking; never declines (for baselines)."""
    analysis = analyse(question)
    vector = assistant.embed_questions([question])[0]
    evidence = assistant.scorer.score(analysis, vector, hits, assistant.settings.answer_paragraphs)
    chosen = extractive.choose(analysis, evidence, assistant.settings.max_answer_sentences)
    body, citations = extractive.write(extractive.order(chosen))
    return Answer(question, body, citations, hits, bool(chosen), composer="extractive-baseline")
