"""Image types as exports name them."""

from __future__ import annotations

_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
    "image/avif": ".avif",
    "image/bmp": ".bmp",
}
# What an EPUB reader must show without fallbacks (EPUB 3 core media types).
EPUB_CORE = frozenset({"image/jpeg", "image/png", "image/gif", "image/svg+xml", "image/webp"})


def extension(mime: str) -> str:
    return _EXTENSIONS.get(mime.lower(), ".bin")


def sniff_mime(data: bytes, declared: str) -> str:
    """The image type the bytes show, else the one declared."""
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return declared.lower()
