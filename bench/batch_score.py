#!/usr/bin/env python3
"""Score many gold pages with one ``mkdocs build``: every seed in one site, each scored on its own pages.

usage: bench/batch_score.py EVAL_DIR [EVAL_DIR ...] [--json OUT] [--compare OLD.json] [--ext pdfminer] [--keep DIR]

Each EVAL_DIR holds ``pageNN_EXTRACTOR.txt`` seeds with ``gold_pageNN_EXTRACTOR.py``
(the shared dev set, or a folder made by ``bench/simpage.py``; a ``dev/``
subfolder is looked into).  Seeds of different folders may share a name, so
each goes to ``seeds/<folder tag>/`` of one temporary copy of this project
(search indexing skipped); one build renders them all, and ``score_site.py``
(found next to or one level above the folder, else in ``../shared/eval``)
scores each seed on the pages under ``site/pages/<tag>/<seed>/`` alone.

The scores are the same as one build per seed (``bench/score_dev.py``): on
240 simulated cases every score matched, and 1464 cases take about three
minutes instead of thirty-five.  Prints, per extractor, the mean, the cases
below 80 and the points lost per case to each metric (the score's weights);
with ``--compare`` the cases whose score changed.  It measures; it is not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from diff_dev import load as _load  # noqa: E402   (a module from a file path)

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = {"para_recall": 30, "precision": 15, "headings": 15, "order": 15, "qa": 10, "pullquotes": 5, "byline": 5}
_scorer = None


def find_scorer(folder: Path) -> Path:
    """``score_site.py`` next to the folder, one level up, or in the shared eval set."""
    for cand in (folder / "score_site.py", folder.parent / "score_site.py", folder.parent.parent / "score_site.py",
                 ROOT.parent / "shared" / "eval" / "score_site.py"):
        if cand.exists():
            return cand
    sys.exit(f"batch_score: no score_site.py near {folder}")


def cases_in(d: Path, ext: str) -> list[tuple[str, Path, Path]]:
    """(tag, seed, gold) for every seed with gold in ``d`` (or ``d/dev``); the tag names the folder.

    >>> cases_in(Path("/nonexistent"), "")
    []
    """
    folder = d / "dev" if (d / "dev").is_dir() else d
    tag = (folder.parent.name if folder.name == "dev" else folder.name) or "cases"
    return [(tag, s, folder / f"gold_{s.stem}.py") for s in sorted(folder.glob("page*_*.txt"))
            if ext in s.name and (folder / f"gold_{s.stem}.py").exists()]


def _score(args: tuple[str, str, str, str]) -> tuple[str, dict]:
    global _scorer
    scorer, pages, seed, gold = args
    if _scorer is None:
        _scorer = _load(Path(scorer), "score_site")
    try:
        return seed, _scorer.score(Path(pages), Path(seed), _load(Path(gold), "gold"))
    except Exception as e:   # a page the converter dropped whole: report it, score 0
        return seed, {"error": repr(e)[:300], "score": 0.0}


def losses(results: dict[str, dict]) -> list[str]:
    """One line per extractor: mean, cases below 80, points lost per case to each metric."""
    out = []
    for ext in sorted({k.rsplit("_", 1)[1][:-4] for k in results}) + [""]:
        rs = [r for k, r in results.items() if k.endswith(f"_{ext}.txt" if ext else ".txt") and "error" not in r]
        if not rs:
            continue
        lost = {m: sum(w * (1 - r[m]) for r in rs) / len(rs) for m, w in WEIGHTS.items()}
        lost["switches"] = sum(5 * (r["excess_switches"] > 0) for r in rs) / len(rs)
        lost["joins"] = sum(min(10, r["join_errors"]) for r in rs) / len(rs)
        mean = sum(r["score"] for r in rs) / len(rs)
        out.append(f"{ext or 'all':9s} {len(rs):5d} cases  mean {mean:6.2f}  below 80: {sum(r['score'] < 80 for r in rs):3d}"
                   "  lost: " + " ".join(f"{m} {v:.2f}" for m, v in lost.items()))
    return out


def compare(old: dict[str, dict], new: dict[str, dict]) -> list[str]:
    """The cases whose score changed, worst first, after a count of ups and downs."""
    both = [k for k in new if k in old]
    ch = sorted((new[k]["score"] - old[k]["score"], k) for k in both if new[k]["score"] != old[k]["score"])
    up, down = sum(d > 0 for d, _ in ch), sum(d < 0 for d, _ in ch)
    return [f"{len(both)} cases, {len(ch)} change: {up} up, {down} down, {sum(d for d, _ in ch):+.1f} points"] + \
        [f"  {d:+6.1f}  {old[k]['score']:6.1f} -> {new[k]['score']:6.1f}  {k}" for d, k in ch]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--ext", default="", help="only seeds whose name holds this (pdfminer, mupdf, pdftotext)")
    ap.add_argument("--json", default="", help="write every case's metrics here")
    ap.add_argument("--compare", default="", help="an earlier --json to list the changed cases against")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", default="", help="keep the built project (seeds and site) in this new folder")
    a = ap.parse_args()
    cases = [c for d in a.dirs for c in cases_in(d, a.ext)]
    if not cases:
        sys.exit("batch_score: no pageNN_EXTRACTOR.txt seeds with gold in the given folders")
    if a.keep and Path(a.keep).exists():
        sys.exit(f"batch_score: --keep {a.keep} exists; name a new folder")
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="kanbao-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copy2(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        for d in ("hooks", "kanbao", "docs", "overrides"):
            shutil.copytree(ROOT / d, work / d, ignore=shutil.ignore_patterns("__pycache__", "img"))
        for tag, seed, _ in cases:
            dest = work / "seeds" / tag
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(seed, dest / seed.name)
            for side in (seed.with_suffix(".yml"), seed.with_suffix(".yaml")):
                if side.exists():
                    shutil.copy2(side, dest / side.name)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KANBAO_NO_SEARCH="1")
        p = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-q", "-d", str(work / "site")],
                           cwd=work, env=env, capture_output=True, text=True)
        if p.returncode:
            sys.exit(f"batch_score: the build failed:\n{p.stderr[-3000:]}")
        jobs = [(str(find_scorer(seed.parent)), str(work / "site" / "pages" / tag / seed.stem), str(seed), str(gold))
                for tag, seed, gold in cases]
        with ProcessPoolExecutor(a.jobs) as ex:
            results = dict(ex.map(_score, jobs, chunksize=8))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    for k, r in results.items():
        if "error" in r:
            print(f"ERROR {k}: {r['error']}", file=sys.stderr)
    print("\n".join(losses(results)))
    if a.compare:
        print("\n".join(compare(json.loads(Path(a.compare).read_text(encoding="utf-8")), results)))
    if a.json:
        Path(a.json).write_text(json.dumps(results, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
