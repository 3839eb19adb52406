"""Pick the headline among the titles a page declares."""

from __future__ import annotations

import re

from newsviewer.html.metadata import PageMetadata

# Separators between a headline and the site name in a <title>.
_SUFFIX = re.compile(r"\s+[-–—|:•·»]\s+")


def choose_title(meta: PageMetadata, h1: str) -> str:
    """The article's headline: declared metadata first, then <title> without the site."""
    if meta.title:
        return strip_site(meta.title, meta.site)
    if h1 and meta.document_title and h1.casefold() in meta.document_title.casefold():
        return h1
    if meta.document_title:
        return strip_site(meta.document_title, meta.site)
    return h1


def strip_site(title: str, site: str) -> str:
    """Drop a trailing (or leading) " - Site Name" that repeats the site's name."""
    parts = _SUFFIX.split(title)
    if len(parts) < 2:
        return title
    site_key = site.casefold()
    if site_key and parts[-1].casefold() in (site_key, site_key.removeprefix("the ")):
        return _SUFFIX.split(title)[0] if len(parts) == 2 else title[: title.rfind(parts[-1])].rstrip(" -–—|:•·»")
    if site_key and parts[0].casefold() == site_key:
        return title[len(parts[0]) :].lstrip(" -–—|:•·»")
    return title
