"""The vocabularies the graph uses, as rdflib namespaces (one place for every module)."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF

__all__ = ["VNKG", "ID", "ROLE", "ORG", "SCHEMA", "PROV", "FOAF", "DCTERMS"]

VNKG = Namespace("https://w3id.org/vnkg/")
ID = Namespace("https://w3id.org/vnkg/id/")
ROLE = Namespace("https://w3id.org/vnkg/role/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
