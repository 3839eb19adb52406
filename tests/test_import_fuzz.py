"""Fuzzed files: a few thousand mutations of every format's files, each answered
with a story or a reason, no exception the parsers did not expect, and none over
its time budget. ``scripts/fuzz_import.py`` runs the same for longer."""

from __future__ import annotations

import os
from pathlib import Path

from tests.fuzz_files import run

CASES = int(os.environ.get("NEWSVIEWER_FUZZ_CASES", "2000"))
SEED = int(os.environ.get("NEWSVIEWER_FUZZ_SEED", "20261207"))


def test_every_fuzzed_file_is_answered_with_a_story_or_a_reason(tmp_path: Path) -> None:
    report = run(tmp_path / "cases", SEED, CASES, file_seconds=20, workers=2)
    assert report.defects() == []
    assert report.files == CASES
    # The mutations leave many files readable: the fuzz reaches the parsers' insides.
    assert report.stories > CASES // 4
    assert report.refused > 0
