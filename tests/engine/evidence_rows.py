"""Evidence rows for tests of the composer and its neighbours."""

from assistant.engine.evidence import Evidence
from assistant.engine.sentences import split_sentences
from index.types import Paragraph


def sentence_evidence(paragraph: Paragraph, texts: list[str] | None = None) -> list[Evidence]:
    """Every sentence of a paragraph (or the texts given) as evidence with middling scores."""
    texts = split_sentences(paragraph.text) if texts is None else texts
    return [
        Evidence(paragraph=paragraph, index=i, text=t, semantic=0.5, lexical=0.5, score=0.5)
        for i, t in enumerate(texts)
    ]
