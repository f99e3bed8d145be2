"""Quote and commentary texts, written beside the doctrees as documents are read.

The environment is loaded and saved on every build; ten thousand quotes'
texts would make that pickle tens of megabytes and every edit slow. The
records keep a digest of their text (so a change is noticed); the texts
themselves live in one small JSON file per document under the doctree folder,
written when the document is read (in whichever process reads it) and loaded
only when a page, the index or the export shows them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import orjson

from ..numbering import make_anchor

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..model import Blocks

#: ``env.temp_data`` key of the texts of the document being read.
PENDING = "policynotes_texts"
FOLDER = "policynotes-texts"


def text_digest(text: str, blocks: Blocks) -> str:
    """A short digest of a body's text and blocks, stored in its record."""
    payload = json.dumps([text, blocks], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:12]  # 48 bits: tells edits apart


def path_of(doctreedir: str | Path, docname: str) -> Path:
    return Path(doctreedir) / FOLDER / f"{make_anchor('t', docname)}.json"


def remember(env: BuildEnvironment, anchor: str, text: str, blocks: Blocks) -> str:
    """Keep a body's text for the document being read; return its digest."""
    # One dict per document, filled in place (a copy per quote would cost
    # quotes² in a document of thousands).
    pending = cast("dict[str, Any]", env.temp_data.setdefault(PENDING, {}))
    pending[anchor] = [text, [list(b) for b in blocks]]
    return text_digest(text, blocks)


def write_pending(app: Sphinx, doctree: Any) -> None:
    """``doctree-read``: write the texts of the document just read (as
    translated, in a translated build: :func:`retranslate`)."""
    env = app.env
    retranslate(app, doctree)
    pending = env.temp_data.get(PENDING)
    path = path_of(env.doctreedir, env.docname)
    if not pending:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(pending))


def _translating(app: Sphinx) -> bool:
    """Whether this build may translate documents: a ``language`` and one of
    its ``locale_dirs`` present (Sphinx's own test before it translates)."""
    config = app.config
    if not config.language:
        return False
    srcdir = Path(app.srcdir)
    return any((srcdir / folder).is_dir() for folder in config.locale_dirs)


def retranslate(app: Sphinx, doctree: Any) -> None:
    """Take the texts of translated quotes, commentaries and responses from the doctree.

    The directives keep a body's text as they parse it, before Sphinx's
    ``Locale`` transform puts in the translations of the ``.po`` files; the
    index, the labels' neighbours and the exports would show the source
    language. Once the document is read, the bodies that hold translated
    paragraphs are read again and their records get the new digest.
    """
    if not _translating(app):
        return
    from docutils import nodes

    from .. import nodes as pn
    from .bodytext import body_text, to_blocks

    env = app.env
    pending = cast("dict[str, Any]", env.temp_data.get(PENDING) or {})
    domain: Any = env.get_domain("policynotes")
    prefix = app.config.policynotes_policy_prefix
    kinds = (pn.policy_quote, pn.commentary, pn.response)
    for node in doctree.findall(lambda n: isinstance(n, kinds)):
        if not any(n.get("translated") for n in node.findall(nodes.Element)):
            continue
        if isinstance(node, pn.policy_quote):
            quote = node.next_node(nodes.block_quote)
            body = list(quote.children) if quote is not None else []
        else:
            # (a commentary's own text: without the responses nested in it)
            body = [c for c in node.children
                    if not isinstance(c, (pn.policy_label, pn.response))]
        anchor = node.get("anchor")
        if anchor not in pending:
            continue
        text, blocks = body_text(body, prefix), to_blocks(body, prefix)
        digest = remember(env, anchor, text, blocks)
        domain.retext(env.docname, anchor, digest)
