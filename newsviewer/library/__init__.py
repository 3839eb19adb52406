"""The article library: SQLite through SQLAlchemy, migrations, full-text search."""

# The reader's own tables join ``Base.metadata`` here, so migrations and the
# schema check see them wherever the library is imported from.
from newsviewer.library import ledger_models as _ledger_models  # noqa: F401
from newsviewer.library import user_models as _user_models  # noqa: F401
from newsviewer.library.repository import DeletedArticle, Library, StoreRequest

__all__ = ["DeletedArticle", "Library", "StoreRequest"]
