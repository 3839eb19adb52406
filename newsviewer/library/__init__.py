"""The article library: SQLite through SQLAlchemy, migrations, full-text search."""

from newsviewer.library.repository import DeletedArticle, Library, StoreRequest

__all__ = ["DeletedArticle", "Library", "StoreRequest"]
