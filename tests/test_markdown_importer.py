"""What a person sees after importing a Markdown article."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile
from newsviewer.importers.markdown import MarkdownImporter

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


def parse(name: str) -> Article:
    path = FIXTURES / name
    return MarkdownImporter().parse(SourceFile(path=path, data=path.read_bytes()))


def test_front_matter_gives_the_metadata() -> None:
    article = parse("with_front_matter.md")
    assert article.format == "markdown"
    assert article.title == "Lighthouse keepers return to Skerry Point"
    assert article.authors == ("Priya Shah", "Owen Price")
    assert article.byline == "Priya Shah and Owen Price"
    assert article.published == datetime(2024, 2, 11, 7, 45, tzinfo=timezone(timedelta(hours=1)))
    assert article.published_inferred is False
    assert article.site == "Coastal Notes"
    assert article.url == "https://notes.example/skerry-point"
    assert article.summary == "After forty years of automation, two keepers move back in."


def test_body_blocks_are_plain_text_of_each_kind() -> None:
    article = parse("with_front_matter.md")
    kinds = [(b.kind, b.text) for b in article.blocks]
    # With a title in the front matter the first heading stays in the body.
    assert kinds[0] == ("h", "A heading that is not the title")
    assert (
        "p",
        "For the first time since 1984, Skerry Point lighthouse has keepers living on site again.",
    ) in kinds
    assert (
        "blockquote",
        '"A light with nobody beside it is only a machine," said one of the new keepers.',
    ) in kinds
    assert ("li", "Fuel deliveries every two weeks") in kinds
    assert ("pre", "Keeper's log: 06:00 light off") in kinds
    assert "**" not in article.text


def test_local_image_is_loaded_and_remote_one_kept_as_url() -> None:
    article = parse("with_front_matter.md")
    local, remote = article.figures
    assert local.alt == "The lighthouse at dusk"
    assert local.caption == "The tower was painted last summer."
    assert local.credit == "Photo: Lee Moran"
    assert local.image == (FIXTURES / "images" / "lighthouse.png").read_bytes()
    assert local.mime == "image/png"
    assert article.blocks[local.position].text.startswith("The trust that owns")
    assert remote.src == "https://cdn.example/remote.jpg"
    assert remote.image is None
    assert remote.caption == "From the mainland"


def test_without_front_matter_the_first_heading_is_the_title() -> None:
    article = parse("plain.md")
    assert article.title == "Village shop saved by its customers"
    assert [b.text for b in article.blocks] == [
        "More than two hundred people bought shares to keep the shop open.",
        "The committee will meet on Thursday to choose a new manager.",
    ]
    assert article.byline == "" and article.published is None


def test_image_outside_the_files_folder_is_not_read() -> None:
    article = parse("plain.md")
    (figure,) = article.figures
    assert figure.image is None
    assert figure.position == 2


def test_file_with_only_a_heading_is_refused() -> None:
    with pytest.raises(ParseError, match="no article text"):
        MarkdownImporter().parse(SourceFile(path=FIXTURES / "x.md", data=b"# Just a title\n"))


def test_sniff_and_extensions() -> None:
    importer = MarkdownImporter()
    assert importer.sniff(b"---\ntitle: x\n---\n")
    assert importer.sniff(b"# Headline\n\nText")
    assert not importer.sniff(b"<html><body>")
    assert {".md", ".markdown"} <= set(importer.extensions)
