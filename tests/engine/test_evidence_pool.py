"""Which retrieved paragraphs a question part reads (engine/draft.evidence_pool)."""

from assistant.engine.draft import evidence_pool, with_whole_question
from assistant.engine.question import analyse
from assistant.engine.tuning import SPEAKER_POOL, TYPED_PARAGRAPHS
from index.types import Hit, Paragraph


def hits(*texts: tuple[str, str]) -> list[Hit]:
    return [
        Hit(Paragraph(article, number, text), 1.0 / number)
        for number, (article, text) in enumerate(texts, start=1)
    ]


def test_a_question_asking_a_count_reads_further_paragraphs_of_its_articles_that_hold_one():
    question = analyse("By what vote did parliament ratify the Gabala agreement?")
    assert question.wants == "count"
    found = hits(
        ("radio", "Parliament ratified the Gabala agreement on Tuesday."),
        ("other", "The radar station stays Russian."),
        ("radio", "The debate was heated."),
        ("third", "Some 12 deputies walked out."),  # a count, in an article not read
        ("radio", "The agreement passed with 93 votes."),  # a count, in an article read
    )
    pool = evidence_pool(question, found, 2, lambda p: any(c.isdigit() for c in p.text))
    assert [h.paragraph.number for h in pool] == [1, 2, 5]
    assert evidence_pool(question, found, 2) == found[:2]  # nothing to tell the kind by


def test_the_further_paragraphs_are_few_and_from_the_retrieved_depth():
    question = analyse("How many ships did the navy send?")
    many = hits(*[("wire", f"The navy sent {n} ships.") for n in range(1, 40)])
    pool = evidence_pool(question, many, 3, lambda p: True)
    assert len(pool) == 3 + TYPED_PARAGRAPHS
    assert all(h in many[: 3 * SPEAKER_POOL] for h in pool)
    plain = analyse("Why did the navy send ships?")  # asks no kind of answer
    assert evidence_pool(plain, many, 3, lambda p: True) == many[:3]


def test_a_part_also_reads_the_whole_questions_best_paragraphs_once_each():
    """The part's own best two, then the whole ranking's first two it lacks, then the paragraphs
    read only in part (here a speaker's)."""
    own = hits(("a", "one"), ("b", "two"), ("c", "three"))
    whole = [own[1], *hits(("d", "four"), ("e", "five"))]
    pool = own[:2] + [own[2]]  # the part's two best, and one read only near the speaker
    pool, size = with_whole_question(pool, 2, whole, 2)
    assert [h.paragraph.article_id for h in pool] == ["a", "b", "d", "c"]
    assert size == 3  # "d" is read whole; "c" still only in part
    assert with_whole_question(pool, size, whole, 0) == (pool, size)
