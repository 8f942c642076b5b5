"""What a question asks: its search terms, the names in it, and for "what did X say" its speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.engine.answer_types import date_words
from assistant.engine.lexicon import (
    MONEY_NOUNS,
    NAME_RUN_FILLERS,
    NAMED_KINDS,
    ORGANISATION_NOUNS,
    QUANTITY_KINDS,
    QUESTION_WORDS,
    ROLE_NOUNS,
    SPEAKER_VERBS,
    SPEECH_WORDS,
    TERM_NOUNS,
    TITLES,
    VAGUE_NOUNS,
    YEAR,
    alternation,
)
from assistant.engine.question_speaker import question_speaker
from index.terms import STOPWORDS, fold, term, terms, words

SPEECH_VERBS = frozenset(term(w) for w in SPEECH_WORDS)  # stems, to drop them from topic terms
_SPEAKER = re.compile(
    r"\b(?:did|does|do|has|had|would|will)\s+(?P<who>[^,;?]+?)\s+"  # within one clause
    # the verb in lower case, and not "state": "Iranian state radio", "Secretary of State Albright"
    rf"(?-i:{alternation(list(SPEAKER_VERBS))})\b",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"\b(?:about|regarding|concerning|on the subject of)\s+(.+)$", re.IGNORECASE)
# The subject matter ends where a time, place or source qualifier begins.
_ABOUT_END = re.compile(
    rf"\b(?:in|on|at|during|when|while|after|before|since|according|last|this|that|{YEAR})\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")


@dataclass(frozen=True)
class Name:
    """A person or place named in the question: folded last word and optional first word."""

    text: str
    last: str
    first: str | None = None
    titles: frozenset[str] = frozenset()  # "Foreign Minister Igor Ivanov": {foreign, minister}


@dataclass(kw_only=True)
class Question:
    text: str
    terms: list[str]
    topic_terms: list[str]  # terms that are neither the speaker's name nor speech verbs
    names: list[Name] = field(default_factory=list)
    speaker: Name | None = None
    entities: list[str] = field(default_factory=list)  # folded capitalised words and numbers
    about_terms: list[str] = field(default_factory=list)  # "say about <this>": the subject matter
    wants: str = ""  # expected answer type: "date", "money", "share", "count", "number" or ""
    focus_terms: list[str] = field(default_factory=list)  # "which existing contracts": contract
    # "According to Bloomberg", "in September 2001": who reported it and when. Such a setting
    # is met by the article (its dateline, byline, publication), not by the sentence that answers.
    setting_terms: list[str] = field(default_factory=list)
    about_text: str = ""  # the subject as the question words it ("the Baltic states")
    dates: frozenset[str] = frozenset()  # months and years the question names, lower case
    known: frozenset[str] = frozenset()  # its words, lower case: what an answer must add to

    @property
    def given(self) -> frozenset[str]:
        """What a sentence's date, person or number must say more than ("Who replaced Adamov?"
        is not answered by a sentence naming only Adamov, "How many of the 35 seats ...?" not by
        "35 candidates")."""
        if self.wants in NAMED_KINDS:
            return self.dates | self.known
        if self.wants in QUANTITY_KINDS:
            return self.dates | frozenset(w for w in self.known if any(c.isdigit() for c in w))
        return self.dates

    @property
    def asks_for_speech(self) -> bool:
        return self.speaker is not None


def capitalised_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words (not the sentence's first word unless it is a name)."""
    runs: list[list[str]] = []
    current: list[str] = []
    for index, word in enumerate(words(text)):
        is_name = bool(_CAPITALISED.fullmatch(word)) and (
            index > 0 or word.lower() not in QUESTION_WORDS
        )
        if is_name and word.lower() not in QUESTION_WORDS - {"us"}:
            current.append(word)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


_NAME_RUN = TITLES | NAME_RUN_FILLERS
TITLES_FOLDED = frozenset(fold(t) for t in _NAME_RUN) | _NAME_RUN


def name_of(run: list[str]) -> Name | None:
    kept = [w for w in run if fold(w) not in TITLES_FOLDED and len(w) > 1]
    if not kept:
        return None
    titles = frozenset(fold(w) for w in run if fold(w) in TITLES_FOLDED and fold(w) != "the")
    return Name(" ".join(kept), fold(kept[-1]), first_name(kept), titles)


def first_name(written: list[str]) -> str | None:
    """The folded word right before the surname, not a descriptor the name began with
    ("Estonian Prime Minister Mart Laar", "Yabloko's Sergei Ivanenko"); initials are skipped."""
    given = [w for w in written[:-1] if len(w.strip(".")) > 1]
    return fold(given[-1]) if given else None


_PART_BREAK = re.compile(
    # ", and how did ...", ", and on what date ...", ", and besides arms, in which areas ...",
    # ", and by the end of which year ...", ", and since when ...", ", and with what share ..."
    r",?\s+and\s+(?=(?:[^,?]{1,40},\s*)?"
    r"(?:(?:on|by|in|at|from|to|for|with|under|after|before|since|until)\s+"
    r"(?:(?!and\b)[\w'’-]+\s+){0,4}?)?"
    r"(?:what|how|when|which|who|why|where)\b)",
    re.IGNORECASE,
)


def parts(text: str) -> list[str]:
    """A compound question's parts ("X, and how did Y?"), each a question of its own."""
    pieces = [p.strip(" ,") for p in _PART_BREAK.split(text) if p.strip(" ,?")]
    if len(pieces) < 2 or any(len(terms(p)) < 2 for p in pieces):  # "..., and when?"
        return [text]
    return pieces


def hyphenated(name: Name, text: str) -> Name:
    """A name the question writes with hyphens keeps them, and its first name is a whole word
    ("Hamid-Reza Assefi": hamid-reza; "Vike-Freiberga": none, not "Vike"). The surname stays its
    last word, as sentences are matched word by word; the speaker index knows "Vike-Freiberga"
    by "freiberga" too."""
    merged: list[str] = []
    for word in name.text.split():
        joined = f"{merged[-1]}-{word}" if merged else ""
        if joined and re.search(rf"(?<![\w-]){re.escape(joined)}(?![\w-])", text):
            merged[-1] = joined
        else:
            merged.append(word)
    if len(merged) == len(name.text.split()):
        return name
    return Name(" ".join(merged), name.last, first_name(merged), name.titles)


def analyse(text: str) -> Question:
    names = [n for n in (name_of(run) for run in capitalised_runs(text)) if n]
    speaker = None
    match = _SPEAKER.search(text)
    if match:
        who = match["who"]
        runs = capitalised_runs(who)
        # "did Sergeev say", "did Foreign Minister Igor Ivanov say", and a lowercase descriptor
        # before the name: "did opposition candidate Uladzimir Hancharyk say".
        if runs and not _CAPITALISED.match(who) and words(who)[-len(runs[-1]) :] != runs[-1]:
            runs = []
        candidates = [n for n in (name_of(r) for r in runs) if n]
        if candidates:  # the longest run names the person; on a tie the one nearest the verb
            speaker = max(reversed(candidates), key=lambda n: len(n.text.split()))
    if speaker is None:
        said_by = question_speaker(text)
        speaker = name_of(words(said_by)) if said_by else None
    if speaker is not None:
        speaker = hyphenated(speaker, text)
    all_terms = terms(text)
    speaker_terms = set()
    if speaker:
        speaker_terms = {term(w) for w in speaker.text.split()} | set(terms(speaker.text))
    topic = [t for t in all_terms if t not in speaker_terms and t not in SPEECH_VERBS]
    entities = []
    for word in words(text):
        folded = fold(word)
        if folded in STOPWORDS or folded in QUESTION_WORDS or folded in TITLES_FOLDED:
            continue
        if len(word) < 2 and not word.isdigit():
            continue
        if word[0].isdigit() or (
            _CAPITALISED.fullmatch(word) and word.lower() not in QUESTION_WORDS
        ):
            entities.append(term(word))
    if words(text) and entities and term(words(text)[0]) == entities[0]:  # "Besides ...?"
        entities = entities[1:]
    # "say about <this>": the subject comes after the speech verb ("What theory about the cause
    # ... and what did investigators say" has none)
    about = _ABOUT.search(text, match.end() if match else 0) if speaker else None
    # the subject ends with its part of a compound question and before a time, place or source
    subject = _ABOUT_END.split(_PART_BREAK.split(about.group(1))[0])[0] if about else ""
    about_terms = [t for t in terms(subject) if t not in speaker_terms]
    return Question(
        text=text,
        terms=all_terms,
        topic_terms=topic,
        names=names,
        speaker=speaker,
        entities=list(dict.fromkeys(entities)),
        about_terms=about_terms,
        wants=answer_type(text),
        focus_terms=focus_terms(text),
        setting_terms=setting_terms(text),
        about_text=_trimmed(subject),
        dates=frozenset(w.lower() for w in date_words(words(text))),
        known=frozenset(w.lower() for w in words(text)),
    )


def _trimmed(phrase: str) -> str:
    """A phrase without the function words left dangling where it was cut ("the results of the
    2001 election" cut at the year: "the results")."""
    kept = phrase.strip(" ?.,").split()
    while kept and kept[-1].lower() in STOPWORDS:
        kept.pop()
    return " ".join(kept)


_SOURCE = re.compile(
    r"\b(?i:according to|as reported by|reported by|quoted by|cited by)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’.-]*\s*)+(?:(?:wire|agency|newspaper|daily|service|report)\b)?)"
)


def setting_terms(text: str) -> list[str]:
    """Terms of a named source ("according to the Monitor", "quoted by Bloomberg") and of the
    time the question is set in (months, years)."""
    found: list[str] = []
    for match in _SOURCE.finditer(text):
        found += terms(match.group(1))
    found += [term(w) for w in date_words(words(text))]
    return list(dict.fromkeys(found))


_FOCUS = re.compile(
    r"\b(?:which|what)\s+(?!did\b|does\b|do\b|was\b|were\b|is\b|are\b|has\b|had\b)"
    r"((?:[\w'’.-]+\s+){1,4}?)(?:did|does|do|was|were|is|are|has|have|had|"
    r"would|could|will|can)\b",
    re.IGNORECASE,
)


# "What was the turnout in ...?", "What is the name of ...?": the noun after the copula
_FOCUS_COPULA = re.compile(
    r"^\W*(?:what|which)\s+(?:was|is|were|are)\s+(?:the|a|an)\s+"
    r"((?:[\w'’-]+\s+){0,2}?[\w'’-]+)(?=\s+(?:of|in|for|at|on|by|to|from|that|which|who|"
    r"during|after|before|between|among)\b|\s*[?,]|\s*$)",
    re.IGNORECASE,
)


def focus_terms(text: str) -> list[str]:
    """The head of the wh-phrase: what the answer must be an instance of."""
    match = _FOCUS.search(text) or _FOCUS_COPULA.search(text)
    if not match:
        return []
    return [t for t in terms(match.group(1)) if t not in VAGUE_NOUNS]


# "when" asks for a date only as a question word ("When did...", ", and when was..."), not as a
# conjunction ("How did he describe it when he met Sergeev?", "When Ustinov closed the case, how
# many ... had been recovered?").
_WANTS_DATE = re.compile(
    r"^\W*when\b(?![^?]*,\s*(?:how|what|which|who|whom|whose|where|why)\b)|"
    r"\bwhen\s+(?:did|does|do|was|were|is|are|will|would|had|has|have)\b|"
    r"\b(?:what|which) (?:exact |precise |specific )?(?:date|day|year)\b|"
    r"\b(?:by when|since when|until when)\b",
    re.IGNORECASE,
)
_WANTS_NUMBER = re.compile(
    r"\bhow (?:many|much|large|big|heavy|long|far|old|high)\b|\bwhat number\b",
    re.IGNORECASE,
)


def _asks_for(nouns: list[str]) -> re.Pattern:
    """ "Which (three Russian) <noun>", "(at) what <noun>", "the name of the <noun>", where the
    noun is the thing asked for ("Which defense minister did Kocharian relieve?", "at what
    projected cost?"), not the subject of a verb after it ("What did State Department spokesman
    Reeker say?")."""
    noun = rf"(?:{alternation(nouns)})"
    auxiliary = r"(?:did|does|do|was|were|is|are|has|had|have|will|would|could|can|should)\b"
    return re.compile(
        r"^\W*(?:and\s+)?(?:(?:at|for|on|in|of|to|by|with)\s+)?(?:which|what)\s+"
        rf"(?:(?!{auxiliary})[\w'’-]+\s+){{0,3}}?{noun}\b|"
        rf"\bname of (?:the |its |his |her |their )?(?:[\w'’-]+\s+){{0,3}}?{noun}\b",
        re.IGNORECASE,
    )


_WANTS_PERSON = re.compile(r"^\W*(?:who|whom|whose)\b", re.IGNORECASE)
_WANTS_PERSON_BY_ROLE = _asks_for(ROLE_NOUNS)
_WANTS_ORGANISATION = _asks_for(ORGANISATION_NOUNS)
_WANTS_SUM_BY_NAME = _asks_for(MONEY_NOUNS)  # "What final price", "at what projected cost"
_WANTS_TERM = _asks_for(TERM_NOUNS)  # "What prison sentence": a number of years
_WANTS_COUNT = re.compile(r"\bhow many\b|\bby what vote\b", re.IGNORECASE)
_WANTS_SHARE = re.compile(
    r"\bwhat (?:share|percentage|proportion|fraction)\b|\bhow much of\b|"
    r"\bhow (?:large|big) a (?:share|part|portion|proportion)\b|"
    r"^\W*(?:and\s+)?what (?:was |is |were )?(?:the )?(?:[\w'’-]+\s+){0,2}?turnout\b",
    re.IGNORECASE,
)
_WANTS_MONEY = re.compile(
    r"\bhow much (?:money|revenue|income|cash)\b|\bhow much (?:\w+\s+){0,6}?"
    r"(?:cost|costs|pay|paid|earn|earned|spend|spent|worth|owe|owed)\b|"
    r"\b(?:dollar|monetary|cash) (?:value|amount|figure)\b|\bwhat (?:price|sum)\b|"
    r"\b(?:put|place|set)s?\s+a\s+(?:value|price)\s+on\b|^\W*what\b[^?]*\bworth\b|"
    rf"\bhow (?:large|big|much|high) (?:a |an |the )?(?:[\w'’-]+\s+){{0,2}}?(?:{alternation(MONEY_NOUNS)})\b|"
    r"\bin (?:rubles|roubles|dollars|euros)\?",
    re.IGNORECASE,
)


def answer_type(text: str) -> str:
    """What kind of thing answers the question (classic QA answer typing)."""
    if _WANTS_DATE.search(text):
        return "date"
    if _WANTS_SHARE.search(text):
        return "share"
    if _WANTS_MONEY.search(text) or _WANTS_SUM_BY_NAME.search(text):
        return "money"
    if _WANTS_COUNT.search(text):
        return "count"
    if _WANTS_NUMBER.search(text) or _WANTS_TERM.search(text):
        return "number"
    if _WANTS_PERSON.search(text) or _WANTS_PERSON_BY_ROLE.search(text):
        return "person"
    if _WANTS_ORGANISATION.search(text):
        return "organisation"
    return ""
