#!/usr/bin/env python3
"""Leave-one-page-out estimate for the structure pass's thresholds.

usage: bench/lopo_structure.py [EVAL_DIR] [--grid small|none] [--json OUT]

For every setting of ``kanbao.structure.TUNING`` in a small grid, every dev
case (page × extractor) is converted, rendered to HTML in process (Python-
Markdown with the site's extensions, no MkDocs: the same scores as
``bench/score_dev.py`` on these pages, about ten times faster) and scored by
``score_site.py``.  Then, for each page, the setting with the best mean on
the *other* pages is chosen and that page is scored with it: the number to
expect on pages never seen.  Printed next to the all-pages score of the
defaults.  This measures; it is not a test.
"""
from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import re
import shutil
import sys
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import markdown  # noqa: E402

from kanbao import structure  # noqa: E402
from kanbao.site import build_site  # noqa: E402

GRID = {
    "title_evidence": [1, 2, 3],
    "topic_shift": [0.10, 0.15, 0.20],
    "reassign_ratio": [1.2, 1.5, 2.0],
    "pq_min_chars": [8, 10, 14],
}


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _html(md: str) -> str:
    m = re.match(r"^---\n.*?\n---\n", md, re.S)
    body = markdown.markdown(md[m.end():] if m else md, extensions=["md_in_html", "toc"])
    return f'<html><body><article class="md-content__inner">{body}</article></body></html>'


def score_case(seed: Path, gold: Path, scorer) -> dict:
    """Convert one seed alone, write its pages as HTML the way MkDocs lays them out, score them."""
    work = Path(tempfile.mkdtemp(prefix="kanbao-lopo-"))
    try:
        (work / "seeds").mkdir()
        shutil.copy2(seed, work / "seeds" / seed.name)
        site = build_site(work / "seeds")
        out = work / "site"
        for path, md in site.files.items():
            stem = path[:-3]
            stem = stem[:-len("index")].rstrip("/") if stem.endswith("index") else stem
            dest = out / stem / "index.html"
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(_html(md), encoding="utf-8")
        return scorer.score(str(out), str(work / "seeds" / seed.name), _load(gold, "gold_" + seed.stem))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--grid", choices=["small", "none"], default="small")
    ap.add_argument("--json", default="")
    a = ap.parse_args()
    ev = Path(a.eval_dir)
    scorer_path = ev / "score_site.py" if (ev / "score_site.py").exists() else ev.parent / "score_site.py"
    scorer = _load(scorer_path, "score_site")
    cases = [(s, ev / f"gold_{s.stem}.py") for s in sorted(ev.glob("page*_*.txt")) if (ev / f"gold_{s.stem}.py").exists()]
    default = structure.TUNING
    keys = list(GRID) if a.grid == "small" else []
    settings = [dict(zip(keys, vals)) for vals in itertools.product(*(GRID[k] for k in keys))] or [{}]
    # the defaults first: on a tie the choice stays with them
    settings.sort(key=lambda st: replace(default, **st) != default)
    results: list[tuple[dict, dict[str, float]]] = []
    try:
        for st in settings:
            structure.TUNING = replace(default, **st)
            results.append((asdict(structure.TUNING),
                            {seed.stem: score_case(seed, gold, scorer)["score"] for seed, gold in cases}))
    finally:
        structure.TUNING = default
    pages = sorted({k.split("_")[0] for k in results[0][1]})

    def mean(scores: dict[str, float], keep) -> float:
        xs = [v for k, v in scores.items() if keep(k.split("_")[0])]
        return sum(xs) / len(xs)

    base = next(sc for t, sc in results if t == asdict(default))
    print("| page | all-pages score (defaults) | leave-one-page-out | setting chosen on the other pages |")
    print("|---|---|---|---|")
    lopo = []
    for p in pages:
        t, sc = max(results, key=lambda r: mean(r[1], lambda q: q != p))
        held = mean(sc, lambda q: q == p)
        lopo.append(held)
        diff = {k: v for k, v in t.items() if v != asdict(default)[k]}
        print(f"| {p} | {mean(base, lambda q: q == p):.1f} | {held:.1f} | {diff or 'defaults'} |")
    print(f"| mean | {mean(base, lambda q: True):.1f} | {sum(lopo) / len(lopo):.1f} | |")
    print(f"{len(settings)} settings of {', '.join(keys) or 'nothing'}; lowest case with the defaults: "
          f"{min(base.values()):.1f}")
    if a.json:
        Path(a.json).write_text(json.dumps([{"tuning": t, "scores": sc} for t, sc in results], ensure_ascii=False, indent=1),
                                encoding="utf-8")


if __name__ == "__main__":
    main()
