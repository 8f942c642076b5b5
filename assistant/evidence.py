"""Sentence evidence: every sentence of the top paragraphs scored against the question.

score = semantic similarity (sentence vs question) + idf-weighted term overlap + the paragraph's
retrieval rank + attribution to the asked-about speaker. The same scorer checks LLM sentences.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from assistant.question import SPEECH_WORDS, Name, Question
from assistant.sentences import split_sentences
from index.catalog import Catalog
from index.embedder import Embedder
from index.terms import DEMONYMS, PLACE_OF, fold, term, terms, with_places, word_starts, words
from index.types import Hit, Paragraph

_COUNTRIES = frozenset(PLACE_OF.values())
PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
WEIGHTS = {
    "semantic": 0.55,
    "lexical": 0.35,
    "rank": 0.10,
    "attributed": 0.15,  # "what did X say": X reports, tells, warns... in this sentence
    "mentioned": 0.04,  # X is only named
    "interrogative": 0.30,  # a question (a reporter's "Q:") asserts nothing
    "answer_type": 0.05,
    "focus": 0.15,  # names the kind of thing asked for ("what voter turnout": turnout)
}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# What answers "when" in news prose: "5 December 2000", "Dec. 8", "1995", "the 1990s", "on Tuesday",
# "yesterday", "last week", "earlier this month".
_DATE = re.compile(
    rf"\b(?:{_MONTHS}|{_DAYS}|(?:1[89]|20)\d\d(?:s\b)?)\b|"
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s*\d|"
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|"
    r"(?i:\b(?:yesterday|today|tomorrow|tonight)\b|"
    r"\b(?:last|next|this|earlier this|later this|early next|late last)\s+"
    r"(?:week|weekend|month|year|spring|summer|autumn|fall|winter|decade)\b|"
    r"\b(?:days|weeks|months|years)\s+(?:ago|earlier|later)\b)"
)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|"
    r"hundred|hundreds|thousand|thousands|million|millions|billion|billions|half|third|quarter)\b",
    re.IGNORECASE,
)
# A date is not a quantity: "How many votes were cast?" is not answered by "10 September 2001".
_DATE_EXPRESSION = re.compile(
    rf"\b\d{{1,2}}\s+(?:{_MONTHS})\b(?:,?\s+\d{{4}})?|"
    rf"\b(?:{_MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{{1,2}}\b(?:,?\s+\d{{4}})?|"
    r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
)
_SHARE = re.compile(r"\b\d[\d,.]*\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)
_MONEY = re.compile(
    r"(?:US\$|\$|€|£)\s?\d|\b\d[\d,.]*\s*(?:million|billion|thousand|mln|bln)?\s*"
    r"(?:dollars|rubles|roubles|euros|pounds|marks|francs)\b|"
    r"\b(?:dollars|rubles|roubles|euros)\b",
    re.IGNORECASE,
)


def focus_share(focus: list[str], found: set[str]) -> float:
    return sum(1 for t in focus if t in found) / len(focus) if focus else 0.0


def date_phrases(sentence: str) -> list[list[str]]:
    """Date expressions, each as its parts in lower case: "on Tuesday, 5 December 2000" is one
    phrase (tuesday, december, 2000), so a date the question gives is recognised whole."""
    phrases: list[list[str]] = []
    end = -10
    for match in _DATE.finditer(sentence):
        if phrases and match.start() - end <= 4:
            phrases[-1].append(match.group().lower())
        else:
            phrases.append([match.group().lower()])
        end = match.end()
    return phrases


_WEEKDAYS = frozenset(_DAYS.lower().split("|"))


def _new_date(phrase: list[str], given: frozenset[str]) -> bool:
    """The phrase says more than the question's own months and years: "5 December 2000" answers
    "On what date ... in 2000?"; "Tuesday, 5 December 2000" does not answer "When did they agree
    to meet again after their session in December 2000?" (a weekday only places a date the phrase
    already gives; alone, "on Tuesday", it is a date)."""
    core = [part for part in phrase if part not in _WEEKDAYS]
    return not core or any(part not in given for part in core)


def has_answer_type(sentence: str, wants: str, given: frozenset[str] = frozenset()) -> bool:
    """The sentence holds the kind of thing asked for: a date, a sum of money, a quantity.
    `given`: months and years the question itself names ("When did they agree to meet again
    after their session in December 2000?" is not answered by "met on 5 December 2000")."""
    if wants == "date":
        return any(_new_date(phrase, given) for phrase in date_phrases(sentence))
    if wants == "money":
        return bool(_MONEY.search(sentence))
    if wants == "number":
        return bool(_NUMBER.search(_DATE_EXPRESSION.sub(" ", sentence)))
    if wants == "count":  # "how many votes": a share ("75 percent") counts nothing
        return bool(_NUMBER.search(_SHARE.sub(" ", _DATE_EXPRESSION.sub(" ", sentence))))
    return False


QUOTES = ("“", '"', "``")


def is_interrogative(sentence: str) -> bool:
    stripped = sentence.strip().rstrip("\"'”’) ")
    return stripped.endswith("?") or sentence.lstrip().startswith("Q:")


@dataclass
class Evidence:
    paragraph: Paragraph
    rank: int
    index: int
    text: str
    semantic: float
    lexical: float
    attributed: bool
    speech: bool
    score: float


class SentenceVectors:
    """Sentence embeddings with an LRU cache (popular paragraphs are asked about again)."""

    def __init__(self, embedder: Embedder, size: int = 50_000) -> None:
        self.embedder = embedder
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def clear(self) -> None:
        self._cache.clear()

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for text, vector in zip(missing, self.embedder.embed(missing), strict=True):
                self._cache[text] = vector
                if len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        for text in texts:
            self._cache.move_to_end(text)
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


def idf_weights(catalog: Catalog, question_terms: list[str]) -> dict[str, float]:
    return {t: catalog.keyword.idf(t) for t in dict.fromkeys(question_terms)}


def coverage(weights: dict[str, float], text_terms: set[str]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in text_terms) / total


def article_terms(catalog: Catalog, article_ids: set[str]) -> set[str]:
    found: set[str] = set()
    for paragraph in catalog.paragraphs_of(article_ids):
        found.update(terms(paragraph.text))
        if paragraph.title:
            found.update(terms(paragraph.title))
        found.update(terms(paragraph.publication))
    return with_places(found)


def first_names(text: str, surname: str) -> set[str]:
    """First names written before a surname in a text ("William S. Cohen" -> {"william"})."""
    tokens = words(text)
    found = set()
    for i, word in enumerate(tokens):
        if fold(word) != surname:
            continue
        j = i - 1
        while j >= 0 and len(tokens[j]) == 1 and tokens[j].isupper():  # middle initials
            j -= 1
        if j >= 0 and tokens[j][:1].isupper() and tokens[j].isalpha() and len(tokens[j]) > 2:
            candidate = fold(tokens[j])
            if candidate not in _NOT_FIRST_NAMES:
                found.add(candidate)
    return found


def names_person(
    sentence: str, name: Name, article_first_names: set[str] | None = None
) -> bool | None:
    """True if the sentence names the person, False if it names another person of that
    surname (Sergei vs Igor Ivanov; a bare "Cohen" in an article about William Cohen when Ariel
    Cohen is asked about), None if the surname is absent."""
    tokens = words(sentence)
    place = PLACE_OF.get(
        term(name.last), term(name.last) if term(name.last) in _COUNTRIES else None
    )
    if place is not None:  # "Moscow told Washington" is reported as "Russia informed Washington"
        found_place = {PLACE_OF.get(term(w), term(w)) for w in tokens}
        return True if place in found_place else None
    if not any(fold(w) == name.last for w in tokens):
        return None
    if name.first is None:
        return True
    here = first_names(sentence, name.last)
    if here:
        return name.first in here
    # A bare surname refers to whoever the article names with it; an article that never gives a
    # first name confirms the person only through the title the question used ("Foreign
    # Minister Ivanov" for "Foreign Minister Igor Ivanov").
    known = article_first_names or set()
    if known:
        return name.first in known
    return bool(name.titles) and _titled(tokens, name)


def _titled(tokens: list[str], name: Name) -> bool:
    for i, word in enumerate(tokens):
        if fold(word) == name.last:
            before = {fold(w) for w in tokens[max(0, i - 3) : i]}
            if name.titles <= before | {"u", "s", "us"} or len(name.titles & before) >= 2:
                return True
    return False


_NOT_FIRST_NAMES = frozenset(
    fold(w)
    for w in "minister secretary president spokesman marshal field general admiral defense "
    "foreign deputy prime mr mrs ms dr said told and but the".split()
)


def agent_positions(tokens: list[str], name: Name, sentence: str = "") -> list[int]:
    """Where the person's surname stands as a possible agent: not possessive ("Sergeev's
    visit") and not the object of a preposition ("a meeting with Sergeev, he praised...");
    "assurances from Sergeev" and "a statement by Sergeev" keep the agent. With the sentence
    given, a preposition that ends a quotation ('"...adhered to," Cohen told reporters') does
    not govern the name after it."""
    starts = word_starts(sentence) if sentence else []
    return [
        i
        for i, w in enumerate(tokens)
        if _same_entity(w, name)
        and not w.endswith(("'s", "’s"))
        and not _object_of_preposition(tokens, i, name, sentence, starts)
    ]


def _same_entity(word: str, name: Name) -> bool:
    """The word names the person, or the same country (Moscow, the Kremlin and Russia; not the
    demonym: "Russian media" do not speak for Moscow)."""
    if fold(word) == name.last:
        return True
    place = _place(term(name.last))
    return place is not None and term(word) not in DEMONYMS and _place(term(word)) == place


def _place(stem: str) -> str | None:
    return PLACE_OF.get(stem, stem if stem in _COUNTRIES else None)


_TITLE_WORDS = frozenset(
    "minister defense defence foreign deputy prime president secretary marshal field general "
    "admiral spokesman counterpart russian american chief head mr mrs ms dr the his her".split()
)
_NOT_AGENT_AFTER = frozenset(
    "with to of for about against on at toward towards into before after between among like "
    "than upon under over".split()
)


def _object_of_preposition(
    tokens: list[str], index: int, name: Name, sentence: str = "", starts: list[int] | None = None
) -> bool:
    """A preposition stands before the name, possibly across its first name and titles, with no
    quotation mark or comma between them."""
    j = index - 1
    while j >= max(0, index - 4) and (tokens[j] in _TITLE_WORDS or fold(tokens[j]) == name.first):
        j -= 1
    if j < 0 or tokens[j] not in _NOT_AGENT_AFTER:
        return False
    if starts and len(starts) == len(tokens):
        between = sentence[starts[j] + len(tokens[j]) : starts[j + 1]]
        if any(mark in between for mark in ',"”’;:—–'):
            return False
    return True


def speaks(sentence: str, tokens: list[str], agent_at: list[int], speech_at: list[int]) -> bool:
    """A speech word has the person as its agent: "Sergeev said" (up to eight words on),
    '"...," said Sergeev' or "assurances from Sergeev" (up to four words before)."""
    return any(
        0 < s - a <= 8 or (-4 <= s - a < 0 and speech_names(sentence, tokens, s, a))
        for a in agent_at
        for s in speech_at
    )


def speech_names(sentence: str, tokens: list[str], speech_at: int, name_at: int) -> bool:
    """A speech word before the name attributes the speech to the name when it opens an inverted
    attribution ('"...," said Sergeev') or names its source ("assurances from Sergeev", "a
    statement by Sergeev"). In "It said opposition candidate Hancharyk had 15 percent" a word
    before the verb is its subject, and the name after it is not the one speaking."""
    if {"from", "by"} & set(tokens[speech_at + 1 : name_at]):
        return True
    before = sentence[: word_starts(sentence)[speech_at]].rstrip()
    return not before or before[-1] in ",\"'”’:—–-"


def _quoted(sentence: str) -> bool:
    return sum(sentence.count(q) for q in QUOTES) >= 2


ARTICLES_KEPT = 4096


class SentenceScorer:
    def __init__(self, embedder: Embedder, catalog: Catalog) -> None:
        self.vectors = SentenceVectors(embedder)
        self.catalog = catalog
        self._article_terms: OrderedDict[str, frozenset[str]] = OrderedDict()

    def article_terms(self, article_id: str) -> frozenset[str]:
        """Terms of a whole article (text, title, publication), kept for the articles asked about
        most recently: a question's setting is checked against every candidate's article."""
        found = self._article_terms.get(article_id)
        if found is None:
            found = frozenset(article_terms(self.catalog, {article_id}))
            self._article_terms[article_id] = found
            if len(self._article_terms) > ARTICLES_KEPT:
                self._article_terms.popitem(last=False)
        self._article_terms.move_to_end(article_id)
        return found

    def _article_first_names(self, paragraph: Paragraph, name: Name) -> set[str]:
        if name.first is None:
            return set()
        found: set[str] = set()
        for other in self.catalog.paragraphs_of({paragraph.article_id}) or [paragraph]:
            found |= first_names(other.text, name.last)
        return found

    def score(
        self, question: Question, question_vector: np.ndarray, hits: list[Hit], paragraphs: int
    ) -> list[Evidence]:
        weights = idf_weights(self.catalog, question.topic_terms or question.terms)
        rows: list[tuple[int, Paragraph, int, str]] = []
        for rank, hit in enumerate(hits[:paragraphs]):
            for index, sentence in enumerate(split_sentences(hit.paragraph.text)):
                rows.append((rank, hit.paragraph, index, sentence))
        if not rows:
            return []
        semantic = self.vectors([r[3] for r in rows]) @ question_vector
        row_terms = [with_places(set(terms(r[3]))) for r in rows]
        if question.setting_terms:  # met by the article, whichever sentence answers
            sources = set(question.setting_terms)
            by_article = {
                article: sources & self.article_terms(article)
                for article in {r[1].article_id for r in rows}
            }
            row_terms = [
                ts | by_article[r[1].article_id] for r, ts in zip(rows, row_terms, strict=True)
            ]
        evidence = []
        previous_named = False
        for (rank, paragraph, index, sentence), sim, sentence_terms in zip(
            rows, semantic, row_terms, strict=True
        ):
            lexical = coverage(weights, sentence_terms)
            surface = words(sentence)
            tokens = [w.lower() for w in surface]
            speech_at = speech_positions(surface)
            speech = bool(speech_at) or any(q in sentence for q in QUOTES)
            attributed = mentioned = False
            if question.speaker is not None:
                named = names_person(
                    sentence,
                    question.speaker,
                    self._article_first_names(paragraph, question.speaker),
                )
                if index == 0:
                    previous_named = False
                mentioned = bool(named)
                # Attributed: the person is the one speaking. Named as an agent (not "Sergeev's
                # visit") near a speech word, or a pronoun opening the sentence right after a
                # sentence that named them.
                agent_at = agent_positions(tokens, question.speaker, sentence) if mentioned else []
                near = speaks(sentence, tokens, agent_at, speech_at)
                pronoun_at = [i for i, w in enumerate(tokens[:3]) if w in PRONOUNS]
                by_pronoun = (
                    named is None
                    and previous_named
                    and any(-1 <= s - p <= 6 for p in pronoun_at for s in speech_at)
                )
                attributed = near or by_pronoun or (bool(agent_at) and _quoted(sentence))
                previous_named = mentioned or (previous_named and named is None)
            score = (
                WEIGHTS["semantic"] * float(sim)
                + WEIGHTS["lexical"] * lexical
                + WEIGHTS["rank"] / (1 + rank)
                + (WEIGHTS["attributed"] if attributed else 0.0)
                + (WEIGHTS["mentioned"] if mentioned and not attributed else 0.0)
                - (WEIGHTS["interrogative"] if is_interrogative(sentence) else 0.0)
                + (
                    WEIGHTS["answer_type"]
                    if has_answer_type(sentence, question.wants, question.dates)
                    else 0.0
                )
                + WEIGHTS["focus"] * focus_share(question.focus_terms, sentence_terms)
            )
            evidence.append(
                Evidence(
                    paragraph, rank, index, sentence, float(sim), lexical, attributed, speech, score
                )
            )
        return _quotes_attributed_after(evidence)


def _quotes_attributed_after(evidence: list[Evidence]) -> list[Evidence]:
    """A quotation belongs to the speaker of the quotation beside it in the same paragraph:
    '"Not in accordance with standards. It is not," Stoudman said.' (attributed at the end of the
    next sentence) and '"...," Cohen said. "It is a fundamental tenet of ..."' (the quotation
    goes on in the next sentence)."""
    for earlier, later in zip(evidence, evidence[1:], strict=False):
        if earlier.paragraph.id != later.paragraph.id or earlier.index + 1 != later.index:
            continue
        if (
            _opens_quote(earlier.text)
            and not _reports_speech(earlier.text)  # its own "X said" closes it
            and later.attributed
            and not earlier.attributed
        ):
            earlier.attributed = True
            earlier.score += WEIGHTS["attributed"]
        elif (
            _opens_quote(later.text)
            and _opens_quote(earlier.text)
            and earlier.attributed
            and not later.attributed
            and not _reports_speech(later.text)  # '"...," Boucher added.' is Boucher's
        ):
            later.attributed = True
            later.score += WEIGHTS["attributed"]
    return evidence


def speech_positions(surface: list[str]) -> list[int]:
    """Where speech words stand, as written: "States" in "the United States" and "State" in
    "Secretary of State" are names, not the verb."""
    return [i for i, w in enumerate(surface) if w in SPEECH_WORDS]


def _reports_speech(sentence: str) -> bool:
    return bool(speech_positions(words(sentence)))


def _opens_quote(sentence: str) -> bool:
    return sentence.lstrip()[:1] in ('"', "“", "`")
