#!/usr/bin/env bash
# Puts NewsViewer's desktop entry, AppStream metadata and icons in place, so that menus,
# docks and software centres show the app with its name and icon.
#
#   packaging/install.sh [--bundle DIR] [PREFIX]     (PREFIX: default ~/.local)
#   DESTDIR=/tmp/stage packaging/install.sh /usr     (staged install, for distribution packages)
#
# The program itself comes from pip (its `newsviewer` on PATH) or from the bundle:
# --bundle dist/newsviewer copies the one-folder build to PREFIX/lib/newsviewer and links
# PREFIX/bin/newsviewer to it.
set -euo pipefail

APP_ID=io.github.newsviewer.NewsViewer
here="$(cd "$(dirname "$0")" && pwd)"
bundle=""
if [ "${1:-}" = "--bundle" ]; then
  bundle="${2:?--bundle needs the folder built by packaging/build-bundle.sh}"
  shift 2
  [ -x "$bundle/newsviewer" ] || { echo "install.sh: $bundle/newsviewer: no bundle there" >&2; exit 2; }
fi
prefix="${1:-$HOME/.local}"
case "$prefix" in /*) ;; *) echo "install.sh: PREFIX must be an absolute path: $prefix" >&2; exit 2 ;; esac
root="${DESTDIR:-}$prefix"

install -Dm644 "$here/$APP_ID.desktop" "$root/share/applications/$APP_ID.desktop"
install -Dm644 "$here/$APP_ID.metainfo.xml" "$root/share/metainfo/$APP_ID.metainfo.xml"
(cd "$here/icons" && find hicolor -type f -name "$APP_ID.*") | while read -r icon; do
  install -Dm644 "$here/icons/$icon" "$root/share/icons/$icon"
done

if [ -n "$bundle" ]; then
  rm -rf "$root/lib/newsviewer"
  mkdir -p "$root/lib" "$root/bin"
  cp -a "$bundle" "$root/lib/newsviewer"
  ln -sfn "$prefix/lib/newsviewer/newsviewer" "$root/bin/newsviewer"
fi

# Refresh the caches on a live install (a staged one is refreshed by the package manager).
if [ -z "${DESTDIR:-}" ]; then
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$root/share/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$root/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -qtf "$root/share/icons/hicolor" || true
  fi
fi
echo "installed $APP_ID under $root"
