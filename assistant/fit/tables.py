"""The training tables: the numbers the models are fitted on, written beside them (data/fit/) so
that a refit can be checked byte for byte without the archive. They hold question ids and
measurements only, never the archive's text."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DECIMALS = 6  # values are rounded once, when written; the fit reads the rounded values back


@dataclass(frozen=True)
class Table:
    """Rows of features with the columns that label them (question id first)."""

    ids: list[str]
    features: tuple[str, ...]
    rows: np.ndarray
    labels: dict[str, np.ndarray]  # column name -> one value per row

    def csv_bytes(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", *self.features, *self.labels])
        for i, identifier in enumerate(self.ids):
            values = [f"{v:.{DECIMALS}f}" for v in self.rows[i]]
            labels = [str(int(column[i])) for column in self.labels.values()]
            writer.writerow([identifier, *values, *labels])
        return out.getvalue().encode("utf-8")

    @property
    def digest(self) -> str:
        """sha256 of the table as written (uncompressed): the training-data hash."""
        return hashlib.sha256(self.csv_bytes()).hexdigest()

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", fileobj=buffer, mode="wb", mtime=0) as packed:
            packed.write(self.csv_bytes())
        path.write_bytes(buffer.getvalue())

    @classmethod
    def read(cls, path: Path, labels: tuple[str, ...]) -> Table:
        with gzip.open(path, "rt", encoding="utf-8") as text:
            lines = list(csv.reader(text))
        header, body = lines[0], lines[1:]
        features = tuple(header[1 : len(header) - len(labels)])
        if tuple(header[len(header) - len(labels) :]) != labels:
            raise ValueError(f"{path}: expected label columns {labels}, found {header}")
        width = len(features)
        rows = np.asarray([[float(v) for v in line[1 : 1 + width]] for line in body])
        return cls(
            ids=[line[0] for line in body],
            features=features,
            rows=rows.reshape(len(body), width),
            labels={
                name: np.asarray([int(line[1 + width + i]) for line in body], dtype=bool)
                for i, name in enumerate(labels)
            },
        )

    @classmethod
    def of(
        cls, ids: list[str], features: tuple[str, ...], rows: list[np.ndarray], labels: dict
    ) -> Table:
        """A table from fresh measurements, rounded as it will be written (so that fitting on it
        and on the file read back give the same model)."""
        matrix = np.vstack(rows) if rows else np.zeros((0, len(features)))
        # through the text it will be written as, so the file reads back to the same numbers
        matrix = (
            np.vectorize(lambda v: float(f"{v:.{DECIMALS}f}") + 0.0)(matrix)
            if matrix.size
            else matrix
        )
        return cls(ids, features, matrix, {k: np.asarray(v, dtype=bool) for k, v in labels.items()})
