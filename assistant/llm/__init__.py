"""The optional LLM composer: writes the answer from the same numbered passages; its markers and
sentences are checked, and any failure falls back to the extractive answer."""
