"""Question -> cited answer over the archive index."""
