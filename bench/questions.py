"""A deterministic set of benchmark questions made from an archive's own paragraphs.

Names, places, topics, years and sentences are read from the paragraphs; 26 question shapes in
the five kinds of the dev set (factoid, who-said-what, multi-doc, paraphrase, unanswerable) are
filled from them in turn, so every code path of the answer (speaker attribution, number and date
questions, compound questions, declines) is exercised. The wording is ours; nothing is read from
outside the archive. Same paragraphs and seed, same questions.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"(])")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}\b")
_SPEAKER = re.compile(
    r"\b(?P<who>[A-Z][a-z]+(?: [A-Z][a-z]+)?),? (?:said|told|warned|stated|added|noted|"
    r"announced|declared|insisted|stressed|argued|claimed)\b"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-2]\d)\b")
_STARTERS = frozenset(
    "The This That These Those In On At As By For From With When While After Before Since But And "
    "Yet Thus However According Many Some Both Each Other Such It He She They We His Her Their "
    "Its Mr Mrs Ms Dr January February March April May June July August September October "
    "November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday".split()
)
# Words that make a capitalised run a title or an institution rather than a person's name.
_NOT_NAMES = frozenset(
    "Minister Prime Deputy Defense Defence Foreign Secretary President Vice Spokesman Ambassador "
    "General Chief Commander Director Head Senator Chairman State Department Council Commission "
    "Committee Rights Union States Partnership Assembly Ministry Office Agency Service Forces "
    "Force Organization Organisation Parliament Duma Security Joint Permanent Human Election "
    "Central Independent United Republic Federation Russian American British European Act "
    "Atlantic Euro-Atlantic Treaty Initiative Capabilities Press Report House Agreement".split()
)
_COMMON = frozenset(
    "about above after again against among another because before being between could during "
    "either every further having itself might never other others should since their there these "
    "those though through under until which while within without would years months weeks "
    "already likely rather whether recently including however include".split()
)
# Endings of adverbs, participles and adjectives: topics should be nouns.
_NOT_NOUN = re.compile(r"(?:ly|ed|ing|ive|al|ous|ful|ic|ible|able|ish|ary)$")
_POSSESSIVE = re.compile(r"['’]s$")
# Subjects no archive of post-Soviet politics in the 1990s mentions: the decline path.
OFF_TOPIC = (
    "the Mars rover landing",
    "cricket test match scores",
    "quantum computing start-ups",
    "the price of arabica coffee",
    "a jazz festival in Montreux",
    "smartphone battery recalls",
    "the Olympic marathon route",
    "bitcoin mining regulation",
)
KINDS = ("factoid", "who-said-what", "multi-doc", "paraphrase", "unanswerable")


class BenchQuestion(NamedTuple):
    text: str
    kind: str  # one of KINDS
    shape: int  # 1..26


@dataclass
class Facts:
    """What the paragraphs name, each list sorted so that draws are reproducible."""

    persons: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # single capitalised words seen often
    things: list[str] = field(default_factory=list)  # multi-word capitalised names
    topics: list[str] = field(default_factory=list)  # frequent long lower-case words
    years: list[str] = field(default_factory=list)
    publications: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


def sentences_of(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(" ".join(text.split())) if len(s.split()) >= 6]


def gather(paragraphs: Iterable[tuple[str, str]], max_sentences: int = 5000) -> Facts:
    """Facts from (text, publication) pairs, read in the order given."""
    names: Counter[str] = Counter()
    institutions: Counter[str] = Counter()
    said: Counter[str] = Counter()
    single: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    years: Counter[str] = Counter()
    publications: set[str] = set()
    sentences: list[str] = []
    for text, publication in paragraphs:
        publications.add(publication)
        for sentence in sentences_of(text):
            if len(sentences) < max_sentences:
                sentences.append(sentence)
            for match in _NAME.finditer(sentence):
                run = [w for w in match.group().split() if w not in _STARTERS]
                person = [w for w in run if w not in _NOT_NAMES]
                if len(person) >= 2 and len(person) == len(run):
                    names[" ".join(person)] += 1
                elif len(run) >= 2:
                    institutions[" ".join(run)] += 1
            for match in _SPEAKER.finditer(sentence):
                said[match["who"].split()[-1]] += 1
            tokens = _WORD.findall(sentence)
            for index, word in enumerate(tokens):
                word = _POSSESSIVE.sub("", word)
                before = tokens[index - 1] if index else ""
                after = tokens[index + 1] if index + 1 < len(tokens) else ""
                if word[0].isupper():
                    alone = index and not before[0].isupper() and not after[:1].isupper()
                    if alone and word not in _STARTERS and word not in _NOT_NAMES:
                        single[word] += 1
                elif len(word) >= 7 and word not in _COMMON and not _NOT_NOUN.search(word):
                    topics[word] += 1
            years.update(_YEAR.findall(sentence))

    def frequent(counter: Counter[str], least: int) -> list[str]:
        return sorted(k for k, v in counter.items() if v >= least)

    persons = frequent(names, 1)
    surnames = {n.split()[-1] for n in persons}
    # Who is quoted: a surname the archive also gives in full ("Cohen said", "William Cohen").
    speakers = [n for n in frequent(said, 1) if n in surnames]
    speakers += [n for n in persons if n.split()[-1] in speakers]
    return Facts(
        persons=persons,
        speakers=sorted(set(speakers)) or persons,
        places=[w for w in frequent(single, 2) if w not in surnames],
        things=frequent(institutions, 2) or persons,
        topics=frequent(topics, 3),
        years=frequent(years, 2) or frequent(years, 1) or ["2000"],
        publications=sorted(publications),
        sentences=sentences,
    )


def content_words(sentence: str, rng: random.Random, count: int) -> str:
    """A few lower-case content words of a sentence, re-ordered: a paraphrase's vocabulary."""
    pool = [w for w in _WORD.findall(sentence) if w.islower() and len(w) > 4 and w not in _COMMON]
    rng.shuffle(pool)
    return " ".join(pool[:count]) or "these events"


def reordered(sentence: str, rng: random.Random) -> str:
    """The sentence's words in another order, as a question."""
    tokens = [w.strip('.,;:“”"()') for w in sentence.split()]
    tokens = [w for w in tokens if w][:30]
    rng.shuffle(tokens)
    return " ".join(tokens) + "?"


Shape = Callable[[Facts, random.Random], str]


def _shapes() -> list[tuple[str, Shape]]:
    c = random.Random.choice

    def pick(field: str) -> Callable[[Facts, random.Random], str]:
        return lambda f, r: c(r, getattr(f, field))

    p, s, pl, t = pick("persons"), pick("speakers"), pick("places"), pick("topics")
    y, pub = pick("years"), pick("publications")

    def cw(f: Facts, r: random.Random, n: int = 3) -> str:
        return content_words(c(r, f.sentences), r, n)

    th = pick("things")

    def off(f: Facts, r: random.Random) -> str:
        return c(r, OFF_TOPIC)

    return [
        # factoid
        ("factoid", lambda f, r: f"Which official did {s(f, r)} meet in {pl(f, r)} in {y(f, r)}?"),
        ("factoid", lambda f, r: f"How large was the {t(f, r)} that {pl(f, r)} proposed?"),
        ("factoid", lambda f, r: f"How much money could {pl(f, r)} earn from {t(f, r)}?"),
        (
            "factoid",
            lambda f, r: (
                f"Since what event had {t(f, r)} strained ties between {pl(f, r)} and {pl(f, r)}?"
            ),
        ),
        ("factoid", lambda f, r: f"On what date did {p(f, r)} meet in {pl(f, r)}?"),
        ("factoid", lambda f, r: f"What happened to the {t(f, r)} of {pl(f, r)}?"),
        ("factoid", lambda f, r: f"By what name is the {th(f, r)} also known?"),
        (
            "factoid",
            lambda f, r: f"According to {pub(f, r)}, what was the main reason for {t(f, r)}?",
        ),
        ("factoid", lambda f, r: f"What share of the vote did {p(f, r)} win in {y(f, r)}?"),
        ("factoid", lambda f, r: f"What happened to the {th(f, r)} in {y(f, r)}?"),
        # who-said-what
        ("who-said-what", lambda f, r: f"What did {s(f, r)} say about {pl(f, r)}?"),
        ("who-said-what", lambda f, r: f"How did {s(f, r)} respond to the {t(f, r)}?"),
        ("who-said-what", lambda f, r: f"What did {s(f, r)} warn {pl(f, r)} about in {y(f, r)}?"),
        (
            "who-said-what",
            lambda f, r: f"What did {s(f, r)} tell reporters {pl(f, r)} was ready to supply?",
        ),
        (
            "who-said-what",
            lambda f, r: f"What did {s(f, r)} warn could happen to {pl(f, r)} without {t(f, r)}?",
        ),
        ("who-said-what", lambda f, r: f"What did {s(f, r)} say about the {y(f, r)} {t(f, r)}?"),
        # multi-doc
        (
            "multi-doc",
            lambda f, r: (
                f"What did {s(f, r)} tell {p(f, r)} about {t(f, r)}, and how did "
                f"{pl(f, r)} respond a few weeks later?"
            ),
        ),
        (
            "multi-doc",
            lambda f, r: (
                f"By when was the {t(f, r)} supposed to end, and on what date did "
                f"{pl(f, r)} say it would withdraw?"
            ),
        ),
        # paraphrase: the archive's ideas without its names
        ("paraphrase", lambda f, r: f"What kind of {cw(f, r)} did the two sides agree to study?"),
        ("paraphrase", lambda f, r: reordered(c(r, f.sentences), r)),
        (
            "paraphrase",
            lambda f, r: f"According to the wire, how much of the {cw(f, r, 2)} was lost?",
        ),
        (
            "paraphrase",
            lambda f, r: f"Which kinds of {cw(f, r, 2)} did the visiting chief want allies to buy?",
        ),
        ("paraphrase", lambda f, r: f"How did observers characterize the {cw(f, r, 4)}?"),
        # unanswerable
        ("unanswerable", lambda f, r: f"What did {s(f, r)} say about {off(f, r)}?"),
        (
            "unanswerable",
            lambda f, r: f"What did {s(f, r)} tell {p(f, r)} in {pl(f, r)} about {off(f, r)}?",
        ),
        (
            "unanswerable",
            lambda f, r: (
                f"What did {s(f, r)} say to {p(f, r)} about {off(f, r)} during their "
                f"{y(f, r)} meeting?"
            ),
        ),
    ]


def _round_robin(shapes: list[tuple[str, Shape]]) -> list[tuple[int, str, Shape]]:
    """(number, kind, shape) taking the kinds in turn, so a few questions already mix them."""
    numbered = [(n, kind, shape) for n, (kind, shape) in enumerate(shapes, start=1)]
    queues = [[s for s in numbered if s[1] == kind] for kind in KINDS]
    order = []
    while any(queues):
        order += [queue.pop(0) for queue in queues if queue]
    return order


SHAPES = _round_robin(_shapes())
assert len(SHAPES) == 26


def make_questions(paragraphs: Iterable[tuple[str, str]], count: int, seed: int = 0) -> list:
    """`count` questions (distinct while the archive allows), the shapes taken in turn."""
    facts = gather(paragraphs)
    if not all((facts.persons, facts.places, facts.things, facts.topics, facts.sentences)):
        raise ValueError("Expected an archive naming people, places and topics, got too little")
    rng = random.Random(seed)
    questions: list[BenchQuestion] = []
    seen: set[str] = set()
    attempts = 0
    while len(questions) < count:
        number, kind, shape = SHAPES[len(questions) % len(SHAPES)]
        text = " ".join(shape(facts, rng).split())
        attempts += 1
        if text in seen and attempts < count * 20:
            continue  # a small archive repeats itself: draw again
        seen.add(text)
        questions.append(BenchQuestion(text, kind, number))
    return questions
