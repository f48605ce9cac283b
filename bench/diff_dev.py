#!/usr/bin/env python3
"""Show where one dev case loses points: gold blocks and headings against the built HTML.

usage: bench/diff_dev.py page14_pdfminer [EVAL_DIR] [--keep DIR]

Builds the one seed like ``score_dev.py`` does, then walks the gold page
article by article and prints, for each gold heading and block, ``ok`` or
what the site shows instead (the rendered blocks that hold pieces of it,
with their page and tag).  Rendered blocks that match no gold text are listed
at the end.  A reading aid for fixing the converter; it measures nothing.
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_dev import ROOT, score_one  # noqa: E402


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def short(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[:n // 2] + "…" + s[-n // 2:]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("case")
    ap.add_argument("eval_dir", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--keep", default="")
    a = ap.parse_args()
    ev = Path(a.eval_dir)
    scorer_path = ev / "score_site.py" if (ev / "score_site.py").exists() else ev.parent / "score_site.py"
    sc = load(scorer_path, "score_site")
    seed, gold_path = ev / f"{a.case}.txt", ev / f"gold_{a.case}.py"
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="kanbao-diff-"))
    try:
        res = score_one(seed, gold_path, scorer_path, work)
        print({k: res[k] for k in res if k not in ("seed",)})
        site = work / seed.stem / "site"
        g = sc.load_gold(load(gold_path, "gold"), seed)
        pages = []
        for p in sorted(site.rglob("*.html")):
            if p.name == "404.html" or "print" in p.parts:
                continue
            bl = sc.page_blocks(p)
            if any(len(b["n"]) >= 4 and any(b["n"] in sc.norm(x["text"]) for x in g["blocks"]) for b in bl):
                pages.append((p.relative_to(site).parent.as_posix(), bl))
        rendered = [(pn, i, b) for pn, bl in pages for i, b in enumerate(bl)]
        used = set()

        def where(n: str) -> str:
            hits = [(pn, i, b) for pn, i, b in rendered if b["n"] == n]
            if hits:
                used.update((pn, i) for pn, i, _ in hits)
                pn, i, b = hits[0]
                return f"ok {b['tag']} {pn}#{i}"
            parts = [(pn, i, b) for pn, i, b in rendered if len(b["n"]) >= 4 and (b["n"] in n or n in b["n"])]
            used.update((pn, i) for pn, i, _ in parts)
            if not parts:
                return "MISSING (mixed into other blocks?)"
            return "SPLIT/MERGED " + " | ".join(f"{b['tag']} {pn}#{i} {short(b['n'], 24)}" for pn, i, b in parts)

        titles = {aid: [] for aid, _ in g["titles"]}
        for aid, parts in g["titles"]:
            titles[aid].append(parts)
        last = None
        for b in g["blocks"]:
            if b["art"] != last:
                last = b["art"]
                print(f"\n== article {last}")
                for parts in titles.get(last, []):
                    print(f"  HEAD {' / '.join(short(sc.norm(x), 30) for x in parts)}: "
                          f"{where(''.join(sc.norm(x) for x in parts))}")
            print(f"  {b['kind'][:4]:4} s{b['sec']} {short(sc.norm(b['text']))}: {where(sc.norm(b['text']))}")
        for aid, t in g["pullquotes"]:
            print(f"  PQ {aid} {short(sc.norm(t))}: {where(sc.norm(t))}")
        print("\n== rendered blocks matching no gold block whole")
        for pn, i, b in rendered:
            if (pn, i) not in used:
                print(f"  {b['tag']:4} {pn}#{i} {short(b['n'], 60)}")
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
