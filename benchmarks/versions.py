"""Two versions of a synthetic plan or law: the old text and its amendment.

Shared by ``diff.py`` (which times the comparison alone) and ``corpus.py``
(whose ``ours`` flavour puts a ``policy-diff`` of such a pair on a page).
Every function depends only on the ``random.Random`` it is given, so a seeded
generator gives the same texts on every machine.

``articles``   chapters of articles, each article a few sentences of legal
               Japanese, about ``chars`` characters in all;
``amend``      the next version: articles inserted in the middle (every later
               article renumbered in a law), 10% of the articles edited, some
               deleted, two moved to another chapter;
``law_text``   as a ``ja-law`` text (``第N章`` › ``第N条`` lines);
``outline_text`` as Markdown headings ``# 第N`` › ``## N.`` › ``### (N)``
               (``ja-outline``), so that an insertion renumbers the later
               items of its chapter only, as in a revised plan;
``flat_text``  without numbering: one part.
"""

from __future__ import annotations

import random

WORDS = ("政策", "推進", "地域", "行政", "手続", "デジタル", "教育", "子ども", "支援", "制度",
         "計画", "国", "地方公共団体", "事業者", "情報", "システム", "AI", "データ", "活用",
         "整備", "確保", "必要", "措置", "実施", "協力", "促進", "基本", "方針", "環境", "安全")
PARTICLES = ("の", "を", "に", "は", "が", "と", "で", "について", "に関する", "及び")
ENDINGS = ("ものとする。", "しなければならない。", "努めるものとする。", "を行う。", "を定める。")


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
    from sphinx_policynotes.numbering import int_to_kanji

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
