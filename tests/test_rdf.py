"""RDF written for sentences of our own: shape, provenance, language tags, stable IRIs."""
from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from extract_helpers import extract_text
from vnkg import rdf
from vnkg.rdf import quads
from vnkg.store import to_rdflib
from vnkg.vocab import ORG, ROLE, SCHEMA, VNKG
from vnkg.resolve import resolve
from vnkg.validate import validate

ID = "https://w3id.org/vnkg/id/"
TEXTS = (
    "เมื่อวันที่ 5 มีนาคม 2567 ณ กรุงฮานอย รัฐมนตรีว่าการกระทรวงสารสนเทศและการสื่อสาร นายเหงียน มานห์ หุ่ง "
    "ได้ประชุมกับกรมสื่อมวลชน (กระทรวงสารสนเทศและการสื่อสาร)\n"
    "“เราต้องเร่งการเปลี่ยนแปลงทางดิจิทัลให้เร็วขึ้นอีกเพื่ออนาคตของประเทศ” รัฐมนตรีเหงียน มานห์ หุ่ง กล่าว",
    "รัฐมนตรีว่าการกระทรวงวิทยาศาสตร์และเทคโนโลยี Nguyen Manh Hung ลงนามตามมติที่ 57-NQ/TW "
    "ลงวันที่ 22 ธันวาคม 2567 ของโปลิตบูโร",
)


ENTITIES_GRAPH = to_rdflib(rdf.ENTITIES_GRAPH)


def article_iri(ex) -> URIRef:
    return to_rdflib(rdf.article_iri(ex))


def _dataset():
    exs = [extract_text(t, name=f"r{i}.txt") for i, t in enumerate(TEXTS)]
    res = resolve(exs)
    ds = Dataset(default_union=True)
    for q in quads(exs, res):
        ds.graph(to_rdflib(q.graph_name)).add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return exs, ds


def test_one_named_graph_per_article_plus_the_entities_graph():
    exs, ds = _dataset()
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert {article_iri(e) for e in exs} | {ENTITIES_GRAPH} <= names
    for e in exs:
        g = ds.graph(article_iri(e))
        assert (article_iri(e), RDF.type, SCHEMA.NewsArticle) in g
        assert str(g.value(article_iri(e), URIRef("http://purl.org/dc/terms/identifier"))) == e.article.name


def test_one_person_across_articles_with_posts_in_two_ministries():
    _, ds = _dataset()
    person = URIRef(ID + "person/nguyen-manh-hung")
    posts = {str(ds.value(p, ORG.postIn)).rsplit("/", 1)[-1] for p in ds.objects(person, ORG.holds)}
    assert posts == {"mic", "most"}
    assert all(ds.value(p, ORG.role) == ROLE.Minister for p in ds.objects(person, ORG.holds))


def test_every_post_has_evidence_with_offsets_into_the_cleaned_text():
    exs, ds = _dataset()
    texts = {article_iri(e): e.article.text for e in exs}
    posts = set(ds.subjects(RDF.type, ORG.Post))
    assert posts
    for post in posts:
        (ev,) = ds.subjects(VNKG.supports, post)
        start, end = int(ds.value(ev, VNKG.startOffset)), int(ds.value(ev, VNKG.endOffset))
        article = ds.value(ev, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        assert texts[article][start:end] == str(ds.value(ev, VNKG.sentence))


def test_literals_carry_language_tags():
    _, ds = _dataset()
    labels = list(ds.objects(None, RDFS.label))
    assert labels and all(isinstance(x, Literal) and x.language in ("th", "en", "vi") for x in labels)


def test_merged_ministries_are_two_organizations_joined_by_a_change_event():
    _, ds = _dataset()
    change = URIRef(ID + "change/mic-into-most")
    assert ds.value(change, RDF.type) == ORG.ChangeEvent
    assert ds.value(change, ORG.originalOrganization) == URIRef(ID + "org/mic")
    assert ds.value(change, ORG.resultingOrganization) == URIRef(ID + "org/most")


def test_statement_and_event_are_in_the_graph():
    _, ds = _dataset()
    (statement,) = ds.subjects(RDF.type, VNKG.Statement)
    assert ds.value(statement, URIRef("http://www.w3.org/ns/prov#wasAttributedTo")) == URIRef(ID + "person/nguyen-manh-hung")
    events = list(ds.subjects(RDF.type, SCHEMA.Event))
    assert events and ds.value(events[0], SCHEMA.location) == URIRef(ID + "place/hanoi")


def test_document_code_date_and_issuer():
    _, ds = _dataset()
    doc = URIRef(ID + "doc/57-NQ-TW")
    assert str(ds.value(doc, SCHEMA.legislationIdentifier)) == "57-NQ/TW"
    assert str(ds.value(doc, SCHEMA.legislationDate)) == "2024-12-22"
    assert ds.value(doc, SCHEMA.legislationPassedBy) == URIRef(ID + "org/politburo")
    assert ds.value(doc, VNKG.documentType) == VNKG.Resolution


def test_the_output_conforms_to_the_shapes_and_is_the_same_twice():
    exs, ds = _dataset()
    report = validate(ds)
    assert report.conforms, report.text
    again = list(quads(exs, resolve(exs)))
    assert again == list(quads(exs, resolve(exs)))
