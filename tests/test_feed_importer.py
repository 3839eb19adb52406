"""News feeds: RSS 2.0 with content:encoded, Atom with escaped HTML, JSON Feed."""

from __future__ import annotations

import base64
import html
import json
from datetime import datetime
from pathlib import Path

import pytest

from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile, is_container
from newsviewer.importers.feeds import SUMMARY_ONLY, FeedImporter
from newsviewer.importers.registry import Registry
from tests.formats_story import (
    IMAGE_URL,
    PHOTO,
    SITE,
    TITLE,
    URL,
    assert_photo,
    assert_story,
    body_html,
)

DATA_IMAGE = "data:image/png;base64," + base64.b64encode(PHOTO).decode("ascii")
MARCH_5 = datetime(2024, 3, 5, 8, 30)


def rss() -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>{SITE}</title>
  <link>https://gazette.example/</link>
  <description>News from the coast</description>
  <language>en-gb</language>
  <atom:link href="https://gazette.example/feed" rel="self" type="application/rss+xml"/>
  <item>
    <title>{TITLE}</title>
    <link>{URL}</link>
    <guid isPermaLink="true">{URL}</guid>
    <dc:creator><![CDATA[Maria Lopez]]></dc:creator>
    <pubDate>Tue, 05 Mar 2024 08:30:00 +0000</pubDate>
    <description><![CDATA[Engineers say the wall cannot survive another season.]]></description>
    <content:encoded><![CDATA[{body_html(DATA_IMAGE)}
      <img src="https://gazette.example/pixel.gif" width="1" height="1">]]></content:encoded>
  </item>
  <item>
    <title>Ferry timetable changes for the summer</title>
    <link>https://gazette.example/news/ferry</link>
    <pubDate>Mon, 04 Mar 2024 17:00:00 +0000</pubDate>
    <description>Ferries will run every hour from May; the full timetable is online.</description>
  </item>
</channel>
</rss>
""".encode()


def atom() -> bytes:
    escaped = html.escape(body_html(DATA_IMAGE))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>{SITE}</title>
  <id>tag:gazette.example,2024:feed</id>
  <updated>2024-03-05T09:00:00Z</updated>
  <link href="https://gazette.example/"/>
  <entry>
    <title type="html">{html.escape(TITLE)}</title>
    <id>tag:gazette.example,2024:harbour-wall</id>
    <link rel="alternate" type="text/html" href="{URL}"/>
    <published>2024-03-05T08:30:00Z</published>
    <updated>2024-03-05T09:00:00Z</updated>
    <author><name>Maria Lopez</name></author>
    <summary>Engineers say the wall cannot survive another season.</summary>
    <content type="html">{escaped}</content>
  </entry>
</feed>
""".encode()


def json_feed() -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": SITE,
        "home_page_url": "https://gazette.example/",
        "feed_url": "https://gazette.example/feed.json",
        "language": "en-GB",
        "items": [
            {
                "id": "harbour-wall",
                "url": URL,
                "title": TITLE,
                "content_html": body_html(DATA_IMAGE),
                "summary": "Engineers say the wall cannot survive another season.",
                "date_published": "2024-03-05T08:30:00Z",
                "authors": [{"name": "Maria Lopez", "url": "https://gazette.example/maria"}],
            },
            {
                "id": "ferry",
                "url": "https://gazette.example/news/ferry",
                "title": "Ferry timetable changes for the summer",
                "content_text": "Ferries will run every hour from May.\n\nThe timetable is online.",
                "date_published": "2024-03-04T17:00:00Z",
            },
        ],
    }
    return json.dumps(feed, indent=2).encode()


def parts(data: bytes, name: str) -> list:  # type: ignore[type-arg]
    return list(FeedImporter().parse_parts(SourceFile(path=Path(name), data=data)))


@pytest.mark.parametrize(
    ("maker", "name"), [(rss, "news.rss"), (atom, "news.atom"), (json_feed, "feed.json")]
)
def test_each_item_is_a_story_with_its_full_content(maker, name) -> None:  # type: ignore[no-untyped-def]
    found = parts(maker(), name)
    first = found[0]
    assert first.number == 1 and first.label == TITLE
    article = first.article
    assert article.format == "feed"
    assert article.url == URL
    assert article.site == SITE
    assert article.authors == ("Maria Lopez",)
    assert article.byline == "Maria Lopez"
    assert article.warnings == ()
    done = assert_story(article, published=MARCH_5)
    # The data: image keeps its bytes; the tracking pixel is dropped.
    assert_photo(done)
    assert len(done.figures) == 1
    assert done.figures[0].position == 0


def test_a_summary_only_item_keeps_its_summary_and_link_and_says_so() -> None:
    found = parts(rss(), "news.rss")
    assert len(found) == 2
    ferry = found[1].article
    assert ferry.title == "Ferry timetable changes for the summer"
    assert ferry.url == "https://gazette.example/news/ferry"
    assert ferry.text.startswith("Ferries will run every hour from May")
    assert ferry.warnings == (SUMMARY_ONLY,)
    assert ferry.published == datetime.fromisoformat("2024-03-04T17:00:00+00:00")


def test_json_feed_text_content_becomes_paragraphs() -> None:
    ferry = parts(json_feed(), "feed.json")[1].article
    assert [b.text for b in ferry.blocks] == [
        "Ferries will run every hour from May.",
        "The timetable is online.",
    ]
    assert ferry.warnings == ()


def test_parts_have_their_own_bytes_for_dedupe() -> None:
    found = parts(rss(), "news.rss")
    assert found[0].original != found[1].original
    assert parts(rss(), "again.rss")[0].original == found[0].original


@pytest.mark.parametrize(
    ("maker", "name"), [(rss, "x.bin"), (atom, "x.xml"), (json_feed, "x.json")]
)
def test_feeds_are_sniffed_by_content(maker, name) -> None:  # type: ignore[no-untyped-def]
    chosen = Registry().choose(Path(name), maker()[:4096])
    assert chosen.name == "feed" and is_container(chosen)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (rss()[:900], "cut off"),
        (json_feed()[:300], "broken or cut off"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
            "no items",
        ),
        (
            b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]>"
            b"<rss version='2.0'><channel><item><title>&b;</title></item></channel></rss>",
            "entities",
        ),
        (b'{"version": "https://example.com/other", "items": []}', "not a JSON Feed"),
    ],
)
def test_broken_truncated_and_hostile_feeds_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parts(data, "feed.xml")


def test_a_json_feed_nested_without_end_is_refused() -> None:
    deep = b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 100_000
    deep += b"]" * 100_000 + b"}"
    with pytest.raises(ParseError, match="nested too deeply"):
        parts(deep, "feed.json")


def test_an_rss_091_description_holding_the_whole_story_is_the_story() -> None:
    description = html.escape(body_html(DATA_IMAGE))
    data = f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="0.91"><channel><title>{SITE}</title><link>https://gazette.example/</link>
<description>News</description><language>en</language>
<item><title>{TITLE}</title><link>{URL}</link><description>{description}</description></item>
</channel></rss>""".encode("latin-1")
    article = parts(data, "old.rss")[0].article
    assert article.warnings == ()
    assert article.summary == ""
    assert_photo(assert_story(article))


def test_a_media_rss_photo_beside_a_summary_is_kept_as_a_figure_not_as_the_story() -> None:
    data = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>{SITE}</title>
<item><title>{TITLE}</title><link>{URL}</link>
<description>Engineers say the old wall cannot survive another season of storms.</description>
<media:content url="{IMAGE_URL}" medium="image" width="800" height="533">
  <media:description type="plain">Waves broke through the wall in January.</media:description>
  <media:credit scheme="urn:ebu">Ana Silva</media:credit>
</media:content>
</item></channel></rss>""".encode()
    article = parts(data, "media.rss")[0].article
    assert article.text == "Engineers say the old wall cannot survive another season of storms."
    assert article.warnings == (SUMMARY_ONLY,)
    (figure,) = article.figures
    assert (figure.src, figure.caption, figure.credit) == (
        IMAGE_URL,
        "Waves broke through the wall in January.",
        "Ana Silva",
    )
    assert figure.image is None


def test_a_json_feed_item_image_is_kept_as_its_figure() -> None:
    feed = json.loads(json_feed())
    feed["items"][1]["image"] = IMAGE_URL
    ferry = parts(json.dumps(feed).encode(), "feed.json")[1].article
    assert [f.src for f in ferry.figures] == [IMAGE_URL]
