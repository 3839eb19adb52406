"""The plain-text importer on the reference sample and small scrapes of other shapes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsviewer.domain import LIST_ITEM, Article, Quote
from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile
from newsviewer.importers.text import TextImporter
from newsviewer.text.quotes import find_quotes

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "nbc-kerry-iraq.txt"
TEXT = FIXTURES / "text"
BANNER = "IE 11 is not supported"


def parse(path: Path) -> Article:
    return TextImporter().parse(SourceFile(path=path, data=path.read_bytes()))


def parse_bytes(data: bytes, name: str = "story.txt") -> Article:
    return TextImporter().parse(SourceFile(path=Path(name), data=data))


@pytest.fixture(scope="module")
def sample() -> Article:
    return parse(SAMPLE)


@pytest.fixture(scope="module")
def sample_quotes(sample: Article) -> tuple[Quote, ...]:
    return find_quotes(sample.blocks, known_names=sample.authors)


def test_sample_headline_is_the_first_real_line(sample: Article) -> None:
    assert sample.format == "text"
    assert sample.title == "John Kerry: No troops on the ground in US aid to Iraq"


def test_sample_banner_appears_nowhere(sample: Article) -> None:
    everything = [sample.title, sample.summary, sample.byline, sample.text]
    everything += [f.caption + f.credit for f in sample.figures]
    assert not any(BANNER in part for part in everything)


def test_sample_standfirst_is_the_summary_not_a_paragraph(sample: Article) -> None:
    standfirst = (
        "Secretary of State John Kerry pledged support to the Iraqi government after "
        "al Qaeda-linked militants overtook the city of Fallujah last week."
    )
    assert sample.summary == standfirst
    assert all(b.text != standfirst for b in sample.blocks)


def test_sample_repeated_caption_is_one_figure(sample: Article) -> None:
    assert len(sample.figures) == 1
    figure = sample.figures[0]
    assert figure.caption == (
        "Gunmen patrol during clashes with Iraqi security forces in Fallujah, "
        "40 miles west of Baghdad, Iraq, Jan. 5, 2014."
    )
    assert figure.image is None
    assert figure.position == 0
    assert "Gunmen patrol" not in sample.text


def test_sample_body_has_every_paragraph_once(sample: Article) -> None:
    assert sample.text.startswith("Secretary of State John Kerry pledged support")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    paragraphs = [" ".join(line.split()) for line in lines[8:] if line.strip()]
    assert len(paragraphs) == 7
    assert [b.text for b in sample.blocks] == paragraphs
    assert all(b.kind == "p" for b in sample.blocks)


def test_sample_date_only_inferred_from_the_caption(sample: Article) -> None:
    assert sample.published == datetime(2014, 1, 5)
    assert sample.published_inferred is True


def test_sample_quotes_and_speakers(sample: Article, sample_quotes: tuple[Quote, ...]) -> None:
    by_start = {q.text.split()[0]: q for q in sample_quotes}
    kerry = [q for q in sample_quotes if q.speaker == "John Kerry"]
    assert [q.text for q in kerry] == [
        "We will stand with the government of Iraq and with others who will push back "
        "against their efforts to destabilize and to bring back, to wreak havoc on the "
        "region and on the democratic process that is taking hold in Iraq",
        "We’re not contemplating putting boots on the ground. This is their fight, but "
        "we’re going to help them in their fight",
        "These are the most dangerous players in that region",
        "This is a fight that is bigger than just Iraq.",
    ]
    assert by_start["We"].cue == "told"
    assert by_start["We’re"].mention == "Kerry"
    assert by_start["We’re"].cue == "said"
    assert by_start["We’re"].role == "Secretary of State"
    assert kerry[-1].cue == "adding"
    dire = by_start["extremely"]
    assert dire.text.rstrip(".") == "extremely dire"
    assert dire.speaker == "U.S. intelligence officials"
    assert dire.cue == "described"
    assert len(sample_quotes) == 5
    for q in sample_quotes:
        assert sample.text[q.start : q.end] == q.text


def test_sample_quotes_never_start_or_end_at_an_apostrophe(
    sample: Article, sample_quotes: tuple[Quote, ...]
) -> None:
    text = sample.text
    for q in sample_quotes:
        before, after = text[q.start - 1], text[q.end] if q.end < len(text) else ""
        assert before in '“"'
        assert after in '”",. '
        assert not q.text.startswith(("re ", "s ")), q.text
    assert not any("ISIL" in q.text for q in sample_quotes)


def test_bbc_style_headline_paragraphs_and_straight_quotes() -> None:
    article = parse(TEXT / "bbc-style.txt")
    assert article.title == "Chip maker profits beat forecasts"
    assert article.summary == ""
    source = (TEXT / "bbc-style.txt").read_text(encoding="utf-8").splitlines()[2:]
    expected = [line.removeprefix("- ") for line in source if line.strip()]
    assert [b.text for b in article.blocks] == expected
    assert [b.kind for b in article.blocks].count(LIST_ITEM) == 2
    quotes = find_quotes(article.blocks)
    assert [(q.text, q.speaker) for q in quotes] == [
        (
            "Our results show that demand for our products remains strong",
            "Anna Berg",
        ),
        ("We are confident about 2005", "Anna Berg"),
        ("It was a very good quarter", "Tom Hale"),
    ]
    assert quotes[0].role == "chief executive"
    assert quotes[1].mention == "she"


def test_captions_credits_byline_and_dateline() -> None:
    article = parse(TEXT / "captions-credits.txt")
    assert article.title == "Floods close main road into city"
    assert article.byline == "By Jane Doe and John Roe, Example News"
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.published == datetime(2014, 1, 6, 17, 3)
    assert article.published_inferred is False
    assert [b.text for b in article.blocks] == [
        "Heavy rain closed the main road into the city on Monday, police said.",
        "The road is expected to reopen on Wednesday, officials said.",
        "Residents were moved to a school hall overnight.",
    ]
    first, second = article.figures
    assert first.caption == (
        "Rescue workers carry a resident through flood water in the city centre, Jan. 6, 2014."
    )
    assert first.credit == "AP Photo/Sam Smith"
    assert first.position == 1
    assert second.caption == "Water reached the first floor of several homes"
    assert second.credit == "Getty Images"
    assert second.position == 2
    assert "Advertisement" not in article.text
    assert "Read more" not in article.text


def test_hard_wrapped_paragraphs_are_joined() -> None:
    article = parse(TEXT / "wrapped.txt")
    assert len(article.blocks) == 2
    assert article.blocks[0].text.startswith("The city council approved the new budget")
    assert "on Tuesday evening after a debate" in article.blocks[0].text


def test_latin1_file_is_read() -> None:
    article = parse(TEXT / "latin1.txt")
    assert article.title == "Café owners welcome tax cut"
    assert "cafés" in article.text


def test_utf16_with_bom_is_read() -> None:
    data = "Headline here\n\nA body paragraph about the news.\n".encode("utf-16")
    article = parse_bytes(data)
    assert article.title == "Headline here"
    assert article.text == "A body paragraph about the news."


def test_a_story_about_cookies_keeps_its_paragraphs() -> None:
    article = parse(TEXT / "cookies-story.txt")
    assert any("without offering a choice" in b.text for b in article.blocks)


@pytest.mark.parametrize("data", [b"", b"   \n\n\t \r\n"])
def test_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(ParseError, match="empty file"):
        parse_bytes(data)


def test_headline_only_is_refused_with_a_reason() -> None:
    with pytest.raises(ParseError, match="no article text"):
        parse_bytes(b"Just a headline\n")


def test_only_furniture_is_refused() -> None:
    with pytest.raises(ParseError, match="furniture"):
        parse_bytes(b"Advertisement\n\nRead more\n")


def test_binary_file_is_refused() -> None:
    with pytest.raises(ParseError):
        parse_bytes(bytes(range(256)) * 20)


def test_sniff_accepts_text_and_refuses_html_and_binary() -> None:
    importer = TextImporter()
    assert importer.name == "text"
    assert importer.extensions == (".txt", ".text")
    assert importer.sniff(SAMPLE.read_bytes()[:512])
    assert not importer.sniff(b"<!DOCTYPE html><html><body>x</body></html>")
    assert not importer.sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
