"""Evaluation: the harness (`python -m assistant.eval`), the pinned metrics and the llama-index
baseline. The decline thresholds are fitted with the answer models (`python -m assistant.fit`)."""
