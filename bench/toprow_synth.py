#!/usr/bin/env python3
"""How often ``kanbao.toprow`` reads a top row back, and how often it moves ordinary text.

usage: bench/toprow_synth.py [EVAL_DIR]

Builds pages from the gold paragraphs of the dev pages (mupdf dumps, whose
lines are in reading order), rewrapped to a column of 11–16 characters
(first lines two characters narrower):

* rows: an article set in 2–4 equally long columns and printed the way
  pdftotext prints a top row (headline, the first line of each column,
  column 1's other lines, then each other column's lines after a blank);
  counts the articles read back in the right order;
* ordinary: 2–4 articles, each a headline over its column text with a blank
  line at every column break; counts the pages where any line was moved.

The wrapping is simple (a mark that cannot start a line hangs at the end
of the line before; numbers are narrower than the column), so the rows
measure is a rough estimate.  It
measures nothing on the dev pages themselves; use ``score_dev.py`` for that.
"""
from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kanbao.features import NO_LINE_START  # noqa: E402
from kanbao.lines import split_lines  # noqa: E402
from kanbao.toprow import top_row  # noqa: E402

HEADS = ["某某市召开重要工作会议部署全年任务", "全省春耕生产有序推进", "科技创新赋能产业升级发展新质生产力", "城乡居民收入稳步增长"]


def paragraphs(ev: Path) -> list[str]:
    out = []
    for g in sorted(ev.glob("gold_page*_mupdf.py")):
        spec = importlib.util.spec_from_file_location("gold", g)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        raw = (ev / mod.SEED).read_text(encoding="utf-8").split("\n")
        for art in mod.ARTICLES:
            for sec in art["sections"]:
                for _kind, ranges in sec["blocks"]:
                    t = "".join(raw[x - 1].strip() for a, b in ranges for x in range(a, b + 1))
                    if len(t) > 30:
                        out.append(t)
    return out


def wrap(paras: list[str], w: int) -> list[str]:
    """Lines of ``w`` characters (first lines two fewer); a mark that cannot start a line hangs at the end of the line before."""
    lines = []
    for p in paras:
        i, first = 0, True
        while i < len(p):
            n = w - 2 if first else w
            while i + n < len(p) and p[i + n] in NO_LINE_START:
                n += 1
            lines.append(p[i:i + n])
            i, first = i + n, False
    return lines


def rows(paras: list[str], rng: random.Random, trials: int = 400) -> tuple[int, int]:
    ok = total = 0
    for _ in range(trials):
        w, m, h = rng.randint(11, 16), rng.randint(2, 4), rng.randint(8, 16)
        lines = wrap(rng.sample(paras, 6), w)
        cols = [lines[k * h:(k + 1) * h] for k in range(m)]
        if any(len(c) < 4 for c in cols):
            continue
        text = [HEADS[0]] + [c[0] for c in cols] + cols[0][1:]
        for c in cols[1:]:
            text += [""] + c[1:]
        out, _ = top_row(split_lines("\n".join(text))[0])
        total += 1
        ok += [ln.raw for ln in out] == [HEADS[0]] + [x for c in cols for x in c]
    return ok, total


def ordinary(paras: list[str], rng: random.Random, trials: int = 300) -> tuple[int, int]:
    moved = 0
    for _ in range(trials):
        text: list[str] = []
        for _art in range(rng.randint(2, 4)):
            w, h = rng.randint(11, 16), rng.randint(6, 16)
            text += ([""] if text else []) + [rng.choice(HEADS)]
            for k, ln in enumerate(wrap(rng.sample(paras, rng.randint(2, 6)), w)):
                if k and k % h == 0:
                    text.append("")
                text.append(ln)
        _, moves = top_row(split_lines("\n".join(text))[0])
        moved += bool(moves)
    return moved, trials


def main() -> None:
    ev = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
    paras = paragraphs(ev)
    ok, total = rows(paras, random.Random(2))
    moved, n = ordinary(paras, random.Random(5))
    print(f"top-row articles read back: {ok} of {total}; ordinary pages with a move: {moved} of {n}")


if __name__ == "__main__":
    main()
