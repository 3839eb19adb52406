"""The style used with the forced dark palette."""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleHintReturn, QStyleOption, QWidget


class _DarkStyle(QProxyStyle):
    """Fusion without icons on dialog buttons: its icons (the Close button's cross) are
    drawn dark whatever the palette, invisible on a dark button."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, returnData)


def dark_style(base: QStyle | None = None) -> QStyle:
    """Fusion (or ``base``) for the dark palette."""
    return _DarkStyle(base) if base is not None else _DarkStyle("Fusion")
