"""The reader page as HTML: escaped text, figures, quotations and search marks."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from newsviewer.domain import (
    Block,
    FigureId,
    Quote,
    StoredArticle,
    StoredFigure,
    body_text,
)
from newsviewer.gui.reader import ReaderView, render_article_html
from newsviewer.gui.reader_colours import reader_colours
from newsviewer.gui.theme import dark_palette
from newsviewer.library.query import highlight_terms

COLOURS = reader_colours(QPalette())


def _article(**changes: object) -> StoredArticle:
    blocks = (
        Block("p", "The mayor said: “We will build it.” Then she left."),
        Block("p", "Residents <b>cheered</b> & waved."),
    )
    text = body_text(blocks)
    start = text.index("We will")
    base: dict[str, object] = {
        "id": 7,
        "format": "html",
        "title": "Bridge <script>alert(1)</script> approved",
        "summary": "A new bridge & a new road.",
        "byline": "By Ann Lee",
        "authors": ("Ann Lee",),
        "published": datetime(2024, 3, 2, 9, 0),
        "published_inferred": False,
        "site": "City News",
        "url": "https://citynews.example/bridge",
        "language": "en",
        "blocks": blocks,
        "figures": (
            StoredFigure(FigureId(1), "The old bridge", "Photo: Max", "", "", "image/png", True, 1),
            StoredFigure(
                FigureId(2), "Planned road", "", "map", "https://x.example/a.jpg", None, False, 2
            ),
        ),
        "quotes": (
            Quote("We will build it.", "Jane Mayor", "The mayor", "said", start, start + 17),
        ),
        "word_count": 14,
        "imported_at": datetime(2024, 3, 3),
        "source_name": "bridge.html",
        "source_path": "/tmp/bridge.html",
        "content_hash": "x",
    }
    base.update(changes)
    return StoredArticle(**base)  # type: ignore[arg-type]


def test_all_text_is_escaped() -> None:
    page = render_article_html(_article(), colours=COLOURS)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Residents &lt;b&gt;cheered&lt;/b&gt; &amp; waved." in page
    assert "A new bridge &amp; a new road." in page


def test_headline_standfirst_byline_source_and_date() -> None:
    page = render_article_html(_article(), colours=COLOURS)
    assert '<p class="standfirst">A new bridge &amp; a new road.</p>' in page
    assert "By Ann Lee · City News · 2 March 2024" in page
    assert '<a href="https://citynews.example/bridge">Original page</a>' in page


def test_date_alone_starts_the_line_with_a_capital() -> None:
    page = render_article_html(
        _article(byline="", site="", published=None, url=""), colours=COLOURS
    )
    assert '<p class="meta">Saved 3 March 2024</p>' in page


def test_figures_stand_before_their_block_with_image_or_placeholder() -> None:
    page = render_article_html(_article(), colours=COLOURS, image_sizes={FigureId(1): (500, 300)})
    image = page.index('<img src="nvimg:1" width="500" height="300"')
    assert page.index("The mayor said") < image < page.index("Residents")
    assert page.index("The old bridge") > image
    assert '<span class="credit">Photo: Max</span>' in page
    # The second figure's image is remote: never fetched, a placeholder and its caption.
    assert "Remote image not downloaded" in page
    assert page.index("Remote image not downloaded") < page.index("Planned road")
    assert "x.example" not in page


def test_figure_whose_image_is_missing_gets_a_placeholder() -> None:
    page = render_article_html(_article(), colours=COLOURS, image_sizes={})
    assert "nvimg:1" not in page
    assert "Image not stored" in page
    assert page.index("Image not stored") < page.index("The old bridge")


def test_quotation_is_tinted_anchored_and_names_its_speaker() -> None:
    page = render_article_html(_article(), colours=COLOURS)
    assert (
        f'<a name="q0"></a><span style="background-color:{COLOURS.quote_bg}" '
        'title="Jane Mayor (said)">We will build it.</span>'
    ) in page


def test_search_terms_are_marked_in_title_and_body() -> None:
    # The terms as the query language gives them (the reader has no parser of its own).
    terms = highlight_terms("Bridges residents")
    page = render_article_html(_article(), colours=COLOURS, terms=terms)
    mark = f"background-color:{COLOURS.term_bg}"
    assert f'<span style="{mark};color:{COLOURS.text}">Bridge</span>' in page
    assert f'<span style="{mark};color:{COLOURS.text}">Residents</span>' in page


def test_quotation_split_over_blocks_is_tinted_in_each() -> None:
    blocks = (Block("p", "“First part"), Block("p", "second part,” she said."))
    text = body_text(blocks)
    quote = Quote("First part\n\nsecond part,", "Ann", None, "said", 1, text.index("”"))
    page = render_article_html(
        _article(blocks=blocks, quotes=(quote,), figures=()), colours=COLOURS
    )
    assert page.count(f"background-color:{COLOURS.quote_bg}") == 2
    assert page.count('<a name="q0">') == 1


def test_dark_palette_gives_light_text_on_dark_page(qtbot: QtBot) -> None:
    dark = reader_colours(dark_palette())
    assert dark.text != COLOURS.text
    reader = ReaderView(lambda _id: None)
    qtbot.addWidget(reader)
    reader.setPalette(dark_palette())
    reader.show_article(_article())
    assert f"body {{ color:{dark.text};" in reader.rendered_html()
    assert f"background-color:{dark.quote_bg}" in reader.rendered_html()
