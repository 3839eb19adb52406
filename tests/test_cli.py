"""The command line as a user runs it: import, search, show, parse."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsviewer.cli import main
from tests.conftest import FIXTURES, SAMPLE

TITLE = "John Kerry: No troops on the ground in US aid to Iraq"
CAPTION = (
    "Gunmen patrol during clashes with Iraqi security forces in Fallujah, "
    "40 miles west of Baghdad, Iraq, Jan. 5, 2014."
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_parse_sample_gives_the_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "parse", str(SAMPLE), "--json")
    assert code == 0
    [doc] = json_lines(out)
    assert doc["title"] == TITLE
    assert "IE 11" not in out
    assert doc["summary"].startswith("Secretary of State John Kerry pledged support")
    assert [f["caption"] for f in doc["figures"]] == [CAPTION]
    text = doc["text"]
    assert text.startswith("Secretary of State John Kerry pledged support")
    assert CAPTION not in text
    assert text.count("We will stand with the government of Iraq") == 1
    assert text.count("Fallujah in particular was the site") == 1
    quotes = doc["quotes"]
    kerry = [q["text"] for q in quotes if q["speaker"] == "John Kerry"]
    assert len(kerry) == 4
    assert any(q.startswith("We will stand with") for q in kerry)
    assert any(q.startswith("We’re not contemplating") for q in kerry)
    assert any(q.startswith("These are the most dangerous players") for q in kerry)
    assert any(q.startswith("This is a fight that is bigger than just Iraq") for q in kerry)
    dire = [q for q in quotes if "extremely dire" in q["text"]]
    assert [q["speaker"] for q in dire] == ["U.S. intelligence officials"]
    for q in quotes:
        assert not q["text"].startswith(("'", "’", "s ")), q
        assert not q["text"].endswith(("ISIL", "We")), q
    if doc["published"] is not None:
        assert doc["published_inferred"] is True


def test_parse_json_gives_each_attribution_a_confidence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Council keeps library open\n\n"
        '"We will keep the library open," said Jane Porter, the council leader.\n\n'
        'Residents cheered. "This is what we asked for," one of them said.\n\n'
        'The word "library" appears on the sign.\n',
        encoding="utf-8",
    )
    code, out = run(capsys, "parse", str(story), "--json")
    assert code == 0
    [doc] = json_lines(out)
    by_text = {q["text"]: q for q in doc["quotes"]}
    named = by_text["We will keep the library open"]
    assert named["speaker"] == "Jane Porter"
    assert named["confidence"] >= 0.9
    for q in doc["quotes"]:
        assert 0.0 <= q["confidence"] <= 1.0
        if q["speaker"] is None:
            assert q["confidence"] == 0.0


def test_parse_reports_a_bad_file_in_argument_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out = run(capsys, "parse", str(empty), str(SAMPLE), "--json")
    assert code == 1
    first, second = json_lines(out)
    assert first == {"path": str(empty), "error": "empty file"}
    assert second["title"] == TITLE


def make_batch(folder: Path) -> None:
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "nbc-kerry-iraq.txt")
    for name in ("bbc-style-story.txt", "harbour-page.html", "latin1-story.txt"):
        shutil.copy(FIXTURES / "batch" / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "noise.bin").write_bytes(os.urandom(20_000))
    html = (FIXTURES / "batch" / "harbour-page.html").read_bytes()
    (folder / "truncated.html").write_bytes(html[:180])
    with (folder / "huge.txt").open("wb") as fh:  # sparse: 300 MB on paper, nothing on disk
        fh.truncate(300 * 1024 * 1024)


def test_import_folder_reports_each_file_and_second_import_only_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "batch"
    make_batch(batch)
    code, out = run(capsys, "import", str(batch), "--json")
    assert code == 1
    rows = {Path(r["path"]).name: r for r in json_lines(out)}
    good = ["nbc-kerry-iraq.txt", "bbc-style-story.txt", "harbour-page.html", "latin1-story.txt"]
    for name in good:
        assert rows[name]["status"] == "imported", rows[name]
    assert rows["nbc-kerry-iraq.txt"]["title"] == TITLE
    assert rows["latin1-story.txt"]["title"] == "Fête de la musique attire des milliers"
    bad = {"empty.txt", "noise.bin", "truncated.html", "huge.txt"}
    for name in bad:
        assert rows[name]["status"] == "failed"
        assert rows[name]["reason"]
    assert rows["empty.txt"]["reason"] == "empty file"
    assert "too large" in rows["huge.txt"]["reason"]

    code, out = run(capsys, "import", str(batch), "--json")
    assert code == 1
    statuses = {Path(r["path"]).name: r["status"] for r in json_lines(out)}
    assert {n for n, s in statuses.items() if s == "duplicate"} == set(good)
    assert {n for n, s in statuses.items() if s == "failed"} == bad

    code, out = run(capsys, "search", "Fête", "--json")
    assert [r["title"] for r in json_lines(out)] == ["Fête de la musique attire des milliers"]


def test_import_then_search_marks_the_hit_and_show_prints_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run(capsys, "import", str(SAMPLE))
    assert code == 0
    assert "imported" in out and TITLE in out
    code, out = run(capsys, "search", "boots on the ground")
    assert code == 0
    assert TITLE in out
    assert "**boots**" in out and "**ground**" in out
    code, out = run(capsys, "search", "boots on the ground", "--json")
    [hit] = json_lines(out)
    code, out = run(capsys, "show", str(hit["id"]))
    assert code == 0
    assert out.startswith(TITLE)
    assert "John Kerry: “We’re not contemplating" in out
    code, out = run(capsys, "show", str(hit["id"]), "--json")
    assert json_lines(out)[0]["title"] == TITLE


@pytest.mark.parametrize("query", ['"unbalanced', "NOT", "*", "a OR", "(", ")", '"', "-", "AND OR"])
def test_hostile_queries_answer_without_error(
    query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", str(SAMPLE))
    code = main(["search", query])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err == ""
    # Either the sample matches the words left after escaping, or a clear "no match".
    assert TITLE in captured.out or "no stories match" in captured.out


def test_show_unknown_id_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["show", "4242"])
    assert code == 1
    assert "no article #4242" in capsys.readouterr().err


def test_installed_entry_point_runs_in_a_fresh_process(tmp_path: Path) -> None:
    lib = tmp_path / "cli.sqlite3"
    proc = subprocess.run(
        [sys.executable, "-m", "newsviewer", "--library", str(lib), "import", str(SAMPLE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert TITLE in proc.stdout
    assert lib.exists()


def test_domain_and_cli_never_load_qt() -> None:
    code = (
        "import sys, newsviewer.cli, newsviewer.importing, newsviewer.importers.registry;"
        "from newsviewer.importers.registry import default_importers; default_importers();"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_parse_json_lists_each_speaker_once_with_every_mention_and_the_role(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Lee meets business leaders\n\n"
        "President-elect Ann Lee met business leaders on Tuesday.\n\n"
        '"We are going to bring back jobs," Lee said.\n\n'
        'Aides were pleased. "It was a great meeting," the president said.\n\n'
        '"We will win," she added.\n',
        encoding="utf-8",
    )
    code, out = run(capsys, "parse", str(story), "--json")
    assert code == 0
    [doc] = json_lines(out)
    assert doc["speakers"] == [
        {
            "name": "Ann Lee",
            "role": "President-elect",
            "mentions": ["Lee", "the president", "she"],
            "quotes": 3,
        }
    ]
