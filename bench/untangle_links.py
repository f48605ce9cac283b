#!/usr/bin/env python3
"""How well ``untangle`` puts pdfminer's lines back in reading order, against gold.

usage: bench/untangle_links.py EVAL_DIR [EVAL_DIR ...] [--show GLOB] [--where] [--crossed] [--ext pdftotext]

For every ``gold_*pdfminer.py`` in the given directories (the dev set, or
simulated pages from ``bench/simpage.py``), each gold paragraph, question or
answer gives links: line → the next non-blank line of the same block.  A
link is kept when that line comes right after it in ``untangle``'s output.
Prints, per case, the share of links kept in the extractor's raw order and
after untangling, then the total.  ``--show`` lists the links a case misses;
``--where`` counts the missed links by where they are (inside a stretch that
``deinterleave`` read as columns emitted row by row, across its edge, or
elsewhere), whether the gold next line is the next one in the dump, and
whether untangle kept the dump's order there: which part of untangle to
work on.  ``--crossed`` counts them by the line untangle put before the gold
next line instead (``what_took_its_place``): on the 560 pdfminer tuning
cases (at 7fd73cd), of 3,080 missed links only 138 are two columns' tails
crossed (one swap mends both; most with no word across the join to tell),
2,254 follow another line that leaves its sentence open (chains crossed
three ways or more) and 688 follow a sentence's end.

A pdfminer page whose links are 97 % kept scores about as well as the
other extractors; the rest is lost to columns dealt wrongly.  Runs in
seconds, so a change to the dealer can be judged before a full scoring run.
It measures; it decides nothing.
"""
from __future__ import annotations

import argparse
import collections
import fnmatch
import importlib.util
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kanbao.decode import decode_bytes  # noqa: E402
from kanbao.features import ends_sentence  # noqa: E402
from kanbao.lines import split_lines  # noqa: E402
from kanbao.untangle import untangle  # noqa: E402


def gold_links(gold_path: Path) -> tuple[str, dict[int, int], list[str]]:
    """(seed file name, line → next line in its gold block, the seed's raw lines)."""
    spec = importlib.util.spec_from_file_location("gold", gold_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    raw = decode_bytes((gold_path.parent / mod.SEED).read_bytes(), mod.SEED).split("\n")
    links: dict[int, int] = {}
    for art in mod.ARTICLES:
        for sec in art["sections"]:
            for _kind, ranges in sec["blocks"]:
                nos = [n for lo, hi in ranges for n in range(lo, hi + 1) if n - 1 < len(raw) and raw[n - 1].strip()]
                links.update(zip(nos, nos[1:]))
    return mod.SEED, links, raw


def kept(order: list[int], links: dict[int, int]) -> int:
    """How many gold links ``order`` keeps."""
    nxt = dict(zip(order, order[1:]))
    return sum(1 for a, b in links.items() if nxt.get(a) == b)


STRETCH = re.compile(r"L(\d+)-(\d+): \d+ columns emitted")


def where_missed(lines: list[int], order: list[int], links: dict[int, int], moves: list[str]) -> collections.Counter:
    """Missed links of one case by (where, gold next line, what untangle did).

    ``where``: ``stretch`` when both lines lie in one stretch that ``deinterleave`` read
    as interleaved columns (its note ``L9-73: 3 columns emitted …``), ``edge`` when only
    one of them does or they lie in two stretches, else ``elsewhere``.

    >>> where_missed([1, 2, 3, 4], [1, 3, 2, 4], {1: 2, 2: 4}, ["L1-4: 2 columns emitted line by line"])
    Counter({('stretch', 'next in dump', 'moved'): 1})
    >>> where_missed([1, 2, 3], [1, 2, 3], {1: 3}, ["L2-3: 2 columns emitted line by line"])
    Counter({('edge', 'elsewhere in dump', 'dump order'): 1})
    >>> where_missed([1, 2, 3], [1, 2, 3], {1: 3}, [])
    Counter({('elsewhere', 'elsewhere in dump', 'dump order'): 1})
    """
    spans = [(int(m[1]), int(m[2])) for m in map(STRETCH.match, moves) if m]
    span_of = {no: k for no in lines for k, (a, b) in enumerate(spans) if a <= no <= b}
    nxt, dump = dict(zip(order, order[1:])), dict(zip(lines, lines[1:]))
    out: collections.Counter = collections.Counter()
    for a, b in links.items():
        if nxt.get(a) == b:
            continue
        sa, sb = span_of.get(a), span_of.get(b)
        where = "stretch" if sa is not None and sa == sb else "edge" if sa is not None or sb is not None else "elsewhere"
        out[(where, "next in dump" if dump.get(a) == b else "elsewhere in dump",
             "dump order" if nxt.get(a) == dump.get(a) else "moved")] += 1
    return out


def what_took_its_place(order: list[int], links: dict[int, int], raw: list[str]) -> collections.Counter:
    """Missed links of one case by the line untangle put before the gold next line ``b`` instead
    of ``a``: ``crossed`` where that line's own gold next line now follows ``a`` (two columns'
    tails swapped: one swap mends both), ``open`` where it leaves its sentence open (another
    sentence runs into ``b``: crossings that no single swap mends), ``closed`` where it ends a
    sentence (``b`` is read as a paragraph's start), ``first`` where ``b`` opens the output.

    >>> raw = ["今年以来，全市推动经", "济运行持续向好。", "与此同时，城乡居", "民收入稳步增长。"]
    >>> what_took_its_place([1, 4, 3, 2], {1: 2, 3: 4}, raw)
    Counter({'crossed': 2})
    >>> what_took_its_place([2, 1, 3, 4], {1: 2}, raw)
    Counter({'first': 1})
    """
    nxt = dict(zip(order, order[1:]))
    prev = {b: a for a, b in nxt.items()}
    out: collections.Counter = collections.Counter()
    for a, b in links.items():
        if nxt.get(a) == b:
            continue
        p = prev.get(b)
        out["first" if p is None else "crossed" if nxt.get(a) is not None and links.get(p) == nxt[a]
            else "closed" if ends_sentence(raw[p - 1].strip()) else "open"] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--show", default="", help="list the missed links of cases matching this glob")
    ap.add_argument("--where", action="store_true", help="count the missed links by where they are")
    ap.add_argument("--crossed", action="store_true",
                    help="count the missed links by the line untangle put before the gold next line")
    ap.add_argument("--ext", default="pdfminer", help="the extractor whose cases to read (pdftotext: untangle runs there too)")
    args = ap.parse_args()
    total = raw_kept = done = 0
    where: collections.Counter = collections.Counter()
    took: collections.Counter = collections.Counter()
    for d in args.dirs:
        for g in sorted(d.glob(f"gold_*{args.ext}.py")):
            seed, links, raw = gold_links(g)
            if not links:
                continue
            text = "\n".join(raw)
            lines, _ = split_lines(text)
            out, moves = untangle(lines)
            order = [ln.no for ln in out]
            where += where_missed([ln.no for ln in lines], order, links, moves)
            took += what_took_its_place(order, links, raw)
            r, u = kept([ln.no for ln in lines], links), kept(order, links)
            total, raw_kept, done = total + len(links), raw_kept + r, done + u
            name = f"{d}/{seed}"
            print(f"{name:60s} {len(links):5d} links  raw {r / len(links):.3f}  untangled {u / len(links):.3f}")
            if args.show and fnmatch.fnmatch(name, args.show):
                nxt = dict(zip(order, order[1:]))
                for a, b in sorted(links.items()):
                    if nxt.get(a) != b:
                        print(f"    miss L{a} → L{b} (got L{nxt.get(a)}): …{raw[a - 1][-8:]} | {raw[b - 1][:8]}…")
    if total:
        print(f"total {total} links: raw order keeps {raw_kept / total:.4f}, untangled {done / total:.4f}, "
              f"{total - done} missed")
    if args.where:
        print("missed links by where they are (gold next line; what untangle did there):")
        for (w, nb, did), c in where.most_common():
            print(f"  {c:6d}  {w:9s}  {nb:17s}  {did}")
    if args.crossed:
        print("missed links by the line before the gold next line (crossed: one swap mends two):")
        for k, c in took.most_common():
            print(f"  {c:6d}  {k}")


if __name__ == "__main__":
    main()
