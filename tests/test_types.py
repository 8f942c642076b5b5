"""The answer types: citation labels."""

from assistant.types import citation_label
from index.types import Paragraph


def test_citation_label_names_publication_volume_issue_paragraph():
    paragraph = Paragraph("monitor-v6-i228--x", 7, "t", "Monitor", "6", "228")
    assert citation_label(paragraph) == "Monitor, Vol. 6, Issue 228, ¶7"
    dated = Paragraph("wps--y", 2, "t", "WPS", None, None, "2000-12-08")
    assert citation_label(dated) == "WPS, 2000-12-08, ¶2"
