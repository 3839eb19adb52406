"""The body score (4-word shingles) and the gate's ceilings for refused pages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bodies = _load("score_bodies")
gate = _load("quality_gate")


def test_identical_texts_match_fully_whatever_the_spacing() -> None:
    assert bodies.match("One two three four five.", "One  two\nthree, four five") == (
        1.0,
        0.0,
        0.0,
    )


def test_extra_boilerplate_costs_precision_and_a_lost_paragraph_recall() -> None:
    truth = "the cat sat on the mat today"  # 4 shingles
    tp, fp, fn = bodies.match(truth, truth + " share this story on social media")
    assert fn == 0 and fp > 0
    tp, fp, fn = bodies.match(truth, "the cat sat on")
    assert fp == 0 and tp == pytest.approx(1 / 4)


def test_a_refused_page_lowers_recall_but_not_precision() -> None:
    row = bodies.Row()
    row.pages.append(("a", *bodies.match("one two three four five", "one two three four five")))
    row.pages.append(("b", *bodies.match("six seven eight nine ten", "")))
    assert row.precision == 1.0
    assert row.recall == 0.5
    assert row.f1 == pytest.approx(2 / 3)


def test_gold_markers_are_not_scored(tmp_path: Path) -> None:
    (tmp_path / "cleanportaleval" / "pages").mkdir(parents=True)
    (tmp_path / "cleanportaleval" / "gold").mkdir()
    (tmp_path / "cleanportaleval" / "pages" / "x.html").write_text("<p>x</p>")
    (tmp_path / "cleanportaleval" / "gold" / "x.txt").write_text(
        "URL: http://example.org/a\n<h>Headline here\n\n<p>It&#039;s text.\n"
    )
    [page] = bodies.pages(tmp_path, "cleanportaleval")
    assert page.truth.split() == ["Headline", "here", "It's", "text."]


def test_refusal_counts_are_ceilings_and_scores_floors() -> None:
    assert gate.worse("l3s-gn1.body_refused", 4, 3)
    assert not gate.worse("l3s-gn1.body_refused", 2, 3)
    assert gate.worse("l3s-gn1.body_f1", 0.85, 0.86)
    assert gate.better_of("l3s-gn1.body_refused", 2, 3) == 2
    assert gate.better_of("l3s-gn1.body_f1", 0.9, 0.86) == 0.9


def test_a_caption_the_page_shows_with_its_story_is_scored_where_it_stands(
    tmp_path: Path,
) -> None:
    # CleanEval's gold, like Readability's, keeps the caption under a story's photo.
    (tmp_path / "cleanportaleval" / "pages").mkdir(parents=True)
    (tmp_path / "cleanportaleval" / "gold").mkdir()
    first = "The council voted on Tuesday to close the old bridge to all traffic for repairs."
    second = "Engineers found cracks in two of its arches during a routine inspection last month."
    caption = "Cars queue at the old bridge before its closure, seen from the river bank."
    (tmp_path / "cleanportaleval" / "pages" / "x.html").write_text(
        "<html><head><title>Bridge to close</title></head><body><article>"
        f"<h1>Bridge to close</h1><p>{first}</p>"
        f'<figure><img src="bridge.jpg"><figcaption>{caption}</figcaption></figure>'
        f"<p>{second}</p></article></body></html>"
    )
    (tmp_path / "cleanportaleval" / "gold" / "x.txt").write_text(
        f"URL: http://example.org/a\n<h>Bridge to close\n\n<p>{first}\n\n<p>{caption}\n\n"
        f"<p>{second}\n"
    )
    [page] = bodies.pages(tmp_path, "cleanportaleval")
    text = bodies.ours(page)
    assert text is not None and caption in text
    assert text.index(first) < text.index(caption) < text.index(second)
    assert bodies.match(page.truth, text) == (1.0, 0.0, 0.0)
