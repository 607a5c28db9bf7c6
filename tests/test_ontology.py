"""The vocabulary (ontology/vnkg.ttl) and the SHACL shapes (ontology/shapes.ttl)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from rdf_fixtures import (
    ARTICLE_1, DOC, ENTITIES, EVIDENCE_POST, EVIDENCE_STATEMENT, EVIDENCE_TRIPLE, ID,
    INITIATIVE, MOFA, ORG, PERSON, POST, PROV, ROLE, SCHEMA, TEXT_1, VNKG, fixture_dataset,
    en, fixture_quads, integer,
)
from vnkg.lexicon import ontology_dir, read_tsv, split_values
from vnkg.validate import validate

ONTOLOGY = ontology_dir() / "vnkg.ttl"
SHAPES = ontology_dir() / "shapes.ttl"
DATA_MODEL = Path(__file__).resolve().parents[1] / "docs" / "data-model.md"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def role_concepts(onto: Graph) -> set[URIRef]:
    return set(onto.subjects(SKOS.inScheme, VNKG.roles))


# --------------------------------------------------------------------------- parsing

@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_parses_with_rdflib_and_pyoxigraph(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 100
    assert len(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))) > 100


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_rapper_accepts(path: Path) -> None:
    done = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------------------- vocabulary

def test_ontology_header(onto: Graph) -> None:
    assert (VNKG[""], RDF.type, OWL.Ontology) in onto
    assert onto.value(VNKG[""], DCTERMS.title) is not None
    assert onto.value(VNKG[""], OWL.versionInfo) is not None


ORG_SUBTYPES = ["Ministry", "Department", "PartyBody", "GovernmentBody", "Company",
                "InternationalOrganization"]


@pytest.mark.parametrize("name", ["Initiative", *ORG_SUBTYPES, "Statement", "Evidence", "DocumentType"])
def test_classes_have_english_and_thai_labels(onto: Graph, name: str) -> None:
    cls = VNKG[name]
    assert (cls, RDF.type, OWL.Class) in onto
    langs = {lbl.language for lbl in onto.objects(cls, RDFS.label)}
    assert {"en", "th"} <= langs
    assert onto.value(cls, RDFS.comment) is not None


@pytest.mark.parametrize("name", ORG_SUBTYPES)
def test_organization_subtypes_are_org_organizations(onto: Graph, name: str) -> None:
    # Stated directly: validation runs without reasoning over ORG's own hierarchy.
    assert (VNKG[name], RDFS.subClassOf, ORG.Organization) in onto


@pytest.mark.parametrize("name", ["Statement", "Evidence"])
def test_provenance_classes(onto: Graph, name: str) -> None:
    assert (VNKG[name], RDFS.subClassOf, PROV.Entity) in onto


DOCUMENT_TYPES = ["Resolution", "Decision", "Plan", "Directive", "Decree", "Circular", "Law",
                  "Conclusion", "OtherDocument"]


DOCUMENT_TYPES_IRIS = {VNKG[n] for n in DOCUMENT_TYPES}


def test_document_types(onto: Graph) -> None:
    found = set(onto.subjects(RDF.type, VNKG.DocumentType))
    assert found == {VNKG[n] for n in DOCUMENT_TYPES}
    for t in found:
        assert {lbl.language for lbl in onto.objects(t, RDFS.label)} == {"en", "th"}


XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")

PROPERTIES = {
    # name: (domain, range) — None where the vocabulary leaves it open
    "documentType": (SCHEMA.Legislation, VNKG.DocumentType),
    "implements": (VNKG.Initiative, SCHEMA.Legislation),
    "partner": (VNKG.Initiative, ORG.Organization),
    "partnerIn": (ORG.Organization, VNKG.Initiative),
    "observedOn": (ORG.Post, XSD_DATE),
    "eventDate": (SCHEMA.NewsArticle, XSD_DATE),
    "supports": (VNKG.Evidence, None),
    "sentence": (VNKG.Evidence, RDF.langString),
    "startOffset": (VNKG.Evidence, XSD_INTEGER),
    "endOffset": (VNKG.Evidence, XSD_INTEGER),
    "chair": (SCHEMA.Event, URIRef("http://xmlns.com/foaf/0.1/Person")),
}


@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_properties_declared(onto: Graph, name: str) -> None:
    prop = VNKG[name]
    kinds = set(onto.objects(prop, RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}
    domain, rng = PROPERTIES[name]
    assert onto.value(prop, RDFS.domain) == domain
    assert onto.value(prop, RDFS.range) == rng
    assert {lbl.language for lbl in onto.objects(prop, RDFS.label)} >= {"en", "th"}
    assert onto.value(prop, RDFS.comment) is not None


def test_partner_inverse(onto: Graph) -> None:
    assert (VNKG.partnerIn, OWL.inverseOf, VNKG.partner) in onto


# --------------------------------------------------------------------------- roles

def test_roles_match_the_data_model(onto: Graph) -> None:
    text = DATA_MODEL.read_text(encoding="utf-8")
    section = text[text.index("## Roles"):]
    documented = set(re.findall(r"`role:(\w+)`", section))
    assert {ROLE[n] for n in documented} == role_concepts(onto)
    assert len(documented) == 20


def test_every_role_is_a_labelled_concept(onto: Graph) -> None:
    assert (VNKG.roles, RDF.type, SKOS.ConceptScheme) in onto
    for role in role_concepts(onto):
        assert (role, RDF.type, ORG.Role) in onto
        assert (role, RDF.type, SKOS.Concept) in onto
        prefs = sorted(lbl.language for lbl in onto.objects(role, SKOS.prefLabel))
        assert prefs == ["en", "th"], role          # exactly one per language
        assert all(lbl.language == "th" for lbl in onto.objects(role, SKOS.altLabel)), role


def test_thai_role_labels_are_unambiguous(onto: Graph) -> None:
    owner: dict[str, URIRef] = {}
    for role in role_concepts(onto):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for lbl in onto.objects(role, prop):
                if lbl.language == "th":
                    assert owner.setdefault(str(lbl), role) == role, f"{lbl} on {owner[str(lbl)]} and {role}"


@pytest.mark.parametrize("role, forms", [
    ("DeputyMinister", ["รัฐมนตรีช่วยว่าการ", "รองรัฐมนตรี", "รองปลัดกระทรวง", "รองรัฐมนตรีว่าการ"]),
    ("Minister", ["รัฐมนตรีว่าการ", "รมว.", "รัฐมนตรี"]),
    ("DeputyPrimeMinister", ["รองนายกรัฐมนตรี"]),
    ("PrimeMinister", ["นายกรัฐมนตรี"]),
    ("GeneralSecretary", ["เลขาธิการใหญ่"]),
    ("President", ["ประธานาธิบดี", "ประธานประเทศ"]),
    ("Chairman", ["ประธาน"]),
    ("ViceChairman", ["รองประธาน"]),
    ("Director", ["ผู้อำนวยการ"]),
    ("DeputyDirector", ["รองผู้อำนวยการ"]),
    ("Head", ["หัวหน้า"]),
    ("DeputyHead", ["รองหัวหน้า"]),
    ("Ambassador", ["เอกอัครราชทูต"]),
    ("ConsulGeneral", ["กงสุลใหญ่"]),
    ("Member", ["สมาชิก"]),
    ("Secretary", ["เลขาธิการ", "เลขาธิการพรรค"]),
    ("Photographer", ["ช่างภาพ"]),
])
def test_common_thai_renderings(onto: Graph, role: str, forms: list[str]) -> None:
    names = {str(lbl) for p in (SKOS.prefLabel, SKOS.altLabel) for lbl in onto.objects(ROLE[role], p)}
    assert set(forms) <= names


def test_role_lexicon_forms_are_labels_of_their_concept(onto: Graph) -> None:
    """The extractor's lexicon and the ontology must not drift apart."""
    if not (ontology_dir() / "lexicons" / "roles.tsv").exists():
        pytest.skip("no roles lexicon yet")
    for row in read_tsv("roles.tsv"):
        role = ROLE[row["role"]]
        assert role in role_concepts(onto), row["role"]
        names = {str(lbl) for p in (SKOS.prefLabel, SKOS.altLabel) for lbl in onto.objects(role, p)}
        missing = set(split_values(row["thai"])) - names
        assert not missing, f"{row['role']}: {sorted(missing)} not in ontology labels"


# --------------------------------------------------------------------------- shapes

def messages(ds) -> list[str]:
    return [v.message for v in validate(ds).violations]


def test_good_fixture_conforms() -> None:
    report = validate(fixture_dataset())
    assert report.conforms, report.text
    assert report.violations == []


def test_store_quads_validate_like_the_dataset() -> None:
    store = ox.Store()
    store.extend(fixture_quads())
    assert validate(store).conforms


def test_validates_the_union_of_named_graphs() -> None:
    # The person's rdfs:label lives only in the entities graph: validating one article
    # graph alone would report it missing.
    ds = fixture_dataset()
    assert validate(ds.graph(ARTICLE_1)).violations
    assert validate(ds).conforms


def _replace(ds, graph, s, p, value) -> None:
    for g in ds.graphs():
        g.remove((s, p, None))
    ds.graph(graph).add((s, p, value))


@pytest.mark.parametrize("code", [
    "57-NQ/TW", "505/QD-TTg", "1637/QĐ-BNG", "01-KH/BCĐTW", "13/2023/NĐ-CP", "61/2020/QH14",
    "05/CT-TTg",
])
def test_document_codes_accepted(code: str) -> None:
    ds = fixture_dataset()
    _replace(ds, ENTITIES, DOC, SCHEMA.legislationIdentifier, Literal(code))
    assert validate(ds).conforms


@pytest.mark.parametrize("code", ["NQ 57 TW", "57", "57-NQ/TW extra", "ที่ 57-NQ/TW", "-NQ/TW", "57/nq-tw"])
def test_broken_document_code_is_caught(code: str) -> None:
    ds = fixture_dataset()
    _replace(ds, ENTITIES, DOC, SCHEMA.legislationIdentifier, Literal(code))
    found = messages(ds)
    assert len(found) == 1
    assert found[0].startswith("id:doc/12-NQ-TW: schema:legislationIdentifier:")


def test_post_without_role() -> None:
    ds = fixture_dataset()
    ds.graph(ARTICLE_1).remove((POST, ORG.role, None))
    found = messages(ds)
    assert len(found) == 1
    assert "id:post/tran-van-an--Minister--ministry-of-foreign-affairs: org:role:" in found[0]


def test_post_with_role_outside_the_scheme() -> None:
    ds = fixture_dataset()
    _replace(ds, ARTICLE_1, POST, ORG.role, ROLE.Emperor)
    found = messages(ds)
    assert len(found) == 1 and "role:Emperor" in found[0]


def test_post_with_two_roles() -> None:
    ds = fixture_dataset()
    ds.graph(ENTITIES).add((POST, ORG.role, ROLE.Director))
    assert any("org:role" in m for m in messages(ds))


def test_post_held_by_non_person_and_one_sided_holds() -> None:
    ds = fixture_dataset()
    ds.graph(ARTICLE_1).remove((PERSON, ORG.holds, POST))
    found = messages(ds)
    assert found == [f"id:post/tran-van-an--Minister--ministry-of-foreign-affairs: ^org:holds: "
                     "org:heldBy and the inverse org:holds disagree (value id:person/tran-van-an)"]


def test_evidence_start_after_end() -> None:
    ds = fixture_dataset()
    _replace(ds, ARTICLE_1, EVIDENCE_POST, VNKG.startOffset, integer(10_000))
    found = messages(ds)
    assert len(found) == 1
    assert found[0].startswith(f"id:evidence/{str(EVIDENCE_POST).rsplit('/', 1)[1]}: vnkg:startOffset:")


def test_evidence_offsets_must_frame_the_sentence() -> None:
    ds = fixture_dataset()
    start = TEXT_1.index("เขากล่าวว่า")
    _replace(ds, ARTICLE_1, EVIDENCE_STATEMENT, VNKG.startOffset, integer(start + 1))
    found = messages(ds)
    assert len(found) == 1 and "is not the article's schema:text" in found[0]


def test_evidence_that_supports_nothing() -> None:
    ds = fixture_dataset()
    ds.graph(ARTICLE_1).remove((EVIDENCE_TRIPLE, RDF.predicate, None))
    found = messages(ds)
    assert len(found) == 1 and "supports nothing" in found[0]


def test_evidence_offsets_must_be_integers() -> None:
    ds = fixture_dataset()
    _replace(ds, ARTICLE_1, EVIDENCE_POST, VNKG.endOffset, Literal("12"))
    assert any("vnkg:endOffset" in m for m in messages(ds))


def test_label_must_be_language_tagged() -> None:
    ds = fixture_dataset()
    _replace(ds, ENTITIES, PERSON, RDFS.label, Literal("Tran Van An"))
    found = messages(ds)
    assert found == ["id:person/tran-van-an: rdfs:label: rdfs:label must be language-tagged "
                     "(th, en or vi), at most one per language (value 'Tran Van An')"]


def test_person_needs_a_label() -> None:
    ds = fixture_dataset()
    ds.graph(ENTITIES).remove((PERSON, RDFS.label, None))
    assert messages(ds) == ["id:person/tran-van-an: rdfs:label: has no rdfs:label"]


def test_person_that_is_also_an_organization() -> None:
    ds = fixture_dataset()
    ds.graph(ARTICLE_1).add((PERSON, RDF.type, ORG.Organization))
    assert any("also typed as an organization" in m for m in messages(ds))


def test_organization_subtype_needs_org_organization() -> None:
    ds = fixture_dataset()
    for g in ds.graphs():
        g.remove((MOFA, RDF.type, ORG.Organization))
    assert any(m.startswith("id:org/ministry-of-foreign-affairs:") and "typed org:Organization" in m
               for m in messages(ds))


def test_a_state_is_an_organization_by_the_vocabulary_and_mentioned_by_no_article() -> None:
    state, place = ID["org/state-vietnam"], ID["place/vietnam"]
    ds = fixture_dataset()
    entities = ds.graph(ENTITIES)
    entities.add((place, RDF.type, SCHEMA.Place))
    entities.add((place, RDFS.label, Literal("Vietnam", lang="en")))
    entities.add((state, RDF.type, VNKG.State))
    entities.add((state, RDFS.label, Literal("Vietnam", lang="en")))
    entities.add((state, SCHEMA.areaServed, place))
    ds.graph(ARTICLE_1).add((POST, ORG.postIn, state))
    assert not [m for m in messages(ds) if m.startswith("id:org/state-vietnam")]
    ds.graph(ARTICLE_1).add((ARTICLE_1, SCHEMA.mentions, state))
    assert any(m.startswith("id:org/state-vietnam") and "mentioned by no article" in m for m in messages(ds))


def test_article_needs_one_identifier() -> None:
    ds = fixture_dataset()
    ds.graph(ARTICLE_1).add((ARTICLE_1, DCTERMS.identifier, Literal("other.txt")))
    assert any("dcterms:identifier" in m for m in messages(ds))


def test_article_iri_must_be_a_content_hash() -> None:
    ds = fixture_dataset()
    ds.graph(ENTITIES).add((ID["article/7"], RDF.type, SCHEMA.NewsArticle))
    ds.graph(ENTITIES).add((ID["article/7"], DCTERMS.identifier, Literal("x.txt")))
    assert any(m.startswith("id:article/7:") and "16 hex" in m for m in messages(ds))


def test_document_date_and_type() -> None:
    ds = fixture_dataset()
    _replace(ds, ENTITIES, DOC, SCHEMA.legislationDate, Literal("16/11/2023"))
    _replace(ds, ENTITIES, DOC, VNKG.documentType, VNKG.Memo)
    found = messages(ds)
    assert any("schema:legislationDate" in m for m in found)
    assert any("vnkg:documentType" in m for m in found)


def test_partner_without_inverse() -> None:
    ds = fixture_dataset()
    ds.graph(ARTICLE_1).remove((MOFA, VNKG.partnerIn, INITIATIVE))
    assert any("vnkg:partnerIn disagree" in m for m in messages(ds))


def test_mentioned_entity_needs_a_kind() -> None:
    ds = fixture_dataset()
    ds.graph(ARTICLE_1).add((ARTICLE_1, SCHEMA.mentions, ID["person/untyped"]))
    assert any("schema:mentions" in m and "id:person/untyped" in m for m in messages(ds))


def test_report_text_lists_every_violation() -> None:
    ds = fixture_dataset()
    ds.graph(ARTICLE_1).remove((POST, ORG.role, None))
    ds.graph(ENTITIES).add((PERSON, RDFS.label, en("Another Name")))    # second @en label
    report = validate(ds)
    assert not report.conforms
    assert report.text.splitlines()[0] == "2 violation(s), 0 warning(s)"
    assert all(v.message in report.text for v in report.violations)


def test_document_type_lexicon_words_are_labels_of_their_type(onto: Graph) -> None:
    if not (ontology_dir() / "lexicons" / "doc_types.tsv").exists():
        pytest.skip("no document-type lexicon yet")
    claimed: set[str] = set()
    for row in read_tsv("doc_types.tsv"):
        words = [w for w in split_values(row["thai_words"]) if w not in claimed]
        claimed.update(words)                 # a word listed twice belongs to the first row
        if row["doc_type"] == "Other":
            continue
        doc_type = VNKG[row["doc_type"]]
        assert doc_type in DOCUMENT_TYPES_IRIS, row["doc_type"]
        names = {str(lbl) for p in (SKOS.prefLabel, SKOS.altLabel) for lbl in onto.objects(doc_type, p)}
        assert not set(words) - names, f"{row['doc_type']}: {sorted(set(words) - names)}"
