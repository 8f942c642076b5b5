"""Filter values from forms and JSON -> Filters, or a message naming the wrong value."""

from __future__ import annotations

import pytest

from assistant.errors import QuestionError
from assistant.web.filters import filters_from, sources_count
from index.types import Filters


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, Filters()),
        ({"publications": ["Monitor", " ", ""]}, Filters(publications=("Monitor",))),
        ({"publications": "NATO"}, Filters(publications=("NATO",))),
        ({"issue_min": 200.0, "issue_max": 230}, Filters(issue_min=200, issue_max=230)),
        (
            {"date_from": " 2000-12 ", "date_to": "2001"},
            Filters(date_from="2000-12", date_to="2001"),
        ),
        ({"volume_min": 6}, Filters(volume_min=6)),
        ({"issue_min": 0, "issue_max": 0}, Filters()),  # 0 is no bound
        ({"issue_min": "", "issue_max": " "}, Filters()),  # nor is a blank box
        ({"issue_min": "200", "issue_max": "230"}, Filters(issue_min=200, issue_max=230)),
    ],
)
def test_filters_from_form_values(kwargs, expected):
    assert filters_from(**kwargs) == expected


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"issue_min": 5, "issue_max": 2}, "lowest issue (5) to be at most 2"),
        ({"issue_min": -1}, "whole number"),
        ({"issue_max": 2.5}, "whole number"),
        ({"issue_max": float("nan")}, "whole number"),
        ({"issue_max": 10**309}, "whole number from 0 to 1,000,000,000"),
        ({"volume_min": 10**5000}, "too long to show"),
        ({"issue_min": 10**9 + 1}, "whole number"),
        ({"issue_max": "twelve"}, "whole number"),
        ({"date_from": "06/12/2000"}, "start date as YYYY-MM-DD"),
        ({"date_to": "2000-13-01"}, "end date"),
        ({"date_from": "2001-01-01", "date_to": "2000-01-01"}, "on or before"),
    ],
)
def test_bad_filter_values_are_named(kwargs, problem):
    with pytest.raises(QuestionError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        filters_from(**kwargs)


def test_sources_count():
    assert sources_count(None, 5) == 5
    assert sources_count(3.0, 5) == 3
    with pytest.raises(QuestionError):
        sources_count(0, 5)
    with pytest.raises(QuestionError):
        sources_count(21, 5)
