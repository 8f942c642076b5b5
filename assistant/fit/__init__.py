"""Fitting the answer models on the development archive's train split (`python -m assistant.fit`)."""
