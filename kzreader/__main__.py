"""``kzreader``: the reader app, and the command line around the same core.

``kzreader [DIR]`` starts the app on DIR (default: the bundled articles);
``kzreader [--corpus DIR] [--data-dir DIR] COMMAND ...`` runs a sub-command.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .cli import COMMANDS, CliError, Context, command_module
from .core.paths import DataPaths, bundled_seeds
from .core.terminal import OutputClosed, OutputError, printable

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors reported as one line (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {printable(message)} (see --help)\n")


def _common(parser: argparse.ArgumentParser, *, sub: bool = False) -> None:
    # On sub-commands the default is SUPPRESS, so `--corpus X search` is not undone
    # by the sub-parser's own default.
    default = argparse.SUPPRESS if sub else None
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        default=default,
        help="folder of articles (default: the bundled articles)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="keep bookmarks, settings and caches under DIR (also: $KZREADER_HOME)",
    )
    parser.add_argument(
        "--follow-outside-links",
        action="store_true",
        default=argparse.SUPPRESS if sub else False,
        help="read linked files that point outside the folder (by default: skipped, and named)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kzreader",
        description="A terminal reader for news and analysis articles.",
        epilog="Without a command, starts the reader app on DIR (default: the bundled articles).",
    )
    parser.add_argument("--version", action="version", version=f"kzreader {__version__}")
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = command_module(name)
        if module is None:
            continue
        child = sub.add_parser(name, help=module.HELP, description=module.HELP)
        _common(child, sub=True)
        module.add_arguments(child)
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kzreader", description="Start the reader app on DIR.")
    parser.add_argument("--version", action="version", version=f"kzreader {__version__}")
    _common(parser)
    parser.add_argument("dir", nargs="?", metavar="DIR", help="folder of articles")
    return parser


def _is_command(argv: Sequence[str]) -> bool:
    """True when argv names a sub-command (otherwise it is the app, with an optional DIR)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--corpus", "--data-dir"):
            skip = True
            continue
        if arg.startswith("-"):
            if arg in ("-h", "--help", "--version"):
                return True
            continue
        return arg in COMMANDS
    return False


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if _is_command(argv):
            args = build_parser().parse_args(argv)
            if args.command is None:
                build_parser().print_help()
                return 0
            ctx = _context(args.corpus, args.data_dir)
            ctx.outside_links = args.follow_outside_links
            module = command_module(args.command)
            assert module is not None
            status = int(module.run(args, ctx) or 0)
            ctx.stdout.flush()  # a full disk or a closed pipe is reported here, not at exit
            return status
        args = build_app_parser().parse_args(argv)
        ctx = _context(args.dir if args.dir is not None else args.corpus, args.data_dir)
        from .ui.launch import run_app

        return run_app(ctx.corpus_dir, ctx.paths, outside_links=args.follow_outside_links)
    except CliError as error:
        _say(str(error))
        return error.status
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except (BrokenPipeError, OutputClosed):
        # The reader of our output went away (e.g. `| head`); not an error worth a word.
        _discard_stdout()
        return 0
    except OutputError as error:
        _discard_stdout()
        _say(f"cannot write the output: {error.reason}")
        return 1
    except Exception as error:  # a bug: still one line, never a traceback in the user's face
        if os.environ.get("KZREADER_DEBUG"):
            raise
        _say(
            f"internal error: {type(error).__name__}: {error} "
            "(set KZREADER_DEBUG=1 to see the traceback)"
        )
        return 1


def _say(message: str) -> None:
    """One line on stderr, through the sanitiser; silent if stderr itself is gone."""
    with contextlib.suppress(OSError, ValueError):
        print(f"kzreader: {printable(message)}", file=sys.stderr, flush=True)


def _discard_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _context(corpus: str | None, data_dir: str | None) -> Context:
    # An empty value (`--corpus ""`, an unset shell variable) is a mistake, not "the default".
    if corpus is not None and not corpus.strip():
        raise CliError("--corpus: the folder name is empty", EXIT_USAGE)
    if data_dir is not None and not data_dir.strip():
        raise CliError("--data-dir: the folder name is empty", EXIT_USAGE)
    corpus_dir = Path(corpus).expanduser() if corpus else bundled_seeds()
    try:
        paths = DataPaths.resolve(data_dir)
    except OSError as error:
        raise CliError(f"cannot use data folder {data_dir}: {error}") from error
    try:
        resolved = corpus_dir.resolve()
    except (RuntimeError, OSError) as error:  # a loop of symbolic links (RuntimeError in 3.11)
        raise CliError(f"{corpus_dir}: a loop of symbolic links, not a folder") from error
    return Context(corpus_dir=resolved, paths=paths)


if __name__ == "__main__":
    sys.exit(main())
