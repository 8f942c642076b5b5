"""Whether a question is written in the archive's language: the archive is English, and a
question in another script retrieves by accident ("Что случилось с подводной лодкой Курск?" once
got a confident answer about Lukashenka)."""

from __future__ import annotations

import unicodedata

from assistant.engine.tuning import FOREIGN_SCRIPT_SHARE


def foreign_script(text: str) -> bool:
    """Most of the text's letters are not Latin (Cyrillic, Arabic, Han, ...)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    other = sum(1 for ch in letters if not unicodedata.name(ch, "").startswith("LATIN"))
    return other / len(letters) > FOREIGN_SCRIPT_SHARE
