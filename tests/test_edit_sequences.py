"""Edit sequences: after every edit, an incremental build equals a clean build.

Two hypothesis state machines edit a project step by step: they add, edit,
rename and delete documents, move quotes between documents, change policy
numbers, quote sources, source ids and short titles, quote names and
``:on:`` lists, or change nothing. After every step the project is rebuilt
in place (same source, output and doctree directories, no ``-E``; the mtimes
of changed files are bumped with ``os.utime`` since Sphinx compares them)
and compared with a clean build of the same sources in a fresh directory:
the export, the ``policy-index`` page and the link texts of the roles in a
document nobody edits must be equal, and so must the quote and commentary
labels of every page.

- :class:`IncrementalMachine`: incremental ``-j 1`` against clean ``-j 1``.
- :class:`ParallelMachine`: at least 8 content documents (Sphinx reads in
  parallel only above 5 documents); incremental ``-j 2`` against clean
  ``-j 1``, with a step that touches every document so that the rebuild
  really reads in parallel.

Steps per run and runs are few by default (CI); ``POLICYNOTES_HYPOTHESIS=long``
runs many more.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import strategies as S
from buildutil import Build, build, index_view, links, main_body, parse_html, report
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule
from sphinx.testing.util import SphinxTestApp

from sphinx_policynotes.collect.domain import PolicyNotesDomain

STATS = {"runs": 0, "steps": 0, "failed": 0}


@pytest.fixture(scope="module", autouse=True)
def report_counts(request: pytest.FixtureRequest) -> Iterator[None]:
    """Print how many edit sequences and steps ran and how many steps failed."""
    yield
    report(request, f"edit sequences ({S.PROFILE} profile): {STATS['runs']} runs, "
           f"{STATS['steps']} steps built and compared, {STATS['failed']} failed")

WORDS = ["業務改革を実施する", "クラウドを活用する", "一度提出した情報は", "デジタル\n技術の徹底活用",
         "data を\n公開する", "Open data", "行政サービスの\nIT化"]
POLICIES = ["1-1", "１－１", "1-2", "方針1-10", "2", "背景２", "（１）", None]
SOURCES = [None, "dg", "it", "unknown"]
#: The quote names a commentary's ``:on:`` takes; a quote may also have none.
GIVEN_NAMES = ["bpr", "once", "cloud", "ai"]
NAMES = [*GIVEN_NAMES, None]
CONTENT_NAMES = ["ch1", "ch2", "ch3", "part/ch4", "ch5", "ch6", "ch7", "ch8", "ch9", "ch10",
                 "ch11", "ch12", "付録", "z-notes"]

ROLES_RST = """Roles
=====

Policies :policy:`1-1`, :policy:`dg:1-2`, :policy:`it:1-1`, :policy:`背景２`,
:policy:`方針1-10`, :policy:`dg:2`, :policy:`見出し <dg:（１）>`.

Sources :source-ref:`dg`, :source-ref:`it`, :source-ref:`dg-2017`, :source-ref:`宣言 <it>`.

Names :ref:`bpr`, :ref:`once`, :ref:`cloud`, :ref:`ai`, :ref:`本文 <bpr>`.
"""
ROLES_MD = """# Roles (MyST)

Policies {policy}`1-2`, {policy}`it:2`, {policy}`dg:1-1`; sources {source-ref}`it`;
names {ref}`once`, [link](#cloud), [source](#dg).
"""


def para(text: str) -> S.Body:
    return (S.Para(tuple((S.Tok("text", line),) for line in text.split("\n"))),)


class ProjectMachine(RuleBasedStateMachine):
    """The project, its in-place build and the comparison with a clean build."""

    parallel = 1
    min_content_docs = 1
    initial_docs = 3

    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="pn-edit-"))
        self.src = self.base / "src"
        self.counter = 0
        self.sources: list[S.SourceRef] = []
        self.docs: dict[str, S.Doc] = {}
        self.builds = 0
        self.touched: str | None = None
        STATS["runs"] += 1

    # -- the project --------------------------------------------------------------

    def body(self) -> S.Body:
        self.counter += 1
        word = WORDS[self.counter % len(WORDS)]
        return para(f"M{self.counter} {word}")

    def new_quote(self, data: st.DataObject) -> S.Quote:
        return S.Quote(source=data.draw(st.sampled_from(SOURCES)), chapter=data.draw(
            st.sampled_from([None, "4", "第２章", "第十二章"])),
            policy=data.draw(st.sampled_from(POLICIES)), page=None,
            name=data.draw(st.sampled_from(NAMES)), verbatim=False, unknown_option=False,
            label=False, body=self.body())

    def new_note(self, data: st.DataObject) -> S.Note:
        on = data.draw(st.one_of(st.none(), st.lists(st.sampled_from(GIVEN_NAMES), min_size=1,
                                                     max_size=2).map(tuple)))
        return S.Note(on=on, on_sep=", ", author=data.draw(st.sampled_from([None, "査読者", "A"])),
                      body=self.body())

    def new_items(self, data: st.DataObject) -> list[S.Item]:
        items: list[S.Item] = [self.new_quote(data) for _ in range(data.draw(st.integers(1, 2)))]
        if data.draw(st.booleans()):
            items.append(self.new_note(data))
        return items

    def files(self) -> dict[str, str]:
        project = S.Project(docs=[S.Doc("sources", "rst", list(self.sources)),
                                  S.Doc("policyindex", "rst", [S.Index(None)]),
                                  *self.docs.values()])
        files = {"conf.py": project.conf_py(), "index.rst": project.index_rst(),
                 "roles.rst": ROLES_RST, "roles_md.md": ROLES_MD}
        files["index.rst"] += "   roles\n   roles_md\n"
        for doc in project.docs:
            files[doc.filename] = S.render_doc(doc, project)
        return files

    def sync(self) -> None:
        """Write what changed (bumping its mtime), delete what went away."""
        files = self.files()
        existing = {str(p.relative_to(self.src)) for p in self.src.rglob("*")
                    if p.is_file() and "_build" not in p.parts}
        now = time.time_ns()
        for rel, content in files.items():
            path = self.src / rel
            if path.is_file() and path.read_text(encoding="utf-8") == content:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            os.utime(path, ns=(now, now))
        for rel in existing - set(files):
            (self.src / rel).unlink()
        if self.touched is not None:
            os.utime(self.src / self.touched, ns=(now, now))
            self.touched = None

    def touch_all(self) -> None:
        now = time.time_ns()
        for path in self.src.rglob("*"):
            if path.is_file() and "_build" not in path.parts and path.suffix in (".rst", ".md"):
                os.utime(path, ns=(now, now))

    # -- builds --------------------------------------------------------------------

    @staticmethod
    def snapshot(b: Build) -> dict[str, Any]:
        labels = {}
        for doc in sorted(b.docnames):
            page = parse_html(b.outdir / f"{doc}.html")
            labels[doc] = [(p.text(), links(p)) for p in page.find_all(cls="policynotes-label")]
        roles = {doc: [link for link in links(main_body(parse_html(b.outdir / f"{doc}.html")))
                       if link[0] != "¶"] for doc in ("roles", "roles_md")}
        return {"export": b.export(),
                # The JSON-LD and CSV exports too, to the byte: their records'
                # parts are kept between builds (exportparts).
                "open data": {name: b.read(name) for name in ("policynotes.jsonld",
                                                              "policynotes.csv")},
                "index": index_view(parse_html(b.outdir / "policyindex.html")),
                "roles": roles, "labels": labels}

    def check(self) -> None:
        self.sync()
        STATS["steps"] += 1
        kept: list[bool] = []
        incremental = build(self.src, "html", builddir=self.base / "build", freshenv=False,
                            parallel=self.parallel, setup=lambda app: keeps_digests(app, kept))
        clean_src = self.base / f"clean{self.builds}"
        self.builds += 1
        shutil.copytree(self.src, clean_src)
        clean = build(clean_src, "html", builddir=self.base / f"cleanbuild{self.builds}",
                      parallel=1)
        for text in (incremental.warnings, clean.warnings):
            assert "Traceback" not in text and "Exception" not in text, text
        got, want = self.snapshot(incremental), self.snapshot(clean)
        try:
            assert len(want["export"]["quotes"]) == sum(
                isinstance(i, S.Quote) for d in self.docs.values() for i in d.items)
            for part in ("export", "open data", "index", "roles", "labels"):
                assert got[part] == want[part], (part, S.to_json(got[part]),
                                                 S.to_json(want[part]))
            assert kept == [True], "the digests kept differ from all computed again"
        except AssertionError:
            STATS["failed"] += 1
            raise
        shutil.rmtree(clean_src)
        shutil.rmtree(self.base / f"cleanbuild{self.builds}")

    def teardown(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    # -- steps ---------------------------------------------------------------------

    @initialize(data=st.data())
    def start(self, data: st.DataObject) -> None:
        self.sources = [
            S.SourceRef("dg", "デジタル・ガバメント推進方針", "推進方針", None, "2017-05-30",
                        "https://example.org/dg.pdf", ()),
            S.SourceRef("it", "世界最先端IT国家創造宣言", None, None, None, None, ()),
        ]
        for name in CONTENT_NAMES[:self.initial_docs]:
            self.docs[name] = S.Doc(name, data.draw(st.sampled_from(["rst", "md"])),
                                    self.new_items(data))
        self.check()

    def content(self, data: st.DataObject) -> S.Doc:
        return self.docs[data.draw(st.sampled_from(sorted(self.docs)))]

    def quote_of(self, data: st.DataObject) -> S.Quote | None:
        places = [(n, i) for n, d in sorted(self.docs.items())
                  for i, it in enumerate(d.items) if isinstance(it, S.Quote)]
        if not places:
            return None
        name, i = data.draw(st.sampled_from(places))
        item = self.docs[name].items[i]
        assert isinstance(item, S.Quote)
        return item

    @rule(data=st.data())
    def add_document(self, data: st.DataObject) -> None:
        free = [n for n in CONTENT_NAMES if n not in self.docs]
        if free:
            name = data.draw(st.sampled_from(free))
            self.docs[name] = S.Doc(name, data.draw(st.sampled_from(["rst", "md"])),
                                    self.new_items(data))
        self.check()

    @precondition(lambda self: len(self.docs) > self.min_content_docs)
    @rule(data=st.data())
    def delete_document(self, data: st.DataObject) -> None:
        del self.docs[self.content(data).name]
        self.check()

    @rule(data=st.data())
    def rename_document(self, data: st.DataObject) -> None:
        doc = self.content(data)
        free = [n for n in CONTENT_NAMES if n not in self.docs]
        if free:
            new = data.draw(st.sampled_from(free))
            del self.docs[doc.name]
            self.docs[new] = S.Doc(new, doc.fmt, doc.items)
        self.check()

    @rule(data=st.data())
    def edit_quote_text(self, data: st.DataObject) -> None:
        quote = self.quote_of(data)
        if quote is not None:
            quote.body = self.body()
        self.check()

    @rule(data=st.data())
    def edit_note_text(self, data: st.DataObject) -> None:
        notes = [it for d in self.docs.values() for it in d.items if isinstance(it, S.Note)]
        if notes:
            data.draw(st.sampled_from(notes)).body = self.body()
        self.check()

    @rule(data=st.data())
    def touch_document(self, data: st.DataObject) -> None:
        """Re-read one document that holds the same records."""
        self.touched = self.content(data).filename
        self.check()

    @rule(data=st.data())
    def add_note(self, data: st.DataObject) -> None:
        doc = self.content(data)
        doc.items.insert(data.draw(st.integers(0, len(doc.items))), self.new_note(data))
        self.check()

    @rule(data=st.data())
    def move_quote(self, data: st.DataObject) -> None:
        src = self.content(data)
        dest = self.content(data)
        quotes = [i for i, it in enumerate(src.items) if isinstance(it, S.Quote)]
        if quotes:
            item = src.items.pop(data.draw(st.sampled_from(quotes)))
            dest.items.insert(data.draw(st.integers(0, len(dest.items))), item)
        self.check()

    @rule(data=st.data(), policy=st.sampled_from(POLICIES))
    def change_policy(self, data: st.DataObject, policy: str | None) -> None:
        quote = self.quote_of(data)
        if quote is not None:
            quote.policy = policy
        self.check()

    @rule(data=st.data(), source=st.sampled_from(SOURCES))
    def change_quote_source(self, data: st.DataObject, source: str | None) -> None:
        quote = self.quote_of(data)
        if quote is not None:
            quote.source = source
        self.check()

    @rule(data=st.data(), name=st.sampled_from(NAMES))
    def change_quote_name(self, data: st.DataObject, name: str | None) -> None:
        quote = self.quote_of(data)
        if quote is not None:
            quote.name = name
        self.check()

    @rule(which=st.integers(0, 1), new_id=st.sampled_from(["dg", "it", "dg-2017", "cloud"]),
          short=st.sampled_from([None, "推進方針", "方針文書"]))
    def change_source(self, which: int, new_id: str, short: str | None) -> None:
        self.sources[which].id = new_id
        self.sources[which].short = short
        self.check()

    @rule(data=st.data())
    def change_on(self, data: st.DataObject) -> None:
        notes = [it for d in self.docs.values() for it in d.items if isinstance(it, S.Note)]
        if notes:
            note = data.draw(st.sampled_from(notes))
            note.on = data.draw(st.one_of(st.none(), st.lists(
                st.sampled_from([*GIVEN_NAMES, "missing"]), min_size=1, max_size=3).map(tuple)))
        self.check()

    @rule()
    def nothing(self) -> None:
        self.check()


def keeps_digests(app: SphinxTestApp, kept: list[bool]) -> None:
    """At the end of the build: are the page digests kept (reused, or computed
    for the documents a change affects) those of every page computed again?"""

    def check(app: SphinxTestApp, exception: BaseException | None) -> None:
        domain = cast("PolicyNotesDomain", app.env.get_domain("policynotes"))
        kept.append(domain.data["world"] == domain.doc_digests())

    app.connect("build-finished", check)


class IncrementalMachine(ProjectMachine):
    parallel = 1
    min_content_docs = 1
    initial_docs = 3


class ParallelMachine(ProjectMachine):
    """``-j 2`` incremental builds; every second step re-reads every document, so
    that Sphinx reads in parallel (it does above 5 documents) and merges the
    domain data of its workers."""

    parallel = 2
    min_content_docs = 8
    initial_docs = 9

    def __init__(self) -> None:
        super().__init__()
        self.merged: list[str] = []
        merged = self.merged
        original = PolicyNotesDomain.merge_domaindata
        self._original = original

        # With the method's own parameter names (``self`` is the domain here),
        # so that it can stand for the method.
        def spy(self: PolicyNotesDomain, docnames: Iterable[str],
                otherdata: dict[str, Any]) -> None:
            docnames = list(docnames)
            merged.extend(docnames)
            original(self, docnames, otherdata)

        PolicyNotesDomain.merge_domaindata = spy  # type: ignore[method-assign]

    def teardown(self) -> None:
        PolicyNotesDomain.merge_domaindata = self._original  # type: ignore[method-assign]
        super().teardown()

    def sync(self) -> None:
        super().sync()
        self.touch_everything_now = self.builds % 2 == 1
        if self.touch_everything_now:
            self.touch_all()

    def check(self) -> None:
        self.merged.clear()
        super().check()
        if self.touch_everything_now:
            # The rebuild really read in parallel: workers' records were merged.
            assert len(self.merged) >= 6, self.merged

    @rule()
    def touch_everything(self) -> None:
        """Every document re-read."""
        self.touch_all()
        self.check()


IncrementalMachine.TestCase.settings = settings(
    max_examples=S.examples(2, 60), stateful_step_count=S.examples(8, 25))
ParallelMachine.TestCase.settings = settings(
    max_examples=S.examples(2, 30), stateful_step_count=S.examples(4, 20))

TestIncrementalEdits = IncrementalMachine.TestCase
TestParallelEdits = ParallelMachine.TestCase


# -- cases the machines found, checked on every run ---------------------------------------


def test_found_case_myst_link_to_a_renamed_documents_quote(tmp_path: Path) -> None:
    """A MyST ``[text](#name)`` link in a page nobody edits follows its quote when the
    document holding the quote is renamed (found by IncrementalMachine)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(S.Project(docs=[]).conf_py(), encoding="utf-8")
    (src / "index.rst").write_text("I\n=\n\n.. toctree::\n\n   roles_md\n   other\n   ch3\n",
                                   encoding="utf-8")
    (src / "other.rst").write_text("O\n=\n\ntext\n", encoding="utf-8")
    (src / "ch3.rst").write_text(".. source-ref:: dg\n   :title: T\n\nC\n=\n\n"
                                 ".. policy-quote::\n   :name: cloud\n\n   Q\n", encoding="utf-8")
    (src / "roles_md.md").write_text("# R\n\n[link](#cloud) and [source](#dg)\n",
                                     encoding="utf-8")
    build(src, "html", builddir=tmp_path / "build", freshenv=False)
    (src / "part").mkdir()
    (src / "ch3.rst").rename(src / "part" / "ch4.rst")
    (src / "index.rst").write_text(
        "I\n=\n\n.. toctree::\n\n   roles_md\n   other\n   part/ch4\n", encoding="utf-8")
    now = time.time_ns()
    for path in (src / "part" / "ch4.rst", src / "index.rst"):
        os.utime(path, ns=(now, now))
    incremental = build(src, "html", builddir=tmp_path / "build", freshenv=False)
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src)
    clean = build(clean_src, "html", builddir=tmp_path / "cleanbuild")

    def roles(b: Build) -> list[tuple[str, str, str]]:
        return [link for link in links(main_body(parse_html(b.outdir / "roles_md.html")))
                if link[0] != "¶"]

    assert any(text == "link" and href.startswith("part/ch4.html#")
               for text, href, _title in roles(clean))
    assert roles(incremental) == roles(clean)


def test_found_case_text_edit_of_a_quote_whose_name_is_used_twice(tmp_path: Path) -> None:
    """The page of a duplicate quote name shows where the first is, not its
    text: a new text of the first leaves that page's digest alone, and the
    digests kept equal all computed again (found by IncrementalMachine)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(S.Project(docs=[]).conf_py(), encoding="utf-8")
    (src / "index.rst").write_text("I\n=\n\n.. toctree::\n\n   ch1\n   ch3\n", encoding="utf-8")
    quote = "C\n=\n\n.. policy-quote::\n   :policy: 1-1\n   :name: bpr\n\n   {}\n"
    (src / "ch1.rst").write_text(quote.format("M1 業務改革を実施する"), encoding="utf-8")
    (src / "ch3.rst").write_text(quote.format("M3 業務改革を実施する"), encoding="utf-8")
    build(src, "html", builddir=tmp_path / "build", freshenv=False)
    (src / "ch1.rst").write_text(quote.format("M4 クラウドを活用する"), encoding="utf-8")
    now = time.time_ns()
    os.utime(src / "ch1.rst", ns=(now, now))
    kept: list[bool] = []
    again = build(src, "html", builddir=tmp_path / "build", freshenv=False,
                  setup=lambda app: keeps_digests(app, kept))
    assert "ch3" not in again.pages  # it shows nothing that changed
    assert kept == [True]
    assert "M4 クラウドを活用する" in [q["text"] for q in again.export()["quotes"]]


def test_found_case_myst_link_to_a_source_id_that_goes_away(tmp_path: Path) -> None:
    """A MyST ``[text](#id)`` link to a source follows the source's id: when the
    source takes another id, the page nobody edits is rewritten and its link
    no longer points at the card (found by IncrementalMachine)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(S.Project(docs=[]).conf_py(), encoding="utf-8")
    (src / "index.rst").write_text("I\n=\n\n.. toctree::\n\n   sources\n   roles_md\n",
                                   encoding="utf-8")
    card = ".. source-ref:: {}\n   :title: 世界最先端IT国家創造宣言\n\nS\n=\n\ntext\n"
    (src / "sources.rst").write_text(card.format("cloud"), encoding="utf-8")
    (src / "roles_md.md").write_text("# R\n\n[link](#cloud)\n", encoding="utf-8")
    build(src, "html", builddir=tmp_path / "build", freshenv=False)
    (src / "sources.rst").write_text(card.format("dg-2017"), encoding="utf-8")
    now = time.time_ns()
    os.utime(src / "sources.rst", ns=(now, now))
    incremental = build(src, "html", builddir=tmp_path / "build", freshenv=False)
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, "html", builddir=tmp_path / "cleanbuild")

    def roles(b: Build) -> list[tuple[str, str, str]]:
        return [link for link in links(main_body(parse_html(b.outdir / "roles_md.html")))
                if link[0] != "¶"]

    assert not any(href.startswith("sources.html") for _text, href, _title in roles(clean))
    assert roles(incremental) == roles(clean)
