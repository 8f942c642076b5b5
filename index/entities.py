"""The named entities of a parsed paragraph (spaCy's entity tagger, read in the same pass as the
statements): persons, bodies, places, dates, counts, sums and shares, as character spans. The
engine types answers by them ("when" wants a DATE, "how much money" a MONEY)."""

from __future__ import annotations

from typing import NamedTuple

# The labels kept (OntoNotes, as en_core_web_sm tags them); EVENT, LAW, LANGUAGE, PRODUCT,
# WORK_OF_ART, FAC and LOC are left out: no question kind asks for them.
ENTITY_LABELS = frozenset(
    "PERSON ORG GPE NORP DATE TIME CARDINAL MONEY PERCENT QUANTITY ORDINAL".split()
)


class Entity(NamedTuple):
    """One entity: its label and its character span in the paragraph."""

    label: str
    start: int
    end: int


def entities_of(doc) -> list[Entity]:
    """The kept entities of a parsed paragraph, in order."""
    return [
        Entity(ent.label_, ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ in ENTITY_LABELS
    ]
