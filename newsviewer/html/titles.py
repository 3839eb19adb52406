"""Pick the headline among the titles a page declares."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsviewer.html.metadata import PageMetadata

# Separators between a headline and a site or section name in a <title>.
_SEPARATOR = re.compile(r"\s+[-–—|:•·»/]{1,2}\s+|\s*[｜]\s*|\s+::\s+")
_ALNUM = re.compile(r"[\W_]+")


def choose_title(meta: PageMetadata) -> str:
    """The article's headline: declared metadata first, then <title>, without the site."""
    title = meta.title or meta.document_title
    if not title:
        return meta.headings[0] if meta.headings else ""
    # "Headline | Section | Site" where the page shows "Headline" as its h1.
    for heading in meta.headings:
        if _is_leading_part(heading, title):
            return heading
    return strip_site(title, meta.site, meta.url)


def _is_leading_part(head: str, title: str) -> bool:
    if len(head) >= len(title) or not title.startswith(head):
        return False
    return bool(_SEPARATOR.match(title, len(head)))


def strip_site(title: str, site: str, url: str = "") -> str:
    """Drop a trailing or leading " - Site Name" that names the site."""
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


def _last_separator(title: str) -> int:
    starts = [m.start() for m in _SEPARATOR.finditer(title)]
    return starts[-1] if starts else 0


def _names_site(piece: str, site: str, url: str) -> bool:
    key = _ALNUM.sub("", piece.casefold())
    if not key:
        return False
    site_key = _ALNUM.sub("", site.casefold())
    if site_key and (key == site_key or (len(key) >= 3 and (key in site_key or site_key in key))):
        return True
    host = urlsplit(url).hostname or ""
    host_key = _ALNUM.sub("", host.casefold().removeprefix("www."))
    # "Reuters" in reuters.com, "CNET" in cnet.com, "The Verge" in theverge.com.
    if len(key) < 3:
        return False
    return bool(host_key) and (key in host_key or key.removeprefix("the") in host_key)
