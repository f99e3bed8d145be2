"""``sphinx_policynotes.export.annotations``: the export as W3C Web Annotations.

The input is the hand-written export ``fixtures/annotations/export-small.json``
(its cases are listed in that folder's README). The output is checked three
ways: as JSON against the model's required properties (a JSON Schema written
from the specification), as JSON-LD with pyld (expansion, compaction and RDF,
with the W3C context served from a local copy, never the network), and field
by field for what the feature promises.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pyld import jsonld

from sphinx_policynotes.export.annotations import (
    CONTEXT,
    CONTEXT_CHARS,
    LOCATOR_KEY,
    LOCATOR_LABEL,
    PDF_FRAGMENT_SPEC,
    dumps_jsonld,
    page_url,
    to_web_annotations,
)

FIXTURES = Path(__file__).parent / "fixtures" / "annotations"
BASE = "https://example.org/docs/"
PAGE_URLS = {"sources": "sources.html", "notes/policies": "notes/policies.html",
             "notes/other": "notes/other.html"}
OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
#: An absolute IRI: a scheme, a colon, and no character an IRI cannot hold.
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
#: The quotes with no commentary, which become ``highlighting`` annotations.
UNCOMMENTED = ["pq-notes-policies-3", "pq-notes-other-3", "pq-orphan-1", "pq-notes-other-4"]
SOURCE_PDF = "https://www.kantei.go.jp/jp/singi/it2/kettei/pdf/20170530/suisinhosin.pdf"
Q1 = "先行的にサービスデザイン思考による業務改革（ＢＰＲ）を実施する。"


# -- helpers -----------------------------------------------------------------


def load_export() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "export-small.json").read_text(encoding="utf-8"))
    return data


#: ``at`` (sphinx-policynotes/2) of quotes of export-small.json, by quote id: a
#: ja-plan place, a ja-law one (source without URL), an unreadable one.
PLACES: dict[str, dict[str, Any]] = {
    "pq-notes-policies-1": {
        "key": "chp_4__方針1-1", "label": "第4章 方針1-1",
        "path": [{"level": "chp", "num": "4", "label": "第4章"},
                 {"level": "policy", "num": "方針1-1", "label": "方針1-1"}]},
    "pq-notes-other-3": {
        "key": "art_3-2__para_1__item_2", "label": "第三条の二第一項第二号",
        "path": [{"level": "art", "num": "3-2", "label": "第三条の二"},
                 {"level": "para", "num": "1", "label": "第一項"},
                 {"level": "item", "num": "2", "label": "第二号"}]},
    "pq-orphan-1": {"key": None, "label": "Article 99(zz9)", "path": []},
}


def placed_export() -> dict[str, Any]:
    """export-small.json as sphinx-policynotes/2: ``at`` on every quote (PLACES, else null)."""
    export = load_export()
    export["schema"] = "sphinx-policynotes/2"
    for q in export["quotes"]:
        q["at"] = copy.deepcopy(PLACES.get(q["id"]))
    return export


def convert(export: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"base_url": BASE, "language": "ja", "page_urls": PAGE_URLS}
    options.update(kwargs)
    return to_web_annotations(load_export() if export is None else export, **options)


def items(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return doc["first"]["items"] if "first" in doc else []


def by_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {anno["id"]: anno for anno in items(doc)}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def anno_for(doc: dict[str, Any], anchor: str) -> dict[str, Any]:
    (found,) = [a for a in items(doc) if a["id"].endswith("#" + anchor)
                or a["id"] == f"urn:policynotes:{anchor}"]
    return found


def selectors(target: dict[str, Any]) -> list[dict[str, Any]]:
    return as_list(target.get("selector", []))


class OfflineLoader:
    """A pyld document loader that serves the W3C context from disk and nothing else."""

    def __init__(self) -> None:
        self.context = json.loads((FIXTURES / "anno.jsonld").read_text(encoding="utf-8"))
        self.calls: list[str] = []

    def __call__(self, url: str, options: Any = None) -> dict[str, Any]:
        self.calls.append(url)
        if url != CONTEXT:
            raise AssertionError(f"the test would fetch {url} from the network")
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(self.context)}


@pytest.fixture
def loader() -> OfflineLoader:
    return OfflineLoader()


def nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object inside an (expanded) JSON-LD value, depth first."""
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from nodes(child)


def values_of(expanded: Any, predicate: str) -> list[Any]:
    """All objects of ``predicate`` anywhere in an expanded document."""
    found: list[Any] = []
    for node in nodes(expanded):
        for obj in node.get(predicate, []):
            found.append(obj.get("@id", obj.get("@value")) if isinstance(obj, dict) else obj)
    return found


def typed(expanded: Any, type_iri: str) -> list[dict[str, Any]]:
    return [n for n in nodes(expanded) if type_iri in n.get("@type", [])]


# -- the W3C model's required fields ------------------------------------------


@pytest.mark.parametrize("base_url", [BASE, None])
def test_valid_against_the_models_required_properties(base_url: str | None) -> None:
    schema = json.loads((FIXTURES / "annotation-model.schema.json").read_text(encoding="utf-8"))
    doc = convert(base_url=base_url, source_texts={"dg-2017": "前。" + Q1 + "後。"})
    jsonschema.Draft202012Validator(schema).validate(doc)
    # The schema is not vacuous: a missing target or body value is refused.
    broken = copy.deepcopy(doc)
    del broken["first"]["items"][0]["target"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    broken = copy.deepcopy(doc)
    del broken["first"]["items"][0]["body"][0]["value"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


@pytest.mark.parametrize("base_url", [BASE, None])
def test_every_annotation_has_the_required_fields(base_url: str | None) -> None:
    doc = convert(base_url=base_url)
    assert doc["@context"] == CONTEXT
    assert doc["type"] == "AnnotationCollection"
    annos = items(doc)
    assert len(annos) == doc["total"] == 4 + len(UNCOMMENTED)
    for anno in annos:
        assert anno["@context"] == CONTEXT
        assert anno["type"] == "Annotation"
        assert ABSOLUTE_IRI.match(anno["id"]), anno["id"]
        assert anno["target"]
        for body in as_list(anno.get("body", [])):
            assert body["type"] == "TextualBody"
            assert isinstance(body["value"], str)
        for target in as_list(anno["target"]):
            if isinstance(target, dict):
                assert target["type"] == "SpecificResource"
                assert target["source"]
                for sel in selectors(target):
                    assert sel["type"] in {"TextQuoteSelector", "FragmentSelector"}
    assert len({a["id"] for a in annos}) == len(annos), "annotation ids collide"


def test_collection_and_page() -> None:
    doc = convert()
    page = doc["first"]
    assert doc["id"] == BASE + "policynotes.jsonld"
    assert page["type"] == "AnnotationPage"
    assert page["partOf"] == doc["id"]
    assert doc["last"] == page["id"] != doc["id"]
    assert page["startIndex"] == 0
    assert doc["generator"]["type"] == "Software"
    # The file name and label given by the caller are used.
    other = convert(filename="out/notes.jsonld", label="推進方針の論評")
    assert other["id"] == BASE + "out/notes.jsonld"
    assert other["label"] == "推進方針の論評"


def test_empty_export_is_an_empty_collection(loader: OfflineLoader) -> None:
    doc = to_web_annotations({"schema": "sphinx-policynotes/1", "sources": [], "quotes": [],
                              "commentaries": []}, base_url=None, language=None)
    assert doc["total"] == 0
    assert "first" not in doc and "last" not in doc
    expanded = jsonld.expand(doc, {"documentLoader": loader})
    assert typed(expanded, AS + "OrderedCollection")


# -- JSON-LD processing (pyld) -------------------------------------------------


@pytest.mark.parametrize("base_url", [BASE, None])
def test_expands_to_the_web_annotation_vocabulary(loader: OfflineLoader,
                                                  base_url: str | None) -> None:
    doc = convert(base_url=base_url, source_texts={"dg-2017": "前。" + Q1 + "後。"})
    expanded = jsonld.expand(doc, {"documentLoader": loader})
    assert loader.calls and set(loader.calls) == {CONTEXT}

    annotations = typed(expanded, OA + "Annotation")
    assert sorted(a["@id"] for a in annotations) == sorted(by_id(doc))
    assert len(typed(expanded, AS + "OrderedCollection")) == 1
    assert len(typed(expanded, AS + "OrderedCollectionPage")) == 1
    (page,) = typed(expanded, AS + "OrderedCollectionPage")
    # ``items`` is an ordered list in RDF, in the document's order.
    assert [a["@id"] for a in page[AS + "items"][0]["@list"]] == [a["id"] for a in items(doc)]

    motivations = values_of(expanded, OA + "motivatedBy")
    assert sorted(set(motivations)) == [OA + "commenting", OA + "highlighting"]
    assert motivations.count(OA + "commenting") == 4
    assert motivations.count(OA + "highlighting") == len(UNCOMMENTED)
    assert set(values_of(expanded, OA + "hasPurpose")) == {OA + "commenting", OA + "tagging"}
    assert typed(expanded, OA + "TextualBody")
    assert typed(expanded, OA + "SpecificResource")
    assert typed(expanded, OA + "TextQuoteSelector")
    assert typed(expanded, OA + "FragmentSelector")
    assert "方針1-1" in values_of(expanded, RDF + "value")
    assert Q1 in values_of(expanded, OA + "exact")
    assert "前。" in values_of(expanded, OA + "prefix")
    assert "後。" in values_of(expanded, OA + "suffix")
    assert "page=5" in values_of(expanded, RDF + "value")
    assert set(values_of(expanded, DCTERMS + "conformsTo")) == {PDF_FRAGMENT_SPEC}
    assert values_of(expanded, OA + "refinedBy")
    assert SOURCE_PDF in values_of(expanded, OA + "hasSource")
    assert set(values_of(expanded, DC + "language")) == {"ja"}
    assert set(values_of(expanded, DC + "format")) == {"text/plain"}
    assert {"査読者", "市民A"} <= set(values_of(expanded, FOAF + "name"))
    assert values_of(expanded, DCTERMS + "creator")
    assert values_of(expanded, AS + "generator")
    (total,) = [n[AS + "totalItems"][0] for n in typed(expanded, AS + "OrderedCollection")]
    assert total["@type"] == "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
    assert int(total["@value"]) == len(annotations)


def test_compacts_back_to_the_same_annotations(loader: OfflineLoader) -> None:
    doc = convert()
    options = {"documentLoader": loader}
    compacted = jsonld.compact(jsonld.expand(doc, options), CONTEXT, options)
    assert compacted["@context"] == CONTEXT
    assert compacted["type"] == "AnnotationCollection"
    page = compacted["first"]
    assert [a["id"] for a in page["items"]] == [a["id"] for a in items(doc)]
    assert {a["motivation"] for a in page["items"]} == {"commenting", "highlighting"}
    first = page["items"][0]
    assert first["body"][0]["value"] == items(doc)[0]["body"][0]["value"]


def test_converts_to_rdf_with_every_annotation(loader: OfflineLoader) -> None:
    doc = convert(base_url=None)
    nquads = jsonld.to_rdf(doc, {"documentLoader": loader, "format": "application/n-quads",
                                 "base": BASE + "policynotes.jsonld"})
    typed_annos = re.findall(r"^<([^>]+)> <http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> "
                             r"<http://www\.w3\.org/ns/oa#Annotation> \.$", nquads, re.M)
    assert sorted(typed_annos) == sorted(by_id(doc))
    # Relative page links resolve against the file's own URL, in the output root.
    assert f"<{OA}hasScope> <{BASE}notes/policies.html#pq-notes-policies-1>" in nquads


# -- what each annotation says ---------------------------------------------------


def test_one_commenting_annotation_per_commentary() -> None:
    doc = convert()
    commenting = [a for a in items(doc) if a["motivation"] == "commenting"]
    export = load_export()
    assert [a["id"] for a in commenting] == [
        f"{BASE}{PAGE_URLS[c['docname']]}#{c['anchor']}" for c in export["commentaries"]]
    for anno, note in zip(commenting, export["commentaries"], strict=True):
        text_body = anno["body"][0]
        assert text_body == {"type": "TextualBody", "purpose": "commenting",
                             "value": note["text"], "format": "text/plain", "language": "ja"}


def test_commentary_on_two_quotes_targets_both_and_tags_both_policies() -> None:
    anno = anno_for(convert(), "pc-notes-policies-1")
    assert anno["body"][0]["value"] == "賛成。ただし、\"BPR\" の範囲は広い 👍\n次の段落、続き。"
    tags = [b["value"] for b in anno["body"] if b.get("purpose") == "tagging"]
    assert tags == ["方針1-1", "方針1-2"]
    targets = as_list(anno["target"])
    assert [sel["exact"] for t in targets for sel in selectors(t)
            if sel["type"] == "TextQuoteSelector"] == [
        Q1, "一度提出した情報は、二度提出することを不要とする（\"ワンスオンリー\"）。"]
    assert {t["source"] for t in targets} == {SOURCE_PDF}
    assert [t["scope"] for t in targets] == [
        BASE + "notes/policies.html#pq-notes-policies-1",
        BASE + "notes/policies.html#pq-notes-policies-2"]
    assert anno["creator"] == {"name": "査読者"}


def test_tags_are_distinct() -> None:
    export = load_export()
    export["quotes"][1]["policy"] = "方針1-1"  # both quotes of the note now share a key
    anno = anno_for(convert(export), "pc-notes-policies-1")
    assert [b["value"] for b in anno["body"] if b.get("purpose") == "tagging"] == ["方針1-1"]


def test_creator_only_with_an_author() -> None:
    doc = convert()
    assert anno_for(doc, "pc-notes-other-1")["creator"] == {"name": "市民A"}
    assert "creator" not in anno_for(doc, "pc-notes-other-5")


def test_commentary_on_nothing_targets_its_own_page() -> None:
    anno = anno_for(convert(), "pc-notes-other-5")
    assert anno["target"] == BASE + "notes/other.html"
    assert [b["purpose"] for b in anno["body"]] == ["commenting"]


def test_highlighting_for_each_quote_without_commentary() -> None:
    doc = convert()
    highlights = [a for a in items(doc) if a["motivation"] == "highlighting"]
    assert [a["id"].rsplit("#", 1)[-1].removeprefix("urn:policynotes:") for a in highlights] \
        == UNCOMMENTED
    for anno in highlights:
        assert "creator" not in anno
    it2018 = anno_for(doc, "pq-notes-other-3")
    assert it2018["body"] == {"type": "TextualBody", "purpose": "tagging", "value": "(1)"}
    assert "body" not in anno_for(doc, "pq-notes-policies-3")  # no policy key, no tag


def test_page_known_adds_a_pdf_page_selector_refined_by_the_quote() -> None:
    target = as_list(anno_for(convert(), "pc-notes-policies-1")["target"])[0]
    text_sel, page_sel = selectors(target)
    assert text_sel == {"type": "TextQuoteSelector", "exact": Q1}
    assert page_sel == {"type": "FragmentSelector", "conformsTo": PDF_FRAGMENT_SPEC,
                        "value": "page=5", "refinedBy": text_sel}


def test_page_unknown_has_only_the_text_quote_selector() -> None:
    target = as_list(anno_for(convert(), "pc-notes-policies-1")["target"])[1]
    assert target["selector"]["type"] == "TextQuoteSelector"
    assert not any(s["type"] == "FragmentSelector" for s in selectors(target))


def test_empty_quote_keeps_only_the_page_selector() -> None:
    target = anno_for(convert(), "pq-notes-other-4")["target"]
    assert target["selector"] == {"type": "FragmentSelector", "conformsTo": PDF_FRAGMENT_SPEC,
                                  "value": "page=9"}


def test_prefix_and_suffix_from_the_source_text() -> None:
    before = "前置き" * 20  # 60 characters
    after = "後書き、" * 10  # 40 characters
    text = before + Q1 + after + Q1 + "末尾"
    target = as_list(anno_for(convert(source_texts={"dg-2017": text}),
                              "pc-notes-policies-1")["target"])[0]
    text_sel, page_sel = selectors(target)
    assert text_sel["prefix"] == before[-CONTEXT_CHARS:]
    assert text_sel["suffix"] == after[:CONTEXT_CHARS]  # the first occurrence
    assert len(text_sel["prefix"]) == len(text_sel["suffix"]) == 32
    assert page_sel["refinedBy"] == text_sel


def test_prefix_and_suffix_short_at_the_edges_and_absent_when_not_found() -> None:
    doc = convert(source_texts={"dg-2017": Q1 + "🎌続く"})
    text_sel = selectors(as_list(anno_for(doc, "pc-notes-policies-1")["target"])[0])[0]
    assert "prefix" not in text_sel
    assert text_sel["suffix"] == "🎌続く"
    second = as_list(anno_for(doc, "pc-notes-policies-1")["target"])[1]
    assert set(second["selector"]) == {"type", "exact"}  # not in the source text


def test_source_without_url_targets_the_quote_page_without_paper_details() -> None:
    doc = convert(source_texts={"it-2018": "前。全ての国民が、\nデジタル化の恩恵を 🎌 享受できる社会。後。"})
    target = anno_for(doc, "pq-notes-other-3")["target"]
    assert target["source"] == BASE + "notes/other.html"
    assert target["scope"] == BASE + "notes/other.html#pq-notes-other-3"
    # Page 3 and the paper's surrounding text describe the paper, not our page.
    assert target["selector"] == {"type": "TextQuoteSelector",
                                  "exact": "全ての国民が、\nデジタル化の恩恵を 🎌 享受できる社会。"}


def test_unknown_source_and_unknown_page_fall_back_to_urns() -> None:
    anno = anno_for(convert(), "pq-orphan-1")
    assert anno["id"] == "urn:policynotes:pq-orphan-1"
    assert anno["target"]["source"] == "urn:policynotes:page:orphan"
    assert ABSOLUTE_IRI.match(anno["target"]["scope"])



# -- the quote's place (at) ----------------------------------------------------------


def test_target_carries_the_place_as_label_and_identifier() -> None:
    doc = convert(placed_export())
    assert (LOCATOR_KEY, LOCATOR_LABEL) == ("dcterms:identifier", "label")
    first = as_list(anno_for(doc, "pc-notes-policies-1")["target"])[0]
    assert first["label"] == "第4章 方針1-1"
    assert first["dcterms:identifier"] == "chp_4__方針1-1"
    # Beside the selectors, which still find the text.
    assert [s["type"] for s in selectors(first)] == ["TextQuoteSelector", "FragmentSelector"]
    # The same target in every annotation that has it.
    again = as_list(anno_for(doc, "pc-notes-other-1")["target"])[0]
    assert (again["label"], again["dcterms:identifier"]) == ("第4章 方針1-1", "chp_4__方針1-1")


def test_place_is_kept_when_the_source_has_no_url() -> None:
    target = anno_for(convert(placed_export()), "pq-notes-other-3")["target"]
    assert target["source"] == BASE + "notes/other.html"
    assert target["label"] == "第三条の二第一項第二号"
    assert target["dcterms:identifier"] == "art_3-2__para_1__item_2"


def test_unreadable_place_has_a_label_and_no_identifier() -> None:
    target = anno_for(convert(placed_export()), "pq-orphan-1")["target"]
    assert target["label"] == "Article 99(zz9)"
    assert "dcterms:identifier" not in target


def test_no_place_adds_nothing_also_for_an_export_of_format_1() -> None:
    placed = convert(placed_export())
    target = as_list(anno_for(placed, "pc-notes-policies-1")["target"])[1]  # at null
    assert "label" not in target and "dcterms:identifier" not in target
    old = convert()  # export-small.json: no "at" at all
    for anno in items(old):
        for target in as_list(anno["target"]):
            assert not isinstance(target, dict) or not {"label", "dcterms:identifier"} & set(target)


def test_placed_export_is_valid_against_the_models_required_properties() -> None:
    schema = json.loads((FIXTURES / "annotation-model.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(convert(placed_export()))


def test_place_expands_to_rdfs_label_and_dcterms_identifier(loader: OfflineLoader) -> None:
    doc = convert(placed_export())
    assert doc["@context"] == CONTEXT  # no context of our own is needed
    expanded = jsonld.expand(doc, {"documentLoader": loader})
    targets = typed(expanded, OA + "SpecificResource")
    labelled = {t[RDFS + "label"][0]["@value"]: t for t in targets if RDFS + "label" in t}
    assert set(labelled) == {"第4章 方針1-1", "第三条の二第一項第二号", "Article 99(zz9)"}
    identifiers = {label: [v["@value"] for v in t.get(DCTERMS + "identifier", [])]
                   for label, t in labelled.items()}
    assert identifiers == {"第4章 方針1-1": ["chp_4__方針1-1"],
                           "第三条の二第一項第二号": ["art_3-2__para_1__item_2"],
                           "Article 99(zz9)": []}
    # Plain literals: the label is in the source's language, not the project's.
    assert all("@language" not in t[RDFS + "label"][0] for t in labelled.values())
    # Compacted with the Web Annotation context, the same two properties come back.
    compacted = jsonld.compact(expanded, CONTEXT, {"documentLoader": loader})
    back = [t for a in compacted["first"]["items"] for t in as_list(a["target"])
            if isinstance(t, dict) and "label" in t]
    assert {(t["label"], t.get("dcterms:identifier")) for t in back} == {
        ("第4章 方針1-1", "chp_4__方針1-1"),
        ("第三条の二第一項第二号", "art_3-2__para_1__item_2"),
        ("Article 99(zz9)", None)}
    nquads = jsonld.to_rdf(doc, {"documentLoader": loader, "format": "application/n-quads"})
    assert f'<{DCTERMS}identifier> "art_3-2__para_1__item_2" .' in nquads


# -- identifiers ------------------------------------------------------------------


def test_ids_from_base_url_and_page_urls() -> None:
    doc = convert()
    assert BASE + "notes/policies.html#pc-notes-policies-1" in by_id(doc)
    assert BASE + "notes/policies.html#pq-notes-policies-3" in by_id(doc)
    # A base URL without its trailing slash means the same folder.
    assert convert(base_url=BASE.rstrip("/")) == doc


def test_ids_without_base_url_are_urns_and_page_links_relative() -> None:
    doc = convert(base_url=None)
    ids = [a["id"] for a in items(doc)]
    assert ids[0] == "urn:policynotes:pc-notes-policies-1"
    assert all(i.startswith("urn:policynotes:") and ABSOLUTE_IRI.match(i) for i in ids)
    assert doc["id"] == "urn:policynotes:annotations"
    target = anno_for(doc, "pq-notes-other-3")["target"]
    assert target["source"] == "notes/other.html"
    assert target["scope"] == "notes/other.html#pq-notes-other-3"


def test_page_url_escapes_what_an_iri_cannot_hold() -> None:
    urls = {"日本語 ノート": "日本語 ノート.html", "a": "a<b>.html"}
    assert page_url(urls, BASE, "日本語 ノート", "pq-x") == BASE + "日本語%20ノート.html#pq-x"
    assert page_url(urls, None, "a") == "a%3Cb%3E.html"
    assert page_url(urls, BASE, "missing") is None
    assert page_url(None, BASE, "a") is None


@pytest.mark.parametrize(("language", "expected"),
                         [("ja", "ja"), ("zh_CN", "zh-CN"), ("en", "en")])
def test_language_as_bcp47(language: str, expected: str) -> None:
    anno = anno_for(convert(language=language), "pc-notes-other-1")
    assert anno["body"][0]["language"] == expected


def test_no_language_leaves_it_out() -> None:
    doc = convert(language=None)
    assert not any("language" in body for a in items(doc) for body in as_list(a.get("body", [])))


# -- serialisation ------------------------------------------------------------------


def test_output_is_deterministic() -> None:
    texts = {"dg-2017": "前。" + Q1 + "後。"}
    first = dumps_jsonld(convert(source_texts=texts)).decode("utf-8")
    second = dumps_jsonld(convert(source_texts=texts)).decode("utf-8")
    assert first == second
    # The same content with the input's keys in another order gives the same bytes.
    scrambled = json.loads(json.dumps(load_export()), object_pairs_hook=lambda pairs:
                           dict(reversed(pairs)))
    assert dumps_jsonld(convert(scrambled, source_texts=texts)).decode("utf-8") == first
    # No timestamps or other run-dependent values.
    assert not re.search(r'"(created|modified|generated)"', first)
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", first)


def test_dumps_sorted_unicode_and_round_trips() -> None:
    doc = convert()
    text = dumps_jsonld(doc).decode("utf-8")
    assert text.endswith("}\n")
    assert "👍" in text and "方針1-1" in text and "\\u" not in text
    assert json.loads(text) == doc
    # Canonical: the same text from the parsed document; one annotation a line.
    assert text == dumps_jsonld(json.loads(text)).decode("utf-8")
    items = doc["first"]["items"]
    assert json.dumps(items[0], ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")) in text.splitlines()[
        text.splitlines().index('  "items": [') + 1]
    assert text.index('"@context"') < text.index('"first"') < text.index('"id"')


def test_input_is_not_modified() -> None:
    export = load_export()
    before = copy.deepcopy(export)
    convert(export, source_texts={"dg-2017": Q1})
    assert export == before


def test_real_build_export_covers_every_quote_once() -> None:
    """On the export of the ``test-b-all`` build: every quote is a target or a highlight."""
    export = json.loads((FIXTURES.parent / "export-b-all.json").read_text(encoding="utf-8"))
    urls = {d: d + ".html" for d in {r["docname"] for r in export["quotes"]
                                      + export["commentaries"]}}
    doc = to_web_annotations(export, base_url=None, language="ja", page_urls=urls)
    commented: Counter[str] = Counter()
    highlighted: list[str] = []
    for anno in items(doc):
        for target in as_list(anno["target"]):
            if isinstance(target, dict):
                anchor = target["scope"].rsplit("#", 1)[-1]
                if anno["motivation"] == "highlighting":
                    highlighted.append(anchor)
                else:
                    commented[anchor] += 1
    for quote in export["quotes"]:
        assert commented[quote["anchor"]] == len(quote["commentaries"]), quote["anchor"]
    assert highlighted == [q["anchor"] for q in export["quotes"] if not q["commentaries"]]
    assert highlighted  # the fixture has uncommented quotes
