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


def _scored(paragraph: Paragraph, index: int, text: str, score: float):
    from assistant.engine.evidence import Evidence

    return Evidence(paragraph=paragraph, index=index, text=text, score=score)


def test_sentences_join_the_answer_while_the_model_says_they_add_answer():
    """Best first; then each next sentence scoring at least ANSWER_MINIMUM and ANSWER_SHARE of the
    best, from at most ANSWER_SOURCES paragraphs, a repeated sentence once, up to the limit."""
    from assistant.engine.extractive import choose
    from assistant.engine.tuning import ANSWER_MINIMUM, ANSWER_SHARE, ANSWER_SOURCES

    assert ANSWER_SOURCES == 2  # the table below is written for two sources
    question = analyse("How many people died in the Moscow apartment bombings?")
    one, two, three = (Paragraph(f"wire--{c}", 1, "t", "Wire", None, None) for c in "abc")
    best = 0.8
    joins = max(ANSWER_MINIMUM, ANSWER_SHARE * best) + 0.01
    stays = max(ANSWER_MINIMUM, ANSWER_SHARE * best) - 0.01
    cases = [  # (evidence, limit, chosen as (article, index))
        ([(one, 0, "A.", best), (one, 1, "B.", joins)], 4, [("a", 0), ("a", 1)]),
        ([(one, 0, "A.", best), (one, 1, "B.", stays)], 4, [("a", 0)]),
        ([(one, 0, "A.", best), (two, 0, "C.", joins)], 4, [("a", 0), ("b", 0)]),
        (
            [(one, 0, "A.", best), (two, 0, "C.", joins), (three, 0, "D.", joins)],
            4,
            [("a", 0), ("b", 0)],
        ),
        (
            [(one, 0, "A.", best), (two, 0, "A.", joins), (two, 1, "E.", joins)],
            4,
            [("a", 0), ("b", 1)],
        ),
        (
            [(one, 0, "A.", best), (one, 1, "B.", joins), (one, 2, "F.", joins)],
            2,
            [("a", 0), ("a", 1)],
        ),
        ([(one, 0, "A.", 0.09)], 4, [("a", 0)]),  # the best sentence is always the candidate
    ]
    for rows, limit, expected in cases:
        evidence = [_scored(p, i, t, s) for p, i, t, s in rows]
        chosen = choose(question, evidence, limit)
        assert [(e.paragraph.article_id[-1], e.index) for e in chosen] == expected, rows


def test_a_sentence_of_the_kind_asked_joins_chosen_ones_that_hold_none():
    """ "Who represented Russia at the signing?": the sentences chosen hold no person; the best
    sentence of their paragraphs that does joins them (not one of another paragraph, and none
    when a chosen sentence already holds the kind or none is asked)."""
    from dataclasses import replace

    from assistant.engine.extractive import choose

    one, two = (Paragraph(f"wire--{c}", 1, "t", "Wire", None, None) for c in "ab")
    signing = _scored(one, 1, "The two countries signed the contract on January 3.", 0.8)
    named = replace(_scored(one, 4, "Russia was represented by Sergei Chemezov.", 0.05), typed=True)
    elsewhere = replace(_scored(two, 0, "Ilya Klebanov greeted Khatami.", 0.3), typed=True)
    cases = [  # (question, evidence, chosen as (article, index))
        (
            "Who represented Russia at the signing?",
            [signing, named, elsewhere],
            [("a", 1), ("a", 4)],
        ),
        ("Who represented Russia at the signing?", [signing, elsewhere], [("a", 1)]),
        ("Who represented Russia?", [replace(signing, typed=True), named], [("a", 1)]),
        ("Why was the contract signed?", [signing, named], [("a", 1)]),
    ]
    for text, evidence, expected in cases:
        chosen = choose(analyse(text), evidence, 4)
        assert [(e.paragraph.article_id[-1], e.index) for e in chosen] == expected, text


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


def two_reports() -> tuple:
    """ "What did Petrov say about the visa rules?" and two wire paragraphs that may answer it."""
    question = analyse("What did Petrov say about the visa rules?")
    one = Paragraph("wire--a", 2, "t", "Wire", None, None)
    other = Paragraph("wire--b", 5, "t", "Wire", None, None)
    return question, one, other


def test_a_second_statement_that_matches_nearly_as_well_joins_the_first():
    from assistant.engine.extractive import choose_statements

    question, one, other = two_reports()
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


def test_the_sentence_models_probability_lifts_one_of_two_statements_that_match_alike():
    """Two statements of Petrov's match the subject alike; the one the sentence model holds
    likelier to answer (its article's date, the publication asked for...) leads, and a far
    higher match still outweighs a small difference in probability."""
    from assistant.engine.extractive import choose_statements, statement_strength

    question, one, other = two_reports()
    evidence = [
        _said(one, 0, "Petrov called the visa rules unfair.", semantic=0.6, score=0.1),
        _said(other, 2, "Petrov said the visa rules are unfair.", semantic=0.6, score=0.7),
    ]
    strength = statement_strength(evidence)
    assert strength[id(evidence[1])] > strength[id(evidence[0])]
    assert choose_statements(question, evidence, 1)[0].paragraph.article_id == "wire--b"
    closer = [
        _said(one, 0, "Petrov called the visa rules unfair.", semantic=0.9, about=1.0, score=0.1),
        _said(other, 2, "Petrov said he was tired.", semantic=0.2, score=0.2),
    ]
    assert choose_statements(question, closer, 1)[0].paragraph.article_id == "wire--a"


def test_the_answer_shows_each_sentence_once_in_its_paragraphs_order():
    """Two parts (or a statement and its quotation) may pick the same sentence: it is shown once,
    and a paragraph's sentences stay together in their order."""
    from assistant.engine.extractive import order

    first = Paragraph("wire--a", 6, "t", "Wire", None, None)
    second = Paragraph("wire--a", 7, "t", "Wire", None, None)
    items = [
        _scored(first, 1, "The fact that he has done nothing.", 0.2),
        _scored(second, 0, "The whole situation shows it.", 0.3),
        _scored(first, 0, "The president is fully aware.", 0.4),
        _scored(second, 0, "The whole situation shows it.", 0.3),
    ]
    assert [(e.paragraph.number, e.index) for e in order(items)] == [(6, 0), (6, 1), (7, 0)]
