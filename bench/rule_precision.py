#!/usr/bin/env python3
"""How often each reflow rule decides right, against gold, over many cases at once.

usage: bench/rule_precision.py DIR [DIR ...] [--ext pdftotext] [--rule break:short-line] [--show N] [--order]

Each DIR holds ``pageNN_EXTRACTOR.txt`` seeds with ``gold_pageNN_EXTRACTOR.py``
(the dev set, or folders made by ``bench/simpage.py``; a ``dev/`` subfolder is
looked into).  For every gap that ``reflow`` decides (a line and the line that
``untangle`` puts after it) the gold says whether the second line is the
first's successor in the same block.  A join is wrong where the first line
ends its gold block; a break is wrong where the gold goes on.  A join onto a
line that is not the gold successor while the first line's block goes on is
an ordering error, not reflow's: it is left out unless ``--order`` is given.

Prints, per rule, wrong / all and the precision (most wrong first); with
``--show N`` the first N wrong gaps (``rule gold-kinds case line | prev || next``).
Mining these lists over many simulated pages, then checking each candidate rule
on all of them, found the general fixes; a rule that only one page needs is
not one.  It measures; it decides nothing.
"""
from __future__ import annotations

import argparse
import runpy
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kanbao.decode import decode_seed  # noqa: E402
from kanbao.lines import split_lines  # noqa: E402
from kanbao.reflow import reflow  # noqa: E402
from kanbao.untangle import untangle  # noqa: E402


def gold_links(gold_path: Path) -> tuple[dict[int, int], dict[int, str]]:
    """Successor of each gold line inside its block, and each line's block kind."""
    gold = runpy.run_path(str(gold_path))
    succ: dict[int, int] = {}
    kind: dict[int, str] = {}

    def unit(ranges, k: str) -> None:
        nos = [n for a, b in ranges for n in range(a, b + 1)]
        for n in nos:
            kind[n] = k
        succ.update(zip(nos, nos[1:]))

    for art in gold["ARTICLES"]:
        for r in art["title"]:
            unit([r], "title")
        if art.get("byline"):
            unit(art["byline"], "byline")
        for q in art.get("pullquotes", []):
            unit(q, "pq")
        for sec in art["sections"]:
            for r in sec.get("heading") or []:
                unit([r], "head")
            for k, ranges in sec["blocks"]:
                unit(ranges, k)
    return succ, kind


def gaps(seed: str, order: bool = False) -> list[tuple]:
    """(rule, right, case, line, prev text, next text, gold kinds) for every gap reflow decides."""
    path = Path(seed)
    succ, kind = gold_links(path.parent / f"gold_{path.stem}.py")
    lines, _ = split_lines(decode_seed(path.read_bytes(), path.name).text)
    lines, _ = untangle(lines)
    blocks = reflow(lines)
    out = []
    for i, b in enumerate(blocks):
        pairs = list(zip(b.lines, b.lines[1:]))
        if i + 1 < len(blocks):
            pairs.append((b.lines[-1], blocks[i + 1].lines[0]))
        for (p, n), d in zip(pairs, b.decisions):
            right = (succ.get(p.no) == n.no) == d.joined or (d.joined and p.no in succ and not order)
            out.append((str(d), right, f"{path.parent.parent.name}/{path.name}", p.no, p.text, n.text,
                        f"{kind.get(p.no, '-')}>{kind.get(n.no, '-')}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--ext", default="", help="only seeds whose name holds this (pdfminer, mupdf, pdftotext)")
    ap.add_argument("--rule", default="", help="only this decision, e.g. break:short-line")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--order", action="store_true", help="count joins onto a misordered line as wrong too")
    a = ap.parse_args()
    seeds = []
    for d in a.dirs:
        folder = Path(d) / "dev" if (Path(d) / "dev").is_dir() else Path(d)
        seeds += [str(s) for s in sorted(folder.glob("page*_*.txt")) if a.ext in s.name]
    if not seeds:
        sys.exit("rule_precision: no pageNN_EXTRACTOR.txt seeds with gold in the given folders")
    stat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    wrong = []
    with ProcessPoolExecutor(2) as ex:
        for res in ex.map(gaps, seeds, [a.order] * len(seeds), chunksize=4):
            for rule, right, case, no, pt, nt, kinds in res:
                stat[rule][0] += 1
                stat[rule][1] += right
                if not right and (not a.rule or a.rule == rule):
                    wrong.append((rule, kinds, case, no, pt, nt))
    for rule, (n, r) in sorted(stat.items(), key=lambda x: -(x[1][0] - x[1][1])):
        if not a.rule or a.rule == rule:
            print(f"{n - r:5d} wrong / {n:6d}  {r / n:.3f}  {rule}")
    for rule, kinds, case, no, pt, nt in wrong[:a.show]:
        print(rule, kinds, case, no, "|", pt, "||", nt)
    if a.rule:
        for (rule, kinds), c in Counter((w[0], w[1]) for w in wrong).most_common(20):
            print(c, rule, kinds)


if __name__ == "__main__":
    main()
