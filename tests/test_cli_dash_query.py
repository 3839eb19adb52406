"""A search whose query starts with "-": after "--" it runs; without, the error says how."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsviewer.cli import main
from newsviewer.library import Library
from tests.living_helpers import fill


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        fill(library, 3)
    return path


def _run(lib_path: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--library", str(lib_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_query_of_excluded_words_runs_after_the_double_dash(
    lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(lib_path, "search", "--", "-zebra", capsys=capsys)
    # Nothing but an excluded word is a query the library answers without error.
    assert code == 0
    code, out, _ = _run(lib_path, "search", "--limit", "2", "--", "kerry", "-zebra", capsys=capsys)
    assert code == 0 and out.count("#") == 2


def test_a_dash_query_without_the_double_dash_is_told_how(
    lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(lib_path, "search", "kerry", "-iraq", capsys=capsys)
    assert code == 2 and out == ""
    assert "newsviewer search -- kerry -iraq" in err
    # Options of the command are still options.
    code, out, _ = _run(lib_path, "search", "--json", "--limit", "1", "kerry", capsys=capsys)
    assert code == 0 and out.count('"id"') == 1


@pytest.mark.parametrize("words", [["-"], ["-5"], ["kerry", "-2.5"], ["-no such words"]])
def test_words_argparse_takes_as_query_words_need_no_double_dash(
    lib_path: Path, words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(lib_path, "search", *words, capsys=capsys)
    assert code == 0 and err == ""
