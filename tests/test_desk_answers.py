"""What the analyst's desk asks of the assistant itself: filters that filter only when set and are
named in a decline, unknown publications refused, questions in another language, citations that
carry the article's address, and what the archive holds."""

from __future__ import annotations

import pytest

from assistant.errors import QuestionError
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web.holdings import example_questions, holdings_markdown
from index.types import Filters

pytestmark = pytest.mark.slow
KURSK = "How many crew died on the Kursk?"


@pytest.fixture(scope="module")
def assistant(sample_settings, embedder, sentence_embedder):
    return Assistant(Settings(db=sample_settings.db), embedder, sentence_embedder=sentence_embedder)


def test_zero_bounds_are_no_filter(assistant):
    unfiltered = assistant.ask(KURSK)
    zeros = assistant.ask(KURSK, Filters(issue_min=0, issue_max=0, volume_min=0, volume_max=0))
    assert unfiltered.answered and zeros.answered
    assert zeros.text == unfiltered.text and zeros.scope == ""


def test_a_decline_under_filters_names_them(assistant):
    answer = assistant.ask(KURSK, Filters(publications=("NATO",)))
    assert not answer.answered
    assert answer.scope == "in NATO"
    assert "Only passages in NATO were searched; clear the filters" in " ".join(answer.notes)


def test_an_unknown_publication_is_refused_with_the_known_ones(assistant):
    with pytest.raises(
        QuestionError, match="unknown publication 'Pravda'; the archive holds: .*Monitor"
    ):
        assistant.ask(KURSK, Filters(publications=("Pravda",)))
    assert assistant.ask(KURSK, Filters(publications=("monitor",))).scope == "in monitor"


@pytest.mark.parametrize(
    "question",
    [
        "Что случилось с подводной лодкой Курск?",
        "ما الذي قاله سيرغييف عن إيران؟",
        "库尔斯克号发生了什么？",
    ],
)
def test_a_question_in_another_language_gets_a_note_not_a_confident_answer(assistant, question):
    answer = assistant.ask(question)
    assert not answer.answered
    assert answer.notes[0] == "The archive is in English: please ask in English."


def test_citations_carry_the_articles_address_title_and_date(assistant):
    answer = assistant.ask(KURSK)
    cited = [c.paragraph for c in answer.citations]
    assert any(p.url and p.url.startswith("http") and p.title and p.date for p in cited), cited


def test_the_empty_chat_says_what_the_archive_holds_with_examples_from_it(assistant):
    text = holdings_markdown(assistant.catalog)
    assert "12 articles (58 paragraphs) from 10 publications" in text
    assert "dated 2000-08-21 to 2001-09-10" in text
    examples = example_questions(assistant.catalog)
    assert len(examples) == 4 and len({e.split(" report")[0] for e in examples}) == 4
    assert all("Vol." not in e for e in examples)
