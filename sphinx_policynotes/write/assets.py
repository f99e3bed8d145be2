"""Ship the CSS to html-family builds and the ``.sty`` to LaTeX builds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

from ..collect.links import TIP_EXTENSIONS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

HERE = Path(__file__).parent.parent  # the package: static/, texinputs/
STATIC = HERE / "static"
TEXINPUTS = HERE / "texinputs"
CSS = "policynotes.css"
STY = "sphinxpolicynotes"


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: make the CSS a static file (html-format builders copy them).

    At ``config-inited``, before the environment is loaded: the pickled
    configuration then has the same ``html_static_path`` as the new one, and
    an incremental build does not report "The configuration has changed". A
    new list, so Sphinx's default value is never changed in place.
    """
    if str(STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC)]


#: What sphinx-tippy shows for a link to a quote or a commentary: its box.
TIPPY_BOXES = ("div.policynotes-quote", "div.policynotes-commentary")


def share_boxes_with_tippy(app: Sphinx, config: Config) -> None:
    """``config-inited``: with sphinx-tippy loaded, its popups show a linked
    quote's or commentary's box (ours are then left out, see
    ``collect.links.previews_on``)."""
    if not any(name in config.extensions for name in TIP_EXTENSIONS):
        return
    selector = getattr(config, "tippy_tip_selector", None)
    if not isinstance(selector, str):
        return
    missing = [box for box in TIPPY_BOXES if box not in selector]
    if missing:
        config.tippy_tip_selector = ", ".join([selector, *missing]) if selector else \
            ", ".join(missing)


def copy_sty(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: put the package next to the ``.tex`` files."""
    if exception is None and app.builder.name == "latex":
        copy_asset_file(TEXINPUTS / f"{STY}.sty", app.outdir, force=True)


def setup_assets(app: Sphinx) -> None:
    app.add_css_file(CSS)
    app.add_latex_package(STY)
    app.connect("config-inited", add_static_path)
    app.connect("config-inited", share_boxes_with_tippy)
    app.connect("build-finished", copy_sty)
