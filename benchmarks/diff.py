"""How long a 新旧対照表 takes: :func:`sphinx_policynotes.compare.compare_texts` timed.

Prints, for each case, the characters of both versions, the rows by remark
and the best of ``--runs`` wall times (split, align and diff together):

``law``       a ``ja-law`` text of about 300,000 characters (chapters of
              articles) and its amendment: articles inserted in the middle (every
              later article renumbered), 10% of the articles edited, some
              deleted, two moved to another chapter;
``outline``   the same content as Markdown headings ``# 第N`` › ``## N.`` ›
              ``### (N)`` (``ja-outline``), edited the same way;
``flat``      the law text with its numbering removed: one part of 300,000
              characters on each side, so the diff of the runs carries it all;
``autojunk``  difflib on one edited part of 2,000 characters, with
              ``autojunk`` on and off: time, and characters found equal (the
              edit keeps about 90%), which is why the runs turn it off;
``real``      the two versions of a manifesto chapter in
              ``../shared/corpus/team-mirai/`` when they are there.

The target of issue 24 is 3 s for 300,000 characters on each side.  No
assertions: it reports.

    python benchmarks/diff.py            # every case, best of 3
    python benchmarks/diff.py --chars 100000 --runs 1
"""

from __future__ import annotations

import argparse
import difflib
import random
import time
from collections.abc import Callable
from pathlib import Path

from sphinx_policynotes.compare import Comparison, compare_texts
from sphinx_policynotes.numbering import int_to_kanji

SEED = 20250625
TARGET = 3.0
WORDS = ("政策", "推進", "地域", "行政", "手続", "デジタル", "教育", "子ども", "支援", "制度",
         "計画", "国", "地方公共団体", "事業者", "情報", "システム", "AI", "データ", "活用",
         "整備", "確保", "必要", "措置", "実施", "協力", "促進", "基本", "方針", "環境", "安全")
PARTICLES = ("の", "を", "に", "は", "が", "と", "で", "について", "に関する", "及び")
ENDINGS = ("ものとする。", "しなければならない。", "努めるものとする。", "を行う。", "を定める。")
REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "team-mirai"


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) + rng.choice(PARTICLES) for _ in range(rng.randint(4, 9))]
    return "".join(words) + rng.choice(ENDINGS)


def articles(chars: int, rng: random.Random) -> list[list[str]]:
    """Chapters of articles, each article a list of sentences, ``chars`` in all."""
    chapters: list[list[str]] = []
    total = 0
    while total < chars:
        chapter = []
        for _ in range(rng.randint(5, 20)):
            body = "".join(sentence(rng) for _ in range(rng.randint(2, 6)))
            chapter.append(body)
            total += len(body) + 8
        chapters.append(chapter)
    return chapters


def amend(chapters: list[list[str]], rng: random.Random) -> list[list[str]]:
    """Insert, edit, delete and move articles (see the module docstring)."""
    new = [list(chapter) for chapter in chapters]
    middle = len(new) // 2
    for _ in range(20):
        chapter = new[rng.randrange(middle, len(new))]
        chapter.insert(rng.randrange(len(chapter) + 1), sentence(rng) + sentence(rng))
    for chapter in new:
        for at, body in enumerate(chapter):
            if rng.random() < 0.1:
                word = rng.choice(WORDS)
                chapter[at] = body.replace(word, rng.choice(WORDS), 1) + sentence(rng)
    for _ in range(5):
        chapter = rng.choice(new)
        if len(chapter) > 1:
            chapter.pop(rng.randrange(len(chapter)))
    for _ in range(2):
        moved = new[1].pop(0)
        new[-2].append(moved)
    return new


def law_text(chapters: list[list[str]]) -> str:
    lines, number = [], 0
    for c, chapter in enumerate(chapters, start=1):
        lines.append(f"第{int_to_kanji(c)}章　総則その{c}")
        for body in chapter:
            number += 1
            lines.append(f"第{int_to_kanji(number)}条　{body}")
    return "\n".join(lines) + "\n"


def outline_text(chapters: list[list[str]]) -> str:
    lines = []
    for c, chapter in enumerate(chapters, start=1):
        lines.append(f"# 第{c}　総則その{c}\n")
        for a, body in enumerate(chapter, start=1):
            lines.append(f"## {a}. 項目{a}\n")
            sentences = body.split("。")
            lines.append(f"### (1) 細目\n\n{'。'.join(sentences[:2])}。\n")
            if len(sentences) > 3:
                lines.append(f"### (2) 細目\n\n{'。'.join(sentences[2:])}\n")
    return "\n".join(lines)


def flat_text(chapters: list[list[str]]) -> str:
    return "\n".join(body for chapter in chapters for body in chapter) + "\n"


def best(runs: int, call: Callable[[], Comparison]) -> tuple[float, Comparison]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    assert result is not None
    return min(times), result


def report(name: str, old: str, new: str, scheme: str, runs: int) -> None:
    seconds, table = best(runs, lambda: compare_texts(old, new, scheme, scheme))
    counts = ", ".join(f"{key} {n}" for key, n in table.counts().items() if n)
    verdict = "" if max(len(old), len(new)) < 250_000 else (
        "  met" if seconds <= TARGET else "  NOT MET")
    print(f"{name:8} {len(old):>8,} / {len(new):>8,} chars  {seconds:6.3f} s{verdict}")
    print(f"{'':8} rows: {counts}")


def autojunk(rng: random.Random) -> None:
    old = "".join(sentence(rng) for _ in range(60))[:2000]
    words = list(old)
    for at in rng.sample(range(len(words)), len(words) // 10):
        words[at] = rng.choice(WORDS)[0]
    new = "".join(words)
    for junk in (True, False):
        start = time.perf_counter()
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=junk)
        equal = sum(block.size for block in matcher.get_matching_blocks())
        seconds = time.perf_counter() - start
        print(f"autojunk {'on' if junk else 'off':3}  {len(old):,} chars  {seconds:6.3f} s"
              f"  {equal:,} characters found equal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=300_000, help="size of the old texts")
    parser.add_argument("--runs", type=int, default=3, help="runs per case, best reported")
    args = parser.parse_args()
    rng = random.Random(SEED)
    old = articles(args.chars, rng)
    new = amend(old, rng)
    print(f"target: {TARGET} s for 300,000 characters on each side")
    report("law", law_text(old), law_text(new), "ja-law", args.runs)
    report("outline", outline_text(old), outline_text(new), "ja-outline", args.runs)
    report("flat", flat_text(old), flat_text(new), "ja-law", args.runs)
    autojunk(rng)
    olds = sorted(REAL.glob("*.2025-05-15.md"))
    news = sorted(REAL.glob("*.2025-06-25.md"))
    if olds and news:
        report("real", olds[0].read_text(encoding="utf-8"),
               news[0].read_text(encoding="utf-8"), "ja-outline", args.runs)
    else:
        print(f"real     skipped: {REAL} not found")


if __name__ == "__main__":
    main()
