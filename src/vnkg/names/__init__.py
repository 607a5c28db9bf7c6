"""Vietnamese personal names in Thai script and in Latin: syllables, phonetic keys, matching.

Machine-translated Thai news spells one Vietnamese name many ways — เหงียน มานห์ หุ่ง,
เหงียน มัญ หุ่ง, เหงียนมานห์หุ่ง, Nguyen Manh Hung, Nguyễn Mạnh Hùng — while บุ่ย แถ่ง เซิน and
บุ้ย เดอะ ดุย are two different men. This module compares names syllable by syllable on a
phonetic key built from Vietnamese syllable structure.

Key design
----------
A syllable key is ``ONSET-RHYME``:

* onset classes: ``0`` (none) ``B K KH CH D DD S T TH PH H L M N NG NH V`` where ``CH`` = ch/tr,
  ``D`` = d/gi/r (one sound in Hanoi), ``DD`` = đ, ``S`` = s/x, ``K`` = c/k/q/g;
* rhyme = medial + nucleus + coda spelled in unaccented Latin, because unaccented Latin
  (``Nguyen Manh Hung``) is the poorest input we must match: a/ă/â = ``A``, o/ô/ơ = ``O``,
  u/ư = ``U``, e/ê = ``E``, y = ``I`` (uy = ``UI``), ươ/uô = ``UO``, c/ch = ``C``; ``NH`` and ``NG``
  stay apart (Thanh ≠ Thang), as do the spelled medials ``OA``/``UA`` (Toàn ≠ Tuấn).

So ``latin_key("Nguyễn Mạnh Hùng") == name_key("เหงียน มานห์ หุ่ง") ==
("NG-UIEN", "M-ANH", "H-UNG")``.

A Thai spelling often fits several keys (ซ is s, x, d, gi or r; เ-ิน is ơn or ân), so each
syllable has *candidate* keys, primary first: a Thai syllable found in ``vn_syllables.tsv``
(looked up without tone marks, ็ and a silent leading ห) takes the keys of its Vietnamese
readings; any other Thai syllable is parsed by the grapheme tables ``vn_thai_onsets.tsv``,
``vn_thai_vowels.tsv`` and ``vn_thai_finals.tsv``; an unaccented Latin syllable takes the keys
of the lexicon syllables spelled that way (``Dinh`` = Đinh/Định/Đình, so ``DD``). Two syllables
match when their candidate sets meet; two accented Latin syllables must be the same syllable
(Thanh ≠ Thành). Two names are the same person when they have the same number of syllables
and every syllable matches — surname included. Precision comes first: a name that differs in
one syllable, or in length (unless ``allow_partial``), is someone else.
"""
from __future__ import annotations

from .compare import blocking_keys, in_lexicon, latin_key, latin_name, match_score, name_key, same_person
from .evaluate import evaluate, read_pairs
from .find import is_vietnamese_name, match_name, plausible_syllable, surname_at, surname_offsets
from .syllables import split_syllables, syllable_keys
from .tables import SAME_THRESHOLD, strip_honorifics

__all__ = [
    "split_syllables", "syllable_keys", "name_key", "latin_key", "blocking_keys", "match_score",
    "same_person", "latin_name", "in_lexicon", "strip_honorifics", "is_vietnamese_name", "surname_at", "surname_offsets",
    "match_name", "plausible_syllable", "evaluate", "read_pairs", "SAME_THRESHOLD",
]
