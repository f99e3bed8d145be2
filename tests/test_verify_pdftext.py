"""PDF sources: text extraction with pypdf, page labels, the cache, and matching.

The test PDF is written here byte by byte, so no font file, TeX or PDF
library is needed to make it: its text uses a Type0 font with Identity-H
encoding whose codes are the characters' own UTF-16 code units, and a
ToUnicode CMap maps them back, which is all a text extractor reads.  (The
font is not embedded: viewers substitute one; extraction does not care.)
"""

from __future__ import annotations

import builtins
import sys
from pathlib import Path
from typing import Any

import pytest

from sphinx_policynotes.verify import (
    MissingDependencyError,
    PdfTextError,
    SourceText,
    extract_pdf,
    find_quote,
    load_pdf,
    pdftext,
)

#: Roman page numbers for the first page, then 1, 2, ... from the second.
ROMAN_THEN_DECIMAL = "/PageLabels << /Nums [0 << /S /r >> 1 << /S /D /St 1 >>] >>"

PAGES: list[list[str]] = [
    ["デジタル・ガバメント推進方針", "目次", "第１章　はじめに"],
    [
        "第１章　はじめに",
        "  デジタル技術の徹底活用と、官民協働を軸として、デジタル",
        "社会に対応したデジタル・ガバメントを目指す。行政のinfor-",
        "mation systemsを見直し、２０１８年度から順次実施する。",
        "  紙や申請を前提とした制度といった、今後のデジタル化を阻む",
        "障壁も明確にな",
        "- 1 -",
    ],
    [
        "っている。こうしたデジタル化と相反する制度の見直しにまで踏",
        "み込んで、旧来の仕組みを抜本的に変革する。",
        "【\u2f45針２－１】データ流通を促進する環境の整備",
        "  行政が保有するデータについては、オープンデータを前提とし",
        "（オープンデータ・バイ・デザイン）、標準化を進める。",
        "- 2 -",
    ],
]


def _to_unicode_cmap(text: str) -> bytes:
    """A ToUnicode CMap mapping the 2-byte code of each character of ``text`` to it."""
    pairs = [f"<{ord(char):04X}> <{ord(char):04X}>" for char in sorted(set(text))]
    body = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    )
    for i in range(0, len(pairs), 100):
        chunk = pairs[i : i + 100]
        body += f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
    body += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    return body.encode("ascii")


def write_pdf(path: Path, pages: list[list[str]], catalog_extra: str = "") -> None:
    """Write a PDF with one text line per entry of each page (BMP text only)."""
    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    def stream(data: bytes) -> bytes:
        return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"

    to_unicode = add(stream(_to_unicode_cmap("".join("".join(lines) for lines in pages))))
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /NotoSansCJKjp-Regular /Flags 4 "
        b"/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 700 /StemV 80 >>"
    )
    cid_font = add(
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSansCJKjp-Regular "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /DW 1000 /CIDToGIDMap /Identity >>".encode()
    )
    font = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /NotoSansCJKjp-Regular "
        f"/Encoding /Identity-H /DescendantFonts [{cid_font} 0 R] "
        f"/ToUnicode {to_unicode} 0 R >>".encode()
    )
    contents: list[int] = []
    for lines in pages:
        ops = ["BT", "/F1 10 Tf"]
        for row, line in enumerate(lines):
            ops.append(f"1 0 0 1 50 {800 - 16 * row} Tm <{line.encode('utf-16-be').hex()}> Tj")
        ops.append("ET")
        contents.append(add(stream("\n".join(ops).encode("ascii"))))
    first_page = len(objects) + 1
    pages_id = first_page + len(pages)
    for content in contents:
        add(
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
        )
    kids = " ".join(f"{first_page + i} 0 R" for i in range(len(pages)))
    add(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R {catalog_extra} >>".encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    path.write_bytes(bytes(out))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "suisinhosin.pdf"
    write_pdf(path, PAGES, ROMAN_THEN_DECIMAL)
    return path


@pytest.fixture(scope="module")
def source(pdf: Path) -> SourceText:
    return load_pdf(pdf)


def test_extraction_gives_one_text_per_page_with_the_lines(pdf: Path) -> None:
    pages, labels, extractor = extract_pdf(pdf)
    assert len(pages) == 3
    assert pages[1].splitlines()[0] == "第１章\u3000はじめに"
    assert "障壁も明確にな" in pages[1] and pages[2].startswith("っている。")
    assert "\u2f45針２－１" in pages[2]
    assert labels == ("i", "1", "2")
    assert extractor.startswith("pypdf ")


def test_a_pdf_without_page_labels_has_none(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    write_pdf(path, [["一頁"], ["二頁"]])
    text = load_pdf(path)
    assert text.page_labels is None
    assert text.printed_page(2) == "2"


def test_exact_quote_in_the_pdf_with_printed_page_from_labels(source: SourceText) -> None:
    match = find_quote(
        source,
        "デジタル技術の徹底活用と、官民協働を軸として、デジタル社会に対応したデジタル・ガバメントを目指す。",
    )
    assert match.status == "exact"
    assert (match.page, match.printed_page) == (2, "1")


def test_hyphenated_word_and_full_width_digits_match(source: SourceText) -> None:
    match = find_quote(source, "行政のinformation systemsを見直し、2018年度から順次実施する。")
    assert match.status == "exact"
    assert match.page == 2


def test_cross_page_quote_over_the_footer_is_exact_on_the_first_page(source: SourceText) -> None:
    match = find_quote(
        source, "今後のデジタル化を阻む障壁も明確になっている。こうしたデジタル化と相反する制度"
    )
    assert match.status == "exact"
    assert (match.page, match.end_page, match.printed_page) == (2, 3, "1")
    assert match.source_text is not None and "- 1 -" in match.source_text


def test_kangxi_radical_in_the_pdf_matches_the_plain_ideograph(source: SourceText) -> None:
    match = find_quote(source, "【方針２－１】データ流通を促進する環境の整備")
    assert match.status == "exact"
    assert match.source_text == "【\u2f45針２－１】データ流通を促進する環境の整備"


def test_misquote_in_the_pdf_is_close_with_the_source_wording(source: SourceText) -> None:
    match = find_quote(
        source,
        "行政が保有するデータについては、オープンデータを前提う（オープンデータ・バイ・デザイン）",
    )
    assert match.status == "close"
    assert match.page == 3 and match.printed_page == "2"
    assert [(op.quote, op.source) for op in match.diff] == [("う", "とし")]


def test_unrelated_quote_is_not_found_in_the_pdf(source: SourceText) -> None:
    assert (
        find_quote(source, "国会議員の定数を削減し、選挙制度を抜本的に改める。").status
        == "not_found"
    )


def test_page_mismatch_is_visible_against_the_expected_page(source: SourceText) -> None:
    expected = source.physical_page("1")  # the quote's :page: 1 is physical page 2
    assert expected == 2
    match = find_quote(source, "旧来の仕組みを抜本的に変革する。", expected_page=expected)
    assert match.status == "exact"
    assert match.page == 3 and match.page != expected
    assert match.printed_page == "2"


def test_cache_is_written_keyed_by_sha256_and_reused_without_pypdf(
    pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_pdf(pdf, cache_dir=tmp_path / "cache")
    sha = pdftext.file_sha256(pdf)
    cached = pdftext.cache_path(tmp_path / "cache", sha)
    assert cached.is_file()

    def refuse(path: Any) -> Any:
        raise AssertionError("extracted again despite the cache")

    monkeypatch.setattr(pdftext, "extract_pdf", refuse)
    second = load_pdf(pdf, cache_dir=tmp_path / "cache", page_offset=1)
    assert second.pages == first.pages
    assert second.page_labels == ("i", "1", "2")
    assert second.page_offset == 1


def test_a_changed_pdf_is_extracted_again(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    write_pdf(path, [["初版の本文"]])
    assert load_pdf(path, cache_dir=tmp_path / "c").pages == ("初版の本文",)
    write_pdf(path, [["改訂版の本文"]])
    assert load_pdf(path, cache_dir=tmp_path / "c").pages == ("改訂版の本文",)
    assert len(list((tmp_path / "c").glob("pdftext-*.json"))) == 2


def test_a_broken_cache_file_is_ignored(pdf: Path, tmp_path: Path) -> None:
    cache = pdftext.cache_path(tmp_path, pdftext.file_sha256(pdf))
    cache.write_text("{not json", encoding="utf-8")
    assert load_pdf(pdf, cache_dir=tmp_path).page_count == 3
    assert cache.read_text(encoding="utf-8").startswith("{")
    assert SourceText.from_dict(__import__("json").loads(cache.read_text("utf-8"))["text"])


def test_missing_pypdf_gives_a_clear_error(
    pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_pypdf(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pypdf" or name.startswith("pypdf."):
            raise ImportError("No module named 'pypdf'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "pypdf", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    with pytest.raises(MissingDependencyError, match=r"sphinx-policynotes\[pdf\]"):
        load_pdf(pdf, cache_dir=tmp_path)


def test_unreadable_files_raise_pdf_text_error(tmp_path: Path) -> None:
    with pytest.raises(PdfTextError):
        load_pdf(tmp_path / "missing.pdf")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a PDF at all")
    with pytest.raises(PdfTextError):
        load_pdf(junk)
