#!/usr/bin/env python3
"""Time kanbao.convert.convert_text and kanbao.render.render_page on generated single seeds.

Prints MB/s for convert, render (no glossary) and render (with docs/glossary.yml)
at several sizes, and the 0.5/1/2 MB totals to show (non-)linearity.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_seeds import make_big_seed  # noqa: E402


def timed(fn, *a, **kw):
    t = time.perf_counter()
    r = fn(*a, **kw)
    return r, time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="0.05,0.5,1,2", help="comma-separated seed sizes in MB (default 0.05,0.5,1,2)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1, help="take the best of N runs per size (default 1)")
    a = ap.parse_args(argv)

    from kanbao.convert import convert_text
    from kanbao.glossary import load_glossary
    from kanbao.render import RenderOptions, render_page

    gloss, t_load = timed(load_glossary, ROOT / "docs" / "glossary.yml")
    # warm-up: jieba dictionary load happens on first glossary.find
    warm = convert_text(make_big_seed(0.01, 99), "warm.txt")
    _, t_warm = timed(render_page, warm, RenderOptions(glossary=gloss))
    print(f"glossary: {len(gloss)} entries, load {t_load * 1000:.0f} ms; first render incl. jieba init {t_warm:.2f} s")
    print(f"{'size':>8} {'lines':>7} {'arts':>5} | {'convert s':>9} {'MB/s':>6} | {'render s':>8} {'MB/s':>6} | "
          f"{'render+gl s':>11} {'MB/s':>6} | {'conv+render+gl s':>16}")
    totals = {}
    for mb in [float(x) for x in a.sizes.split(",")]:
        text = make_big_seed(mb, a.seed)
        real = len(text.encode("utf-8")) / 1e6
        best = None
        for _ in range(a.repeat):
            page, tc = timed(convert_text, text, "big.txt")
            _, tr = timed(render_page, page, RenderOptions())
            page2 = convert_text(text, "big.txt")      # fresh page: render_page stores renders on it
            _, tg = timed(render_page, page2, RenderOptions(glossary=gloss))
            cur = (tc, tr, tg)
            best = cur if best is None or sum(cur) < sum(best) else best
        tc, tr, tg = best
        totals[mb] = tc + tg
        print(f"{real:7.2f}M {text.count(chr(10)):7d} {len(page.articles):5d} | {tc:9.2f} {real / tc:6.2f} | "
              f"{tr:8.2f} {real / tr:6.2f} | {tg:11.2f} {real / tg:6.2f} | {tc + tg:16.2f}", flush=True)
    ks = sorted(k for k in totals if k >= 0.5)
    if len(ks) >= 2:
        base = ks[0]
        print("linearity (convert+render+glossary, time per MB relative to %.1f MB): " % base +
              ", ".join(f"{k:g} MB: {totals[k] / k / (totals[base] / base):.2f}x" for k in ks))
    if 2.0 in totals:
        print(f"2 MB seed total convert+render(glossary): {totals[2.0]:.1f} s (target: well under 60 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
