"""One thing asked of two dated settings is read as a part per setting (real spaCy parser)."""

import pytest

from assistant.engine.setting_parts import setting_parts


@pytest.mark.parametrize(
    "question, expected",
    [
        (
            "Which judges presided over the Pasko verdicts of 1999 and December 2001?",
            (
                "Which judges presided over the Pasko verdicts of 1999?",
                "Which judges presided over the Pasko verdicts of December 2001?",
            ),
        ),
        (
            "What objections did Colonel General Ivashov voice to NATO, first over the June 1999 "
            "settlement and again before the February 2000 visit?",
            (
                "What objections did Colonel General Ivashov voice to NATO, first over the June "
                "1999 settlement?",
                "What objections did Colonel General Ivashov voice to NATO, again before the "
                "February 2000 visit?",
            ),
        ),
        (  # the parser joins the second phrase to the verb: the first "in" phrase is its pair
            "Which posts did Zavarzin hold in March 1999 and in June 1999?",
            (
                "Which posts did Zavarzin hold in March 1999?",
                "Which posts did Zavarzin hold in June 1999?",
            ),
        ),
        (
            "What did the Monitor report about the talks in March 2001 and in May 2002?",
            (
                "What did the Monitor report about the talks in March 2001?",
                "What did the Monitor report about the talks in May 2002?",
            ),
        ),
    ],
)
def test_two_dated_settings_make_two_parts(question, expected):
    assert setting_parts(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        # a span of time is one setting
        "How many Russian peacekeepers were killed while serving with KFOR between 1999 and 2002?",
        # one date; two things joined without dates
        "What did Putin and Bush agree in Moscow in May 2002?",
        "Which ships and submarines took part in the August 2000 exercise?",
    ],
)
def test_one_setting_stays_one_question(question):
    assert setting_parts(question) == (question,)
