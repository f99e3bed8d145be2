"""Limits: a 5 MB quote, 10,000 quotes in one document, 1,000 commentaries on one
quote, 10 levels of nesting.

Each size is built twice, at a quarter and at the full size, in a fresh
Python process (so that its CPU time and peak memory are its own); the test prints
both figures and their ratios and asserts only that

- the build finishes and everything written is there (export and pages),
- the growth is not quadratic: 4x the input costs less than 10x the CPU time
  and less than 10x the extra peak memory (no absolute timings).

By default the sizes are a tenth of the limits (a 500 kB quote, 1,000 quotes,
100 commentaries) so the normal suite stays fast; ``POLICYNOTES_LIMITS=1``
builds the full limits (``tox -e limits``). Nesting is always 10 levels.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from buildutil import build, parse_html

FULL = os.environ.get("POLICYNOTES_LIMITS") == "1"
SCALE = 1 if FULL else 10
#: 4x the input may cost at most this many times the CPU time and extra peak memory.
MAX_GROWTH = 10.0
#: Extra peak memory below this is noise (allocator, caches): compared as this much.
MEMORY_FLOOR_MB = 24.0

CONF = '''project = "Limits"
author = copyright = "Tester"
language = "ja"
extensions = ["myst_parser", "sphinx_policynotes"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
'''
LINE = "デジタル・ガバメント推進方針に基づき、行政サービスの BPR を推進する。"


def write(src: Path, docs: dict[str, str]) -> None:
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    names = [n for n in docs if n != "index"]
    (src / "index.rst").write_text(
        "Limits\n======\n\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in names),
        encoding="utf-8")
    for name, text in docs.items():
        (src / name).with_suffix("").parent.mkdir(parents=True, exist_ok=True)
        (src / f"{name}.rst").write_text(text, encoding="utf-8")


SOURCES = ".. source-ref:: dg\n   :title: デジタル・ガバメント推進方針\n   :short: 推進方針\n\n"


# -- measuring a build in a child process -------------------------------------------------

#: Run in a fresh interpreter: import Sphinx, then build and measure the build alone
#: (CPU seconds; extra peak memory over the imported state, from the Linux peak-RSS
#: mark reset through /proc/self/clear_refs, else from ru_maxrss).
_CHILD = r"""
import json, resource, sys, time
from sphinx.cmd.build import build_main
import sphinx_policynotes, myst_parser

def status():
    with open("/proc/self/status", encoding="ascii") as f:
        return {k: int(v.split()[0]) for k, v in (ln.split(":", 1) for ln in f)
                if k in ("VmHWM", "VmRSS")}

try:
    with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")
    base = status()["VmRSS"]
except OSError:
    base = None
start_ru = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
rc = build_main(["-q", "-E", "-b", "html", "-w", sys.argv[4], "-d", sys.argv[2],
                 sys.argv[1], sys.argv[3]])
wall = time.perf_counter() - start
ru = resource.getrusage(resource.RUSAGE_SELF)
cpu = ru.ru_utime + ru.ru_stime - start_ru.ru_utime - start_ru.ru_stime
if base is not None:
    extra = (status()["VmHWM"] - base) / 1024
else:
    unit = 1024 * 1024 if sys.platform == "darwin" else 1024
    extra = (ru.ru_maxrss - start_ru.ru_maxrss) / unit
print(json.dumps({"rc": rc, "cpu": cpu, "wall": wall, "extra_mb": extra}))
"""


def measure(src: Path) -> dict[str, Any]:
    """Build ``src`` (html, -E) in a fresh interpreter; its CPU seconds and extra peak MB."""
    out = src.parent / "html"
    log = src.parent / "warnings.log"
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(src), str(src.parent / "doctrees"), str(out),
         str(log)],
        capture_output=True, text=True, timeout=3600,
        env={**os.environ, "PYTHONWARNINGS": "ignore"})
    warnings = result.stderr + (log.read_text(encoding="utf-8") if log.is_file() else "")
    assert result.returncode == 0, warnings[-5000:]
    assert "Traceback" not in warnings, warnings[-5000:]
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["rc"] == 0, warnings[-5000:]
    figures["warnings"] = warnings
    figures["out"] = out
    return figures


def growth(name: str, sizes: tuple[int, int], make: Callable[[Path, int], None],
           check: Callable[[Path, int], None], tmp: Path,
           capsys: pytest.CaptureFixture[str]) -> None:
    figures = []
    for size in sizes:
        src = tmp / f"{name}-{size}" / "src"
        make(src, size)
        fig = measure(src)
        check(fig["out"], size)
        figures.append(fig)
    small, large = figures
    cpu_ratio = large["cpu"] / max(small["cpu"], 1e-3)
    mem_small = max(small["extra_mb"], MEMORY_FLOOR_MB)
    mem_ratio = max(large["extra_mb"], MEMORY_FLOOR_MB) / mem_small
    input_ratio = sizes[1] / sizes[0]
    with capsys.disabled():
        print(f"\n[limits] {name}: n={sizes[0]:,} -> {sizes[1]:,} ({input_ratio:.0f}x input); "
              f"CPU {small['cpu']:.2f}s -> {large['cpu']:.2f}s ({cpu_ratio:.1f}x); "
              f"wall {small['wall']:.2f}s -> {large['wall']:.2f}s; extra peak memory "
              f"{small['extra_mb']:.0f} MB -> {large['extra_mb']:.0f} MB ({mem_ratio:.1f}x)"
              + ("" if FULL else f"  [1/{SCALE} of the limit; POLICYNOTES_LIMITS=1 for full]"))
    assert cpu_ratio < MAX_GROWTH, f"{name}: CPU time grows {cpu_ratio:.1f}x for 4x the input"
    assert mem_ratio < MAX_GROWTH, f"{name}: peak memory grows {mem_ratio:.1f}x for 4x the input"


def export_of(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "policynotes.json").read_text(encoding="utf-8"))
    return data


# -- a 5 MB quote ---------------------------------------------------------------------------


def big_quote(src: Path, nbytes: int) -> None:
    lines = []
    size = 0
    n = 0
    while size < nbytes:
        line = f"M{n}M {LINE}"
        lines.append("   " + line)
        size += len(line.encode("utf-8")) + 1
        n += 1
    write(src, {"doc": "Big\n===\n\n" + SOURCES + ".. policy-quote::\n   :policy: 1-1\n"
                       "   :name: big\n\n" + "\n".join(lines) + "\n\n.. commentary::\n\n"
                       "   Short note.\n",
                "pindex": "Index\n=====\n\n.. policy-index::\n"})


def check_big_quote(out: Path, nbytes: int) -> None:
    (quote,) = export_of(out)["quotes"]
    text = quote["text"]
    assert len(text.encode("utf-8")) >= nbytes * 0.95
    count = len(re.findall(r"M\d+M", text))
    assert text.startswith("M0M ") and f"M{count - 1}M" in text
    assert [int(m) for m in re.findall(r"M(\d+)M", text)] == list(range(count))
    page = (out / "doc.html").read_text(encoding="utf-8")
    assert f"M{count - 1}M" in page and "M0M" in page
    index = (out / "pindex.html").read_text(encoding="utf-8")
    assert f"M{count - 1}M" in index


def test_big_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    full = 5_000_000 // SCALE
    growth("one quote of 5 MB", (full // 4, full), big_quote, check_big_quote, tmp_path, capsys)


# -- 10,000 quotes in one document ---------------------------------------------------------


def many_quotes(src: Path, n: int) -> None:
    parts = ["Many\n====\n\n", SOURCES]
    for i in range(n):
        parts.append(f".. policy-quote::\n   :chapter: {i % 12 + 1}\n   :policy: {i % 9}-{i}\n"
                     f"   :page: {i % 300 + 1}\n   :name: q{i}\n\n   Q{i}Q {LINE}\n\n")
        if i % 2:
            parts.append(f".. commentary::\n   :author: 査読者\n\n   C{i}C 論評。\n\n")
    write(src, {"doc": "".join(parts), "pindex": "Index\n=====\n\n.. policy-index::\n",
                "roles": "Roles\n=====\n\n" + " ".join(
                    f":ref:`q{i}` :policy:`{i % 9}-{i}`" for i in range(0, n, max(1, n // 50)))
                + "\n"})


def check_many_quotes(out: Path, n: int) -> None:
    export = export_of(out)
    assert len(export["quotes"]) == n
    assert len({q["id"] for q in export["quotes"]}) == n
    # A commentary after every second quote covers the two quotes before it.
    assert len(export["commentaries"]) == n // 2
    assert all(len(q["commentaries"]) == 1 for q in export["quotes"])
    page = (out / "doc.html").read_text(encoding="utf-8")
    index = (out / "pindex.html").read_text(encoding="utf-8")
    for i in range(n):
        assert f"Q{i}Q" in page and f"Q{i}Q" in index, i
    rows = parse_html(index).find_all("tr")
    assert len(rows) >= n  # a row per policy, plus the header
    roles = parse_html((out / "roles.html").read_text(encoding="utf-8"))
    hrefs = [a.attrs.get("href", "") for a in roles.find_all("a")]
    assert sum(h.startswith(("doc.html#", "pindex.html#")) for h in hrefs) >= 2 * len(
        range(0, n, max(1, n // 50)))


def test_many_quotes_in_one_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    full = 10_000 // SCALE
    growth("quotes in one document", (full // 4, full), many_quotes, check_many_quotes,
           tmp_path, capsys)


# -- 1,000 commentaries on one quote --------------------------------------------------------


def many_notes(src: Path, n: int) -> None:
    parts = ["Notes\n=====\n\n", SOURCES,
             ".. policy-quote::\n   :policy: 1-1\n   :name: the-quote\n\n   The quote.\n\n"]
    for i in range(n):
        parts.append(f".. commentary::\n   :on: the-quote\n   :author: 査読者{i}\n\n"
                     f"   N{i}N {LINE}\n\n")
    write(src, {"doc": "".join(parts), "pindex": "Index\n=====\n\n.. policy-index::\n"})


def check_many_notes(out: Path, n: int) -> None:
    export = export_of(out)
    (quote,) = export["quotes"]
    assert len(quote["commentaries"]) == n
    assert [c["id"] for c in export["commentaries"]] == quote["commentaries"]
    page = parse_html((out / "doc.html").read_text(encoding="utf-8"))
    label = page.find(cls="policynotes-quote").find(cls="policynotes-label")
    assert len(label.find_all("a", cls="reference")) >= n
    index = (out / "pindex.html").read_text(encoding="utf-8")
    for i in range(n):
        assert f"N{i}N" in index, i


def test_many_commentaries_on_one_quote(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    full = 1_000 // SCALE
    growth("commentaries on one quote", (full // 4, full), many_notes, check_many_notes,
           tmp_path, capsys)


# -- 10 levels of nesting -------------------------------------------------------------------

KINDS = ("policy-quote", "commentary", "note", "list", "blockquote")


def nested_rst(depth: int, level: int = 0, indent: str = "") -> list[str]:
    """Level ``level`` of the nesting: a container holding its text and the next level."""
    if level == depth:
        return []
    kind = KINDS[level % len(KINDS)]
    text = f"L{level}L 第{level}層の本文。"
    if kind in ("policy-quote", "commentary"):
        opts = f"   :name: n{level}\n" if kind == "policy-quote" else "   :on: n0\n"
        head = [indent + f".. {kind}::", *(indent + o for o in opts.rstrip().split("\n")), ""]
        return [*head, indent + "   " + text, "",
                *nested_rst(depth, level + 1, indent + "   ")]
    if kind == "note":
        return [indent + ".. note::", "", indent + "   " + text, "",
                *nested_rst(depth, level + 1, indent + "   ")]
    if kind == "list":
        return [indent + "* " + text, "", *nested_rst(depth, level + 1, indent + "  ")]
    return [indent + "..", "", indent + "   " + text, "",
            *nested_rst(depth, level + 1, indent + "   ")]


def nested_md(depth: int, level: int = 0) -> list[str]:
    if level == depth:
        return []
    kind = KINDS[level % len(KINDS)]
    text = f"L{level}L 第{level}層の本文。"
    inner = nested_md(depth, level + 1)
    if kind == "list":
        return ["- " + text, "", *("  " + ln if ln else "" for ln in inner)]
    if kind == "blockquote":
        return ["> " + text, ">", *("> " + ln if ln else ">" for ln in inner)]
    fence = "`" * (3 + depth - level)
    name = {"note": "note", "policy-quote": "policy-quote", "commentary": "commentary"}[kind]
    opts = [f":name: m{level}"] if kind == "policy-quote" else (
        [":on: m0"] if kind == "commentary" else [])
    return [f"{fence}{{{name}}}", *opts, "", text, "", *inner, fence]


@pytest.fixture(scope="module")
def nested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("nested")
    src = base / "src"
    write(src, {"deep": "Deep\n====\n\n" + SOURCES + "\n".join(nested_rst(10)) + "\n",
                "pindex": "Index\n=====\n\n.. policy-index::\n"})
    (src / "deep_md.md").write_text("# Deep MyST\n\n" + "\n".join(nested_md(10)) + "\n",
                                    encoding="utf-8")
    index = src / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "   deep_md\n", encoding="utf-8")
    b = build(src, "html", builddir=base / "build")
    assert "Traceback" not in b.warnings and "Exception" not in b.warnings, b.warnings
    return {"out": b.outdir, "warnings": b.warnings}


def test_ten_levels_of_nesting_build_and_keep_every_level(nested: dict[str, Any]) -> None:
    out = nested["out"]
    for doc in ("deep", "deep_md"):
        page = (out / f"{doc}.html").read_text(encoding="utf-8")
        for level in range(10):
            assert f"L{level}L" in page, (doc, level)
    export = export_of(out)
    texts = " ".join(q["text"] for q in export["quotes"]) + " ".join(
        c["text"] for c in export["commentaries"])
    for level in range(10):
        assert f"L{level}L" in texts, level
    assert len(export["quotes"]) == 2 * len([k for k in (KINDS * 2)[:10] if k == "policy-quote"])
    assert len(export["commentaries"]) == 2 * len(
        [k for k in (KINDS * 2)[:10] if k == "commentary"])


def test_ten_levels_of_nesting_ids_are_unique(nested: dict[str, Any]) -> None:
    """Nested quotes and notes each get their own id, in the page and in the export."""
    out = nested["out"]
    export = export_of(out)
    ids = [q["id"] for q in export["quotes"]] + [c["id"] for c in export["commentaries"]]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for doc in ("deep", "deep_md"):
        page = parse_html((out / f"{doc}.html").read_text(encoding="utf-8"))
        html_ids = [e.attrs["id"] for e in page.iter() if "id" in e.attrs]
        assert len(html_ids) == len(set(html_ids)), (doc, sorted(
            {i for i in html_ids if html_ids.count(i) > 1}))


def test_ten_levels_of_nesting_notes_reach_their_quote(nested: dict[str, Any]) -> None:
    """``:on: n0`` at every depth reaches the outermost quote."""
    export = export_of(nested["out"])
    by_name = {q["name"]: q for q in export["quotes"]}
    for name in ("n0", "m0"):
        quote = by_name[name]
        notes = [c for c in export["commentaries"] if quote["id"] in c["quotes"]]
        assert len(notes) == len([k for k in (KINDS * 2)[:10] if k == "commentary"]), name
        assert quote["commentaries"] == [c["id"] for c in notes]

