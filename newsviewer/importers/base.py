"""The protocol every format importer follows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newsviewer.domain import Article


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to import: its path (for neighbours such as ``NAME_files/``) and its bytes."""

    path: Path
    data: bytes


class Importer(Protocol):
    """Turns the bytes of one file into an article record.

    ``parse`` raises ``ParseError`` with a reason a person can read when the file
    is not an article it can read. It must not touch Qt, the database or the network.
    Quotations are found afterwards by the shared pipeline, so ``quotes`` stays empty.
    """

    name: str
    extensions: tuple[str, ...]

    def sniff(self, head: bytes) -> bool:
        """True when the first bytes of a file look like this format."""
        ...

    def parse(self, source: SourceFile) -> Article: ...
