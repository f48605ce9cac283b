#!/usr/bin/env python3
"""Limits on hostile sizes (issue 9.10): one huge seed, one huge line.

usage: bench/bench_huge.py [--mb 20] [--line-mb 1] [--no-search]

(a) one seed of ``--mb`` MB made of the sample page repeated (a 20 MB seed
    is about 1,000 newspaper pages in one file): `mkdocs build` time, site
    size, HTML files, the largest HTML page, peak memory of the build;
(b) a seed holding one ``--line-mb`` MB line of Chinese without punctuation:
    the same numbers.
Prints numbers; it is not a test.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(ROOT / ".venv" / "bin" / "mkdocs")


def project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for d in ("hooks", "kanbao", "docs", "overrides"):
        shutil.copytree(ROOT / d, dest / d, ignore=shutil.ignore_patterns("__pycache__", "img"), dirs_exist_ok=True)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    (dest / "seeds").mkdir()
    return dest


def build(proj: Path, search: bool) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KANBAO_NO_CACHE="1")
    if not search:
        env["KANBAO_NO_SEARCH"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    p = subprocess.run([MKDOCS, "build", "-q", "-d", str(proj / "site")], cwd=proj, env=env,
                       capture_output=True, text=True)
    dt = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    htmls = list((proj / "site").rglob("*.html"))
    size = sum(f.stat().st_size for f in (proj / "site").rglob("*") if f.is_file())
    return {"rc": p.returncode, "s": dt, "site_mb": size / 1e6, "html_files": len(htmls),
            "largest_html_kb": max((f.stat().st_size for f in htmls), default=0) / 1e3,
            "peak_mb": max(peak, before) / 1e3, "err": p.stderr.strip().splitlines()[-1:] if p.returncode else []}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--line-mb", type=float, default=1)
    ap.add_argument("--no-search", action="store_true")
    a = ap.parse_args()
    sample = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    body = sample.split("\n", 1)[1]          # without the page number line
    work = Path(tempfile.mkdtemp(prefix="kanbao-huge-"))
    try:
        p1 = project(work / "big")
        reps = max(1, int(a.mb * 1e6 / len(body.encode("utf-8"))))
        (p1 / "seeds" / "big.txt").write_text("07\n" + "\n\n".join([body] * reps), encoding="utf-8")
        r = build(p1, not a.no_search)
        print(f"(a) one {a.mb:g} MB seed ({reps} copies of the sample page): {r}")
        shutil.rmtree(p1)
        p2 = project(work / "line")
        han = "".join(ch for ch in body if "\u4e00" <= ch <= "\u9fff")
        line = (han * (int(a.line_mb * 1e6 / 3 / len(han)) + 1))[: int(a.line_mb * 1e6 / 3)]
        (p2 / "seeds" / "line.txt").write_text("07\n" + line + "\n", encoding="utf-8")
        r = build(p2, not a.no_search)
        print(f"(b) one {a.line_mb:g} MB line without punctuation: {r}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
