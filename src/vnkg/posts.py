"""Posts: who holds which office, read from the titles around a person's name.

The grammar of the genre:

* a title chain before or after a name, one post per title (``สมาชิกกรมการเมือง เลขาธิการ
  คณะกรรมการกลางพรรค และประธานคณะกรรมการตรวจสอบกลาง เจิ่น กัม ตู``);
* a group title over a list of names (``สมาชิกโปลิตบูโร ได้แก่ A, B และ C``);
* an appointment said after the name (``แต่งตั้งนาย A ให้ดำรงตำแหน่ง…``, ``…ให้เข้าร่วม<body>``);
* posts that end (``ยุติการดำรงตำแหน่ง…``, ``พ้นจากตำแหน่ง…``): every post of that person in
  that body is then no current post of the article; former posts (``อดีต…``, ``ในระหว่าง
  ดำรงตำแหน่ง…``) and nominations (``เสนอชื่อ``) are not posts either.

A title names its organization right after it (with ของ/แห่ง between, or ประจำ/ณ for an
envoy); a place there stands for an office by the role's ``with_place`` (a province's party
committee for a secretary, the country for an ambassador). Without one, the role's default
office is taken, that of the holder's own state (the Thai Prime Minister serves in the Royal
Thai Government). A truncated ``เลขาธิการ`` before a General Secretary of record is his post.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from . import kb
from .extract.titles import Title, grammar_words, honorific_regex, roles
from .lexicon import longest_alternation, words_by_kind
from .model import Kind, Mention

__all__ = ["Phrase", "Post", "find_posts"]

_NEAR_NAME = 12      # characters between a title chain and a name that still belong together
_ABBREVIATION = re.compile(r"\s*\([A-Za-z\-]{2,12}\)")


@dataclass(frozen=True)
class Phrase:
    """A title and the organization it names (a mention index, or a ref to add)."""

    title: Title
    end: int
    org: int | None = None
    org_refs: tuple[str, ...] = ()  # bodies a short name after the title may be (รมว.คลัง: any state's finance ministry)
    place: int | None = None  # a place right after the title (ประธานาธิบดีเวียดนาม)


@dataclass(frozen=True)
class Post:
    """A post the article states: the person, the role and the office it is held in."""

    person: int              # mention index
    role: str
    org: int | None          # mention index, or None with ``org_ref``
    org_ref: str
    sentence_start: int      # offset of the statement (its sentence is the evidence)
    ended: str = ""          # the end of term, when the knowledge base says the post had
                             # ended by the article's date (ประธานาธิบดีโฮจิมินห์ in 2023)


def _cues() -> dict[str, tuple[str, ...]]:
    return words_by_kind("relation_cues.tsv", "cue")


def _alt(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def _connector() -> re.Pattern:
    return re.compile(rf"[ \u00a0]?(?:(?:{_alt(grammar_words()['connector'])})[ \u00a0]?)?")


@cache
def _posted() -> re.Pattern:
    return re.compile(rf"[ \u00a0]?(?:{_alt(grammar_words()['posted'])})[ \u00a0]?")


@cache
def _posted_rank() -> re.Pattern:
    return re.compile(rf"[ \u00a0]?(?:{_alt(grammar_words()['posted_qualifier'])})")


@cache
def _body_part() -> re.Pattern:
    return re.compile(_alt(grammar_words()["body_part"]))


@cache
def _tail() -> re.Pattern:
    return re.compile(rf"[ \u00a0]?(?:{_alt(grammar_words()['tail'])})(?:[ \u00a0]?[0-9]{{4}})?")


def _phrase(text: str, mentions: list[Mention], by_start: dict[int, int], t: Title) -> Phrase:
    """The organization (or place) a title names right after it; a word that only says "the
    company" (ผู้อำนวยการใหญ่ของสายการบิน) names the company the article is about."""
    role = t.role
    if role.link == "none" and not role.with_place:
        return Phrase(t, t.end)
    pos = t.end
    if role.link == "posted":
        # เอกอัครราชทูต[วิสามัญผู้มีอำนาจเต็ม][เวียดนาม]ประจำ<place>: skip the rank and the sending
        # country, then the cue
        if (rank := _posted_rank().match(text, pos)):
            pos = rank.end()
        i = by_start.get(_connector().match(text, pos).end())
        if i is not None and mentions[i].kind is Kind.PLACE and (cue := _posted().match(text, mentions[i].end)):
            pos = cue.end()
        elif cue := _posted().match(text, pos):
            pos = cue.end()
        else:   # อัครราชทูตที่ปรึกษา สถานเอกอัครราชทูต ณ กรุงฮานอย: the mission itself follows
            pos = _connector().match(text, pos).end()
    else:
        pos = _connector().match(text, pos).end()
    i = by_start.get(pos)
    if i is None and t.word_end < t.end:
        i = by_start.get(t.word_end)     # the qualifier was the organization's first word
    for shorter in t.shorter:            # ประธาน|คณะกรรมการบริหารพรรค…: a longer form ate the body's name
        if i is None:
            i = by_start.get(_connector().match(text, shorter).end())
    if i is None and role.with_place:
        # เจ้า|แขวงคำม่วน: the title's last word is the head word of the place named after it
        i = next((j for k in range(t.end - 1, t.start, -1) if (j := by_start.get(k)) is not None
                  and mentions[j].kind is Kind.PLACE and mentions[j].end > t.end), None)
    if i is None and (part := _body_part().match(text, pos)):
        # กรรมการคณะกรรมการประจำคณะกรรมการพรรคจังหวัด: a seat in the body's standing committee is in the body
        i = by_start.get(_connector().match(text, part.end()).end())
    if i is None and role.bare == "ministry" and (short := _short_ministry(text, pos)):
        return Phrase(t, short[0], org_refs=short[1])
    if i is None:
        # ประธานบริษัท|การรถไฟเวียดนาม, ประธานบริษัท ซี.พี. เวียดนาม: the word for "company" before
        # a company's own name (glued or one space before it)
        i = next((j for w in grammar_words()["company_backref"] if text.startswith(w, pos)
                  for gap in ("", " ") if text.startswith(gap, pos + len(w))
                  and (j := by_start.get(pos + len(w) + len(gap))) is not None and _is_company(mentions[j])), None)
    if i is None and (word := _company_word(text, pos)) and (company := _company_of_kind(mentions, word)) is not None:
        return Phrase(t, pos + len(word), org=company)
    if i is None:
        return Phrase(t, t.end)
    m = mentions[i]
    end = m.end
    if (abbrev := _ABBREVIATION.match(text, end)):
        end = abbrev.end()      # ผู้อำนวยการศูนย์…แห่งชาติ (NIC) หวู ก๊วก หวิ่ญ
    if (tail := _tail().match(text, end)):
        end = tail.end()
    if m.kind is Kind.ORGANIZATION:
        return Phrase(t, end, org=i)
    if m.kind is Kind.PLACE:
        return Phrase(t, end, place=i)
    return Phrase(t, t.end)


@cache
def _ministries() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """Ministries of every state by their Thai names without the head word กระทรวง(การ)."""
    heads = sorted(grammar_words()["ministry_head"], key=len, reverse=True)
    by_rest: dict[str, list[str]] = {}
    for e in sorted(kb.entries().values(), key=lambda e: (e.country != "vn", e.ref)):
        if e.kind is Kind.ORGANIZATION and e.subtype == "Ministry":
            for form in e.thai:
                head = next((h for h in heads if form.startswith(h) and len(form) > len(h) + 2), None)
                if head:
                    by_rest.setdefault(form[len(head):], []).append(e.ref)
    refs = {k: tuple(dict.fromkeys(v)) for k, v in by_rest.items()}
    return re.compile(longest_alternation(refs)), refs


def _company_word(text: str, pos: int) -> str | None:
    """A word that says only "the company" (บริษัท, สายการบิน, ธนาคาร) standing alone at ``pos``."""
    word = next((w for w in sorted(grammar_words()["company_backref"], key=len, reverse=True)
                 if text.startswith(w, pos)), None)
    if word is None or (pos + len(word) < len(text) and "\u0E01" <= text[pos + len(word)] <= "\u0E4E"):
        return None     # บริษัทเอบีซี names a company of its own
    return word


def _company_of_kind(mentions: list[Mention], word: str) -> int | None:
    """The company the article names most among those ``word`` can stand for: any company for
    บริษัท, one whose name opens with it for ธนาคาร or สายการบิน (the bank, the airline)."""
    if word in grammar_words()["company_any"]:
        return _salient_company(mentions)
    return _salient_company([m if any(f.startswith(word) for f in _forms(m)) else None for m in mentions])


def _forms(m: Mention) -> tuple[str, ...]:
    e = kb.entry(m.ref) if m.ref else None
    return (m.text,) + (e.thai if e else ())


def _is_company(m: Mention) -> bool:
    e = kb.entry(m.ref) if m.ref else None
    return m.kind is Kind.ORGANIZATION and (e.subtype if e else m.attr("subtype")) == "Company"


def _salient_company(mentions: list[Mention | None]) -> int | None:
    """The company the article names most, when it names it more than any other by half."""
    counts: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if m is not None and _is_company(m) and m.text:
            counts.setdefault(m.ref or m.attr("alias_of") or m.text, []).append(i)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or (len(ranked) > 1 and len(ranked[0]) < 2 * len(ranked[1])):
        return None
    return ranked[0][0]


def _share_companies(text: str, mentions: list[Mention], phrases: list[Phrase]) -> list[Phrase]:
    """ประธานและผู้อำนวยการใหญ่ของ Viettel: a title without an office of its own joined by และ to
    one of a company holds in that company (Chủ tịch kiêm Tổng giám đốc)."""
    joined = re.compile(rf"^[ \u00a0]*(?:{_alt(_cues()['join'])})[ \u00a0]*$")
    ordered = sorted(phrases, key=lambda p: p.title.start)
    out = {id(p): p for p in phrases}
    for p, q in zip(ordered, ordered[1:]):
        if (p.org is None and p.place is None and not p.org_refs and not p.title.role.default_org
                and q.org is not None and _is_company(mentions[q.org]) and joined.match(text[p.end:q.title.start])):
            out[id(p)] = replace(p, org=q.org)
    return [out[id(p)] for p in phrases]


def _short_ministry(text: str, pos: int) -> tuple[int, tuple[str, ...]] | None:
    """(end, candidate refs) of a ministry named without its head word (รมว.คลัง, รมช.มหาดไทย)."""
    regex, refs = _ministries()
    m = regex.match(text, pos)
    if m is None or (m.end() < len(text) and "\u0E01" <= text[m.end()] <= "\u0E4E" and text[m.end()] != "\u0E2F"):
        return None     # the name must end where a word ends
    return m.end(), refs[m.group()]


def _place_office(role_with_place: str, m: Mention) -> tuple[str, bool]:
    """(ref, is the place itself) of the office a place after a title stands for."""
    entry = kb.entry(m.ref) if m.ref else None
    if role_with_place == "place":
        return m.ref or "", True
    if entry is None:
        return "", False
    country = entry.country or (entry.ref if entry.subtype == "Country" else "")
    if role_with_place == "country":
        if entry.subtype == "Country":
            return entry.ref, True
        state = kb.state_of(country)
        return (state.place, False) if state else ("", False)
    if role_with_place == "government":
        state = kb.state_of(country or entry.ref)
        return (state.government, False) if state else ("", False)
    if role_with_place in ("party-committee", "peoples-committee") and entry.subtype in ("Province", "City") \
            and entry.country == "vn":
        return kb.body_ref(entry.ref, role_with_place), False
    return "", False


_GLOSS = re.compile(r"\([^()\n]{1,60}\)")


@cache
def _chain_separator() -> re.Pattern:
    """What may stand between two titles of one chain: spaces, commas, "and", an abbreviation —
    never a line break (a headline's title is not the caption's name's)."""
    # รมช.กระทรวง… ในฐานะรองประธาน…: "in the capacity of" joins a second title of the same person
    joins = "|".join(map(re.escape, _cues()["join"] + grammar_words()["apposition"]))
    return re.compile(rf"^(?:[ \t\u00a0,]|{joins}|\([A-Za-z\-]{{2,12}}\))*$")


def _chains(text: str, phrases: list[Phrase], persons: list[Mention]) -> tuple[dict, dict]:
    """Title chains starting right after a name (by the name's end) and ending right before
    one (by the name's start).

    Titles after a name are that name's (the order of ``สหาย A <titles>, สหาย B <titles>``),
    unless they run straight into the next name with nothing between (``…หัวหน้า…
    Truong Thi Mai``: the Thai order, titles first); a chain before a name takes only titles
    no earlier name has taken.
    """
    g = grammar_words()
    lists = _alt(g["list"])
    honorific = honorific_regex()
    space = "[ \t\u00a0,]"
    # เหวียน เทียน เญิน (Nguyen Thien Nhan) ประธาน…: a gloss in parentheses may stand between
    apposition = re.compile(rf"^{space}*(?:\([^()\n]{{1,60}}\){space}*)?(?:(?:{_alt(g['apposition'])}){space}*)?$")
    # รองรัฐมนตรี 3 ท่าน คือ …: the persons counted before the list word (ท่าน is also an
    # honorific, taken out with the others)
    count = rf"(?:[0-9\u0E50-\u0E59]+|{_alt(g['list_number'])}){space}*(?:{_alt(g['list_count'])})?"
    before_gap = re.compile(rf"^{space}*(?:{count}{space}*)?(?:(?:{lists}){space}*)?$")
    starts = {m.start for m in persons}
    possessive = re.compile(rf"(?:{_alt(g['connector'])}) ?$")
    after: dict[int, list[Phrase]] = {}
    owned: set[int] = set()
    for m in sorted(persons, key=lambda m: m.start):
        pos, chain = m.end, list[Phrase]()
        for p in sorted(phrases, key=lambda p: p.title.start):
            if p.title.start < pos:
                continue
            gap = text[pos:p.title.start]
            if not (_chain_separator().match(gap) if chain else apposition.match(gap)):
                break
            chain.append(p)
            pos = p.end
        if chain and _runs_into_name(text, chain[-1].end, starts):
            chain = []
        after[m.end] = chain
        owned |= {id(p) for p in chain}
    before: dict[int, list[Phrase]] = {}
    by_end = sorted(phrases, key=lambda p: p.end)
    for m in persons:
        pos, chain = m.start, list[Phrase]()
        for p in reversed(by_end):
            if p.end > pos:
                continue
            gap = text[p.end:pos]
            ok = _chain_separator().match(gap) if chain else before_gap.match(honorific.sub("", gap))
            # คณะของนายกรัฐมนตรีประกอบด้วย นาย A: a title after "of" names whose the party is, when a
            # list follows it (กษัตริย์แห่งบรูไน ฮัจญี … is the king himself)
            if not ok or id(p) in owned or (not chain and honorific.sub("", gap).strip(" ,") and possessive.search(
                    text[max(0, p.title.start - 8):p.title.start])):
                break
            chain.append(p)
            pos = p.title.start
        before[m.start] = chain
    return before, after


def _runs_into_name(text: str, pos: int, starts: set[int]) -> bool:
    """Whether a name starts right after ``pos``, with only spaces between."""
    gap_end = next((s for s in sorted(starts) if s >= pos), None)
    return gap_end is not None and gap_end - pos <= _NEAR_NAME and not text[pos:gap_end].strip()


def _nationality(m: Mention) -> str:
    return m.attr("nationality") or ("" if not m.ref else (kb.entry(m.ref).country if kb.entry(m.ref) else ""))


def _resolve_org(phrase: Phrase, person: Mention, mentions: list[Mention], salient: int | None,
                 day: date | None, side: int | None = None) -> tuple[int | None, str, str]:
    """(mention index, ref, role) of the office a phrase gives ``person``; no index and no ref
    for no post."""
    role = phrase.title.role
    state = _nationality(person) or "vn"
    name = role.role
    if state != "vn" and phrase.title.form.startswith(grammar_words()["civil_service"]):
        name = "Other"      # a Thai รองปลัดกระทรวง is a civil servant, not a deputy minister
    if phrase.org_refs:
        own = [r for r in phrase.org_refs if (e := kb.entry(r)) and e.country == state]
        return None, (own or list(phrase.org_refs))[0], name
    if phrase.org is not None:
        return phrase.org, "", name
    if phrase.place is not None and role.with_place:
        ref, itself = _place_office(role.with_place, mentions[phrase.place])
        if itself:
            return phrase.place, "", name
        if ref:
            return None, ref, name
    if role.role == "Secretary" and _general_secretary(person, day):
        return None, "org:party-central-committee", "GeneralSecretary"
    if role.bare == "ministry" and salient is not None and state == "vn":
        return salient, "", name
    if not role.default_org:
        return (side, "", name) if side is not None else (None, "", name)
    if state == "vn":
        return None, role.default_org, name
    state_kb = kb.state_of(state)
    if state_kb is None:
        return None, "", name
    if role.default_org == "org:government":
        return None, state_kb.government, name
    if role.default_org == "place:vietnam":
        return None, state_kb.place, name
    return None, "", name


def _side(text: str, mentions: list[Mention], person: Mention, sentence_of) -> int | None:
    """The body whose side a person speaks or signs for (ฝ่าย Petrovietnam ลงนามโดยนาย A
    รองผู้อำนวยการใหญ่): a bare title of his is a post in it."""
    sides = grammar_words()["side"]
    best = None
    for i, m in enumerate(mentions):
        if (m.kind is Kind.ORGANIZATION and m.text and m.end <= person.start
                and sentence_of(m.start) == sentence_of(person.start)
                and text[:m.start].rstrip(" \u00a0").endswith(sides)):
            best = i
        elif best is not None and m.kind is Kind.ORGANIZATION and m.text and mentions[best].end <= m.start < person.start:
            best = None     # another body named between: the side is not the person's
    return best


def _general_secretary(person: Mention, day: date | None) -> bool:
    """A truncated เลขาธิการ before a General Secretary of record (Tổng Bí thư as "Bí thư")."""
    e = kb.entry(person.ref) if person.ref else None
    return bool(e) and any(p.role == "GeneralSecretary" and p.held_on(day) for p in e.posts)


def find_posts(text: str, mentions: list[Mention], titles: list[Title], sentence_of, day: date | None,
               salient: int | None) -> list[Post]:
    """Posts that the titles, lists and appointment clauses of one article state."""
    by_start = {m.start: i for i, m in enumerate(mentions) if m.text and m.end > m.start}
    phrases = _share_companies(text, mentions, [_phrase(text, mentions, by_start, t) for t in titles])
    persons = [m for m in mentions if m.kind is Kind.PERSON and m.text and not m.attr("credit")]
    before, after = _chains(text, phrases, persons)
    index = {id(m): i for i, m in enumerate(mentions)}
    posts: list[tuple[int, Phrase]] = []
    for m in persons:
        i = index[id(m)]
        for p in before.get(m.start, []) + after.get(m.end, []):
            posts.append((i, p))
    posts += _listed(text, persons, before, after, index)
    appointed = _appointed(text, mentions, persons, phrases, index, sentence_of)
    posts += appointed
    ended = _ended(text, mentions, persons, phrases, index, sentence_of)
    former_spans = _former_contexts(text)
    out: list[Post] = []
    for person, p in posts:
        if p.title.former or any(s <= p.title.start < e for s, e in former_spans):
            continue
        org, ref, role = _resolve_org(p, mentions[person], mentions, salient, day,
                                      _side(text, mentions, mentions[person], sentence_of))
        if org is None and not ref:
            continue
        if (_who(mentions[person]), _org_key(mentions, org, ref)) in ended:
            continue
        # เสนอชื่อนาย A ผู้อำนวยการกรม… ให้ดำรงตำแหน่ง…: the post proposed is not held, the one he holds is
        if (person, p) in appointed and _nominated(text, mentions[person], sentence_of):
            continue
        org_ref = (mentions[org].ref if org is not None else ref) or ""
        out.append(Post(person, role, org, ref, mentions[person].start,
                        _ended_by(mentions[person], role, org_ref, day)))
    return out


def _ended_by(person: Mention, role: str, org_ref: str, day: date | None) -> str:
    """The end of term of a post of record the person had left by ``day``, or "" (held then,
    or not on record: the text is then all there is)."""
    e = kb.entry(person.ref) if person.ref else kb.find_person(person.text)
    if e is None or day is None or not org_ref:
        return ""
    terms = [p for p in e.posts if p.role == role and p.org == org_ref]
    if not terms or any(p.held_on(day) for p in terms):
        return ""
    ends = [p.end for p in terms if p.end and p.end < day.isoformat()[:len(p.end)]]
    return max(ends, default="")


def _who(m: Mention) -> str:
    return m.ref or m.text.replace(" ", "")


def _org_key(mentions: list[Mention], org: int | None, ref: str) -> str:
    if org is None:
        return ref
    m = mentions[org]
    return m.ref or m.attr("antecedent") or m.text


def _listed(text: str, persons: list[Mention], before: dict, after: dict, index: dict) -> list[tuple[int, Phrase]]:
    """``<title> ได้แก่ A, B และ C``: the names listed after the first take its title chain
    (each may carry titles of its own after it: ``ได้แก่ สหาย A ประธานประเทศ, สหาย B …``)."""
    out = []
    ordered = sorted(persons, key=lambda m: m.start)
    for k, m in enumerate(ordered):
        chain = before.get(m.start)
        if not chain:
            continue
        prev = m
        for nxt in ordered[k + 1:]:
            own = after.get(prev.end) or []
            gap = honorific_regex().sub("", text[own[-1].end if own else prev.end:nxt.start])
            # นาย A (รองหัวหน้าประจำ), นาย B และนาย C: a gloss in parentheses after a listed name
            gap = _GLOSS.sub("", gap)
            if not _chain_separator().match(gap) or before.get(nxt.start):
                break
            out += [(index[id(nxt)], p) for p in chain]
            prev = nxt
    return out


@cache
def _cue_regex(kind: str) -> re.Pattern:
    return re.compile(_alt(grammar_words()[kind]))


def _clause_owner(text: str, persons: list[Mention], pos: int, sentence_of) -> Mention | None:
    """The person an appointment or ending at ``pos`` is said of: the last one named before it
    in the sentence, with no reported speech or pronoun between."""
    owner = None
    for m in persons:
        if m.end <= pos and sentence_of(m.start) == sentence_of(pos):
            owner = m
    if owner is None:
        return None
    gap = text[owner.end:pos]
    if _cue_regex("break").search(gap):
        return None
    return owner


def _chain_from(phrases: list[Phrase], pos: int, text: str) -> list[Phrase]:
    chain: list[Phrase] = []
    for p in sorted(phrases, key=lambda p: p.title.start):
        if p.title.start < pos:
            continue
        gap = text[pos:p.title.start]
        if not (_chain_separator().match(gap) if chain else not gap.strip()):
            break
        chain.append(p)
        pos = p.end
    return chain


def _appointed(text: str, mentions: list[Mention], persons: list[Mention], phrases: list[Phrase],
               index: dict, sentence_of) -> list[tuple[int, Phrase]]:
    """Posts given after the name: ``…ให้ดำรงตำแหน่ง<title>``, ``…ให้เข้าร่วม<body>``."""
    out = []
    ended = _cue_regex("ended")
    for cue in _cue_regex("assign").finditer(text):
        if ended.search(text, max(0, cue.start() - 12), cue.end()) and \
                ended.search(text, max(0, cue.start() - 12), cue.end()).end() >= cue.end():
            continue   # ยุติการดำรงตำแหน่ง: an ending, not an appointment
        if _cue_regex("former_context").search(text, max(0, cue.start() - 14), cue.end()):
            continue
        owner = _clause_owner(text, persons, cue.start(), sentence_of)
        if owner is None:
            continue
        for p in _chain_from(phrases, cue.end() + (text[cue.end():cue.end() + 1] == " "), text):
            out.append((index[id(owner)], p))
    by_start = {m.start: i for i, m in enumerate(mentions) if m.text}
    member = next((r for r in roles().values() if r.role == "Member"), None)
    for cue in _cue_regex("join").finditer(text):
        owner = _clause_owner(text, persons, cue.start(), sentence_of)
        pos = cue.end() + (text[cue.end():cue.end() + 1] == " ")
        i = by_start.get(pos)
        if owner is None or i is None or mentions[i].kind is not Kind.ORGANIZATION or member is None:
            continue
        title = Title(cue.start(), cue.end(), member, cue.end())
        out.append((index[id(owner)], Phrase(title, mentions[i].end, org=i)))
    return out


def _ended(text: str, mentions: list[Mention], persons: list[Mention], phrases: list[Phrase],
           index: dict, sentence_of) -> set[tuple]:
    """(person, organization) and (person, role, organization) keys of posts said to end."""
    out: set[tuple] = set()
    for cue in _cue_regex("ended").finditer(text):
        owner = _clause_owner(text, persons, cue.start(), sentence_of)
        if owner is None:
            continue
        who = _who(owner)
        pos = cue.end() + (text[cue.end():cue.end() + 1] == " ")
        stop = _clause_end(text, pos, persons)
        for m in mentions:
            # every body named in the ended clause: "…พ้นจากตำแหน่งกรรมการบริหาร…ของคณะกรรมการพรรคจังหวัด X
            # และตำแหน่งที่เกี่ยวข้อง" ends the person's posts there
            if m.kind is Kind.ORGANIZATION and m.text and pos <= m.start < stop:
                out.add((who, m.ref or m.attr("antecedent") or m.text))
    return out


def _clause_end(text: str, pos: int, persons: list[Mention]) -> int:
    """Where an ended clause stops: at the next appointment, the next name or the line's end."""
    stop = _sentence_end(text, pos)
    if (m := _clause_break().search(text, pos, stop)):
        stop = m.start()
    return min([stop] + [p.start for p in persons if pos <= p.start < stop])


def _sentence_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return nl if nl >= 0 else len(text)


@cache
def _clause_break() -> re.Pattern:
    g = grammar_words()
    return re.compile(_alt(g["assign"] + g["join"]))


def _former_contexts(text: str) -> list[tuple[int, int]]:
    """Spans whose titles are spoken of in the past (ในระหว่างดำรงตำแหน่ง…): up to the clause end."""
    out = []
    for cue in _cue_regex("former_context").finditer(text):
        stop = min(_sentence_end(text, cue.end()), cue.end() + 200)
        # …ซึ่งก่อนหน้านี้ดำรงตำแหน่ง A ให้เป็น B: the past ends where the new post is given
        if (given := _clause_break().search(text, cue.end(), stop)):
            stop = given.start()
        out.append((cue.start(), stop))
    return out


def _nominated(text: str, person: Mention, sentence_of) -> bool:
    """``เสนอชื่อนาย A ให้ดำรงตำแหน่ง…``: proposed, not appointed."""
    s = sentence_of(person.start)
    for cue in _cue_regex("nomination").finditer(text, max(0, person.start - 80), person.start):
        if sentence_of(cue.start()) == s:
            return True
    return False


def switch_state(mentions: list[Mention], posts: list[Post]) -> list[Mention]:
    """A body another state also has under the same Thai name (กระทรวงการต่างประเทศ) is that
    state's when the article names its official in it. The article's other mentions of that
    name follow, unless a Vietnamese official holds a post under the same name too; a name the
    text qualified with a country (…สาธารณรัฐสังคมนิยมเวียดนาม) never changes."""
    switched: dict[str, str] = {}
    vietnamese: set[str] = set()
    out = list(mentions)
    for post in posts:
        if post.org is None:
            continue
        m = out[post.org]
        if not m.attr("alt_refs") or m.attr("qualified"):
            continue
        state = _nationality(out[post.person]) or "vn"
        if state == "vn":
            vietnamese.add(m.text)
            continue
        alt = next((a for a in m.attr("alt_refs").split("|") if (e := kb.entry(a)) and e.country == state), None)
        if alt:
            switched[m.text] = alt
            out[post.org] = replace(m, ref=alt)
    for i, m in enumerate(out):
        if (m.kind is Kind.ORGANIZATION and m.text in switched and m.text not in vietnamese
                and m.attr("alt_refs") and not m.attr("qualified")):
            out[i] = replace(m, ref=switched[m.text])
    return out
