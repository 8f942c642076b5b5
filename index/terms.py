"""Words -> search terms: one spelling for transliteration variants (Sergeev/Sergeyev/Sergeyev's),
English stemming, stop words removed. Used by the keyword index and by questions alike."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_STEMMER = Stemmer.Stemmer("english")
STOPWORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then "
    "there these they this to was will with".split()
) | {
    "s",
    "also",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "can",
    "shall",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "how",
    "when",
    "where",
    "why",
    "did",
    "do",
    "does",
    "done",
    "about",
    "according",
    "has",
    "have",
    "had",
    "having",
    "its",
    "their",
    "his",
    "her",
    "him",
    "he",
    "she",
    "they",
    "them",
    "we",
    "you",
    "i",
    "me",
    "my",
    "our",
    "your",
    "from",
    "than",
    "any",
    "some",
    "more",
    "most",
    "other",
    "own",
    "same",
    "so",
    "too",
    "very",
    "just",
    "over",
    "up",
    "down",
    "out",
    "off",
    "again",
    "further",
    "once",
    "here",
    "there",
    "all",
    "both",
    "each",
    "few",
    "only",
    "nor",
    "not",
    "no",
    "during",
    "before",
    "after",
    "above",
    "below",
    "between",
    "into",
    "through",
    "while",
    "against",
    "because",
    "until",
    "being",
    "been",
}

# Romanisations of Russian and other names vary in a few regular ways; fold each to one form.
_FOLDS = (
    (re.compile(r"['’]s$"), ""),  # possessive
    (re.compile(r"['’]$"), ""),
    (re.compile(r"([aeiou])y([eo])v"), r"\1\2v"),  # Sergeyev -> Sergeev, Korolyov -> Korolov
    (re.compile(r"yo"), "e"),  # Fyodor -> Fedor
    (re.compile(r"^ye"), "e"),  # Yevgeny -> Evgeny, Yeltsin -> Eltsin
    (re.compile(r"(?<=[^aeiou])(?:iy|ii|yi)$"), "i"),  # Dmitriy/Dmitrii -> Dmitri
    (re.compile(r"(?<=[^aeiou])y$"), "i"),  # Dmitry -> Dmitri
    (re.compile(r"ks(?=[aeiou])"), "x"),  # Aleksandr -> Alexandr
)


# British and American spellings of one word ("defence"/"defense", "characterise"/"characterize"):
# news agencies and NATO write the one, American papers the other. Folded to the American form.
_BRITISH_WORDS = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
    "theatre": "theater",
    "metre": "meter",
    "metres": "meters",
    "kilometre": "kilometer",
    "kilometres": "kilometers",
    "litre": "liter",
    "calibre": "caliber",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "travelled": "traveled",
    "cancelled": "canceled",
    "labelled": "labeled",
    "fuelled": "fueled",
    "signalled": "signaled",
    "modelled": "modeled",
    "grey": "gray",
}
_BRITISH_OUR = re.compile(
    r"^(lab|fav|hon|neighb|behavi|rum|vig|arm|harb|col|endeav|sav|val|od|hum|flav|parl|tum|"
    r"clam|splend|savi)our"
)
_BRITISH_ISE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$")
_NOT_BRITISH_ISE = frozenset(
    "advertise advise chastise comprise compromise despise devise disguise enterprise exercise "
    "expertise franchise improvise otherwise premise promise revise supervise surmise surprise "
    "televise treatise merchandise concise precise paradise".split()
)


def _american(word: str) -> str:
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    word = _BRITISH_OUR.sub(r"\1or", word)
    match = _BRITISH_ISE.search(word)
    if match and not any(word.startswith(w[:-1]) for w in _NOT_BRITISH_ISE):
        word = word[: match.start()] + "iz" + match.group(1)
    return word


def words(text: str) -> list[str]:
    """Surface words in order, numbers without thousands separators."""
    return [w.replace(",", "") if w[0].isdigit() else w for w in _WORD.findall(text)]


def word_starts(text: str) -> list[int]:
    """Character offset of each of `words(text)`, in the same order."""
    return [m.start() for m in _WORD.finditer(text)]


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lowercase a word and fold its spelling variants (not stemmed)."""
    folded = word.lower()
    for pattern, replacement in _FOLDS:
        folded = pattern.sub(replacement, folded)
    return _american(folded)


# Irregular past forms stem to nothing like their verb ("sold"/"sell", "withdrew"/"withdraw"):
# a question asks "did Russia sell", the article says "Russia sold". Forms that are as often
# another word ("left", "found", "ground", "bound", "wound", "thought") are left alone, and so
# are verbs of speech ("said", "told"): every report has them, and questions about who said
# what are matched on the speaker, not on the verb.
_IRREGULAR_VERBS = {
    base: forms.split()
    for base, forms in (
        ("arise", "arose arisen"),
        ("become", "became"),
        ("begin", "began begun"),
        ("bite", "bitten"),  # not "bit": "a bit unexpected"
        ("blow", "blew blown"),
        ("break", "broke broken"),
        ("bring", "brought"),
        ("build", "built"),
        ("buy", "bought"),
        ("catch", "caught"),
        ("choose", "chose chosen"),
        ("come", "came"),
        ("deal", "dealt"),
        ("dig", "dug"),
        ("draw", "drew drawn"),
        ("drink", "drank drunk"),
        ("drive", "drove driven"),
        ("eat", "ate eaten"),
        ("fall", "fell fallen"),
        ("feed", "fed"),
        ("feel", "felt"),
        ("fight", "fought"),
        ("flee", "fled"),
        ("fly", "flew flown"),
        ("forbid", "forbade forbidden"),
        ("foresee", "foresaw foreseen"),
        ("forget", "forgot forgotten"),
        ("forgive", "forgave forgiven"),
        ("freeze", "froze frozen"),
        ("get", "got gotten"),
        ("give", "gave given"),
        ("go", "went gone"),
        ("grow", "grew grown"),
        ("hang", "hung"),
        ("hide", "hid hidden"),
        ("hold", "held"),
        ("keep", "kept"),
        ("know", "knew known"),
        ("lay", "laid"),
        ("lead", "led"),
        ("lend", "lent"),
        ("lose", "lost"),
        ("make", "made"),
        ("mean", "meant"),
        ("meet", "met"),
        ("overcome", "overcame"),
        ("pay", "paid"),
        ("ride", "rode ridden"),
        ("rise", "rose risen"),
        ("run", "ran"),
        ("see", "saw seen"),
        ("seek", "sought"),
        ("sell", "sold"),
        ("send", "sent"),
        ("shake", "shook shaken"),
        ("shoot", "shot"),
        ("sink", "sank sunk sunken"),
        ("sit", "sat"),
        ("sleep", "slept"),
        ("spend", "spent"),
        ("stand", "stood"),
        ("steal", "stole stolen"),
        ("strike", "struck stricken"),
        ("swear", "swore sworn"),
        ("take", "took taken"),
        ("teach", "taught"),
        ("tear", "tore torn"),
        ("throw", "threw thrown"),
        ("understand", "understood"),
        ("undertake", "undertook undertaken"),
        ("uphold", "upheld"),
        ("wear", "wore worn"),
        ("win", "won"),
        ("withdraw", "withdrew withdrawn"),
        ("withhold", "withheld"),
        ("write", "wrote written"),
    )
}
_VERB_OF = {form: base for base, forms in _IRREGULAR_VERBS.items() for form in forms}


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    folded = fold(word)
    return _STEMMER.stemWord(_VERB_OF.get(folded, folded))


def terms(text: str) -> list[str]:
    """Search terms of a text: folded, stemmed, stop words removed."""
    return _terms(words(text))


def _terms(tokens: list[str]) -> list[str]:
    return [term(w) for w in tokens if w.lower() not in STOPWORDS and fold(w) not in STOPWORDS]


# News prose names a country by its capital, seat of power or demonym ("Tehran", "the Kremlin",
# "Iranian"). For matching a question's terms against a sentence, each of these also counts as
# the country itself. (Not used for BM25, where it would blur distinct words.)
_PLACE_ALIASES = {  # country: (capital and seats of power, demonyms)
    "Iran": ("Tehran", "Iranian Iranians Persian"),
    "Russia": ("Moscow Kremlin", "Russian Russians"),
    "United States": ("Washington Pentagon U.S. US", "American Americans"),
    "Belarus": ("Minsk", "Belarusian Belarusians"),
    "Ukraine": ("Kiev Kyiv", "Ukrainian Ukrainians"),
    "China": ("Beijing", "Chinese"),
    "Iraq": ("Baghdad", "Iraqi Iraqis"),
    "Britain": ("London UK", "British Briton"),
    "France": ("Paris", "French"),
    "Germany": ("Berlin", "German Germans"),
    "Belgium": ("Brussels", "Belgian"),
    "Georgia": ("Tbilisi", "Georgian Georgians"),
    "Armenia": ("Yerevan", "Armenian Armenians"),
    "Azerbaijan": ("Baku", "Azerbaijani Azeri"),
    "Kazakhstan": ("Almaty Astana", "Kazakh"),
    "Uzbekistan": ("Tashkent", "Uzbek"),
    "Moldova": ("Chisinau", "Moldovan"),
    "Lithuania": ("Vilnius", "Lithuanian"),
    "Latvia": ("Riga", "Latvian"),
    "Estonia": ("Tallinn", "Estonian"),
    "Poland": ("Warsaw", "Polish"),
    "Chechnya": ("Grozny", "Chechen Chechens"),
    "Yugoslavia": ("Belgrade Serbia", "Yugoslav Serbian"),
    "Japan": ("Tokyo", "Japanese"),
    "India": ("Delhi", "Indian"),
    "Turkey": ("Ankara", "Turkish"),
    "Israel": ("Jerusalem", "Israeli"),
    "Syria": ("Damascus", "Syrian"),
    "Afghanistan": ("Kabul", "Afghan"),
    "Tajikistan": ("Dushanbe", "Tajik"),
    "Kyrgyzstan": ("Bishkek", "Kyrgyz"),
    "Turkmenistan": ("Ashgabat", "Turkmen"),
    "Europe": ("", "European Europeans"),
}
PLACE_OF = {
    term(alias): term(country.split()[-1]) if " " not in country else "us"
    for country, (seats, demonyms) in _PLACE_ALIASES.items()
    for alias in words(f"{seats} {demonyms}")
}
# "Russian media reported": a demonym describes something of the country; it does not speak for
# it the way "Moscow" or "the Kremlin" does.
DEMONYMS = frozenset(term(w) for _, demonyms in _PLACE_ALIASES.values() for w in words(demonyms))
# Part of every catalog's fingerprint: a change to how words become terms rebuilds the keyword
# index of existing stores (their terms were made by the old rules). Bump with any change above.
TERMS_VERSION = "4"


def with_places(found: set[str]) -> set[str]:
    """Terms plus the countries their capitals, seats of power and demonyms stand for."""
    return found | {PLACE_OF[t] for t in found if t in PLACE_OF}


# A body is written out in one article and abbreviated in another (or in the question): "the
# Organization for Security and Cooperation in Europe" is the OSCE, "the Commonwealth of
# Independent States" the CIS. The initials of a run of capitalised words (small linking words
# skipped) spell its acronym; every tail of the run counts ("the NATO-Russia Permanent Joint
# Council" is also the PJC). A word in capitals is an acronym already and stands apart.
_LINKS = frozenset("of for and in on the to".split())
ACRONYM_LETTERS = (2, 6)


def acronyms(tokens: list[str]) -> list[tuple[int, int, str]]:
    """(index of the first and of the last word, acronym in lower case) for each run of
    capitalised words in `tokens` (as `words` gives them) and each of its tails."""
    found: list[tuple[int, int, str]] = []
    run: list[int] = []  # indices of the capitalised words of the current run

    def close() -> None:
        for start in range(len(run) - 1):
            letters = "".join(tokens[i][0] for i in run[start:]).lower()
            if ACRONYM_LETTERS[0] <= len(letters) <= ACRONYM_LETTERS[1]:
                found.append((run[start], run[-1], letters))

    for index, word in enumerate(tokens):
        if word[0].isupper() and not (len(word) > 1 and word.isupper()):  # "NATO" is no word of it
            run.append(index)
        elif run and word.lower() in _LINKS and run[-1] == index - 1:
            continue
        else:
            close()
            run = []
    close()
    return found


def acronym_terms(text: str) -> set[str]:
    return _acronym_terms(words(text))


def _acronym_terms(tokens: list[str]) -> set[str]:
    return {term(letters) for _, _, letters in acronyms(tokens)}


def matching_terms(text: str) -> set[str]:
    """What a sentence or paragraph can match a question on: its terms, the countries its places
    stand for, and the acronyms of the bodies it writes out."""
    tokens = words(text)
    return with_places(set(_terms(tokens))) | _acronym_terms(tokens)
