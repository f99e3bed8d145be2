"""Quote and note texts are split for search by the reading processes (``-j N``).

The main process, which feeds Sphinx's search index one page after another,
then looks their words up instead of splitting them (``searchwords.py``).
What is checked: the index is byte-identical with and without, the main
process splits none of those texts while writing (and does split them when
the feature is off: the texts are the ones the index asks for), no output
shows the carrier attribute, words kept under one splitter configuration are
not used under another, and a serial build keeps nothing.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from buildutil import Build, build, copy_root
from sphinx.search.ja import DefaultSplitter

from sphinx_policynotes.write.search import SearchJapanese
from sphinx_policynotes.write.searchwords import ATTRIBUTE, SEPARATOR

ROOT = "b-par"


class SplitSpy:
    """Records the texts the Japanese splitter splits in this (the main) process."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        main = os.getpid()
        original = DefaultSplitter.split

        def spy(splitter: DefaultSplitter, text: str) -> list[str]:
            if os.getpid() == main:
                self.texts.append(text)
            return original(splitter, text)

        monkeypatch.setattr(DefaultSplitter, "split", spy)


def kept_words(b: Build) -> dict[str, dict[str, str]]:
    """docname -> the words the doctree on disk carries."""
    kept = {}
    for docname in sorted(b.docnames):
        with open(b.doctreedir / f"{docname}.doctree", "rb") as f:
            doctree = pickle.load(f)
        if ATTRIBUTE in doctree.attributes:
            kept[docname] = doctree[ATTRIBUTE][1]
    return kept


def build_spied(src: Path, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> tuple[Build, list[str]]:
    with monkeypatch.context() as mp:
        spy = SplitSpy(mp)
        b = build(src, "html", **kw)
    assert b.warnings == ""
    return b, spy.texts


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("searchwords")
    out: dict[str, Any] = {}
    with pytest.MonkeyPatch.context() as mp:
        out["on"] = build_spied(copy_root(ROOT, base / "on"), mp, parallel=2)
        out["off"] = build_spied(copy_root(ROOT, base / "off"), mp, parallel=2,
                                 confoverrides={"policynotes_search_presplit": False})
        out["serial"] = build_spied(copy_root(ROOT, base / "serial"), mp, parallel=1)
    return out


def test_quote_and_note_texts_are_kept_with_their_words(builds: dict[str, Any]) -> None:
    kept = kept_words(builds["on"][0])
    assert len(kept) >= 8
    texts = [text for words in kept.values() for text in words]
    assert len(texts) >= 40
    # The words are what the splitter makes of the text.
    splitter = SearchJapanese({})
    for words in kept.values():
        for text, joined in words.items():
            assert joined.split(SEPARATOR) == splitter.split(text)


def test_the_main_process_looks_them_up_instead_of_splitting(builds: dict[str, Any]) -> None:
    kept = {text for words in kept_words(builds["on"][0]).values() for text in words}
    _b, split_on = builds["on"]
    _b, split_off = builds["off"]
    # Off: the main process splits every one of them while writing (the
    # kept texts are the very ones the search index asks for) ...
    assert kept <= set(split_off)
    # ... on: none of them.
    assert kept.isdisjoint(split_on)


def test_the_search_index_is_the_same(builds: dict[str, Any]) -> None:
    index = {name: builds[name][0].read("searchindex.js") for name in builds}
    assert "ja" in index["on"]
    assert index["on"] == index["off"] == index["serial"]


def test_a_serial_build_keeps_nothing(builds: dict[str, Any]) -> None:
    assert kept_words(builds["serial"][0]) == {}
    assert kept_words(builds["off"][0]) == {}


def test_no_output_shows_the_words(tmp_path: Path) -> None:
    """Words kept by an HTML build stay out of what another builder writes."""
    src = copy_root(ROOT, tmp_path / "src")
    html = build(src, "html", parallel=2, freshenv=False)
    assert kept_words(html)
    xml = build(src, "xml", freshenv=False)
    assert "0 added, 0 changed, 0 removed" in xml.status  # the doctrees of the HTML build
    assert kept_words(xml)
    written = "".join(p.read_text(encoding="utf-8") for p in xml.outdir.glob("**/*.xml"))
    assert "policy_quote" in written
    assert ATTRIBUTE not in written
    assert SEPARATOR not in written


def terms(b: Build) -> dict[str, Any]:
    """The search index's terms that name a page."""
    text = b.read("searchindex.js")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    return {term: pages for term, pages in index["terms"].items() if pages != []}


SPLITTER = '''
class PairSplitter:
    """Two characters a word: nothing like the default splitter."""

    def __init__(self, options):
        pass

    def split(self, text):
        text = "".join(text.split())
        return [text[i:i + 2] for i in range(0, len(text) - 1, 2)]
'''


def test_words_of_another_splitter_are_not_used(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Changing ``html_search_options`` re-reads nothing; the kept words must not be used."""
    src = copy_root(ROOT, tmp_path / "src")
    (src / "pairsplit.py").write_text(SPLITTER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(src))
    options = {"html_search_options": {"type": "pairsplit.PairSplitter"}}
    first = build(src, "html", parallel=2, freshenv=False)
    assert kept_words(first)
    before = terms(first)
    again = build(src, "html", parallel=2, freshenv=False, confoverrides=options)
    clean_src = copy_root(ROOT, tmp_path / "clean")
    (clean_src / "pairsplit.py").write_text(SPLITTER, encoding="utf-8")
    clean = build(clean_src, "html", parallel=2, confoverrides=options)
    # Sphinx keeps the terms of the previous index with no page: not compared.
    assert terms(again) == terms(clean)
    assert before != terms(clean)


@pytest.mark.parametrize(("parallel", "overrides", "keeps"), [
    (2, {"language": "en"}, False),  # English splits with a pattern: nothing to gain
    (1, {"policynotes_search_presplit": True}, True),  # forced on in a serial build
])
def test_when_words_are_kept(tmp_path: Path, parallel: int, overrides: dict[str, Any],
                             keeps: bool) -> None:
    b = build(copy_root(ROOT, tmp_path / "src"), "html", parallel=parallel,
              confoverrides=overrides)
    assert b.warnings == ""
    assert bool(kept_words(b)) is keeps


def test_the_splitter_is_made_before_the_readers_fork(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Made once in the main process (the readers inherit it), and only when wanted."""
    from sphinx_policynotes.write import searchwords

    made: dict[Any, Any] = {}
    monkeypatch.setattr(searchwords, "_splitters", made)
    serial = build(copy_root(ROOT, tmp_path / "serial"), "html", parallel=1)
    assert serial.warnings == ""
    assert made == {}
    parallel = build(copy_root(ROOT, tmp_path / "parallel"), "html", parallel=2)
    assert parallel.warnings == ""
    assert [type(language).__name__ for language in made.values()] == ["SearchJapanese"]
