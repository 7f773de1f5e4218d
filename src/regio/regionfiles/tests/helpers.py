"""Region files for tests: the built-in Leidse regio as data, changed and written to a temporary folder."""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path

import yaml


def builtin_data(name: str = "leidse-regio") -> dict:
    text = (resources.files("regio.data") / "regions" / f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    # The example data lives in a sibling file; copies written elsewhere go without it.
    data.pop("example_file", None)
    return data


def write_region(folder: Path, data: dict, name: str = "regio.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def changed(mutate, base: dict | None = None) -> dict:
    """A deep copy of `base` (default: the Leidse regio) after `mutate(data)`."""
    data = copy.deepcopy(base if base is not None else builtin_data())
    mutate(data)
    return data
