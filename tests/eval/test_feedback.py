"""Thumbs-down feedback -> questions to label (assistant/eval/feedback.py and `--feedback`)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import pytest

from assistant.eval.feedback import questions_to_label
from assistant.eval.harness import load_questions
from assistant.eval.harness import main as harness_main
from tests.conftest import REPO

P7 = {
    "marker": 1,
    "paragraph_id": "monitor-v6-i228--000_monitor-6-228:p7",
    "label": "Monitor, Vol. 6, Issue 228, ¶7",
    "url": None,
}


def vote(value: str, question: str, standalone: str = "", time: str = "2026-12-03T18:00:00Z"):
    """One feedback line as the web app stores it."""
    return {
        "time": time,
        "value": value,
        "question": question,
        "standalone_question": standalone,
        "answer": "Cohen did win assurances from Sergeev [1].",
        "answered": True,
        "citations": [P7],
        "filters": {},
    }


IRAN = "What did Sergeev say about Iran?"
BALTIC = "What did Sergeev say about the Baltic states?"


@pytest.mark.parametrize(
    ("lines", "questions", "warnings"),
    [
        pytest.param([vote("down", IRAN)], [IRAN], [], id="a thumbs-down is kept"),
        pytest.param([vote("up", IRAN)], [], [], id="a thumbs-up is dropped"),
        pytest.param(
            [vote("down", "And the Baltic states?", BALTIC)],
            [BALTIC],
            [],
            id="the standalone question is preferred",
        ),
        pytest.param(
            [vote("down", IRAN), vote("up", BALTIC), vote("down", BALTIC)],
            [IRAN, BALTIC],
            [],
            id="order of first appearance",
        ),
        pytest.param(
            [vote("down", IRAN), vote("down", "what did  SERGEEV say\tabout iran?")],
            [IRAN],
            [],
            id="duplicates merged ignoring case and whitespace",
        ),
        pytest.param(
            [vote("down", "What did he say?", IRAN), vote("down", IRAN)],
            [IRAN],
            [],
            id="a follow-up and its standalone form are one question",
        ),
        pytest.param(
            ["not json", vote("down", IRAN)],
            [IRAN],
            ["feedback:1: skipped, not JSON"],
            id="a line that is not JSON is skipped",
        ),
        pytest.param(
            [json.dumps(vote("down", IRAN)).encode(), b'{"value": "down", "question": "\xff"}'],
            [IRAN],
            ["feedback:2: skipped, invalid UTF-8 at byte 31"],
            id="raw lines are decoded, bad bytes skipped",
        ),
        pytest.param(
            [{"question": IRAN}, {"value": "meh", "question": IRAN}, {"value": "down"}],
            [],
            [
                "feedback:1: skipped, expected `value` 'up' or 'down', got none",
                "feedback:2: skipped, expected `value` 'up' or 'down', got 'meh'",
                "feedback:3: skipped, expected a `question` with text",
            ],
            id="a line without value or question is skipped",
        ),
        pytest.param(
            ["[1, 2]", "", "   ", {"value": "down", "question": "  "}],
            [],
            ["feedback:1: skipped, expected a JSON object, got list", "feedback:4: skipped"],
            id="a blank line is skipped silently, a blank question is not",
        ),
    ],
)
def test_questions_to_label(lines, questions, warnings, caplog):
    with caplog.at_level(logging.WARNING, logger="assistant.eval.feedback"):
        records = questions_to_label(lines)

    assert [r["question"] for r in records] == questions
    assert [r["id"] for r in records] == [f"fb-{n:03d}" for n in range(1, len(questions) + 1)]
    logged = [record.getMessage() for record in caplog.records]
    assert len(logged) == len(warnings)
    assert all(message.startswith(w) for message, w in zip(logged, warnings, strict=True))


def test_a_record_is_in_the_harness_format_with_what_was_answered_and_cited():
    later = vote("down", IRAN.upper(), time="2026-12-04T09:30:00Z")
    declined = {**vote("down", BALTIC, time=""), "answer": "The archive does not say."}
    declined["citations"] = []

    first, second = questions_to_label([vote("down", IRAN), later, declined])

    assert first == {
        "id": "fb-001",
        "type": "unknown",
        "question": IRAN,
        "gold": [],
        "answer_keys": [],
        "notes": "thumbs down on 2026-12-03T18:00:00Z, 2026-12-04T09:30:00Z; answered: Cohen did "
        "win assurances from Sergeev [1].; cited: [1] Monitor, Vol. 6, Issue 228, ¶7",
    }
    assert second["notes"] == (
        "thumbs down on an unknown time; answered: The archive does not say.; cited: nothing"
    )


def test_python_m_assistant_eval_feedback_writes_questions_to_label(tmp_path):
    feedback, out = tmp_path / "feedback.jsonl", tmp_path / "to-label.jsonl"
    lines = [vote("down", IRAN), vote("up", BALTIC), "{broken", vote("down", IRAN.lower())]
    feedback.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )

    done = subprocess.run(
        [sys.executable, "-m", "assistant.eval", "--feedback", str(feedback), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    stderr = done.stderr.splitlines()
    assert stderr[-1] == "1 thumbs-down questions to label from 4 feedback lines"
    assert any(f"{feedback}:3: skipped, not JSON" in line for line in stderr)
    records = load_questions(out)  # the harness reads what --feedback writes
    assert [(r["id"], r["question"], r["gold"]) for r in records] == [("fb-001", IRAN, [])]


def test_feedback_writes_to_stdout_without_out(tmp_path, capsys):
    feedback = tmp_path / "feedback.jsonl"
    feedback.write_text(json.dumps(vote("down", IRAN)) + "\n", encoding="utf-8")

    assert harness_main(["--feedback", str(feedback)]) == 0

    out, err = capsys.readouterr()
    assert [json.loads(line)["question"] for line in out.splitlines()] == [IRAN]
    assert err.strip() == "1 thumbs-down questions to label from 1 feedback lines"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "give --corpus and --questions, or --archive"),
        (["--corpus", "data/sample"], "give --corpus and --questions, or --archive"),
        (["--archive", "x", "--out", "y.jsonl"], "--out goes with --feedback"),
        (["--feedback", "no-such-file.jsonl"], "no-such-file.jsonl: no such file"),
    ],
)
def test_harness_usage_errors_exit_2(argv, message, capsys):
    with pytest.raises(SystemExit) as exited:
        harness_main(argv)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err
