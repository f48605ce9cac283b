#!/usr/bin/env python3
"""How well ``kanbao.untangle`` reads back columns emitted row by row, on pages it was not tuned on.

usage: bench/deinterleave_synth.py [EVAL_DIR] [--trials N]

Builds pdfminer-like pages from the gold paragraphs of the dev pages
(rewrapped to 10–16 characters a line, first lines two fewer; see
``toprow_synth.wrap``):

* interleaved: a headline and a byline over one article set in 2–5 columns,
  every line its own piece (a blank line after it), emitted in order of
  height on the page, left to right.  Each paragraph gap in a column moves
  the lines under it down by 0, 0.3 or 0.6 of a line (one value per page),
  so columns drift apart the way they do on real pages.  Counts the pairs of
  lines that follow each other in the article and follow each other in
  untangle's output, and the articles read back whole;
* ordinary: the same articles in one column, a blank after every line;
  counts the pages where untangle moved anything.

Prints numbers; it is not a test, and the wrapping is simple, so these are
rough estimates next to ``score_dev.py``'s.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from kanbao.features import ends_sentence  # noqa: E402
from kanbao.lines import split_lines  # noqa: E402
from kanbao.untangle import untangle  # noqa: E402
from toprow_synth import HEADS, paragraphs, wrap  # noqa: E402


def interleaved(lines: list[str], k: int, gap: float) -> list[str]:
    """The lines of ``k`` columns in the order of their height on the page (left to right among equals)."""
    h = -(-len(lines) // k)
    placed = []
    for j in range(k):
        y = 0.0
        for r, ln in enumerate(lines[j * h:(j + 1) * h]):
            placed.append((round(y, 3), j, r, ln))
            y += 1 + (gap if ends_sentence(ln) else 0.0)
    return [ln for *_, ln in sorted(placed)]


def run(paras: list[str], rng: random.Random, trials: int) -> tuple[int, int, int, int, int]:
    pairs_ok = pairs = whole = moved = 0
    for _ in range(trials):
        w, k, gap = rng.randint(10, 16), rng.randint(2, 5), rng.choice([0.0, 0.3, 0.6])
        article = wrap(rng.sample(paras, rng.randint(3, 6)), w)
        head = [rng.choice(HEADS), "本报记者 王明"]
        dump = "\n\n".join(head + interleaved(article, k, gap))
        out, _ = untangle(split_lines(dump)[0])
        got = [ln.raw for ln in out][len(head):]
        where = {t: i for i, t in enumerate(got)}
        for a, b in zip(article, article[1:]):
            pairs += 1
            pairs_ok += a in where and b in where and where[b] == where[a] + 1
        whole += got == article
        _, moves = untangle(split_lines("\n\n".join(head + article))[0])
        moved += bool(moves)
    return pairs_ok, pairs, whole, trials, moved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"))
    ap.add_argument("--trials", type=int, default=200)
    a = ap.parse_args()
    paras = paragraphs(Path(a.eval_dir))
    ok, pairs, whole, n, moved = run(paras, random.Random(7), a.trials)
    print(f"interleaved articles: {ok} of {pairs} line pairs in order ({ok / pairs:.1%}), "
          f"{whole} of {n} articles read back whole; ordinary one-column pages with a move: {moved} of {n}")


if __name__ == "__main__":
    main()
