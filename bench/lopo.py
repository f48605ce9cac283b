#!/usr/bin/env python3
"""Leave-one-page-out tuning of the de-interleaving numbers (``kanbao.untangle.Params``).

usage: bench/lopo.py [EVAL_DIR] [--score]

For every setting in a small grid it rebuilds the blocks of all dev cases in
memory (``bench/reflow_gold.py``: lines → untangle → reflow, no MkDocs) and
scores them against the gold: paragraph recall and precision (the scorer's
para_recall and precision, measured on the blocks).  Then, for each page, it
picks the setting best on the other seven pages and reports the held-out
page's numbers with it: the honest estimate for unseen pages.  Next to it:
the page's numbers with the setting best on all eight pages, and with the
shipped defaults.  The objective is recall + precision, averaged over cases.

``--score`` then builds each held-out page's three cases for real (MkDocs,
as ``bench/score_dev.py`` does) with the setting chosen on the other seven
pages, and prints the scorer's score per case: the leave-one-page-out
number to report next to the all-pages table.
"""
from __future__ import annotations

import argparse
import json
import itertools
import os
import sys
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kanbao import untangle  # noqa: E402
from reflow_gold import DEV, cases, score_case  # noqa: E402

GRID = {"switch": [5.0, 8.0, 12.0], "glue": [2.0, 5.0], "turn": [1.0, 1.5, 2.5], "row": [0.3, 0.7],
        "indent": [0.0, 1.5], "closed": [2.0, 4.0]}


def evaluate(params: untangle.Params, all_cases) -> dict[str, tuple[float, float]]:
    untangle.PARAMS = params
    out = {}
    for name, seed, gold in all_cases:
        s = score_case(name, seed, gold)
        out[name] = (s.recall, s.precision)
    return out


def objective(res: dict[str, tuple[float, float]], pages: set[str]) -> float:
    vals = [r + p for name, (r, p) in res.items() if name.split("_")[0] in pages]
    return sum(vals) / len(vals)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(DEV))
    ap.add_argument("--score", action="store_true", help="build the held-out cases and score them for real")
    a = ap.parse_args()
    all_cases = cases(Path(a.eval_dir), set())
    pages = sorted({n.split("_")[0] for n, _, _ in all_cases})
    default = untangle.Params()
    grid = {k: sorted(set(v) | {getattr(default, k)}) for k, v in GRID.items()}   # the shipped value is always a candidate
    settings = [replace(default, **dict(zip(grid, vals))) for vals in itertools.product(*grid.values())]
    results = [(p, evaluate(p, all_cases)) for p in settings]
    base = evaluate(default, all_cases)
    best_all = max(results, key=lambda pr: objective(pr[1], set(pages)))
    print(f"settings tried: {len(settings)}; best on all pages: {asdict(best_all[0])}; defaults: {asdict(default)}")
    print("| page | held out: recall | precision | setting chosen on the other 7 | all-pages best: recall | precision | defaults: recall | precision |")
    print("|---|---|---|---|---|---|---|---|")
    sums = [0.0] * 6
    chosen_for: dict[str, untangle.Params] = {}
    for page in pages:
        rest = set(pages) - {page}
        chosen, res = max(results, key=lambda pr: objective(pr[1], rest))
        chosen_for[page] = chosen
        def mean(r, k):
            vals = [v[k] for n, v in r.items() if n.startswith(page)]
            return sum(vals) / len(vals)
        row = [mean(res, 0), mean(res, 1), mean(best_all[1], 0), mean(best_all[1], 1), mean(base, 0), mean(base, 1)]
        sums = [x + y for x, y in zip(sums, row)]
        c = ",".join(f"{k}={v}" for k, v in asdict(chosen).items())
        print(f"| {page} | {row[0]:.3f} | {row[1]:.3f} | {c} | {row[2]:.3f} | {row[3]:.3f} | {row[4]:.3f} | {row[5]:.3f} |")
    n = len(pages)
    print(f"| mean | {sums[0] / n:.3f} | {sums[1] / n:.3f} | | {sums[2] / n:.3f} | {sums[3] / n:.3f} | {sums[4] / n:.3f} | {sums[5] / n:.3f} |")
    if a.score:
        score_held_out(all_cases, chosen_for, Path(a.eval_dir))


# Loaded by every Python process of the build (PYTHONPATH): sets the de-interleaving
# numbers before the hook converts anything, without a switch in the product.
SITECUSTOMIZE = """
import json, os, sys
sys.path.insert(0, os.getcwd())     # the project copy the build runs in
from kanbao import untangle
untangle.PARAMS = untangle.Params(**json.loads(os.environ["KANBAO_LOPO_PARAMS"]))
"""


def score_held_out(all_cases, chosen_for: dict, ev: Path) -> None:
    import score_dev
    scorer = ev / "score_site.py" if (ev / "score_site.py").exists() else ev.parent / "score_site.py"
    print("\n| page | mupdf | pdfminer | pdftotext | mean (held out, real builds) |\n|---|---|---|---|---|")
    total = []
    with tempfile.TemporaryDirectory(prefix="kanbao-lopo-") as tmp:
        (Path(tmp) / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        for page, params in sorted(chosen_for.items()):
            score_dev.ENV = dict(score_dev.ENV, PYTHONPATH=tmp,
                                 KANBAO_LOPO_PARAMS=json.dumps(asdict(params)), KANBAO_NO_CACHE="1")
            row = {}
            for name, seed, gold in all_cases:
                if name.split("_")[0] == page:
                    row[name.split("_", 1)[1]] = score_dev.score_one(seed, gold, scorer, Path(tmp) / "w")["score"]
            vals = [row.get(x, 0.0) for x in ("mupdf", "pdfminer", "pdftotext")]
            total += vals
            print(f"| {page} | " + " | ".join(f"{v:.1f}" for v in vals) + f" | {sum(vals) / 3:.1f} |")
    print(f"mean {sum(total) / len(total):.1f} over {len(total)} held-out cases, lowest {min(total):.1f}")


if __name__ == "__main__":
    main()
