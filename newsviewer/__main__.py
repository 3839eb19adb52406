"""Entry point: ``newsviewer`` and ``python -m newsviewer``."""

from __future__ import annotations

import sys
from pathlib import Path

# The command line's commands (newsviewer.cli.COMMANDS, checked by a test): anything else
# opens the window. Kept here so that opening the window does not load the command line
# (argparse, json and the domain records: about 20 ms before the first paint).
COMMANDS = (
    "import",
    "search",
    "show",
    "parse",
    "tag",
    "mark",
    "highlight",
    "export",
    "tags",
    "quotes",
    "speakers",
    "quote",
)


def window_arguments(argv: list[str]) -> tuple[str | None, list[Path]] | None:
    """(library, files) of a plain window start, or None for the command line to handle.

    Only ``[--library PATH] [FILE ...]`` is taken here; commands, options and mistakes go
    to the command line, which explains them.
    """
    library: str | None = None
    files: list[Path] = []
    args = iter(argv)
    for arg in args:
        if arg == "--library":
            library = next(args, None)
            if library is None:
                return None
        elif arg.startswith("--library="):
            library = arg.partition("=")[2]
        elif arg.startswith("-") or (not files and (arg in COMMANDS or _mistyped(arg))):
            return None
        else:
            files.append(Path(arg))
    return library, files


def _mistyped(arg: str) -> bool:
    """A bare word naming no file: a mistyped command, which the command line explains.

    Opening the window instead would hang where there is no display.
    """
    return arg.replace("-", "").replace("_", "").isalnum() and not Path(arg).exists()


def main() -> int:
    opened = window_arguments(sys.argv[1:])
    if opened is not None:
        from newsviewer.gui.app import run

        library, files = opened
        return run(library, files)
    from newsviewer.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
