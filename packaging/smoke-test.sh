#!/usr/bin/env bash
# Smoke test of the bundle built by packaging/build-bundle.sh, run with a clean
# environment and with the virtual environment it was built from moved out of the way:
# every command, a parallel import (spawned parse processes), and the window opened
# offscreen for a few seconds, importing a file and closing itself.
#
#   packaging/smoke-test.sh [BUNDLE_DIR] [VENV]   (defaults: dist/newsviewer .venv)
#
# With VENV, the files under tests/fixtures are first parsed by that environment's
# Python and the bundle must give the same JSON: a data file the bundle lacks
# (trafilatura's settings, justext's stop lists...) shows up as a difference.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle="$(cd "${1:-dist/newsviewer}" && pwd)"
venv="${2-.venv}"
if [ -n "$venv" ]; then venv="$(cd "$venv" && pwd)"; fi
fixtures="$PWD/tests/fixtures"
work="$(mktemp -d)"
hidden=""
restore() {
  if [ -n "$hidden" ]; then mv "$hidden" "$venv"; fi
  rm -rf "$work"
}
trap restore EXIT
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

# Every fixture (all formats, and files that must fail) must parse the same in both,
# and so must a small file of each container format (packaging/smoke_formats.py).
mapfile -t samples < <(cd "$fixtures" && find . -type f | sed "s,^\./,," | sort)
if [ -n "$venv" ]; then
  QT_QPA_PLATFORM=offscreen "$venv/bin/python" packaging/smoke_formats.py "$work/formats"
  mapfile -t -O "${#samples[@]}" samples < <(find "$work/formats" -type f | sort)
  (cd "$fixtures" && "$venv/bin/python" -m newsviewer parse "${samples[@]}" --json) \
    >"$work/expected.jsonl" || true
  # A job for a parse process, as newsviewer/parse_pool.py sends it.
  "$venv/bin/python" -c 'import pickle, sys; pickle.dump((0, sys.argv[1]), sys.stdout.buffer)' \
    "$fixtures/nbc-kerry-iraq.txt" >"$work/job.pickle"
  hidden="$work/venv-away"
  mv "$venv" "$hidden"
fi

lib="$work/library.sqlite3"
nv() {
  timeout 120 env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    "${extra_env[@]}" "$bundle/newsviewer" "$@"
}
extra_env=()
mkdir -p "$work/home"
start=$(date +%s)

# parse: the sample, and the same JSON as the source tree for every fixture.
nv parse "$fixtures/nbc-kerry-iraq.txt" --json >"$work/kerry.json"
grep -q '"title": "John Kerry: No troops on the ground in US aid to Iraq"' "$work/kerry.json" ||
  fail "parse: the sample's headline is not in $(head -c 300 "$work/kerry.json")"
if [ -n "$venv" ]; then
  (cd "$fixtures" && nv parse "${samples[@]}" --json) >"$work/got.jsonl" || true
  diff -u "$work/expected.jsonl" "$work/got.jsonl" >&2 ||
    fail "parse: the bundle reads the fixtures differently from the source tree"
  echo "parse: ${#samples[@]} files read as in the source tree"
fi

# A parse process, started as an import starts it (sys.executable -m ...): it must
# answer with the story, not fall back to the command line or fail to start.
if [ -n "$venv" ]; then
  nv -m newsviewer.parse_worker 0 <"$work/job.pickle" >"$work/parsed.pickle" ||
    fail "parse process: exit $?"
  grep -a -q 'John Kerry: No troops' "$work/parsed.pickle" ||
    fail "parse process: no story in its answer ($(head -c 200 "$work/parsed.pickle"))"
  echo "parse process: the bundle runs one and it parses"
fi

# import: enough files to start the parse processes (importing.PARALLEL_MIN_FILES).
mkdir "$work/many"
for i in $(seq 1 30); do
  printf 'Harbour report number %s\n\nThe harbour master counted %s boats on the quay this morning, the port authority said.\n\n"We have never seen so many in one week," said Jo Baines, who runs the ferry office.\n' \
    "$i" "$((i * 7))" >"$work/many/report-$i.txt"
done
nv --library "$lib" import "$work/many" "$fixtures/nbc-kerry-iraq.txt" >"$work/import.txt" ||
  fail "import: $(cat "$work/import.txt")"
tail -1 "$work/import.txt" | grep -q '^31 imported' || fail "import: $(tail -3 "$work/import.txt")"
echo "import: $(tail -1 "$work/import.txt")"

# search and show.
nv --library "$lib" search 'kerry iraq' --json >"$work/search.json"
grep -q 'John Kerry: No troops' "$work/search.json" || fail "search: $(cat "$work/search.json")"
id="$(grep -o '"id": [0-9]*' "$work/search.json" | head -1 | grep -o '[0-9]*$')"
nv --library "$lib" show "$id" | grep -q 'Fallujah' || fail "show $id: no story text"
echo "search and show: story #$id found and printed"

# The window: painted with the list; then importing a file given on its command line,
# open a few seconds more, and closed as by the user.
extra_env=(NEWSVIEWER_EXIT_AFTER_PAINT=1)
nv --library "$lib" >"$work/paint.txt" 2>"$work/paint.err" ||
  fail "window (paint): exit $?: $(cat "$work/paint.err")"
grep -q '^listed ' "$work/paint.txt" || fail "window: the list was never painted: $(cat "$work/paint.txt")"
extra_env=(NEWSVIEWER_QUIT_AFTER=3)
nv --library "$lib" "$fixtures/batch/bbc-style-story.txt" 2>"$work/window.err" ||
  fail "window: exit $?: $(cat "$work/window.err")"
if grep -q -E 'Traceback|Error' "$work/window.err"; then fail "window: $(cat "$work/window.err")"; fi
extra_env=()
nv --library "$lib" search 'rail fares' | grep -q 'Rail fares to rise above inflation' ||
  fail "window: the file given on its command line was not imported"
echo "window: painted its list, imported a file, closed cleanly"

# On an X server, as on a desktop: the xcb platform plugin and the system's X libraries.
if command -v xvfb-run >/dev/null 2>&1; then
  xvfb-run -a sh -c 'exec env -i PATH=/usr/bin:/bin HOME="$1" LANG=C.UTF-8 DISPLAY="$DISPLAY" \
    XAUTHORITY="$XAUTHORITY" QT_QPA_PLATFORM=xcb NEWSVIEWER_EXIT_AFTER_PAINT=1 \
    timeout 120 "$2" --library "$3"' sh "$work/home" "$bundle/newsviewer" "$lib" \
    >"$work/x11.txt" 2>"$work/x11.err" || fail "window on X: exit $?: $(cat "$work/x11.err")"
  grep -q '^listed ' "$work/x11.txt" || fail "window on X: the list was never painted"
  echo "window on X (xvfb): painted its list"
fi
echo "smoke test passed in $(( $(date +%s) - start )) s ($(du -sh "$bundle" | cut -f1) bundle)"
