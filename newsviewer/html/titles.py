"""Pick the headline among the titles a page declares."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsviewer.html.metadata import PageMetadata
from newsviewer.html.text_keys import letters_key

# Separators between a headline and a site or section name in a <title>.
# Full-width bars and colons need no spaces ("見出し：朝日新聞デジタル").
_SEPARATOR = re.compile(r"\s+[-–—|:•·»/]{1,2}\s+|\s*[｜：]\s*|\s+::\s+")
# An h1 shorter than this is a logo or section name ("Opinion", "Arbeit"); longer
# than this it is a whole standfirst set in large type.
_MIN_HEADLINE_CHARS = 12
_MAX_HEADLINE_CHARS = 300
# Share of an h1's words that must also be in the metadata title for the h1 to win.
_SHARED_WORDS = 1.0
# Punctuation that joins a site name to a headline without spaces ("Headline:Site").
_TIGHT_SEPARATORS = ":|-–—｜_/·•»"


def choose_title(meta: PageMetadata) -> str:
    """The article's headline: declared metadata first, then <title>, without the site."""
    title = meta.title or meta.document_title
    if not title:
        return meta.headings[0] if meta.headings else ""
    second = _second_level_headline(meta, title)
    if second:
        return second
    # "Headline | Section | Site" where the page shows "Headline" as its h1.
    for heading in meta.headings:
        if _is_leading_part(heading, title):
            return _after_name(heading, title)
    stripped = strip_site(title, meta.site, meta.url)
    display = _display_title(meta, title)
    if display:
        return display
    marked = _marked_headline(meta, title)
    if marked:
        return marked
    # The one h1 of a page is the headline its readers see; metadata titles carry
    # extras for search engines ("Opinion | ..."). Only an h1 that is mostly the same
    # words is trusted: a lone h1 is also often a logo. A title that runs the h1 on
    # without a separator ("Headline （CNET Japan）") is the publisher's fuller form.
    shown = {h.text for h in meta.shown_headings}
    if (
        len(meta.headings) == 1
        # A logo linking to the front page also repeats the site's name in the title.
        and meta.headings[0] in shown
        and _close_variant(meta.headings[0], stripped)
        and not _extended(meta.headings[0], stripped)
    ):
        return meta.headings[0]
    return _visible_headline(meta, stripped) or stripped


def _after_name(heading: str, title: str) -> str:
    """The h1 that opens the <title>, or what follows it when the h1 is only a name.

    A blog sets its own name as the h1 and titles each post "Blog Name - Post
    title": an h1 too short to be a headline, before a headline-sized rest, is the
    site's name.
    """
    match = _SEPARATOR.match(title, len(heading) + (title[len(heading)] in "。.!！"))
    rest = title[match.end() :].strip() if match else ""
    if not _headline_sized(heading) and _headline_sized(rest):
        return rest
    return heading


def _second_level_headline(meta: PageMetadata, title: str) -> str:
    """The h2 headline of a page whose h1s are all names, logos or breadcrumbs.

    A marked h2 (itemprop=headline, a headline class, in the article's <header>) wins
    when it shares topic words with the metadata title, which is often reworded for
    social cards; an unmarked one only when it holds the whole metadata title (a
    social title cut short of the headline's second line).
    """
    second = meta.second_level
    if second is None or not _headline_sized(second.text):
        return ""
    if any(
        _headline_sized(h.text) and not _names_site(h.text, meta.site, meta.url)
        for h in meta.shown_headings
    ):
        return ""
    document = meta.document_title
    if document.startswith(second.text) and len(document) > 2 * len(second.text):
        # "Work - Chapter 1 - Author - Fandom | Site": a window title that goes on for
        # longer than the h2 says more than a site's name after it.
        return ""
    if second.marked:
        said = _topic_words(title) | _topic_words(document)
        return second.text if _topic_words(second.text) & said else ""
    key = letters_key(strip_site(title, meta.site, meta.url))
    return second.text if key and key in letters_key(second.text) else ""


# Paragraph text allowed between the two titles of a feature's header: a dek, a
# byline and a date run to a few hundred characters; the story itself to thousands.
_HEADER_TEXT = 500


def _display_title(meta: PageMetadata, title: str) -> str:
    """A feature's display title, set as a second h1 beside the plain one.

    Features show a display title ("Broken Pledge") in large type and keep a plain,
    searchable headline in another h1, the one their metadata repeats. Of two
    headline-sized h1s, when exactly one says the metadata title, the other is what
    the reader sees as the title if it is marked as a headline and sits in the same
    header (not after the story has begun, like a "Follow us on Twitter" box).
    """
    sized = [
        h
        for h in meta.shown_headings
        if _headline_sized(h.text) and not _names_site(h.text, meta.site, meta.url)
    ]
    if len(sized) != 2:
        return ""
    said = [h for h in sized if _says_title(h.text, title, meta)]
    if len(said) != 1:
        return ""
    other = sized[1] if said[0] is sized[0] else sized[0]
    if not other.marked or len(other.text) < _MIN_HEADLINE_CHARS:
        return ""
    if abs(other.text_before - said[0].text_before) > _HEADER_TEXT:
        return ""
    return other.text


def _says_title(heading: str, title: str, meta: PageMetadata) -> bool:
    key = letters_key(heading)
    document = meta.document_title
    return (
        key in (letters_key(title), letters_key(strip_site(document, meta.site, meta.url)))
        or _is_leading_part(heading, title)
        or _is_leading_part(heading, document)
    )


def _marked_headline(meta: PageMetadata, title: str) -> str:
    """The one h1 the markup calls the headline, when it differs from the metadata title.

    Metadata titles are written for search results and social cards, and are often
    shortened or reworded ("... Her Coat" for "... Her Céline Coat: 'I Wore It Four
    Times'"); the h1 marked as the headline is what the story's readers see. Two
    sources that agree beat it: a JSON-LD headline that the <title> repeats. Pages with
    several different marked h1s (a feature's display title beside its plain one) are
    left to the metadata.
    """
    if meta.confirmed_ld_title:
        return ""
    pieces = _SEPARATOR.split(meta.document_title)[1:]
    candidates = [
        h
        for h in meta.marked_headings
        if _headline_sized(h)
        and not _names_site(h, meta.site, meta.url)
        # A trailing piece of the <title> ("Headline - Blog Name") is the site's name.
        and not any(letters_key(h) == letters_key(p) for p in pieces)
    ]
    if len(candidates) != 1:
        return ""
    heading = candidates[0]
    key = letters_key(heading)
    if key == letters_key(title):
        # The same words: the page's own punctuation ("Fantastic Beasts:" where the
        # social title quotes it) is the headline as set.
        return heading
    # "Artist – Song", "Section | Headline": an h1 that is the metadata title's last
    # piece, after a spaced separator, is the headline that piece stands for.
    pieces = _SEPARATOR.split(title)
    if len(pieces) >= 2 and letters_key(pieces[-1]) == key != letters_key(pieces[0]):
        return heading
    # An h1 that the metadata title holds whole is its shorter form ("Lust for Youth"
    # in "Lust for Youth: Lust for Youth", "Headline" in "Opinion | Headline"): the
    # longer title says more, and the separators are handled further on.
    if key in letters_key(title):
        return ""
    # A headline and its social or search title are about the same story and share
    # words; an h1 sharing none is a widget's ("Original text" in a translation popup).
    if not _topic_words(heading) & (_topic_words(title) | _topic_words(meta.description)):
        return ""
    return heading


# Words of at least this many letters carry the topic; shorter ones are "the", "of".
_TOPIC_WORD = re.compile(r"[^\W\d_]{4,}")
# Scripts written without spaces are compared by pairs of characters.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}")


def _topic_words(text: str) -> set[str]:
    text = text.casefold()
    words = set(_TOPIC_WORD.findall(text))
    for run in _UNSPACED.findall(text):
        words.update(run[i : i + 2] for i in range(len(run) - 1))
    return words


def _headline_sized(text: str) -> bool:
    """Long enough to be a headline rather than a section name, short enough not a dek.

    Two words suffice for a marked h1 ("Purple Rain"); texts without spaces (Chinese,
    Japanese) go by their length instead.
    """
    if len(text) > _MAX_HEADLINE_CHARS:
        return False
    return len(text.split()) >= 2 or len(text) >= _MIN_HEADLINE_CHARS


def _extended(heading: str, title: str) -> bool:
    """The title is the h1 run on with more words, not set off by a separator.

    "Headline （CNET Japan）", "Name on Twitter", "Headline _Section _Site": the
    publisher's title says where the story comes from; the h1 is only its first part.
    """
    if not title.startswith(heading) or len(title) == len(heading):
        return False
    return not _SEPARATOR.match(title, len(heading))


def _visible_headline(meta: PageMetadata, stripped: str) -> str:
    """The page's one headline-sized h1 when the <title> says the same, else "".

    og:title and friends are often written for social cards, shorter or reworded
    ("Schrödinger's Hack"); when the two things a reader sees, the window title and
    the h1, agree (modulo the site's name) they are the headline. Pages with several
    such h1s, or an h1 only a social title backs, are left to the metadata.
    """
    candidates = [
        h
        for h in meta.headings
        if _MIN_HEADLINE_CHARS <= len(h) <= _MAX_HEADLINE_CHARS
        and not _names_site(h, meta.site, meta.url)
    ]
    if len(candidates) != 1:
        return ""
    heading = candidates[0]
    key = letters_key(heading)
    if key == letters_key(stripped):
        return ""
    # A metadata title shorter than a headline is a section name ("Arbeit") that the
    # h1 states in full ("Wir kämpfen für gute Arbeit").
    if len(stripped) < _MIN_HEADLINE_CHARS and _words(stripped) <= _words(heading):
        return heading
    document = meta.document_title
    if letters_key(strip_site(document, meta.site, meta.url)) == key:
        return heading
    return heading if _is_leading_part(heading, document) else ""


def _close_variant(heading: str, title: str) -> bool:
    if not _MIN_HEADLINE_CHARS <= len(heading) <= _MAX_HEADLINE_CHARS:
        return False
    ours, theirs = _words(heading), _words(title)
    if not ours or ours == theirs:
        return False
    return len(ours & theirs) / len(ours) >= _SHARED_WORDS


def _words(text: str) -> set[str]:
    # Single letters are initials an abbreviation leaves ("J&K" for "Jammu and
    # Kashmir"), which the longer form spells out.
    return set(re.findall(r"\w\w+", text.casefold()))


def _is_leading_part(head: str, title: str) -> bool:
    if len(head) >= len(title) or not title.startswith(head):
        return False
    # A full stop may close the headline before the separator ("...を発売。 | Site").
    end = len(head) + (title[len(head)] in "。.!！")
    return bool(_SEPARATOR.match(title, end))


def strip_site(title: str, site: str, url: str = "") -> str:
    """Drop a trailing or leading " - Site Name" that names the site."""
    tight = _tight_site_suffix(title, site)
    if tight:
        return tight
    pieces = _SEPARATOR.split(title)
    if len(pieces) < 2:
        return title
    if _names_site(pieces[-1], site, url):
        cut = _last_separator(title)
        stripped = title[:cut].rstrip() if cut else title
        return stripped or title
    if _names_site(pieces[0], site, url):
        match = _SEPARATOR.search(title)
        return title[match.end() :] if match else title
    return title


def _tight_site_suffix(title: str, site: str) -> str:
    """ "Headline:Site Name" with the exact site name after a spaceless separator."""
    if not site or len(title) <= len(site) or not title.endswith(site):
        return ""
    rest = title[: -len(site)].rstrip()
    if len(rest) < 2 or rest[-1] not in _TIGHT_SEPARATORS:
        return ""
    return rest[:-1].rstrip()


def _last_separator(title: str) -> int:
    starts = [m.start() for m in _SEPARATOR.finditer(title)]
    return starts[-1] if starts else 0


def _names_site(piece: str, site: str, url: str) -> bool:
    key = letters_key(piece)
    if not key:
        return False
    site_key = letters_key(site)
    # "BBC News" names the site "BBC"; a piece much longer than the site name that
    # contains it is a headline mentioning the site ("Trip (2) @ Blog Name").
    if site_key and (
        key == site_key
        or (
            len(key) >= 3
            and (key in site_key or (site_key in key and len(key) <= 2 * len(site_key)))
        )
    ):
        return True
    host = urlsplit(url).hostname or ""
    host_key = letters_key(host.casefold().removeprefix("www."))
    # "Reuters" in reuters.com, "CNET" in cnet.com, "The Verge" in theverge.com.
    if len(key) < 3:
        return False
    return bool(host_key) and (key in host_key or key.removeprefix("the") in host_key)
