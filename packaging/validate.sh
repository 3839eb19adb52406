#!/usr/bin/env bash
# Checks the desktop integration files: the .desktop entry, the AppStream metadata
# (pedantic, offline) and that the committed PNG icons match the SVG.
# Needs desktop-file-utils and appstream (Debian/Ubuntu packages of those names).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
APP_ID=io.github.newsviewer.NewsViewer
desktop-file-validate "$here/$APP_ID.desktop"
appstreamcli validate --pedantic --no-net "$here/$APP_ID.metainfo.xml"
QT_QPA_PLATFORM=offscreen "$python" "$here/render_icons.py" --check
echo "packaging metadata valid"
