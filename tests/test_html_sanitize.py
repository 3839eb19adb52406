"""Nothing that runs code survives the cleaning of a saved page."""

from __future__ import annotations

import lxml.html

from newsviewer.html.sanitize import strip_unsafe


def test_event_handlers_in_any_letter_case_are_removed() -> None:
    root = lxml.html.document_fromstring(
        '<html><body><p OnClick="steal()" ONMOUSEOVER="x()" title="kept">Text</p>'
        '<svg onload="y()"></svg><script>z()</script></body></html>'
    )
    strip_unsafe(root)
    attributes = [name for el in root.iter() for name in el.attrib]
    assert attributes == ["title"]
    assert root.find(".//script") is None
    assert root.findtext(".//p") == "Text"
