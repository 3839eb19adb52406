"""The speakers index kept story by story: the same as building it whole, at every step."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsviewer.domain import ArticleId
from newsviewer.library import Library, ledger
from newsviewer.library.speaker_identity import Attribution, identify
from newsviewer.library.user_data import reading, writing
from tests.test_quote_ledger import STORIES, _story

# A bare "President Trump" stored before the story naming "President Donald Trump":
# rule 3 links it only once the second story is there, and unlinks it when it goes.
LATE = [
    _story(6, "BBC News", [("Walls work.", "Trump", "President")]),
    _story(7, "BBC News", [("We build.", "Donald Trump", "President")]),
    _story(8, "Le Monde", [("Non.", "Emmanuel Macron", "President"), ("Oui.", "Macron", None)]),
]


def _index(library: Library) -> tuple[set[tuple[object, ...]], ...]:
    """The index's rows, and the counts, forms and roles kept for the speakers list."""
    with reading(library) as conn:
        rows = {
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT quotation_id, speaker_key, base_key FROM speaker_quotes"
            )
        }
        listed = {
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT key, name, quotes, stories, roles FROM speaker_list"
            )
        }
        kept = {
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT 'form', speaker_key, form, quotes, 0 FROM speaker_forms UNION ALL "
                "SELECT 'role', speaker_key, role, quotes, first_quote FROM speaker_roles"
            )
        }
    return rows, listed, kept


def _pure(library: Library) -> dict[int, str]:
    """Who said what by ``identify`` over every quotation at once."""
    with reading(library) as conn:
        rows = [
            Attribution(*row)
            for row in conn.exec_driver_sql(
                "SELECT id, article_id, speaker, mention, role FROM quotations ORDER BY id"
            )
        ]
    return identify(rows).speaker_of


def _assert_as_built_whole(library: Library) -> None:
    kept = _index(library)
    with reading(library) as conn:
        speaker_of: dict[int, str] = dict(
            conn.exec_driver_sql("SELECT quotation_id, speaker_key FROM speaker_quotes").all()
        )
    assert speaker_of == _pure(library)
    ledger.rebuild(library)
    assert _index(library) == kept


def test_imports_and_deletes_keep_the_index_as_a_whole_build_makes_it(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as library:
        for n, article in enumerate([*STORIES, *LATE], 1):
            library.add(article, source_path=f"/s{n}.txt", original=f"file {n}".encode())
            _assert_as_built_whole(library)
        trump = {q.text: q.speaker for q in ledger.quotes(library, speaker="Donald Trump")}
        assert trump["Walls work."] == "Donald Trump"  # linked once story 7 came
        assert library.delete(ArticleId(7)) is not None  # "President Donald Trump"
        _assert_as_built_whole(library)
        found = {q.text: q.speaker for q in ledger.quotes(library, limit=None)}
        # Story 5's "President-elect" still links its Trump; story 6's "President" no more.
        assert found["Walls work."] == "Trump" and found["The tariffs stay."] == "Donald Trump"
        speakers = {s.name: s.quotes for s in ledger.speakers(library)}
        assert speakers["Donald Trump"] == 4 and speakers["Trump"] == 1


def test_a_batch_import_is_indexed_in_its_own_transaction(tmp_path: Path) -> None:
    from newsviewer.library import StoreRequest

    with Library.open(tmp_path / "lib.sqlite3") as library:
        library.add_each(
            [
                StoreRequest(a, f"/s{n}.txt", f"file {n}".encode())
                for n, a in enumerate([*STORIES, *LATE])
            ]
        )
        with reading(library) as conn:
            dirty = conn.exec_driver_sql("SELECT count(*) FROM ledger_dirty").scalar()
        assert dirty == 0
        _assert_as_built_whole(library)


def test_quotations_rewritten_by_other_means_are_caught_up(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as library:
        for n, article in enumerate(STORIES, 1):
            library.add(article, source_path=f"/s{n}.txt", original=f"file {n}".encode())
        with library._engine.begin() as conn:  # not through the library: no sync
            conn.exec_driver_sql(
                "UPDATE quotations SET speaker = 'Hillary Clinton', mention = 'Clinton' "
                "WHERE text = 'Believe me.'"
            )
        found = {q.text: q.speaker for q in ledger.quotes(library, limit=None)}
        assert found["Believe me."] == "Hillary Clinton"
        assert {s.name for s in ledger.speakers(library)} >= {"Hillary Clinton"}
        _assert_as_built_whole(library)


def test_merge_and_split_hold_through_re_extraction_and_re_import(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as library:
        for n, article in enumerate(STORIES, 1):
            library.add(article, source_path=f"/s{n}.txt", original=f"file {n}".encode())
        merged = ledger.merge_speakers(library, "Bob Kerry", "John Kerry")
        assert (merged.name, merged.quotes, merged.stories) == ("John Kerry", 3, 2)
        split = ledger.split_speaker(library, "Donald Trump", "Trump")
        assert (split.name, split.quotes) == ("Trump", 2)
        assert ledger.forms(library, "Donald Trump") == [("Donald Trump", 2)]

        def shown() -> dict[str, int]:
            return {s.name: s.quotes for s in ledger.speakers(library)}

        assert shown() == {"John Kerry": 3, "Donald Trump": 2, "Trump": 2}
        # Story 4 (Bob Kerry) extracted again, story 1 deleted and its file imported again.
        with writing(library) as conn:
            conn.exec_driver_sql("DELETE FROM quotations WHERE article_id = 4")
            conn.exec_driver_sql(
                "INSERT INTO quotations (article_id, ordinal, text, speaker, mention, cue, "
                "role, start_offset, end_offset) VALUES (4, 0, 'My state needs roads.', "
                "'Bob Kerry', 'Kerry', 'said', 'Senator', 1, 22)"
            )
        assert library.delete(ArticleId(1)) is not None
        library.add(STORIES[0], source_path="/s1.txt", original=b"file 1")
        assert shown() == {"John Kerry": 3, "Donald Trump": 2, "Trump": 2}
        roles = [r.role for r in ledger.roles_held(library, "John Kerry")]
        assert roles == ["Secretary of State", "Senator"]
        _assert_as_built_whole_with_corrections(library)


def _assert_as_built_whole_with_corrections(library: Library) -> None:
    kept = _index(library)
    ledger.rebuild(library)
    assert _index(library) == kept


def test_merge_and_split_refuse_what_makes_no_sense(tmp_path: Path) -> None:
    import pytest

    with Library.open(tmp_path / "lib.sqlite3") as library:
        for n, article in enumerate(STORIES, 1):
            library.add(article, source_path=f"/s{n}.txt", original=f"file {n}".encode())
        with pytest.raises(ledger.LedgerError, match="no speaker named “Nobody”"):
            ledger.merge_speakers(library, "Nobody", "John Kerry")
        with pytest.raises(ledger.LedgerError, match="one speaker already"):
            ledger.merge_speakers(library, "Donald J. Trump", "Donald Trump")
        with pytest.raises(ledger.LedgerError, match="never written"):
            ledger.split_speaker(library, "John Kerry", "Bob")
        with pytest.raises(ledger.LedgerError, match="nothing to split"):
            ledger.split_speaker(library, "Bob Kerry", "Bob Kerry")


def test_search_said_and_its_chips_use_the_merged_speakers(tmp_path: Path) -> None:
    from newsviewer.library.search import FacetCount

    with Library.open(tmp_path / "lib.sqlite3") as library:
        for n, article in enumerate([*STORIES, *LATE], 1):
            library.add(article, source_path=f"/s{n}.txt", original=f"file {n}".encode())

        def stories(query: str) -> set[int]:
            return {int(hit.id) for hit in library.search(query)}

        # Stories 5 and 6 name only "Trump" (with a role), who rule 3 links to the
        # Donald Trump of stories 2 and 7: the phrase alone finds neither.
        assert stories('said:"Donald Trump"') == {1, 2, 5, 6, 7}
        assert stories('said:"Bob Kerry"') == {4}
        ledger.merge_speakers(library, "Bob Kerry", "John Kerry")
        assert stories('said:"Bob Kerry"') == {3, 4}
        chips = library.facets("said:kerry").speakers
        assert chips == (FacetCount("John Kerry", 2),)
        chips = library.facets("said:trump").speakers
        assert chips == (FacetCount("Donald Trump", 5),)


def test_an_older_library_gets_its_index_built_by_the_upgrade(tmp_path: Path) -> None:
    from tests.migration_helpers import downgrade

    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as library:
        for n, article in enumerate([*STORIES, *LATE], 1):
            library.add(article, source_path=f"/s{n}.txt", original=f"file {n}".encode())
        built = _index(library)
    downgrade(path, "0010")
    with Library.open(path) as library:  # upgraded again: 0011 builds the index
        assert _index(library) == built
        assert {s.name for s in ledger.speakers(library)} >= {"Donald Trump", "Emmanuel Macron"}


def test_counts_roles_and_names_follow_each_story_as_counting_afresh_would(
    tmp_path: Path,
) -> None:
    voss = [
        _story(1, "BBC News", [("Taxes fall.", "Ana Voss", "Senator"), ("Soon.", "Voss", None)]),
        _story(2, "Reuters", [("Trade grows.", "Ana Voss", "Minister"), ("Yes.", "Voss", None)]),
        _story(3, "Reuters", [("Roads first.", "Ana Voss", "Senator")]),
        _story(4, "Le Monde", [("Water matters.", "Ana Voss", "Governor")]),
    ]

    def shown() -> tuple[int, int, tuple[str, ...]]:
        found = ledger.speaker(library, "Ana Voss")
        assert found is not None
        return found.quotes, found.stories, found.roles

    with Library.open(tmp_path / "lib.sqlite3") as library:
        for n, article in enumerate(voss, 1):
            library.add(article, source_path=f"/v{n}.txt", original=f"voss {n}".encode())
        _assert_as_built_whole(library)
        assert shown() == (6, 4, ("Senator", "Minister", "Governor"))
        # The story that first gave "Senator" goes: the role is first seen after "Minister".
        assert library.delete(ArticleId(1)) is not None
        _assert_as_built_whole(library)
        assert shown() == (4, 3, ("Minister", "Senator", "Governor"))
        # Story 2 extracted again without its "Minister" quotation, and with a new one.
        with writing(library) as conn:
            conn.exec_driver_sql("DELETE FROM quotations WHERE article_id = 2")
            conn.exec_driver_sql(
                "INSERT INTO quotations (article_id, ordinal, text, speaker, mention, cue, "
                "role, start_offset, end_offset) VALUES (2, 0, 'Ports too.', 'Ana Voss', "
                "'Voss', 'said', 'Mayor', 1, 10)"
            )
        _assert_as_built_whole(library)
        assert shown() == (3, 3, ("Senator", "Governor", "Mayor"))
        assert ledger.forms(library, "Ana Voss") == [("Ana Voss", 3)]
        # The reader gives story 4's quotation to someone else, then takes it back.
        water = next(q for q in ledger.quotes(library, limit=None) if q.text == "Water matters.")
        ledger.correct(library, water.id, speaker="Bo Lind")
        _assert_as_built_whole_with_corrections(library)
        assert shown() == (2, 2, ("Senator", "Mayor"))
        ledger.correct(library, water.id, not_quote=True)
        _assert_as_built_whole_with_corrections(library)
        assert ledger.speaker(library, "Bo Lind") is None
        with writing(library) as conn:
            conn.exec_driver_sql("DELETE FROM quote_corrections")
            conn.exec_driver_sql("INSERT INTO ledger_dirty (article_id) VALUES (4)")
        _assert_as_built_whole(library)
        assert shown() == (3, 3, ("Senator", "Governor", "Mayor"))
        # Her last stories go: she leaves the list, and so do her forms and roles.
        for story in (2, 3, 4):
            assert library.delete(ArticleId(story)) is not None
        assert ledger.speaker(library, "Ana Voss") is None
        assert _index(library) == (set(), set(), set())


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new library on either engine: a file's path or a throwaway server's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "lib.sqlite3")
    return str(request.getfixturevalue("pg_url"))


def test_the_upgrade_counts_an_older_librarys_speakers_on_both_engines(where: str) -> None:
    from tests.migration_helpers import downgrade

    with Library.open(where) as library:
        for n, article in enumerate([*STORIES, *LATE], 1):
            library.add(article, source_path=f"/s{n}.txt", original=f"file {n}".encode())
        ledger.merge_speakers(library, "Bob Kerry", "John Kerry")
        built = _index(library)
    downgrade(where, "0012")  # before the counts were kept: no forms or roles tables
    with Library.open(where) as library:
        assert _index(library) == built
        forms = ledger.forms(library, "John Kerry")
        assert forms == [("Bob Kerry", 1), ("John Kerry", 1), ("Kerry", 1)]
        library.add(LATE[0], source_path="/again.txt", original=b"again")
        _assert_as_built_whole_with_corrections(library)
