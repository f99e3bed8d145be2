"""Pure numbering helpers: value normalisation, numerals, schemes and locators.

Everything here is stdlib only (no Sphinx, docutils or third-party import), so
it can be tested and reused on its own.  The package gathers

:mod:`.values`    chapter, policy, page, date, URL and text normalisation, natural
                  sort keys and HTML anchors (what ``numbering.py`` used to be)
:mod:`.numerals`  every numeral system: kanji, full-width, roman, circled, kana,
                  Korean 가나다, Latin letters
:mod:`.schemes`   numbering schemes as data (``policynotes_schemes``), checked and
                  compiled; :mod:`.builtin` holds the built-in ones
:mod:`.locators`  a locator's path, key, export form, natural order and anchor
:mod:`.reading`   written locators and keys read through a scheme
:mod:`.writing`   paths rendered back to a written form

Importers use ``from .numbering import …`` as before; every name is
re-exported here.
"""

from __future__ import annotations

from .builtin import BUILTIN_SCHEMES
from .locators import (
    Locator,
    LocatorError,
    LocatorJSON,
    Segment,
    SegmentJSON,
    bad_locator,
    first_descendant,
    is_ancestor,
    locator_anchor,
    make_locator,
    num_sort_key,
    path_key,
)
from .numerals import (
    KINDS,
    int_to_kanji,
    int_to_roman,
    kanji_to_int,
    read_number,
    roman_to_int,
    write_number,
)
from .reading import (
    fold_width,
    parse_key,
    parse_locator,
    plan_locator,
    policy_key,
    read_locator,
    read_policy,
    read_segment,
)
from .schemes import (
    DEFAULT_SCHEME,
    NUMERALS,
    Level,
    Scheme,
    builtin_schemes,
    compile_scheme,
    scheme_digest,
    validate_schemes,
)
from .values import _DASH_RE as _DASH_RE
from .values import (
    DASHES,
    NaturalKey,
    ascii_slug,
    is_wide,
    join_cjk_lines,
    make_anchor,
    natural_key,
    normalise_policy,
    parse_chapter,
    parse_date,
    parse_page,
    plain_text,
    safe_url,
)
from .writing import render_locator, segment_forms

__all__ = [
    "BUILTIN_SCHEMES",
    "DASHES",
    "DEFAULT_SCHEME",
    "KINDS",
    "NUMERALS",
    "Level",
    "Locator",
    "LocatorError",
    "LocatorJSON",
    "NaturalKey",
    "Scheme",
    "Segment",
    "SegmentJSON",
    "ascii_slug",
    "bad_locator",
    "builtin_schemes",
    "compile_scheme",
    "first_descendant",
    "fold_width",
    "int_to_kanji",
    "int_to_roman",
    "is_ancestor",
    "is_wide",
    "join_cjk_lines",
    "kanji_to_int",
    "locator_anchor",
    "make_anchor",
    "make_locator",
    "natural_key",
    "normalise_policy",
    "num_sort_key",
    "parse_chapter",
    "parse_date",
    "parse_key",
    "parse_locator",
    "parse_page",
    "path_key",
    "plain_text",
    "plan_locator",
    "policy_key",
    "read_locator",
    "read_number",
    "read_policy",
    "read_segment",
    "render_locator",
    "roman_to_int",
    "safe_url",
    "scheme_digest",
    "segment_forms",
    "validate_schemes",
    "write_number",
]
