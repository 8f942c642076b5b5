from assistant.eval.calibration import Point, threshold


def test_separated_groups_give_the_midpoint_of_the_gap():
    points = [
        Point(0.2, False, False),
        Point(0.3, False, False),
        Point(0.5, True, True),
        Point(0.7, True, True),
        Point(0.1, True, False),
    ]
    assert threshold(points) == 0.4


def test_overlapping_groups_maximise_balanced_accuracy():
    points = [
        Point(0.6, False, False),
        Point(0.2, False, False),
        Point(0.5, True, True),
        Point(0.8, True, True),
        Point(0.9, True, True),
    ]
    cut = threshold(points)
    assert 0.6 < cut < 0.8 or 0.2 < cut < 0.5


def test_no_unanswerable_questions_gives_no_threshold():
    assert threshold([Point(0.5, True, True)]) is None
