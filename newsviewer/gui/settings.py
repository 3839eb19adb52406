"""What the window remembers between runs, kept in QSettings.

The window takes a ``QSettings`` object so tests can hand it one backed by a file in a
temporary folder; the app uses the per-user store under the organisation/app name.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "NewsViewer"
APPLICATION = "NewsViewer"


class WindowSettings:
    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    @property
    def store(self) -> QSettings:
        return self._store

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, data: QByteArray) -> None:
        self._store.setValue("window/geometry", data)

    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"window/{name}")

    def set_splitter(self, name: str, data: QByteArray) -> None:
        self._store.setValue(f"window/{name}", data)

    def selected_article(self) -> int | None:
        value = self._store.value("reader/selected")
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def set_selected_article(self, article_id: int | None) -> None:
        if article_id is None:
            self._store.remove("reader/selected")
        else:
            self._store.setValue("reader/selected", int(article_id))

    def reader_font_pt(self) -> float | None:
        value = self._store.value("reader/font_pt")
        try:
            return float(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def set_reader_font_pt(self, pt: float) -> None:
        self._store.setValue("reader/font_pt", float(pt))

    def quotes_visible(self) -> bool:
        value = self._store.value("reader/quotes_visible", True)
        return value not in (False, "false", "0", 0)

    def set_quotes_visible(self, visible: bool) -> None:
        self._store.setValue("reader/quotes_visible", bool(visible))

    def search_sort(self) -> str:
        """How the list is ordered: "relevance" (the default), "date" (newest first),
        "oldest", "saved", "title" or "site" (``list_session.SORTS``)."""
        value = self._store.value("search/sort", "relevance")
        known = ("relevance", "date", "oldest", "saved", "title", "site")
        return value if isinstance(value, str) and value in known else "relevance"

    def set_search_sort(self, sort: str) -> None:
        self._store.setValue("search/sort", sort)

    def sync(self) -> None:
        self._store.sync()
