"""What the user types into the search box, made safe for FTS5 ``MATCH``.

User text is parsed into a small tree and compiled to an FTS5 expression in which
every word is a quoted string, so no character the user types can act as FTS5
syntax. Today the language is: words (all must match), ``word*`` for a prefix, and
a balanced ``"exact phrase"``. Fields, OR, exclusion and dates will be new node
types here, each with its own compile rule.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    """One word; ``prefix`` when the user ended it with ``*``."""

    text: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must appear together, in order."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class All:
    """Every part must match."""

    parts: tuple[Node, ...]


Node = Term | Phrase | All


def _has_token(text: str) -> bool:
    # FTS5's unicode61 tokenizer keeps letters and digits and splits on the rest;
    # a word without any yields an empty phrase, which can match nothing.
    return any(ch.isalnum() for ch in text)


def _words(segment: str) -> list[Node]:
    nodes: list[Node] = []
    for chunk in segment.split():
        prefix = chunk.endswith("*")
        word = chunk.rstrip("*")
        if _has_token(word):
            nodes.append(Term(word, prefix))
    return nodes


def parse(text: str) -> Node | None:
    """The query tree of ``text``; None when it holds nothing to search for."""
    pieces = text.split('"')
    # An odd number of quote marks leaves the last one unpaired: it is read as a space.
    if len(pieces) % 2 == 0:
        pieces[-2:] = [pieces[-2] + " " + pieces[-1]]
    nodes: list[Node] = []
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            nodes.extend(_words(piece))
            continue
        words = tuple(w for w in piece.split() if _has_token(w))
        if len(words) == 1:
            nodes.append(Term(words[0]))
        elif words:
            nodes.append(Phrase(words))
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else All(tuple(nodes))


def _string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def to_fts(node: Node) -> str:
    """The FTS5 expression of ``node``; only quoted strings and our own operators."""
    if isinstance(node, Term):
        return _string(node.text) + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return _string(" ".join(node.words))
    return " AND ".join(to_fts(part) for part in node.parts)


def compile_query(text: str) -> str | None:
    """FTS5 ``MATCH`` expression for user text, or None when there is nothing to search."""
    node = parse(text)
    return None if node is None else to_fts(node)
