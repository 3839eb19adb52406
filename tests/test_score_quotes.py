"""The quotation scorer reads PolNeAR-style annotations as their annotators meant them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


score = _load("score_quotes")

TEXT = (
    "Headline\n"
    '"We will build it," said Ann Lee, the mayor. "It will last a century."\n'
    '"Nobody wants to wait," said Hester.\n'
)


def _at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _ann(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "story_x.ann"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_discontinuous_content_span_listed_out_of_order_yields_both_quotations(
    tmp_path: Path,
) -> None:
    (a, b), (c, d) = _at('"It will last a century."'), _at('"We will build it,"')
    s, e = _at("Ann Lee, the mayor")
    ann = _ann(
        tmp_path,
        [
            f"T1\tContent {a} {b};{c} {d}\tx",
            f"T2\tSource {s} {e}\tAnn Lee",
            "E1\tContent:T1 Source:T2",
        ],
    )
    gold = score.gold_quotes(TEXT, [ann])
    assert sorted(TEXT[g.start : g.end] for g in gold) == [
        "It will last a century.",
        "We will build it,",
    ]
    assert {g.source for g in gold} == {"Ann Lee, the mayor"}


def test_a_source_and_cue_labelled_the_wrong_way_round_name_the_speaker(tmp_path: Path) -> None:
    a, b = _at('"Nobody wants to wait,"')
    s, e = _at("said Hester")
    ann = _ann(
        tmp_path,
        [
            f"T1\tContent {a} {b}\tx",
            f"T2\tSource {s} {s + 4}\tsaid",
            f"T3\tCue {s + 5} {e}\tHester",
            "E1\tContent:T1 Source:T2 Cue:T3",
        ],
    )
    (gold,) = score.gold_quotes(TEXT, [ann])
    assert gold.source == "Hester"


def test_a_possessive_source_names_its_owner() -> None:
    assert score._name_words("Stumpf’s") == {"stumpf"}
    assert score._name_words("Mr. Trump's campaign") == {"trump", "campaign"}
