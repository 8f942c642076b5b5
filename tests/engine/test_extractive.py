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


def _said(paragraph, index, text, *, semantic, about=0.0, attributed=True, score=None):
    from assistant.engine.evidence import Evidence

    return Evidence(
        paragraph=paragraph,
        index=index,
        text=text,
        semantic=semantic,
        about=about,
        attributed=attributed,
        score=semantic if score is None else score,
    )


def test_a_statement_is_chosen_by_its_match_with_the_subject_with_its_quotation_around_it():
    """ "What did Petrov say about the visa rules?": the statement of Petrov's that matches the
    subject best leads, the sentences of its quotation beside it come with it, and narration
    that scores higher (it repeats the question's words) does not displace it."""
    from assistant.engine.extractive import choose_statements

    question = analyse("What did Petrov say about the visa rules?")
    quoted = Paragraph("wire--a", 4, "t", "Wire", None, None)
    narration = Paragraph("wire--a", 1, "t", "Wire", None, None)
    evidence = [
        _said(narration, 0, "The visa rules were debated.", semantic=0.7, attributed=False),
        _said(quoted, 0, '"We will not accept them.', semantic=0.45),
        _said(
            quoted,
            1,
            'They are unacceptable," Petrov said of the visa rules.',
            semantic=0.6,
            about=1.0,
        ),
        _said(quoted, 3, "Petrov also said he was tired.", semantic=0.3),
    ]
    chosen = choose_statements(question, evidence, 4)
    assert [(e.paragraph.number, e.index) for e in chosen] == [(4, 1), (4, 0)]


def test_a_second_statement_that_matches_nearly_as_well_joins_the_first():
    from assistant.engine.extractive import choose_statements

    question = analyse("What did Petrov say about the visa rules?")
    one = Paragraph("wire--a", 2, "t", "Wire", None, None)
    other = Paragraph("wire--b", 5, "t", "Wire", None, None)
    evidence = [
        _said(one, 0, "Petrov called the visa rules unacceptable.", semantic=0.6, about=1.0),
        _said(other, 2, "Petrov said the visa rules break the treaty.", semantic=0.55, about=1.0),
    ]
    chosen = choose_statements(question, evidence, 4)
    assert [e.paragraph.article_id for e in chosen] == ["wire--a", "wire--b"]
    far = [evidence[0], _said(other, 2, "Petrov said he was tired.", semantic=0.2)]
    assert len(choose_statements(question, far, 4)) == 1


def test_without_any_sentence_of_the_speaker_the_usual_choice_is_made():
    from assistant.engine.extractive import choose, choose_statements

    question = analyse("What did Petrov say about the visa rules?")
    paragraph = Paragraph("wire--a", 1, "t", "Wire", None, None)
    evidence = [_said(paragraph, 0, "The visa rules were debated.", semantic=0.7, attributed=False)]
    assert choose_statements(question, evidence, 4) == choose(question, evidence, 4)
