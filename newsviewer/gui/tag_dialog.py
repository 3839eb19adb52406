"""The Tag dialog: the tags of the selected stories, to keep or take off, and new ones
typed with completion from the tags in the library."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Item data: whether the tag was on every selected story when the dialog opened.
_ON_ALL = Qt.ItemDataRole.UserRole + 1


def split_names(text: str) -> list[str]:
    """Tag names typed comma-separated, blanks dropped."""
    return [n.strip() for n in text.split(",") if n.strip()]


class TagLineCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Owned by the completer: a model without a parent would be collected.
        self.setModel(QStringListModel(list(names), self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: object) -> str:
        chosen = str(super().pathFromIndex(index))  # type: ignore[arg-type]
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        head = typed.rsplit(",", 1)[0] + ", " if "," in typed else ""
        return f"{head}{chosen}"


class TagDialog(QDialog):
    """Checked tags stay on (or go on) every selected story; unchecked ones come off.

    A tag on only some of the stories starts partly checked and is left as it is
    unless clicked.
    """

    def __init__(
        self,
        stories: int,
        present: Mapping[str, int],
        known: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tag Stories")
        self._stories = stories
        what = "this story" if stories == 1 else f"these {stories:,} stories"
        self.current = QListWidget()
        self.current.setAccessibleName("Tags of the selected stories")
        for name, count in present.items():
            item = QListWidgetItem(name if count == stories else f"{name} ({count} of {stories})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setData(_ON_ALL, count == stories)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            if count == stories:
                item.setCheckState(Qt.CheckState.Checked)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserTristate)
                item.setCheckState(Qt.CheckState.PartiallyChecked)
            self.current.addItem(item)
        self.new_tags = QLineEdit()
        self.new_tags.setAccessibleName("Tags to add")
        self.new_tags.setPlaceholderText("New tags, separated by commas")
        self.new_tags.setCompleter(TagLineCompleter(known, self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if present:
            layout.addWidget(QLabel(f"Tags of {what} (untick to take one off):"))
            layout.addWidget(self.current)
        else:
            self.current.hide()
        layout.addWidget(QLabel(f"Add tags to {what}:"))
        layout.addWidget(self.new_tags)
        layout.addWidget(buttons)
        self.new_tags.setFocus()

    def changes(self) -> tuple[list[str], list[str]]:
        """(tags to put on every story, tags to take off every story)."""
        add = split_names(self.new_tags.text())
        remove: list[str] = []
        for row in range(self.current.count()):
            item = self.current.item(row)
            name = str(item.data(Qt.ItemDataRole.UserRole))
            state = item.checkState()
            if state == Qt.CheckState.Unchecked:
                remove.append(name)
            elif state == Qt.CheckState.Checked and not item.data(_ON_ALL):
                add.append(name)  # was on some stories only: now on all of them
        return add, remove
