"""Whose words a sentence reports: the person named (not a namesake), standing as the agent of a
speech word ("Sergeev said", '"...," said Sergeev', "assurances from Sergeev"), not merely
mentioned ("Sergeev's visit", "a meeting with Sergeev")."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.engine.lexicon import (
    BEFORE_NAME,
    NOT_AGENT_AFTER,
    NOT_FIRST_NAMES,
    OPENING_QUOTES,
    PRONOUNS,
    QUOTE_MARKS,
    SPEECH_WORDS,
    TITLES,
)
from assistant.engine.question import Name
from assistant.engine.tuning import (
    PRONOUN_OPENER,
    PRONOUN_SPEECH_REACH,
    SPEECH_AFTER_NAME,
    SPEECH_BEFORE_NAME,
    TITLES_BEFORE_NAME,
    TITLES_REACH,
)
from index.terms import (
    ACRONYM_LETTERS,
    DEMONYMS,
    PLACE_OF,
    acronyms,
    fold,
    term,
    word_starts,
    words,
)

_COUNTRIES = frozenset(PLACE_OF.values())


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
        return True if spelled_out(tokens, name) else None
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
            before = {fold(w) for w in tokens[max(0, i - TITLES_REACH) : i]}
            if name.titles <= before | {"u", "s", "us"} or len(name.titles & before) >= 2:
                return True
    return False


_NOT_FIRST_NAMES = frozenset(fold(w) for w in TITLES | NOT_FIRST_NAMES)


def agent_positions(tokens: list[str], name: Name, sentence: str = "") -> list[int]:
    """Where the person's surname stands as a possible agent: not possessive ("Sergeev's
    visit") and not the object of a preposition ("a meeting with Sergeev, he praised...");
    "assurances from Sergeev" and "a statement by Sergeev" keep the agent. With the sentence
    given, a preposition that ends a quotation ('"...adhered to," Cohen told reporters') does
    not govern the name after it."""
    starts = word_starts(sentence) if sentence else []
    named = [
        i
        for i, w in enumerate(tokens)
        if _same_entity(w, name)
        and not w.endswith(("'s", "’s"))
        and not _object_of_preposition(tokens, i, name, sentence, starts)
    ]
    surface = words(sentence) if sentence else tokens  # capitals show where a body is named
    written_out = [  # "the Organization for ... in Europe says" for the OSCE: the run's last word
        last
        for first, last in spelled_out(surface, name)
        if not tokens[last].endswith(("'s", "’s"))
        and not _object_of_preposition(tokens, first, name, sentence, starts)
    ]
    return sorted(named + written_out)


def is_acronym(name: Name) -> bool:
    low, high = ACRONYM_LETTERS
    return " " not in name.text and name.text.isupper() and low <= len(name.text) <= high


def spelled_out(tokens: list[str], name: Name) -> list[tuple[int, int]]:
    """Where a body asked about by its acronym ("the OSCE") is written out in full: (first,
    last) word of each run whose initials spell it."""
    if not is_acronym(name):
        return []
    return [(first, last) for first, last, letters in acronyms(tokens) if letters == name.last]


def mentions(text: str, name: Name) -> bool:
    """The text names the person by surname, or the body by its acronym or written out."""
    tokens = words(text)
    return any(fold(w) == name.last for w in tokens) or bool(spelled_out(tokens, name))


def _same_entity(word: str, name: Name) -> bool:
    """The word names the person, or the same country (Moscow, the Kremlin and Russia; not the
    demonym: "Russian media" do not speak for Moscow)."""
    if fold(word) == name.last:
        return True
    place = _place(term(name.last))
    return place is not None and term(word) not in DEMONYMS and _place(term(word)) == place


def _place(stem: str) -> str | None:
    return PLACE_OF.get(stem, stem if stem in _COUNTRIES else None)


_TITLE_WORDS = TITLES | BEFORE_NAME


def _object_of_preposition(
    tokens: list[str], index: int, name: Name, sentence: str = "", starts: list[int] | None = None
) -> bool:
    """A preposition stands before the name, possibly across its first name and titles, with no
    quotation mark or comma between them."""
    j = index - 1
    while j >= max(0, index - TITLES_BEFORE_NAME) and (
        tokens[j] in _TITLE_WORDS or fold(tokens[j]) == name.first
    ):
        j -= 1
    if j < 0 or tokens[j] not in NOT_AGENT_AFTER:
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
        0 < s - a <= SPEECH_AFTER_NAME
        or (-SPEECH_BEFORE_NAME <= s - a < 0 and speech_names(sentence, tokens, s, a))
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


def quoted(sentence: str) -> bool:
    return sum(sentence.count(q) for q in QUOTE_MARKS) >= 2


def speech_positions(surface: list[str]) -> list[int]:
    """Where speech words stand, as written: "States" in "the United States" and "State" in
    "Secretary of State" are names, not the verb."""
    return [i for i, w in enumerate(surface) if w in SPEECH_WORDS]


def reports_speech(sentence: str) -> bool:
    return bool(speech_positions(words(sentence)))


def opens_quote(sentence: str) -> bool:
    return sentence.lstrip().startswith(OPENING_QUOTES)


@dataclass(frozen=True)
class Attribution:
    """Whether one sentence names the person asked about, and whether it reports their words:
    `attributed` in itself, or `carried` by the quotation beside it."""

    mentioned: bool = False
    attributed: bool = False
    carried: bool = False

    @property
    def speaks(self) -> bool:
        return self.attributed or self.carried


def attribute(
    sentences: list[str], speaker: Name, article_first_names: set[str] | None = None
) -> list[Attribution]:
    """Whose words the sentences of one paragraph report, in order. The person speaks in a
    sentence that names them as the agent of a speech word (not "Sergeev's visit"), in a quotation
    with them as agent, or through a pronoun opening the sentence right after one that named
    them; a quotation beside theirs is theirs too ('"Not in accordance with standards. It is
    not," Stoudman said.'; '"...," Cohen said. "It is a fundamental tenet of ..."')."""
    found = []
    previous_named = False
    for sentence in sentences:
        surface = words(sentence)
        tokens = [w.lower() for w in surface]
        speech_at = speech_positions(surface)
        named = names_person(sentence, speaker, article_first_names)
        mentioned = bool(named)
        agent_at = agent_positions(tokens, speaker, sentence) if mentioned else []
        near = speaks(sentence, tokens, agent_at, speech_at)
        pronoun_at = [i for i, w in enumerate(tokens[:PRONOUN_OPENER]) if w in PRONOUNS]
        by_pronoun = (
            named is None
            and previous_named
            and any(-1 <= s - p <= PRONOUN_SPEECH_REACH for p in pronoun_at for s in speech_at)
        )
        attributed = near or by_pronoun or (bool(agent_at) and quoted(sentence))
        previous_named = mentioned or (previous_named and named is None)
        found.append(Attribution(mentioned, attributed))
    return _carried_by_quotations(sentences, found)


def _carried_by_quotations(sentences: list[str], found: list[Attribution]) -> list[Attribution]:
    for i in range(len(found) - 1):
        earlier, later = found[i], found[i + 1]
        if (
            opens_quote(sentences[i])
            and not reports_speech(sentences[i])  # its own "X said" closes it
            and later.speaks
            and not earlier.speaks
        ):
            found[i] = Attribution(earlier.mentioned, earlier.attributed, carried=True)
        elif (
            opens_quote(sentences[i + 1])
            and opens_quote(sentences[i])
            and earlier.speaks
            and not later.speaks
            and not reports_speech(sentences[i + 1])  # '"...," Boucher added.' is Boucher's
        ):
            found[i + 1] = Attribution(later.mentioned, later.attributed, carried=True)
    return found
