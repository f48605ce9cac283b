#!/usr/bin/env python3
"""Score the converter on a dev set of gold pages: one real `mkdocs build` per seed.

usage: bench/score_dev.py [EVAL_DIR] [--only page03,page05] [--jobs 2] [--json OUT]

EVAL_DIR holds ``pageNN_EXTRACTOR.txt`` seeds and ``gold_pageNN_EXTRACTOR.py``
gold files plus ``score_site.py`` one level up (the layout of the shared eval
set; default ``../shared/eval``).  Each seed is built alone into a temporary
copy of this project (search indexing skipped: KANBAO_NO_SEARCH=1) and scored
by ``score_site.py`` on the HTML.  Prints a table (page × extractor), the
metric means, and the overall mean.  This measures; it is not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(ROOT / ".venv" / "bin" / "mkdocs")
PY = str(ROOT / ".venv" / "bin" / "python")
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", KANBAO_NO_SEARCH="1")


def project_copy(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for d in ("hooks", "kanbao", "docs", "overrides"):
        shutil.copytree(ROOT / d, dest / d, ignore=shutil.ignore_patterns("__pycache__", "img"),
                        dirs_exist_ok=True)


def score_one(seed: Path, gold: Path, scorer: Path, work: Path) -> dict:
    proj = work / seed.stem
    project_copy(proj)
    (proj / "seeds").mkdir(exist_ok=True)
    shutil.copy2(seed, proj / "seeds" / seed.name)
    side = seed.with_suffix(".yml")
    if side.exists():
        shutil.copy2(side, proj / "seeds" / side.name)
    site = proj / "site"
    p = subprocess.run([MKDOCS, "build", "-q", "-f", str(proj / "mkdocs.yml"), "-d", str(site)],
                       cwd=proj, capture_output=True, text=True, env=ENV)
    if p.returncode != 0:
        return {"seed": seed.name, "error": (p.stderr or p.stdout)[-400:], "score": 0.0}
    s = subprocess.run([PY, str(scorer), str(site), str(proj / "seeds" / seed.name), "--gold", str(gold), "--json"],
                       capture_output=True, text=True)
    try:
        res = json.loads(s.stdout)
    except json.JSONDecodeError:
        return {"seed": seed.name, "error": (s.stderr or s.stdout)[-400:], "score": 0.0}
    res["seed"] = seed.name
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--only", default="", help="comma-separated page names (page03,page05)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", default="")
    a = ap.parse_args()
    ev = Path(a.eval_dir)
    if not ev.is_dir():
        sys.exit(f"score_dev: no dev set at {ev}: give the folder of gold pages as the first argument")
    scorer = ev / "score_site.py"
    if not scorer.exists():
        scorer = ev.parent / "score_site.py"
    only = {x for x in a.only.split(",") if x}
    cases = []
    for seed in sorted(ev.glob("page*_*.txt")):
        page = seed.stem.split("_")[0]
        gold = ev / f"gold_{seed.stem}.py"
        if gold.exists() and (not only or page in only):
            cases.append((seed, gold))
    work = Path(tempfile.mkdtemp(prefix="kanbao-dev-"))
    try:
        with ThreadPoolExecutor(a.jobs) as ex:
            results = list(ex.map(lambda c: score_one(c[0], c[1], scorer, work), cases))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    extractors = sorted({r["seed"].rsplit("_", 1)[1][:-4] for r in results})
    pages = sorted({r["seed"].split("_")[0] for r in results})
    by = {(r["seed"].split("_")[0], r["seed"].rsplit("_", 1)[1][:-4]): r for r in results}
    print("| page | " + " | ".join(extractors) + " | mean |")
    print("|---|" + "---|" * (len(extractors) + 1))
    for pg in pages:
        row = [by.get((pg, e), {}).get("score", float("nan")) for e in extractors]
        print(f"| {pg} | " + " | ".join(f"{x:.1f}" for x in row) + f" | {sum(row) / len(row):.1f} |")
    for r in results:
        if "error" in r:
            print(f"ERROR {r['seed']}: {r['error']}", file=sys.stderr)
    metrics = ["para_recall", "precision", "fragments", "merges", "join_errors", "headings", "order",
               "qa", "excess_switches", "pullquotes", "byline"]
    ok = [r for r in results if "error" not in r]
    if ok:
        print("means: " + ", ".join(f"{m} {sum(r.get(m, 0) for r in ok) / len(ok):.3f}" for m in metrics))
    scores = [r["score"] for r in results]
    print(f"mean score {sum(scores) / len(scores):.1f} over {len(scores)} cases, lowest {min(scores):.1f}")
    if a.json:
        Path(a.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
