"""The search syntax popup: what can be typed in the search field, with examples."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

# Kept in step with README.md "Search syntax" (and newsviewer/library/query.py).
_ROWS = (
    ("kerry iraq", "stories with both words"),
    ("&quot;boots on the ground&quot;", "the exact phrase"),
    ("volcan*", "a word starting with “volcan”"),
    ("iraq OR syria", "either word (OR in capitals)"),
    ("iraq -syria", "“iraq” but not “syria”"),
    ("kerry (iraq OR syria)", "parentheses group"),
    ("title:iraq", "the word in the headline"),
    ("by:amanpour", "the word in the byline"),
    ("caption:protest", "the word in a picture caption"),
    ("quote:troops", "quoting someone who said the word"),
    ("said:kerry", "quoting that person, under any name (also speaker:)"),
    ("quote:troops said:kerry", "that person saying the word"),
    ("site:bbc", "from a site whose name contains “bbc”"),
    ("after:2014-01-01", "dated on or after that day"),
    ("before:2015", "dated before 1 January 2015"),
    ("year:2014", "dated in 2014"),
    ("tag:iraq", "with that tag"),
    ("is:unread", "not read yet (also is:read, is:starred, is:archived)"),
    ("has:highlight", "with highlights (has:note: with a note)"),
    ("note:pentagon", "with a highlight note containing the text"),
    ("saved:2024-03", "saved in March 2024"),
    ("published:2014..2015", "published in 2014 or 2015 (a range: FROM..TO)"),
)

SEARCH_HELP_HTML = (
    "<p><b>Search syntax</b></p>"
    "<p>A story must contain every word. Capitals and accents do not matter, and other "
    "forms of a word are found too (<code>fight</code> finds <i>fighting</i>).</p>"
    "<table cellspacing='0' cellpadding='3'>"
    + "".join(f"<tr><td><code>{query}</code></td><td>{what}</td></tr>" for query, what in _ROWS)
    + "</table>"
    "<p>A field takes a word, a <code>&quot;phrase&quot;</code> or a group: "
    "<code>title:(iraq OR syria)</code>, <code>-site:bbc</code>. Dates take "
    "<code>2014</code>, <code>2014-03</code> or <code>2014-03-05</code>.</p>"
    "<p>So that every search stays quick, a prefix needs two letters "
    "(<code>t*</code> is the word <i>t</i>), the first 30 words are searched, and "
    "parentheses nest up to 5 deep (deeper ones are read as plain words).</p>"
    "<p>Click a site or speaker under the field to narrow the search; "
    "F3 and Shift+F3 go to the next and previous hit in the story.</p>"
)


class SearchHelpPopup(QFrame):
    """A popup under the search field; Esc or a click elsewhere closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Search syntax")
        self.label = QLabel(SEARCH_HELP_HTML, self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setFixedWidth(440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self.label)

    def show_below(self, anchor: QWidget) -> None:
        self.adjustSize()
        self.move(anchor.mapToGlobal(QPoint(0, anchor.height() + 2)))
        self.show()
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1, Qt.Key.Key_Return):
            self.close()
            return
        super().keyPressEvent(event)
