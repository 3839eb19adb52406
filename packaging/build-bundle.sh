#!/usr/bin/env bash
# Builds the one-folder application dist/newsviewer/ with PyInstaller: a `newsviewer`
# executable and its _internal/ folder (Python, Qt, the parsers), runnable without
# Python or a virtual environment on a Linux of the same or a newer C library.
#
#   packaging/build-bundle.sh [--tar] [PYTHON]   (PYTHON: default .venv/bin/python)
#
# --tar also packs it as dist/newsviewer-VERSION-linux-ARCH.tar.gz, to hand to users.
# PYTHON's environment must have NewsViewer installed (pip install . or -e .);
# PyInstaller is installed into it if missing. Build files go to build/bundle/.
set -euo pipefail
cd "$(dirname "$0")/.."
tar=""
if [ "${1:-}" = "--tar" ]; then tar=1; shift; fi
python="${1:-.venv/bin/python}"
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
  "$python" -m pip install -q "pyinstaller>=6.10"
fi
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/bundle packaging/newsviewer.spec
echo "built dist/newsviewer/ in $(( $(date +%s) - start )) s, $(du -sh dist/newsviewer | cut -f1)"
if [ -n "$tar" ]; then
  version="$("$python" -c 'from importlib.metadata import version; print(version("newsviewer"))')"
  archive="dist/newsviewer-$version-linux-$(uname -m).tar.gz"
  tar -C dist -czf "$archive" newsviewer
  echo "packed $archive, $(du -sh "$archive" | cut -f1)"
fi
