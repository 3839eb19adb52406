"""Errors a person can act on, kept apart from bugs."""

from __future__ import annotations


class NewsViewerError(Exception):
    """Base of every error we expect and explain."""


class ParseError(NewsViewerError):
    """A file could not be turned into an article; the message says why."""


class UnsupportedFormat(ParseError):
    pass


class LibraryError(NewsViewerError):
    """The library file could not be opened or written (disk full, permissions, corruption)."""


class QueryError(NewsViewerError):
    """A search the library could not run; the message says why."""
