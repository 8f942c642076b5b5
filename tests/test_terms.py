"""Words -> terms: transliterations, British and American spellings, stems, places."""

import pytest

from index.terms import PLACE_OF, acronym_terms, fold, matching_terms, terms, with_places


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Sergeev", "Sergeyev's"),
        ("defence", "defense"),
        ("Defence Ministers", "defense ministers"),
        ("characterised", "characterized"),
        ("organisation", "organization"),
        ("criticise", "criticize"),
        ("programme", "program"),
        ("centre", "center"),
        ("labour", "labor"),
        ("neighbouring", "neighboring"),
        ("manoeuvres", "maneuvers"),
    ],
)
def test_spelling_variants_are_one_term(one, other):
    assert terms(one) == terms(other)


@pytest.mark.parametrize("word", ["promise", "exercise", "four", "hour", "tour", "rise", "precise"])
def test_words_that_only_look_british_keep_their_spelling(word):
    assert fold(word) == word


def test_a_capital_or_seat_of_power_also_counts_as_its_country():
    assert PLACE_OF[terms("Kremlin")[0]] == terms("Russia")[0]
    assert terms("Russia")[0] in with_places(set(terms("Moscow said")))
    assert PLACE_OF[terms("Pentagon")[0]] == "us"
    assert PLACE_OF[terms("European")[0]] == terms("Europe")[0]  # a region's demonym too


@pytest.mark.parametrize(
    ("asked", "written"),
    [("sell", "sold"), ("withdraw", "withdrew"), ("sink", "sank"), ("meet", "met"), ("win", "won")],
)
def test_irregular_past_forms_are_their_verb(asked, written):
    assert terms(asked) == terms(written)


@pytest.mark.parametrize("word", ["said", "told", "left", "found", "bit"])
def test_speech_verbs_and_ambiguous_forms_are_not_folded_into_another_verb(word):
    assert terms(word) != terms(
        {"said": "say", "told": "tell", "left": "leave", "found": "find", "bit": "bite"}[word]
    )


@pytest.mark.parametrize(
    ("acronym", "written_out"),
    [
        ("OSCE", "The Organization for Security and Cooperation in Europe says"),
        ("CIS", "monitors from the Commonwealth of Independent States described"),
        ("NATO", "the North Atlantic Treaty Organization"),
        ("IAEA", "inspectors of the International Atomic Energy Agency"),
        ("PJC", "The NATO-Russia Permanent Joint Council (PJC) met"),  # a tail of the run
    ],
)
def test_a_body_written_out_matches_its_acronym(acronym, written_out):
    assert terms(acronym)[0] in matching_terms(written_out)
    assert terms(acronym)[0] in acronym_terms(written_out)


def test_acronyms_come_from_runs_of_capitalised_words_only():
    assert acronym_terms("the organization for security and cooperation in europe") == set()
    assert acronym_terms("Sergeev arrived") == set()  # one word spells nothing
    assert "nrpjc" not in acronym_terms("The NATO-Russia Permanent Joint Council")  # NATO apart
