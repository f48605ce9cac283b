#!/usr/bin/env python3
"""Paragraph-level evaluation of ``lines → untangle → reflow`` against the dev gold, without MkDocs.

usage: bench/reflow_gold.py [EVAL_DIR] [--only page13,page14] [--errors]

For every dev case it rebuilds the blocks in memory and compares their seed
line sequences with the gold units (a gold unit is a paragraph, question or
answer, a title, byline, subhead or pull quote: a list of seed line ranges).
It prints, per case, the body-unit recall (a gold paragraph rebuilt exactly),
fragments (a block that is a proper piece of one gold unit), merges (a block
holding lines of two units), and the join/break accuracy on adjacent line
pairs.  ``--errors`` lists every wrong pair decision with its rule.

The same gold gives the join/break labels the fitted model is trained on
(``pair_labels``).  This is a measuring tool; the scored number is
``bench/score_dev.py``.
"""
from __future__ import annotations

import argparse
import runpy
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kanbao.lines import split_lines  # noqa: E402
from kanbao.model import Line  # noqa: E402
from kanbao.reflow import reflow  # noqa: E402
from kanbao.untangle import untangle  # noqa: E402

# the shared eval set next to the project (../shared/eval/dev), or next to a worktree's parent
DEV = next((p for p in (ROOT.parent / "shared" / "eval" / "dev", ROOT.parent.parent / "shared" / "eval" / "dev")
            if p.exists()), ROOT.parent / "shared" / "eval" / "dev")
BODY = {"para", "question", "answer"}


@dataclass
class Gold:
    """Where each seed line belongs: unit index and position inside the unit."""

    units: list[tuple[str, list[int]]] = field(default_factory=list)   # (kind, line numbers in order)
    where: dict[int, tuple[int, int]] = field(default_factory=dict)    # line no -> (unit, position)


def load_gold(path: Path, seed_text: str) -> Gold:
    """The gold units of one case, over the seed's non-blank lines."""
    mod = runpy.run_path(str(path))
    raw = seed_text.split("\n")

    def _expand(ranges) -> list[int]:
        return [n for a, b in ranges for n in range(a, b + 1) if n <= len(raw) and raw[n - 1].strip()]

    g = Gold()

    def add(kind: str, ranges) -> None:
        if not ranges:
            return
        nos = _expand(ranges)
        for k, n in enumerate(nos):
            g.where[n] = (len(g.units), k)
        g.units.append((kind, nos))

    for art in mod["ARTICLES"]:
        add("title", art.get("title"))
        add("byline", art.get("byline"))
        for pq in art.get("pullquotes", []):
            add("pullquote", pq)
        for sec in art["sections"]:
            add("subhead", sec.get("heading"))
            for kind, ranges in sec["blocks"]:
                add(kind, ranges)
    return g


def cases(ev: Path, only: set[str]) -> list[tuple[str, Path, Path]]:
    out = []
    for seed in sorted(ev.glob("page*_*.txt")):
        gold = ev / f"gold_{seed.stem}.py"
        if gold.exists() and (not only or seed.stem.split("_")[0] in only):
            out.append((seed.stem, seed, gold))
    return out


def pair_label(g: Gold, a: Line, b: Line) -> bool | None:
    """True: ``b`` continues ``a``'s unit; False: a break; None: a heading's inner line (not judged)."""
    wa, wb = g.where.get(a.no), g.where.get(b.no)
    if wa and wb and wa[0] == wb[0] and wb[1] == wa[1] + 1:
        return None if g.units[wa[0]][0] in ("title", "subhead") else True
    return False


@dataclass
class CaseScore:
    name: str
    body: int = 0
    found: int = 0
    fragments: int = 0
    merges: int = 0
    pairs: int = 0
    pair_ok: int = 0
    reachable: int = 0      # body units whose lines are one run in the untangled order
    errors: list[str] = field(default_factory=list)
    rules: list[tuple[str, bool]] = field(default_factory=list)   # (rule, agrees with the gold) per judged gap

    @property
    def recall(self) -> float:
        return self.found / self.body if self.body else 1.0

    @property
    def precision(self) -> float:
        d = self.found + self.fragments + self.merges
        return self.found / d if d else 0.0


def score_case(name: str, seed: Path, gold: Path) -> CaseScore:
    text = seed.read_text(encoding="utf-8")
    g = load_gold(gold, text)
    lines, _ = split_lines(text)
    lines, _ = untangle(lines)
    blocks = reflow(lines)
    s = CaseScore(name)
    seqs = {tuple(ln.no for ln in b.lines) for b in blocks}
    order = [ln.no for ln in lines]
    pos = {n: i for i, n in enumerate(order)}
    for kind, nos in g.units:
        if kind not in BODY:
            continue
        s.body += 1
        s.found += tuple(nos) in seqs
        idx = [pos.get(n) for n in nos]
        s.reachable += None not in idx and idx == list(range(idx[0], idx[0] + len(idx)))
    for b in blocks:
        units = {g.where[ln.no][0] for ln in b.lines if ln.no in g.where}
        nos = tuple(ln.no for ln in b.lines)
        if len(units) == 1:
            u = units.pop()
            if g.units[u][0] in BODY and nos != tuple(g.units[u][1]):
                s.fragments += 1
        elif sum(1 for u in units if g.units[u][0] in BODY) >= 2:
            s.merges += 1
    for b in blocks:
        decs = b.decisions
        for k, ln in enumerate(b.lines[1:]):
            lab = pair_label(g, b.lines[k], ln)
            if lab is None:
                continue
            s.pairs += 1
            s.pair_ok += lab is True
            s.rules.append((str(decs[k]), lab is True))
            if lab is not True:
                s.errors.append(f"  L{b.lines[k].no}|L{ln.no} joined by {decs[k].rule}: "
                                f"{b.lines[k].text[-12:]} | {ln.text[:12]}")
    for b, nb in zip(blocks, blocks[1:]):
        lab = pair_label(g, b.lines[-1], nb.lines[0])
        if lab is None:
            continue
        s.pairs += 1
        s.pair_ok += lab is False
        if b.decisions and not b.decisions[-1].joined:
            s.rules.append((str(b.decisions[-1]), lab is False))
        if lab is not False:
            rule = b.decisions[-1].rule if b.decisions and not b.decisions[-1].joined else "?"
            s.errors.append(f"  L{b.lines[-1].no}|L{nb.lines[0].no} broken by {rule}: "
                            f"{b.lines[-1].text[-12:]} | {nb.lines[0].text[:12]}")
    return s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(DEV))
    ap.add_argument("--only", default="")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--rules", action="store_true", help="per rule: gaps decided, agreeing with the gold, pages")
    a = ap.parse_args()
    only = {x for x in a.only.split(",") if x}
    rows = [score_case(*c) for c in cases(Path(a.eval_dir), only)]
    print(f"{'case':<20} {'recall':>6} {'reach':>6} {'prec':>6} {'frag':>4} {'merge':>5} {'pairs':>9}")
    for s in rows:
        print(f"{s.name:<20} {s.recall:6.3f} {s.reachable / max(1, s.body):6.3f} {s.precision:6.3f} "
              f"{s.fragments:4d} {s.merges:5d} {s.pair_ok:4d}/{s.pairs:<4d}")
        if a.errors:
            print("\n".join(s.errors))
    n = len(rows)
    if a.rules:
        tally: dict[str, list] = {}
        for r in rows:
            for rule, ok in r.rules:
                t = tally.setdefault(rule, [0, 0, set(), set()])
                t[0] += 1
                t[1] += ok
                (t[2] if ok else t[3]).add(r.name.split("_")[0])
        print(f"{'rule':<48} {'gaps':>5} {'right':>5}  pages right / pages wrong")
        for rule, (k, ok, good, bad) in sorted(tally.items(), key=lambda kv: -kv[1][0]):
            print(f"{rule:<48} {k:5d} {ok:5d}  {len(good)} / {len(bad)}")
    print(f"{'mean':<20} {sum(s.recall for s in rows) / n:6.3f} {sum(s.reachable / max(1, s.body) for s in rows) / n:6.3f} "
          f"{sum(s.precision for s in rows) / n:6.3f} {sum(s.fragments for s in rows):4d} {sum(s.merges for s in rows):5d} "
          f"{sum(s.pair_ok for s in rows):4d}/{sum(s.pairs for s in rows)}")


if __name__ == "__main__":
    main()
