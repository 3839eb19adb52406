"""Container files are checked whole first, then give their stories one at a time:
the import stores (and times) each story as it comes, so a big feed, crawl or book
never has to be read in full before its first story is stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsviewer.importers import archive, epub, feeds, mail, packed, readlater, warc
from newsviewer.importers.base import SourceFile
from newsviewer.importers.registry import Registry
from tests.test_archive_importer import make_zip, saved_pages
from tests.test_epub_importer import epub as make_epub
from tests.test_feed_importer import rss
from tests.test_mail_importer import mbox, newsletter
from tests.test_readlater_importer import omnivore_zip, wallabag_json
from tests.test_warc_importer import warc_gz

FILES: dict[str, Callable[[], bytes]] = {
    "news.rss": rss,
    "crawl.warc.gz": warc_gz,
    "gazette.epub": make_epub,
    "saved.zip": lambda: make_zip(saved_pages()),
    "inbox.mbox": lambda: mbox(newsletter(), newsletter("Second letter")),
    "wallabag.json": wallabag_json,
    "omnivore.zip": omnivore_zip,
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_first_story_comes_before_the_others_are_read(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []

    def counting(number: int, label: str, original: bytes, make: Callable[[], Any]) -> Any:
        made.append(label)
        return packed.part_of(number, label, original, make)

    for module in (archive, epub, feeds, mail, readlater, warc):
        monkeypatch.setattr(module, "part_of", counting)
    data = FILES[name]()
    importer = Registry().choose(Path(name), data[:4096])
    stories = iter(importer.parse_parts(SourceFile(path=Path(name), data=data)))  # type: ignore[attr-defined]
    first = next(stories)
    assert first.article is not None
    assert len(made) == 1, made
    rest = list(stories)
    assert rest  # the others follow
