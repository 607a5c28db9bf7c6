"""``python -m vnkg.names``: score ``same_person`` on labelled pairs, or explain a name's keys."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .compare import _name_syllables, latin_name, same_person

# ======================================================================== evaluation CLI

def evaluate(path: Path, *, allow_partial: bool = False) -> dict[str, Any]:
    """Precision/recall of ``same_person`` on a TSV of labelled pairs (a, b, same, note)."""
    rows = read_pairs(path)
    tp = fp = fn = tn = 0
    errors = []
    for a, b, same, note in rows:
        got = same_person(a, b, allow_partial=allow_partial)
        tp += got and same
        fp += got and not same
        fn += same and not got
        tn += not got and not same
        if got != same:
            errors.append((a, b, same, note))
    return {
        "pairs": len(rows), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "errors": errors,
    }


def read_pairs(path: Path) -> list[tuple[str, str, bool, str]]:
    """Rows (a, b, same, note) of a pairs TSV; a malformed file raises ValueError naming
    the file and line."""
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8") as fh:
        lines = [(i, ln.rstrip("\n")) for i, ln in enumerate(fh, 1)
                 if ln.strip() and not ln.startswith("#")]
    if not lines or not {"a", "b", "same"} <= set(lines[0][1].split("\t")):
        raise ValueError(f"{path}: header must have the columns a, b, same (tab-separated)")
    header = lines[0][1].split("\t")
    for number, ln in lines[1:]:
        cells = dict(zip(header, ln.split("\t")))
        if cells.get("same", "").strip() not in ("0", "1") or not cells.get("b"):
            raise ValueError(f"{path}:{number}: expected a<TAB>b<TAB>same(0/1)[<TAB>note]")
        rows.append((cells["a"], cells["b"], cells["same"].strip() == "1", cells.get("note", "")))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vnkg.names", description="Vietnamese personal names: keys and matching")
    parser.add_argument("--eval", type=Path, metavar="PAIRS_TSV", help="score same_person on pairs")
    parser.add_argument("--partial", action="store_true", help="evaluate with allow_partial")
    parser.add_argument("--explain", nargs="+", metavar="NAME", help="show syllables and keys")
    args = parser.parse_args(argv)
    if args.eval:
        try:
            r = evaluate(args.eval, allow_partial=args.partial)
        except (OSError, ValueError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(f"pairs {r['pairs']}  tp {r['tp']}  fp {r['fp']}  fn {r['fn']}  tn {r['tn']}")
        print(f"precision {r['precision']:.4f}  recall {r['recall']:.4f}")
        for a, b, same, note in r["errors"]:
            print(f"  {'FN' if same else 'FP'}\t{a}\t{b}\t{note}")
    for name in args.explain or ():
        syllables = _name_syllables(name)
        print(f"{name}  →  {latin_name(name)}")
        for s in syllables:
            print(f"  {s.text}\t{' '.join(s.keys)}")
    if not (args.eval or args.explain):
        parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
