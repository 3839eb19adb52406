"""The story list behind the window: what is listed, in which order, and which is selected.

A widget-free QObject: it reads the library off the GUI thread (the first page at once;
facets, the full ranking, all the ids and snippets in the background), drops results of
a search typed further (the generation counter), and decides which story stays selected
as the list fills in. Views react to its signals; tests drive it without a window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QTimer, Signal

from newsviewer.gui.article_list import SUMMARY_BATCH, ArticleListModel, NoLibrary
from newsviewer.gui.tasks import TaskRunner

if TYPE_CHECKING:
    # Annotations only: the window paints before the library code (and SQLAlchemy) loads.
    from newsviewer.domain import ArticleId
    from newsviewer.gui.library_watch import LibraryWatch
    from newsviewer.library import Library
    from newsviewer.library.orders import Order
    from newsviewer.library.search import Facets, SearchPage

# "date" is newest first (published, else saved); "relevance" is best match for a
# search and newest first otherwise. The others are ``orders.Order``s.
Sort = Literal["relevance", "date", "oldest", "saved", "title", "site"]
SORTS: tuple[Sort, ...] = ("relevance", "date", "oldest", "saved", "title", "site")

# Results listed for a search: past ten thousand hits nobody scrolls, and ranking all of
# them for a word found in every story of 100,000 takes about 0.5 s (in the background).
SEARCH_LIMIT = 10_000
# Results shown first, at once: a few screenfuls. Ids only, read in ~20 ms even for a
# word in nearly every story of 100,000; the rest of the list follows in the background.
FIRST_PAGE = 200
# Snippets read with the first page: the rows on screen, so none of them starts blank.
FIRST_SNIPPETS = 40
# A part of the library listed from its first page reads this many next, then the rest:
# in another order the whole part can take seconds at a million stories (401,111 Unread
# by site), and this many are there to scroll through long before.
NEXT_PAGE = 5000


class ListViewport(Protocol):
    """What the session asks of the view showing its list (scrolling, painting)."""

    def scroll_value(self) -> int: ...
    def set_scroll_value(self, value: int) -> None: ...
    def scroll_to_row(self, row: int) -> None: ...
    def after_rows_painted(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the rows now listed are painted (replacing a waiting one)."""
        ...


@dataclass(frozen=True, slots=True)
class _Scoped:
    """The ids of a scope, or of the whole list in another order, as read for a refresh."""

    ids: list[ArticleId]
    # Where the rest comes from when ``ids`` is a first page (None: ``ids`` is all).
    rest: Scope | None = None


class _NoViewport:
    """No view: nothing to scroll, and nothing to wait for before the follow-up reads."""

    def scroll_value(self) -> int:
        return 0

    def set_scroll_value(self, value: int) -> None:
        pass

    def scroll_to_row(self, row: int) -> None:
        pass

    def after_rows_painted(self, then: Callable[[], object]) -> None:
        QTimer.singleShot(0, then)


@dataclass(frozen=True, slots=True)
class Scope:
    """A part of the library listed instead of all of it (a sidebar entry: Unread, a tag).

    ``ids(library, limit)`` reads its stories, newest first (the first ``limit``, or
    all for None), off the GUI thread: the first page at once, the rest after it is
    painted, as for the whole library. A search still looks through the whole library.
    """

    name: str
    ids: Callable[[Library, int | None], list[ArticleId]]
    # Its stories in another order (the first ``limit``), read without reading them all
    # (the first page of 400,000 unread stories by title); None: all its ids, sorted.
    ordered: Callable[[Library, Order, int | None], list[ArticleId]] | None = None

    def in_order(self, order: Order) -> Scope | None:
        """The same stories in ``order``, listed from a first page as this one is."""
        ordered = self.ordered
        if ordered is None:
            return None
        return Scope(f"{self.name}:{order}", lambda library, limit: ordered(library, order, limit))


def _sorted_search(library: Library, query: str, order: Order) -> SearchPage:
    """Every match of ``query`` put in ``order``.

    Newest first the SEARCH_LIMIT newest matches are enough; in any other order they are
    not (the oldest of a big site's stories are not among its newest ten thousand), so a
    search matching more reads every match's id and sorts them all (in the background).
    """
    from newsviewer.library import orders
    from newsviewer.library.search import SearchPage

    page = library.search_page(query, 0, SEARCH_LIMIT, sort="date", exact=True, snippets=False)
    if len(page.hits) >= SEARCH_LIMIT and (page.total is None or page.total > len(page.hits)):
        page = library.search_page(query, 0, None, sort="date", exact=True, snippets=False)
    hits = {hit.id: hit for hit in page.hits}
    ordered = orders.reorder(library, list(hits), order)
    return SearchPage(tuple(hits[i] for i in ordered if i in hits), page.total, False)


class ListSession(QObject):
    """The listed stories of the current query and sort, and the selected one."""

    refresh_started = Signal(str)  # the query being listed (the facet bar resets)
    rows_arriving = Signal()  # a first page is about to be shown
    listed = Signal(int)  # rows now in the list
    ranked = Signal(int)  # rows of a search once its whole result is listed
    completed = Signal(int)  # rows once all ids of a list shown partially are read
    counts_changed = Signal()  # count_text() and is_empty_library() may have changed
    facets_counted = Signal(str, object)  # query, Facets
    current_changed = Signal(object)  # ArticleId | None chosen in the list
    current_kept = Signal()  # the same story stays selected for another query
    emptied = Signal()  # the list has no rows (nothing to read)
    failed = Signal(str)
    # Another window or process changed the library (the list is being read again).
    changed_elsewhere = Signal()

    def __init__(
        self,
        library: Library | None,
        *,
        sort: Sort = "relevance",
        select: ArticleId | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self.model = ArticleListModel(library or NoLibrary(), self)
        self.model.snippets_needed.connect(self._fetch_snippets)
        self.selection = QItemSelectionModel(self.model, self)
        self.selection.currentChanged.connect(self._on_current_changed)
        self.viewport: ListViewport = _NoViewport()
        # The story shown in the reader (set by whoever shows it).
        self.current: ArticleId | None = None
        self.query = ""
        self.scope: Scope | None = None
        self.sort: Sort = sort
        # True until the first list is shown: the story remembered is not yet chosen.
        self.restoring = True
        self._pending_select = select
        self._total = 0
        self._matches: int | None = 0
        # A scope listed from its first pages, whose other stories are still being read.
        self._partial = False
        self._generation = 0
        self._snippet_batches = 0
        self._picked_first: ArticleId | None = None
        self._keep_after_ranking: ArticleId | None = None
        # The story open when a selection was left for the whole list to arrive.
        self._kept_over: ArticleId | None = None
        self._after_refresh: list[Callable[[], object]] = []
        self.tasks = TaskRunner(self)
        # Facets, the full ranking and snippets each get a thread of their own, so none
        # of them waits behind the others (SQLite serves concurrent readers).
        self.facet_tasks = TaskRunner(self)
        self.rank_tasks = TaskRunner(self)
        self.snippet_tasks = TaskRunner(self)
        self.id_tasks = TaskRunner(self)
        self._watch: LibraryWatch | None = None
        if library is not None:
            self._watch_library(library)

    # -- the library ------------------------------------------------------------------
    @property
    def library(self) -> Library:
        if self._library is None:
            raise RuntimeError("the library is not open yet")
        return self._library

    def has_library(self) -> bool:
        return self._library is not None

    def library_if_open(self) -> Library | None:
        return self._library

    def attach(self, library: Library) -> None:
        """List ``library``'s stories (opened after the window was first painted)."""
        self._library = library
        self.model.set_source(library)
        self._watch_library(library)
        self.refresh()

    def _watch_library(self, library: Library) -> None:
        """List again when another window, process or user changes the library; the
        views showing more than the list (the reader's highlights) hear it too."""
        watcher = library.watch_changes()
        if watcher is None:
            return
        from newsviewer.gui.library_watch import LibraryWatch

        self._watch = LibraryWatch(watcher, self)
        self._watch.stories_changed.connect(self._on_changed_elsewhere)

    def _on_changed_elsewhere(self) -> None:
        self.refresh()
        self.changed_elsewhere.emit()

    def wait(self) -> None:
        """Let the reads in flight end (the window is closing)."""
        if self._watch is not None:
            self._watch.stop()
        runners = (self.tasks, self.facet_tasks, self.rank_tasks, self.snippet_tasks)
        for runner in (*runners, self.id_tasks):
            runner.wait()

    # -- what is listed ---------------------------------------------------------------
    def set_query(self, query: str) -> None:
        self.query = query
        self.refresh()

    def set_scope(self, scope: Scope | None) -> None:
        """List only ``scope``'s stories (None: every story) while nothing is searched."""
        self.scope = scope
        self.refresh()

    def set_sort(self, sort: Sort) -> bool:
        """Order the list (and search results) by ``sort``; True if that changed anything."""
        if sort == self.sort:
            return False
        before, self.sort = self.sort, sort
        # Without a search, best match is the list's own order: newest first.
        native = {"relevance", "date"}
        if self.query or not {before, sort} <= native:
            self.refresh()
        return True

    def total(self) -> int:
        """Stories in the library, as last counted."""
        return self._total

    def is_empty_library(self) -> bool:
        return not self.query and self._total == 0

    def has_no_match(self) -> bool:
        return bool(self.query) and self.model.total() == 0

    def count_text(self) -> str:
        shown = self.model.total()
        if not self.query:
            if self.scope is None:
                # Every story, in any order (another order lists its first page first).
                shown = max(shown, self._total)
            # (A part listed from its first pages: more are being read.)
            more = "+" if self.scope is not None and self._partial else ""
            return f"{shown:,}{more} {'story' if shown == 1 else 'stories'}"
        # A word in very many stories is not counted: "10,000+" of what is listed.
        shown = shown if self._matches is None else self._matches
        more = "+" if self._matches is None else ""
        matches = "match" if shown == 1 else "matches"
        stories = "story" if self._total == 1 else "stories"
        return f"{shown:,}{more} {matches} in {self._total:,} {stories}"

    def refresh(
        self, select: ArticleId | None = None, then: Callable[[], object] | None = None
    ) -> None:
        """Reload the ids (or re-run the search) off the GUI thread, then show them.

        ``then`` runs once the list shows a load started at or after this call.
        """
        if select is not None:
            self._pending_select = select
        if then is not None:
            self._after_refresh.append(then)
        if self._library is None:
            return  # attach lists the stories
        query = self.query
        library = self.library
        self._generation += 1
        generation = self._generation
        sort = self.sort
        work: Callable[[], object]
        if sort not in ("relevance", "date"):
            order = cast("Order", sort)
            scope = self.scope

            def work() -> object:
                from newsviewer.library import orders

                if query:
                    found = _sorted_search(library, query, order)
                    firsts = [hit.id for hit in found.hits[:FIRST_SNIPPETS]]
                    return found, library.snippets(query, firsts), library.count()
                if scope is not None:
                    part = scope.in_order(order)
                    if part is not None:
                        first = part.ids(library, FIRST_PAGE)
                        return _Scoped(first, part), None, library.count()
                    ids = orders.reorder(library, scope.ids(library, None), order)
                    return _Scoped(ids), None, library.count()
                # The whole library: read from the order's index, a first page at once.
                everything = Scope(
                    f"all:{order}", lambda lib, limit: orders.ordered_ids(lib, order, limit)
                )
                first = everything.ids(library, FIRST_PAGE)
                return _Scoped(first, everything), None, library.count()

        elif query:

            def work() -> object:
                first = library.search_page(query, 0, FIRST_PAGE, sort=sort, snippets=False)
                ids = [hit.id for hit in first.hits]
                return first, library.snippets(query, ids[:FIRST_SNIPPETS]), library.count()

        elif self.scope is not None:
            scope = self.scope

            def work() -> object:
                return _Scoped(scope.ids(library, FIRST_PAGE), scope), None, library.count()

        else:

            def work() -> object:
                # The count and the first screenful show the whole list at once; all the
                # ids (0.2 s at a million stories) follow in the background.
                return library.newest_page(0, SUMMARY_BATCH), None, library.count()

        self.refresh_started.emit(query)
        self.tasks.submit(
            "list", work, lambda result: self._on_loaded(generation, query, result), self._fail
        )

    def remove(self, article_id: ArticleId) -> int | None:
        """Take a deleted story out of the list; its row, if it was listed."""
        row = self.model.remove_id(article_id)
        self._total = max(self._total - 1, 0)
        return row

    # -- results arriving -------------------------------------------------------------
    def _fail(self, message: str) -> None:
        self.failed.emit(message)
        self._run_after_refresh()

    def _run_after_refresh(self) -> None:
        callbacks, self._after_refresh = self._after_refresh, []
        for callback in callbacks:
            callback()

    def _select(self, row: int) -> QModelIndex:
        index = self.model.index(row, 0)
        self.selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return index

    def _on_loaded(self, generation: int, query: str, result: object) -> None:
        if generation != self._generation:
            return
        # Rows to show need the row painter (and a story, the reader).
        self.rows_arriving.emit()
        rows, snippets, count = cast("tuple[Any, dict[ArticleId, str] | None, int]", result)
        scroll = self.viewport.scroll_value()
        keep = self._pending_select or self.current
        self._pending_select = None
        self._keep_after_ranking = None
        self._partial = False
        more_coming = False
        if query:
            page: SearchPage = rows
            self.model.set_ids([hit.id for hit in page.hits], snippets, search=True)
            self._total = count
            self._matches = page.total
            more_coming = page.approximate or len(page.hits) == FIRST_PAGE
            if self.sort not in ("relevance", "date"):
                more_coming = False  # sorted from the whole result already
            exact = page.approximate

            def follow_up() -> None:
                self._count_facets(generation, query)
                if more_coming:
                    self._rank_all(generation, query, exact=exact)

            self.viewport.after_rows_painted(follow_up)
        elif isinstance(rows, _Scoped):
            self.model.set_ids(rows.ids)
            self._total = count
            self._matches = len(rows.ids)
            rest = rows.rest
            self._partial = rest is not None and len(rows.ids) == FIRST_PAGE
            if rest is not None and self._partial:
                self.viewport.after_rows_painted(
                    lambda: self._load_scope(generation, rest, NEXT_PAGE)
                )
        else:
            self.model.set_partial(count, rows)
            self._total = self._matches = self.model.total()
            more_coming = self.model.is_partial()
            if more_coming:
                self.viewport.after_rows_painted(lambda: self._load_all_ids(generation))
        self.counts_changed.emit()
        row = self.model.row_of(keep) if keep is not None else None
        # (A whole list has every story: the one a search picked first is in it too.)
        wait = keep != self._picked_first or not query
        if row is None and keep is not None and more_coming and wait:
            # The story being read may be further down the whole result: keep it open
            # until that is listed rather than jump to another story and back.
            self._keep_after_ranking = keep
            self._kept_over = self.current
            self.selection.clearSelection()
        elif row is None and self.model.rowCount():
            row = 0
            # Chosen for the user, not by them: the ranked list may put another first.
            self._picked_first = self.model.id_at(0)
        elif keep != self._picked_first:
            self._picked_first = None
        if row is not None:
            same = self.model.id_at(row) == self.current
            index = self._select(row)
            if same:
                self.viewport.set_scroll_value(scroll)
                # Same story, new search: the reader marks the new words.
                self.current_kept.emit()
            self.viewport.scroll_to_row(index.row())
        elif self.model.rowCount() == 0:
            self.emptied.emit()
        self.restoring = False
        self.listed.emit(self.model.rowCount())
        self._run_after_refresh()

    def _load_scope(self, generation: int, scope: Scope, limit: int | None = None) -> None:
        """The ids of a scope shown from its first page (the first ``limit``, then all of
        them), read in the background."""
        library = self.library

        def work() -> list[ArticleId] | None:
            return None if generation != self._generation else scope.ids(library, limit)

        def done(ids: list[ArticleId] | None) -> None:
            if ids is None or generation != self._generation:
                return
            current = self.current
            scroll = self.viewport.scroll_value()
            self.model.set_ids(ids)
            self._matches = len(ids)
            self._partial = limit is not None and len(ids) == limit
            self.counts_changed.emit()
            row = self.model.row_of(current) if current is not None else None
            if row is not None:
                self._select(row)
            self.viewport.set_scroll_value(scroll)
            if self._partial:
                self._load_scope(generation, scope)
            else:
                self.completed.emit(self.model.rowCount())

        self.id_tasks.submit("scope ids", work, done, self._fail)

    def _load_all_ids(self, generation: int) -> None:
        """All the ids of a list shown from its first page, read in the background."""
        library = self.library

        def work() -> list[ArticleId] | None:
            if generation != self._generation:
                return None
            return library.ids()

        self.id_tasks.submit("ids", work, lambda ids: self._on_all_ids(generation, ids), self._fail)

    def _on_all_ids(self, generation: int, ids: list[ArticleId] | None) -> None:
        if ids is None or generation != self._generation:
            return
        current = self.current
        kept, self._keep_after_ranking = self._keep_after_ranking, None
        if not self.model.complete(ids):
            # Stories came or went between the first page and this read: list them anew,
            # on the same story.
            scroll = self.viewport.scroll_value()
            self.model.set_ids(ids)
            self._total = self._matches = len(ids)
            self.counts_changed.emit()
            row = self.model.row_of(current) if current is not None else None
            if row is not None:
                self._select(row)
            self.viewport.set_scroll_value(scroll)
        if kept is not None and current in (None, kept, self._kept_over):
            # The story to keep open was further down than the first page.
            row = self.model.row_of(kept)
            if row is None and current is None and self.model.rowCount():
                row = 0
                self._picked_first = self.model.id_at(0)
            if row is not None:
                self.viewport.scroll_to_row(self._select(row).row())
                if self.model.id_at(row) == self.current:
                    # Kept open over a search cleared meanwhile: its marks go.
                    self.current_kept.emit()
        self.completed.emit(self.model.rowCount())

    def _count_facets(self, generation: int, query: str) -> None:
        library = self.library

        def work() -> Facets | None:
            if generation != self._generation:
                return None
            return library.facets(query)

        def done(facets: Facets | None) -> None:
            if facets is not None and generation == self._generation:
                self.facets_counted.emit(query, facets)

        self.facet_tasks.submit("facets", work, done)

    def _rank_all(self, generation: int, query: str, *, exact: bool) -> None:
        """The whole result (up to SEARCH_LIMIT) in its final order, read in the background."""
        library = self.library
        # (Other orders sort the whole result at once and never come here.)
        sort: Literal["relevance", "date"] = "date" if self.sort == "date" else "relevance"

        def work() -> SearchPage | None:
            if generation != self._generation:
                return None  # typed further meanwhile: nobody will see this ranking
            return library.search_page(
                query, 0, SEARCH_LIMIT, sort=sort, exact=exact, snippets=False
            )

        self.rank_tasks.submit(
            "rank", work, lambda page: self._on_ranked(generation, page), self._fail
        )

    def _on_ranked(self, generation: int, page: SearchPage | None) -> None:
        if page is None or generation != self._generation:
            return
        ids = [hit.id for hit in page.hits]
        current = self.current
        scroll = self.viewport.scroll_value()
        kept, self._keep_after_ranking = self._keep_after_ranking, None
        if kept is not None and kept == current:  # not left for another story meanwhile
            scroll = 0
        elif current is not None and current == self._picked_first:
            # Nobody chose that story: show the best match, from the top.
            current, scroll = None, 0
        self.model.set_ids(ids, search=True, keep_snippets=True)
        if page.total is not None:
            self._matches = page.total
        elif len(ids) < SEARCH_LIMIT:
            self._matches = len(ids)  # too many to count at once, but all of them are here
        self.counts_changed.emit()
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.viewport.scroll_to_row(self._select(row).row())
            if self.current == current:
                self.current_kept.emit()  # mark the new search's words
            scroll = self.viewport.scroll_value()
        elif self.model.rowCount():
            self._picked_first = self.model.id_at(0)
            self._select(0)
        self.viewport.set_scroll_value(scroll)
        self.ranked.emit(self.model.rowCount())

    def _fetch_snippets(self, ids: list[ArticleId]) -> None:
        if not ids or not self.query:
            return
        library = self.library
        query = self.query
        generation = self._generation
        self._snippet_batches += 1

        def work() -> dict[ArticleId, str]:
            if generation != self._generation:
                return {}
            return library.snippets(query, ids)

        def done(found: dict[ArticleId, str]) -> None:
            if generation == self._generation and found:
                self.model.add_snippets(found)

        # Each batch its own kind: a later batch must not cancel one still on screen.
        self.snippet_tasks.submit(f"snippets{self._snippet_batches}", work, done)

    # -- selection --------------------------------------------------------------------
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = self.model.id_at(current.row()) if current.isValid() else None
        if article_id != self.current:
            self.current_changed.emit(article_id)
