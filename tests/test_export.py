"""Exports: Markdown, HTML, EPUB and the lossless JSON that imports back into another library."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from newsviewer.cli import main
from newsviewer.domain import ArticleId
from newsviewer.export import export_stories
from newsviewer.library import Library, marks, saved_searches, tags
from newsviewer.library import highlights as hl
from tests.living_helpers import PNG, fill


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


def annotated(library: Library) -> list[ArticleId]:
    """Three stories with tags, marks, highlights, a note, a reading place, a saved search."""
    ids = fill(library, 3)
    tags.add_tags(library, ids[:2], ["Iraq", "foreign policy"])
    marks.set_read(library, [ids[0]])
    marks.set_starred(library, [ids[1]])
    marks.set_archived(library, [ids[2]])
    hl.add_highlight_text(library, ids[0], "not consider sending troops", note="The <key> line")
    hl.add_highlight_text(library, ids[0], "Kerry pledged", colour="blue")
    marks.save_position(library, ids[1], 42, 0.25)
    saved_searches.save_search(library, "Kerry", "said:kerry")
    return ids


def test_markdown_has_front_matter_quotations_highlights_and_notes(
    library: Library, tmp_path: Path
) -> None:
    ids = annotated(library)
    out = tmp_path / "one.md"
    assert export_stories(library, ids[:1], "md", out) == 1
    text = out.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["title"] == "Kerry rules out troops, part 0"
    assert meta["tags"] == ["foreign policy", "Iraq"]
    assert meta["read"] is True and meta["starred"] is False
    assert meta["url"] == "https://example.invalid/kerry-0"
    assert "==not consider sending troops==[^1]" in body
    assert "[^1]: The \\<key\\> line" in body
    assert (
        "> “We will stand with the government of Iraq.”\n> — John Kerry (Secretary of State)"
        in body
    )
    [image] = (tmp_path / "images").iterdir()
    assert image.read_bytes() == PNG and f"](images/{image.name})" in body
    assert "*Gunmen patrol in Fallujah. — Reuters*" in body
    # Several stories: a folder of files.
    assert export_stories(library, ids, "md", tmp_path / "all") == 3
    assert len(list((tmp_path / "all").glob("*.md"))) == 3


def test_html_is_self_contained_without_scripts(library: Library, tmp_path: Path) -> None:
    ids = annotated(library)
    out = tmp_path / "stories.html"
    export_stories(library, ids, "html", out)
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in page
    assert 'src="http' not in page and "images/fallujah.png" not in page
    assert '<mark class="yellow" title="The &lt;key&gt; line">' in page
    assert '<q class="quote" title="John Kerry, Secretary of State">' in page
    assert page.count("<article ") == 3 and '<a href="#story-' in page  # a contents list
    assert "<figcaption>Gunmen patrol in Fallujah." in page


def epub_problems(path: Path) -> list[str]:
    """What a reader would refuse in the book, checked by hand (empty when it is sound)."""
    problems = []
    with zipfile.ZipFile(path) as book:
        first = book.infolist()[0]
        if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
            problems.append("mimetype is not the first entry, stored")
        if first.extra or book.read("mimetype") != b"application/epub+zip":
            problems.append("mimetype entry is not exactly application/epub+zip")
        names = set(book.namelist())
        container = ET.fromstring(book.read("META-INF/container.xml"))
        ns = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}
        rootfile = container.find(".//c:rootfile", ns)
        assert rootfile is not None
        opf_path = rootfile.get("full-path", "")
        opf = ET.fromstring(book.read(opf_path))
        base = opf_path.rsplit("/", 1)[0] + "/"
        o = {"o": "http://www.idpf.org/2007/opf"}
        items = {i.get("id"): i for i in opf.findall(".//o:manifest/o:item", o)}
        for item in items.values():
            href = base + item.get("href", "")
            if href not in names:
                problems.append(f"manifest names a missing file {href}")
            elif item.get("media-type") == "application/xhtml+xml":
                ET.fromstring(book.read(href))  # every chapter is well-formed XML
        if not any("nav" in (i.get("properties") or "") for i in items.values()):
            problems.append("no navigation document")
        for ref in opf.findall(".//o:spine/o:itemref", o):
            if ref.get("idref") not in items:
                problems.append(f"spine names an unknown item {ref.get('idref')}")
    return problems


def test_epub_is_a_sound_book_with_images_captions_and_contents(
    library: Library, tmp_path: Path
) -> None:
    ids = annotated(library)
    out = tmp_path / "stories.epub"
    assert export_stories(library, ids, "epub", out, title="Kerry & Iraq") == 3
    assert epub_problems(out) == []
    with zipfile.ZipFile(out) as book:
        nav = book.read("OEBPS/nav.xhtml").decode()
        chapter = book.read("OEBPS/story-1.xhtml").decode()
        images = [n for n in book.namelist() if n.startswith("OEBPS/images/")]
    assert nav.count("<li>") == 3 and "Kerry &amp; Iraq" in nav
    assert len(images) == 3
    assert '<img src="images/s1-1.png"' in chapter
    assert "<figcaption>Gunmen patrol in Fallujah." in chapter
    assert "<mark " in chapter


def test_a_broken_epub_is_caught_by_the_structural_check(tmp_path: Path) -> None:
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "META-INF/container.xml",
            (
                '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
                '<rootfile full-path="OEBPS/content.opf"/></rootfiles></container>'
            ),
        )
        book.writestr("mimetype", "application/epub+zip")
        book.writestr(
            "OEBPS/content.opf",
            (
                '<package xmlns="http://www.idpf.org/2007/opf"><manifest>'
                '<item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest>'
                '<spine><itemref idref="b"/></spine></package>'
            ),
        )
    assert len(epub_problems(broken)) == 4


@pytest.mark.skipif(shutil.which("epubcheck") is None, reason="epubcheck is not installed")
def test_epub_passes_epubcheck(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "stories.epub"
    export_stories(library, annotated(library), "epub", out)
    found = Path(shutil.which("epubcheck") or "epubcheck").resolve()
    # Debian installs the jar itself as the command, runnable only through binfmt.
    command = ["java", "-jar", str(found)] if found.suffix == ".jar" else [str(found)]
    done = subprocess.run([*command, str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def library_contents(library: Library) -> dict[str, dict[str, Any]]:
    """Every field of every story and what was added to it, keyed by the original's hash."""
    ids = library.ids()
    found = {}
    tag_map = tags.tags_of(library, ids)
    mark_map = marks.marks_of(library, ids)
    for i in ids:
        article = library.get(i)
        assert article is not None
        fields = dataclasses.asdict(article)
        del fields["id"]
        for figure in fields["figures"]:
            figure["image"] = library.figure_image(figure.pop("id"))
        fields["tags"] = tag_map.get(i, ())
        fields["marks"] = mark_map[i]
        fields["highlights"] = [
            {k: v for k, v in dataclasses.asdict(h).items() if k not in ("id", "article_id")}
            for h in hl.highlights_of(library, i)
        ]
        fields["position"] = marks.position(library, i)
        fields["original"] = library.original(i)
        found[article.content_hash] = fields
    return found


def test_json_export_imports_into_another_library_losslessly(
    library: Library, tmp_path: Path
) -> None:
    annotated(library)
    out = tmp_path / "library.json"
    assert export_stories(library, library.ids(), "json", out) == 3
    assert out.read_bytes().startswith(b'{"format": "newsviewer-library"')
    other = tmp_path / "other.sqlite3"
    printed = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(printed):
        assert main(["--library", str(other), "import", str(out)]) == 0
    assert "3 imported" in printed.getvalue()
    with Library.open(other) as copy:
        assert library_contents(copy) == library_contents(library)
        assert [(s.name, s.query) for s in saved_searches.saved_searches(copy)] == [
            ("Kerry", "said:kerry")
        ]
        assert marks.counts(copy) == marks.counts(library)
        # The same export again adds nothing.
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            main(["--library", str(other), "import", str(out)])
        assert "3 duplicates" in printed.getvalue() and copy.count() == 3


def test_a_damaged_story_in_an_export_fails_alone(library: Library, tmp_path: Path) -> None:
    annotated(library)
    out = tmp_path / "library.json"
    export_stories(library, library.ids(), "json", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    del document["stories"][1]["blocks"]
    out.write_text(json.dumps(document), encoding="utf-8")
    from newsviewer.export.restore import import_export_file

    with Library.open(tmp_path / "other.sqlite3") as copy:
        outcomes = import_export_file(copy, out)
        assert [o.status for o in outcomes] == ["imported", "failed", "imported"]
        assert "missing field 'blocks'" in outcomes[1].reason
        assert str(out) in outcomes[1].path


def test_an_export_is_read_by_its_own_importer_as_one_part_per_story(
    library: Library, tmp_path: Path
) -> None:
    from newsviewer.importers.base import SourceFile, is_container
    from newsviewer.importers.library_export import LibraryExportImporter
    from newsviewer.importers.registry import SNIFF_BYTES, Registry

    annotated(library)
    out = tmp_path / "export.json"
    export_stories(library, library.ids(), "json", out)
    data = out.read_bytes()
    # Chosen over the Wallabag importer, which also reads .json files.
    importer = Registry().choose(out, data[:SNIFF_BYTES])
    assert isinstance(importer, LibraryExportImporter) and is_container(importer)
    parts = list(importer.parse_parts(SourceFile(out, data)))
    assert [p.number for p in parts] == [1, 2, 3]
    first = parts[0].article
    assert first is not None and first.quotes and first.figures[0].image == PNG
    assert parts[0].original == library.original(library.ids()[0])[1]  # type: ignore[index]
