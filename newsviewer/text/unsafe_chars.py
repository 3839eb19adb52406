"""Characters no story keeps, for the importers' cleaning and the storing path's guarantee.

Control characters other than tab and line breaks mean nothing in a story (PostgreSQL
refuses NUL in text outright, and \\x02/\\x03 mark search hits); a lone surrogate (from a
JSON "\\ud800", a broken page or a file name) cannot be stored as UTF-8 at all. The
importers and the library treat them differently (see their uses), but over one set.
"""

from __future__ import annotations

import re

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_SURROGATES = "\ud800-\udfff"

UNSAFE = re.compile(f"[{_CONTROL}{_SURROGATES}]")
SURROGATE = re.compile(f"[{_SURROGATES}]")
# A run of control characters (surrogates apart: they become U+FFFD).
CONTROL_RUN = re.compile(f"[{_CONTROL}]+")
