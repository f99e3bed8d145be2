"""Deterministic synthetic corpus for the sphinx-policynotes benchmark.

One seeded content model (sources, documents of quotes and the commentary on
them) is written as five Sphinx projects that show the same content:

``bare``
    the documents alone: block quotes and ``note`` admonitions, no index;
``plain``
    ``bare`` plus hand-written index pages (one ``list-table`` per source, one
    page per source and one for all) linking the quotes with ``:ref:``;
``ours``
    ``source-ref``, ``policy-quote``, ``commentary`` and ``policy-index``,
    and one page comparing two versions of a plan with ``policy-diff`` (their
    texts, about 300,000 characters each, are ``.txt`` files of the project;
    the other flavours have neither the texts nor the comparison);
``todo``
    ``sphinx.ext.todo``: quotes and commentaries as ``todo`` items, one
    ``todolist`` page (``todolist`` cannot select a source);
``needs``
    sphinx-needs: quotes and commentaries as needs linked to the quotes,
    ``needtable`` pages per source and for all.

Run ``python benchmarks/corpus.py --docs 50 --quotes 20 --flavour ours DEST``
to look at one project.  Everything depends only on the arguments and the
seed, so the same call writes the same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import versions

FLAVOURS = ("bare", "plain", "ours", "todo", "needs")
TOC_LAYOUTS = ("nested", "flat")
REVISION_PAGE = "revision"  # ours: the page of the policy-diff
SEED = 20170530
# Characters of articles given to versions.articles: their outline texts come
# to about 300,000 characters a version (the size of issue 24's diff target).
DIFF_ARTICLE_CHARS = 245_000

# -- vocabulary --------------------------------------------------------------

_SUBJECTS = [
    "行政サービス", "地方公共団体", "国の行政機関", "官民データ", "情報システム", "電子行政",
    "デジタル・ガバメント", "オープンデータ", "マイナンバー制度", "行政手続", "政府CIO",
    "各府省", "自治体クラウド", "共通プラットフォーム", "業務改革（ＢＰＲ）", "API",
    "クラウドサービス", "ITガバナンス", "データ連携基盤", "利用者", "民間事業者",
    "サービスデザイン", "情報セキュリティ", "ワンスオンリー", "コネクテッド・ワンストップ",
    "デジタルファースト", "行政情報", "住民", "中小規模の団体", "共通インフラ",
]
_OBJECTS = [
    "利用者中心のサービス", "業務プロセスの見直し", "データの標準化・共通化", "投資対効果",
    "相互運用性の確保", "官民協働による公共サービスの提供", "手続の簡素化",
    "オンライン化の徹底", "情報提供のパーソナル化", "プッシュ型の情報発信",
    "成功事例の横展開", "人材の育成と確保", "運用コストの削減", "サービス全体の設計",
    "データに基づく政策立案", "セキュリティ対策の強化", "システムの共用化",
    "添付書類の撤廃", "APIの整備", "利用者の体験（UX）の向上", "規格の整備",
    "推進体制の整備", "進捗状況のフォローアップ", "制度の見直し", "クラウドの広域化",
]
_LINKS = [
    "を前提として", "に向けて", "を踏まえつつ", "の観点から", "と連携し", "に当たっては",
    "を通じて", "と併せて", "に対応した", "を軸として",
]
_ENDINGS = [
    "を推進する。", "を図る。", "が必要である。", "に取り組む。", "を実施する。",
    "を検討する。", "が重要である。", "を進める。", "を原則とする。", "を目指す。",
    "を強化する。", "を支援する。", "を徹底する。", "について見直しを行う。",
    "が不可欠である。", "を早急に実現する。",
]
_OPENERS = [
    "", "", "", "このため、", "加えて、", "また、", "さらに、", "特に、", "あわせて、",
    "平成29年度中に、", "今後、", "その上で、",
]
_NOTE_PHRASES = [
    "この点は従前からの議論の繰り返しであり、特に新しい話ではない。",
    "主張はその通りで、問題はなぜそれができないのかというところに帰着するだろう。",
    "自治体にとっての具体策が成功事例の横展開にとどまるのは正直さみしい。",
    "検討を進めるよりも実行すべきとの認識はその通りだと思う。",
    "ここでいう利用者中心とは、シチズンセントリックなサービス提供のことだろう。",
    "自前主義からの脱却は、調達の仕組みを変えない限り進まない。",
    "データ標準化の担い手が誰なのか、本文からは読み取れない。",
    "クラウドの広域化は小規模団体にとって現実的な選択肢である。",
    "投資対効果の評価軸を変えるという点は評価できる。",
    "現場の業務改革なしにシステムだけを入れ替えても効果は薄い。",
    "前章の背景整理と比べると、打ち手の具体性に欠ける。",
    "国と地方の役割分担がはっきりしないまま進めると、二重投資になりかねない。",
]
_NOTE_ITEMS = [
    "パーソナライズ", "自前主義の否定", "クラウドベースのAPI", "デザイン思考",
    "オープンガバメント", "政府CIOによるガバナンス", "データの標準化", "手続のオンライン化",
]
_AUTHORS = ["査読者", "吉本", "編集部", "自治体職員A", None]
_TITLE_WORDS = [
    ("デジタル・ガバメント推進方針", "推進方針"), ("デジタル・ガバメント実行計画", "実行計画"),
    ("官民データ活用推進基本計画", "基本計画"), ("世界最先端IT国家創造宣言", "創造宣言"),
    ("自治体情報システム標準化方針", "標準化方針"),
    ("クラウド・バイ・デフォルト原則", "クラウド原則"),
    ("オープンデータ基本指針", "基本指針"), ("行政手続オンライン化推進計画", "オンライン化計画"),
    ("情報セキュリティ対策ガイドライン", "セキュリティGL"),
    ("地域情報化アクションプラン", "地域AP"),
]
_ISSUERS = [
    "IT総合戦略本部・官民データ活用推進戦略会議", "eガバメント閣僚会議", "内閣官房",
    "総務省", "デジタル庁",
]

_FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_KANJI = "〇一二三四五六七八九"


def fw(n: int) -> str:
    """Full-width digits."""
    return str(n).translate(_FW_DIGITS)


def kanji(n: int) -> str:
    """Kanji numeral below 100 (十二, 二十, 三十一)."""
    tens, ones = divmod(n, 10)
    out = ""
    if tens:
        out += ("" if tens == 1 else _KANJI[tens]) + "十"
    if ones or not out:
        out += _KANJI[ones]
    return out


# -- content model -----------------------------------------------------------

@dataclass
class Source:
    id: str
    title: str
    short: str
    issuer: str
    date: str
    url: str
    index: int


@dataclass
class Quote:
    name: str            # label used by every flavour (plain needs one per quote)
    need_id: str         # sphinx-needs id, sorts in source order
    source: Source
    chapter: int
    chapter_raw: str     # as the author typed it (full-width, kanji, …)
    policy: str | None   # normalised key, e.g. 方針1-2, 背景2, (3)
    policy_raw: str | None
    page: int
    lines: list[str]     # the passage, as source lines (CJK line breaks)
    docname: str
    named: bool = False  # ours writes :name: only where something refers to it

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def label(self) -> str:
        parts = [self.source.short, f"第{self.chapter}章"]
        if self.policy:
            parts.append(self.policy)
        return " ".join(parts)


@dataclass
class Note:
    name: str
    docname: str
    quotes: list[Quote]   # what it comments on
    explicit: bool        # ours writes :on: (always when a quote is in another document)
    author: str | None
    blocks: list[tuple[str, str]]  # ("p", text) or ("li", text); text may hold refs
    cites_source: bool
    cites_policy: Quote | None


@dataclass
class Doc:
    name: str
    source: Source
    title: str
    items: list[Quote | Note] = field(default_factory=list)


@dataclass
class Corpus:
    docs_count: int
    quotes_per_doc: int
    seed: int
    sources: list[Source]
    docs: list[Doc]
    # the old and the new version of a plan (ja-outline), or None: ours
    # compares them on a page of its own with policy-diff
    plan_versions: tuple[str, str] | None = None

    @property
    def quotes(self) -> list[Quote]:
        return [i for d in self.docs for i in d.items if isinstance(i, Quote)]

    @property
    def notes(self) -> list[Note]:
        return [i for d in self.docs for i in d.items if isinstance(i, Note)]

    def quotes_of(self, source: Source) -> list[Quote]:
        return [q for q in self.quotes if q.source is source]

    def docs_of(self, source: Source) -> list[Doc]:
        return [d for d in self.docs if d.source is source]


def _sentence(rng: random.Random) -> str:
    return (rng.choice(_OPENERS) + rng.choice(_SUBJECTS) + "において、"
            + rng.choice(_OBJECTS) + rng.choice(_LINKS) + rng.choice(_OBJECTS)
            + rng.choice(_ENDINGS))


def _prose(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    text = _sentence(rng)
    while len(text) < target:
        more = _sentence(rng)
        if len(text) + len(more) > high:
            break
        text += more
    while len(text) < low:  # one long sentence may still be short of `low`
        text = text[:-1] + "、" + rng.choice(_OBJECTS) + rng.choice(_ENDINGS)
    return text[:high] if len(text) > high else text


def _wrap(rng: random.Random, text: str) -> list[str]:
    """Break a passage into source lines of 30-60 characters, as it was typed."""
    lines = []
    while len(text) > 60:
        cut = rng.randint(30, 60)
        lines.append(text[:cut])
        text = text[cut:]
    lines.append(text)
    return lines


def _chapter_raw(rng: random.Random, n: int) -> str:
    return rng.choice([f"第{fw(n)}章", f"第{n}章", str(n), fw(n), f"第{kanji(n)}章"])


def _policy(rng: random.Random, chapter: int, number: int,
            sub: int) -> tuple[str | None, str | None]:
    """(normalised key, as typed) for the policy `number`(-`sub`) of `chapter`."""
    if chapter == 1:
        return None, None
    if chapter == 2:
        return f"背景{number}", rng.choice([f"【背景{fw(number)}】", f"背景{number}",
                                            f"背景{fw(number)}"])
    if chapter == 3:
        return f"({number})", rng.choice([f"（{fw(number)}）", f"({number})"])
    major = chapter - 3
    if not sub:
        return f"方針{major}", rng.choice([f"【方針{fw(major)}】", f"方針{major}", str(major)])
    return f"方針{major}-{sub}", rng.choice([
        f"【方針{fw(major)}－{fw(sub)}】", f"方針{major}-{sub}", f"{major}-{sub}",
        f"{fw(major)}－{fw(sub)}", f"方針{major}\u2010{sub}", f"方針{major}ー{sub}",
        f"【方針{fw(major)}－{fw(sub)}】",
    ])


def _policy_stream(rng: random.Random) -> Iterator[tuple[int, int, int]]:
    """Yield (chapter, number, sub) for each policy of one source, in order."""
    chapter = 1
    while True:
        if chapter == 1:
            yield 1, 0, 0
            chapter = 2
        elif chapter in (2, 3):
            for number in range(1, rng.randint(3, 7)):
                yield chapter, number, 0
            chapter += 1
        else:
            # chapter 4 holds 方針1, 方針1-1 … 方針1-12; chapter 5 方針2 …
            if rng.random() < 0.6:
                yield chapter, 0, 0
            for sub in range(1, rng.randint(4, 13)):
                yield chapter, 0, sub
            chapter += 1


def plan_versions(seed: int = SEED,
                  chars: int = DIFF_ARTICLE_CHARS) -> tuple[str, str] | None:
    """Two versions of a plan (``versions.py``): items inserted, edited, deleted,
    moved and so renumbered; the same texts at every corpus size."""
    if chars <= 0:
        return None
    rng = random.Random(f"{seed}:plan-versions")
    old = versions.articles(chars, rng)
    new = versions.amend(old, rng)
    return versions.outline_text(old), versions.outline_text(new)


def generate(docs: int, per_doc: int, seed: int = SEED,
             diff_chars: int = DIFF_ARTICLE_CHARS) -> Corpus:
    """The content model: `docs` documents of `per_doc` quotes each, and two
    versions of a plan made of `diff_chars` characters of articles (about
    300,000 characters of text each by default; none when 0)."""
    rng = random.Random(f"{seed}:{docs}:{per_doc}")
    n_sources = max(1, round(docs / 10))
    sources = []
    for i in range(n_sources):
        title, short = _TITLE_WORDS[i % len(_TITLE_WORDS)]
        if i >= len(_TITLE_WORDS):
            edition = i // len(_TITLE_WORDS) + 1
            title, short = f"{title}（第{edition}版）", f"{short}{edition}"
        year = 2014 + i % 10
        sources.append(Source(
            id=f"src-{i + 1:02d}", title=title, short=short, issuer=rng.choice(_ISSUERS),
            date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            url=f"https://www.example.go.jp/policy/{year}/plan{i + 1:02d}.pdf", index=i))

    out: list[Doc] = []
    streams = {s.id: _policy_stream(random.Random(f"{seed}:{s.id}")) for s in sources}
    state: dict[str, dict[str, Any]] = {
        s.id: {"pol": None, "left": 0, "page": 1, "seq": 0} for s in sources}
    for d in range(docs):
        source = sources[d * n_sources // docs]
        st = state[source.id]
        docname = f"notes/d{d + 1:04d}"
        doc = Doc(docname, source, "")
        group: list[Quote] = []
        group_size = rng.randint(1, 3)
        first_chapter = None
        for k in range(per_doc):
            if st["left"] <= 0:
                st["pol"] = next(streams[source.id])
                chapter = st["pol"][0]
                st["left"] = rng.randint(3, 8) if chapter == 1 else rng.randint(1, 3)
            st["left"] -= 1
            chapter, number, sub = st["pol"]
            policy, policy_raw = _policy(rng, chapter, number, sub)
            st["page"] += rng.choice([0, 0, 1, 1, 2])
            st["seq"] += 1
            quote = Quote(
                name=f"q{d + 1:04d}-{k + 1:02d}",
                need_id=f"Q_{source.index + 1:02d}_{st['seq']:05d}",
                source=source, chapter=chapter, chapter_raw=_chapter_raw(rng, chapter),
                policy=policy, policy_raw=policy_raw, page=st["page"],
                lines=_wrap(rng, _prose(rng, 80, 300)), docname=docname)
            first_chapter = first_chapter or chapter
            doc.items.append(quote)
            group.append(quote)
            if len(group) >= group_size or k == per_doc - 1:
                doc.items.append(_note(rng, doc, group, out, len(doc.items)))
                group = []
                group_size = rng.randint(1, 3)
        doc.title = f"{source.short} 第{first_chapter}章〜 論評 {d + 1}"
        out.append(doc)
    return Corpus(docs, per_doc, seed, sources, out, plan_versions(seed, diff_chars))


def _note(rng: random.Random, doc: Doc, group: list[Quote], done: list[Doc], serial: int) -> Note:
    quotes = list(group)
    explicit = rng.random() < 0.1
    same_source = [d for d in done if d.source is doc.source]
    if same_source and rng.random() < 0.06:
        # a note that also discusses a passage quoted in another document
        other = rng.choice([q for q in rng.choice(same_source).items if isinstance(q, Quote)])
        quotes.append(other)
        explicit = True
    if explicit:
        for q in quotes:
            q.named = True
    blocks: list[tuple[str, str]] = []
    for _ in range(rng.randint(1, 2)):
        text = "".join(rng.choice(_NOTE_PHRASES) for _ in range(rng.randint(1, 3)))
        blocks.append(("p", text))
    if rng.random() < 0.15:
        blocks.extend(("li", item) for item in rng.sample(_NOTE_ITEMS, rng.randint(2, 3)))
    cites_policy = None
    earlier = [q for d in done if d.source is doc.source for q in d.items
               if isinstance(q, Quote) and q.policy and q.policy.startswith("方針")]
    if earlier and rng.random() < 0.1:
        cites_policy = rng.choice(earlier)
    return Note(name=f"n{doc.name[-4:]}-{serial:03d}", docname=doc.name, quotes=quotes,
                explicit=explicit,
                author=rng.choice(_AUTHORS), blocks=blocks,
                cites_source=rng.random() < 0.15, cites_policy=cites_policy)


# -- writing -------------------------------------------------------------------

def _heading(text: str, char: str = "=") -> str:
    width = sum(2 if ord(c) > 0x2E7F else 1 for c in text)
    return f"{text}\n{char * width}\n"


def _indent(lines: list[str], n: int) -> str:
    pad = " " * n
    return "\n".join(pad + line if line else "" for line in lines)


def _policy_sort(key: str | None) -> tuple[int, ...] | tuple[int, tuple[int | str, ...]]:
    if key is None:
        return (0,)
    import re
    return (1, tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", key)))


def _rows(corpus: Corpus, source: Source) -> list[tuple[int, str | None, list[Quote]]]:
    """Index rows (chapter, policy, quotes) in chapter then natural policy order."""
    rows: dict[tuple[int, str | None], list[Quote]] = {}
    for q in corpus.quotes_of(source):
        rows.setdefault((q.chapter, q.policy), []).append(q)
    ordered = sorted(rows.items(), key=lambda kv: (kv[0][0], _policy_sort(kv[0][1])))
    return [(c, p, qs) for (c, p), qs in ordered]


def _notes_on(corpus: Corpus) -> dict[str, list[Note]]:
    out: dict[str, list[Note]] = {}
    for note in corpus.notes:
        for q in note.quotes:
            out.setdefault(q.name, []).append(note)
    return out


CONF_COMMON = '''\
project = "政策論評ベンチマーク"
author = "sphinx-policynotes benchmark"
copyright = "2017, sphinx-policynotes benchmark"
version = release = "1.0"
language = "ja"
exclude_patterns = ["_build"]
'''

CONF_PDF = '''
import os
if os.environ.get("BENCH_LATEX_ENGINE") == "lualatex":
    latex_engine = "lualatex"
    latex_docclass = {"manual": "ltjsbook", "howto": "ltjsarticle"}
    latex_elements = {"polyglossia": "", "babel": "", "fncychap": ""}
'''

CONF_FLAVOUR = {
    "bare": 'extensions = []\n',
    "plain": 'extensions = []\n',
    "ours": 'extensions = ["sphinx_policynotes"]\n',
    "todo": 'extensions = ["sphinx.ext.todo"]\ntodo_include_todos = True\n',
    "needs": '''\
extensions = ["sphinx_needs"]
needs_types = [
    {"directive": "pquote", "title": "引用", "prefix": "Q_", "color": "#BFD8D2", "style": "node"},
    {"directive": "pnote", "title": "論評", "prefix": "N_", "color": "#FEDCD2", "style": "node"},
]
needs_fields = {
    "source": {"description": "quoted source", "nullable": True},
    "chapter": {"description": "chapter number", "nullable": True},
    "policy": {"description": "policy number", "nullable": True},
    "page": {"description": "page in the source", "nullable": True},
    "author": {"description": "reviewer", "nullable": True},
}
needs_id_regex = "^[A-Z0-9_]{3,}"
needs_build_json = False
''',
}


class Writer:
    """Writes one flavour of a corpus as a Sphinx project."""

    def __init__(self, corpus: Corpus, flavour: str, toc: str = "nested") -> None:
        if flavour not in FLAVOURS:
            raise ValueError(f"unknown flavour {flavour!r}; one of {', '.join(FLAVOURS)}")
        if toc not in TOC_LAYOUTS:
            raise ValueError(f"unknown toc layout {toc!r}; one of {', '.join(TOC_LAYOUTS)}")
        self.c = corpus
        self.f = flavour
        self.toc = toc
        self.notes_on = _notes_on(corpus)
        # "ours" quotes every second source as a law: its quotes give their
        # place as ``:at: 第N条第M項`` read by the ja-law scheme, so that the
        # cost of reading locators is in the figures beside ja-plan's options.
        self.laws = {src.id for n, src in enumerate(corpus.sources) if n % 2 == 1}
        self.law_at: dict[tuple[str, int, str | None], str] = {}
        for quote in corpus.quotes:
            if quote.source.id in self.laws:
                place = (quote.source.id, quote.chapter, quote.policy)
                if place not in self.law_at:
                    items = sum(1 for key in self.law_at if key[:2] == place[:2])
                    self.law_at[place] = (f"第{quote.chapter}条第{items + 1}項"
                                          if quote.policy else f"第{quote.chapter}条")

    # pages --------------------------------------------------------------

    def files(self) -> dict[str, str]:
        files = {"conf.py": CONF_COMMON + CONF_FLAVOUR[self.f] + CONF_PDF,
                 "sources.rst": self.sources_page()}
        revision = self.f == "ours" and self.c.plan_versions is not None
        if revision:
            files.update(self.revision_files())
        for doc in self.c.docs:
            files[doc.name + ".rst"] = self.doc_page(doc)
        index_pages: list[str] = []
        if self.f in ("plain", "ours", "needs"):
            for s in self.c.sources:
                files[f"indexes/{s.id}.rst"] = self.index_page([s], f"{s.short} 索引")
                index_pages.append(f"indexes/{s.id}")
        if self.f != "bare":
            files["indexes/all.rst"] = self.index_page(self.c.sources, "全出典 索引")
            index_pages.insert(0, "indexes/all")
        if self.toc == "flat":
            toc = ["sources", *index_pages, *(d.name for d in self.c.docs)]
            if revision:
                toc.insert(1, REVISION_PAGE)
        else:
            # as a real project is laid out: one part per source, holding its
            # index and its documents, so that a page's sidebar lists the parts
            # and its own part's documents, not every document of the project
            toc = ["sources", *([REVISION_PAGE] if revision else []), *index_pages[:1]]
            for s in self.c.sources:
                own_index = [f"indexes/{s.id}"] if f"indexes/{s.id}" in index_pages else []
                docs = [f"/{name}" for name in own_index + [d.name for d in self.c.docs_of(s)]]
                files[f"parts/{s.id}.rst"] = (
                    _heading(f"{s.short}の論評") + "\n" + f"{s.title}（{s.issuer}）への論評。\n\n"
                    ".. toctree::\n   :maxdepth: 1\n\n" + _indent(docs, 3) + "\n")
                toc.append(f"parts/{s.id}")
        files["index.rst"] = (_heading("政策論評ベンチマーク") + "\n"
                              + f"{len(self.c.sources)} 出典、{len(self.c.docs)} 文書、"
                              f"{len(self.c.quotes)} 引用、{len(self.c.notes)} 論評。\n\n"
                              ".. toctree::\n   :maxdepth: 1\n\n" + _indent(toc, 3) + "\n")
        return files

    def sources_page(self) -> str:
        out = [_heading("出典一覧")]
        for s in self.c.sources:
            if self.f == "ours":
                scheme = "   :scheme: ja-law\n" if s.id in self.laws else ""
                out.append(f".. source-ref:: {s.id}\n   :title: {s.title}\n   :short: {s.short}\n"
                           f"   :issuer: {s.issuer}\n   :date: {s.date}\n   :url: {s.url}\n"
                           f"{scheme}\n   {s.issuer}決定。\n")
            else:
                out.append(f".. _{s.id}:\n\n" + _heading(s.title, "-") + "\n"
                           f":略称: {s.short}\n:決定: {s.issuer}\n:日付: {s.date}\n"
                           f":URL: {s.url}\n\n{s.issuer}決定。\n")
        return "\n".join(out)

    def revision_files(self) -> dict[str, str]:
        """The two versions of the plan as text files, declared as sources on a
        page that compares them (``policy-diff`` of the newer, which
        ``:supersedes:`` the older)."""
        assert self.c.plan_versions is not None
        old, new = self.c.plan_versions
        cards = []
        for sid, version, date, text, extra in (
                ("plan-old", "2024年版", "2024-04-01", "texts/plan-2024.txt", ""),
                ("plan-new", "2025年版", "2025-04-01", "texts/plan-2025.txt",
                 "   :supersedes: plan-old\n")):
            cards.append(f".. source-ref:: {sid}\n   :title: 地域デジタル化推進計画\n"
                         f"   :short: 推進計画{version[:4]}\n   :issuer: 総務省\n"
                         f"   :date: {date}\n   :version: {version}\n"
                         f"   :scheme: ja-outline\n   :text: {text}\n{extra}")
        page = (_heading("推進計画 新旧対照表") + "\n" + "\n".join(cards)
                + "\n.. policy-diff:: plan-new\n")
        return {f"{REVISION_PAGE}.rst": page, "texts/plan-2024.txt": old,
                "texts/plan-2025.txt": new}

    def doc_page(self, doc: Doc) -> str:
        out = [_heading(doc.title)]
        for item in doc.items:
            out.append(self.quote(item) if isinstance(item, Quote) else self.note(item))
        return "\n".join(out)

    # items --------------------------------------------------------------

    def _page_link(self, q: Quote) -> str:
        return f"`p.{q.page} <{q.source.url}#page={q.page}>`__"

    def quote(self, q: Quote) -> str:
        s = q.source
        if self.f == "ours":
            opts = [f":source: {s.id}"]
            if s.id in self.laws:
                opts.append(f":at: {self.law_at[(s.id, q.chapter, q.policy)]}")
            else:
                opts.append(f":chapter: {q.chapter_raw}")
                if q.policy_raw:
                    opts.append(f":policy: {q.policy_raw}")
            opts.append(f":page: {q.page}")
            if q.named:
                opts.append(f":name: {q.name}")
            return (".. policy-quote::\n" + _indent(opts, 3) + "\n\n" + _indent(q.lines, 3) + "\n")
        if self.f == "needs":
            opts = [f":id: {q.need_id}", f":source: {s.id}", f":chapter: {q.chapter}",
                    f":page: {q.page}"]
            if q.policy:
                opts.append(f":policy: {q.policy}")
            return (f".. pquote:: {q.label()}\n" + _indent(opts, 3) + "\n\n"
                    + _indent(q.lines, 3) + "\n")
        label = f"**{s.short}** 第{q.chapter}章"
        if q.policy:
            label += f" {q.policy}"
        label += " " + self._page_link(q)
        if self.f == "todo":
            return (f".. _{q.name}:\n\n.. todo::\n\n   {label}\n\n" + _indent(q.lines, 3) + "\n")
        return f".. _{q.name}:\n\n{label}\n\n" + _indent(q.lines, 4) + "\n"

    def _blocks(self, note: Note) -> list[str]:
        lines: list[str] = []
        prev = None
        for kind, text in note.blocks:
            if lines and not (kind == "li" and prev == "li"):
                lines.append("")
            lines.append(f"- {text}" if kind == "li" else text)
            prev = kind
        extra = []
        if note.cites_source:
            s = note.quotes[0].source
            extra.append(f":source-ref:`{s.id}` を参照。" if self.f == "ours"
                         else f":ref:`{s.title} <{s.id}>` を参照。")
        if note.cites_policy is not None:
            p = note.cites_policy
            if self.f == "ours":
                target = self.law_at.get((p.source.id, p.chapter, p.policy), p.policy)
                extra.append(f"関連：:policy:`{p.source.id}:{target}`。")
            elif self.f == "needs":
                extra.append(f"関連：:need:`{p.need_id}`。")
            else:
                extra.append(f"関連：:ref:`{p.label()} <{p.name}>`。")
        if extra:
            lines += ["", " ".join(extra)]
        return lines

    def note(self, note: Note) -> str:
        body = self._blocks(note)
        remote = [q for q in note.quotes if q.docname != note.docname]
        if self.f == "ours":
            opts = []
            if note.explicit:
                opts.append(":on: " + ", ".join(q.name for q in note.quotes))
            if note.author:
                opts.append(f":author: {note.author}")
            return (".. commentary::\n" + _indent(opts, 3) + ("\n" if opts else "")
                    + "\n" + _indent(body, 3) + "\n")
        if self.f == "needs":
            opts = [f":id: N_{note.name.upper().replace('-', '_')}",
                    ":links: " + ", ".join(q.need_id for q in note.quotes)]
            if note.author:
                opts.append(f":author: {note.author}")
            return (f".. pnote:: 論評 {note.name}\n" + _indent(opts, 3) + "\n\n"
                    + _indent(body, 3) + "\n")
        head = "**論評**" + (f" （{note.author}）" if note.author else "")
        if remote:
            head += " " + " ".join(f":ref:`→ {q.label()} <{q.name}>`" for q in remote)
        directive = ".. todo::" if self.f == "todo" else ".. note::"
        return (f".. _{note.name}:\n\n{directive}\n\n   {head}\n\n" + _indent(body, 3) + "\n")

    # indexes ------------------------------------------------------------

    def index_page(self, sources: list[Source], title: str) -> str:
        out = [_heading(title)]
        if self.f == "ours":
            if len(sources) == 1:
                out.append(f".. policy-index::\n   :source: {sources[0].id}\n")
            else:
                out.append(".. policy-index::\n")
        elif self.f == "todo":
            out.append(".. todolist::\n")
        elif self.f == "needs":
            for s in sources:
                if len(sources) > 1:
                    out.append(_heading(s.title, "-"))
                out.append(".. needtable::\n"
                           f"   :filter: type == \"pquote\" and source == \"{s.id}\"\n"
                           "   :columns: id;title;content;chapter;policy;page;"
                           "incoming as \"論評\"\n"
                           "   :style: table\n   :sort: id\n")
        else:
            for s in sources:
                if len(sources) > 1:
                    out.append(_heading(s.title, "-"))
                out.append(self.plain_table(s))
        return "\n".join(out)

    def plain_table(self, s: Source) -> str:
        """The hand-written index: one list-table row per chapter and policy."""
        lines = [".. list-table::", "   :header-rows: 1", "   :widths: 18 42 40",
                 "   :class: longtable", "", "   * - 方針", "     - 引用", "     - 論評"]
        for chapter, policy, quotes in _rows(self.c, s):
            lines.append(f"   * - 第{chapter}章" + (f" {policy}" if policy else ""))
            first = True
            for q in quotes:
                prefix = "     - " if first else "       "
                if not first:
                    lines.append("")
                lines.append(prefix + q.text)
                lines.append("")
                lines.append(f"       :ref:`→ {q.label()} <{q.name}>` {self._page_link(q)}")
                first = False
            seen: set[str] = set()
            cell: list[str] = []
            for q in quotes:
                for note in self.notes_on.get(q.name, []):
                    if note.name in seen:
                        continue
                    seen.add(note.name)
                    if cell:
                        cell.append("")
                    text = " ".join(t for _, t in note.blocks)
                    cell.append(text)
                    cell.append("")
                    cell.append((f"{note.author} " if note.author else "")
                                + f":ref:`→ 論評 <{note.name}>`")
            if not cell:
                cell = ["論評なし"]
            lines.append("     - " + cell[0])
            lines.extend(("       " + x) if x else "" for x in cell[1:])
        return "\n".join(lines) + "\n"


def write(corpus: Corpus, flavour: str, dest: Path, toc: str = "nested") -> Path:
    """Write one flavour of `corpus` as a Sphinx project in `dest` (emptied first)."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    for rel, text in Writer(corpus, flavour, toc).files().items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--quotes", type=int, default=20, help="quotes per document")
    parser.add_argument("--flavour", choices=FLAVOURS, default="ours")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--toc", choices=TOC_LAYOUTS, default="nested",
                        help="nested: one part per source (default); flat: every "
                        "document in the root toctree")
    args = parser.parse_args(argv)
    corpus = generate(args.docs, args.quotes, args.seed)
    write(corpus, args.flavour, args.dest, args.toc)
    print(f"{args.dest}: {args.flavour}, {len(corpus.sources)} sources, {len(corpus.docs)} "
          f"documents, {len(corpus.quotes)} quotes, {len(corpus.notes)} commentaries")


if __name__ == "__main__":
    main()
