"""ONNX Runtime embedding backend with int8 weights, built offline from the packaged model.

The first use exports the model's transformer with torch.onnx, quantizes its weights to int8
(dynamic quantization, per-channel, MatMul with constant weights only: the default per-tensor
recipe drifts to cosine ~0.945 against torch, this one keeps ~0.993) and caches the file under
`~/.cache/dispatch-desk/onnx/<model>-<hash>/model-int8.onnx` (root overridable with the
DISPATCH_ONNX_CACHE environment variable). Pooling (mean over the attention mask) and
normalisation run in numpy, exactly as sentence-transformers does for all-MiniLM-L6-v2 and
all-mpnet-base-v2.

Build the cache at install time with `python -m index.onnx_backend build`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import re
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from index.embedder import TokenWindows, resolve_model_path
from index.errors import DispatchError

CACHE_ENV = "DISPATCH_ONNX_CACHE"
FILE_NAME = "model-int8.onnx"
# Part of the cache key: change it whenever the export or quantization recipe changes.
RECIPE = "torchscript-opset17-eager/quantize_dynamic-qint8-per-channel-matmul-const-b/v1"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")  # those the model's tokenizer gives
# MatMuls left in float, by model type: int8 inputs to each feed-forward block's output layer
# (activations after GELU, with outliers) move all-mpnet-base-v2's vectors to cosine ~0.934 against
# torch; kept in float, ~0.993 (60 archive paragraphs and questions, session 15) at 0.7x the speed.
# all-MiniLM-L6-v2 keeps ~0.993 with every MatMul quantized.
FLOAT_MATMULS = {"mpnet": "/output/dense/"}
EMBED_SLICE = 4096  # texts tokenized at once by `embed`
OUTPUT = "last_hidden_state"
_MEAN_POOLED = [
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
]


def default_cache_root() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "dispatch-desk" / "onnx"


def model_fingerprint(model_path: Path) -> str:
    """Hash of every file of the model folder (names and bytes) and of the build recipe."""
    digest = hashlib.sha256(RECIPE.encode())
    kept_float = _float_matmuls(model_path)
    if kept_float:
        digest.update(b"float:" + kept_float.encode())
    for file in sorted(p for p in model_path.rglob("*") if p.is_file()):
        digest.update(file.relative_to(model_path).as_posix().encode() + b"\0")
        with open(file, "rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()[:16]


def cached_model_file(model: str, cache_root: Path | None = None) -> Path:
    label = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(model).expanduser().name) or "model"
    root = cache_root if cache_root is not None else default_cache_root()
    return root / f"{label}-{model_fingerprint(resolve_model_path(model))}" / FILE_NAME


def build(model: str, cache_root: Path | None = None, force: bool = False) -> Path:
    """Export and quantize `model` unless its cached file exists; return the cached file.

    Everything is written in a temporary folder beside the target and moved in with os.replace,
    so a concurrent or killed build never leaves a partial file under the final name.
    """
    target = cached_model_file(model, cache_root)
    if target.is_file() and not force:
        return target
    _check_supported(resolve_model_path(model))
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=target.parent) as tmp:
        exported = Path(tmp) / "model-fp32.onnx"
        staged = Path(tmp) / FILE_NAME
        _export(resolve_model_path(model), exported)
        _quantize(exported, staged, _float_matmuls(resolve_model_path(model)))
        os.replace(staged, target)
    return target


def _check_supported(model_path: Path) -> None:
    """Only transformer -> mean pooling (-> normalise) models are reproduced by this backend."""
    modules_file = model_path / "modules.json"
    if not modules_file.is_file():
        return  # a bare transformers folder: sentence-transformers would mean-pool it too
    modules = json.loads(modules_file.read_text())
    types = [module["type"] for module in modules]
    pooling = next((m for m in modules if m["type"].endswith(".Pooling")), None)
    mean = pooling is None or json.loads(
        (model_path / pooling["path"] / "config.json").read_text()
    ).get("pooling_mode_mean_tokens", False)
    if types != _MEAN_POOLED[: len(types)] or not mean:
        raise DispatchError(
            f"The onnx-int8 backend supports transformer + mean pooling models only; "
            f"{model_path} has modules {types}: use the torch backend"
        )


def _model_type(model_path: Path) -> str:
    return str(json.loads((model_path / "config.json").read_text()).get("model_type", ""))


def _float_matmuls(model_path: Path) -> str:
    return FLOAT_MATMULS.get(_model_type(model_path), "")


def _inputs(model_path: Path) -> tuple[str, ...]:
    """The inputs the model takes, as its tokenizer names them (MPNet has no token types)."""
    from transformers import AutoTokenizer

    names = AutoTokenizer.from_pretrained(str(model_path)).model_input_names
    return tuple(name for name in INPUTS if name in names)


def _export(model_path: Path, destination: Path) -> None:
    import torch
    import transformers

    inputs = _inputs(model_path)

    class LastHiddenState(torch.nn.Module):
        """The transformer with its token vectors as the only output."""

        def __init__(self, transformer) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, *tensors):
            return self.transformer(**dict(zip(inputs, tensors, strict=True))).last_hidden_state

    transformers.utils.logging.disable_progress_bar()
    # Eager attention traces to plain MatMul/Softmax with an additive mask, which the
    # quantizer handles and which stays correct for padded batches.
    transformer = transformers.AutoModel.from_pretrained(
        str(model_path), attn_implementation="eager"
    ).eval()
    # A padded example, so the traced graph takes the general masked path.
    input_ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
    attention_mask = (input_ids != 0).long()
    example = {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
        "token_type_ids": torch.zeros_like(input_ids),
    }
    axes = {name: {0: "batch", 1: "sequence"} for name in (*inputs, OUTPUT)}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # legacy-exporter deprecation and tracer notes
        torch.onnx.export(
            LastHiddenState(transformer),
            tuple(example[name] for name in inputs),
            str(destination),
            dynamo=False,  # the torch.export path needs onnxscript, which is not installed
            input_names=list(inputs),
            output_names=[OUTPUT],
            dynamic_axes=axes,
            opset_version=17,
            do_constant_folding=True,
        )


class _DropPreprocessHint(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing" not in record.getMessage()


@contextmanager
def _quiet_root_logger():
    hint = _DropPreprocessHint()
    logging.getLogger().addFilter(hint)
    try:
        yield
    finally:
        logging.getLogger().removeFilter(hint)


def _quantize(source: Path, destination: Path, kept_float: str = "") -> None:
    """int8 weights for the MatMuls with constant weights, but those whose node name holds
    `kept_float` (FLOAT_MATMULS)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    excluded = []
    if kept_float:
        graph = onnx.load(str(source), load_external_data=False).graph
        excluded = [n.name for n in graph.node if kept_float in n.name]
    with _quiet_root_logger():
        quantize_dynamic(
            str(source),
            str(destination),
            per_channel=True,
            weight_type=QuantType.QInt8,
            nodes_to_exclude=excluded,
            extra_options={"MatMulConstBOnly": True},
        )


class OnnxEmbedder:
    """all-MiniLM-style embeddings from ONNX Runtime with int8 weights; L2-normalised float32.

    ONNX Runtime fixes a session's thread count when it is created, so `set_threads` creates a
    new session (about 0.1 s; the model file is already on disk).

    Dynamic int8 quantization scales activations per tensor, so a text's vector would depend on
    the other texts of its batch (cosine down to ~0.986 between a paragraph embedded alone and in
    a batch of 32). By default (`batch_invariant=True`) each text therefore runs alone, with no
    padding: a paragraph or question always gets the same vector, and on this CPU it is as fast
    as batching (measured ~95/s alone, ~80/s in batches of 32, 125-word paragraphs, 2 threads).
    With `batch_invariant=False`, `batch_size` texts of similar length run together.
    """

    backend = "onnx-int8"

    def __init__(
        self,
        model: str,
        threads: int = 1,
        cache_dir: Path | None = None,
        batch_invariant: bool = True,
    ) -> None:
        from transformers import AutoTokenizer

        self.model = model
        self.path = resolve_model_path(model)
        self.onnx_path = build(model, cache_dir)
        config = json.loads((self.path / "config.json").read_text())
        self.dim = int(config["hidden_size"])
        self.max_tokens = _max_seq_length(self.path)
        # tokenizer.json bakes in truncation and padding at 128; every call below passes its own.
        self.tokenizer = AutoTokenizer.from_pretrained(str(self.path))
        self._pad_id = int(self.tokenizer.pad_token_id or 0)
        self._windows = TokenWindows(self.tokenizer, self.max_tokens)
        self.batch_invariant = batch_invariant
        self.threads = 0
        self.set_threads(threads)

    def set_threads(self, threads: int) -> None:
        import onnxruntime as ort

        threads = max(1, threads)
        if threads == self.threads:
            return
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(self.onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self._token_types = "token_type_ids" in {i.name for i in self._session.get_inputs()}
        self.threads = threads

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors of `texts`, in order. Long lists go through in slices, so the token lists
        held at once stay bounded (tokenizing 100,000 paragraphs in one call held ~3 GB)."""
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), EMBED_SLICE):
            part = texts[start : start + EMBED_SLICE]
            vectors[start : start + len(part)] = self._embed_slice(part, batch_size)
        return vectors

    def _embed_slice(self, texts: list[str], batch_size: int) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return vectors
        pieces = self.tokenizer(
            list(texts),
            truncation=True,
            max_length=self.max_tokens,
            padding=False,
            return_attention_mask=False,
            return_token_type_ids=False,
        )["input_ids"]
        per_run = 1 if self.batch_invariant else max(1, batch_size)
        # Longest first, so each batch pads to a similar length; rows go back to input order.
        order = sorted(range(len(texts)), key=lambda i: -len(pieces[i]))
        for start in range(0, len(order), per_run):
            rows = order[start : start + per_run]
            width = len(pieces[rows[0]])
            input_ids = np.full((len(rows), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for row, index in enumerate(rows):
                input_ids[row, : len(pieces[index])] = pieces[index]
                mask[row, : len(pieces[index])] = 1
            feed = {"input_ids": input_ids, "attention_mask": mask}
            if self._token_types:
                feed["token_type_ids"] = np.zeros_like(input_ids)
            (hidden,) = self._session.run([OUTPUT], feed)
            vectors[rows] = mean_pool(hidden, mask)
        return vectors

    def token_count(self, text: str) -> int:
        return self._windows.token_count(text)

    def windows(self, text: str) -> list[str]:
        return self._windows.windows(text)


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' mean pooling over the attention mask, then L2 normalisation."""
    weights = mask.astype(np.float32)
    summed = np.einsum("bsh,bs->bh", hidden.astype(np.float32), weights)
    means = summed / np.clip(weights.sum(axis=1, keepdims=True), 1e-9, None)
    norms = np.linalg.norm(means, axis=1, keepdims=True)
    return (means / np.clip(norms, 1e-12, None)).astype(np.float32)


def _max_seq_length(model_path: Path) -> int:
    config = model_path / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text()).get("max_seq_length", 256))
    return 256


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m index.onnx_backend",
        description="Build the cached int8 ONNX model for the onnx-int8 backend.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="export and quantize, unless cached")
    build_parser.add_argument(
        "--model",
        default=None,
        help="model name or folder (default: both of the settings' models)",
    )
    build_parser.add_argument("--cache-dir", type=Path, default=None, help=f"default: ${CACHE_ENV}")
    build_parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)

    from index.settings import IndexSettings

    settings = IndexSettings()
    models = [args.model] if args.model else [settings.model, settings.sentence_model]
    for model in dict.fromkeys(models):
        started = time.perf_counter()
        try:
            path = build(model, args.cache_dir, force=args.force)
        except DispatchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
