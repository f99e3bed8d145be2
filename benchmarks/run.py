"""Benchmark sphinx-policynotes against plain Sphinx and its nearest peers.

Writes the corpus of ``corpus.py`` in five flavours (bare, plain, ours, todo,
needs), builds each as a whole ``python -m sphinx`` process, alternating the
flavours run by run, and prints one report: full builds, incremental builds,
``-j 2``, LaTeX, PDF, the scaling series and the targets of issue 5 with
met / not met.  Ratios are medians of per-run ratios, so a machine shared with
other work disturbs them less than it disturbs absolute times.

    python benchmarks/run.py            # the full comparison (long: see README)
    python benchmarks/run.py --quick    # 30x20, one run, small scaling series

No assertions: it reports, it does not fail on a missed target (exit status 1
only when a build itself fails).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as corpus_mod

FLAVOURS = corpus_mod.FLAVOURS
SOURCE_PAGES_EXCLUDED = ("genindex", "search", "py-modindex")
MiB = 1024 * 1024
EDIT_MARK = "編集確認"
STARTUP = "start-up"  # the scaling series' one-quote project


# -- one build, measured as a whole process ---------------------------------------

@dataclass
class Build:
    wall: float                  # seconds, time.perf_counter around the process
    peak_kib: int                # ru_maxrss of the process (and its reaped children)
    rc: int
    warnings: int
    stderr_tail: str = ""
    gc: float | None = None      # seconds in the cycle collector (`sphinx(gc_file=...)`)


def run_process(cmd: list[str], log: Path, cwd: Path | None = None,
                env: dict[str, str] | None = None, timeout: float = 7200) -> Build:
    """Run `cmd`, return its wall time and peak memory (getrusage of that child)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, cwd=cwd, env=env)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    warnings = sum(1 for line in text.splitlines() if "WARNING" in line or "ERROR" in line)
    tail = "\n".join(text.splitlines()[-15:]) if proc.returncode or warnings else ""
    return Build(wall, usage.ru_maxrss, proc.returncode, warnings, tail)


def sphinx(src: Path, out: Path, doctrees: Path, log: Path, builder: str = "html",
           jobs: int = 1, clean: bool = False, profile: Path | None = None,
           gc_file: Path | None = None) -> Build:
    """One ``sphinx-build`` process; with `gc_file`, run through ``gcstat.py``
    and give the cycle collector's seconds in ``Build.gc``."""
    if clean:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    if gc_file is not None:
        gc_file.unlink(missing_ok=True)
        cmd += [str(Path(__file__).resolve().parent / "gcstat.py"), str(gc_file)]
    else:
        cmd += ["-m", "sphinx"]
    cmd += ["-b", builder, "-q", "-d", str(doctrees)]
    if jobs != 1:
        cmd += ["-j", str(jobs)]
    cmd += [str(src), str(out)]
    build = run_process(cmd, log)
    if gc_file is not None and gc_file.exists():
        build.gc = json.loads(gc_file.read_text(encoding="utf-8"))["seconds"]
    return build


def file_size(path: Path) -> int | None:
    return path.stat().st_size if path.exists() else None


def page_mtimes(src: Path, out: Path) -> dict[str, int]:
    """mtime of the HTML page of every source document."""
    found = {}
    for rst in src.rglob("*.rst"):
        doc = rst.relative_to(src).with_suffix("").as_posix()
        if doc.startswith("_") or doc in SOURCE_PAGES_EXCLUDED:
            continue
        page = out / f"{doc}.html"
        found[doc] = page.stat().st_mtime_ns if page.exists() else -1
    return found


def pages_written(before: dict[str, int], after: dict[str, int]) -> int:
    return sum(1 for doc, mtime in after.items() if before.get(doc) != mtime)


# -- a size's projects -------------------------------------------------------------

@dataclass
class Size:
    docs: int
    per_doc: int

    @classmethod
    def parse(cls, text: str) -> Size:
        docs, per_doc = text.lower().split("x")
        return cls(int(docs), int(per_doc))

    @property
    def label(self) -> str:
        return f"{self.docs}x{self.per_doc}"

    @property
    def quotes(self) -> int:
        return self.docs * self.per_doc


class Project:
    """One flavour of one size on disk: its source and its build folders."""

    def __init__(self, root: Path, size: Size, flavour: str, corpus: corpus_mod.Corpus,
                 toc: str = "nested") -> None:
        self.size, self.flavour, self.corpus = size, flavour, corpus
        self.dir = root / size.label / flavour
        self.src = self.dir / "src"
        corpus_mod.write(corpus, flavour, self.src, toc)

    def path(self, name: str) -> Path:
        return self.dir / name

    def edit_target(self) -> tuple[Path, str, str, corpus_mod.Quote]:
        """The document and the line changed by the edit test."""
        doc = self.corpus.docs[len(self.corpus.docs) // 2]
        quote = next(i for i in doc.items if isinstance(i, corpus_mod.Quote))
        return self.src / f"{doc.name}.rst", quote.lines[0], doc.name, quote

    def index_pages(self, quote: corpus_mod.Quote) -> list[Path]:
        """The index pages that should show `quote` (none for bare)."""
        out = self.path("html")
        if self.flavour == "bare":
            return []
        everything = out / "indexes" / "all.html"
        pages = [everything]
        if self.flavour in ("plain", "ours", "needs"):
            pages.append(out / "indexes" / f"{quote.source.id}.html")
        if (self.flavour == "ours" and everything.exists()
                and "policynotes-index-handed" in everything.read_text(encoding="utf-8")):
            # Above policynotes_index_page_quotes the all-sources page links to
            # each source's own index instead of repeating its rows.
            pages.remove(everything)
        return pages


# -- measurements ----------------------------------------------------------------------

@dataclass
class Results:
    meta: dict[str, Any] = field(default_factory=dict)
    # size -> flavour -> metric -> [value per run]
    main: dict[str, Any] = field(default_factory=dict)
    # quotes -> flavour -> [seconds per run]
    scaling: dict[str, Any] = field(default_factory=dict)
    # flavour -> [seconds per run] of a clean build of one document of one quote
    startup: dict[str, Any] = field(default_factory=dict)
    # the same two, seconds in the cycle collector
    scaling_gc: dict[str, Any] = field(default_factory=dict)
    startup_gc: dict[str, Any] = field(default_factory=dict)
    pdf: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, size: str, flavour: str, metric: str, value: object) -> None:
        self.main.setdefault(size, {}).setdefault(flavour, {}).setdefault(metric, []).append(value)


def progress(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def check(res: Results, what: str, build: Build) -> Build:
    if build.rc:
        res.failures.append(f"{what}: exit {build.rc}\n{build.stderr_tail}")
        progress(f"FAILED {what} (exit {build.rc})\n{build.stderr_tail}")
    elif build.warnings:
        progress(f"{what}: {build.warnings} warnings\n{build.stderr_tail}")
    return build


def measure_html(res: Results, p: Project, run: int, incremental: bool) -> None:
    size, f = p.size.label, p.flavour
    html, dt = p.path("html"), p.path("doctrees")
    b = check(res, f"{size} {f} html", sphinx(p.src, html, dt, p.path("log/html.txt"), clean=True))
    progress(f"{size} run {run + 1} {f}: html {b.wall:.1f} s, {b.peak_kib / 1024:.0f} MiB")
    res.add(size, f, "wall", b.wall)
    res.add(size, f, "peak_mib", b.peak_kib / 1024)
    res.add(size, f, "warnings", b.warnings)
    res.add(size, f, "pickle", file_size(dt / "environment.pickle"))
    res.add(size, f, "searchindex", file_size(html / "searchindex.js"))
    res.add(size, f, "index_page", file_size(html / "indexes" / "all.html"))
    pages = [x for x in html.rglob("*.html") if "_static" not in x.parts]
    res.add(size, f, "largest_page", max((x.stat().st_size for x in pages), default=0))
    index_pages = list((html / "indexes").glob("*.html"))
    res.add(size, f, "largest_index_page",
            max((x.stat().st_size for x in index_pages), default=None))
    if not incremental or b.rc:
        return

    # no-op: nothing changed since the full build
    before = page_mtimes(p.src, html)
    b = check(res, f"{size} {f} no-op", sphinx(p.src, html, dt, p.path("log/noop.txt")))
    res.add(size, f, "noop", b.wall)
    res.add(size, f, "noop_pages", pages_written(before, page_mtimes(p.src, html)))

    # touch one document
    path, first_line, _docname, quote = p.edit_target()
    time.sleep(0.05)
    os.utime(path, None)
    before = page_mtimes(p.src, html)
    b = check(res, f"{size} {f} touch", sphinx(p.src, html, dt, p.path("log/touch.txt")))
    res.add(size, f, "touch", b.wall)
    res.add(size, f, "touch_pages", pages_written(before, page_mtimes(p.src, html)))

    # edit one quote: does the index page show the new text?
    original = path.read_text(encoding="utf-8")
    mark = f"{EDIT_MARK}{run:02d}{f}"
    assert first_line in original
    path.write_text(original.replace(first_line, mark + first_line, 1), encoding="utf-8")
    before = page_mtimes(p.src, html)
    try:
        b = check(res, f"{size} {f} edit", sphinx(p.src, html, dt, p.path("log/edit.txt")))
    finally:
        path.write_text(original, encoding="utf-8")
    res.add(size, f, "edit", b.wall)
    res.add(size, f, "edit_pages", pages_written(before, page_mtimes(p.src, html)))
    targets = p.index_pages(quote)
    shows = (all(t.exists() and mark in t.read_text(encoding="utf-8") for t in targets)
             if targets else None)
    res.add(size, f, "edit_shows", shows)


def measure_j2(res: Results, p: Project, run: int, pairs: int = 1) -> None:
    """``pairs`` clean ``-j 1`` and ``-j 2`` builds, each pair back to back.

    The ratio is taken within a pair: the main ``-j 1`` build of the run is
    minutes away (the other flavours are built in between), and the
    machine's speed drifts in minutes. The order within a pair alternates
    (``-j 1`` first in even pairs), so neither always runs on a warmer page
    cache.
    """
    size, f = p.size.label, p.flavour
    for pair in range(pairs):
        times = {}
        order = (1, 2) if (run * pairs + pair) % 2 == 0 else (2, 1)
        for jobs in order:
            b = check(res, f"{size} {f} html -j {jobs}",
                      sphinx(p.src, p.path(f"html-j{jobs}"), p.path(f"doctrees-j{jobs}"),
                             p.path(f"log/j{jobs}.txt"), jobs=jobs, clean=True))
            times[jobs] = b.wall
            shutil.rmtree(p.path(f"html-j{jobs}"), ignore_errors=True)
        progress(f"{size} run {run + 1} {f}: pair {pair + 1}: html -j 1 {times[1]:.1f} s, "
                 f"-j 2 {times[2]:.1f} s ({times[2] / times[1]:.2f})")
        res.add(size, f, "j1_pair", times[1])
        res.add(size, f, "j2", times[2])


def measure_latex(res: Results, p: Project, run: int) -> None:
    size, f = p.size.label, p.flavour
    b = check(res, f"{size} {f} latex",
              sphinx(p.src, p.path("latex"), p.path("doctrees-latex"), p.path("log/latex.txt"),
                     builder="latex", clean=True))
    progress(f"{size} run {run + 1} {f}: latex {b.wall:.1f} s")
    res.add(size, f, "latex", b.wall)
    res.add(size, f, "latex_peak_mib", b.peak_kib / 1024)
    tex = list(p.path("latex").glob("*.tex"))
    res.add(size, f, "tex_size", sum(t.stat().st_size for t in tex))


def measure_pdf(res: Results, p: Project, engine: str) -> None:
    """`sphinx -M latexpdf`: the .tex build and latexmk, timed together."""
    size, f = p.size.label, p.flavour
    out = p.path("pdf")
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ)
    if engine == "lualatex":
        env["BENCH_LATEX_ENGINE"] = "lualatex"
    cmd = [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(p.src), str(out), "-q"]
    b = run_process(cmd, p.path("log/pdf.txt"), env=env)
    pdfs = list((out / "latex").glob("*.pdf"))
    ok = b.rc == 0 and bool(pdfs)
    if not ok:
        res.failures.append(f"{size} {f} pdf ({engine}): exit {b.rc}\n{b.stderr_tail}")
    progress(f"{size} {f}: pdf ({engine}) {b.wall:.1f} s, {'ok' if ok else 'FAILED'}")
    res.pdf[f] = {"size": size, "engine": engine, "wall": b.wall, "ok": ok,
                  "pdf_bytes": pdfs[0].stat().st_size if pdfs else None,
                  "peak_mib": b.peak_kib / 1024}


def measure_scaling(res: Results, quotes: list[int], flavours: list[str], runs: int,
                    project: Callable[[Size, str], Project], save: Callable[[], None]) -> None:
    """Clean HTML builds of every size of the series and of one quote (the start-up).

    The sizes are interleaved, not measured one after the other: after one
    uncounted warm-up build per flavour (page cache, byte code), each run goes
    through every size and the start-up, in an order rotated run by run, the
    flavours rotated too. A drift of the machine's speed during the series
    then falls on all sizes alike instead of on the ones measured last, and
    the start-up that is subtracted is measured among them.
    """
    sizes = {str(q): Size(max(1, q // 50), 50) for q in quotes}
    sizes[STARTUP] = Size(1, 1)
    projects = {(q, f): project(size, f) for q, size in sizes.items() for f in flavours}
    for count in quotes:
        res.scaling[str(count)] = {}

    def build(q: str, f: str, what: str) -> Build:
        p = projects[q, f]
        b = check(res, what, sphinx(p.src, p.path("html"), p.path("doctrees"),
                                    p.path("log/html.txt"), clean=True,
                                    gc_file=p.path("log/gc.json")))
        for name in ("html", "doctrees"):  # the 20,000-quote output is large
            shutil.rmtree(p.path(name), ignore_errors=True)
        return b

    smallest = str(min(quotes))
    for f in flavours:
        build(smallest, f, f"scaling warm-up {f}")
    order = list(sizes)
    for run in range(max(1, runs)):
        for q in rotate(order, run):
            for f in rotate(flavours, run):
                if q == STARTUP:
                    b = build(q, f, f"start-up {f}")
                    res.startup.setdefault(f, []).append(b.wall)
                    res.startup_gc.setdefault(f, []).append(b.gc)
                    progress(f"scaling run {run + 1}: start-up {f}: {b.wall:.2f} s")
                else:
                    b = build(q, f, f"scaling {q} {f}")
                    res.scaling[q].setdefault(f, []).append(b.wall)
                    res.scaling_gc.setdefault(q, {}).setdefault(f, []).append(b.gc)
                    progress(f"scaling run {run + 1}: {q} quotes {f}: {b.wall:.1f} s")
            save()


def rotate(items: list[str], n: int) -> list[str]:
    n %= len(items) or 1
    return items[n:] + items[:n]


# -- statistics and the report ------------------------------------------------------

def med(values: list[Any] | None) -> float | None:
    vals = [v for v in values or [] if v is not None]
    return statistics.median(vals) if vals else None


def med_ratio(a: list[Any] | None, b: list[Any] | None) -> float | None:
    """Median of per-run ratios a[i] / b[i]."""
    pairs = [(x, y) for x, y in zip(a or [], b or [], strict=False)
             if x is not None and y not in (None, 0)]
    return statistics.median(x / y for x, y in pairs) if pairs else None


def j1_reference(metrics: dict[str, Any]) -> list[Any] | None:
    """The ``-j 1`` times the ``-j 2`` times are compared with: those of their
    pairs; results saved before pairs were measured (``--report``) have only
    the run's main build."""
    return metrics.get("j1_pair") or metrics.get("wall")


def fmt(value: object, spec: str = ".2f", suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:{spec}}{suffix}"


def mb(value: float | None) -> str:
    return fmt(None if value is None else value / MiB, ".2f")


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True)))

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def report(res: Results, args: argparse.Namespace) -> str:
    out: list[str] = []
    m = res.meta
    out.append(f"sphinx-policynotes benchmark, {m['date']}")
    out.append(f"machine: {m['cpus']} cores, {m['platform']}; Python {m['python']}, "
               f"Sphinx {m['sphinx']}, docutils {m['docutils']}, sphinx-needs {m['sphinx_needs']}, "
               f"sphinx-policynotes {m['policynotes']}")
    out.append(f"runs: {m['runs']} (flavours alternated run by run); ratios are medians of "
               "per-run ratios; sizes in MiB")
    out.append(f"table of contents: {m.get('toc', 'flat')} (corpus.py --toc)")

    for size, data in res.main.items():
        n_quotes = Size.parse(size).quotes
        n_notes = m["notes"].get(size)
        out.append("")
        out.append(f"== {size}: {Size.parse(size).docs} documents x {Size.parse(size).per_doc} "
                   f"quotes = {n_quotes} quotes, {n_notes} commentaries ==")
        plain, bare = data.get("plain", {}), data.get("bare", {})
        rows = []
        for f in FLAVOURS:
            d = data.get(f)
            if not d:
                continue
            rows.append([
                f, fmt(med(d["wall"]), ".1f"), fmt(med_ratio(d["wall"], plain.get("wall"))),
                fmt(med_ratio(d["wall"], bare.get("wall"))),
                fmt(med(d["peak_mib"]), ".0f"),
                fmt(med_ratio(d["peak_mib"], plain.get("peak_mib"))),
                mb(med(d["pickle"])), fmt(med_ratio(d["pickle"], plain.get("pickle")), ".1f"),
                mb(med(d["searchindex"])),
                fmt(med_ratio(d["searchindex"], bare.get("searchindex"))),
                mb(med(d["index_page"])), mb(med(d["largest_index_page"])),
                mb(med(d["largest_page"])), fmt(med(d["warnings"]), ".0f"),
            ])
        out.append(table(["flavour", "build s", "x plain", "x bare", "peak MiB", "x plain",
                          "env.pickle", "x plain", "searchindex", "x bare", "index page",
                          "largest idx", "largest page", "warnings"], rows))

        inc = [f for f in FLAVOURS if data.get(f, {}).get("touch")]
        if inc:
            out.append("")
            out.append("incremental (after the full build; 'pages' = pages of source documents "
                       "written):")
            rows = []
            for f in inc:
                d = data[f]
                shows = d.get("edit_shows", [])
                shows_s = "–" if not shows or shows[0] is None else (
                    "yes" if all(shows) else "no" if not any(shows) else "sometimes")
                rows.append([
                    f, fmt(med(d["touch"])), fmt(med_ratio(d["touch"], plain.get("touch"))),
                    fmt(med(d["touch_pages"]), ".0f"),
                    fmt(med(d["edit"])), fmt(med_ratio(d["edit"], plain.get("touch"))),
                    fmt(med(d["edit_pages"]), ".0f"), shows_s,
                    fmt(med(d["noop"])), fmt(med(d["noop_pages"]), ".0f"),
                ])
            out.append(table(["flavour", "touch s", "x plain", "pages", "edit s",
                              "x plain touch", "pages", "index shows edit", "no-op s",
                              "no-op pages"], rows))

        j2 = [f for f in FLAVOURS if data.get(f, {}).get("j2")]
        if j2:
            out.append("")
            out.append("parallel (-j 2 against -j 1, clean HTML builds; ratio: median over "
                       "pairs built back to back):")
            rows = [[f, fmt(med(j1_reference(data[f])), ".1f"), fmt(med(data[f]["j2"]), ".1f"),
                     fmt(med_ratio(data[f]["j2"], j1_reference(data[f]))),
                     str(len(data[f]["j2"]))] for f in j2]
            out.append(table(["flavour", "-j 1 s", "-j 2 s", "ratio", "pairs"], rows))

        lx = [f for f in FLAVOURS if data.get(f, {}).get("latex")]
        if lx:
            out.append("")
            out.append("LaTeX (.tex only, clean builds):")
            rows = [[f, fmt(med(data[f]["latex"]), ".1f"),
                     fmt(med_ratio(data[f]["latex"], plain.get("latex"))),
                     fmt(med_ratio(data[f]["latex"], bare.get("latex"))),
                     fmt(med(data[f]["latex_peak_mib"]), ".0f"), mb(med(data[f]["tex_size"]))]
                    for f in lx]
            out.append(table(["flavour", "latex s", "x plain", "x bare", "peak MiB", ".tex MiB"],
                             rows))

    if res.pdf:
        out.append("")
        out.append("PDF (sphinx -M latexpdf: .tex build plus latexmk):")
        rows = [[f, v["size"], v["engine"], fmt(v["wall"], ".1f"), "yes" if v["ok"] else "NO",
                 mb(v["pdf_bytes"])] for f, v in res.pdf.items()]
        out.append(table(["flavour", "size", "engine", "time s", "compiled", "PDF MiB"], rows))

    if res.scaling:
        out.append("")
        out.append("scaling (documents of 50 quotes; clean HTML builds; ms per quote, "
                   "and net of the start-up, a clean build of one quote):")
        flavours = [f for f in FLAVOURS if any(f in v for v in res.scaling.values())]
        rows = []
        for q in sorted(res.scaling, key=int):
            row = [str(q)]
            for f in flavours:
                t, raw, net = (med(res.scaling[q].get(f)), per_quote(res, q, f),
                               per_quote(res, q, f, net=True))
                row += [fmt(t, ".1f"), fmt(None if raw is None else 1000 * raw, ".2f"),
                        fmt(None if net is None else 1000 * net, ".2f")]
            rows.append(row)
        spread = ["max/min"]
        for f in flavours:
            spread += ["", fmt(scaling_spread(res, f)), fmt(scaling_spread(res, f, net=True))]
        rows.append(spread)
        rows.append(["start-up s", *[x for f in flavours
                                     for x in (fmt(med(res.startup.get(f)), ".2f"), "", "")]])
        out.append(table(["quotes", *[h for f in flavours
                                      for h in (f"{f} s", f"{f} ms/q", f"{f} net")]], rows))
        own = extension_per_quote(res)
        if own:
            own_spread = (f"; max/min {max(own.values()) / min(own.values()):.2f}"
                          if min(own.values()) > 0
                          else "; max/min – (a size within noise of bare)")
            out.append("the extension's own time (ours - bare) per quote, ms: "
                       + ", ".join(f"{q}: {1000 * t:.2f}" for q, t in own.items())
                       + own_spread)
        if res.scaling_gc:
            out.append("")
            out.append(gc_report(res, flavours))

    out.append("")
    out.append(targets_report(res))
    if res.failures:
        out.append("")
        out.append("FAILED BUILDS:")
        out.extend(res.failures)
    return "\n".join(out)


def extension_per_quote(res: Results) -> dict[str, float]:
    """Per size of the scaling series: (ours - bare) seconds per quote."""
    out = {}
    for q, v in sorted(res.scaling.items(), key=lambda kv: int(kv[0])):
        ours, bare = med(v.get("ours")), med(v.get("bare"))
        if ours is not None and bare is not None:
            out[q] = (ours - bare) / int(q)
    return out


def per_quote(res: Results, quotes: str, flavour: str, net: bool = False) -> float | None:
    """Seconds per quote of one size of the scaling series; `net`: less the start-up."""
    t = med(res.scaling[quotes].get(flavour))
    start = med(res.startup.get(flavour)) if net else 0.0
    return None if t is None or start is None else (t - start) / int(quotes)


def gc_per_quote(res: Results, quotes: str, flavour: str) -> tuple[float, float] | None:
    """Seconds per quote of one size: the cycle collector's, and the rest net
    of the start-up (and of the start-up's own collector time)."""
    runs = list(zip(res.scaling[quotes].get(flavour) or [],
                    res.scaling_gc.get(quotes, {}).get(flavour) or [], strict=False))
    start = list(zip(res.startup.get(flavour) or [], res.startup_gc.get(flavour) or [],
                     strict=False))
    if not runs or not start or any(g is None for _, g in runs + start):
        return None
    start_rest = statistics.median(t - g for t, g in start)
    gc_time = statistics.median(g for _, g in runs)
    rest = statistics.median(t - g for t, g in runs)
    return gc_time / int(quotes), (rest - start_rest) / int(quotes)


def gc_report(res: Results, flavours: list[str]) -> str:
    """The scaling series split into the cycle collector's time and the rest."""
    rows, split_up = [], {f: {q: gc_per_quote(res, q, f) for q in res.scaling} for f in flavours}
    for q in sorted(res.scaling, key=int):
        row = [q]
        for f in flavours:
            v = split_up[f][q]
            row += ["–", "–"] if v is None else [f"{1000 * v[0]:.2f}", f"{1000 * v[1]:.2f}"]
        rows.append(row)
    spread = ["max/min"]
    for f in flavours:
        vals = [v for v in split_up[f].values() if v is not None]
        for i in (0, 1):
            xs = [v[i] for v in vals]
            spread.append(fmt(max(xs) / min(xs)) if len(xs) > 1 and min(xs) > 0 else "–")
    rows.append(spread)
    head = ("the same series split (ms per quote): time in Python's cycle collector "
            "(gc.callbacks), and the rest net of the start-up:")
    return head + "\n" + table(["quotes", *[h for f in flavours
                                            for h in (f"{f} gc", f"{f} rest")]], rows)


def scaling_spread(res: Results, flavour: str, net: bool = False) -> float | None:
    """max/min of the time per quote over the scaling series; `net`: less the start-up."""
    values = [v for q in res.scaling if (v := per_quote(res, q, flavour, net)) is not None]
    return max(values) / min(values) if len(values) > 1 else None


PAGE_LIMIT = 3 * MiB  # "a few MB": above this one page must be split or paginated


def targets_report(res: Results) -> str:
    if not res.main:
        return "targets: no main size measured"
    size = "200x50" if "200x50" in res.main else max(res.main, key=lambda s: Size.parse(s).quotes)
    data = res.main[size]
    ours, plain, bare = data.get("ours", {}), data.get("plain", {}), data.get("bare", {})
    rows = []

    def add(name: str, figure: float | bool | None, target: str, ok: bool | None,
            spec: str = ".2f") -> None:
        rows.append([name, fmt(figure, spec), target,
                     "–" if ok is None else ("met" if ok else "NOT MET")])

    def le(value: float | None, limit: float) -> bool | None:
        return None if value is None else value <= limit

    r = med_ratio(ours.get("wall"), plain.get("wall"))
    add("full build / plain", r, "<= 0.90", le(r, 0.90))
    r = med_ratio(ours.get("wall"), bare.get("wall"))
    add("full build / bare", r, "<= 1.15", le(r, 1.15))
    r = med_ratio(ours.get("peak_mib"), plain.get("peak_mib"))
    add("peak memory / plain", r, "<= 1.0", le(r, 1.0))
    r = med_ratio(ours.get("pickle"), plain.get("pickle"))
    add("env.pickle / plain", r, "<= 3", le(r, 3.0), ".1f")
    r = med_ratio(ours.get("touch"), plain.get("touch"))
    add("touch one document / plain touch", r, "<= 1.5", le(r, 1.5))
    r = med_ratio(ours.get("edit"), plain.get("touch"))
    add("edit one quote / plain touch", r, "<= 2.0", le(r, 2.0))
    shows = ours.get("edit_shows")
    add("edited quote shows in index page", None if not shows else all(shows), "yes",
        None if not shows else all(shows))
    n = med(ours.get("noop_pages"))
    add("no-op rebuild: pages written", n, "0", None if n is None else n == 0, ".0f")
    r = med_ratio(ours.get("j2"), j1_reference(ours))
    add("-j 2 / -j 1", r, "<= 0.75", le(r, 0.75))
    spread = scaling_spread(res, "ours", net=True)
    add("time per quote max/min, scaling series (net of start-up)", spread, "<= 1.15",
        le(spread, 1.15))
    r = med_ratio(ours.get("searchindex"), bare.get("searchindex"))
    add("searchindex.js / bare", r, "<= 1.2", le(r, 1.2))
    big = med(ours.get("largest_page"))
    add("largest page (MiB)", None if big is None else big / MiB,
        f"<= {PAGE_LIMIT / MiB:.0f}", le(big, PAGE_LIMIT))
    r = med_ratio(ours.get("latex"), plain.get("latex"))
    add("LaTeX .tex build / plain", r, "<= 0.90", le(r, 0.90))
    r = med_ratio(ours.get("latex"), bare.get("latex"))
    add("LaTeX .tex build / bare", r, "<= 1.15", le(r, 1.15))
    pdf = res.pdf.get("ours")
    if pdf:
        add(f"PDF of {pdf['size']} compiles ({pdf['engine']}, {pdf['wall']:.0f} s)",
            pdf["ok"], "yes", pdf["ok"])
    header = f"targets (issue 5, flavour ours at {size}):"
    return header + "\n" + table(["target", "figure", "target", "status"], rows)


# -- profile ------------------------------------------------------------------------------

def profile(p: Project, top: int) -> str:
    import pstats
    prof = p.path("profile.out")
    b = sphinx(p.src, p.path("html-prof"), p.path("doctrees-prof"), p.path("log/profile.txt"),
               clean=True, profile=prof)
    if b.rc:
        return f"profile build failed:\n{b.stderr_tail}"
    import io
    buf = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.sort_stats("cumulative").print_stats("sphinx_policynotes", top)
    total = buf.getvalue()
    return f"cProfile of {p.flavour} at {p.size.label} ({b.wall:.1f} s under the profiler)\n{total}"


# -- main ---------------------------------------------------------------------------------

def versions() -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return {"python": platform.python_version(), "sphinx": v("sphinx"), "docutils": v("docutils"),
            "sphinx_needs": v("sphinx-needs"), "policynotes": v("sphinx-policynotes"),
            "cpus": os.cpu_count(), "platform": f"{platform.system()} {platform.machine()}",
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="30x20, one run, scaling 250/500/1000 quotes (ours), no PDF")
    p.add_argument("--sizes", default="50x20,200x50", help="DOCSxQUOTES, comma separated")
    p.add_argument("--flavours", default=",".join(FLAVOURS))
    p.add_argument("--runs", type=int, default=3, help="runs of each main size")
    p.add_argument("--scaling", default="1000,2000,5000,10000,20000",
                   help="quote counts of the scaling series (documents of 50); '' skips it")
    p.add_argument("--scaling-flavours", default="bare,ours")
    p.add_argument("--scaling-runs", type=int, default=3,
                   help="runs of the scaling series (each goes through every size)")
    p.add_argument("--j2-flavours", default="plain,ours", help="'' skips -j 2")
    p.add_argument("--j2-pairs", type=int, default=1,
                   help="pairs of -j 1 and -j 2 builds per run and flavour")
    p.add_argument("--latex-flavours", default="bare,plain,ours", help="'' skips LaTeX")
    p.add_argument("--latex-runs", type=int, default=1,
                   help="LaTeX builds in the first N runs (a 200x50 .tex build is long)")
    p.add_argument("--no-incremental", action="store_true")
    p.add_argument("--pdf-size", default="50x20", help="'' skips the PDF compile")
    p.add_argument("--pdf-flavours", default="plain,ours")
    p.add_argument("--latex-engine", choices=("uplatex", "lualatex"), default="uplatex",
                   help="uplatex is Sphinx's default for language ja")
    p.add_argument("--profile", metavar="FLAVOUR",
                   help="only profile one clean HTML build of FLAVOUR at the last size "
                        "with cProfile and print its sphinx_policynotes entries")
    p.add_argument("--profile-top", type=int, default=15)
    p.add_argument("--workdir", type=Path,
                   default=Path(tempfile.gettempdir()) / "policynotes-bench")
    p.add_argument("--json", type=Path, help="also write the raw figures here "
                   "(default: WORKDIR/results.json)")
    p.add_argument("--seed", type=int, default=corpus_mod.SEED)
    p.add_argument("--toc", choices=corpus_mod.TOC_LAYOUTS, default="nested",
                   help="nested: the root toctree lists one part per source, each part its "
                   "index and documents (default); flat: the root lists every document")
    p.add_argument("--report", type=Path, metavar="JSON",
                   help="print the report of a saved results.json and exit")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes, args.runs = "30x20", 1
        args.scaling, args.scaling_flavours = "250,500,1000", "ours"
        args.pdf_size = ""
    return args


def split(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    flavours = [f for f in FLAVOURS if f in split(args.flavours)]
    sizes = [Size.parse(s) for s in split(args.sizes)]
    args.workdir.mkdir(parents=True, exist_ok=True)
    corpora: dict[str, corpus_mod.Corpus] = {}

    def project(size: Size, flavour: str) -> Project:
        if size.label not in corpora:
            corpora[size.label] = corpus_mod.generate(size.docs, size.per_doc, args.seed)
        return Project(args.workdir, size, flavour, corpora[size.label], args.toc)

    if args.report:
        saved = json.loads(args.report.read_text(encoding="utf-8"))
        print(report(Results(**saved), args))
        return 0

    if args.profile:
        p = project(sizes[-1], args.profile)
        print(profile(p, args.profile_top))
        return 0

    res = Results()
    res.meta = versions()
    res.meta["runs"] = args.runs
    res.meta["toc"] = args.toc
    res.meta["notes"] = {}
    started = time.perf_counter()
    json_path = args.json or args.workdir / "results.json"

    def save() -> None:  # after each step, so an interrupted run keeps its figures
        json_path.write_text(json.dumps(asdict(res), ensure_ascii=False, indent=1),
                             encoding="utf-8")

    for size in sizes:
        projects = {f: project(size, f) for f in flavours}
        res.meta["notes"][size.label] = len(corpora[size.label].notes)
        progress(f"{size.label}: {len(corpora[size.label].quotes)} quotes written in "
                 f"{len(flavours)} flavours under {args.workdir / size.label}")
        for run in range(args.runs):
            order = rotate(flavours, run)
            for f in order:
                measure_html(res, projects[f], run, not args.no_incremental)
            for f in order:
                if f in split(args.j2_flavours):
                    measure_j2(res, projects[f], run, args.j2_pairs)
            for f in order:
                if f in split(args.latex_flavours) and run < args.latex_runs:
                    measure_latex(res, projects[f], run)
            save()
        for p in projects.values():  # keep the source and the logs, drop the big outputs
            for name in ("html", "latex", "doctrees", "doctrees-j1", "doctrees-j2",
                         "doctrees-latex"):
                shutil.rmtree(p.path(name), ignore_errors=True)

    scaling_flavours = [f for f in FLAVOURS if f in split(args.scaling_flavours)]
    quotes = [int(x) for x in split(args.scaling)]
    if quotes and scaling_flavours:
        measure_scaling(res, quotes, scaling_flavours, args.scaling_runs, project, save)

    if args.pdf_size and shutil.which("latexmk"):
        size = Size.parse(args.pdf_size)
        for f in [f for f in FLAVOURS if f in split(args.pdf_flavours)]:
            measure_pdf(res, project(size, f), args.latex_engine)
            save()
    elif args.pdf_size:
        progress("latexmk is not on PATH: PDF compile skipped")

    res.meta["total_minutes"] = round((time.perf_counter() - started) / 60, 1)
    text = report(res, args)
    print(text)
    print(f"\n(total {res.meta['total_minutes']} min; work folder {args.workdir})")
    save()
    (args.workdir / "report.txt").write_text(text + "\n", encoding="utf-8")
    return 1 if res.failures else 0


if __name__ == "__main__":
    sys.exit(main())
