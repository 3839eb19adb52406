"""The window's commands that send the story being read out of it: print, save as PDF.

A base of ``MainWindow``: the work is in ``printing.py``, loaded (with Qt's print
support) when first used, not before the window's first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsviewer.gui.story_window import StoryWindow

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtPrintSupport import QPrinter


class StoryOutputWindow(StoryWindow):
    def print_story(self, printer: QPrinter | None = None) -> bool:
        """Print the story being read (``printer``, else the one chosen in the dialog)."""
        from newsviewer.gui.printing import print_from

        return print_from(self, printer)

    def save_story_pdf(self, path: Path | None = None) -> Path | None:
        """Save the story being read as a PDF file (``path``, else one the user chooses)."""
        from newsviewer.gui.printing import save_pdf_from

        return save_pdf_from(self, path)
