"""Whether image bytes hold a whole image of the format their signature claims.

A signature alone lets any file beginning "BM" or FF D8 FF be stored as a picture.
Decoding every image in the parse process (Qt's image reader, or Pillow) would
cost a decoder library there and tens of milliseconds per photo; walking the
format's structure costs microseconds and refuses what is not an image or is cut
short: PNG chunks with their checksums up to IEND, JPEG segments up to the end of
image, GIF blocks up to the trailer, the sizes a BMP header promises, WebP's and
AVIF's box sizes.
"""

from __future__ import annotations

import struct
import zlib


def is_whole_image(data: bytes, mime: str | None) -> bool:
    """True when ``data`` is structurally a complete image of type ``mime``."""
    check = _CHECKS.get(mime or "")
    if check is None:
        return False
    try:
        return check(data)
    except (struct.error, IndexError, ValueError):
        return False


def _png(data: bytes) -> bool:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return False
    pos, first = 8, True
    while pos + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 8 + length
        if end + 4 > len(data):
            return False
        (crc,) = struct.unpack_from(">I", data, end)
        if zlib.crc32(data[pos + 4 : end]) != crc:
            return False
        if first and kind != b"IHDR":
            return False
        first = False
        if kind == b"IEND":
            return True
        pos = end + 4
    return False


# Markers without a length: the start and end of the image, restart markers, TEM.
_JPEG_BARE = {0xD8, 0xD9, 0x01, *range(0xD0, 0xD8)}
# Start-of-frame markers (C4, C8 and CC are tables and a reserved code).
_JPEG_FRAME = {*range(0xC0, 0xD0)} - {0xC4, 0xC8, 0xCC}


def _jpeg(data: bytes) -> bool:
    if not data.startswith(b"\xff\xd8\xff"):
        return False
    pos, frame, scan = 2, False, False
    size = len(data)
    while pos + 2 <= size:
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            return frame and scan
        if marker in _JPEG_BARE:
            pos += 2
            continue
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2 or pos + 2 + length > size:
            return False
        frame = frame or marker in _JPEG_FRAME
        pos += 2 + length
        if marker == 0xDA:
            scan = True
            # Entropy-coded data runs to the next marker that is not a stuffed
            # FF 00 or a restart marker.
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= size:
                    return False
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    pos += 1 if following == 0xFF else 2
                    continue
                break
    return False


def _sub_blocks(data: bytes, pos: int) -> int:
    """The position after a GIF run of data sub-blocks (or past the end when cut)."""
    while True:
        length = data[pos]
        pos += 1
        if length == 0:
            return pos
        pos += length


def _gif(data: bytes) -> bool:
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        return False
    flags = data[10]
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    images = 0
    while pos < len(data):
        kind = data[pos]
        if kind == 0x3B:  # trailer
            return images > 0
        if kind == 0x21:  # extension: label, then sub-blocks
            pos = _sub_blocks(data, pos + 2)
        elif kind == 0x2C:  # image: descriptor, local colours, LZW code size, sub-blocks
            local = data[pos + 9]
            pos += 10 + (3 << ((local & 7) + 1) if local & 0x80 else 0)
            pos = _sub_blocks(data, pos + 1)
            if pos > len(data):
                return False
            images += 1
        else:
            return False
    # Many GIFs on the web lack the trailer; a complete image before the end is enough.
    return images > 0 and pos == len(data)


def _bmp(data: bytes) -> bool:
    if not data.startswith(b"BM") or len(data) < 26:
        return False
    offset, header = struct.unpack_from("<I I", data, 10)
    if header == 12:
        width, height, planes, bits = struct.unpack_from("<HHHH", data, 18)
        compression = 0
    elif header in (40, 52, 56, 64, 108, 124):
        width, height, planes, bits, compression = struct.unpack_from("<iiHHI", data, 18)
    else:
        return False
    height = abs(height)
    if width <= 0 or height == 0 or planes != 1 or bits not in (1, 2, 4, 8, 16, 24, 32):
        return False
    if not 14 + header <= offset < len(data):
        return False
    if compression in (0, 3, 6):  # rows of pixels, uncompressed
        stride = (width * bits + 31) // 32 * 4
        return bool(offset + stride * height <= len(data))
    return compression in (1, 2, 4, 5)  # RLE, JPEG or PNG inside: the header is sound


def _webp(data: bytes) -> bool:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return False
    size: int = struct.unpack_from("<I", data, 4)[0]
    return size + 8 <= len(data) and data[12:16] in (b"VP8 ", b"VP8L", b"VP8X") and size > 12


def _avif(data: bytes) -> bool:
    pos, kinds = 0, set()
    while pos + 8 <= len(data):
        size, kind = struct.unpack_from(">I4s", data, pos)
        if size == 1:
            (size,) = struct.unpack_from(">Q", data, pos + 8)
        elif size == 0:
            size = len(data) - pos
        if size < 8 or pos + size > len(data):
            return False
        kinds.add(kind)
        pos += size
    return pos == len(data) and {b"ftyp", b"meta", b"mdat"} <= kinds


_CHECKS = {
    "image/png": _png,
    "image/jpeg": _jpeg,
    "image/gif": _gif,
    "image/bmp": _bmp,
    "image/webp": _webp,
    "image/avif": _avif,
}
