"""What a person sees after importing a saved web page."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsviewer.domain import Article, Figure
from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

FIXTURES = Path(__file__).parent / "fixtures" / "html"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def parse(name: str) -> Article:
    path = FIXTURES / name
    return HtmlImporter().parse(SourceFile(path=path, data=path.read_bytes()))


@pytest.fixture(scope="module")
def article() -> Article:
    return parse("complete.html")


def test_metadata_from_json_ld_and_open_graph(article: Article) -> None:
    assert article.format == "html"
    assert article.title == "Harbour wall to be rebuilt after winter storms"
    assert article.authors == ("Maria Lopez", "Tom Reed")
    assert article.byline == "Maria Lopez and Tom Reed"
    assert article.published == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert article.published_inferred is False
    assert article.site == "The Coastal Gazette"
    assert article.url == "https://gazette.example/news/harbour-wall"
    assert article.language == "en-GB"
    assert article.summary.startswith("Engineers say the 19th-century wall")
    assert article.quotes == ()


def test_body_is_the_story_in_order(article: Article) -> None:
    texts = [b.text for b in article.blocks]
    assert texts[0].startswith("The council has approved a plan")
    assert texts[-1].startswith("The cost of the project")
    assert all(b.kind == "p" for b in article.blocks)
    # The headline is the title, not repeated as the first body block.
    assert "Harbour wall to be rebuilt" not in texts[0]
    assert "Subscribe" not in article.text and "All rights reserved" not in article.text


def test_no_script_style_iframe_form_or_comment_reaches_the_body(article: Article) -> None:
    stored = article.text + "".join(f.caption + f.credit + f.alt for f in article.figures)
    for secret in (
        "SCRIPT-SECRET",
        "INJECTED",
        "STYLE-SECRET",
        "IFRAME-SECRET",
        "COMMENT-SECRET",
        "FORM-SECRET",
        "steal()",
        "<",
        ">",
    ):
        assert secret not in stored


def test_figure_caption_credit_and_local_image(article: Article) -> None:
    lead = article.figures[0]
    assert lead.caption == "Waves broke through the wall in January."
    assert lead.credit == "Photo: Ana Silva"
    assert lead.alt == "The damaged harbour wall at low tide"
    assert lead.position == 0
    assert lead.mime == "image/png"
    assert lead.image == (FIXTURES / "complete_files" / "harbour.png").read_bytes()


def test_data_uri_image_is_decoded(article: Article) -> None:
    diagram = next(f for f in article.figures if f.alt == "Diagram of the new wall")
    assert diagram.caption == "How the new wall will sit on the old foundations."
    assert diagram.image is not None and diagram.image.startswith(PNG_MAGIC)
    assert diagram.mime == "image/png"
    # It stands before the paragraph that followed it on the page.
    assert article.blocks[diagram.position].text.startswith("Work is due to start")


def test_remote_image_keeps_its_url_and_is_not_fetched(article: Article) -> None:
    fleet = next(f for f in article.figures if f.alt == "Fishing boats in the bay")
    assert fleet.src == "https://cdn.gazette.example/images/fleet.jpg"
    assert fleet.image is None and fleet.mime is None
    assert fleet.caption == "The fishing fleet will move to temporary moorings."
    assert fleet.credit == "Gazette Archive"


def test_image_outside_the_page_folder_is_never_read(article: Article) -> None:
    outside = next(f for f in article.figures if f.alt == "Outside the page folder")
    assert outside.image is None


def test_tracking_pixel_is_not_a_figure(article: Article) -> None:
    assert not any("pixel" in f.src for f in article.figures)
    assert len(article.figures) == 4


def test_page_copied_elsewhere_still_finds_its_files_folder(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "complete.html", tmp_path / "story.html")
    (tmp_path / "complete_files").mkdir()
    shutil.copy(FIXTURES / "complete_files" / "harbour.png", tmp_path / "complete_files")
    path = tmp_path / "story.html"
    article = HtmlImporter().parse(SourceFile(path=path, data=path.read_bytes()))
    assert article.figures[0].image is not None


def test_page_cut_off_mid_story_keeps_text_and_warns() -> None:
    article = parse("truncated_midstory.html")
    assert article.title == "Ferry timetable changes for the summer"
    assert article.authors == ("Kate Moss-Hill",)
    assert article.published is not None and article.published.utcoffset() is not None
    assert len(article.blocks) == 3
    assert any("cut off" in w for w in article.warnings)


def test_page_cut_off_before_the_story_is_refused() -> None:
    with pytest.raises(ParseError, match="no article text"):
        parse("truncated.html")


def test_page_without_an_article_is_refused() -> None:
    with pytest.raises(ParseError, match="no article text found"):
        parse("no_article.html")


def test_empty_file_is_refused() -> None:
    with pytest.raises(ParseError):
        HtmlImporter().parse(SourceFile(path=FIXTURES / "empty.html", data=b""))


def test_declared_charset_is_honoured() -> None:
    html = (
        "<html><head><meta charset='windows-1252'><title>Caf\xe9 opens</title></head><body>"
        "<article><h1>Caf\xe9 opens</h1>"
        + "".join(
            f"<p>Paragraph {i} about the new caf\xe9 \u2013 it serves cr\xe8me br\xfbl\xe9e "
            "and coffee to the people of the old town every morning.</p>"
            for i in range(5)
        )
        + "</article></body></html>"
    ).encode("cp1252")
    article = HtmlImporter().parse(SourceFile(path=FIXTURES / "x.html", data=html))
    assert article.title == "Café opens"
    assert "crème brûlée" in article.text and "–" in article.text


def test_sniff_recognises_saved_pages() -> None:
    importer = HtmlImporter()
    assert importer.sniff(b"<!DOCTYPE html><html>")
    assert importer.sniff(b"\xef\xbb\xbf  <!-- saved from url=(0040)https://x.example -->\n<html>")
    assert not importer.sniff(b"Headline of a text scrape\n\nBody text")
    assert ".html" in importer.extensions and importer.name == "html"


# ---- small hand-written pages for single rules ------------------------------------

_STORY = "".join(
    f"<p>Paragraph {i} of the story tells readers what the council decided about the "
    "harbour wall, who spoke at the meeting and what happens next.</p>"
    for i in range(6)
)


def page(
    head: str = "", before: str = "", body: str = _STORY, title: str = "A headline"
) -> Article:
    html = (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
        f"<article><h1>{title}</h1>{before}{body}</article></body></html>"
    )
    return HtmlImporter().parse(SourceFile(path=FIXTURES / "inline.html", data=html.encode()))


def test_article_author_wins_over_a_site_wide_author_meta() -> None:
    article = page(
        '<meta name="author" content="Condé Nast">'
        '<meta property="article:author" content="Emma Grey Ellis">'
    )
    assert article.authors == ("Emma Grey Ellis",)
    assert article.byline == "Emma Grey Ellis"


def test_two_article_author_metas_are_two_authors() -> None:
    article = page(
        '<meta property="article:author" content="Ana Silva">'
        '<meta property="article:author" content="Tom Reed">'
    )
    assert article.authors == ("Ana Silva", "Tom Reed")


def test_desk_meta_author_gives_way_to_the_person_in_the_byline_markup() -> None:
    article = page(
        '<meta name="author" content="Coast News">',
        before='<p class="story-meta__authors">By <a href="/staff/steven-shepard">Steven '
        'Shepard</a><button class="share">Link Copied</button></p>',
    )
    assert article.authors == ("Steven Shepard",)


def test_desk_alone_is_shown_but_is_not_a_person() -> None:
    article = page('<meta name="author" content="Coast News Staff">')
    assert article.byline == "Coast News Staff"
    assert article.authors == ()


def test_app_author_name_meta_is_read() -> None:
    article = page('<meta name="branch:deeplink:authorName1" content="Alyssa Newcomb">')
    assert article.authors == ("Alyssa Newcomb",)


def test_byline_markup_drops_dates_job_titles_and_buttons() -> None:
    article = page(
        before='<div class="byline"><span class="author-name">By Howard Blume</span>'
        '<span class="author-title">Staff Writer</span> '
        '<time datetime="2024-03-05">March 5, 2024</time></div>'
    )
    assert article.authors == ("Howard Blume",)


def test_byline_in_a_related_stories_box_is_not_the_authors() -> None:
    article = page(
        before='<div class="related-stories"><span class="byline">By Other Writer</span></div>'
        '<div class="byline">Par Sébastien Farcis</div>'
    )
    assert article.authors == ("Sébastien Farcis",)


def test_names_lose_run_on_dates_roles_and_upper_case_desks() -> None:
    from newsviewer.html.bylines import person_names

    assert person_names(["By Joshua Sokol May 5, 2016"]) == ("Joshua Sokol",)
    assert person_names(["Lucas Nolan22 Dec 2016"]) == ("Lucas Nolan",)
    assert person_names(["Sam Stein Senior Politics Editor; The Huffington Post"]) == ("Sam Stein",)
    assert person_names(["Meg Wagner NEW YORK DAILY NEWS"]) == ("Meg Wagner",)
    assert person_names(["GILLIAN MOHNEY"]) == ("GILLIAN MOHNEY",)
    assert person_names(["Pete Evans · CBC News · Posted: Oct 14, 2022"], "CBC") == ("Pete Evans",)
    assert person_names(["Michiel de Jong", "Theresa May"]) == ("Michiel de Jong", "Theresa May")
    assert person_names(["Authority control"]) == ()


def test_date_written_only_in_the_text_is_found() -> None:
    article = page(before='<div class="meta">2019年04月04日 12:30</div>')
    assert article.published == datetime(2019, 4, 4)
    assert article.published_inferred is True


def test_copyright_year_is_not_a_publication_day() -> None:
    article = page(body=_STORY + "<footer>© 2021 Coast Media</footer>")
    assert article.published is None


def test_dateline_element_wins_over_dates_later_in_the_text() -> None:
    article = page(
        before='<p class="post-date">Posted April 4, 2019</p>',
        body=_STORY + "<p>The wall was last repaired on 12 May 1998 after a storm.</p>",
    )
    assert article.published == datetime(2019, 4, 4)


def raw_page(head: str, body: str) -> Article:
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return HtmlImporter().parse(SourceFile(path=FIXTURES / "inline.html", data=html.encode()))


def test_account_menu_link_before_the_story_is_not_its_byline() -> None:
    article = raw_page(
        "<title>Harbour wall to be rebuilt</title>",
        '<header><ul><li><a href="https://accounts.example/profile/#/?tid=nav">Account and '
        "Profile</a></li></ul></header><article><h1>Harbour wall to be rebuilt</h1>"
        '<div class="author-byline">By <a class="author-name" href="/people/jennifer-rubin/">'
        "Jennifer Rubin</a></div>" + _STORY + "</article>",
    )
    assert article.authors == ("Jennifer Rubin",)
    assert article.byline == "Jennifer Rubin"


# ---- headline ----------------------------------------------------------------------


def test_h1_that_the_window_title_repeats_beats_a_social_card_title() -> None:
    article = raw_page(
        "<title>Hacking and the Countdown to Quantum Computing | The Gazette</title>"
        '<meta property="og:title" content="Schrödinger’s Hack">'
        '<meta property="og:site_name" content="The Gazette">',
        "<article><h1>Hacking and the Countdown to Quantum Computing</h1>" + _STORY + "</article>",
    )
    assert article.title == "Hacking and the Countdown to Quantum Computing"


def test_social_title_stays_when_the_h1_is_only_the_site_name() -> None:
    article = raw_page(
        "<title>Council approves harbour wall plan</title>"
        '<meta property="og:title" content="Council approves harbour wall plan">'
        '<meta property="og:site_name" content="The Coastal Gazette">',
        "<header><h1>The Coastal Gazette</h1></header><article>" + _STORY + "</article>",
    )
    assert article.title == "Council approves harbour wall plan"


def test_section_name_as_metadata_title_gives_way_to_the_h1() -> None:
    article = raw_page(
        '<title>Arbeit - Die Partei</title><meta property="og:title" content="Arbeit">',
        "<article><h1>Wir kämpfen für gute Arbeit</h1>" + _STORY + "</article>",
    )
    assert article.title == "Wir kämpfen für gute Arbeit"


def test_site_name_after_a_spaceless_separator_is_dropped() -> None:
    article = raw_page(
        "<title>Treeviz draws mind maps:phpspot diary</title>"
        '<meta property="og:site_name" content="phpspot diary">',
        "<article>" + _STORY + "</article>",
    )
    assert article.title == "Treeviz draws mind maps"


def test_headline_that_mentions_the_site_name_is_not_cut() -> None:
    article = raw_page(
        "<title>Maple leaves in Hsinchu (2) @ Steven's Blue Sky :: PIXNET ::</title>"
        '<meta property="og:site_name" content="Steven\'s Blue Sky">',
        "<article>" + _STORY + "</article>",
    )
    assert article.title == "Maple leaves in Hsinchu (2) @ Steven's Blue Sky :: PIXNET ::"


# ---- body start ----------------------------------------------------------------------


def _first_block(head: str, article_html: str) -> str:
    article = raw_page(head, article_html)
    return article.blocks[0].text


def test_kicker_supported_by_and_repeated_headline_do_not_open_the_story() -> None:
    first = _first_block(
        "<title>Harbour wall to be rebuilt</title>",
        "<article><p>Supported by</p><p>Coast</p><h2>Harbour wall to be rebuilt</h2>"
        + _STORY
        + "</article>",
    )
    assert first.startswith("Paragraph 0 of the story")


def test_by_line_and_dateline_that_repeat_the_byline_are_dropped() -> None:
    first = _first_block(
        '<title>Harbour wall to be rebuilt</title><meta name="author" content="Ana Silva">',
        "<article><p>Aug 8, 2016</p><p>By Ana Silva - Jan 9, 2017 at 10:05AM</p>"
        + _STORY
        + "</article>",
    )
    assert first.startswith("Paragraph 0 of the story")


def test_deck_under_the_headline_is_not_the_first_paragraph() -> None:
    first = _first_block(
        "<title>Harbour wall to be rebuilt</title>",
        "<article><h1>Harbour wall to be rebuilt</h1>"
        "<h2>Engineers say the old wall cannot take another winter of storms</h2>"
        + _STORY
        + "</article>",
    )
    assert first.startswith("Paragraph 0 of the story")


def test_short_first_paragraphs_that_are_sentences_are_kept() -> None:
    story = (
        "<p>It rained.</p><p>By the end of the week the council had met twice and the "
        "harbour master had resigned over the cost of the repairs.</p>"
    )
    article = raw_page(
        '<title>Harbour wall to be rebuilt</title><meta name="author" content="Ana Silva">',
        "<article>" + story + _STORY + "</article>",
    )
    texts = [b.text for b in article.blocks]
    assert texts[0] == "It rained."
    assert texts[1].startswith("By the end of the week")


def test_cjk_sentence_without_a_full_stop_is_not_a_label() -> None:
    story = "<p>一波波接續性低溫寒流報到 已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣</p>"
    article = raw_page("<title>新竹尖石</title>", "<article>" + story + _STORY + "</article>")
    assert article.blocks[0].text.startswith("一波波接續性低溫寒流報到")


def test_a_documents_outline_of_section_titles_is_kept() -> None:
    body = "".join(
        f"<h2>Section {name}</h2><p>Text of section {name} that explains it in full.</p>"
        for name in ("One", "Two", "Three")
    )
    article = raw_page(
        "<title>Guide</title>", "<article><h2>Part A</h2>" + body + _STORY + "</article>"
    )
    assert any(b.text == "Section One" for b in article.blocks)


# ---- figures -------------------------------------------------------------------------


def _lead_figure(figure_html: str, html_class: str = "") -> Figure:
    html = (
        f'<!DOCTYPE html><html class="{html_class}"><head><title>Harbour wall</title></head>'
        f"<body><article>{figure_html}{_STORY}</article></body></html>"
    )
    article = HtmlImporter().parse(SourceFile(path=FIXTURES / "inline.html", data=html.encode()))
    return article.figures[0]


_IMG = '<img src="https://cdn.example/wall.jpg" width="800" height="500" alt="The wall">'


def test_cite_in_a_figure_without_caption_is_its_credit() -> None:
    figure = _lead_figure(
        f"<figure>{_IMG}<span><cite>Photo by Ana Silva/Agency</cite></span></figure>"
    )
    assert figure.credit == "Photo by Ana Silva/Agency"
    assert figure.caption == ""


def test_figure_whose_only_text_is_a_credit_gets_it_as_credit() -> None:
    figure = _lead_figure(f"<figure>{_IMG}<span>Image: Ana Silva</span></figure>")
    assert figure.credit == "Image: Ana Silva"


def test_credit_span_with_hidden_label_is_found_whatever_the_page_flags_say() -> None:
    figure = _lead_figure(
        f'<figure>{_IMG}<figcaption class="caption">The wall in January. '
        '<span class="credit"><span class="visually-hidden">Credit</span> Ana Silva</span>'
        "</figcaption></figure>",
        html_class="flag-simpleExtendedByline-on",
    )
    assert figure.caption == "The wall in January."
    assert figure.credit == "Ana Silva"


def test_breadcrumb_and_headline_with_subtitle_do_not_open_the_story() -> None:
    first = _first_block(
        "<title>Security forum in Kansai</title>",
        "<article><p>Home &gt; Events &gt; Security forum in Kansai</p>"
        "<h2>Security forum in Kansai: from defence to detection</h2>" + _STORY + "</article>",
    )
    assert first.startswith("Paragraph 0 of the story")


def test_short_key_points_box_above_the_story_is_dropped_but_a_long_list_is_kept() -> None:
    points = "<ul><li>Stocks rose to records.</li><li>Bonds gained on stimulus hopes.</li></ul>"
    first = _first_block("<title>Markets</title>", "<article>" + points + _STORY + "</article>")
    assert first.startswith("Paragraph 0 of the story")
    many = "<ul>" + "".join(f"<li>Step {i}: cut the wood.</li>" for i in range(6)) + "</ul>"
    first = _first_block("<title>Markets</title>", "<article>" + many + _STORY + "</article>")
    assert first == "Step 0: cut the wood."


# ---- byline --------------------------------------------------------------------------


def test_author_written_surname_first_is_shown_given_name_first() -> None:
    article = page('<meta name="author" content="Gillman, Steve">')
    assert article.byline == "Steve Gillman"
    assert article.authors == ("Steve Gillman",)


def test_two_desks_separated_by_a_comma_are_not_turned_round() -> None:
    from newsviewer.html.bylines import display_byline

    assert display_byline(["Reuters, AFP"]) == "Reuters, AFP"
    assert display_byline(["By"]) == ""


def test_story_container_with_a_captioned_picture_is_not_taken_for_a_figure() -> None:
    # The caption's nearest holder with an image is the story's own container.
    story = (
        '<div class="article-content"><div class="pic"><img src="pic.jpg" width="600"></div>'
        '<div class="note"><span class="caption">The harbour wall after the storm</span></div>'
        + _STORY
        + "</div>"
    )
    article = raw_page("<title>Harbour wall to be rebuilt</title>", "<main>" + story + "</main>")
    assert article.text.startswith("Paragraph 0 of the story")
    assert "Paragraph 5 of the story" in article.text


# ---- robustness ----------------------------------------------------------------------


def test_a_control_character_in_a_paragraph_does_not_lose_the_story() -> None:
    story = _STORY.replace("harbour wall", "harbour\x10 wall", 1)
    article = raw_page(
        "<title>Harbour wall to be rebuilt</title>", "<article>" + story + "</article>"
    )
    assert article.text.startswith("Paragraph 0 of the story")
    assert "\x10" not in article.text


def test_date_searched_in_the_markup_leaves_the_pictures_of_the_story() -> None:
    # The date search prunes pictures, labels and media from the tree it reads.
    article = page(
        before='<span class="date">2024-03-05</span><figure><picture>'
        '<img src="https://gazette.example/wall.jpg" width="800" height="500"></picture>'
        "<figcaption>The harbour wall after the storm.</figcaption></figure>"
    )
    assert article.published == datetime(2024, 3, 5)
    captions = [f.caption for f in article.figures]
    assert captions == ["The harbour wall after the storm."]


def test_a_credit_set_in_inline_markup_reads_as_the_page_prints_it(tmp_path: Path) -> None:
    page = tmp_path / "credit.html"
    page.write_text(
        "<html><head><title>Coach named</title></head><body><article>"
        "<h1>Coach named</h1>"
        '<figure><img src="a.jpg"><figcaption>The new coach. '
        '<span class="credit">Photo: <b><a href="/p/1">Brett Davis</a></b>, USA TODAY Sports'
        "</span></figcaption></figure>"
        + "<p>The school named its offensive coordinator head coach on Sunday.</p>" * 5
        + "</article></body></html>",
        encoding="utf-8",
    )

    article = HtmlImporter().parse(SourceFile(path=page, data=page.read_bytes()))

    assert [f.credit for f in article.figures] == ["Photo: Brett Davis, USA TODAY Sports"]
