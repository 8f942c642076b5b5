"""Uploaded article files: limits on count, size and type, sanitised names, written only inside
the uploads folder (all of a batch or none of it)."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import BadInputError

ALLOWED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
RESERVED = {"manifest.jsonl"}  # would set the metadata of every file in the folder
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 120


class TooLargeError(BadInputError):
    """An upload over the size or count limit (HTTP 413)."""


@dataclass(frozen=True)
class Upload:
    name: str  # as the client sent it
    data: bytes


@dataclass(frozen=True)
class Saved:
    path: Path  # where the file was written, inside the uploads folder
    asked: str  # the safe name it was sent as; differs from path.name when that was taken

    @property
    def note(self) -> str:
        if self.path.name == self.asked:
            return self.asked
        return f"{self.asked} as {self.path.name} ({self.asked} is already a different article)"


def safe_name(raw: str) -> str:
    """The client's file name -> a plain basename of safe characters with an allowed suffix."""
    shown = repr(raw[:80])
    if "\x00" in raw:
        raise BadInputError(f"{shown}: the file name contains a NUL byte")
    plain = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()  # ü -> u
    base = re.split(r"[\\/]", plain)[-1]
    cleaned = re.sub(r"\.{2,}", ".", _UNSAFE.sub("_", base)).strip("._-")
    stem, dot, suffix = cleaned.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in ALLOWED_SUFFIXES:
        raise BadInputError(
            f"{shown}: unsupported file type {suffix or '(none)'}; "
            f"expected one of {' '.join(ALLOWED_SUFFIXES)}"
        )
    stem = stem.strip("._-")[: MAX_NAME - len(suffix)]
    if not stem:
        raise BadInputError(f"{shown}: the file name has no usable characters")
    name = stem + suffix
    if name.lower() in RESERVED:
        raise BadInputError(f"{shown}: {name} is a reserved name; rename the file")
    return name


def check_count(count: int, limit: int) -> None:
    if count == 0:
        raise BadInputError("No files were uploaded.")
    if count > limit:
        raise TooLargeError(f"Too many files: {count}; the limit is {limit} per upload.")


def check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise TooLargeError(f"{name}: too large ({size:,} bytes); the limit is {limit:,} bytes.")
    if size == 0:
        raise BadInputError(f"{name}: empty file")


def free_name(root: Path, name: str, data: bytes) -> str:
    """`name`, unless the folder holds a different file under it: then `stem-2.suffix`, ... An
    upload never replaces another article silently; the same file sent again keeps its name."""
    stem, suffix = name.rsplit(".", 1)
    for n in range(1, 1000):
        candidate = name if n == 1 else f"{stem[: MAX_NAME - len(suffix) - 6]}-{n}.{suffix}"
        target = root / candidate
        if not target.exists() or (target.is_file() and target.read_bytes() == data):
            return candidate
    raise BadInputError(f"{name}: too many uploads share this name; rename the file")


def save(uploads: list[Upload], folder: Path, max_bytes: int, max_files: int) -> list[Saved]:
    """Validate the whole batch, then write it; returns what was written (inside `folder`)."""
    check_count(len(uploads), max_files)
    named: dict[str, Upload] = {}
    for upload in uploads:
        name = safe_name(upload.name)
        check_size(name, len(upload.data), max_bytes)
        if name in named:
            raise BadInputError(f"{name}: two uploaded files have this name")
        named[name] = upload
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    written = []
    for asked, upload in named.items():
        name = free_name(root, asked, upload.data)
        target = root / name
        if target.parent != root:  # cannot happen after safe_name; checked all the same
            raise BadInputError(f"{name}: not a plain file name")
        partial = root / f".{name}.partial"
        partial.write_bytes(upload.data)
        os.replace(partial, target)
        written.append(Saved(target, asked))
    return written
