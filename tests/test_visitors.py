"""Our nodes have visitors in every builder, whatever else is loaded.

Sphinx uses the visitors registered under a builder's name, or else those of
its format, not both: an extension that registers any visitor for ``epub``
(sphinx-needs' data viewer does) would leave nodes registered for ``html``
without one in an epub build.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from buildutil import build, copy_root

OTHER = '''
from docutils import nodes


class other_node(nodes.General, nodes.Element):
    pass


def visit(self, node):
    raise nodes.SkipNode


def setup(app):
    app.add_node(other_node, epub=(visit, None), singlehtml=(visit, None),
                 json=(visit, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


@pytest.mark.parametrize("builder", ["epub", "singlehtml", "json"])
def test_an_index_builds_where_another_extension_registered_the_builder(
        tmp_path: Path, builder: str) -> None:
    src = copy_root("m-groups", tmp_path / "src")
    (src / "otherext.py").write_text(OTHER, encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text("import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
                    + conf.read_text(encoding="utf-8").replace(
                        '"sphinx_policynotes"]', '"sphinx_policynotes", "otherext"]'),
                    encoding="utf-8")
    b = build(src, builder, builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    out = {"epub": "policyindex.xhtml", "singlehtml": "index.html",
           "json": "policyindex.fjson"}[builder]
    text = (b.outdir / out).read_text(encoding="utf-8")
    # the index was built by our HTML visitor, not skipped or crashed
    assert "Note on both measures." in text and "policynotes-index" in text
