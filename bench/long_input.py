"""Time of load + clean + extract on one long unbroken line of Thai, by size.

    .venv/bin/python bench/long_input.py [--sizes 1,2,4]     # MB

The line is a seed article with its spaces and line breaks removed, repeated. Extraction
time should grow in proportion to the size (issue 11 measured 10 s, 33 s and 199 s for
1, 2 and 4 MB before lines and articles were cut into bounded pieces).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from vnkg.chunks import extract_article
from vnkg.clean import clean
from vnkg.load import read_article

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,2,4", help="sizes in MB")
    args = ap.parse_args(argv)
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    unit = seed.replace(" ", "").replace("\n", "")
    extract_article(clean(read_article(sorted((ROOT / "seeds").glob("*.txt"))[0])))     # warm up
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (float(x) for x in args.sizes.split(",")):
            size = int(mb * 1_000_000)
            data = (unit * (size // len(unit.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")
            path = Path(tmp) / "long.txt"
            path.write_text(data, encoding="utf-8")
            started = time.perf_counter()
            article = clean(read_article(path, max_bytes=size + 10))
            cleaned = time.perf_counter()
            extraction = extract_article(article)
            done = time.perf_counter()
            print(f"{mb:g} MB line: clean {cleaned - started:.1f} s, extract {done - cleaned:.1f} s, "
                  f"total {done - started:.1f} s ({len(article.sentences)} sentences, "
                  f"{len(extraction.mentions)} mentions)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
