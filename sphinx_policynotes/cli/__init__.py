"""The ``policynotes`` command line: ``import`` and ``verify``.

``verify`` lists every quote's verification status (:mod:`.verify`).


``import`` converts blockquote-style Markdown blog posts into MyST pages of
``source-ref``, ``policy-quote`` and ``commentary`` directives (see
:mod:`sphinx_policynotes.importer`). One post's page goes to ``-o`` (or
standard output); several posts go to ``-o DIR/``, one ``DIR/<stem>.md`` each,
with one set of source ids. Every judgement call and everything the importer
could not classify goes to standard error as ``POST.md:LINE: note|warning:
message``, then a summary per post: its counts, each source's scheme, and
each commentary with the quotes it is on.

Exit status: 0 on success; 1 when a post cannot be read or a page cannot be
written, or with ``--strict`` when there was a warning; 2 on a usage error.
``--dry-run`` prints the reports and the summary and writes nothing.

Messages are in Japanese when the locale is (``LANG=ja_JP.UTF-8``; see
:mod:`..messages`), else in English; ``--help`` is always English.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..messages import translation

if TYPE_CHECKING:
    from ..importer import ImportResult

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
        help="convert blockquote-style Markdown blog posts into MyST notes",
        description="Convert Markdown blog posts (quoted headings naming the source and "
                    "the numbered parts; quoted passages; the author's notes between them) "
                    "into MyST pages using source-ref, policy-quote and commentary, with "
                    "one set of source ids. Reports and a summary go to standard error "
                    "with line numbers.",
    )
    imp.add_argument("posts", type=Path, nargs="+", metavar="POST.md",
                     help="the post(s) to import")
    imp.add_argument("-o", "--output", type=Path, metavar="NOTES.md",
                     help="where to write the MyST page (default: standard output); for "
                          "several posts a folder, written DIR/<stem>.md per post")
    imp.add_argument("--sources", type=Path, metavar="PAGE.md",
                     help="an existing page of source-ref directives whose ids to reuse")
    imp.add_argument("--author", metavar="NAME",
                     help="the :author: of every commentary (default: none; the "
                          "project's policynotes_default_author applies)")
    imp.add_argument("--no-clean", dest="clean", action="store_false",
                     help="keep quoted text exactly as written (no removal of PDF line "
                          "breaks and spaces between Japanese characters)")
    imp.add_argument("--strict", action="store_true",
                     help="exit with status 1 if there is any warning")
    imp.add_argument("--dry-run", action="store_true",
                     help="print the reports and the summary, write nothing")
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


def _targets(args: argparse.Namespace) -> list[Path | None] | None:
    """Where each post's page goes; None when several posts have no folder."""
    posts: list[Path] = args.posts
    output: Path | None = args.output
    if output is None:
        if len(posts) > 1 and not args.dry_run:
            return None
        return [None] * len(posts)
    if len(posts) == 1 and not (output.is_dir() or str(output).endswith(("/", "\\"))):
        return [output]
    return [output / (post.stem + ".md") for post in posts]


def _import(args: argparse.Namespace) -> int:
    from ..importer import ImportOptions, import_posts

    _ = translation().gettext
    posts: list[Path] = args.posts
    targets = _targets(args)
    if targets is None:
        print(_("policynotes import: several posts need -o DIR/"), file=sys.stderr)
        return 2
    texts: list[tuple[str, str]] = []
    for post, target in zip(posts, targets, strict=True):
        try:
            texts.append((post.name, post.read_text(encoding="utf-8-sig")))
        except (OSError, UnicodeDecodeError) as exc:
            print(_("policynotes import: cannot read %s: %s") % (post, exc), file=sys.stderr)
            return 1
        if target is not None and target.resolve() == post.resolve():
            print(_("policynotes import: refusing to overwrite the post %s with its notes")
                  % post, file=sys.stderr)
            return 1
    known: str | None = None
    if args.sources is not None:
        try:
            known = args.sources.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(_("policynotes import: cannot read %s: %s") % (args.sources, exc),
                  file=sys.stderr)
            return 1
    author = args.author.strip() if args.author and args.author.strip() else None
    results = import_posts(texts, ImportOptions(author=author, clean=args.clean), known)
    warnings = 0
    for post, target, result in zip(posts, targets, results, strict=True):
        for report in result.reports:
            if report.severity == "warning" or not args.quiet:
                print(report.format(str(post), _), file=sys.stderr)
        if args.dry_run:
            pass
        elif target is None:
            sys.stdout.write(result.markdown)
        else:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(result.markdown, encoding="utf-8")
            except OSError as exc:
                print(_("policynotes import: cannot write %s: %s") % (target, exc),
                      file=sys.stderr)
                return 1
        warnings += result.warnings
        if not args.quiet:
            _summary(post, target, result, args.dry_run)
    return 1 if args.strict and warnings else 0


def _summary(post: Path, target: Path | None, result: ImportResult, dry_run: bool) -> None:
    """The counts of one import, its sources' schemes and where its notes went."""
    _ = translation().gettext
    warnings = result.warnings
    notes = len(result.reports) - warnings
    where = (_("nothing written (--dry-run)") if dry_run else
             str(target) if target is not None else _("standard output"))
    print(_("policynotes import: %(post)s -> %(target)s: %(sources)d source(s), "
            "%(quotes)d quote(s), %(commentaries)d commentary(ies); %(notes)d note(s), "
            "%(warnings)d warning(s)") % {
                "post": post, "target": where, "sources": len(result.sources),
                "quotes": result.quotes, "commentaries": result.commentaries,
                "notes": notes, "warnings": warnings}, file=sys.stderr)
    print(_("  %(located)d quote(s) with a place, %(unlocated)d without; %(shared)d "
            "commentary(ies) on more than one quote") % {
                "located": result.located, "unlocated": result.unlocated,
                "shared": result.shared_notes}, file=sys.stderr)
    for source in result.sources:
        print(_("  source %(source)s: scheme %(scheme)s") % {
            "source": source, "scheme": result.schemes.get(source, "ja-plan")},
            file=sys.stderr)
    for note in result.notes:
        print(_("  commentary at line %(line)d: on the quote(s) at line(s) %(quotes)s") % {
            "line": note.line, "quotes": ", ".join(str(q) for q in note.quotes)},
            file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the ``policynotes`` command with ``argv`` (default: ``sys.argv[1:]``)."""
    args = build_parser().parse_args(argv)
    if args.command == "import":
        return _import(args)
    if args.command == "verify":
        from .verify import verify

        return verify(args.path, allow_close=args.allow_close, require_text=args.require_text)
    return 2  # pragma: no cover - argparse rejects unknown commands
