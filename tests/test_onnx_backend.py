"""The onnx-int8 backend against the torch one: same vectors (nearly), same windows, no 128 cut."""

from __future__ import annotations

import re

import numpy as np
import pytest

from index import onnx_backend
from index.onnx_backend import OnnxEmbedder
from tests.conftest import SAMPLE

MODEL = "all-MiniLM-L6-v2"


def sample_paragraphs() -> dict[str, str]:
    """Blank-line separated blocks after the header line of each sample file, by paragraph id."""
    paragraphs = {}
    for file in sorted(SAMPLE.glob("*.txt")):
        body = file.read_text(encoding="utf-8").split("\n", 1)[1]
        blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", body)]
        for number, text in enumerate((b for b in blocks if b), start=1):
            paragraphs[f"{file.stem}:p{number}"] = text
    return paragraphs


@pytest.fixture(scope="session")
def onnx_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx-cache")


@pytest.fixture(scope="session")
def onnx_embedder(onnx_cache):
    """Built once per session (export + quantize, ~10-20 s) in a fresh cache folder."""
    return OnnxEmbedder(MODEL, threads=2, cache_dir=onnx_cache)


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=-1)


@pytest.mark.slow
def test_vectors_agree_with_torch_on_sample_paragraphs(onnx_embedder, torch_embedder):
    paragraphs = sample_paragraphs()
    assert len(paragraphs) == 58
    texts = list(paragraphs.values())
    ours = onnx_embedder.embed(texts)
    assert ours.dtype == np.float32 and ours.shape == (58, torch_embedder.dim)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    agreement = cosine(ours, torch_embedder.embed(texts))
    worst = sorted(zip(agreement, paragraphs, strict=True))[:3]
    assert agreement.mean() >= 0.98, f"mean {agreement.mean():.4f}; worst {worst}"
    assert agreement.min() >= 0.95, f"worst {worst}"


@pytest.mark.slow
def test_question_vectors_agree_with_torch(onnx_embedder, torch_embedder):
    questions = ["Did Russia stop selling arms to Iran?", "Kursk", "What did Sergeev say?"]
    agreement = cosine(onnx_embedder.embed(questions), torch_embedder.embed(questions))
    assert agreement.min() >= 0.97, agreement


@pytest.mark.slow
def test_text_of_200_word_pieces_is_not_cut_at_128(onnx_embedder, torch_embedder):
    # Two topics, the second one starting well after the 128th word piece.
    first = "Russian defence minister Igor Sergeev met NATO ministers in Brussels. " * 9
    second = "The submarine Kursk sank in the Barents Sea and its whole crew died. " * 6
    text = first + second
    count = onnx_embedder.token_count(text)
    assert 180 <= count <= onnx_embedder.max_tokens, count
    offsets = onnx_embedder.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    head = text[: offsets["offset_mapping"][125][1]]  # 126 pieces + [CLS] + [SEP] = 128
    assert onnx_embedder.token_count(head) == 128
    full_vector, head_vector = onnx_embedder.embed([text, head])
    assert cosine(full_vector, head_vector) < 0.95  # the second topic counts
    assert cosine(full_vector, torch_embedder.embed([text])[0]) >= 0.98


@pytest.mark.slow
def test_second_construction_reuses_the_cached_file(onnx_embedder, onnx_cache):
    built = onnx_embedder.onnx_path
    assert built.is_file() and built.is_relative_to(onnx_cache)
    before = built.stat().st_mtime_ns
    again = OnnxEmbedder(MODEL, threads=1, cache_dir=onnx_cache)
    assert again.onnx_path == built
    assert built.stat().st_mtime_ns == before
    assert [p.name for p in built.parent.iterdir()] == [onnx_backend.FILE_NAME]  # no leftovers


@pytest.mark.slow
def test_load_embedder_finds_the_cache_named_by_the_environment(
    onnx_embedder, onnx_cache, monkeypatch
):
    from index.embedder import load_embedder

    monkeypatch.setenv(onnx_backend.CACHE_ENV, str(onnx_cache))
    before = onnx_embedder.onnx_path.stat().st_mtime_ns
    loaded = load_embedder(MODEL, "onnx-int8", threads=1)
    assert (loaded.backend, loaded.model, loaded.dim, loaded.max_tokens) == (
        "onnx-int8",
        MODEL,
        384,
        256,
    )
    assert loaded.onnx_path == onnx_embedder.onnx_path
    assert loaded.onnx_path.stat().st_mtime_ns == before


@pytest.mark.slow
def test_build_command_reports_the_cached_file(onnx_embedder, onnx_cache, capsys):
    assert onnx_backend.main(["build", "--model", MODEL, "--cache-dir", str(onnx_cache)]) == 0
    assert str(onnx_embedder.onnx_path) in capsys.readouterr().out


@pytest.mark.slow
def test_windows_split_a_long_text_like_torch(onnx_embedder, torch_embedder):
    text = " ".join(sample_paragraphs().values())
    assert onnx_embedder.token_count(text) == torch_embedder.token_count(text) > 1000
    windows = onnx_embedder.windows(text)
    assert len(windows) > 4
    assert windows == torch_embedder.windows(text)
    assert text.startswith(windows[0]) and text.endswith(windows[-1])


@pytest.mark.slow
def test_a_text_gets_the_same_vector_alone_or_in_a_batch(onnx_embedder):
    texts = list(sample_paragraphs().values())[:6]
    together = onnx_embedder.embed(texts, batch_size=32)
    alone = np.stack([onnx_embedder.embed([text])[0] for text in texts])
    np.testing.assert_allclose(together, alone, atol=1e-6)
    np.testing.assert_allclose(onnx_embedder.embed(texts[::-1]), together[::-1], atol=1e-6)


@pytest.mark.slow
def test_length_sorted_batches_come_back_in_input_order(onnx_embedder, onnx_cache):
    batching = OnnxEmbedder(MODEL, threads=2, cache_dir=onnx_cache, batch_invariant=False)
    texts = [t for t in sample_paragraphs().values()][:9] + ["Kursk", "NATO and Russia"]
    batched = batching.embed(texts, batch_size=3)
    alone = onnx_embedder.embed(texts)
    similarity = batched @ alone.T
    assert list(similarity.argmax(axis=1)) == list(range(len(texts)))
    assert np.diag(similarity).min() >= 0.97


@pytest.mark.slow
def test_threads_can_change_after_construction(onnx_embedder):
    text = ["Belarus parliamentary elections and the OSCE"]
    vector = onnx_embedder.embed(text)
    try:
        onnx_embedder.set_threads(1)
        assert onnx_embedder.threads == 1
        np.testing.assert_allclose(onnx_embedder.embed(text), vector, atol=1e-5)
    finally:
        onnx_embedder.set_threads(2)


@pytest.mark.slow
def test_empty_input_gives_an_empty_matrix(onnx_embedder):
    assert onnx_embedder.embed([]).shape == (0, 384)


def test_interrupted_build_leaves_no_file_under_the_final_name(tmp_path, monkeypatch):
    def export(model_path, destination):
        destination.write_bytes(b"partial fp32 model")

    def quantize(source, destination, kept_float=""):
        destination.write_bytes(b"partial int8 model")
        raise KeyboardInterrupt

    monkeypatch.setattr(onnx_backend, "_export", export)
    monkeypatch.setattr(onnx_backend, "_quantize", quantize)
    with pytest.raises(KeyboardInterrupt):
        onnx_backend.build(MODEL, tmp_path)
    target = onnx_backend.cached_model_file(MODEL, tmp_path)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_cache_root_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(onnx_backend.CACHE_ENV, str(tmp_path))
    target = onnx_backend.cached_model_file(MODEL)
    assert target.parent.parent == tmp_path
    assert re.fullmatch(r"all-MiniLM-L6-v2-[0-9a-f]{16}", target.parent.name)
    assert target.name == "model-int8.onnx"


@pytest.mark.slow
def test_a_long_list_is_embedded_in_slices_with_the_same_vectors(onnx_embedder, monkeypatch):
    texts = list(sample_paragraphs().values())[:10]
    whole = onnx_embedder.embed(texts)
    monkeypatch.setattr(onnx_backend, "EMBED_SLICE", 3)
    np.testing.assert_allclose(onnx_embedder.embed(texts), whole, atol=1e-6)


@pytest.fixture(scope="session")
def mpnet_pair():
    """all-mpnet-base-v2, the stored paragraphs' model: the install's int8 file and torch."""
    from index.embedder import load_embedder

    return OnnxEmbedder("all-mpnet-base-v2", threads=2), load_embedder(
        "all-mpnet-base-v2", "torch", threads=2
    )


@pytest.mark.slow
def test_mpnet_vectors_agree_with_torch_with_its_feed_forward_outputs_in_float(mpnet_pair):
    """MPNet takes no token types, and its feed-forward output layers stay float: quantized, they
    moved its vectors to cosine ~0.93 against torch (onnx_backend.FLOAT_MATMULS)."""
    import onnx

    ours, reference = mpnet_pair
    inputs = [i.name for i in ours._session.get_inputs()]
    assert inputs == ["input_ids", "attention_mask"] and ours.dim == 768
    nodes = onnx.load(str(ours.onnx_path), load_external_data=False).graph.node
    dense_outputs = [n for n in nodes if "/output/dense/" in n.name and "MatMul" in n.op_type]
    assert len(dense_outputs) == 12 and {n.op_type for n in dense_outputs} == {"MatMul"}
    assert any(n.op_type == "MatMulInteger" for n in nodes)  # the rest is int8
    texts = [*list(sample_paragraphs().values())[:20], "What did Sergeev say about Iran?"]
    agreement = cosine(ours.embed(texts), reference.embed(texts))
    assert agreement.mean() >= 0.985 and agreement.min() >= 0.97, sorted(agreement)[:3]
