"""The sentences a chosen sentence needs beside it."""

import pytest

from index.types import Paragraph
from tests.engine.evidence_rows import sentence_evidence


def test_a_sentence_pointing_back_at_the_chosen_one_joins_it():
    from assistant.engine.neighbours import continuations

    paragraph = Paragraph("monitor-v7-i1--x", 1, "t", "Monitor", "7", "1")
    texts = [
        "Analysts see the move as part of a strategy to rebuild ties with various countries.",
        "These also include Iraq, Libya, Syria and Cuba.",
        "Sergeev flew home on Friday.",
    ]
    items = sentence_evidence(paragraph, texts)
    assert [e.text for e in continuations([items[0]], items)] == [texts[1]]
    assert continuations([items[1]], items) == []  # "Sergeev flew home" does not point back


@pytest.mark.parametrize(
    ("sentence", "pointing"),
    [
        ("Iran is on that list.", True),
        ("U.S. officials are concerned about these sales.", True),
        ("This is not sufficient.", True),
        ("It's not in accordance with democratic standards,\" Stoudman said.", True),
        ('"It is not," Stoudman said.', False),
        ('Stoudman said: "The vote was not free.', False),  # opens a quotation
        ("He said Russia would not sell offensive arms.", False),  # the citation shows who
        ("The commission said early today that preliminary results show Lukashenka won.", False),
        ("Russia adopted strict export rules and plans to adhere to those rules.", False),
        ("Among those advocating closer ties are Kvashnin and Nikolayev.", False),
        ("Sergeev arrived in Tehran this week.", False),
    ],
)
def test_a_sentence_points_back_through_a_pronoun_or_a_demonstrative(sentence, pointing):
    from assistant.engine.neighbours import points_back

    assert points_back(sentence) is pointing


def test_a_chosen_sentence_that_points_back_brings_the_sentence_it_points_at():
    """The antecedent is shown, marked as context: it does not count as evidence for the
    decision to answer."""
    from assistant.engine.extractive import write
    from assistant.engine.neighbours import antecedents

    text = (
        "In exchange, the United States pledged not to seek penalties under a 1992 law that "
        "requires sanctions against countries that sell advanced weaponry to state sponsors of "
        "terrorism. Iran is on that list."
    )
    items = sentence_evidence(Paragraph("nyt--x", 4, text, "The New York Times", None, None))
    before = antecedents([items[1]], items)
    assert [e.index for e in before] == [0] and before[0].context
    assert not items[0].context  # the paragraph's own evidence is left as it was
    assert antecedents([items[0]], items) == []
    body, _ = write([*before, items[1]])
    assert body.endswith("state sponsors of terrorism. [1] Iran is on that list. [1]")
