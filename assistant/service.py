"""The assistant: question (+ conversation, filters) -> Answer with citations, or a decline."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from functools import partial

import numpy as np
from llama_index.core.llms import LLM
from llama_index.core.schema import QueryBundle

from assistant.engine import abstain, extractive
from assistant.engine.differ import other_report, reports_differ
from assistant.engine.draft import (
    Draft,
    Reading,
    cited_first,
    evidence_pool,
    with_whole_question,
)
from assistant.engine.evidence import Evidence, SentenceScorer, idf_weights
from assistant.engine.fitted_models import answer_model, correct_model
from assistant.engine.followup import standalone, with_antecedent
from assistant.engine.fusion import rrf_fuse
from assistant.engine.language import foreign_script
from assistant.engine.publications import named_in, speaks_as_source
from assistant.engine.question import Question, analyse, parts
from assistant.engine.retrieval import HybridRetriever
from assistant.engine.setting_parts import setting_parts
from assistant.engine.source_parts import source_parts
from assistant.engine.speakers import (
    by_subject,
    quotation_goes_on,
    reported_by,
    statement_hits,
    statements_of,
)
from assistant.engine.tuning import (
    ANSWER_MINIMUM,
    FOREIGN_ANSWER_CONFIDENCE,
    OTHER_STATEMENTS,
    PART_PARAGRAPHS,
    RELATED_CHECKED,
    STATEMENT_PARAGRAPHS,
    STATEMENT_SHORTLIST,
    WHOLE_QUESTION_PARAGRAPHS,
)
from assistant.errors import QuestionError
from assistant.llm import compose as llm_composer
from assistant.llm.compose import make_llm
from assistant.settings import Settings
from assistant.types import CANNOT_ANSWER, Answer, citation_label
from index import catalog as catalog_module
from index import speakers
from index.embedder import Embedder, load_embedder
from index.store import ArchiveStore, identity_of
from index.types import Filters, Hit

log = logging.getLogger(__name__)


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
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        llm: LLM | None = None,
        sentence_embedder: Embedder | None = None,
    ) -> None:
        """`embedder`: the stored paragraphs' model (settings.model), which embeds questions to
        retrieve them; `sentence_embedder`: the model of the sentences each question reads
        (settings.sentence_model). Either is loaded from the settings when not given."""
        self.settings = settings
        self.embedder = embedder or load_embedder(
            settings.model, settings.backend, threads=settings.query_threads
        )
        self.sentence_embedder = sentence_embedder or load_embedder(
            settings.sentence_model, settings.backend, threads=settings.query_threads
        )
        self.store = ArchiveStore(settings, identity_of(self.embedder))
        self._lock = threading.Lock()
        self.catalog = catalog_module.open_catalog(self.store, settings.keyword_dir)
        self.scorer = SentenceScorer(self.sentence_embedder, self.catalog)
        speakers.pipeline()  # spaCy, for reading questions' speakers: loaded now, not on a question
        self.llm = llm if llm is not None else make_llm(settings)
        # read now: a broken model file fails at start, not on a question
        fitted, correct = answer_model(), correct_model()
        chosen = settings.answer_threshold
        self.threshold: float = chosen if chosen is not None else float(fitted.threshold or 0.5)
        self.floor = float(correct.threshold or 0.0)

    def refresh(self) -> None:
        """Reload the catalog after an ingest (cheap when nothing changed)."""
        with self._lock:
            catalog = catalog_module.open_catalog(self.store, self.settings.keyword_dir)
            if catalog.fingerprint != self.catalog.fingerprint:
                self.catalog = catalog
                self.scorer = SentenceScorer(self.sentence_embedder, catalog)

    def embed_questions(self, texts: list[str]) -> np.ndarray:
        """The questions in the stored paragraphs' space (to retrieve them)."""
        return self.embedder.embed(texts, batch_size=len(texts))

    def rank(self, text: str, vector: np.ndarray, filters: Filters, depth: int) -> list[Hit]:
        retriever = HybridRetriever(self.catalog, self.store, filters, depth, self.settings.depth)
        return retriever.hits(QueryBundle(text, embedding=list(vector)))

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
        if self.llm is None or not draft.answers:
            return self.extractive_answer(draft, sources)
        count = sources or self.settings.sources
        passages = {n: hit.paragraph for n, hit in enumerate(draft.ranking[:count], start=1)}
        result = llm_composer.compose(self.llm, draft, passages, self.scorer.vectors)
        if result.answer is not None:
            return result.answer
        fallback = self.extractive_answer(draft, sources)
        fallback.notes.append(f"{result.failure}; showing the extractive answer instead.")
        return fallback

    def prepare(
        self, question: str, filters: Filters | None = None, history: list[str] | None = None
    ) -> Draft:
        """Retrieval and sentence evidence for a question: what every composer starts from."""
        text = clean_question(question, self.settings.max_question_chars)
        pronoun_of = self.catalog.speakers.pronoun_of
        resolved = standalone(text, history or [], pronoun_of)
        filters = filters or Filters()
        check_publications(filters, self.catalog.publications())
        pieces = parts(resolved)
        if len(pieces) == 1:  # one thing asked of two settings: a part for each
            pieces = list(setting_parts(resolved))
        pieces = [with_antecedent(p, pieces[:i], pronoun_of) for i, p in enumerate(pieces)]
        plan = source_parts(resolved, pieces, self.scorer.publications)
        texts = list(dict.fromkeys([resolved, *(part.text for part in plan)]))
        vector_of = dict(zip(texts, self.embed_questions(texts), strict=True))
        depth = max(self.settings.depth, 10)
        ranking = self.rank(resolved, vector_of[resolved], filters, depth)
        part_rankings = [ranking]
        if len(plan) > 1 or plan[0].publications:  # parts, or a part read in its source
            part_rankings = [
                self.rank(part.text, vector_of[part.text], part.filters(filters), depth)
                for part in plan
            ]
            ranking = rrf_fuse([ranking, *part_rankings])
        whole = self.analyse(resolved)
        read: list[Reading] = []
        for part, hits in zip(plan, part_rankings, strict=True):
            question_part = self.analyse(part.text) if part.text != resolved else whole
            vector = vector_of[part.text]
            size = self.settings.answer_paragraphs if len(plan) == 1 else PART_PARAGRAPHS
            holds_kind = partial(self.scorer.holds_kind, question_part)
            pool = evidence_pool(question_part, hits, size, holds_kind)
            if len(plan) > 1:
                pool, size = with_whole_question(pool, size, ranking, WHOLE_QUESTION_PARAGRAPHS)
            pool += self.statement_paragraphs(question_part, vector, part.filters(filters), pool)
            focused = frozenset(h.paragraph.id for h in pool[size:])
            evidence = self.scorer.score(question_part, pool, len(pool), focused)
            read.append(Reading(question_part, evidence))
        chosen = self.compose(read)
        weights = idf_weights(self.catalog, whole.topic_terms or whole.terms)
        signal = abstain.signals(whole, chosen, self.catalog, weights, self.scorer.article_terms)
        candidates = [e for r in read for e in r.evidence]
        judged = abstain.verdict(whole, chosen, candidates, signal, len(read))
        # X not in the chosen articles: is X in the archive's passages at all? (for the note)
        elsewhere = not signal.speaker_present and abstain.names_speaker(
            whole, [h.paragraph for h in ranking[:RELATED_CHECKED]]
        )
        return Draft(
            question=question,
            resolved=resolved,
            analysis=whole,
            ranking=ranking,
            chosen=chosen,
            confidence=judged.confidence,
            answers=judged.answers(self.threshold, self.floor),
            vector=vector_of[resolved],
            shortfall=signal.shortfall(whole, elsewhere),
            filters=filters,
            readings=read,
        )

    def analyse(self, text: str) -> Question:
        """The question read: its speaker, parts, terms; a publication it names as its source is
        not a speaker ("did The Moscow Times report")."""
        question = analyse(text)
        speaker = question.speaker
        if speaker and speaks_as_source(speaker.text, text, self.scorer.publications):
            return replace(question, speaker=None)
        return question

    def compose(self, readings: list[Reading]) -> list[Evidence]:
        """The sentences that answer, part by part (a sentence answers once)."""
        chosen: list[Evidence] = []
        per_part = max(1, self.settings.max_answer_sentences // len(readings))
        for reading in readings:
            question_part = reading.question
            taken = {(e.paragraph.id, e.index) for e in chosen}
            fresh = [e for e in reading.evidence if (e.paragraph.id, e.index) not in taken]
            if question_part.speaker is not None:  # "what did X say": X's statements
                picked = extractive.choose_statements(question_part, fresh, per_part)
                speaker = question_part.speaker
                picked += quotation_goes_on(self.catalog, speaker, picked, per_part + 1)
                chosen += picked
            else:
                chosen += extractive.choose(question_part, fresh, per_part)
        if len(readings) == 1:  # another article gives the figure asked for otherwise
            answer = [item for item in chosen if not item.context]
            reading = readings[0]
            other = other_report(
                reading.question,
                answer,
                reading.evidence,
                ANSWER_MINIMUM,
                self.scorer.article_terms,
            )
            if other is not None:
                chosen.append(other)
        return chosen

    def statement_paragraphs(
        self, question: Question, vector: np.ndarray, filters: Filters, pool: list[Hit]
    ) -> list[Hit]:
        """For "what did X say about Y": the paragraphs of X's statements that best match Y,
        from the speaker index, that retrieval did not bring; only those in the publications the
        question names, when it names some that report X ("according to The Baltic Times")."""
        if question.speaker is None:
            return []
        found = statements_of(self.catalog, question.speaker, filters)
        found = reported_by(self.catalog, found, named_in(question.text, self.scorer.publications))
        weights = idf_weights(self.catalog, question.about_terms or question.topic_terms)
        shortlist = (self.catalog, STATEMENT_SHORTLIST, vector)
        ranked = by_subject(question.text, found, self.scorer.vectors, weights, shortlist)
        have = {h.paragraph.id for h in pool}
        ranked = [(score, s) for score, s in ranked if s.paragraph_id not in have]
        return statement_hits(self.catalog, ranked, STATEMENT_PARAGRAPHS)

    def extractive_answer(self, draft: Draft, sources: int | None = None) -> Answer:
        answered = bool(draft.chosen) and draft.answers
        if foreign_script(draft.question) and draft.confidence < FOREIGN_ANSWER_CONFIDENCE:
            answered = False
        if not answered:
            return self.decline(draft, sources)
        ordered = extractive.order(draft.chosen)
        body, citations = extractive.write(ordered)
        if one_question(draft):
            terms_of_article = self.scorer.article_terms
            differ = reports_differ(draft.analysis, ordered, citations, terms_of_article)
            body = f"{differ} {body}" if differ else body
        return Answer(
            question=draft.question,
            text=body,
            citations=citations,
            hits=cited_first(draft.ranking, citations),
            answered=True,
            standalone_question=draft.resolved,
            confidence=draft.confidence,
            scope=draft.filters.describe(),
        )

    def decline(self, draft: Draft, sources: int | None = None) -> Answer:
        count = sources or self.settings.sources
        notes = decline_notes(draft)
        related = draft.ranking[:count]
        speaker = draft.analysis.speaker
        if speaker is not None:  # what the person did say, on other subjects
            said = statements_of(self.catalog, speaker, draft.filters)
            if said:
                notes.append(other_statements_note(speaker.text, said, self.catalog))
                shown = statement_hits(self.catalog, [(0.0, s) for s in said], OTHER_STATEMENTS)
                related = shown + [
                    h for h in related if h.paragraph.id not in {s.paragraph.id for s in shown}
                ]
                related = related[:count]
        return Answer(
            question=draft.question,
            text=CANNOT_ANSWER,
            citations=[],
            hits=draft.ranking,
            answered=False,
            related=related,
            notes=notes,
            standalone_question=draft.resolved,
            confidence=draft.confidence,
            scope=draft.filters.describe(),
        )


def one_question(draft: Draft) -> bool:
    """The question asks one thing (perhaps of several sources), not several things: figures of
    different parts ("the cost, and the price foreseen earlier") are not reports that differ."""
    return len({reading.question.text for reading in draft.readings}) <= 1


def check_publications(filters: Filters, known: list[str]) -> None:
    """A filter naming a publication the archive does not hold (compared case-insensitively) is
    a mistake to report, not a question to decline."""
    folded = {name.casefold() for name in known}
    unknown = [name for name in filters.publications if name.casefold() not in folded]
    if unknown:
        holds = f"the archive holds: {', '.join(known)}" if known else "the archive is empty"
        names = ", ".join(repr(name) for name in unknown)
        noun = "publication" if len(unknown) == 1 else "publications"
        raise QuestionError(f"unknown {noun} {names}; {holds}")


def other_statements_note(speaker: str, said: list, catalog) -> str:
    """ "The archive has X on other subjects: <date>, <citation>: <content>; ..." for up to
    OTHER_STATEMENTS of X's statements, latest first."""
    latest = sorted(said, key=lambda s: s.date or "", reverse=True)[:OTHER_STATEMENTS]
    items = []
    for s in latest:
        paragraph = catalog.get(s.paragraph_id)
        where = citation_label(paragraph) if paragraph else s.paragraph_id
        when = f"{s.date}, " if s.date else ""
        sentence = s.text if len(s.text) <= 160 else s.text[:157].rstrip() + "…"
        items.append(f"{when}{where}: “{sentence}”")
    total = f" ({len(said)} in all)" if len(said) > len(latest) else ""
    return f"What the archive has {speaker} say on other subjects{total}: " + "; ".join(items) + "."


def decline_notes(draft: Draft) -> list[str]:
    """What a decline says beside "The archive does not say.": what the passages lack, that
    the archive is in English, and what the search was restricted to."""
    notes = [draft.shortfall] if draft.shortfall else []
    if foreign_script(draft.question):
        notes.insert(0, "The archive is in English: please ask in English.")
    scope = draft.filters.describe()
    if scope:
        notes.append(f"Only passages {scope} were searched; clear the filters to search them all.")
    return notes


def answer_from_hits(assistant: Assistant, question: str, hits: list[Hit]) -> Answer:
    """The extractive composer applied to a given ranking; never declines (for baselines)."""
    analysis = analyse(question)
    evidence = assistant.scorer.score(analysis, hits, assistant.settings.answer_paragraphs)
    chosen = extractive.choose(analysis, evidence, assistant.settings.max_answer_sentences)
    body, citations = extractive.write(extractive.order(chosen))
    return Answer(
        question=question,
        text=body,
        citations=citations,
        hits=hits,
        answered=bool(chosen),
        composer="extractive-baseline",
    )
