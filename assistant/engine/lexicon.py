"""Every word table the engine's rules use, each once. A rule reads its words from here; a new
word list goes here, with a table-driven test beside its rule.

Three tables live in `index/terms.py` because ingest folds terms with them, and the pronouns of
persons in `index/speakers.py` (the index may not import the assistant); they are named here so
that the engine finds every table in one place.
"""

from __future__ import annotations

from index.speakers import PRONOUN_OF
from index.terms import DEMONYMS, PLACE_OF, STOPWORDS

__all__ = ["DEMONYMS", "PLACE_OF", "PRONOUN_OF", "STOPWORDS"]  # and the tables below

# -- people and their titles ---------------------------------------------------------------------
# Offices and honorifics written before a name ("Foreign Minister Igor Ivanov", "Adm. Kuroyedov"):
# never a first name, skipped when reading who a name is.
TITLES = frozenset(
    "mr mrs ms dr gen adm admiral col general field marshal minister prime deputy foreign defense "
    "defence secretary president vice spokesman spokeswoman spokesperson ambassador chairman chief "
    "commander senator sen rep governor premier state department russian american british u.s "
    "us former acting first lieutenant captain colonel head director envoy official officials "
    "counterpart prosecutor prosecutor-general attorney".split()
)
# Words of a question's capitalised run that are no part of the name ("the Secretary of State").
NAME_RUN_FILLERS = frozenset({"the", "of"})
# Written between a preposition and the name it governs ("a meeting with his Russian counterpart").
BEFORE_NAME = frozenset({"the", "his", "her"})
# Written before a surname without being a first name ("said Sergeev", "and Ivanov").
NOT_FIRST_NAMES = frozenset({"said", "told", "and", "but", "the"})
PRONOUNS = frozenset({"he", "she", "his", "her", "him"})

# -- speech -----------------------------------------------------------------------------------------
# "What did X <verb> ...?": the verbs that make X the speaker asked about, each with the forms an
# article writes it in. Every form is a speech word below (tests/engine/test_lexicon.py).
SPEAKER_VERBS = {
    "say": "say said says saying",
    "tell": "tell told tells telling",
    "warn": "warn warned warns warning",
    "announce": "announce announced announces",
    "claim": "claim claimed claims",
    "argue": "argue argued argues",
    "respond": "respond responded responds",
    "reply": "reply replied replies",
    "suggest": "suggest suggested suggests",
    "propose": "propose proposed proposes",
    "promise": "promise promised promises",
    "assure": "assure assured assures",
    "declare": "declare declared declares",
    "insist": "insist insisted insists",
    "urge": "urge urged urges",
    "threaten": "threaten threatened threatens",
    "describe": "describe described describes",
    "characterize": "characterize characterized characterizes",
    "characterise": "characterise characterised characterises",
    "offer": "offer offered offers",
    "predict": "predict predicted predicts",
}
# Verbs a question asks a speaker's reaction with ("How did X react to", "how did X defend"),
# beyond the parser's speech verbs (index/statements.py); lemmas, read on the train split's
# who-said-what questions (session 6).
QUESTION_SPEECH_LEMMAS = frozenset(
    "react respond defend justify explain assess judge view answer characterize describe "
    "think see interpret".split()
)
# Speech verbs that are mostly names in a question ("Iranian state radio", "the United States").
NOT_QUESTION_SPEECH = frozenset({"state", "states"})
# "What reason did X give": nouns whose giver is a speaker, beyond the parser's speech nouns.
QUESTION_SPEECH_NOUNS = frozenset(
    "reason explanation answer justification response message".split()
)
# Words that cite a source by its numbers ("according to Monitor Vol. 6, No. 185"): no person.
CITATION_WORDS = frozenset("vol volume issue no number page".split())
# Speech words as written (not stems: "indicator" and "informal" are not speech). Not "state" or
# "states": "the state of Kerala", "the United States" are no speech.
SPEECH_WORDS = frozenset(
    " ".join(SPEAKER_VERBS.values()).split()
    + (
        "warnings announcement stated statement statements assurance assurances note noted notes "
        "add added adds criticize criticized criticizes criticism criticise criticised proposal "
        "repeat repeated repeats remark remarks remarked quote quoted report reported reportedly "
        "reports confirm confirmed confirms deny denied denies response stress stressed stresses "
        "emphasize emphasized emphasizes indicated pledge pledged pledges vow vowed vows comment "
        "commented comments characterized call called calls explain explained explains "
        "acknowledge acknowledged admit admitted inform informed informs notify notified asserted "
        "asserts maintained contended praised accused blamed predicted recalled wrote writes"
    ).split()
)
# Quotation marks as the archive writes them (typographic, straight, and TeX-style ``).
QUOTE_MARKS = ("“", '"', "``")
OPENING_QUOTES = ('"', "“", "`")

# -- questions ----------------------------------------------------------------------------------------
# The short names a question gives a publication or wire agency that the archive writes out in
# full, or the other way round ("the AP" for "Crosswalk.com (Associated Press)", "Agence
# France-Presse" for "The Iranian (AFP)"). Each group is one publication's names.
PUBLICATION_ALIASES = (
    ("Associated Press", "AP"),
    ("Agence France-Presse", "Agence France Presse", "AFP"),
    ("Voice of America", "VOA"),
    ("Radio Free Europe/Radio Liberty", "Radio Free Europe", "Radio Liberty", "RFE/RL"),
    ("Los Angeles Times", "LA Times", "L.A. Times"),
    ("New York Times", "NYT"),
    ("Christian Science Monitor", "CSM"),
    ("Institute for War & Peace Reporting", "Institute for War and Peace Reporting", "IWPR"),
    ("Washington Post", "WaPo"),
)
QUESTION_WORDS = frozenset(
    "what which who whom whose how when where why did does do is are was were has had according "
    "and since by on in at from for with about to".split()
)
# "What kind of ...": the focus is the noun after these.
VAGUE_NOUNS = frozenset({"kind", "sort", "type", "kinds", "sorts", "types"})
# What a part of a question asks of its source without saying what about ("..., and what date
# does The Baltic Times give?", "what figure did RFE/RL's bureau give"): such a part is read with
# the part before it (engine/source_parts.py).
ASKING_OF_A_SOURCE = frozenset(
    "give gives gave put puts figure figures date dates number numbers count offer offers cite "
    "cites version account".split()
)
# Prepositions after which a name is an object, not the one speaking ("a meeting with Sergeev").
NOT_AGENT_AFTER = frozenset(
    "with to of for about against on at toward towards into before after between among like "
    "than upon under over".split()
)

# -- dates and numbers ---------------------------------------------------------------------------------
MONTHS = (
    "January February March April May June July August September October November December".split()
)
MONTH_ABBREVIATIONS = "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
YEAR = r"(?:1[89]|20)\d\d"  # a year of the archive's centuries, as a pattern
RELATIVE_TIMES = "yesterday today tomorrow tonight".split()
PERIODS = "week weekend month year spring summer autumn fall winter decade".split()
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "dozen dozens hundred hundreds thousand thousands million millions billion billions half "
    "third quarter".split()
)  # "some twenty kilometers outside Tbilisi" answers "how far" (tens added in session 11)
SMALL_NUMBERS = "one two three four five six seven eight nine ten eleven twelve".split()
CURRENCY_SIGNS = ("US$", "$", "€", "£")
CURRENCY_WORDS = "dollars rubles roubles euros pounds marks francs".split()
# -- figures that reports may give differently (engine/differ.py) ---------------------------------------
# What a number word is worth ("three hours", "a dozen ships").
NUMBER_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_VALUES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bln": 1e9,
}  # fmt: skip
# Units a figure can be converted in, by dimension: unit -> how many of the dimension's base unit
# it holds (months and years are not converted: "three months" is not "90 days" in news prose).
UNIT_VALUES = {
    "time": {"second": 1 / 60, "minute": 1, "hour": 60, "day": 1440, "week": 10080},
    "distance": {"kilometer": 1, "kilometre": 1, "km": 1, "mile": 1.609, "meter": 1e-3,
                 "metre": 1e-3},
}  # fmt: skip
# The currency a sign or word names, one spelling each ("$5 million" and "5 million dollars").
CURRENCIES = {
    "US$": "dollar", "$": "dollar", "€": "euro", "£": "pound", "dollars": "dollar",
    "dollar": "dollar", "rubles": "ruble", "roubles": "ruble", "ruble": "ruble",
    "rouble": "ruble", "euros": "euro", "euro": "euro", "pounds": "pound", "marks": "mark",
    "francs": "franc",
}  # fmt: skip
# "Which defense minister ...?", "the name of the company": nouns for people by their role, and for
# organisations, that make the question ask for a name (question.answer_type, session 11).
ROLE_NOUNS = (
    "commander commanders officer officers general generals admiral admirals ambassador "
    "ambassadors minister ministers director directors editor editors spokesman spokesmen "
    "spokeswoman spokeswomen spokesperson official officials leader leaders envoy envoys "
    "president presidents premier premiers chief chiefs head heads judge judges lawyer lawyers "
    "attorney attorneys journalist journalists reporter reporters correspondent correspondents "
    "analyst analysts governor governors mayor mayors deputy deputies diplomat diplomats "
    "negotiator negotiators successor successors candidate candidates businessman businessmen "
    "tycoon tycoons oligarch oligarchs prosecutor prosecutors investigator investigators expert "
    "experts aide aides adviser advisers advisor advisors secretary secretaries chairman chairmen "
    "captain captains pilot pilots politician politicians lawmaker lawmakers man men woman "
    "women".split()
)
ORGANISATION_NOUNS = (
    "company companies firm firms bank banks institute institutes institution institutions "
    "entity entities organization organizations organisation organisations corporation "
    "corporations enterprise enterprises plant plants factory factories shipyard "
    "shipyards".split()
)
# "What final price", "How large a fine", "at what projected cost": a sum of money is asked for.
MONEY_NOUNS = (
    "price prices sum sums fine fines rent rents fee fees salary salaries budget budgets cost "
    "costs payment payments compensation ransom tariff tariffs".split()
)
# "What prison sentence": a number of years (or months) is asked for.
TERM_NOUNS = "sentence sentences term".split()
# The kinds answered by a name the question does not give already ...
NAMED_KINDS = frozenset({"person", "organisation"})
# ... and by a number it does not give already.
QUANTITY_KINDS = frozenset({"count", "number", "money", "share"})
# What the answer-type check names when a decline says what is missing.
ANSWER_KINDS = {
    "date": "a date",
    "money": "a sum of money",
    "count": "a count",
    "share": "a share of the whole",
    "number": "a number",
    "person": "a name that answers it",
    "organisation": "the name of an organisation that answers it",
}

# Words a date entity's text carries beside its date parts ("the 1990s", "on 5 December").
DATE_FILLERS = frozenset("the of on in and a an by".split())
# The entity labels (spaCy's, index/entities.py) that answer each kind of question.
ANSWER_LABELS = {
    "date": frozenset({"DATE"}),
    "money": frozenset({"MONEY"}),
    "count": frozenset({"CARDINAL", "QUANTITY"}),
    "share": frozenset({"PERCENT"}),
    "number": frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}),
    "person": frozenset({"PERSON"}),
    "organisation": frozenset({"ORG"}),
}

# -- sentences ---------------------------------------------------------------------------------------
# A full stop after these does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen adm col lt sgt capt cmdr maj sen rep gov st jr sr prof jan feb mar apr jun "
    "jul aug sep sept oct nov dec no vol inc co corp ltd vs etc al fig approx dept est govt pres "
    "u.s u.k u.n e.g i.e a.m p.m".split()
)
# A sentence opening with these carries the one before it on ("These also include Iraq ...").
CONTINUATION_OPENERS = frozenset("these this those they such it both".split())
# A sentence opening with a demonstrative points at the one before ("This is not sufficient.").
POINTING_OPENERS = frozenset("this these those such".split())
# "that X" / "these X" points back unless X is one of these (a time, a pronoun, a function word).
NOT_POINTED_AT = frozenset(
    "the a an he she it they we i you there this that these those its his her their our some any "
    "no all such is was are were would will could can may might should must has have had does did "
    "do not if in on of to by as week weekend month year morning afternoon evening night time "
    "spring summer autumn fall winter decade century".split()
)


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words: ["Jan", "Feb"] -> "Jan|Feb"."""
    return "|".join(words)
