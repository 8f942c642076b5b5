"""Words -> terms: transliterations, British and American spellings, stems, places."""

import pytest

from index.terms import PLACE_OF, fold, terms, with_places


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
