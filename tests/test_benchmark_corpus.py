"""The benchmark's corpus and report (benchmarks/, not a test of speed).

The corpus must build without a warning in each flavour and layout (a
document outside every toctree would warn), the nested layout must keep the
root toctree short, ``ours`` alone must hold the page comparing two
versions of a plan (``policy-diff``, their texts as ``.txt`` files), and the
scaling figures net of the start-up must be what the report and the target
line print.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from buildutil import build

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import run  # noqa: E402

# 2 sources, 60 quotes; two versions of a plan of about 6,000 characters
SMALL = corpus.generate(20, 3, diff_chars=5_000)


@pytest.mark.parametrize("toc", corpus.TOC_LAYOUTS)
@pytest.mark.parametrize("flavour", ["bare", "plain", "ours"])
def test_corpus_builds_without_warnings(tmp_path: Path, flavour: str, toc: str) -> None:
    src = corpus.write(SMALL, flavour, tmp_path / "src", toc)
    b = build(src, "html", builddir=tmp_path / "build")
    assert b.warnings == ""
    assert {d.name for d in SMALL.docs} <= b.docnames
    assert (corpus.REVISION_PAGE in b.docnames) == (flavour == "ours")
    if flavour == "ours":
        page = (b.outdir / f"{corpus.REVISION_PAGE}.html").read_text(encoding="utf-8")
        assert "policynotes-diff" in page


def test_nested_layout_lists_parts_not_documents() -> None:
    files = corpus.Writer(SMALL, "ours", "nested").files()
    root = files["index.rst"]
    assert "notes/" not in root
    assert all(f"parts/{s.id}" in root for s in SMALL.sources)
    for s in SMALL.sources:
        part = files[f"parts/{s.id}.rst"]
        listed = [line.strip() for line in part.splitlines() if line.startswith("   /")]
        assert listed == [f"/indexes/{s.id}", *(f"/{d.name}" for d in SMALL.docs_of(s))]
    bare = corpus.Writer(SMALL, "bare", "nested").files()
    assert "/indexes/" not in bare[f"parts/{SMALL.sources[0].id}.rst"]
    flat = corpus.Writer(SMALL, "ours", "flat").files()
    assert not any(name.startswith("parts/") for name in flat)
    assert all(d.name in flat["index.rst"] for d in SMALL.docs)


def test_revision_page_of_ours_only() -> None:
    """ours compares two versions of a plan on a page of its own: the texts are
    files of the project (not documents), the newer supersedes the older; the
    other flavours have neither (the texts are source material, as the
    sources' PDFs are, and the table is made by the extension)."""
    assert SMALL.plan_versions is not None
    old, new = SMALL.plan_versions
    for toc in corpus.TOC_LAYOUTS:
        files = corpus.Writer(SMALL, "ours", toc).files()
        assert files["texts/plan-2024.txt"] == old
        assert files["texts/plan-2025.txt"] == new
        page = files[f"{corpus.REVISION_PAGE}.rst"]
        assert ":text: texts/plan-2024.txt" in page and ":text: texts/plan-2025.txt" in page
        assert ":supersedes: plan-old" in page and ":scheme: ja-outline" in page
        assert page.rstrip().endswith(".. policy-diff:: plan-new")
        assert f"   {corpus.REVISION_PAGE}\n" in files["index.rst"]
    for flavour in ("bare", "plain", "todo", "needs"):
        files = corpus.Writer(SMALL, flavour).files()
        assert not any(name.startswith("texts/") or name.startswith(corpus.REVISION_PAGE)
                       for name in files)
        assert "plan-old" not in "".join(files.values())
    none = corpus.generate(20, 3, diff_chars=0)
    assert none.plan_versions is None
    assert f"{corpus.REVISION_PAGE}.rst" not in corpus.Writer(none, "ours").files()


def test_plan_versions_are_seeded_and_of_the_target_size() -> None:
    """About 300,000 characters a version, the same at every corpus size and
    run; items added, edited and renumbered between them."""
    pair = corpus.plan_versions()
    assert pair is not None
    old, new = pair
    assert 280_000 < len(old) < 320_000 and 280_000 < len(new) < 330_000
    assert corpus.plan_versions() == (old, new)
    assert corpus.generate(20, 3).plan_versions == (old, new)
    assert corpus.plan_versions(seed=corpus.SEED + 1) != (old, new)
    assert new.count("\n## ") > old.count("\n## ")  # items inserted
    assert old.startswith("# 第1　") and "\n## 2. 項目2\n" in old


def test_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="toc layout"):
        corpus.Writer(SMALL, "ours", "tree")


def test_scaling_figures_net_of_start_up() -> None:
    res = run.Results(scaling={"1000": {"ours": [6.0, 6.2]}, "2000": {"ours": [11.0]}},
                      startup={"ours": [0.9, 1.0, 1.1]})
    assert run.per_quote(res, "1000", "ours") == pytest.approx(6.1 / 1000)
    assert run.per_quote(res, "1000", "ours", net=True) == pytest.approx(5.1 / 1000)
    assert run.scaling_spread(res, "ours") == pytest.approx(6.1 / 5.5)
    assert run.scaling_spread(res, "ours", net=True) == pytest.approx(5.1 / 5.0)
    assert run.scaling_spread(run.Results(scaling=res.scaling), "ours", net=True) is None


def test_scaling_series_interleaves_the_sizes(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Each run goes through every size and the start-up (rotated), after an
    uncounted warm-up, so that a drift of the machine's speed does not fall on
    the sizes measured last."""
    order: list[tuple[str, str]] = []

    def fake_sphinx(src: Path, out: Path, *args: object, **kwargs: object) -> run.Build:
        size, flavour = src.parts[-3:-1]
        order.append((size, flavour))
        assert kwargs["gc_file"] is not None  # the series splits off the collector's time
        return run.Build(wall=float(len(order)), peak_kib=0, rc=0, warnings=0,
                         gc=len(order) / 10)

    monkeypatch.setattr(run, "sphinx", fake_sphinx)
    model = {s.label: corpus.generate(s.docs, s.per_doc, diff_chars=0)
             for s in (run.Size(1, 50), run.Size(2, 50), run.Size(1, 1))}

    def project(size: run.Size, flavour: str) -> run.Project:
        return run.Project(tmp_path, size, flavour, model[size.label])

    res = run.Results()
    run.measure_scaling(res, [50, 100], ["bare", "ours"], 2, project, lambda: None)
    warm_up, counted = order[:2], order[2:]
    assert warm_up == [("1x50", "bare"), ("1x50", "ours")]
    assert counted[:6] == [("1x50", "bare"), ("1x50", "ours"), ("2x50", "bare"),
                           ("2x50", "ours"), ("1x1", "bare"), ("1x1", "ours")]
    assert counted[6:] == [("2x50", "ours"), ("2x50", "bare"), ("1x1", "ours"),
                           ("1x1", "bare"), ("1x50", "ours"), ("1x50", "bare")]
    assert res.scaling == {"50": {"bare": [3.0, 14.0], "ours": [4.0, 13.0]},
                           "100": {"bare": [5.0, 10.0], "ours": [6.0, 9.0]}}
    assert res.startup == {"bare": [7.0, 12.0], "ours": [8.0, 11.0]}
    assert res.scaling_gc["100"] == {"bare": [0.5, 1.0], "ours": [0.6, 0.9]}
    assert res.startup_gc == {"bare": [0.7, 1.2], "ours": [0.8, 1.1]}


def test_scaling_split_into_collector_and_rest() -> None:
    res = run.Results(scaling={"1000": {"ours": [6.0]}, "2000": {"ours": [11.0, 13.0]}},
                      startup={"ours": [1.0]},
                      scaling_gc={"1000": {"ours": [0.5]}, "2000": {"ours": [2.0, 2.0]}},
                      startup_gc={"ours": [0.2]})
    split = run.gc_per_quote(res, "2000", "ours")
    assert split is not None
    gc_time, rest = split
    assert gc_time == pytest.approx(2.0 / 2000)
    assert rest == pytest.approx((10.0 - 0.8) / 2000)
    text = run.gc_report(res, ["ours"])
    assert "1000        0.50       4.70" in text  # gc and rest, ms per quote
    assert "max/min     2.00       1.02" in text
    assert run.gc_per_quote(run.Results(scaling=res.scaling, startup=res.startup),
                            "1000", "ours") is None


def test_parallel_ratio_is_taken_within_back_to_back_pairs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ``-j 2`` build is compared with a ``-j 1`` build made right before or
    after it (alternating), not with the run's main build minutes earlier."""
    order: list[int] = []

    def fake_sphinx(src: Path, out: Path, *args: object, **kwargs: object) -> run.Build:
        jobs = kwargs["jobs"]
        assert isinstance(jobs, int)
        assert kwargs["clean"] is True
        order.append(jobs)
        return run.Build(wall=10.0 * jobs + len(order), peak_kib=0, rc=0, warnings=0)

    monkeypatch.setattr(run, "sphinx", fake_sphinx)
    res = run.Results()
    p = run.Project(tmp_path, run.Size(20, 3), "ours", SMALL)
    run.measure_j2(res, p, 0, pairs=2)
    run.measure_j2(res, p, 1, pairs=2)
    assert order == [1, 2, 2, 1, 1, 2, 2, 1]
    ours = res.main["20x3"]["ours"]
    assert ours["j1_pair"] == [11.0, 14.0, 15.0, 18.0]
    assert ours["j2"] == [22.0, 23.0, 26.0, 27.0]
    ours["wall"] = [100.0, 100.0]  # the main builds: not what the ratio is taken against
    assert run.j1_reference(ours) == ours["j1_pair"]
    expected = sorted(j2 / j1 for j2, j1 in zip(ours["j2"], ours["j1_pair"], strict=True))
    assert run.med_ratio(ours["j2"], run.j1_reference(ours)) == pytest.approx(
        (expected[1] + expected[2]) / 2)
    assert run.j1_reference({"wall": [5.0]}) == [5.0]  # results saved before the pairs
