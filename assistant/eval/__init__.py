"""Evaluation: the harness (`python -m assistant.eval`), the pinned metrics, the llama-index
baseline and the decline-threshold calibration."""
