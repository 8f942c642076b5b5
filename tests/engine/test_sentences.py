"""Sentence splitting of news prose."""

import pytest

from assistant.engine.sentences import sentence_entities, split_sentences


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


def test_each_sentence_gets_the_entities_that_start_in_it():
    text = "Putin met Kuchma on 5 May. They signed 12 accords. Nothing else."
    entities = [("PERSON", 0, 5), ("PERSON", 10, 16), ("DATE", 20, 25), ("CARDINAL", 39, 41)]
    assert sentence_entities(text, entities) == [
        [("PERSON", "Putin"), ("PERSON", "Kuchma"), ("DATE", "5 May")],
        [("CARDINAL", "12")],
        [],
    ]
