"""Paths on disk -> Articles: walking folders, reading manifests, identity, per-file failures."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index import formats
from index.errors import BadInputError
from index.parse import decode
from index.types import Article, content_hash

TEXT_SUFFIXES = {"", ".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST = "manifest.jsonl"


@dataclass(frozen=True)
class Failure:
    """A file (or record) that did not go in, with the reason: shown to the user as one line."""

    source: str
    reason: str

    def __str__(self) -> str:
        return (
            self.reason if self.reason.startswith(self.source) else f"{self.source}: {self.reason}"
        )


def slug(value: str) -> str:
    """Lowercase letters and digits of any script, other runs as one '-' ("RFE/RL" -> "rfe-rl",
    "Разведка" -> "разведка"): ids stay readable and distinct beyond ASCII."""
    return re.sub(r"[\W_]+", "-", value.casefold()).strip("-") or "x"


def article_id(publication: str, volume: str | None, issue: str | None, name: str) -> str:
    """Stable id from publication, volume, issue and the file's name (plus a record key)."""
    parts = [slug(publication)]
    if volume:
        parts.append(f"v{slug(volume)}")
    if issue:
        parts.append(f"i{slug(issue)}")
    return "-".join(parts) + "--" + slug(name)


def walk(paths: list[Path], max_files: int) -> Iterator[Path | Failure]:
    """Files to ingest, in a stable order, each once; folders recursively, symlink loops reported
    once. A `manifest.jsonl` is metadata for the files beside it, never an article itself."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()
    count = 0

    def listed(path: Path) -> bool:
        key = os.path.realpath(path)
        if key in seen_files:
            return True
        seen_files.add(key)
        return False

    for root in paths:
        if not root.exists() and not root.is_symlink():
            yield Failure(str(root), "no such file or folder")
            continue
        if not root.is_dir():
            if root.name == MANIFEST or listed(root):
                continue
            count += 1
            if count > max_files:
                yield Failure(str(root), f"more than {max_files} files: the rest skipped")
                return
            yield root
            continue
        for folder, dirs, files in os.walk(root, followlinks=True):
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen_dirs:
                yield Failure(folder, "symlink loop (folder already visited): skipped")
                dirs[:] = []
                continue
            seen_dirs.add((info.st_dev, info.st_ino))
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name == MANIFEST or listed(Path(folder) / name):
                    continue
                count += 1
                if count > max_files:
                    yield Failure(str(root), f"more than {max_files} files: the rest skipped")
                    return
                yield Path(folder) / name


def load_manifest(folder: Path) -> tuple[dict[str, dict], list[Failure]]:
    """`manifest.jsonl` beside the files: file name -> metadata (publication, date, title, url...)."""
    path = folder / MANIFEST
    entries: dict[str, dict] = {}
    failures: list[Failure] = []
    if not path.is_file():
        return entries, failures
    try:
        text = decode(path.read_bytes(), str(path))
    except (OSError, BadInputError) as error:
        return entries, [Failure(str(path), str(error))]
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            json.dumps(record, ensure_ascii=False).encode("utf-8")  # no lone surrogates
            entries[str(record["file"])] = record
        except (ValueError, RecursionError, KeyError, TypeError):  # ValueError: JSON, UTF-8
            failures.append(Failure(f"{path}:{number}", "expected a JSON object with a `file` key"))
    return entries, failures


def read_articles(
    path: Path, manifest: dict[str, dict], default_publication: str, max_bytes: int
) -> tuple[list[Article], list[Failure]]:
    """One file -> its articles (several for JSONL) and the problems met on the way."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return [], [Failure(name, f"unsupported file type {suffix!r}")]
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            return [], [Failure(name, f"cannot read: {kind}")]
        if info.st_size > max_bytes:
            return [], [
                Failure(name, f"too large: {_size(info.st_size)}, the limit is {_size(max_bytes)}")
            ]
        data = path.read_bytes()
    except OSError as error:
        if path.is_symlink() and not path.exists():
            return [], [Failure(name, f"cannot read: broken symlink to {os.readlink(path)}")]
        return [], [Failure(name, f"cannot read ({error.strerror or error})")]
    try:
        text = decode(data, name)
        if suffix in JSONL_SUFFIXES:
            raws, problems = formats.from_jsonl(text, name)
        elif suffix in HTML_SUFFIXES:
            raws, problems = [formats.from_html(text, name)], []
        elif suffix in MARKDOWN_SUFFIXES:
            raws, problems = [formats.from_markdown(text, name)], []
        else:
            raws, problems = [formats.from_text(text, name)], []
    except BadInputError as error:
        return [], [Failure(name, str(error))]
    failures = [Failure(name, p) for p in problems]
    extra = manifest.get(path.name, {})
    file_hash = content_hash(data.decode("utf-8", "replace"))
    articles = []
    for raw in raws:
        header = raw.header
        publication = (header.publication if header else None) or _text(extra.get("publication"))
        publication = publication or default_publication
        volume = (header.volume if header else None) or _text(extra.get("volume"))
        issue = (header.issue if header else None) or _text(extra.get("issue"))
        stem = path.stem + (f"--{raw.key}" if raw.key else "")

        def pick(key: str, raw: formats.RawArticle = raw) -> str | None:
            return _text(raw.fields.get(key)) or _text(extra.get(key))

        articles.append(
            Article(
                article_id=article_id(publication, volume, issue, stem),
                publication=publication,
                volume=volume,
                issue=issue,
                date=pick("date"),
                title=pick("title"),
                source=str(path.resolve()),
                url=pick("url"),
                texts=tuple(raw.paragraphs),
                file_hash=content_hash(
                    file_hash
                    + json.dumps(extra, sort_keys=True)
                    + raw.key
                    + "\n".join(raw.paragraphs)
                ),
            )
        )
    return articles, failures


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1e6:.1f} MB"
    return f"{size / 1e3:.1f} kB" if size >= 1_000 else f"{size} bytes"


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
