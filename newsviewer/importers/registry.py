"""Picks the importer for a file: by extension, then by sniffing the content."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsviewer.errors import UnsupportedFormat
from newsviewer.importers.base import SNIFF_BYTES as SNIFF_BYTES
from newsviewer.importers.base import Chooser, Importer

# What browsers call the folder of a page saved "complete", by language of the browser.
ASSET_FOLDER_SUFFIXES = ("_files", "-files", "_archivos", "-Dateien")


def default_importers(members: Chooser | None = None) -> list[Importer]:
    """Every importer, in sniffing order.

    ``members`` picks the importers of the files inside an archive: the registry these
    importers serve (a default one when None).
    """
    # Imported here so that the registry module stays cheap to import.
    from newsviewer.importers.archive import ArchiveImporter
    from newsviewer.importers.epub import EpubImporter
    from newsviewer.importers.feeds import FeedImporter
    from newsviewer.importers.html import HtmlImporter
    from newsviewer.importers.library_export import LibraryExportImporter
    from newsviewer.importers.mail import EmailImporter, MboxImporter
    from newsviewer.importers.markdown import MarkdownImporter
    from newsviewer.importers.mhtml import MhtmlImporter
    from newsviewer.importers.pdf import PdfImporter
    from newsviewer.importers.readlater import PocketImporter, WallabagImporter
    from newsviewer.importers.text import TextImporter
    from newsviewer.importers.warc import WarcImporter

    # Order matters for sniffing: the most specific signature first, text last.
    # A saved page (MHTML) is a MIME message too: it comes before e-mail.
    return [
        # NewsViewer's own export first: it is JSON, like a Wallabag export.
        LibraryExportImporter(),
        PdfImporter(),
        WarcImporter(),
        EpubImporter(),
        ArchiveImporter(members if members is not None else Registry()),
        MhtmlImporter(),
        MboxImporter(),
        EmailImporter(),
        FeedImporter(),
        WallabagImporter(),
        PocketImporter(),
        HtmlImporter(),
        MarkdownImporter(),
        TextImporter(),
    ]


class Registry:
    def __init__(self, importers: Sequence[Importer] | None = None) -> None:
        self._importers = list(importers) if importers is not None else default_importers(self)

    @property
    def importers(self) -> tuple[Importer, ...]:
        return tuple(self._importers)

    @property
    def extensions(self) -> frozenset[str]:
        return frozenset(ext for imp in self._importers for ext in imp.extensions)

    def dialog_filter(self) -> str:
        """The file dialog's filter: every extension an importer reads, then all files."""
        patterns = " ".join(f"*{ext}" for ext in sorted(self.extensions))
        return f"Articles ({patterns});;All files (*)"

    def page_extensions(self) -> tuple[str, ...]:
        """Extensions of pages that may keep their images in a ``NAME_files/`` folder."""
        return tuple(ext for imp in self._importers if imp.name == "html" for ext in imp.extensions)

    def asset_folder_of(self, folder: Path) -> Path | None:
        """The saved page whose images ``folder`` holds (``NAME_files/`` beside
        ``NAME.html``, as browsers name it in their languages), or None."""
        name = folder.name
        for suffix in ASSET_FOLDER_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                stem = name[: -len(suffix)]
                for ext in self.page_extensions():
                    page = folder.parent / f"{stem}{ext}"
                    if page.exists():
                        return page
        return None

    def choose(self, path: Path, head: bytes) -> Importer:
        """The importer for a file; content beats a lying extension.

        A sniff that recognises a stronger format wins over the extension (an
        ``.html`` saved as ``.txt`` imports as HTML); otherwise the extension decides,
        and a file with an unknown extension is read only if some importer sniffs it.
        """
        ext = _extension(path)
        claiming = [imp for imp in self._importers if ext in imp.extensions]
        sniffed = next((imp for imp in self._importers if imp.sniff(head)), None)
        # Formats sharing an extension (a feed's and an export's .json) are told apart
        # by their content.
        by_ext = next((imp for imp in claiming if imp is sniffed), None) or next(
            iter(claiming), None
        )
        if by_ext is not None and sniffed is not None and sniffed is not by_ext:
            # Text sniffs almost anything; only a stronger format overrides the extension.
            if self._importers.index(sniffed) < self._importers.index(by_ext):
                return sniffed
            return by_ext
        if by_ext is not None:
            return by_ext
        if sniffed is not None:
            return sniffed
        raise UnsupportedFormat(f"unsupported file type '{ext or path.name}'")


# Extensions of two parts that name one format.
_DOUBLE_EXTENSIONS = (".warc.gz", ".tar.gz")


def _extension(path: Path) -> str:
    name = path.name.lower()
    return next((e for e in _DOUBLE_EXTENSIONS if name.endswith(e)), path.suffix.lower())
