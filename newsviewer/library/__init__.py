"""The article library: SQLite through SQLAlchemy, migrations, full-text search."""

from newsviewer.library.repository import DeletedArticle, Library

__all__ = ["DeletedArticle", "Library"]
