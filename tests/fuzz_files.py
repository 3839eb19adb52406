"""Mutated files for the importers' fuzz test and the longer fuzz script.

Seeds are the test fixtures and a file of every format as its producing program
writes it (the format tests' builders); each case is a seed mutated a few times by
a seeded random choice of byte flips, cuts, splices, repeats and hostile snippets
(quote marks by the thousand, NULs and control characters, lone surrogates, script
links, long image names, deep nesting, YAML alias bombs), saved under its own
extension or another format's.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
# Cases stay small, so thousands fit in a minute; size is the benchmarks' business.
MAX_CASE_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Seed:
    name: str
    data: bytes


def seeds() -> list[Seed]:
    """Every fixture story file, then a file of each format the importers read."""
    found = [
        Seed(p.name, p.read_bytes())
        for p in sorted(FIXTURES.rglob("*"))
        if p.is_file()
        and p.suffix.lower() in (".html", ".htm", ".txt", ".md")
        and p.stat().st_size <= MAX_CASE_BYTES
    ]
    return found + _format_seeds()


def _format_seeds() -> list[Seed]:
    from tests.formats_story import png
    from tests.test_archive_importer import make_tar_gz, make_zip
    from tests.test_epub_importer import epub
    from tests.test_feed_importer import atom, json_feed, rss
    from tests.test_mail_importer import mbox, newsletter, plain_message
    from tests.test_mhtml_importer import chrome_mhtml
    from tests.test_readlater_importer import omnivore_zip, wallabag_json
    from tests.test_warc_importer import warc_gz

    page = (FIXTURES / "batch" / "harbour-page.html").read_bytes()
    story = (FIXTURES / "text" / "bbc-style.txt").read_bytes()
    return [
        Seed("feed.rss", rss()),
        Seed("feed.atom", atom()),
        Seed("feed.json", json_feed()),
        Seed("page.mhtml", chrome_mhtml()),
        Seed("letter.eml", newsletter()),
        Seed("box.mbox", mbox(plain_message("One", "First story.\n"), newsletter())),
        Seed("crawl.warc.gz", warc_gz()),
        Seed("book.epub", epub()),
        Seed("pages.zip", make_zip({"a.html": page, "b.txt": story, "a_files/p.png": png()})),
        Seed("pages.tar.gz", make_tar_gz({"a.html": page, "b.txt": story})),
        Seed("omnivore.zip", omnivore_zip()),
        Seed("wallabag.json", wallabag_json()),
    ]


HOSTILE: tuple[bytes, ...] = (
    b"'a " * 2000,
    b'"a ' * 2000,
    b"\xe2\x80\x9c" * 3000,
    b"\x00\x02\x03\x1b\x7f",
    b"\xed\xa0\x80",  # a surrogate encoded as UTF-8 (invalid)
    b'<script type="application/ld+json">{"headline": "x\\ud800y", "url": "javascript:1"}</script>',
    b'<link rel="canonical" href="javascript:alert(1)">',
    b'<img src="javascript:alert(1)"><img src="' + b"a" * 400 + b'.png">',
    b"![x](" + b"b" * 400 + b".jpg)",
    b"<div>" * 3000,
    b"<table><tr><td>" * 500,
    b"---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    b"c: [*b,*b,*b,*b,*b]\n---\n",
    b"---\ntitle: " + b"[" * 3000 + b"\n---\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"&#xD800;&#0;&#x110000;&#99999999999;",
    b"<!--",
    b"<![CDATA[",
    b"\r\n--",
    b"Content-Type: multipart/related; boundary=x\r\n\r\n--x\r\n",
    b"BM" + b"\x00" * 40,
    b"\xff\xd8\xff\xe0",
    b"PK\x03\x04",
    b"\x1f\x8b\x08",
    b"data:image/png;base64,iVBORw0KGgo=",
    b"\n" * 2000,
    b" " * 5000,
)


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _drop(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data) + 1)
    return data[:start] + data[start + rng.randrange(1, 4096) :]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(HOSTILE) + data[at:]


def _repeat(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 200)]
    return data[:start] + piece * rng.randint(2, 400) + data[start:]


def _splice(data: bytes, rng: random.Random, other: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    _flip,
    _cut,
    _drop,
    _insert,
    _insert,
    _repeat,
)


def cases(seed: int, count: int) -> Iterator[tuple[str, bytes]]:
    """``count`` mutated files (name, bytes), the same for the same ``seed``."""
    rng = random.Random(seed)
    pool = seeds()
    extensions = sorted({Path(s.name).suffix for s in pool} | {".warc.gz", ".tar.gz", ".xml"})
    for number in range(count):
        base = rng.choice(pool)
        data = base.data
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.1:
                data = _splice(data, rng, rng.choice(pool).data)
            else:
                data = rng.choice(MUTATIONS)(data, rng)
        data = data[:MAX_CASE_BYTES]
        name = base.name
        if rng.random() < 0.15:  # a lying extension
            name = Path(name).stem.split(".")[0] + rng.choice(extensions)
        yield f"case{number:05}-{name}", data


@dataclass
class FuzzReport:
    """What a fuzz run found: every file's answer, and the ones that are defects."""

    files: int = 0
    stories: int = 0
    refused: int = 0
    unanswered: list[str] | None = None
    no_reason: list[str] | None = None
    crashed: list[str] | None = None  # an exception the parser did not expect
    too_slow: list[str] | None = None
    seconds: float = 0.0
    # (CPU seconds, bytes, name) of the slowest files, slowest first.
    slowest: list[tuple[float, int, str]] | None = None

    def defects(self) -> list[str]:
        return [
            *(f"no answer: {n}" for n in self.unanswered or []),
            *(f"refused without a reason: {n}" for n in self.no_reason or []),
            *(f"uncaught exception: {n}" for n in self.crashed or []),
            *(f"over the time budget: {n}" for n in self.too_slow or []),
        ]


def run(folder: Path, seed: int, count: int, *, file_seconds: float, workers: int) -> FuzzReport:
    """Write ``count`` cases into ``folder`` and read them all through parse processes."""
    import time

    from newsviewer.parse_pool import ProcessParser

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in cases(seed, count):
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    report = FuzzReport(unanswered=[], no_reason=[], crashed=[], too_slow=[])
    answered: set[int] = set()
    started = time.monotonic()
    parser = ProcessParser(workers, file_seconds=file_seconds, helping=False)
    for index, parsed in parser.results(paths):
        answered.add(index)
        name = paths[index].name
        if parsed.article is not None:
            report.stories += 1
            continue
        report.refused += 1
        reason = parsed.reason
        if not reason.strip():
            report.no_reason.append(name)  # type: ignore[union-attr]
        elif reason.startswith(("internal error", "the parser stopped")):
            report.crashed.append(f"{name}: {reason}")  # type: ignore[union-attr]
        elif reason.startswith("took too long"):
            report.too_slow.append(name)  # type: ignore[union-attr]
    report.seconds = time.monotonic() - started
    report.files = len(paths)
    timed = [
        (seconds, paths[i].stat().st_size, paths[i].name)
        for i, seconds in parser.cpu_seconds.items()
    ]
    report.slowest = sorted(timed, reverse=True)[:20]
    report.unanswered = [p.name for i, p in enumerate(paths) if i not in answered]
    return report
