"""What the text reader knows about a region before it reads: its context.

This module owns :class:`ExtractionContext` (the region's municipalities, spearheads with
their vocabulary, known topics and an optional reference date) and how it is built from a
region data file (``src/regio/data/regions/<name>.yaml``, see ``docs/regions.md``).
Another region's vision works by passing another file: nothing about the Leidse regio is
written into the rules.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Spearhead:
    code: str
    name: str
    wording: str = ""
    vocabulary: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    title: str
    slug: str
    spearheads: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegionMunicipality:
    cbs_code: str
    name: str


@dataclass(frozen=True)
class ExtractionContext:
    region_name: str = ""
    municipalities: tuple[RegionMunicipality, ...] = ()
    spearheads: tuple[Spearhead, ...] = ()
    topics: tuple[Topic, ...] = ()
    reference_date: date | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


class RegionDataError(ValueError):
    """A region data file lacks what the text reader needs."""


def _strings(value: Any, *, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, (str, int, float)) for item in value):
        raise RegionDataError(f"{where}: expected a list of words or phrases")
    return tuple(str(item) for item in value)


def context_from_region_data(data: Mapping[str, Any], *, reference_date: date | None = None) -> ExtractionContext:
    """Build the context from a parsed region file (the shape of ``leidse-regio.yaml``)."""
    if not isinstance(data, Mapping):
        raise RegionDataError("region data: expected a mapping at the top level")
    region = data.get("region") or {}
    spearheads = []
    for index, item in enumerate((data.get("vision") or {}).get("spearheads") or []):
        if not isinstance(item, Mapping) or "code" not in item:
            raise RegionDataError(f"vision.spearheads[{index}]: expected a mapping with a code")
        spearheads.append(
            Spearhead(
                code=str(item["code"]),
                name=str(item.get("name") or item["code"]),
                wording=str(item.get("wording") or ""),
                vocabulary=_strings(item.get("vocabulary"), where=f"vision.spearheads[{index}].vocabulary"),
            )
        )
    topics = []
    for index, item in enumerate(data.get("topics") or []):
        if not isinstance(item, Mapping) or "title" not in item:
            raise RegionDataError(f"topics[{index}]: expected a mapping with a title")
        topics.append(
            Topic(
                title=str(item["title"]),
                slug=str(item.get("slug") or item["title"]).lower(),
                spearheads=_strings(item.get("spearheads"), where=f"topics[{index}].spearheads"),
                aliases=_strings(item.get("aliases"), where=f"topics[{index}].aliases"),
            )
        )
    municipalities = []
    for index, item in enumerate(data.get("municipalities") or []):
        if not isinstance(item, Mapping) or "name" not in item:
            raise RegionDataError(f"municipalities[{index}]: expected a mapping with a name")
        municipalities.append(RegionMunicipality(cbs_code=str(item.get("cbs_code") or ""), name=str(item["name"])))
    return ExtractionContext(
        region_name=str(region.get("name") or ""),
        municipalities=tuple(municipalities),
        spearheads=tuple(spearheads),
        topics=tuple(topics),
        reference_date=reference_date,
    )


def load_region(name_or_path: str | Path) -> ExtractionContext:
    """A context from a region name (``leidse-regio``) or a path to a region YAML file."""
    text = str(name_or_path)
    if text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text:
        raw = Path(text).read_text(encoding="utf-8")
    else:
        resource = importlib.resources.files("regio.data").joinpath("regions").joinpath(f"{text}.yaml")
        if not resource.is_file():
            raise RegionDataError(f"no region data file for {text!r}")
        raw = resource.read_text(encoding="utf-8")
    return context_from_region_data(yaml.safe_load(raw) or {})


_default: ExtractionContext | None = None


def default_context() -> ExtractionContext:
    """The built-in example region (the Leidse regio), read once."""
    global _default
    if _default is None:
        _default = load_region("leidse-regio")
    return _default
