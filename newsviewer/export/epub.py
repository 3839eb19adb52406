"""EPUB 3: a collection of stories for e-readers, with images, captions and a table of contents.

The container rules readers enforce: ``mimetype`` is the first entry, stored
uncompressed and without extra fields; ``META-INF/container.xml`` names the
package document; the package lists every file (manifest) and the reading order
(spine) and has a navigation document. An NCX is added for EPUB 2 readers.
Each story is one XHTML chapter made by the HTML writer's story markup, with its
images as files inside the book.
"""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from newsviewer.domain import FigureId
from newsviewer.export.bundle import Bundle
from newsviewer.export.html import STYLE, story_body
from newsviewer.export.images import EPUB_CORE, extension, sniff_mime

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

# Readers render the chapter in their own light or dark scheme; no media query.
EPUB_STYLE = STYLE.split("@media")[0].replace("max-width: 40em; margin: 2em auto;", "")


def _xhtml(title: str, body: str, language: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'xml:lang="{escape(language)}" lang="{escape(language)}">\n'
        f'<head><meta charset="utf-8"/><title>{escape(title)}</title>'
        '<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
        f"<body>\n{body}\n</body></html>\n"
    )


def write_epub(bundles: Iterable[Bundle], path: Path, title: str = "NewsViewer collection") -> int:
    """Write the stories as one book; returns the number of stories."""
    items = list(bundles)
    book_id = f"urn:uuid:{uuid.uuid4()}"
    language = next((b.article.language for b in items if b.article.language), "") or "en"
    modified = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    manifest: list[str] = []
    spine: list[str] = []
    chapters: list[tuple[str, str]] = []
    files: dict[str, bytes] = {}
    for number, bundle in enumerate(items, 1):
        names: dict[FigureId, str] = {}
        for index, (figure_id, image) in enumerate(bundle.images.items(), 1):
            mime = sniff_mime(image.data, image.mime)
            if mime not in EPUB_CORE:
                continue  # a reader need not show it; the caption still is
            name = f"images/s{number}-{index}{extension(mime)}"
            files[name] = image.data
            names[figure_id] = name
            manifest.append(f'<item id="img-{number}-{index}" href="{name}" media-type="{mime}"/>')
        chapter = f"story-{number}.xhtml"
        body = story_body(bundle, names.get)
        files[chapter] = _xhtml(
            bundle.article.title, body, bundle.article.language or language
        ).encode()
        manifest.append(
            f'<item id="story-{number}" href="{chapter}" media-type="application/xhtml+xml"/>'
        )
        spine.append(f'<itemref idref="story-{number}"/>')
        chapters.append((chapter, bundle.article.title))

    toc = "\n".join(f'<li><a href="{c}">{escape(t)}</a></li>' for c, t in chapters)
    nav = f'<nav epub:type="toc" id="toc"><h1>{escape(title)}</h1>\n<ol>\n{toc}\n</ol></nav>'
    files["nav.xhtml"] = _xhtml(title, nav, language).encode()
    points = "\n".join(
        f'<navPoint id="p{n}" playOrder="{n}"><navLabel><text>{escape(t)}</text></navLabel>'
        f'<content src="{c}"/></navPoint>'
        for n, (c, t) in enumerate(chapters, 1)
    )
    files["toc.ncx"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
        f'<head><meta name="dtb:uid" content="{book_id}"/></head>'
        f"<docTitle><text>{escape(title)}</text></docTitle><navMap>{points}</navMap></ncx>\n"
    ).encode()
    files["style.css"] = EPUB_STYLE.encode()
    creators = sorted({a for b in items for a in b.article.authors})[:20]
    metadata = (
        "".join(f"<dc:creator>{escape(c)}</dc:creator>" for c in creators)
        or "<dc:creator>NewsViewer</dc:creator>"
    )
    opf = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="bookid">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:identifier id="bookid">{book_id}</dc:identifier>'
        f"<dc:title>{escape(title)}</dc:title><dc:language>{escape(language)}</dc:language>"
        f'{metadata}<meta property="dcterms:modified">{modified}</meta></metadata>'
        "<manifest>"
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
        '<item id="css" href="style.css" media-type="text/css"/>'
        + "".join(manifest)
        + '</manifest><spine toc="ncx"><itemref idref="nav"/>'
        + "".join(spine)
        + "</spine></package>\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as book:
        # First, stored, no extra field: readers identify the file by these bytes.
        info = zipfile.ZipInfo("mimetype")
        info.compress_type = zipfile.ZIP_STORED
        book.writestr(info, "application/epub+zip")
        book.writestr("META-INF/container.xml", CONTAINER, zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/content.opf", opf, zipfile.ZIP_DEFLATED)
        for name, data in files.items():
            book.writestr(f"OEBPS/{name}", data, zipfile.ZIP_DEFLATED)
    return len(items)
