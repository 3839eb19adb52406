"""Archives of saved pages (.zip, .tar.gz, .tgz): walked like a folder, within bounds.

Each member is read by the importer the registry picks for it, as a file of a folder
would be; a page's ``NAME_files/`` folder inside the archive gives it its images, and
those folders are not stories of their own. Every archive is bounded before anything
is read: members, total expanded size, one member's size, the compression ratio (a
zip bomb is refused) and how deep archives may nest inside archives. Members come in
name order, as a folder walk gives them. A zip that is a read-it-later export
(Omnivore) or a web archive collection (WACZ) is read as that.
"""

from __future__ import annotations

import gzip
import io
import json
import posixpath
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from newsviewer.domain import Article
from newsviewer.errors import ParseError, UnsupportedFormat
from newsviewer.html.assets import MAX_IMAGE_BYTES, sniff_image
from newsviewer.importers.base import SNIFF_BYTES, Chooser, Part, SourceFile, is_container
from newsviewer.importers.packed import PARSE_FAILURES, first_story, part_of

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 512 * 1024 * 1024
# One member: the import's own limit for a single file.
MAX_MEMBER_BYTES = 50 * 1024 * 1024
# Saved pages compress 5-20 times; a member that expands more than this is a bomb.
MAX_RATIO = 100
# Below this size a high ratio is harmless (a page of repeated markup).
_RATIO_FLOOR = 1024 * 1024
# An archive inside an archive is read; one inside that is not.
MAX_DEPTH = 2
_ASSET_SUFFIXES = ("_files", "-files", "_archivos", "-Dateien")
_PAGE_EXTENSIONS = (".html", ".htm", ".xhtml")
# Members that are parts of pages or of the archive's own bookkeeping, never stories.
_QUIET_EXTENSIONS = frozenset(
    [
        ".css",
        ".js",
        ".mjs",
        ".map",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".avif",
        ".svg",
        ".ico",
        ".bmp",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".mp4",
        ".webm",
        ".mp3",
        ".ogg",
        ".wav",
        ".pdf_files",
        ".ds_store",
        ".db",
        ".ini",
        ".plist",
    ]
)


@dataclass
class Budget:
    """What one import of an archive, nested ones included, may still read."""

    members: int = MAX_MEMBERS
    bytes: int = MAX_TOTAL_BYTES

    def take(self, size: int) -> None:
        self.members -= 1
        self.bytes -= size
        if self.members < 0:
            raise ParseError(f"the archive has too many files (over {MAX_MEMBERS})")
        if self.bytes < 0:
            raise ParseError(
                f"the archive expands to over {MAX_TOTAL_BYTES // 1024 // 1024} MB, the limit"
            )


@dataclass
class Members:
    """An archive's regular files by normalised path, read and checked in full."""

    files: dict[str, bytes] = field(default_factory=dict)

    def names(self) -> list[str]:
        return sorted(self.files, key=str.lower)

    def image(self, page: str) -> ImageFinder:
        return ImageFinder(self, page)


class ImageFinder:
    """Images a member page links to by a relative path inside the same archive."""

    def __init__(self, members: Members, page: str) -> None:
        self._members = members
        self._folder = posixpath.dirname(page)

    def __call__(self, src: str) -> tuple[bytes, str] | None:
        parts = urlsplit(src.strip())
        if parts.scheme or parts.netloc or not parts.path:
            return None
        name = posixpath.normpath(posixpath.join(self._folder, unquote(parts.path)))
        data = self._members.files.get(name)
        if data is None or len(data) > MAX_IMAGE_BYTES:
            return None
        mime = sniff_image(data)
        return (data, mime) if mime else None


def read_zip(data: bytes, budget: Budget) -> Members:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError(f"not a readable zip archive ({exc})") from exc
    members = Members()
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > budget.members:
            raise ParseError(f"the archive has too many files ({len(infos)}; limit {MAX_MEMBERS})")
        declared = sum(i.file_size for i in infos)
        if declared > budget.bytes:
            raise ParseError(
                f"the archive expands to {declared // 1024 // 1024} MB, over the "
                f"{MAX_TOTAL_BYTES // 1024 // 1024} MB limit"
            )
        for info in infos:
            name = _safe_name(info.filename)
            if name is None:
                continue
            if info.flag_bits & 0x1:
                raise ParseError(f"'{info.filename}' in the archive is encrypted")
            _check_ratio(info.filename, info.file_size, info.compress_size)
            try:
                with archive.open(info) as fh:
                    content = fh.read(MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as exc:
                raise ParseError(f"'{info.filename}' in the archive is damaged ({exc})") from exc
            if len(content) > MAX_MEMBER_BYTES:
                raise ParseError(f"'{info.filename}' in the archive is too large")
            _check_ratio(info.filename, len(content), info.compress_size)
            budget.take(len(content))
            members.files[name] = content
    return members


def read_tar(data: bytes, budget: Budget) -> Members:
    raw = data
    if data.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                raw = stream.read(budget.bytes + 1)
        except EOFError as exc:
            raise ParseError("the archive is cut off") from exc
        except (OSError, zlib.error) as exc:
            raise ParseError(f"the archive's compression is damaged ({exc})") from exc
        if len(raw) > budget.bytes:
            raise ParseError(
                f"the archive expands to over {MAX_TOTAL_BYTES // 1024 // 1024} MB, the limit"
            )
        _check_ratio("the archive", len(raw), len(data))
    members = Members()
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as archive:
            for info in archive:
                if not info.isfile():
                    continue  # links, devices and folders are never read
                name = _safe_name(info.name)
                if name is None:
                    continue
                if info.size > MAX_MEMBER_BYTES:
                    raise ParseError(f"'{info.name}' in the archive is too large")
                fh = archive.extractfile(info)
                content = fh.read() if fh is not None else b""
                if len(content) != info.size:
                    raise ParseError(f"the archive is cut off in '{info.name}'")
                budget.take(len(content))
                members.files[name] = content
    except tarfile.TarError as exc:
        raise ParseError(f"not a readable tar archive ({exc})") from exc
    if not members.files:
        raise ParseError("the archive holds no files")
    return members


def _safe_name(name: str) -> str | None:
    """The member's path inside the archive; None for absolute or escaping names."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    norm = posixpath.normpath(name)
    if norm.startswith("../") or norm == "..":
        return None
    return norm


def _check_ratio(name: str, size: int, packed: int) -> None:
    if size > _RATIO_FLOOR and size > MAX_RATIO * max(packed, 1):
        raise ParseError(
            f"'{name}' expands {size // max(packed, 1)} times its packed size "
            f"(a zip bomb?); the limit is {MAX_RATIO}"
        )


class ArchiveImporter:
    name = "archive"
    extensions: tuple[str, ...] = (".zip", ".tar.gz", ".tgz", ".tar", ".wacz")
    # Larger than one page's limit: the import reads files of this kind up to here.
    max_file_bytes = MAX_TOTAL_BYTES

    def __init__(self, members: Chooser, depth: int = 1, budget: Budget | None = None) -> None:
        # What reads each member: the registry this importer is part of.
        self._members = members
        self._depth = depth
        self._budget = budget

    def sniff(self, head: bytes) -> bool:
        if head.startswith(b"PK\x03\x04"):
            # An EPUB is a zip too; its first member says so.
            return b"mimetypeapplication/epub+zip" not in head[:64]
        if head.startswith(b"\x1f\x8b"):
            try:
                plain = zlib.decompressobj(31).decompress(head, 512)
            except zlib.error:
                return False
            return len(plain) >= 262 and plain[257:262] == b"ustar"
        return head[257:262] == b"ustar"

    def parse(self, source: SourceFile) -> Article:
        return first_story(self.parse_parts(source))

    def parse_parts(self, source: SourceFile) -> Iterator[Part]:
        budget = self._budget or Budget(MAX_MEMBERS, MAX_TOTAL_BYTES)
        data = source.data
        if data.startswith(b"PK"):
            members = read_zip(data, budget)
            special = _special_zip(members, source.path)
            if special is not None:
                return special
        else:
            members = read_tar(data, budget)
        # The archive was read and checked whole; its members are read as asked for.
        return self._walk(members, source.path, budget)

    def _walk(self, members: Members, path: Path, budget: Budget) -> Iterator[Part]:
        number = 0
        names = members.names()
        pages = {n for n in names if n.lower().endswith(_PAGE_EXTENSIONS)}
        for name in names:
            if _skipped(name, pages):
                continue
            data = members.files[name]
            member_path = path / name
            if not data.strip():
                continue
            try:
                importer = self._members.choose(member_path, data[:SNIFF_BYTES])
            except UnsupportedFormat:
                if PurePosixPath(name).suffix.lower() not in _QUIET_EXTENSIONS:
                    number += 1
                    yield Part(number, name, original=data, reason="unsupported file type")
                continue
            source = SourceFile(path=member_path, data=data, images=members.image(name))
            if is_container(importer):
                if self._depth >= MAX_DEPTH:
                    number += 1
                    yield Part(number, name, original=data, reason="archives nested too deeply")
                    continue
                if isinstance(importer, ArchiveImporter):
                    importer = ArchiveImporter(self._members, self._depth + 1, budget)
                try:
                    for part in importer.parse_parts(source):
                        number += 1
                        yield Part(
                            number,
                            f"{name}: {part.label}",
                            part.article,
                            part.original,
                            part.reason,
                        )
                except PARSE_FAILURES as exc:
                    number += 1
                    yield Part(number, name, original=data, reason=str(exc))
                continue
            number += 1
            yield part_of(number, name, data, partial(importer.parse, source))


def _skipped(name: str, pages: set[str]) -> bool:
    parts = name.split("/")
    if any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return True
    for i, folder in enumerate(parts[:-1]):
        for suffix in _ASSET_SUFFIXES:
            if folder.endswith(suffix):
                stem = "/".join([*parts[:i], folder[: -len(suffix)]])
                if any(stem + ext in pages for ext in _PAGE_EXTENSIONS):
                    return True
    return False


def _special_zip(members: Members, path: Path) -> Iterator[Part] | None:
    """An Omnivore export or a WACZ read as what it is; None for a plain archive."""
    names = members.files.keys()
    if any(n.startswith("archive/") and ".warc" in n for n in names) and (
        "datapackage.json" in names
    ):
        from newsviewer.importers.warc import expand, warc_parts

        records = b"".join(
            expand(members.files[n])
            for n in sorted(names)
            if n.startswith("archive/") and ".warc" in n
        )
        return (_as_format(p, "wacz") for p in warc_parts(records, path, _wacz_pages(members)))
    if any(PurePosixPath(n).name.startswith("metadata_") and n.endswith(".json") for n in names):
        from newsviewer.importers.readlater import omnivore_parts

        return omnivore_parts(members.files, path)
    return None


def _wacz_pages(members: Members) -> frozenset[str] | None:
    """The pages a WACZ says were visited (``pages/pages.jsonl``); None when it lists none.

    A browser's crawl also records every frame and embed it loaded; the page list is
    what the person archived.
    """
    listed = members.files.get("pages/pages.jsonl", b"")
    urls = set()
    for line in listed.splitlines():
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            urls.add(entry["url"])
    return frozenset(urls) or None


def _as_format(part: Part, fmt: str) -> Part:
    import dataclasses

    if part.article is None:
        return part
    return dataclasses.replace(part, article=dataclasses.replace(part.article, format=fmt))
