"""Corpus quality gate: score the importers, compare with recorded floors.

    python scripts/quality_gate.py ../shared/corpora [--raise-floors]

Runs ``score_corpora.py``, ``score_bodies.py`` (our side only: trafilatura's row is
for comparing by hand, not a floor) and ``score_quotes.py`` with ``--json`` on the
corpus folder, prints every figure beside its floor from ``quality/floors.json``, and
exits 1 when a figure fell below its floor. Counts of refused pages (``*_refused``) are
ceilings instead: the gate fails when one rises above its recorded value.
``--raise-floors`` writes the new figures where they are better: floors only ever go
up, ceilings only down.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "quality" / "floors.json"

# Rates in items per second swing with the machine's load (a split of 84 articles
# takes a tenth of a second), so they are printed for the record but never gate:
# benchmarks/ measures speed.


def run_json(script: str, corpus: Path, *extra: str) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), str(corpus), "--json", *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"quality gate: {script} failed with status {proc.returncode}")
    last = [line for line in proc.stdout.splitlines() if line.startswith("{")][-1]
    figures: dict[str, float] = json.loads(last)
    return figures


def is_rate(key: str) -> bool:
    return key.endswith("_per_s")


def is_ceiling(key: str) -> bool:
    """A count that must not rise (pages refused), where the other figures must not fall."""
    return key.endswith("_refused")


def worse(key: str, now: float, recorded: float) -> bool:
    return now - 1e-9 > recorded if is_ceiling(key) else now + 1e-9 < recorded


def better_of(key: str, now: float, recorded: float) -> float:
    return min(now, recorded) if is_ceiling(key) else max(now, recorded)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--raise-floors", action="store_true")
    args = parser.parse_args()
    figures = run_json("score_corpora.py", args.corpus)
    figures.update(run_json("score_bodies.py", args.corpus, "--no-baseline"))
    figures.update(run_json("score_quotes.py", args.corpus))
    floors: dict[str, float] = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    failed = []
    print(f"{'figure':28} {'now':>9} {'floor':>9}")
    for key in sorted(figures):
        now = figures[key]
        if is_rate(key):
            print(f"{key:28} {now:9.3f} {'(speed)':>9}")
            continue
        floor = floors.get(key)
        bad = floor is not None and worse(key, now, floor)
        mark = ("  ABOVE CEILING" if is_ceiling(key) else "  BELOW FLOOR") if bad else ""
        shown = "-" if floor is None else f"{floor:9.3f}"
        print(f"{key:28} {now:9.3f} {shown:>9}{mark}")
        if bad:
            failed.append(key)
    missing = sorted(set(floors) - set(figures))
    for key in missing:
        print(f"{key:28} {'missing':>9} {floors[key]:9.3f}  NOT MEASURED")
    if args.raise_floors:
        raised = {
            k: better_of(k, v, floors.get(k, v)) for k, v in figures.items() if not is_rate(k)
        }
        raised.update({k: floors[k] for k in missing})
        FLOORS.write_text(json.dumps(dict(sorted(raised.items())), indent=2) + "\n")
        print(f"floors written to {FLOORS.relative_to(ROOT)}")
    if failed or missing:
        print(f"quality gate: FAILED ({', '.join(failed + missing)})")
        return 1
    print(f"quality gate: ok ({len(figures)} figures within their floors and ceilings)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
