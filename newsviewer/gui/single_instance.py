"""One window per library: a second launch hands its files to the first and raises it.

The first window listens on a local socket (QLocalServer: a Unix socket, a named pipe
on Windows) named after the user and the library; a later launch on the same library
connects, sends the files it was given and quits instead of opening a duplicate.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

# How long a second launch waits for the first window to answer (ms): a window that
# hangs longer is treated as gone, and this launch opens its own.
CONNECT_MS = 500
WRITE_MS = 1000


def server_name(library: str | os.PathLike[str] | None) -> str:
    """The socket's name for this user and library (``--library``, else the default)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name known (some containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    chosen = library or os.environ.get("NEWSVIEWER_LIBRARY") or "default"
    where = str(Path(chosen).expanduser().resolve()) if chosen != "default" else chosen
    digest = hashlib.sha256(f"{user}\0{where}".encode()).hexdigest()[:16]
    return f"newsviewer-{digest}"


def hand_over(name: str, files: Sequence[Path]) -> bool:
    """Give ``files`` to the window already open under ``name``; False if there is none."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    message = json.dumps({"files": [str(Path(f).resolve()) for f in files]})
    socket.write(message.encode() + b"\n")
    socket.flush()
    socket.waitForBytesWritten(WRITE_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches; emits ``launched`` with the files each one was given."""

    launched = Signal(list)  # list[Path]

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        if not self._server.listen(name):
            # A socket file left by a window that crashed: nobody answers on it.
            QLocalServer.removeServer(name)
            self._server.listen(name)

    def is_listening(self) -> bool:
        return self._server.isListening()

    def _on_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data()).decode("utf-8", "replace")
        try:
            files = [Path(f) for f in json.loads(line).get("files", [])]
        except (ValueError, AttributeError, TypeError):
            files = []  # not a launch of ours: raised all the same
        self.launched.emit(files)


def raise_window(
    window: object, import_files: Callable[[list[Path]], object]
) -> Callable[[list[Path]], None]:
    """What the first window does when launched again: come to the front, import files."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)

    def launched(files: list[Path]) -> None:
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
        if files:
            import_files(files)

    return launched
