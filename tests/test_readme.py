"""The README's examples and commands are what a newcomer copies: they must work.

The examples (its ``conf.py``, its reStructuredText page and its MyST page)
are read from ``README.md`` itself, so an edit there is tested as written:
each page builds alone with no warning, and both together in one project.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from buildutil import build
from util import shared_file

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def fenced(language: str, fence: str = "```") -> list[str]:
    """The bodies of the README's code blocks fenced ``fence + language``."""
    pattern = re.compile(rf"^{fence}{language}\n(.*?)^{fence}$", re.M | re.S)
    return [m.group(1) for m in pattern.finditer(README)]


def conf_py() -> str:
    [conf] = [block for block in fenced("python") if "sphinx_policynotes" in block]
    return conf


def rst_page() -> str:
    [page] = fenced("rst")
    return page


def myst_page() -> str:
    [page] = fenced("md", "````")
    return page


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A project of the README's conf.py, the pages and a root that lists them."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(conf_py(), encoding="utf-8")
    for name, text in pages.items():
        (src / name).write_text(text, encoding="utf-8")
    toctree = "\n".join(f"   {Path(name).stem}" for name in pages)
    (src / "index.rst").write_text(f"Notes\n=====\n\n.. toctree::\n\n{toctree}\n",
                                   encoding="utf-8")
    return src


def page_title(text: str) -> str:
    return f"Example\n=======\n\n{text}"


@pytest.mark.parametrize("which", ["rst", "myst", "both"])
def test_readme_examples_build_without_warnings(tmp_path: Path, which: str) -> None:
    pages: dict[str, str] = {}
    if which in ("rst", "both"):
        pages["rst-page.rst"] = page_title(rst_page())
    if which in ("myst", "both"):
        pages["myst-page.md"] = "# Example\n\n" + myst_page()
    b = build(project(tmp_path, pages), "html", builddir=tmp_path / "build")
    assert b.warnings == "", b.warnings
    export = b.export()
    texts = {quote["text"] for quote in export["quotes"]}
    if which != "myst":
        assert "先行的にサービスデザイン思考による業務改革（ＢＰＲ）を実施する。" in texts
    if which != "rst":
        assert any(text.startswith("窓口で受け付けている手続は") for text in texts)
        page = (b.outdir / "myst-page.html").read_text(encoding="utf-8")
        # the {policy} role links to the quote (or its policy index row)
        assert re.search(r'<a class="reference internal"[^>]* href="[^"#]*#p[qi]-[^"]+" '
                         r'title="○○市デジタル化推進計画 方針1-1">', page), page


def test_readme_commands_use_a_virtual_environment() -> None:
    """The two quick-start commands work where python3 refuses pip (PEP 668)."""
    quick = README[README.index("## Quick start"):README.index("## Use it in your project")]
    [commands] = fenced("sh")[:1]
    assert commands in quick
    lines = [line.split("#")[0].strip() for line in commands.strip().splitlines()]
    venv = "python3 -m venv .venv && .venv/bin/pip install tox && .venv/bin/tox"
    assert lines == [f"{venv} -e docs", venv]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert venv in ci, ".ci/run must call the README's test command"


def test_project_urls_name_the_repository_and_tracker() -> None:
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    urls = meta["project"]["urls"]
    assert {"Documentation", "Repository", "Issues"} <= set(urls)
    assert urls["Repository"] in README, "the README's clone URL is the repository's"


def test_shared_file_skips_on_a_fresh_clone_and_fails_where_required(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICYNOTES_REQUIRE_SHARED", raising=False)
    with pytest.raises(pytest.skip.Exception, match="a fresh clone does not have"):
        shared_file("no-such-folder", "post.md")
    monkeypatch.setenv("POLICYNOTES_REQUIRE_SHARED", "1")
    with pytest.raises(pytest.fail.Exception, match="no-such-folder"):
        shared_file("no-such-folder", "post.md")


def test_a_fresh_clone_skips_only_what_reads_shared(tmp_path: Path) -> None:
    """Without ../shared/ the tests that read it skip with the reason; none fails."""
    import os
    import shutil
    import subprocess
    import sys

    clone = tmp_path / "clone"
    for name in ("tests", "pyproject.toml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, clone / name,
                            ignore=shutil.ignore_patterns("__pycache__", "_build"))
        else:
            shutil.copy(source, clone / name)
    assert not (tmp_path / "shared").exists()
    env = {k: v for k, v in os.environ.items() if k != "POLICYNOTES_REQUIRE_SHARED"}
    run = subprocess.run([sys.executable, "-m", "pytest", "tests/test_importer.py", "-q",
                          "-rs", "-p", "no:randomly"], cwd=clone, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    skipped = [line for line in run.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skipped, run.stdout
    assert all("a fresh clone does not have" in line for line in skipped), skipped
    assert re.search(r"\d+ passed, \d+ skipped", run.stdout), run.stdout
