"""Bytes to text: byte-order marks, UTF-8, then detection, then cp1252."""

from __future__ import annotations

import codecs

import charset_normalizer

from newsviewer.errors import ParseError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# A text file with more NUL bytes than this share (outside UTF-16/32) is binary.
_MAX_NUL_SHARE = 0.01
# Share of control characters (other than tab/newline/CR/FF) in decoded text that
# marks a binary file; real scrapes have none, so a small share is already damning.
_MAX_CONTROL_SHARE = 0.02


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read."""
    head = data[:65536]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if _utf16_without_bom(head):
        return False
    return head.count(0) / len(head) > _MAX_NUL_SHARE


def _utf16_without_bom(head: bytes) -> str | None:
    # ASCII-heavy UTF-16 has a NUL in every other byte.
    if len(head) < 4:
        return None
    even = head[0::2].count(0) / (len(head) / 2)
    odd = head[1::2].count(0) / (len(head) / 2)
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode file bytes; return (text, encoding used).

    Order: byte-order mark, the declared charset, strict UTF-8, UTF-16 without BOM,
    charset-normalizer's guess, and cp1252 as the last word (it maps almost every
    byte, and Latin-1 scrapes are usually cp1252 in truth).
    Raises ``ParseError`` for binary content.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc.replace("-sig", "")
    if declared:
        try:
            return data.decode(declared), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    u16 = _utf16_without_bom(data[:65536])
    if u16:
        return data.decode(u16, errors="replace"), u16
    if looks_binary(data):
        raise ParseError("binary content, not text")
    western = _as_western(data)
    if western is not None:
        return _check_text(western), "cp1252"
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    # UTF-16/32 without a BOM was ruled out above; the detector's guess of them on
    # short 8-bit text is noise.
    if best is not None and not best.encoding.startswith(("utf", "ascii")):
        try:
            text = data.decode(best.encoding)
            return _check_text(text), best.encoding
        except (LookupError, UnicodeDecodeError):
            pass
    return _check_text(data.decode("cp1252", errors="replace")), "cp1252"


# Non-ASCII characters typical of Western European text and news typography.
_WESTERN = set(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿß“”‘’–—…€£¥©®°·«»§¶±×÷¿¡½¼¾²³µ\xa0"
)
# Share of non-ASCII characters that must look Western for cp1252 to win over the
# detector, which confuses cp1252 and cp1250 on short French or German text.
_WESTERN_SHARE = 0.9
# Even Portuguese or Icelandic prose stays well under a quarter accented letters.
_MAX_ACCENTED_SHARE = 0.25


def _as_western(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 127]
    if not high:
        return text
    letters = sum(1 for c in text if c.isalpha())
    # Western text is mostly ASCII letters with a few accents; a single-byte
    # Cyrillic or Greek text decoded as cp1252 is mostly "accented" letters.
    if len(high) > _MAX_ACCENTED_SHARE * max(letters, 1):
        return None
    if sum(1 for c in high if c in _WESTERN) / len(high) >= _WESTERN_SHARE:
        return text
    return None


def _check_text(text: str) -> str:
    sample = text[:100_000]
    if sample:
        bad = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
        if bad / len(sample) > _MAX_CONTROL_SHARE:
            raise ParseError("binary content, not text")
    return text
