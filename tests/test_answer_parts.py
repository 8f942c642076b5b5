"""Pure functions of the answer path: fusion, markers, sentences, question analysis, follow-ups."""

import pytest
from llama_index.core.schema import NodeWithScore, TextNode

from assistant.answer_types import has_answer_type
from assistant.attribution import agent_positions, speaks, speech_positions
from assistant.citations import parse_markers, strip_invalid_markers
from assistant.followup import standalone, with_antecedent
from assistant.fusion import rrf_fuse
from assistant.question import SPEECH_WORDS, analyse, parts
from assistant.sentences import split_sentences
from assistant.types import citation_label
from index.terms import words
from index.types import Paragraph


def nodes(*ids_and_texts):
    return [NodeWithScore(node=TextNode(id_=i, text=t), score=1.0) for i, t in ids_and_texts]


def test_fusion_keeps_identical_paragraphs_from_different_issues():
    same = "Identical paragraph printed in two issues."
    fused = rrf_fuse([nodes(("a:p1", same), ("b:p1", same)), nodes(("b:p1", same))])
    assert [n.node.node_id for n in fused] == ["b:p1", "a:p1"]


def test_fusion_scores_are_reciprocal_ranks_with_k_60():
    fused = rrf_fuse([nodes(("x", "1"), ("y", "2")), nodes(("y", "2"))])
    scores = {n.node.node_id: n.score for n in fused}
    assert scores["y"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["x"] == pytest.approx(1 / 61)


@pytest.mark.parametrize(
    ("text", "markers"),
    [("A [1]. B [2] [1].", [1, 2]), ("none", []), ("[12] then [3]", [12, 3])],
)
def test_parse_markers(text, markers):
    assert parse_markers(text) == markers


@pytest.mark.parametrize(
    ("text", "valid", "cleaned", "removed"),
    [
        ("Fact [1]. Invented [7].", {1}, "Fact [1]. Invented.", [7]),
        ("Both [1, 2].", {1, 2}, "Both [1][2].", []),
        ("Forged [Monitor, Vol. 9, ¶3].", {1}, "Forged.", []),
    ],
)
def test_invalid_markers_are_removed(text, valid, cleaned, removed):
    assert strip_invalid_markers(text, valid) == (cleaned, removed)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Defense Secretary William S. Cohen said here Dec. 5. It rained.", 2),
        ("The U.S. side pressed. Moscow refused.", 2),
        ('"It is fine," he said. Next.', 2),
        ("One sentence without end", 1),
    ],
)
def test_split_sentences_knows_abbreviations_and_initials(text, count):
    assert len(split_sentences(text)) == count


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did Sergeev say about Iran?", "Sergeev"),
        ("How did Foreign Minister Igor Ivanov respond to U.S. warnings?", "Igor Ivanov"),
        (
            "What did State Department spokesman Richard Boucher warn Moscow about?",
            "Richard Boucher",
        ),
        ("What did Gerard Stoudman of the OSCE say about the election?", "Gerard Stoudman"),
        ("How large was the European rapid reaction force?", None),
        ("How did observers from the post-Soviet grouping characterize it?", None),
        ("What did opposition candidate Uladzimir Hancharyk say?", "Uladzimir Hancharyk"),
        ("What did Secretary of State Madeleine Albright tell Ivanov?", "Madeleine Albright"),
        ("What did the alliance tell Moscow?", None),
        ("How did Iranian state radio react to Moscow's decision?", None),
        # the speaker and the speech verb stand in one clause
        ("What theory had Sergeev embraced, and what did investigators say had exploded?", None),
    ],
)
def test_speaker_of_what_did_x_say_questions(question, speaker):
    found = analyse(question).speaker
    assert (found.text if found else None) == speaker


def test_compound_question_splits_into_parts():
    question = (
        "By when was the deal supposed to end sales, and on what date did Moscow tell "
        "Washington it would withdraw?"
    )
    assert len(parts(question)) == 2
    assert parts("What did Sergeev say about Iran?") == ["What did Sergeev say about Iran?"]


@pytest.mark.parametrize(
    ("question", "entities"),
    [
        ("Besides more sealift, what else did the Pentagon chief call for?", ["pentagon"]),
        ("Alongside candour, what did Washington want?", ["washington"]),
        ("What did Sergeev say about Iran?", ["sergeev", "iran"]),
    ],
)
def test_a_capitalised_first_word_is_no_name_unless_it_is_one(question, entities):
    """ "Besides" is capitalised only because it opens the question; its stem ("besid") must not
    count as a name the cited articles have to contain."""
    assert analyse(question).entities == entities


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("And about NATO enlargement?", "What did Sergeev say about NATO enlargement?"),
        (
            "What did he say about the Baltic states?",
            "What did Sergeev say about the Baltic states?",
        ),
        ("How large was the rapid reaction force?", "How large was the rapid reaction force?"),
        ("What did Cohen say about NATO?", "What did Cohen say about NATO?"),
    ],
)
def test_follow_ups_carry_the_conversation_subject(question, expected):
    assert standalone(question, ["What did Sergeev say about Iran?"]) == expected


def test_a_chain_of_follow_ups_keeps_the_person_not_the_last_name_mentioned():
    """The second question names NATO only as its subject: the third is still about Sergeev."""
    history = ["What did Sergeev say about Iran?", "What did he say about NATO enlargement?"]
    assert standalone("And about the Baltic states?", history) == (
        "What did Sergeev say about the Baltic states?"
    )
    history = ["What did Cohen say about NATO?", "And about Iran?"]
    assert standalone("What did he say about China?", history) == (
        "What did Cohen say about China?"
    )


def test_citation_label_names_publication_volume_issue_paragraph():
    paragraph = Paragraph("monitor-v6-i228--x", 7, "t", "Monitor", "6", "228")
    assert citation_label(paragraph) == "Monitor, Vol. 6, Issue 228, ¶7"
    dated = Paragraph("wps--y", 2, "t", "WPS", None, None, "2000-12-08")
    assert citation_label(dated) == "WPS, 2000-12-08, ¶2"


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("On what date did the Permanent Joint Council meet?", "date"),
        ("When was the deal signed?", "date"),
        ("How did Khatami describe the pact when he met Sergeev?", ""),  # "when": a conjunction
        ("How much money could Russia earn from arms sales to Iran?", "money"),
        ("What was the dollar value of the submarine contract?", "money"),
        ("How many votes were cast?", "count"),
        ("What share of the vote did Lukashenka win?", "share"),
        ("How much of the submarine was flooded?", "share"),
        ("What percentage of the ballots did he receive?", "share"),
        ("What part of the agreement was secret?", ""),  # a component, not a share
        ("How much did Russia earn from the deals?", "money"),
        ("What shared shield did he propose?", ""),  # "shared" is not "share"
    ],
)
def test_answer_type_of_a_question(question, wants):
    assert analyse(question).wants == wants


@pytest.mark.parametrize(
    ("sentence", "wants", "holds"),
    [
        (
            "Minsk, 10 September 2001 (RFE/RL) -- The OSCE says the vote was unfair.",
            "number",
            False,
        ),
        ("WASHINGTON, Dec. 8, 2000 - Weapons sales to Iran topped the agenda.", "number", False),
        ("The election commission said turnout was 84 percent.", "number", True),
        ("Lukashenka won 75 percent of the vote.", "count", False),
        ("Of nine compartments, the front five or six flooded.", "count", True),
        ("Russia could earn some US$7 billion from arms sales.", "money", True),
        ("Lukashenka won 75 percent of the vote.", "share", True),
        ("Of the sub's nine compartments, the front five or six flooded.", "share", True),
        ("Five of the nine compartments flooded.", "share", True),
        ("Half the crew were asleep.", "share", True),
        ("The sub hit an object weighing at least 8,000 tons.", "share", False),
        ("It may sell hundreds of tanks.", "money", False),
        ("The council met on 5 December 2000.", "date", True),
        ("It sank after the Aug. 12 accident.", "date", True),
        ("The ministers meet on Tuesday.", "date", True),
        ("Talks resumed last week.", "date", True),
        ("The talks may resume.", "date", False),  # the modal, not the month
    ],
)
def test_a_sentence_holds_the_kind_of_answer_asked_for(sentence, wants, holds):
    assert has_answer_type(sentence, wants) is holds


def test_sources_and_times_are_setting_not_what_is_asked():
    question = analyse(
        "According to the Bloomberg wire, how much of the boat flooded in August 2000?"
    )
    assert set(question.setting_terms) == {"bloomberg", "wire", "august", "2000"}


@pytest.mark.parametrize(
    ("sentence", "attributed"),
    [
        ("Sergeev said Russia would not sell offensive arms to Iran.", True),
        ("Cohen won assurances from Sergeev that Russia would not sell offensive arms.", True),
        ('"We will not sell offensive arms," said Sergeev.', True),
        ("It said opposition candidate Sergeev had 15 percent of the vote.", False),
        ("Sergeev's visit to Tehran was criticized.", False),
        (
            '"NATO could become a relic if caveats were not adhered to," Sergeev told reporters.',
            True,
        ),
        ("He met with Sergeev, who said nothing.", False),
    ],
)
def test_speech_is_attributed_to_its_speaker_only(sentence, attributed):
    question = analyse("What did Sergeev say about Iran?")
    tokens = [w.lower() for w in words(sentence)]
    speech_at = [i for i, w in enumerate(tokens) if w in SPEECH_WORDS]
    assert (
        speaks(sentence, tokens, agent_positions(tokens, question.speaker, sentence), speech_at)
        is attributed
    )


@pytest.mark.parametrize(
    ("sentence", "attributed"),
    [
        ("The Organization for Security and Cooperation in Europe says the vote was unfair.", True),
        ('"The vote was unfair," the OSCE said.', True),
        ("Lukashenka met with the Organization for Security and Cooperation in Europe.", False),
        ("The Council of Europe said the vote was unfair.", False),
    ],
)
def test_a_body_asked_about_by_its_acronym_speaks_under_its_full_name(sentence, attributed):
    question = analyse("What did the OSCE say about the Belarus election?")
    tokens = [w.lower() for w in words(sentence)]
    speech_at = [i for i, w in enumerate(tokens) if w in SPEECH_WORDS]
    agents = agent_positions(tokens, question.speaker, sentence)
    assert speaks(sentence, tokens, agents, speech_at) is attributed


def test_a_pronoun_in_a_later_part_means_the_person_of_the_first():
    question = (
        "How did Foreign Minister Ivanov defend Russia's record on weapons exports, and what did "
        "he offer countries with concerns?"
    )
    pieces = parts(question)
    assert (
        with_antecedent(pieces[1], pieces[:1]) == "what did Ivanov offer countries with concerns?"
    )


@pytest.mark.parametrize(
    ("question", "count"),
    [
        (
            "Which official joined Gore in complaining, and besides arms, in which areas did "
            "sources expect cooperation?",
            2,
        ),
        ("What did Sergeev and Cohen discuss, and when?", 1),  # "when?" alone asks nothing
    ],
)
def test_compound_questions_split_where_each_part_asks_something(question, count):
    assert len(parts(question)) == count


def test_a_date_the_question_gives_does_not_answer_when():
    question = analyse(
        "When did the ministers agree to meet again after their December 2000 session?"
    )
    assert not has_answer_type(
        "The council met on 5 December 2000.", question.wants, question.dates
    )
    assert has_answer_type("They agreed to meet again in June.", question.wants, question.dates)
    met = "The council met on Tuesday, 5 December 2000."
    assert not has_answer_type(met, question.wants, question.dates)
    narrower = analyse("On what date did the council meet in 2000?")
    assert has_answer_type(met, narrower.wants, narrower.dates)  # the day is the answer


def test_the_subject_of_speech_follows_the_speech_verb():
    assert analyse(
        "What did Sergeev tell Hoon in London about the rapid reaction force?"
    ).about_terms
    assert not analyse("What theory about the sinking did Sergeev tell reporters?").about_terms


def test_a_sentence_pointing_back_at_the_chosen_one_joins_it():
    from assistant.evidence import Evidence
    from assistant.neighbours import continuations

    paragraph = Paragraph("monitor-v7-i1--x", 1, "t", "Monitor", "7", "1")
    texts = [
        "Analysts see the move as part of a strategy to rebuild ties with various countries.",
        "These also include Iraq, Libya, Syria and Cuba.",
        "Sergeev flew home on Friday.",
    ]
    items = [Evidence(paragraph, 0, i, t, 0.5, 0.5, False, False, 0.5) for i, t in enumerate(texts)]
    assert [e.text for e in continuations([items[0]], items)] == [texts[1]]
    assert continuations([items[1]], items) == []  # "Sergeev flew home" does not point back


def sentence_evidence(paragraph: Paragraph):
    """Every sentence of a paragraph as evidence with middling scores."""
    from assistant.evidence import Evidence

    return [
        Evidence(paragraph, 0, i, t, 0.5, 0.5, False, False, 0.5)
        for i, t in enumerate(split_sentences(paragraph.text))
    ]


def test_a_paragraph_that_breaks_off_mid_sentence_is_shown_with_an_ellipsis():
    """The archive sometimes ends a paragraph mid-sentence (the rest is in the next paragraph):
    the answer marks the cut instead of presenting a fragment as a whole sentence."""
    from assistant.extractive import write

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
    from assistant.neighbours import points_back

    assert points_back(sentence) is pointing


def test_a_chosen_sentence_that_points_back_brings_the_sentence_it_points_at():
    """The antecedent is shown, marked as context: it does not count as evidence for the
    decision to answer."""
    from assistant.extractive import write
    from assistant.neighbours import antecedents

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


def test_a_sentence_with_the_kind_of_answer_asked_for_is_preferred_unless_far_weaker():
    """ "How much of the boat flooded?": a better-scoring sentence with no share would be declined
    by the answer-type check; the one that gives a share is chosen when it scores at least 0.8 of
    the best."""
    from assistant.evidence import Evidence
    from assistant.extractive import TYPED_FOLLOW_ON, choose

    question = analyse("How much of the boat flooded after the blast?")
    assert question.wants == "share"
    weight = Paragraph("jrl--x", 4, "t", "JRL", None, None)
    share = Paragraph("jrl--x", 3, "t", "JRL", None, None)

    def evidence(score: float) -> list[Evidence]:
        return [
            Evidence(weight, 0, 0, "It hit an object of 8,000 tons.", 0.5, 0.1, False, False, 0.5),
            Evidence(
                share,
                1,
                0,
                "Five of nine compartments flooded.",
                0.5,
                0.1,
                False,
                False,
                score,
                typed=True,
            ),
        ]

    close = TYPED_FOLLOW_ON * 0.5 + 0.01
    assert [e.paragraph.number for e in choose(question, evidence(close), 4)] == [3]
    far = TYPED_FOLLOW_ON * 0.5 - 0.01
    assert [e.paragraph.number for e in choose(question, evidence(far), 4)] == [4]


def test_a_quotation_with_its_own_speaker_is_not_the_next_speakers():
    """'"We have made clear ...," Boucher said. Just one day earlier, Klebanov had told Interfax,
    "..."': the first quotation is closed by its own attribution; it is not Klebanov's."""
    from assistant.evidence import Evidence, _quotes_attributed_after

    paragraph = Paragraph("rferl-v3-i46--x", 2, "t", "RFE/RL Iran Report", "3", "46")
    texts = [
        '"We have made clear there will be consequences," spokesman Richard Boucher said.',
        'Just one day earlier, Klebanov had told Interfax, "We are ready to supply Iran."',
    ]
    first, second = (
        Evidence(paragraph, 0, i, t, 0.5, 0.5, i == 1, True, 0.5) for i, t in enumerate(texts)
    )
    _quotes_attributed_after([first, second])
    assert not first.attributed


def test_the_united_states_is_not_a_speech_verb():
    assert speech_positions(words("The United States and the Secretary of State met.")) == []
    assert speech_positions(words("Cohen said the United States states its case.")) == [1, 5]


def test_the_subject_of_speech_is_a_phrase_not_a_fragment():
    question = analyse(
        "What did Hancharyk say about the results of the 2001 Belarusian presidential election?"
    )
    assert question.about_text == "the results"


def test_the_subject_of_speech_ends_with_its_part_of_the_question():
    question = analyse(
        "What did Boucher tell reporters about nuclear cooperation, and how did Sergeyev respond?"
    )
    assert question.about_text == "nuclear cooperation"
