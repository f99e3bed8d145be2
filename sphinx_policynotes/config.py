"""The ``policynotes_*`` configuration values: types, defaults, validation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .i18n import _
from .numbering import DEFAULT_SCHEME, Scheme, builtin_schemes, validate_schemes
from .warnings import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: name -> (default, accepted types)
OPTIONS: dict[str, tuple[Any, tuple[type, ...]]] = {
    "policynotes_default_source": (None, (str, type(None))),
    "policynotes_default_author": (None, (str, type(None))),
    "policynotes_policy_prefix": ("方針", (str,)),
    "policynotes_chapter_format": ("第{}章", (str,)),
    "policynotes_json": ("policynotes.json", (str, type(None))),
    "policynotes_jsonld": ("policynotes.jsonld", (str, type(None))),
    "policynotes_csv": ("policynotes.csv", (str, type(None))),
    "policynotes_base_url": (None, (str, type(None))),
    "policynotes_latex_preset": (None, (str, type(None))),
    "policynotes_clean_text": (True, (bool,)),
    "policynotes_structure_patterns": (None, (list, tuple, type(None))),
    "policynotes_index_page_quotes": (500, (int,)),
    "policynotes_search_presplit": (None, (bool, type(None))),
    "policynotes_schemes": ({}, (dict,)),
    "policynotes_default_scheme": (DEFAULT_SCHEME, (str,)),
    "policynotes_diff_threshold": (0.35, (float, int)),
}

#: Options naming an export file in the output root.
EXPORT_FILES = ("policynotes_json", "policynotes_jsonld", "policynotes_csv")

#: The preset a Japanese PDF should use (its fonts are embedded).
JA_PRESET = "ja-lualatex"
#: LaTeX engines whose PDF always embeds its fonts (not pLaTeX, upLaTeX with
#: dvipdfmx: that depends on the TeX installation's font maps).
EMBEDDING_ENGINES = frozenset({"lualatex", "xelatex"})

#: ``policynotes_latex_preset`` values -> what they set (where the user set nothing).
LATEX_PRESETS: dict[str, dict[str, Any]] = {
    # Japanese PDF with LuaLaTeX: fonts embedded, 【方針１－１】 copyable.
    "ja-lualatex": {
        "latex_engine": "lualatex",
        "latex_docclass": {"manual": "ltjsbook", "howto": "ltjsarticle"},
        "latex_elements": {"polyglossia": "", "babel": "", "fncychap": ""},
    },
}


def _valid_chapter_format(value: str) -> bool:
    try:
        formatted = value.format(4)
    except (IndexError, KeyError, ValueError):
        return False
    return "4" in formatted


def validate_config(app: Sphinx, config: Config) -> None:
    """Warn about and replace values of the wrong type or form."""
    for name, (default, types) in OPTIONS.items():
        value = getattr(config, name)
        if not isinstance(value, types):
            warn(
                Warn.config,
                _("%s must be of type %s, not %r; using %r"),
                name,
                str(_(" or ")).join(t.__name__ for t in types),
                value,
                default,
            )
            setattr(config, name, default)
    limit = config.policynotes_index_page_quotes
    if isinstance(limit, bool) or limit < 0:
        warn(Warn.config, _("policynotes_index_page_quotes must be a whole number >= 0 "
             "(0: never split), not %r; using %r"), limit,
             OPTIONS["policynotes_index_page_quotes"][0])
        config.policynotes_index_page_quotes = OPTIONS["policynotes_index_page_quotes"][0]
    if not _valid_chapter_format(config.policynotes_chapter_format):
        warn(
            Warn.config,
            _("policynotes_chapter_format must hold one '{}' for the number, not %r; "
              "using %r"),
            config.policynotes_chapter_format,
            OPTIONS["policynotes_chapter_format"][0],
        )
        config.policynotes_chapter_format = OPTIONS["policynotes_chapter_format"][0]
    threshold = config.policynotes_diff_threshold
    if isinstance(threshold, bool) or not 0 < threshold <= 1:
        warn(Warn.config, _("policynotes_diff_threshold must be a number above 0 and at most "
             "1, not %r; using %r"), threshold, OPTIONS["policynotes_diff_threshold"][0])
        config.policynotes_diff_threshold = OPTIONS["policynotes_diff_threshold"][0]
    apply_latex_preset(config)
    validate_patterns(config)
    validate_numbering(config)
    for name in EXPORT_FILES:
        file_name = getattr(config, name)
        if isinstance(file_name, str) and (
            not file_name.strip() or "/" in file_name or "\\" in file_name
            or file_name.startswith(".")
        ):
            warn(Warn.config, _("%s must be a plain file name, not %r; using %r"), name,
                 file_name, OPTIONS[name][0])
            setattr(config, name, OPTIONS[name][0])


def validate_numbering(config: Config) -> None:
    """``policynotes_schemes`` read like the built-in schemes (a scheme with an
    error is left out, and said); ``policynotes_default_scheme`` one of them."""
    raw = config.policynotes_schemes
    _schemes, errors = validate_schemes(raw)
    for error in errors:
        warn(Warn.config, "%s", error)
    default = config.policynotes_default_scheme
    if default not in schemes(config):
        warn(Warn.config, _("policynotes_default_scheme %r is not a built-in scheme nor one "
             "of policynotes_schemes (%s); using %r"), default,
             ", ".join(sorted(schemes(config))), DEFAULT_SCHEME)
        config.policynotes_default_scheme = DEFAULT_SCHEME


_USER_SCHEMES: dict[str, dict[str, Scheme]] = {}


def schemes(config: Config) -> dict[str, Scheme]:
    """Every numbering scheme by name: the built-in ones and the project's
    valid ``policynotes_schemes`` (a user's scheme may replace a built-in one)."""
    raw = config.policynotes_schemes
    key = repr(raw)
    if key not in _USER_SCHEMES:
        if len(_USER_SCHEMES) > 16:  # a long-lived process: keep it bounded
            _USER_SCHEMES.clear()
        user, _errors = validate_schemes(raw) if isinstance(raw, dict) else ({}, [])
        _USER_SCHEMES[key] = {**builtin_schemes(), **user}
    return _USER_SCHEMES[key]


def validate_patterns(config: Config) -> None:
    """Each structure pattern must compile and name one group ``chapter`` or ``policy``."""
    patterns = config.policynotes_structure_patterns
    if patterns is None:
        return
    good = []
    for pattern in patterns:
        try:
            groups = set(re.compile(str(pattern), re.MULTILINE).groupindex)
        except re.error as exc:
            warn(Warn.config, _("policynotes_structure_patterns: %r does not compile (%s); "
                 "ignored"), pattern, exc)
            continue
        if len(groups & {"chapter", "policy"}) != 1:
            warn(Warn.config, _("policynotes_structure_patterns: %r must have one named "
                 "group 'chapter' or 'policy'; ignored"), pattern)
            continue
        good.append(str(pattern))
    config.policynotes_structure_patterns = good or None


def apply_latex_preset(config: Config) -> None:
    """Apply ``policynotes_latex_preset``: it sets ``latex_engine``, and fills
    ``latex_docclass`` and ``latex_elements`` keys that ``conf.py`` left unset.
    """
    name = config.policynotes_latex_preset
    if name is None:
        return
    preset = LATEX_PRESETS.get(name)
    if preset is None:
        warn(Warn.config, _("policynotes_latex_preset %r is not one of %s; ignored"), name,
             ", ".join(sorted(LATEX_PRESETS)))
        return
    config.latex_engine = preset["latex_engine"]
    # What conf.py itself set (Sphinx's language-dependent defaults do not count).
    raw: dict[str, Any] = getattr(config, "_raw_config", {})
    for key in ("latex_docclass", "latex_elements"):
        merged = dict(preset[key])
        merged.update(raw.get(key) or {})
        setattr(config, key, merged)


def check_latex_fonts(app: Sphinx) -> None:
    """Once per LaTeX build of a Japanese project: warn when its PDF may not
    embed its fonts (Sphinx's upLaTeX, not the ``ja-lualatex`` preset)."""
    config = app.config
    if app.builder.name != "latex" or not str(config.language or "").startswith("ja"):
        return
    engine = str(getattr(config, "latex_engine", "") or "")
    if engine in EMBEDDING_ENGINES:
        return
    warn(Warn.latex_fonts, _("a Japanese PDF built without policynotes_latex_preset = %r "
         "may not embed its fonts (with latex_engine %r that is up to the TeX "
         "installation, and Debian's does not); set it to embed them"), JA_PRESET, engine)


def setup_config(app: Sphinx) -> None:
    """Declare the configuration values and their validation."""
    for name, (default, types) in OPTIONS.items():
        # Export file names, the base URL and the search presplit change no
        # document: no re-read for them.
        if name in EXPORT_FILES or name in ("policynotes_base_url",
                                            "policynotes_search_presplit"):
            app.add_config_value(name, default, "", types=types)
        else:
            app.add_config_value(name, default, "env", types=types)
    app.connect("config-inited", validate_config, priority=800)
    app.connect("builder-inited", check_latex_fonts)
