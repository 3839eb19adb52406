"""The forced dark theme: dialog buttons stay readable."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QProxyStyle, QStyle
from pytestqt.qtbot import QtBot

from newsviewer.gui.dark_style import dark_style


class _IconsOnButtons(QProxyStyle):
    """Fusion as desktops that put icons on dialog buttons (GNOME, KDE) configure it."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):  # type: ignore[no-untyped-def]
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


def _close_box(qtbot: QtBot, style: QStyle) -> QDialogButtonBox:
    box = QDialogButtonBox()
    qtbot.addWidget(box)
    box.setStyle(style)
    box.setStandardButtons(QDialogButtonBox.StandardButton.Close)
    return box


def test_dark_dialog_buttons_have_no_dark_icon_on_a_dark_button(qtbot: QtBot) -> None:
    close = QDialogButtonBox.StandardButton.Close
    # Where the desktop asks for icons, Fusion draws the Close cross dark whatever
    # the palette: invisible on a dark button.
    plain_style = _IconsOnButtons("Fusion")
    plain = _close_box(qtbot, plain_style)
    assert not plain.button(close).icon().isNull()
    dark = dark_style(_IconsOnButtons("Fusion"))
    box = _close_box(qtbot, dark)
    assert box.button(close).text().replace("&", "") == "Close"
    assert box.button(close).icon().isNull()
