"""A commentary's review options: ``:name:``, ``:stance:``, ``:tags:``,
``:reply-to:``, ``:status:`` and ``:decision:``.

Read here, not in :mod:`.directives`, so that the commentary directive only
hands them on to its record. Which commentary a ``:reply-to:`` names is known
once every document is read (:mod:`..collect.threads`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple, cast

from docutils import nodes

from ..i18n import _
from ..model import DECISIONS, STANCES, STATUSES
from ..warnings import Warn, did_you_mean, warn

#: Tags are separated by commas (ASCII, full-width or 、), not by spaces: a
#: tag may be several words (``public transport``).
_TAG_SPLIT = re.compile(r"[,、，]")


class Review(NamedTuple):
    """What the options say; the stance is one of :data:`..model.STANCES`."""

    name: str | None
    stance: str
    tags: tuple[str, ...]
    reply_to: str | None
    status: str
    decision: str | None


def split_tags(value: str) -> tuple[str, ...]:
    """``a, b、c`` -> ``("a", "b", "c")``: stripped, inner whitespace collapsed,
    empty ones left out, each once in the order written."""
    found = (" ".join(tag.split()) for tag in _TAG_SPLIT.split(value))
    return tuple(dict.fromkeys(tag for tag in found if tag))


def read_review(opt: Callable[[str], str | None], location: Any) -> Review:
    """The commentary's review options (``opt``: an option's stripped text, or
    None); an unknown stance warns at ``location`` and is ``note``."""
    name_raw = opt("name")
    reply_raw = opt("reply-to")
    stance = (opt("stance") or STANCES[0]).casefold()
    if stance not in STANCES:
        warn(Warn.bad_stance, _("commentary: unknown :stance: %r (known: %s); %r is used"),
             opt("stance"), ", ".join(STANCES), STANCES[0],
             hint=did_you_mean(stance, STANCES), location=location)
        stance = STANCES[0]
    decision = _choice(opt, "decision", DECISIONS, None, location)
    resolved = decision is not None and decision != "pending"
    status = _choice(opt, "status", STATUSES, STATUSES[1] if resolved else STATUSES[0],
                     location)
    return Review(
        name=nodes.fully_normalize_name(name_raw) if name_raw else None,
        stance=stance,
        tags=split_tags(opt("tags") or ""),
        reply_to=nodes.fully_normalize_name(reply_raw) if reply_raw else None,
        status=cast("str", status),
        decision=decision,
    )


def _choice(opt: Callable[[str], str | None], option: str, known: tuple[str, ...],
            default: str | None, location: Any) -> str | None:
    """An option's value among ``known`` (case folded), or ``default``; another
    value warns (``bad_status``, ``bad_decision``) and is ``default``."""
    raw = opt(option)
    if not raw:
        return default
    value = raw.casefold()
    if value in known:
        return value
    hint = did_you_mean(value, known)
    if default is None:
        warn(Warn.bad_decision, _("commentary: unknown :decision: %r (known: %s); no "
             "decision is made"), raw, ", ".join(known), hint=hint, location=location)
    else:
        warn(Warn.bad_status, _("commentary: unknown :status: %r (known: %s); %r is used"),
             raw, ", ".join(known), default, hint=hint, location=location)
    return default
