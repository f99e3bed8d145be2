"""The ``policynotes`` command line: ``import`` and ``verify``.

``verify`` lists every quote's verification status (:mod:`.verify`).


``import`` converts a blockquote-style Markdown blog post into a MyST page of
``source-ref``, ``policy-quote`` and ``commentary`` directives (see
:mod:`sphinx_policynotes.importer`). The page goes to ``-o`` (or standard
output); every judgement call and everything the importer could not classify
goes to standard error as ``POST.md:LINE: note|warning: message``.

Exit status: 0 on success; 1 when the post cannot be read or the page cannot
be written, or with ``--strict`` when there was a warning; 2 on a usage error.

Messages are in Japanese when the locale is (``LANG=ja_JP.UTF-8``; see
:mod:`..messages`), else in English; ``--help`` is always English.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__
from ..messages import translation

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``policynotes`` command."""
    parser = argparse.ArgumentParser(
        prog="policynotes",
        description="Tools for sphinx-policynotes projects.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    imp = commands.add_parser(
        "import",
        help="convert a blockquote-style Markdown blog post into MyST notes",
        description="Convert a Markdown blog post (quoted headings naming the source, "
                    "chapters and policies; quoted passages; the author's notes between "
                    "them) into a MyST page using source-ref, policy-quote and commentary. "
                    "Reports go to standard error with line numbers.",
    )
    imp.add_argument("post", type=Path, metavar="POST.md", help="the post to import")
    imp.add_argument("-o", "--output", type=Path, metavar="NOTES.md",
                     help="where to write the MyST page (default: standard output)")
    imp.add_argument("--author", metavar="NAME",
                     help="the :author: of every commentary (default: none; the "
                          "project's policynotes_default_author applies)")
    imp.add_argument("--no-clean", dest="clean", action="store_false",
                     help="keep quoted text exactly as written (no removal of PDF line "
                          "breaks and spaces between Japanese characters)")
    imp.add_argument("--strict", action="store_true",
                     help="exit with status 1 if anything could not be classified")
    imp.add_argument("-q", "--quiet", action="store_true",
                     help="print warnings only, not notes")
    ver = commands.add_parser(
        "verify",
        help="list every quote's verification against its source's text (for CI)",
        description="Print each quote's status (exact, close, not_found, or - when its "
                    "source has no :text: or :pdf:) from a built policynotes.json, or "
                    "from a Sphinx source folder, which is built first. Exit status 1 "
                    "when a quote is not found or, without --allow-close, close.",
    )
    ver.add_argument("path", type=Path, metavar="PATH",
                     help="policynotes.json, or the Sphinx source folder (with conf.py)")
    ver.add_argument("--allow-close", action="store_true",
                     help="close matches do not fail")
    ver.add_argument("--require-text", action="store_true",
                     help="quotes whose source has no text to check against fail too")
    return parser


def _import(args: argparse.Namespace) -> int:
    from ..importer import ImportOptions, import_post

    _ = translation().gettext
    post: Path = args.post
    try:
        text = post.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(_("policynotes import: cannot read %s: %s") % (post, exc), file=sys.stderr)
        return 1
    if args.output is not None and args.output.resolve() == post.resolve():
        print(_("policynotes import: refusing to overwrite the post %s with its notes")
              % post, file=sys.stderr)
        return 1
    author = args.author.strip() if args.author and args.author.strip() else None
    result = import_post(text, ImportOptions(
        author=author, clean=args.clean, filename=post.name,
    ))
    for report in result.reports:
        if report.severity == "warning" or not args.quiet:
            print(report.format(str(post), _), file=sys.stderr)
    if args.output is None:
        sys.stdout.write(result.markdown)
    else:
        try:
            args.output.write_text(result.markdown, encoding="utf-8")
        except OSError as exc:
            print(_("policynotes import: cannot write %s: %s") % (args.output, exc),
                  file=sys.stderr)
            return 1
    warnings = sum(1 for report in result.reports if report.severity == "warning")
    notes = len(result.reports) - warnings
    target = str(args.output) if args.output is not None else _("standard output")
    if not args.quiet:
        print(_("policynotes import: %(post)s -> %(target)s: %(sources)d source(s), "
                "%(quotes)d quote(s), %(commentaries)d commentary(ies); %(notes)d note(s), "
                "%(warnings)d warning(s)") % {
                    "post": post, "target": target, "sources": len(result.sources),
                    "quotes": result.quotes, "commentaries": result.commentaries,
                    "notes": notes, "warnings": warnings}, file=sys.stderr)
    return 1 if args.strict and warnings else 0


def main(argv: list[str] | None = None) -> int:
    """Run the ``policynotes`` command with ``argv`` (default: ``sys.argv[1:]``)."""
    args = build_parser().parse_args(argv)
    if args.command == "import":
        return _import(args)
    if args.command == "verify":
        from .verify import verify

        return verify(args.path, allow_close=args.allow_close, require_text=args.require_text)
    return 2  # pragma: no cover - argparse rejects unknown commands
