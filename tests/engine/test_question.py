"""Question analysis: speaker, parts, names, setting, focus, answer type."""

import pytest

from assistant.engine.question import analyse, parts


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
    ("question", "wants"),
    [
        ("On what date did the Permanent Joint Council meet?", "date"),
        ("When was the deal signed?", "date"),
        ("How did Khatami describe the pact when he met Sergeev?", ""),  # "when": a conjunction
        ("When Ustinov closed the case, how many bodies had been found?", "count"),  # a setting
        ("When did Ivanov arrive, and how many ships did he see?", "date"),  # a question word
        ("How much money could Russia earn from arms sales to Iran?", "money"),
        ("What was the dollar value of the submarine contract?", "money"),
        ("How many votes were cast?", "count"),
        ("By what vote did parliament ratify the treaty?", "count"),
        ("How did the two papers put a value on the contract?", "money"),
        ("What is the deal going to be worth once the ships are refitted?", "money"),
        ("What share of the vote did Lukashenka win?", "share"),
        ("How much of the submarine was flooded?", "share"),
        ("What percentage of the ballots did he receive?", "share"),
        ("What part of the agreement was secret?", ""),  # a component, not a share
        ("How much did Russia earn from the deals?", "money"),
        ("What shared shield did he propose?", ""),  # "shared" is not "share"
        ("Who succeeded Adamov as atomic energy minister?", "person"),
        ("Whom did Putin appoint as energy minister?", "person"),
        # a role or an organisation asked for by "which" or "the name of" (session 11)
        ("Which defense minister did Kocharian relieve of his duties?", "person"),
        ("Which Chechen field commander led the fighters into the Kodori gorge?", "person"),
        ("What was the name of the Russian ambassador to Poland?", "person"),
        ("Which three Russian institutions did the administration penalize?", "organisation"),
        ("What was the name of the company Edmond Pope ran?", "organisation"),
        ("To which company did Miloslavsky sell his stake?", "organisation"),
        # sums, terms, turnouts and exact dates asked for by their nouns (session 11)
        ("What final price did India agree to pay for the tanks?", "money"),
        ("How large a fine was Babitsky ordered to pay?", "money"),
        ("What was Russia's total defense budget for 2002 in rubles?", "money"),
        ("What prison sentence did Bykov receive at his trial?", "number"),
        ("What was the voter turnout in the Moscow mayoral election?", "share"),
        ("On what exact date was Robert Hanssen arrested?", "date"),
        # the role is the subject of the verb, not what is asked
        ("What did State Department spokesman Philip Reeker say?", ""),
        ("What assurance did Warsaw's head of government give?", ""),
    ],
)
def test_answer_type_of_a_question(question, wants):
    assert analyse(question).wants == wants


def test_sources_and_times_are_setting_not_what_is_asked():
    question = analyse(
        "According to the Bloomberg wire, how much of the boat flooded in August 2000?"
    )
    assert set(question.setting_terms) == {"bloomberg", "wire", "august", "2000"}


@pytest.mark.parametrize(
    ("question", "count"),
    [
        (
            "Which official joined Gore in complaining, and besides arms, in which areas did "
            "sources expect cooperation?",
            2,
        ),
        ("What did Sergeev and Cohen discuss, and when?", 1),  # "when?" alone asks nothing
        # a preposition and its phrase before the question word (session 11)
        ("Who succeeded Adamov, and since when had he headed the Kurchatov Institute?", 2),
        ("What range did Bush announce, and by the end of which year must it be reached?", 2),
        ("Who defeated Igumnov in the election, and with what share of the vote?", 2),
        ("What did Putin and Bush sign, and what did Ivanov say?", 2),
        ("How did the sides and the mediators describe the talks?", 1),  # "and" joins names
    ],
)
def test_compound_questions_split_where_each_part_asks_something(question, count):
    assert len(parts(question)) == count


def test_the_subject_of_speech_follows_the_speech_verb():
    assert analyse(
        "What did Sergeev tell Hoon in London about the rapid reaction force?"
    ).about_terms
    assert not analyse("What theory about the sinking did Sergeev tell reporters?").about_terms


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


@pytest.mark.parametrize(
    ("question", "last", "first"),
    [
        ("What did Estonian Prime Minister Mart Laar say?", "laar", "mart"),
        ("What did Yabloko's Sergei Ivanenko say about it?", "ivanenko", "sergei"),
        ("What did Atomic Energy Minister Yevgeny Adamov say?", "adamov", "yevgeny"),
        ("What did George W. Bush say about Putin?", "bush", "george"),  # an initial skipped
        ("What did Vike-Freiberga say about Latvia?", "freiberga", None),  # one surname
        ("What did Vaira Vike-Freiberga say about Latvia?", "freiberga", "vaira"),
        ("What did Hamid-Reza Assefi say?", "assefi", "hamid-reza"),
    ],
)
def test_the_first_name_is_the_one_before_the_surname(question, last, first):
    from index.terms import fold

    speaker = analyse(question).speaker
    assert (speaker.last, speaker.first) == (last, first and fold(first))  # Yevgeny: evgeni
