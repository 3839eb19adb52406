#!/usr/bin/env bash
# Builds the one-folder application dist/newsviewer/ with PyInstaller: a `newsviewer`
# executable and its _internal/ folder (Python, Qt, the parsers), runnable without
# Python or a virtual environment on a Linux of the same or a newer C library.
#
#   packaging/build-bundle.sh [PYTHON]   (PYTHON: default .venv/bin/python)
#
# PYTHON's environment must have NewsViewer installed (pip install . or -e .);
# PyInstaller is installed into it if missing. Build files go to build/bundle/.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${1:-.venv/bin/python}"
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
  "$python" -m pip install -q "pyinstaller>=6.10"
fi
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/bundle packaging/newsviewer.spec
echo "built dist/newsviewer/ in $(( $(date +%s) - start )) s, $(du -sh dist/newsviewer | cut -f1)"
