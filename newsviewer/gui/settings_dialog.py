"""Settings: theme, the reader's font and size, line width, whether quotations show.

Stored in the window's QSettings and applied at once; ``apply_saved`` puts them
back when the window is built, so they hold across a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from newsviewer.gui.reader import MEASURE_CHARS
from newsviewer.gui.theme import SYSTEM, THEMES, apply_theme

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from newsviewer.gui.story_window import StoryWindow

THEME_KEY = "view/theme"
FAMILY_KEY = "reader/font_family"
MEASURE_KEY = "reader/line_chars"
DEFAULT_PT = 12


@dataclass(frozen=True, slots=True)
class Choices:
    theme: str  # system | light | dark
    family: str  # "" for the system's
    font_pt: float
    line_chars: int
    quotes_visible: bool


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def saved(window: StoryWindow) -> Choices:
    store: QSettings = window.settings.store
    theme = str(store.value(THEME_KEY, SYSTEM))
    return Choices(
        theme=theme if theme in THEMES else SYSTEM,
        family=str(store.value(FAMILY_KEY, "") or ""),
        font_pt=window.settings.reader_font_pt() or window.reader.font_pt,
        line_chars=_int(store.value(MEASURE_KEY, MEASURE_CHARS), MEASURE_CHARS),
        quotes_visible=window.settings.quotes_visible(),
    )


def apply(window: StoryWindow, choices: Choices, *, store: bool = True) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, choices.theme)
    reader = window.reader
    reader.set_family(choices.family)
    reader.set_font_pt(choices.font_pt)
    reader.set_measure(choices.line_chars)
    window.window_actions.quotes.setChecked(choices.quotes_visible)
    if store:
        settings = window.settings
        settings.store.setValue(THEME_KEY, choices.theme)
        settings.store.setValue(FAMILY_KEY, choices.family)
        settings.store.setValue(MEASURE_KEY, choices.line_chars)
        settings.set_reader_font_pt(choices.font_pt)
        settings.set_quotes_visible(choices.quotes_visible)
        settings.sync()


def apply_saved(window: StoryWindow) -> None:
    """Put back what the dialog stored (theme, font, line width) when the window is built."""
    store = window.settings.store
    if not any(store.contains(k) for k in (THEME_KEY, FAMILY_KEY, MEASURE_KEY)):
        return  # nothing chosen: leave the start-up theme (and its environment override)
    apply(window, saved(window), store=False)


class SettingsDialog(QDialog):
    def __init__(self, window: StoryWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")
        self._window = window
        now = saved(window)
        self.theme = QComboBox()
        for name in THEMES:
            self.theme.addItem(name.capitalize(), name)
        self.theme.setCurrentIndex(max(self.theme.findData(now.theme), 0))
        self.family = QFontComboBox()
        self.family.setCurrentFont(QFont(now.family) if now.family else window.reader.font())
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 40)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(round(now.font_pt))
        self.line_width = QSpinBox()
        self.line_width.setRange(40, 140)
        self.line_width.setSuffix(" characters")
        self.line_width.setValue(now.line_chars)
        self.quotes = QCheckBox("Show the quotations beside the story")
        self.quotes.setChecked(now.quotes_visible)
        form = QFormLayout(self)
        form.addRow("Theme", self.theme)
        form.addRow("Reader font", self.family)
        form.addRow("Text size", self.font_size)
        form.addRow("Line width", self.line_width)
        form.addRow("", self.quotes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.accepted.connect(self._apply)

    def choices(self) -> Choices:
        return Choices(
            theme=str(self.theme.currentData()),
            family=self.family.currentFont().family(),
            font_pt=float(self.font_size.value()),
            line_chars=self.line_width.value(),
            quotes_visible=self.quotes.isChecked(),
        )

    def _apply(self) -> None:
        apply(self._window, self.choices())
