"""What a rebuild keeps from the last build: the configuration as compared,
and what the extension's settings change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from buildutil import build, copy_root, touch

ROOT = "m-locators"


def test_a_changed_scheme_reads_its_locators_again(tmp_path: Path) -> None:
    """A level renamed in conf.py gives the new keys in the incremental
    build, its pages and its export."""
    src = copy_root(ROOT, tmp_path / "src")
    first = build(src, "html", freshenv=False)
    assert any(q["at"]["key"].startswith("goal_") for q in first.export()["quotes"]
               if q.get("at") and q["at"]["key"])
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"name": "goal"', '"name": "aim"'),
                    encoding="utf-8")
    second = build(src, "html", freshenv=False)
    keys = [q["at"]["key"] for q in second.export()["quotes"] if q.get("at") and q["at"]["key"]]
    assert any(k.startswith("aim_") for k in keys) and not any(k.startswith("goal_")
                                                              for k in keys)
    # The export too (its key is the pages' digests, which hold the settings).
    clean = build(src, "html", builddir=tmp_path / "clean")
    assert second.export() == clean.export()
    assert "aim_2__measure_1" in (second.outdir / "policynotes.csv").read_text(encoding="utf-8")


def test_a_changed_prefix_shows_in_the_export(tmp_path: Path) -> None:
    """Sphinx resets the configuration status before ``env-get-updated``: a
    changed ``policynotes_policy_prefix`` still rewrites the export."""
    src = copy_root("b-inc", tmp_path / "src")
    build(src, "html", freshenv=False)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\npolicynotes_policy_prefix = "施策"\n',
                    encoding="utf-8")
    second = build(src, "html", freshenv=False)
    clean = build(src, "html", builddir=tmp_path / "clean")
    assert second.export() == clean.export()
    assert second.export() != build(copy_root("b-inc", tmp_path / "orig"), "html").export()


def test_an_incremental_build_reports_no_configuration_change(tmp_path: Path) -> None:
    """The CSS's static path is added before the environment is loaded, so
    the pickled configuration equals the new one (run as ``sphinx-build``
    does, in two processes: within one, Sphinx's default list is shared)."""
    src = copy_root(ROOT, tmp_path / "src")
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(doctrees), str(src), str(out)]
    subprocess.run(cmd, capture_output=True, text=True, check=True)
    touch(src / "law.rst")
    again = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert "reading sources... [100%] law" in again.stdout
    assert "configuration has changed" not in again.stdout
    assert (out / "_static" / "policynotes.css").is_file()
