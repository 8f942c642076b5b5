"""Of the paragraphs brought only because they name the speaker or hold their statements, only
the sentences near the speaker are read (each sentence read is embedded)."""

from assistant.engine.attribution import Attribution
from assistant.engine.evidence import near_the_speaker
from index.types import Paragraph

TOP = Paragraph(article_id="wire-a", number=1, text="")
BROUGHT = Paragraph(article_id="wire-b", number=4, text="")
NAMED, SAYS, NOBODY = Attribution(mentioned=True), Attribution(attributed=True), Attribution()


def rows(paragraph: Paragraph, count: int) -> list:
    return [(0, paragraph, i, f"sentence {i}") for i in range(count)]


def test_a_retrieved_paragraph_is_read_whole_and_a_brought_one_near_the_speaker():
    found = rows(TOP, 3) + rows(BROUGHT, 6)
    speakers = [NOBODY] * 3 + [NOBODY, NOBODY, SAYS, NOBODY, NOBODY, NAMED]
    keep = near_the_speaker(found, speakers, frozenset({BROUGHT.id}))
    assert keep == [True, True, True, False, True, True, True, True, True]


def test_nothing_of_the_speaker_in_a_brought_paragraph_reads_none_of_it():
    found = rows(BROUGHT, 3) + rows(TOP, 2)
    speakers = [NOBODY, NOBODY, NOBODY, NAMED, NAMED]  # the next paragraph's names do not count
    assert near_the_speaker(found, speakers, frozenset({BROUGHT.id})) == [False] * 3 + [True] * 2


def test_without_focused_paragraphs_every_sentence_is_read():
    found = rows(TOP, 2) + rows(BROUGHT, 2)
    assert near_the_speaker(found, [NOBODY] * 4, frozenset()) == [True] * 4
