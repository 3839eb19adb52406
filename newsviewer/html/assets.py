"""Image bytes for a figure: ``data:`` URIs and files saved next to the page.

Nothing here touches the network. A local path is only read when it resolves to a
file inside the page's own folder tree (a saved page's ``NAME_files/`` folder), so a
page cannot make us read ``../../etc/passwd`` or a file elsewhere on disk.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Largest image we keep in the library. News photos saved with a page are well
# under 5 MB; anything bigger is a poster-sized original that would bloat the
# library for no gain in a reader view.
MAX_IMAGE_BYTES = 8 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)


def sniff_image(data: bytes) -> str | None:
    """The MIME type of raster image bytes, or None when they are not an image we show.

    SVG is refused on purpose: it is a document that can carry script.
    """
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return "image/avif"
    return None


def decode_data_uri(uri: str, max_bytes: int = MAX_IMAGE_BYTES) -> tuple[bytes, str] | None:
    """Bytes and MIME type of a ``data:image/...`` URI, or None if it is not a usable image."""
    if uri[:5].lower() != "data:" or "," not in uri:
        return None
    header, payload = uri[5:].split(",", 1)
    # base64 grows data by 4/3; refuse before decoding what would be too big anyway.
    if len(payload) > max_bytes * 4 // 3 + 4:
        return None
    try:
        if header.lower().endswith(";base64"):
            data = base64.b64decode("".join(payload.split()), validate=False)
        else:
            data = unquote(payload).encode("latin-1")
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    if not data or len(data) > max_bytes:
        return None
    mime = sniff_image(data)
    return (data, mime) if mime else None


def local_path(src: str, page: Path) -> Path | None:
    """The file a relative (or ``file:``) src names, if it lies inside the page's folder."""
    parts = urlsplit(src)
    if parts.scheme and parts.scheme.lower() != "file":
        return None
    if parts.netloc and parts.scheme.lower() != "file":
        return None  # protocol-relative //host/path is remote
    raw = unquote(parts.path)
    if not raw:
        return None
    folder = page.parent.resolve()
    candidate = Path(raw) if parts.scheme else folder / raw
    try:
        resolved = candidate.resolve()
        if not resolved.is_relative_to(folder):
            return None
        # A name over the system's limit (255 bytes) or with a NUL raises here.
        return resolved if resolved.is_file() else None
    except (OSError, RuntimeError, ValueError):
        return None


def load_local(src: str, page: Path, max_bytes: int = MAX_IMAGE_BYTES) -> tuple[bytes, str] | None:
    """Bytes and MIME type of a local image next to the page, or None."""
    path = local_path(src, page)
    if path is None:
        return None
    try:
        if path.stat().st_size > max_bytes:
            return None
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError:
        return None
    if len(data) > max_bytes:
        return None
    mime = sniff_image(data)
    return (data, mime) if mime else None


def load_image(src: str, page: Path | None) -> tuple[bytes, str] | None:
    """Bytes for an image src without any network access: data: URI or local file."""
    if src[:5].lower() == "data:":
        return decode_data_uri(src)
    if page is None:
        return None
    return load_local(src, page)
