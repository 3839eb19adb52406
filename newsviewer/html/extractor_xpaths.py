"""trafilatura's slowest XPath expressions answered by one walk in Python, same elements.

trafilatura prunes a page with XPath expressions that test ids and classes with EXSLT
regular expressions (``re:test``): libxml2 calls back into Python for every element
and every test, and these expressions cost a fifth of a page's parse. A stand-in here
walks the elements once with the same regular expressions (read from the expression's
own text) and returns the same elements in the same document order.

A stand-in replaces an expression only when the expression's text, its regular
expressions aside, is the one it was written for (another trafilatura version keeps
its own), and only while ``faster_xpaths()`` is entered: bare trafilatura, measured
beside us in the benchmarks, runs its own.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from lxml import etree

# re:test(ATTRIBUTES, 'REGEX'[, 'i']) as trafilatura writes it.
_RE_TEST = re.compile(r"re:test\((@[\w|@-]+), '([^']*)'(?:, '(i)')?\)")

Test = Callable[[etree._Element], bool]
Select = Callable[[etree._Element], list[etree._Element]]


def _skeleton(path: str) -> tuple[str, list[re.Pattern[str]]]:
    """The expression with each regular expression written R, and those compiled as
    lxml compiles them (``re.search`` semantics, ``i`` for IGNORECASE)."""
    text = " ".join(path.split())
    patterns = [
        re.compile(m.group(2), re.IGNORECASE if m.group(3) else 0) for m in _RE_TEST.finditer(text)
    ]
    return _RE_TEST.sub(lambda m: f"re:test({m.group(1)}, R{m.group(3) or ''})", text), patterns


def _first(el: etree._Element, a: str, b: str) -> str:
    """``string(@a|@b)``: the value of whichever attribute the element lists first."""
    va: str | None = el.get(a)
    vb: str | None = el.get(b)
    if va is None:
        return vb or ""
    if vb is None:
        return va
    keys = el.keys()
    return va if keys.index(a) < keys.index(b) else vb


def _all(tags: tuple[str, ...], test: Test) -> Select:
    """``.//*[self::t1 or ...][test]``: every descendant element so tagged and tested."""
    if tags:
        return lambda root: [el for el in root.iterdescendants(*tags) if test(el)]
    return lambda root: [el for el in root.iterdescendants(etree.Element) if test(el)]


def _first_per_parent(tags: tuple[str, ...], test: Test) -> Select:
    """``.//*[...][test][1]``: of each element's children so tagged and tested, the first."""

    def select(root: etree._Element) -> list[etree._Element]:
        found, parents = [], set()
        for el in root.iterdescendants(*tags):
            if test(el):
                parent = el.getparent()
                if parent not in parents:
                    parents.add(parent)
                    found.append(el)
        return found

    return select


def _first_in_page(tags: tuple[str, ...], test: Test) -> Select:
    """``(.//*[...][test])[1]``: the first such element in document order."""

    def select(root: etree._Element) -> list[etree._Element]:
        for el in root.iterdescendants(*tags):
            if test(el):
                return [el]
        return []

    return select


def _raw_prune(r: list[re.Pattern[str]]) -> Select:
    def test(el: etree._Element) -> bool:
        i, c = el.get("id") or "", el.get("class") or ""
        return bool(
            (r[0].search(i) or r[1].search(c))
            and (el.find(".//h1") is None or r[2].search(i) or r[3].search(c))
        )

    return _all(("div", "section", "aside"), test)


def _share_buttons(r: list[re.Pattern[str]]) -> Select:
    return _all(
        ("div", "section", "aside"),
        lambda el: "elementor-share-buttons" in (el.get("class") or ""),
    )


def _comments_and_lists(r: list[re.Pattern[str]]) -> Select:
    def test(el: etree._Element) -> bool:
        i, c = el.get("id") or "", el.get("class") or ""
        return bool(
            (r[0].search(i) or r[1].search(c))
            and (el.tag not in ("ol", "ul") or r[2].search(i) or r[3].search(c))
        )

    return _all(("div", "list", "section", "details", "ol", "ul"), test)


def _overall_discard(r: list[re.Pattern[str]]) -> Select:
    def test(el: etree._Element) -> bool:
        return bool(
            el.get("data-lp-replacement-content") is not None
            or "nav" in (el.get("role") or "").replace("N", "n")
            or "MostPopularStories" in (el.get("data-component") or "")
            or r[0].search(_first(el, "id", "class"))
            or r[1].search(el.get("id") or "")
            or r[2].search(el.get("class") or "")
        )

    return _all(("div", "item", "list", "p", "section", "span"), test)


def _hidden(r: list[re.Pattern[str]]) -> Select:
    # Every test reads an attribute: an element without any is skipped, unless one of
    # the expressions matches an empty string (no attribute reads as "").
    matches_empty = any(p.search("") for p in r)

    def test(el: etree._Element) -> bool:
        if not matches_empty and not el.attrib:
            return False
        style = el.get("style") or ""
        return bool(
            el.get("class") == "comments-title"
            or _first(el, "id", "class").startswith("reply-")
            or r[0].search(_first(el, "id", "style"))
            or "display:none" in style
            or "display: none" in style
            or r[1].search(el.get("id") or "")
            or r[2].search(el.get("class") or "")
            or el.get("aria-hidden") == "true"
        )

    return _all((), test)


def _teaser(r: list[re.Pattern[str]]) -> Select:
    def test(el: etree._Element) -> bool:
        return "teaser" in (el.get("id") or "").replace("T", "t") or "teaser" in (
            el.get("class") or ""
        ).replace("T", "t")

    return _all(("div", "item", "list", "p", "section", "span"), test)


_CONTENT_TAGS = ("article", "div", "main", "section")


def _body_content(r: list[re.Pattern[str]]) -> Select:
    def test(el: etree._Element) -> bool:
        i, c = el.get("id"), el.get("class")
        return bool(
            c in ("post", "entry")
            or el.get("itemprop") == "articleBody"
            or i == "articleContent"
            or r[0].search(i or "")
            or r[1].search(c or "")
        )

    return _first_per_parent(_CONTENT_TAGS, test)


def _body_story(r: list[re.Pattern[str]]) -> Select:
    def test(el: etree._Element) -> bool:
        i, c = el.get("id"), el.get("class")
        return bool(
            el.get("role") == "article"
            or i in ("article", "story")
            or c in ("postarea", "art-postcontent", "text", "cell", "story")
            or r[0].search(i or "")
            or r[1].search(c or "")
            or r[2].search(c or "")
        )

    return _first_in_page(_CONTENT_TAGS, test)


def _body_main(r: list[re.Pattern[str]]) -> Select:
    def test(el: etree._Element) -> bool:
        i, c = el.get("id") or "", el.get("class") or ""
        return bool(
            el.get("id") == "content"
            or el.get("class") == "content"
            or r[0].search(i)
            or r[1].search(c)
            or "main-content" in i.replace("C", "c").replace("M", "m")
            or "main-content" in c.replace("C", "c").replace("M", "m")
            or "page-content" in c.replace("C", "c").replace("P", "p")
        )

    return _first_in_page(_CONTENT_TAGS, test)


_BASIC_CLEAN_TAGS = frozenset(
    {"aside", "fencedframe", "footer", "script", "style", "svg", "template"}
)


def _basic_clean(r: list[re.Pattern[str]]) -> Select:
    def test(el: etree._Element) -> bool:
        tag = el.tag
        return bool(
            tag in _BASIC_CLEAN_TAGS
            or (tag == "div" and "footer" in _first(el, "class", "id"))
            or r[0].search(el.get("class") or "")
            or r[1].search(el.get("id") or "")
        )

    return _all((), test)


# What each stand-in answers: the expression's text with its regular expressions
# written R (whitespace squeezed), and the builder given them in order of appearance.
_STAND_INS: dict[str, Callable[[list[re.Pattern[str]]], Select]] = {
    ".//*[self::div or self::section or self::aside][ re:test(@id, R) or re:test(@class, R)]"
    "[ not(.//h1) or re:test(@id, R) or re:test(@class, R)]": _raw_prune,
    ".//*[self::div or self::section or self::aside]"
    "[contains(@class, 'elementor-share-buttons')]": _share_buttons,
    ".//*[self::div or self::list or self::section or self::details or self::ol or self::ul]"
    "[ re:test(@id, R) or re:test(@class, R)]"
    "[ not(self::ol or self::ul) or re:test(@id, R) or re:test(@class, R)]": _comments_and_lists,
    ".//*[self::div or self::item or self::list or self::p or self::section or self::span]"
    "[ @data-lp-replacement-content or contains(translate(@role, 'N', 'n'), 'nav') or "
    "contains(@data-component, 'MostPopularStories') or re:test(@id|@class, R) or "
    "re:test(@id, R) or re:test(@class, R)]": _overall_discard,
    ".//*[@class='comments-title' or starts-with(@id|@class, 'reply-') or "
    "re:test(@id|@style, R) or contains(@style, 'display:none') or "
    "contains(@style, 'display: none') or re:test(@id, R) or re:test(@class, R) or "
    "@aria-hidden='true']": _hidden,
    ".//*[self::div or self::item or self::list or self::p or self::section or self::span]"
    "[ contains(translate(@id, 'T', 't'), 'teaser') or "
    "contains(translate(@class, 'T', 't'), 'teaser')]": _teaser,
    ".//*[self::article or self::div or self::main or self::section][ @class='post' or "
    "@class='entry' or @itemprop='articleBody' or @id='articleContent' or "
    "re:test(@id, R) or re:test(@class, R) ][1]": _body_content,
    "(.//*[self::article or self::div or self::main or self::section][ @role='article' or "
    "@id='article' or @id='story' or @class='postarea' or @class='art-postcontent' or "
    "@class='text' or @class='cell' or @class='story' or re:test(@id, R) or "
    "re:test(@class, Ri) or re:test(@class, R) ])[1]": _body_story,
    "(.//*[self::article or self::div or self::main or self::section][ @id='content' or "
    "@class='content' or re:test(@id, R) or re:test(@class, R) or "
    "contains(translate(@id, 'CM','cm'), 'main-content') or "
    "contains(translate(@class, 'CM','cm'), 'main-content') or "
    "contains(translate(@class, 'CP','cp'), 'page-content') ])[1]": _body_main,
    ".//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script|"
    ".//style|.//svg|.//template|.//*[re:test(@class, Ri) or re:test(@id, Ri)]": _basic_clean,
}


class StandIn:
    """Called as the XPath it stands for; anything but an element goes to the XPath."""

    __slots__ = ("original", "path", "select")

    def __init__(self, original: etree.XPath, select: Select) -> None:
        self.original = original
        self.path = original.path
        self.select = select

    def __call__(self, root: Any, **variables: Any) -> Any:
        if variables or not isinstance(root, etree._Element):
            return self.original(root, **variables)
        return self.select(root)


def stand_in(xpath: etree.XPath) -> StandIn | None:
    """A stand-in for ``xpath``, or None when none was written for its text."""
    skeleton, patterns = _skeleton(xpath.path)
    build = _STAND_INS.get(skeleton)
    return StandIn(xpath, build(patterns)) if build is not None else None


# (holder, key, original, stand-in): a list and an index, or a module and a name.
_Swap = tuple[Any, Any, Any, StandIn]
_lock = threading.Lock()
_swaps: list[_Swap] | None = None
_entered = 0


def _find_swaps() -> list[_Swap]:
    import trafilatura  # noqa: F401 (loads the modules that hold the expressions)

    made: dict[int, StandIn | None] = {}

    def of(value: Any) -> StandIn | None:
        if id(value) not in made:
            made[id(value)] = stand_in(value)
        return made[id(value)]

    swaps: list[_Swap] = []
    seen_lists: set[int] = set()
    for name, module in list(sys.modules.items()):
        if not name.startswith("trafilatura.") or module is None:
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, etree.XPath) and (new := of(value)) is not None:
                swaps.append((module, attr, value, new))
            elif isinstance(value, list) and id(value) not in seen_lists:
                seen_lists.add(id(value))
                for index, item in enumerate(value):
                    if isinstance(item, etree.XPath) and (new := of(item)) is not None:
                        swaps.append((value, index, item, new))
    return swaps


def _put(holder: Any, key: Any, value: Any) -> None:
    if isinstance(holder, list):
        holder[key] = value
    else:
        setattr(holder, key, value)


@contextmanager
def faster_xpaths() -> Iterator[None]:
    """While entered, trafilatura's expressions that have a stand-in use it."""
    global _swaps, _entered
    with _lock:
        if _swaps is None:
            _swaps = _find_swaps()
        if _entered == 0:
            for holder, key, _original, new in _swaps:
                _put(holder, key, new)
        _entered += 1
    try:
        yield
    finally:
        with _lock:
            _entered -= 1
            if _entered == 0:
                for holder, key, original, _new in _swaps:
                    _put(holder, key, original)
