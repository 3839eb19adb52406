"""Organising from the window: the Tag dialog on the selected stories, the sidebar's
menu (rename, merge and delete a tag; rename and delete a saved search) and saving
the current search under a name.

Changes that take tags off stories go on the window's undo stack (Ctrl+Z), so a
mistaken merge or deletion loses nothing. Dialogs are opened, not run (``open``),
and returned, so tests answer them as a user would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QCompleter, QInputDialog, QLineEdit, QMenu, QMessageBox

from newsviewer.errors import NewsViewerError
from newsviewer.gui.library_sidebar import Entry, LibrarySidebar
from newsviewer.gui.tag_dialog import TagDialog, split_names
from newsviewer.gui.undo import ChangeCommand
from newsviewer.library import saved_searches, tags
from newsviewer.library.user_rules import clean_name, tag_key

if TYPE_CHECKING:
    from newsviewer.domain import ArticleId
    from newsviewer.gui.story_window import StoryWindow


def _plural(count: int) -> str:
    return f"{count:,} {'story' if count == 1 else 'stories'}"


class Organiser(QObject):
    """Tags and saved searches, changed from the window."""

    def __init__(
        self,
        window: StoryWindow,
        sidebar: LibrarySidebar,
        changed: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.sidebar = sidebar
        # Reloads the sidebar's counts and the list after a change.
        self._changed = changed
        sidebar.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        sidebar.customContextMenuRequested.connect(self._show_menu)

    def _report(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)

    def _push(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
        def again(step: Callable[[], object]) -> Callable[[], None]:
            def run() -> None:
                try:
                    step()
                except NewsViewerError as exc:
                    self._report(str(exc))
                self._changed()

            return run

        self.window.undo_stack.push(ChangeCommand(text, again(redo), again(undo)))

    # -- tags on stories --------------------------------------------------------------
    def open_tag_dialog(self, ids: Sequence[ArticleId]) -> TagDialog:
        library = self.window.library
        present = Counter(name for names in tags.tags_of(library, ids).values() for name in names)
        known = [t.name for t in sorted(tags.all_tags(library), key=lambda t: -t.stories)]
        dialog = TagDialog(
            len(ids), dict(sorted(present.items(), key=lambda p: p[0].casefold())), known
        )
        dialog.setParent(self.window, dialog.windowFlags())
        dialog.accepted.connect(lambda: self.change_tags(ids, *dialog.changes()))
        dialog.open()
        return dialog

    def change_tags(self, ids: Sequence[ArticleId], add: list[str], remove: list[str]) -> None:
        """Put ``add`` on every story of ``ids`` and take ``remove`` off; undoable."""
        if not ids or not (add or remove):
            return
        library = self.window.library
        ids = list(ids)
        try:
            names = [clean_name(n) for n in (*add, *remove)]
        except NewsViewerError as exc:
            self._report(str(exc))
            return
        existed = {tag_key(t.name) for t in tags.all_tags(library)}
        had: dict[str, set[ArticleId]] = {tag_key(n): set() for n in names}
        for story, on in tags.tags_of(library, ids).items():
            for name in on:
                if tag_key(name) in had:
                    had[tag_key(name)].add(story)

        def redo() -> None:
            tags.add_tags(library, ids, add)
            tags.remove_tags(library, ids, remove)

        def undo() -> None:
            for name in add:
                key = tag_key(name)
                if key not in existed:
                    tags.delete_tag(library, name)
                else:
                    tags.remove_tags(library, [i for i in ids if i not in had[key]], [name])
            for name in remove:
                tags.add_tags(library, sorted(had[tag_key(name)]), [name])

        try:
            redo()
        except NewsViewerError as exc:
            self._report(str(exc))
            return
        self._changed()
        if remove:
            self._push(f"Take tags off {_plural(len(ids))}", redo, undo)
        else:
            self._push(f"Tag {_plural(len(ids))}", redo, undo)

    # -- tags in the sidebar ----------------------------------------------------------
    def _ask(
        self,
        title: str,
        label: str,
        text: str,
        then: Callable[[str], object],
        *,
        completions: Sequence[str] = (),
    ) -> QInputDialog:
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        if completions:
            edit = dialog.findChild(QLineEdit)
            if edit is not None:
                completer = QCompleter(list(completions), dialog)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                edit.setCompleter(completer)
        dialog.textValueSelected.connect(lambda value: then(value))
        dialog.open()
        return dialog

    def ask_rename_tag(self, name: str) -> QInputDialog:
        others = [t.name for t in tags.all_tags(self.window.library) if t.name != name]
        return self._ask(
            "Rename Tag",
            f"New name for “{name}” (the name of another tag merges the two):",
            name,
            lambda new: self.rename_tag(name, new),
            completions=others,
        )

    def ask_merge_tag(self, name: str) -> QInputDialog:
        others = [t.name for t in tags.all_tags(self.window.library) if t.name != name]
        return self._ask(
            "Merge Tag",
            f"Put the stories of “{name}” under the tag:",
            "",
            lambda target: self.merge_tag(name, target),
            completions=others,
        )

    def _undoable_tags(self, text: str, involved: list[str], change: Callable[[], object]) -> bool:
        library = self.window.library
        before = tags.members(library, involved)
        try:
            change()
        except NewsViewerError as exc:
            self._report(str(exc))
            return False
        self._changed()
        self._push(text, change, lambda: tags.restore_members(library, before, involved))
        return True

    def rename_tag(self, old: str, new: str) -> bool:
        if not new.strip() or new.strip() == old:
            return False
        library = self.window.library
        merges = any(
            tag_key(t.name) == tag_key(new) and tag_key(t.name) != tag_key(old)
            for t in tags.all_tags(library)
        )
        done = self._undoable_tags(
            f"{'Merge' if merges else 'Rename'} tag “{old}” into “{new.strip()}”",
            [old, new],
            lambda: tags.rename_tag(library, old, new),
        )
        if done:
            self._follow(Entry("tag", old), Entry("tag", clean_name(new)))
        return done

    def merge_tag(self, source: str, target: str) -> bool:
        if not target.strip():
            return False
        library = self.window.library
        done = self._undoable_tags(
            f"Merge tag “{source}” into “{target.strip()}”",
            [source, target],
            lambda: tags.merge_tags(library, [source], target),
        )
        if done:
            self._follow(Entry("tag", source), Entry("tag", clean_name(target)))
        return done

    def delete_tag(self, name: str) -> bool:
        library = self.window.library
        count = next((t.stories for t in tags.all_tags(library) if t.name == name), 0)
        done = self._undoable_tags(
            f"Delete tag “{name}”", [name], lambda: tags.delete_tag(library, name)
        )
        if done:
            self._report(f"Tag “{name}” taken off {_plural(count)}. Press Ctrl+Z to undo.")
            self._follow(Entry("tag", name), Entry("all"))
        return done

    def _follow(self, old: Entry, new: Entry) -> None:
        """Keep listing what was listed under a tag now renamed, merged or gone."""
        if self.sidebar.chosen() == old:
            self.sidebar.reload(self.window.library)
            self.sidebar.choose(new)

    # -- saved searches ---------------------------------------------------------------
    def ask_save_search(self) -> QInputDialog | None:
        query = self.window.session.query.strip()
        if not query:
            self._report("Search for something first; a saved search is a query with a name.")
            return None
        return self._ask(
            "Save Search", f"A name for the search “{query}”:", query, self.save_search_as
        )

    def save_search_as(self, name: str) -> bool:
        query = self.window.session.query.strip()
        try:
            saved_searches.save_search(self.window.library, name, query)
        except NewsViewerError as exc:
            self._report(str(exc))
            return False
        self._changed()
        self._report(f"Saved the search “{query}” as “{' '.join(name.split())}”.")
        return True

    def _saved(self, name: str) -> saved_searches.SavedSearch | None:
        found = saved_searches.saved_searches(self.window.library)
        return next((s for s in found if s.name == name), None)

    def ask_rename_search(self, name: str) -> QInputDialog:
        return self._ask(
            "Rename Saved Search",
            f"New name for “{name}”:",
            name,
            lambda new: self.rename_search(name, new),
        )

    def rename_search(self, name: str, new: str) -> bool:
        saved = self._saved(name)
        if saved is None:
            return False
        try:
            saved_searches.rename_search(self.window.library, saved.id, new)
        except NewsViewerError as exc:
            self._report(str(exc))
            return False
        self._changed()
        return True

    def delete_search(self, name: str) -> bool:
        saved = self._saved(name)
        if saved is None:
            return False
        library = self.window.library
        saved_searches.delete_search(library, saved.id)
        self._changed()

        def undo() -> None:
            saved_searches.save_search(library, saved.name, saved.query)

        def redo() -> None:
            again = self._saved(saved.name)
            if again is not None:
                saved_searches.delete_search(library, again.id)

        self._push(f"Delete saved search “{name}”", redo, undo)
        self._report(f"Deleted the saved search “{name}”. Press Ctrl+Z to undo.")
        return True

    # -- the sidebar's menu -----------------------------------------------------------
    def menu_for(self, entry: Entry | None, name: str) -> QMenu:
        """The sidebar's menu for ``entry`` (shown as ``name``)."""
        menu = QMenu(self.sidebar)
        if entry is not None and entry.kind == "tag":
            menu.addAction("Rename Tag…", lambda: self.ask_rename_tag(name))
            menu.addAction("Merge Into Another Tag…", lambda: self.ask_merge_tag(name))
            menu.addSeparator()
            menu.addAction("Delete Tag", lambda: self.confirm_delete_tag(name))
        elif entry is not None and entry.kind == "saved":
            menu.addAction("Rename Saved Search…", lambda: self.ask_rename_search(name))
            menu.addAction("Delete Saved Search", lambda: self.delete_search(name))
        if self.window.session.query:
            menu.addAction("Save This Search…", self.ask_save_search)
        return menu

    def confirm_delete_tag(self, name: str) -> QMessageBox:
        count = next((t.stories for t in tags.all_tags(self.window.library) if t.name == name), 0)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete Tag",
            f"Take the tag “{name}” off {_plural(count)} and delete it? (Ctrl+Z undoes it.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self.delete_tag(name) if button is yes else None)
        box.open()
        return box

    def _show_menu(self, pos: QPoint) -> None:
        item = self.sidebar.itemAt(pos)
        entry = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        name = item.text(0) if item is not None else ""
        menu = self.menu_for(entry if isinstance(entry, Entry) else None, name)
        if not menu.isEmpty():
            menu.exec(self.sidebar.viewport().mapToGlobal(pos))
        menu.deleteLater()


__all__ = ["Organiser", "split_names"]
