"""The renderer interface and its registry: one composed `Letter` in, the bytes of one file format out."""

from __future__ import annotations

from abc import ABC, abstractmethod

from regio.letters.document import Letter


class Renderer(ABC):
    name: str
    label: str
    media_type: str
    extension: str

    @abstractmethod
    def render(self, letter: Letter) -> bytes: ...

    def filename(self, letter: Letter) -> str:
        return f"{letter.reference or 'raadsinformatiebrief'}.{self.extension}"


REGISTRY: dict[str, Renderer] = {}


def register(renderer_class: type[Renderer]) -> type[Renderer]:
    REGISTRY[renderer_class.name] = renderer_class()
    return renderer_class


def renderer_for(name: str) -> Renderer:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no renderer for {name!r}; known: {', '.join(sorted(REGISTRY))}") from None
