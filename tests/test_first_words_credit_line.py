"""A work's credits listed by role above its text open the story; other lists do not."""

from __future__ import annotations

from pathlib import Path

from newsviewer.domain import Article
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

_SYNOPSIS = (
    "<p>A cook is reborn in a world where famous people of the past live again.</p>"
    "<p>He opens a small restaurant, and one by one his guests bring him the dishes they "
    "remember, the stories behind them and the troubles they cannot leave behind.</p>"
    "<p>Soon the little restaurant is the best-kept secret of the town, and a rival "
    "chef arrives to challenge him to a contest in front of everyone.</p>"
)


def _article(above: str) -> Article:
    html = (
        "<!DOCTYPE html><html><head><title>The Memory Kitchen</title></head><body>"
        "<h1>The Memory Kitchen</h1>"
        f"<div class='info'>{above}<div class='summary'><h2>Synopsis</h2>{_SYNOPSIS}</div>"
        "</div></body></html>"
    )
    return HtmlImporter().parse(SourceFile(path=Path("book.html"), data=html.encode()))


def test_author_and_illustrator_listed_above_the_text_open_the_story() -> None:
    article = _article(
        "<dl class='authors'><dt>Author</dt><dd><a href='/a/1'>Ann Rice</a></dd>"
        "<dt>Illustrations</dt><dd><a href='/a/2'>Kona Shio</a></dd></dl>"
    )
    assert article.blocks[0].text == "Author Ann Rice Illustrations Kona Shio"
    assert article.blocks[1].text.startswith("A cook is reborn")


def test_japanese_credits_keep_the_pages_own_words() -> None:
    article = _article(
        "<dl><dt>著者</dt><dd><a href='/a/1'>お米ゴハン</a></dd>"
        "<dt>イラスト</dt><dd><a href='/a/2'>汐街コナ</a></dd></dl>"
    )
    assert article.blocks[0].text == "著者 お米ゴハン イラスト 汐街コナ"


def test_a_list_of_prices_above_the_text_is_not_credits() -> None:
    article = _article("<dl><dt>Price</dt><dd>12.00</dd><dt>Pages</dt><dd>320</dd></dl>")
    assert article.blocks[0].text.startswith("A cook is reborn")


def test_credits_of_another_item_in_a_sidebar_are_left_out() -> None:
    article = _article(
        "<aside><dl><dt>Author</dt><dd><a href='/a/1'>Ann Rice</a></dd>"
        "<dt>Illustrations</dt><dd><a href='/a/2'>Kona Shio</a></dd></dl>"
        "<ul><li><a href='/b/2'>The Memory Kitchen, volume two</a></li></ul></aside>"
    )
    assert article.blocks[0].text.startswith("A cook is reborn")
    assert all("Ann Rice" not in b.text for b in article.blocks)


def test_a_page_without_a_title_is_named_by_its_story_not_its_credits() -> None:
    html = (
        "<!DOCTYPE html><html><head></head><body><div class='info'>"
        "<dl><dt>Author</dt><dd><a href='/a/1'>Ann Rice</a></dd>"
        "<dt>Illustrations</dt><dd><a href='/a/2'>Kona Shio</a></dd></dl>"
        f"<div class='summary'>{_SYNOPSIS}</div></div></body></html>"
    )
    article = HtmlImporter().parse(SourceFile(path=Path("book.html"), data=html.encode()))
    assert article.blocks[0].text == "Author Ann Rice Illustrations Kona Shio"
    assert article.title.startswith("A cook is reborn")
