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


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lowercase a word and fold its spelling variants (not stemmed)."""
    folded = word.lower()
    for pattern, replacement in _FOLDS:
        folded = pattern.sub(replacement, folded)
    return _american(folded)


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    return _STEMMER.stemWord(fold(word))


def terms(text: str) -> list[str]:
    """Search terms of a text: folded, stemmed, stop words removed."""
    return [term(w) for w in words(text) if w.lower() not in STOPWORDS and fold(w) not in STOPWORDS]


# News prose names a country by its capital, seat of power or demonym ("Tehran", "the Kremlin",
# "Iranian"). For matching a question's terms against a sentence, each of these also counts as
# the country itself. (Not used for BM25, where it would blur distinct words.)
_PLACE_ALIASES = {
    "Iran": "Tehran Iranian Iranians Persian",
    "Russia": "Moscow Kremlin Russian Russians",
    "United States": "Washington Pentagon American Americans U.S. US",
    "Belarus": "Minsk Belarusian Belarusians",
    "Ukraine": "Kiev Kyiv Ukrainian Ukrainians",
    "China": "Beijing Chinese",
    "Iraq": "Baghdad Iraqi Iraqis",
    "Britain": "London British UK Briton",
    "France": "Paris French",
    "Germany": "Berlin German Germans",
    "Belgium": "Brussels Belgian",
    "Georgia": "Tbilisi Georgian Georgians",
    "Armenia": "Yerevan Armenian Armenians",
    "Azerbaijan": "Baku Azerbaijani Azeri",
    "Kazakhstan": "Almaty Astana Kazakh",
    "Uzbekistan": "Tashkent Uzbek",
    "Moldova": "Chisinau Moldovan",
    "Lithuania": "Vilnius Lithuanian",
    "Latvia": "Riga Latvian",
    "Estonia": "Tallinn Estonian",
    "Poland": "Warsaw Polish",
    "Chechnya": "Grozny Chechen Chechens",
    "Yugoslavia": "Belgrade Yugoslav Serbian Serbia",
    "Japan": "Tokyo Japanese",
    "India": "Delhi Indian",
    "Turkey": "Ankara Turkish",
    "Israel": "Jerusalem Israeli",
    "Syria": "Damascus Syrian",
    "Afghanistan": "Kabul Afghan",
    "Tajikistan": "Dushanbe Tajik",
    "Kyrgyzstan": "Bishkek Kyrgyz",
    "Turkmenistan": "Ashgabat Turkmen",
}
PLACE_OF = {
    term(alias): term(country.split()[-1]) if " " not in country else "us"
    for country, aliases in _PLACE_ALIASES.items()
    for alias in words(aliases)
}
# Part of every catalog's fingerprint: a change to how words become terms rebuilds the keyword
# index of existing stores (their terms were made by the old rules). Bump with any change above.
TERMS_VERSION = "2"


def with_places(found: set[str]) -> set[str]:
    """Terms plus the countries their capitals, seats of power and demonyms stand for."""
    return found | {PLACE_OF[t] for t in found if t in PLACE_OF}
