"""Scale: 1,000 quotes against 100 pages of synthetic Japanese text.

Prints the CPU time (``time.process_time``, so a busy machine distorts it
less than wall time) to prepare the source and to verify the quotes with
each backend (run with ``-s`` to see it); asserts only the results, never
times.
"""

from __future__ import annotations

import random
import time
from collections import Counter

import pytest

from sphinx_policynotes.verify import SourceIndex, SourceText
from sphinx_policynotes.verify.match import Backend

KANJI = (
    "行政保有情報推進方針利用者中心改革業務手続電子化基盤整備民間連携地方公共団体国際"
    "社会経済活動価値創出制度見直運用管理体制強化戦略計画実施評価効果最大投資共通標準規格"
    "相互性確保安全安心個人番号活用申請様式簡素開放促進環境構築導入検討検証課題解決技術新"
    "規事業機会創造人材育成教育医療防災交通農業観光文化産業都市地域生活"
)
ENDINGS = (
    "を",
    "に",
    "が",
    "は",
    "の",
    "と",
    "で",
    "から",
    "として",
    "により",
    "について",
    "における",
    "するため",
    "を図る",
    "を行う",
    "する",
    "した",
    "され",
    "ている",
    "である",
)
PAGES = 100
QUOTES = 1000
LINE = 38


def _words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(KANJI) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def _sentence(rng: random.Random, words: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(4, 9)):
        parts.append(rng.choice(words) + rng.choice(ENDINGS))
        if rng.random() < 0.2:
            parts.append("、")
    return "".join(parts) + "。"


def make_source(seed: int = 1) -> tuple[SourceText, list[str]]:
    """Return a 100-page source laid out like pdftotext output, and each page's body."""
    rng = random.Random(seed)
    words = _words(rng, 800)
    pages, bodies = [], []
    for number in range(1, PAGES + 1):
        body = "".join(_sentence(rng, words) for _ in range(40))[: LINE * 38]
        lines = [body[i : i + LINE] for i in range(0, len(body), LINE)]
        pages.append("\n".join(lines) + f"\n\n                  - {number} -\n")
        bodies.append(body)
    return SourceText(tuple(pages)), bodies


def make_quotes(bodies: list[str], seed: int = 2) -> list[tuple[str, str, int | None]]:
    """Return (kind, quote, page) triples: 60% exact, 25% mistyped, 15% unrelated."""
    rng = random.Random(seed)
    other = _words(random.Random(99), 300)
    joined = "".join(bodies)
    page_of = [page for page, body in enumerate(bodies, start=1) for _ in body]
    quotes: list[tuple[str, str, int | None]] = []
    for _ in range(QUOTES):
        roll = rng.random()
        if roll < 0.15:
            text = "".join(_sentence(rng, other) for _ in range(2))[: rng.randint(30, 100)]
            quotes.append(("unrelated", text, None))
            continue
        length = rng.randint(30, 120)
        start = rng.randrange(0, len(joined) - length)
        chars = list(joined[start : start + length])
        kind = "exact"
        if roll < 0.4:
            kind = "typo"
            for _ in range(rng.randint(1, 3)):
                k = rng.randrange(len(chars))
                op = rng.random()
                if op < 0.4:
                    chars[k] = "誤" if chars[k] != "誤" else "謬"
                elif op < 0.7:
                    del chars[k]
                else:
                    chars.insert(k, "誤")
        quotes.append((kind, "".join(chars), page_of[start]))
    return quotes


@pytest.mark.parametrize("backend", ["rapidfuzz", "difflib"])
def test_thousand_quotes_against_hundred_pages(backend: Backend) -> None:
    source, bodies = make_source()
    quotes = make_quotes(bodies)
    t0 = time.process_time()
    index = SourceIndex(source)
    t1 = time.process_time()
    index.grams(2), index.grams(3)
    t2 = time.process_time()
    outcome: Counter[tuple[str, str]] = Counter()
    spent: dict[str, float] = dict.fromkeys(("exact", "typo", "unrelated"), 0.0)
    wrong_page = 0
    for kind, quote, page in quotes:
        start = time.process_time()
        match = index.find(quote, expected_page=page, backend=backend)
        spent[kind] += time.process_time() - start
        outcome[(kind, match.status)] += 1
        if kind != "unrelated" and match.status != "not_found" and match.page != page:
            wrong_page += 1
    counts = Counter(kind for kind, _q, _p in quotes)
    print(
        f"\n[{backend}] {PAGES} pages, {len(index.norm)} normalised chars; "
        f"normalise {t1 - t0:.3f}s, n-gram index {t2 - t1:.3f}s; "
        + ", ".join(
            f"{counts[k]} {k} {spent[k]:.3f}s ({1000 * spent[k] / counts[k]:.2f} ms each)"
            for k in ("exact", "typo", "unrelated")
        )
        + f"; total {sum(spent.values()):.3f}s; outcomes {sorted(outcome.items())}"
    )
    assert outcome[("exact", "exact")] == counts["exact"]
    assert outcome[("unrelated", "not_found")] == counts["unrelated"]
    assert outcome[("typo", "not_found")] <= counts["typo"] // 50
    assert outcome[("typo", "close")] >= counts["typo"] * 9 // 10
    assert wrong_page == 0
