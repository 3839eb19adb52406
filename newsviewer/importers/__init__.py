"""Format importers: a file in, an article record out. No Qt, no database."""

from newsviewer.importers.pipeline import MAX_FILE_BYTES, parse_bytes, parse_file

__all__ = ["MAX_FILE_BYTES", "parse_bytes", "parse_file"]
