"""Tags, marks, highlights, reading places and saved searches, as a user would use them."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsviewer.domain import Block
from newsviewer.library import Library, marks, saved_searches, tags
from newsviewer.library import highlights as hl
from tests.living_helpers import fill, story
from tests.migration_helpers import downgrade


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


def test_new_stories_are_unread_and_marks_change_by_the_batch(library: Library) -> None:
    a, b, c = fill(library, 3)
    assert marks.counts(library) == marks.Counts(stories=3, unread=3, starred=0, archived=0)
    assert marks.set_read(library, [a, b]) == 2
    assert marks.set_starred(library, [b, c, 9999]) == 2
    assert marks.set_archived(library, [a]) == 1
    assert marks.set_starred(library, [b]) == 0  # already starred: nothing changes
    got = marks.marks_of(library, [a, b, c, 9999])
    assert got == {
        a: marks.Marks(read=True, starred=False, archived=True),
        b: marks.Marks(read=True, starred=True, archived=False),
        c: marks.Marks(read=False, starred=True, archived=False),
    }
    assert marks.counts(library) == marks.Counts(stories=3, unread=1, starred=2, archived=1)
    # Lists keep the list's order: newest published first.
    assert marks.marked_ids(library, marks.STARRED) == [c, b]
    assert marks.marked_ids(library, marks.UNREAD) == [c]
    marks.set_read(library, [a], read=False)
    marks.set_starred(library, [b], starred=False)
    assert marks.marked_ids(library, marks.UNREAD) == [c, a]
    assert marks.counts(library) == marks.Counts(stories=3, unread=2, starred=1, archived=1)


def test_deleting_a_story_keeps_every_count_right(library: Library) -> None:
    a, b = fill(library, 2)
    marks.set_starred(library, [a, b])
    tags.add_tags(library, [a, b], ["climate"])
    hl.add_highlight_text(library, a, "no troops")
    marks.save_position(library, a, 10, 0.5)
    library.delete(a)
    assert marks.counts(library) == marks.Counts(stories=1, unread=1, starred=1, archived=0)
    assert [(t.name, t.stories) for t in tags.all_tags(library)] == [("climate", 1)]
    assert marks.sites(library) == [("NBC News", 1)]
    assert hl.highlights_of(library, a) == []
    assert marks.position(library, a) is None


def test_undoing_a_delete_brings_back_marks_tags_highlights_and_place(library: Library) -> None:
    a, b = fill(library, 2)
    marks.set_read(library, [a])
    marks.set_starred(library, [a])
    tags.add_tags(library, [a, b], ["Iraq"])
    made = hl.add_highlight_text(library, a, "no troops", note="again", colour="pink")
    marks.save_position(library, a, 12, 0.3)
    before = (
        marks.marks_of(library, [a]),
        tags.tags_of(library, [a]),
        [(h.text, h.note, h.colour, h.start) for h in hl.highlights_of(library, a)],
        marks.position(library, a),
    )
    deleted = library.delete(a)
    assert deleted is not None
    tags.delete_tag(library, "iraq")  # gone meanwhile: the undo brings it back
    assert library.restore(deleted) == a
    after = (
        marks.marks_of(library, [a]),
        tags.tags_of(library, [a]),
        [(h.text, h.note, h.colour, h.start) for h in hl.highlights_of(library, a)],
        marks.position(library, a),
    )
    assert after == before and made.text == "no troops"
    assert marks.counts(library) == marks.Counts(stories=2, unread=1, starred=1, archived=0)


def test_tags_add_remove_rename_merge_on_several_stories(library: Library) -> None:
    a, b, c = fill(library, 3)
    assert tags.add_tags(library, [a, b], ["Climate", " energy  policy "]) == 4
    assert tags.add_tags(library, [b, c], ["climate"]) == 1  # same tag, any case
    assert tags.tags_of(library, [a, b, c]) == {
        a: ("Climate", "energy policy"),
        b: ("Climate", "energy policy"),
        c: ("Climate",),
    }
    assert [(t.name, t.stories) for t in tags.all_tags(library)] == [
        ("Climate", 3),
        ("energy policy", 2),
    ]
    assert tags.tagged_ids(library, "CLIMATE") == [c, b, a]
    assert tags.remove_tags(library, [a], ["climate"]) == 1
    assert tags.tagged_ids(library, "climate") == [c, b]
    # Rename, then rename onto an existing tag: a merge without doubles.
    assert tags.rename_tag(library, "energy policy", "Energy").name == "Energy"
    merged = tags.rename_tag(library, "climate", "energy")
    assert (merged.name, merged.stories) == ("Energy", 3)
    assert [t.name for t in tags.all_tags(library)] == ["Energy"]
    tags.add_tags(library, [a], ["war"])
    tags.add_tags(library, [c], ["peace"])
    assert tags.merge_tags(library, ["war", "peace"], "conflict").stories == 2
    assert tags.complete(library, "e") == ["Energy"]
    assert tags.complete(library, "CON") == ["conflict"]
    assert tags.delete_tag(library, "conflict")
    assert tags.tags_of(library, [a, c]) == {a: ("Energy",), c: ("Energy",)}
    with pytest.raises(tags.TagError):
        tags.add_tags(library, [a], ["   "])
    with pytest.raises(tags.TagError, match="no tag"):
        tags.rename_tag(library, "nothing", "else")


def test_highlight_by_words_with_colour_and_note(library: Library) -> None:
    [a] = fill(library, 1)
    text = library.get(a).text  # type: ignore[union-attr]
    made = hl.add_highlight_text(
        library, a, "not  consider\nsending", note=" Key line ", colour="Green"
    )
    assert made.text == "not consider sending"
    assert text[made.start : made.end] == "not consider sending"
    assert (made.colour, made.note) == ("green", "Key line")
    second = hl.add_highlight(library, a, 0, 6)
    assert [h.id for h in hl.highlights_of(library, a)] == [second.id, made.id]
    hl.update_highlight(library, made.id, colour="pink", note="")
    [first, later] = hl.highlights_of(library, a)
    assert (later.colour, later.note) == ("pink", "")
    assert hl.delete_highlight(library, first.id)
    with pytest.raises(hl.HighlightError, match="does not contain"):
        hl.add_highlight_text(library, a, "boots on the ground")
    with pytest.raises(hl.HighlightError, match="unknown colour"):
        hl.add_highlight_text(library, a, "troops", colour="mauve")


def test_a_highlight_survives_the_story_being_extracted_again(library: Library) -> None:
    [a] = fill(library, 1)
    # The second "troops" is meant, not the first.
    body = library.get(a).text  # type: ignore[union-attr]
    second = body.rindex("no troops") + 3
    made = hl.add_highlight(library, a, second, second + len("troops"), note="again")
    # Re-extraction adds a paragraph at the top: every offset moves.
    new_body = "An editor's note came first.\n\n" + body
    with sqlite3.connect(library.path) as conn:
        conn.execute("UPDATE articles SET body_text = ? WHERE id = ?", (new_body, a))
    [moved] = hl.highlights_of(library, a)
    assert moved.start == new_body.rindex("no troops") + 3
    assert new_body[moved.start : moved.end] == "troops" and moved.note == "again"
    assert made.start != moved.start
    # Words that are gone leave the highlight listed, unplaced.
    with sqlite3.connect(library.path) as conn:
        conn.execute("UPDATE articles SET body_text = 'Other words.' WHERE id = ?", (a,))
    [lost] = hl.highlights_of(library, a)
    assert not lost.placed and lost.text == "troops"


def test_locate_prefers_matching_context_then_the_nearest_place() -> None:
    body = "alpha beta gamma. alpha beta delta. alpha beta gamma."
    # Anchored on the third "alpha beta" (followed by " gamma" at the end).
    assert hl.locate(body, "alpha beta", 40, "delta. ", " gamma.") == (36, 46)
    assert hl.locate(body, "alpha beta", 17, "", "") == (18, 28)
    assert hl.locate("", "alpha", 0, "", "") is None


def test_reading_position_and_saved_searches(library: Library) -> None:
    [a] = fill(library, 1)
    assert marks.position(library, a) is None
    marks.save_position(library, a, 120, 0.4)
    marks.save_position(library, a, 240, 1.7)
    where = marks.position(library, a)
    assert where is not None and (where.offset, where.fraction) == (240, 1.0)
    marks.save_position(library, 9999, 1, 0.1)  # a story that is gone: ignored
    saved = saved_searches.save_search(library, "Kerry on Iraq", "said:kerry iraq")
    saved_searches.save_search(library, "another", "tag:climate")
    again = saved_searches.save_search(library, "Kerry on Iraq", "said:kerry syria")
    assert again.id == saved.id
    assert [(s.name, s.query) for s in saved_searches.saved_searches(library)] == [
        ("another", "tag:climate"),
        ("Kerry on Iraq", "said:kerry syria"),
    ]
    with pytest.raises(saved_searches.SavedSearchError):
        saved_searches.rename_search(library, saved.id, "another")
    saved_searches.rename_search(library, saved.id, "Kerry")
    assert saved_searches.delete_search(library, saved.id)
    assert [s.name for s in saved_searches.saved_searches(library)] == ["another"]


def test_sites_and_recent_imports_for_the_sidebar(library: Library) -> None:
    fill(library, 2)
    _status, bbc = library.add(
        dataclasses.replace(story(5), site="BBC", blocks=(Block("p", "Other."),)),
        source_path="/tmp/bbc.txt",
        original=b"bbc",
    )
    assert marks.sites(library) == [("NBC News", 2), ("BBC", 1)]
    assert marks.recent_ids(library, 2)[0] == bbc


def test_an_existing_library_gets_its_stories_unread_on_upgrade(tmp_path: Path) -> None:

    path = tmp_path / "old.sqlite3"
    with Library.open(path) as lib:
        fill(lib, 2)
    downgrade(path, "0005")
    with Library.open(path) as reopened:
        assert marks.counts(reopened) == marks.Counts(stories=2, unread=2, starred=0, archived=0)
        assert marks.sites(reopened) == [("NBC News", 2)]
