"""Synthetic corpus for the benchmarks: N Thai news articles about Vietnamese officials.

    python bench/generator.py N OUT_DIR [--seed S]

The corpus grows the way the real one does: a population of about N/5 officials (new ones
appearing over time, a few of them in the news far more than the rest), each holding a
post in a ministry, one of its departments, an embassy or a party body; documents issued
and initiatives launched as time goes on, later articles citing earlier ones; every name
written in the spelling variants machine translation produces (tone marks, ตรัน/เจิ่น,
joined syllables, the Latin form now and then). Sentences come from bench/data/templates.tsv
and the lexicons beside it; names, organizations, places and months from ontology/lexicons.
The same N and seed give the same files, byte for byte; the first N articles of a larger
corpus are not the same as a smaller corpus (the population is sized by N).
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
LEXICONS = ROOT / "ontology" / "lexicons"
KB = ROOT / "ontology" / "kb"

START = date(2019, 1, 1)
SPAN_DAYS = 6 * 365
BE = 543                       # Buddhist era = CE + 543
HORIZONS = (2025, 2030, 2035, 2045, 2050)


def _rows(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file with '#' comments and a header line."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t") + [""] * (len(header) - len(ln.split("\t"))))) for ln in lines[1:]]


def _forms(cell: str) -> list[str]:
    return [f for f in cell.split("|") if f]


@dataclass
class Syllable:
    thai: list[str]        # first = Royal Institute style, the rest variants
    latin: str


@dataclass
class Official:
    syllables: list[Syllable]
    female: bool
    role: str
    titles: list[str]      # Thai renderings of the title
    org: str               # Thai name of the organization after the title ("" if none)
    ministry: str          # ontology/kb/organizations.tsv id of the ministry the official belongs to ("" if none)


@dataclass
class Document:
    code: str
    types: list[str]
    issuer: str            # Thai name
    issued: date
    topic: str


@dataclass
class Initiative:
    name: str
    doc: Document | None


class Lexicons:
    """Everything the generator writes with, read once."""

    def __init__(self) -> None:
        sylls = _rows(LEXICONS / "vn_syllables.tsv")
        surnames = [r["vietnamese"] for r in _rows(LEXICONS / "vn_surnames.tsv")]
        by_vn = {}
        for r in sylls:
            by_vn.setdefault(r["vietnamese"], Syllable(_forms(r["thai"]), r["latin"]))
        self.surnames = [by_vn[s] for s in surnames if s in by_vn]
        self.middles_m = [by_vn[s] for s in ("Văn", "Minh", "Đức", "Hữu", "Quang", "Thế", "Công", "Quốc", "Xuân", "Thanh",
                                             "Mạnh", "Trọng", "Anh", "Duy", "Hồng", "Ngọc") if s in by_vn]
        self.middles_f = [by_vn[s] for s in ("Thị", "Ngọc", "Thanh", "Hồng", "Thu", "Minh", "Phương", "Thúy") if s in by_vn]
        first = list(by_vn).index("Văn")      # rows before it are surnames
        self.given = [s for k, s in list(by_vn.items())[first:] if k not in ("Văn", "Thị")]
        # Vietnam's own bodies (and international ones) of the knowledge base, the current ones
        orgs = [r for r in _rows(KB / "organizations.tsv") if r["country"] in ("vn", "") and r["thai"]
                and not r["valid"].partition("/")[2]]
        self.org_names = {r["id"]: _forms(r["thai"])[:4] for r in orgs}
        self.ministries = [r["id"] for r in orgs if r["subtype"] == "Ministry"]
        self.partners = [r["id"] for r in orgs if r["subtype"] in ("Company", "InternationalOrganization")]
        self.party = [i for i in ("party-central-committee", "politburo", "party-secretariat") if i in self.org_names]
        self.cities = [_forms(r["thai"])[:3] for r in _rows(KB / "provinces.tsv")
                       if r["thai"] and not r["valid"].partition("/")[2]]
        self.countries = [_forms(r["thai"])[0] for r in _rows(KB / "places.tsv")
                          if r["type"] == "Country" and r["id"] != "vietnam"][:60]
        self.months = {int(r["month"]): r["name"] for r in _rows(LEXICONS / "thai_months.tsv")}
        self.letters = {}
        for r in _rows(LEXICONS / "doc_issuers.tsv"):
            if r["style"] == "state" and r["issuer_ref"].startswith("org:") and r["letters"]:
                self.letters.setdefault(r["issuer_ref"][4:], _forms(r["letters"])[0])
        self.templates: dict[str, list[str]] = {}
        for r in _rows(DATA / "templates.tsv"):
            self.templates.setdefault(r["kind"], []).append(r["template"])
        topics = _rows(DATA / "topics.tsv")
        self.topics = [r["thai"] for r in topics]
        self.dept_topics = [r["thai"] for r in topics if r["dept"] == "yes"]
        self.goals = [r["thai"] for r in _rows(DATA / "goals.tsv")]
        self.quotes = [r["thai"] for r in _rows(DATA / "quotes.tsv")]
        self.dept_heads = [(r["thai"], int(r["weight"])) for r in _rows(DATA / "departments.tsv")]
        self.doc_codes = [(r["code"], _forms(r["type_thai"]), r["issuer"], int(r["weight"]))
                          for r in _rows(DATA / "doc_codes.tsv")]
        self.initiatives = [r["shape"] for r in _rows(DATA / "initiatives.tsv")]
        self.posts = [(r["role"], r["where"], _forms(r["thai"]), int(r["share"])) for r in _rows(DATA / "posts.tsv")]
        self.outlets = [(r["name"], r["site"]) for r in _rows(DATA / "outlets.tsv")]
        phrases = {r["key"]: r["thai"] for r in _rows(DATA / "phrases.tsv")}
        self.when = _forms(phrases["when"])
        self.honorific = {False: phrases["honorific_m"].split("|"), True: phrases["honorific_f"].split("|")}
        self.source, self.footer = phrases["source"], phrases["footer"]
        self.doc_number, self.doc_date, self.doc_of = _forms(phrases["doc_number"]), phrases["doc_date"], phrases["doc_of"]


def _zipf(rng: random.Random, n: int, s: float = 0.8) -> int:
    """An index in range(n), small ones far more often (a few officials make most news)."""
    weights = [1 / (k + 1) ** s for k in range(n)]
    return rng.choices(range(n), weights)[0]


class World:
    """The population, the documents and the initiatives, grown article by article."""

    def __init__(self, n: int, seed: int, lex: Lexicons):
        self.lex, self.n = lex, n
        self.rng = random.Random(f"vnkg-bench-{seed}")
        self.depts: dict[str, list[str]] = {m: [] for m in lex.ministries}    # ministry → unit names
        self.officials = self._population(max(30, n // 5))
        self.by_ministry: dict[str, list[int]] = {}
        for i, o in enumerate(self.officials):
            self.by_ministry.setdefault(o.ministry, []).append(i)
        self.documents: list[Document] = []
        self.initiatives: list[Initiative] = []
        self.numbers: dict[tuple[str, int], int] = {}

    # ------------------------------------------------------------------ population
    def _name(self, female: bool, taken: set[str]) -> list[Syllable]:
        lex, rng = self.lex, self.rng
        while True:
            sur = lex.surnames[_zipf(rng, len(lex.surnames), 1.0)]
            middle = rng.choice(lex.middles_f if female else lex.middles_m)
            given = [rng.choice(lex.given)]
            if rng.random() < 0.15:
                given.insert(0, rng.choice(lex.given))
            parts = [sur, middle] + given if rng.random() < 0.9 else [sur] + given
            key = " ".join(p.latin for p in parts)
            if key not in taken:
                taken.add(key)
                return parts

    def _dept(self, ministry: str) -> str:
        lex, rng = self.lex, self.rng
        units = self.depts[ministry]
        if units and rng.random() < 0.6:
            return rng.choice(units)
        head = rng.choices([h for h, _ in lex.dept_heads], [w for _, w in lex.dept_heads])[0]
        name = head + rng.choice(lex.dept_topics)
        if name not in units:
            units.append(name)
        return name

    def _population(self, size: int) -> list[Official]:
        lex, rng = self.lex, self.rng
        taken: set[str] = set()
        people = []
        roles = [(r, w, t) for r, w, t, _ in lex.posts]
        shares = [s for *_, s in lex.posts]
        for _ in range(size):
            female = rng.random() < 0.25
            role, where, titles = rng.choices(roles, shares)[0]
            ministry = lex.ministries[_zipf(rng, len(lex.ministries), 0.6)]
            if where == "ministry":
                org = lex.org_names[ministry][0]
            elif where == "dept":
                org = self._dept(ministry)
            elif where == "embassy":
                org, ministry = rng.choice(lex.countries), "mofa"
            elif where == "party":
                org = lex.org_names[rng.choice(lex.party)][0]
            else:
                org = ""
            people.append(Official(self._name(female, taken), female, role, titles, org, ministry))
        return people

    # ------------------------------------------------------------------ rendering
    def person(self, o: Official) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.04:
            return " ".join(s.latin for s in o.syllables)
        variant = r > 0.7
        parts = [rng.choice(s.thai) if variant and rng.random() < 0.5 else s.thai[0] for s in o.syllables]
        return ("" if rng.random() < 0.15 else " ").join(parts)

    def title(self, o: Official) -> str:
        t = o.titles[0] if self.rng.random() < 0.7 else self.rng.choice(o.titles)
        return t + o.org

    def honorific(self, o: Official) -> str:
        return self.rng.choice(self.lex.honorific[o.female])

    def org(self, ident: str) -> str:
        forms = self.lex.org_names[ident]
        return forms[0] if self.rng.random() < 0.8 else self.rng.choice(forms)

    def thai_date(self, d: date, with_year: bool = True) -> str:
        s = f"{d.day} {self.lex.months[d.month]}"
        return f"{s} {d.year + BE}" if with_year else s

    # ------------------------------------------------------------------ documents, initiatives
    def _new_document(self, today: date, ministry: str) -> Document:
        lex, rng = self.lex, self.rng
        code, types, issuer, _ = rng.choices(lex.doc_codes, [w for *_, w in lex.doc_codes])[0]
        if issuer == "ministry":
            issuer = ministry if ministry in lex.letters else rng.choice(sorted(lex.letters))
        issued = today - timedelta(days=rng.randint(0, 120))
        key = (code, issued.year)
        self.numbers[key] = self.numbers.get(key, rng.randint(1, 40)) + rng.randint(1, 9)
        text = code.format(n=self.numbers[key], y=issued.year, letters=lex.letters.get(issuer, ""))
        if rng.random() < 0.1:
            text = text.replace("Đ", "D")       # a common ASCII spelling of the same code
        doc = Document(text, types, self.org(issuer) if issuer in lex.org_names else "", issued,
                       rng.choice(lex.topics))
        self.documents.append(doc)
        return doc

    def document(self, today: date, ministry: str) -> Document:
        if not self.documents or self.rng.random() < 0.45:
            return self._new_document(today, ministry)
        recent = self.documents[::-1]
        return recent[_zipf(self.rng, min(len(recent), 200), 0.9)]

    def initiative(self, today: date, ministry: str) -> Initiative:
        lex, rng = self.lex, self.rng
        if self.initiatives and rng.random() > 0.35:
            return self.initiatives[::-1][_zipf(rng, min(len(self.initiatives), 150), 0.9)]
        horizon = next(h for h in HORIZONS if h > today.year + 3)
        name = rng.choice(lex.initiatives).format(topic=rng.choice(lex.topics), year_ce=today.year,
                                                  end=today.year + 4, horizon=horizon)
        init = Initiative(name, self.document(today, ministry) if rng.random() < 0.6 else None)
        self.initiatives.append(init)
        return init

    def doc_phrase(self, d: Document, full: bool) -> str:
        rng = self.rng
        head = f"{rng.choice(d.types)}{rng.choice(self.lex.doc_number)} {d.code}"
        if not full:
            return head
        tail = f" {self.lex.doc_date} {self.thai_date(d.issued)}"
        return head + tail + (f" {self.lex.doc_of}{d.issuer}" if d.issuer else "")

    # ------------------------------------------------------------------ articles
    def cast(self, ministry: str, active: int) -> list[Official]:
        rng = self.rng
        group = [i for i in self.by_ministry.get(ministry, []) if i < active] or list(range(min(active, 10)))
        picked: list[Official] = []
        for k in range(3):
            pool = group if k < 2 or rng.random() < 0.5 else range(active)
            pool = list(pool)
            o = self.officials[pool[_zipf(rng, len(pool), 0.9)]]
            if o not in picked or len(pool) < 4:
                picked.append(o)
            else:
                picked.append(self.officials[rng.choice(pool)])
        return picked

    def article(self, i: int) -> str:
        lex, rng = self.lex, self.rng
        today = START + timedelta(days=SPAN_DAYS * i // max(self.n, 1))
        progress = (i + 1) / self.n
        active = max(10, int(len(self.officials) * min(1.0, 0.3 + 0.7 * progress)))
        ministry = lex.ministries[_zipf(rng, len(lex.ministries), 0.7)]
        p1, p2, p3 = self.cast(ministry, active)
        doc = self.document(today, ministry)
        init = self.initiative(today, ministry)
        partner = rng.choice(lex.partners + [m for m in lex.ministries if m != ministry])
        depts = self.depts[ministry] or [self._dept(ministry)]

        def fill(template: str) -> str:
            topic = rng.choice(lex.topics)
            values = {
                "when": f"{rng.choice(lex.when)} {self.thai_date(today, rng.random() < 0.5)}",
                "place": rng.choice(rng.choice(lex.cities[:3] if rng.random() < 0.7 else lex.cities)),
                "title1": self.title(p1), "person1": self.person(p1), "honorific1": self.honorific(p1),
                "title2": self.title(p2), "person2": self.person(p2), "honorific2": self.honorific(p2),
                "title3": self.title(p3), "person3": self.person(p3), "honorific3": self.honorific(p3),
                "honorific": self.honorific(p1),
                "ministry": self.org(ministry), "org2": self.org(partner), "dept": rng.choice(depts),
                "doc": self.doc_phrase(doc, True), "doc_short": self.doc_phrase(doc, False),
                "init": init.name, "topic": topic, "goal": rng.choice(lex.goals), "quote": rng.choice(lex.quotes),
                "year": today.year + BE, "year_ce": rng.choice(HORIZONS[1:3]),
            }
            return re.sub(r"\s+", " ", template.format_map(values)).strip()

        t = lex.templates
        lines = [fill(rng.choice(t["title"]))]
        outlet, site = rng.choice(lex.outlets)
        lines.append(f"{outlet}{today.day:02d}/{today.month:02d}/{today.year}")
        lines.append(fill(rng.choice(t["lead"])))
        body_kinds = ["post", "post", "quote", "doc", "initiative", "dept", "partner", "filler", "filler", "quote",
                      "doc", "filler", "post", "initiative", "filler"]
        for kind in rng.sample(body_kinds, rng.randint(7, len(body_kinds))):
            # a paragraph: one to three sentences
            others = sorted({k for k in body_kinds if k != kind})
            lines.append(" ".join(fill(rng.choice(t[k])) for k in [kind] + rng.sample(others, rng.randint(0, 2))))
        if init.doc is not None and rng.random() < 0.5:
            lines.append(fill(t["initiative"][1].replace("{doc_short}", self.doc_phrase(init.doc, False))))
        lines.append(f"{lex.source} {site}/tin-{i + 1}-{hashlib.sha256(lines[0].encode()).hexdigest()[:8]}.html")
        lines.append(lex.footer)
        return "\n".join(lines) + "\n"


def generate(n: int, out: str | Path, seed: int = 0) -> list[Path]:
    """Write ``n`` articles into ``out`` (created if missing); returns their paths in order."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    world = World(n, seed, Lexicons())
    paths = []
    for i in range(n):
        text = world.article(i)
        path = out / f"{i:06d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of articles")
    p.add_argument("out", type=Path, help="folder to write them into")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    paths = generate(a.n, a.out, a.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles ({size / 1e6:.1f} MB) to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
