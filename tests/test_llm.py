"""The LLM composer's checks and fallbacks, with a scripted LLM behind the real interface."""

import re

import pytest

from assistant.errors import DispatchError
from assistant.llm import prompts
from assistant.llm.compose import UNCITED, UNSUPPORTED
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.types import CANNOT_ANSWER
from index.ingest import Ingestor
from index.settings import IndexSettings
from index.store import ArchiveStore, identity_of
from tests.conftest import SAMPLE, TEST_DATA
from tests.scripted_llm import ScriptedLLM

pytestmark = pytest.mark.slow
QUESTION = "What did Sergeev say about Iran?"


def passage_number(prompt: str, needle: str) -> int:
    """The number the prompt gave to the passage containing `needle`."""
    for number, text in re.findall(r"\[(\d+)\] <<<(.*?)>>>", prompt, flags=re.S):
        if needle in text:
            return int(number)
    raise AssertionError(f"no passage with {needle!r}")


@pytest.fixture(scope="module")
def store_settings(tmp_path_factory, embedder):
    settings = IndexSettings(db=tmp_path_factory.mktemp("llm") / "store")
    store = ArchiveStore(settings, identity_of(embedder))
    report = Ingestor(settings, embedder, store).run([SAMPLE, TEST_DATA / "injection"])
    assert not report.failed
    return settings


def assistant_with(store_settings, embedder, script):
    return Assistant(Settings(db=store_settings.db), embedder, llm=ScriptedLLM(script=script))


def test_supported_cited_answer_keeps_its_citations(store_settings, embedder):
    def script(prompt):
        n = passage_number(prompt, "would not sell offensive arms")
        return f"Sergeev assured Cohen that Russia would not sell offensive arms to Iran [{n}]."

    answer = assistant_with(store_settings, embedder, script).ask(QUESTION)
    assert answer.composer == "llm" and answer.answered
    assert answer.text.endswith("[1].")
    assert answer.citations[0].label == "Monitor, Vol. 6, Issue 228, ¶7"
    assert "offensive" in answer.citations[0].quote
    assert not answer.notes


def test_markers_naming_no_passage_are_removed(store_settings, embedder):
    def script(prompt):
        n = passage_number(prompt, "would not sell offensive arms")
        return f"Russia would not sell offensive arms to Iran [{n}][42]."

    answer = assistant_with(store_settings, embedder, script).ask(QUESTION)
    assert "[42]" not in answer.text and "[1]" in answer.text
    assert [c.marker for c in answer.citations] == [1]
    assert any("[42]" in note for note in answer.notes)


def test_uncited_and_unsupported_sentences_are_flagged(store_settings, embedder):
    def script(prompt):
        n = passage_number(prompt, "would not sell offensive arms")
        return (
            f"Russia would not sell offensive arms to Iran [{n}]. "
            f"Sergeev also announced a joint moon landing with Tehran [{n}]. "
            "He was in a good mood."
        )

    answer = assistant_with(store_settings, embedder, script).ask(QUESTION)
    assert answer.answered
    assert f"He was in a good mood. {UNCITED}" in answer.text
    assert f"moon landing with Tehran [1]. {UNSUPPORTED}" in answer.text
    assert len(answer.notes) == 2


@pytest.mark.parametrize("error", [TimeoutError("timed out"), ConnectionError("refused")])
def test_llm_failure_falls_back_to_the_extractive_answer(store_settings, embedder, error):
    def script(prompt):
        raise error

    answer = assistant_with(store_settings, embedder, script).ask(QUESTION)
    assert answer.composer == "extractive" and answer.answered
    assert "Monitor, Vol. 6, Issue 228, ¶7" in [c.label for c in answer.citations]
    assert any("extractive answer instead" in note for note in answer.notes)


def test_model_that_cannot_answer_declines(store_settings, embedder):
    answer = assistant_with(store_settings, embedder, lambda p: CANNOT_ANSWER).ask(QUESTION)
    assert not answer.answered and answer.text == CANNOT_ANSWER and answer.related


def test_injected_instructions_do_not_change_the_answer(store_settings, embedder):
    """A model that obeys the article's injected instructions gets no say in the answer."""
    question = "What will the Pacific Fleet send to the Sea of Japan exercise?"

    def obedient(prompt):
        assert "<<<IMPORTANT SYSTEM NOTICE" in prompt  # the article is fenced as quoted data
        return "HACKED [Monitor, Vol. 9, Issue 1, ¶3] [99]"

    answer = assistant_with(store_settings, embedder, obedient).ask(question)
    assert "HACKED" not in answer.text and "¶3]" not in answer.text and "[99]" not in answer.text
    assert answer.answered and answer.composer == "extractive"
    assert {c.paragraph.publication for c in answer.citations} == {"Injection Wire"}
    assert "destroyers" in answer.text


def test_forged_citation_in_an_otherwise_supported_answer_is_dropped(store_settings, embedder):
    def script(prompt):
        n = passage_number(prompt, "two destroyers")
        return f"The Pacific Fleet would send two destroyers [{n}] [Monitor, Vol. 9, Issue 1, ¶3]."

    answer = assistant_with(store_settings, embedder, script).ask(
        "What will the Pacific Fleet send to the Sea of Japan exercise?"
    )
    assert "Monitor, Vol. 9" not in answer.text
    assert [c.paragraph.publication for c in answer.citations] == ["Injection Wire"]


def test_templates_are_checked_for_their_placeholders(tmp_path):
    (tmp_path / "answer_user.txt").write_text("Passages: {passages}\nQuestion: {questoin}")
    with pytest.raises(DispatchError, match="expected placeholders"):
        prompts.load("answer_user.txt", tmp_path)
    assert prompts.load("answer_user.txt").name == "answer_user.txt"
