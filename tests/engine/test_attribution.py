"""Whose words a sentence reports."""

import pytest

from assistant.engine.attribution import agent_positions, attribute, speaks, speech_positions
from assistant.engine.question import SPEECH_WORDS, analyse
from index.terms import words


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


def test_a_quotation_with_its_own_speaker_is_not_the_next_speakers():
    """'"We have made clear ...," Boucher said. Just one day earlier, Klebanov had told Interfax,
    "..."': the first quotation is closed by its own attribution; it is not Klebanov's."""
    question = analyse("What did Klebanov say about Iran?")
    texts = [
        '"We have made clear there will be consequences," spokesman Richard Boucher said.',
        'Just one day earlier, Klebanov had told Interfax, "We are ready to supply Iran."',
    ]
    first, second = attribute(texts, question.speaker)
    assert second.attributed and not first.speaks


@pytest.mark.parametrize(
    ("texts", "speaks"),
    [
        (  # attributed at the end of the next sentence
            ['"Not in accordance with standards.', 'It is not," Stoudman said.'],
            [True, True],
        ),
        (  # the quotation goes on in the next sentence
            ['"NATO may become a relic," Stoudman said.', '"It is a fundamental tenet."'],
            [True, True],
        ),
        (  # a new speaker closes the next quotation
            ['"It may be a relic," Stoudman said.', '"It is not," Boucher added.'],
            [True, False],
        ),
        (["Stoudman visited the state of Kerala."], [False]),  # "state" is no speech word
        (["He said the vote was fair.", "Stoudman arrived later."], [False, False]),
    ],
)
def test_a_quotation_beside_the_speakers_words_is_theirs(texts, speaks):
    question = analyse("What did Stoudman say about the vote?")
    assert [a.speaks for a in attribute(texts, question.speaker)] == speaks


def test_the_united_states_is_not_a_speech_verb():
    assert speech_positions(words("The United States and the Secretary of State met.")) == []
    # nor is "states" as a verb: "the state of Kerala" made visitors speak
    assert speech_positions(words("Cohen said the United States states its case.")) == [1]
