"""Which publications a question names as its sources, and the parts it is read in."""

import pytest

from assistant.engine.publications import sources_named
from assistant.engine.question import parts
from assistant.engine.source_parts import Part, source_parts
from index.types import Filters

PUBLICATIONS = (
    "Monitor",
    "RFE/RL",
    "RFE/RL Newsline",
    "The Baltic Times",
    "News.lt (source: balticsww.com)",
    "The Iranian (AFP)",
    "NATO",
    "Reuters",
    "Johnson's Russia List",
    "WPS (Kommersant)",
    "The Guardian",
    "Arms Control Today",
    "Crosswalk.com (Associated Press)",
    "Voice of America",
)


def named(question: str) -> list[str]:
    return [s.name for s in sources_named(question, PUBLICATIONS)]


@pytest.mark.parametrize(
    ("question", "sources"),
    [
        (
            "How far north did the Iranian side demand the ships withdraw, according to RFE/RL "
            "and according to the Jamestown Monitor?",
            ["RFE/RL", "Monitor"],  # "the Iranian side" is no source
        ),
        (
            "How did the Jamestown Monitor and Arms Control Today each value the contract?",
            ["Monitor", "Arms Control Today"],
        ),
        ("Which lawyers are named in The Guardian's report?", ["Guardian"]),
        ("What did he say, according to the Monitor (Vol. 5, No. 69)?", ["Monitor"]),
        ("What did the Monitor and The Baltic Times report?", ["Monitor", "Baltic Times"]),
        # a word of the question, not a source
        ("Since when, according to the Monitor, were Moscow and NATO at odds?", ["Monitor"]),
        ("What did Berezovsky promise about Kommersant's editorial policy?", []),
        ("What did NATO and Russian ministers agree on?", []),
        # relayed: the report carried in the list is read in the list
        (
            "According to the Reuters report carried in Johnson's Russia List, who left?",
            ["Johnson's Russia List"],
        ),
        # the short or the full name of a publication the archive writes the other way
        ("What did the AP give as the cost of the operation?", ["AP"]),
        ("Which body imposed the ban, according to VOA?", ["VOA"]),
        ("What does Agence France-Presse's dispatch say of the clash?", ["Agence France-Presse"]),
        ("What did the Associated Press say he cancelled?", ["Associated Press"]),
        # two letters are a name only in capitals
        ("What did the ap give as the cost of the operation?", []),
    ],
)
def test_the_sources_a_question_names(question, sources):
    assert named(question) == sources


def test_a_short_name_reads_the_publication_it_stands_for():
    (source,) = sources_named("What did the AP give as the cost?", PUBLICATIONS)
    assert source.publications == ("Crosswalk.com (Associated Press)",)
    (source,) = sources_named("What did Agence France-Presse report?", PUBLICATIONS)
    assert source.publications == ("The Iranian (AFP)",)


def test_a_source_names_every_publication_going_by_that_name():
    (source,) = sources_named("What did he say, according to RFE/RL?", PUBLICATIONS)
    assert source.publications == ("RFE/RL", "RFE/RL Newsline")


def test_one_question_of_two_sources_is_read_once_in_each():
    question = "How far north did the warship demand they withdraw, according to RFE/RL and The Baltic Times?"
    planned = source_parts(question, parts(question), PUBLICATIONS)
    assert [p.text for p in planned] == [question, question]
    assert [p.publications for p in planned] == [
        ("RFE/RL", "RFE/RL Newsline"),
        ("The Baltic Times",),
    ]


def test_a_part_naming_a_source_is_read_in_it_and_a_bare_one_borrows_the_part_before():
    question = (
        "On what date did Putin and Vike-Freiberga meet in Austria according to News.lt, "
        "and what date does The Baltic Times give?"
    )
    first, second = source_parts(question, parts(question), PUBLICATIONS)
    assert first.publications == ("News.lt (source: balticsww.com)",)
    assert second.publications == ("The Baltic Times",)
    assert second.text.startswith(first.text) and second.text.endswith("Baltic Times give?")
    compound = (
        "When was the rule due to take effect, and on what date did parliament abolish the "
        "language requirement for candidates according to The Baltic Times?"
    )
    first, second = source_parts(compound, parts(compound), PUBLICATIONS)
    assert first == Part(first.text) and not first.publications  # names no source
    assert second.text.startswith("on what date") and second.publications == ("The Baltic Times",)


def test_a_question_naming_one_source_is_read_in_it_and_one_naming_none_everywhere():
    question = "What did Sergeev say about Iran?"
    assert source_parts(question, parts(question), PUBLICATIONS) == [Part(question)]
    question = "What did Sergeev say about Iran, according to the Monitor?"
    assert source_parts(question, parts(question), PUBLICATIONS) == [Part(question, ("Monitor",))]


def test_a_parts_source_narrows_the_filters_and_the_users_choice_stands():
    part = Part("q", ("RFE/RL", "RFE/RL Newsline"))
    assert part.filters(Filters()).publications == ("RFE/RL", "RFE/RL Newsline")
    assert part.filters(Filters(publications=("rfe/rl",))).publications == ("RFE/RL",)
    mine = Filters(publications=("Monitor",), date_from="2000-01-01")
    assert part.filters(mine) == mine  # a source the user's filter excludes narrows nothing
    assert Part("q").filters(mine) == mine


@pytest.mark.parametrize(
    "question, speaker, source",
    [
        (
            "How many journalists did The Baltic Times report killed in the crash?",
            "Baltic Times",
            True,
        ),
        ("What level of defense spending did WPS say the budget would keep?", "WPS", True),
        ("Which trips did Reuters say Putin cancelled?", "Reuters", True),
        # NATO publishes in the archive: what it said is read in its own pages
        ("What did NATO say about the Russian peacekeepers?", "NATO", True),
        # a person; a publication not named as the source
        ("What did Putin say, according to Reuters?", "Putin", False),
        ("What did Putin tell NATO about the Russian peacekeepers?", "NATO", False),
    ],
)
def test_a_publication_named_as_the_source_is_not_a_speaker(question, speaker, source):
    """'Did The Baltic Times report' asks what the paper reported (read in it), not for the
    paper's words in others' reports."""
    from assistant.engine.publications import speaks_as_source

    assert speaks_as_source(speaker, question, PUBLICATIONS) is source
