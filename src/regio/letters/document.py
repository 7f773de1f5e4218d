"""The composed letter: one plain document model that every renderer (HTML, PDF, Word) walks.

Nothing here knows about Django or about a file format, so the three outputs cannot drift apart.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    """A chart: `svg` is the picture itself; `alt` says in words what it shows."""

    caption: str
    svg: str
    alt: str


Block = Heading | Paragraph | BulletList | Table | Figure


@dataclass(frozen=True)
class Signatory:
    role: str
    name: str


@dataclass(frozen=True)
class Letter:
    municipality: str
    sender: str
    addressee: tuple[str, ...]
    place: str
    date: datetime.date
    date_text: str
    reference: str
    subject: str
    salutation: str
    blocks: tuple[Block, ...]
    closing: str
    signatories: tuple[Signatory, ...]
    contact: tuple[str, ...] = ()
    colour: str = "#1f5f8b"
    period_text: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def headings(self) -> list[str]:
        return [block.text for block in self.blocks if isinstance(block, Heading)]

    @property
    def figures(self) -> list[Figure]:
        return [block for block in self.blocks if isinstance(block, Figure)]
