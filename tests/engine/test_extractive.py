"""The extractive composer: choosing and writing sentences."""

from assistant.engine.question import analyse
from index.types import Paragraph
from tests.engine.evidence_rows import sentence_evidence


def test_a_paragraph_that_breaks_off_mid_sentence_is_shown_with_an_ellipsis():
    """The archive sometimes ends a paragraph mid-sentence (the rest is in the next paragraph):
    the answer marks the cut instead of presenting a fragment as a whole sentence."""
    from assistant.engine.extractive import write

    text = (
        "Moscow, Aug. 21 (Bloomberg) -- All 118 crew members are dead. "
        "Divers opened the hatch, Russia's Northern Fleet commander"
    )
    items = sentence_evidence(Paragraph("jrl--x", 3, text, "JRL", None, None))
    body, citations = write(items)
    assert body == (
        "Moscow, Aug. 21 (Bloomberg) -- All 118 crew members are dead. [1] "
        "Divers opened the hatch, Russia's Northern Fleet commander … [1]"
    )
    assert citations[0].quote.endswith("Northern Fleet commander")  # the quotation stays verbatim


def test_a_sentence_with_the_kind_of_answer_asked_for_is_preferred_unless_far_weaker():
    """ "How much of the boat flooded?": a better-scoring sentence with no share would be declined
    by the answer-type check; the one that gives a share is chosen when it scores at least 0.8 of
    the best."""
    from assistant.engine.evidence import Evidence
    from assistant.engine.extractive import TYPED_FOLLOW_ON, choose

    question = analyse("How much of the boat flooded after the blast?")
    assert question.wants == "share"
    weight = Paragraph("jrl--x", 4, "t", "JRL", None, None)
    share = Paragraph("jrl--x", 3, "t", "JRL", None, None)

    def evidence(score: float) -> list[Evidence]:
        return [
            Evidence(paragraph=weight, index=0, text="It hit an object of 8,000 tons.", score=0.5),
            Evidence(
                paragraph=share,
                rank=1,
                index=0,
                text="Five of nine compartments flooded.",
                score=score,
                typed=True,
            ),
        ]

    close = TYPED_FOLLOW_ON * 0.5 + 0.01
    assert [e.paragraph.number for e in choose(question, evidence(close), 4)] == [3]
    far = TYPED_FOLLOW_ON * 0.5 - 0.01
    assert [e.paragraph.number for e in choose(question, evidence(far), 4)] == [4]
