"""An EPUB 3 of news articles, as a news downloader or a reading app's export writes it."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile, is_container
from newsviewer.importers.epub import EpubImporter
from newsviewer.importers.registry import Registry
from tests.formats_story import (
    PARAGRAPHS,
    PHOTO,
    TITLE,
    URL,
    assert_photo,
    assert_story,
    body_html,
)

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>"""

OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:4f1b8a0e-2c3d-4e5f-8a9b-0c1d2e3f4a5b</dc:identifier>
    <dc:title>The Coastal Gazette [Tue, 05 Mar 2024]</dc:title>
    <dc:publisher>The Coastal Gazette</dc:publisher>
    <dc:language>en</dc:language>
    <dc:date>2024-03-05</dc:date>
    <meta property="dcterms:modified">2024-03-05T10:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="a1" href="text/harbour%20wall.xhtml" media-type="application/xhtml+xml"/>
    <item id="a2" href="text/ferry.xhtml" media-type="application/xhtml+xml"/>
    <item id="img" href="images/harbour.png" media-type="image/png"/>
    <item id="css" href="style.css" media-type="text/css"/>
  </manifest>
  <spine>
    <itemref idref="cover"/>
    <itemref idref="nav"/>
    <itemref idref="a1"/>
    <itemref idref="a2"/>
  </spine>
</package>"""

NAV = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Contents</title></head>
<body><nav epub:type="toc" id="toc"><h1>Contents</h1><ol>
  <li><a href="text/harbour%20wall.xhtml">Harbour wall to be rebuilt after winter storms</a></li>
  <li><a href="text/ferry.xhtml#start">Ferry timetable changes for the summer</a></li>
</ol></nav></body></html>"""


def chapter(title: str, body: str, extra: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">
<head><title>{title}</title><link rel="stylesheet" href="../style.css"/></head>
<body><section class="article">
<h1>{title}</h1>
{extra}
{body}
</section></body></html>"""


def epub(chapters: dict[str, str] | None = None, *, drop: str = "") -> bytes:
    ferry = "".join(
        f"<p>{p.replace('harbour wall', 'ferry timetable')}</p>" for p in PARAGRAPHS[2:]
    )
    files = {
        "META-INF/container.xml": CONTAINER,
        "OEBPS/content.opf": OPF,
        "OEBPS/nav.xhtml": NAV,
        "OEBPS/text/cover.xhtml": chapter(
            "Cover", '<img src="../images/harbour.png" alt="cover"/>'
        ),
        "OEBPS/text/harbour wall.xhtml": chapter(
            TITLE,
            body_html("../images/harbour.png"),
            '<p class="byline">By Maria Lopez</p>'
            '<p class="date"><time datetime="2024-03-05T08:30:00Z">5 March 2024</time></p>',
        ),
        "OEBPS/text/ferry.xhtml": chapter("Ferry timetable changes for the summer", ferry),
        "OEBPS/style.css": "body { font-family: serif }",
        **(chapters or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        # The mimetype first and stored, as the EPUB spec requires.
        z.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        for name, text in files.items():
            if name != drop:
                z.writestr(name, text, zipfile.ZIP_DEFLATED)
        if drop != "OEBPS/images/harbour.png":
            z.writestr("OEBPS/images/harbour.png", PHOTO, zipfile.ZIP_STORED)
    return buffer.getvalue()


def parts(data: bytes) -> list:  # type: ignore[type-arg]
    return list(EpubImporter().parse_parts(SourceFile(path=Path("gazette.epub"), data=data)))


def test_one_story_per_article_chapter_with_images_and_captions() -> None:
    found = parts(epub())
    # The cover and the table of contents are not stories.
    assert [p.label for p in found] == [TITLE, "Ferry timetable changes for the summer"]
    article = found[0].article
    assert article.format == "epub"
    assert article.site == "The Coastal Gazette"
    assert article.byline == "Maria Lopez" and article.authors == ("Maria Lopez",)
    done = assert_story(article, published=datetime(2024, 3, 5, 8, 30, tzinfo=UTC))
    assert_photo(done)
    assert done.figures[0].position == 0
    assert [b.text for b in done.blocks] == list(PARAGRAPHS)
    assert found[1].article.title == "Ferry timetable changes for the summer"


def test_sniffed_by_content_and_not_taken_for_a_plain_zip() -> None:
    chosen = Registry().choose(Path("download.zip"), epub()[:4096])
    assert chosen.name == "epub" and is_container(chosen)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (epub(drop="META-INF/container.xml"), "container.xml is missing"),
        (epub(drop="OEBPS/content.opf"), "package document is missing"),
        (epub(drop="OEBPS/text/ferry.xhtml"), "missing from the package"),
        (epub({"OEBPS/content.opf": OPF[:400]}), "broken"),
        (epub()[:3000], "not a readable zip"),
        (
            epub(
                {
                    "OEBPS/content.opf": OPF.replace(
                        "<package", '<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><package'
                    )
                }
            ),
            "entities",
        ),
    ],
)
def test_broken_truncated_and_hostile_books_give_nothing(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parts(data)


def test_a_news_download_drops_its_navigation_and_keeps_the_source_address() -> None:
    navbar = (
        '<div class="calibre_navbar"><a href="ferry.xhtml">Next</a> | '
        '<a href="../nav.xhtml">Section menu</a> | <a href="../nav.xhtml">Main menu</a></div>'
    )
    note = f'<p>This article was downloaded by <b>calibre</b> from <a href="{URL}">{URL}</a></p>'
    page = chapter(TITLE, navbar + body_html("../images/harbour.png") + note + navbar)
    article = parts(epub({"OEBPS/text/harbour wall.xhtml": page}))[0].article
    assert [b.text for b in article.blocks] == list(PARAGRAPHS)
    assert article.url == URL


NCX = """<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="urn:uuid:4f1b8a0e"/></head>
  <docTitle><text>The Coastal Gazette</text></docTitle>
  <navMap>
    <navPoint id="n1" playOrder="1"><navLabel><text>The harbour, rebuilt</text></navLabel>
      <content src="text/harbour%20wall.xhtml#top"/></navPoint>
  </navMap>
</ncx>"""


def test_an_epub_2_takes_its_chapter_titles_from_the_ncx() -> None:
    opf = (
        OPF.replace('version="3.0"', 'version="2.0"')
        .replace(
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
            '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
        )
        .replace('<itemref idref="nav"/>', "")
        .replace("<spine>", '<spine toc="ncx">')
    )
    untitled = chapter(TITLE, body_html("../images/harbour.png")).replace(f"<h1>{TITLE}</h1>", "")
    data = epub(
        {
            "OEBPS/content.opf": opf,
            "OEBPS/toc.ncx": NCX,
            "OEBPS/text/harbour wall.xhtml": untitled,
        },
        drop="OEBPS/nav.xhtml",
    )
    found = parts(data)
    assert found[0].label == "The harbour, rebuilt"
    assert found[0].article.title == "The harbour, rebuilt"
    assert_photo(found[0].article)
