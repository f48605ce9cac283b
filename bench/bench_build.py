#!/usr/bin/env python3
"""Time `mkdocs build` of a temp copy of the project with N generated seeds.

(a) normal build (hook: seeds -> pages, glossary, then Pagefind in on_post_build)
(b) same, glossary disabled (extra.kanbao.glossary -> a missing file)
(c) the same article pages as plain Markdown in docs/, hook removed (so no Pagefind)
Pagefind is also timed alone on (a)'s site, so (a) - pagefind can be compared with (c).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_seeds import generate_seeds  # noqa: E402

MKDOCS = str(ROOT / ".venv" / "bin" / "mkdocs")
PAGEFIND = str(ROOT / "node_modules" / ".bin" / "pagefind")
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def make_project(dest: Path, n: int, seed: int = 0, real: Path | None = None) -> list[dict]:
    """Copy mkdocs.yml, hooks, kanbao, docs, overrides into dest, symlink node_modules,
    write n generated seeds into dest/seeds; return the answer key."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for d in ("hooks", "kanbao", "docs", "overrides"):
        shutil.copytree(ROOT / d, dest / d, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    if not (dest / "node_modules").exists():
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    import compileall
    compileall.compile_dir(str(dest / "kanbao"), quiet=1)   # no .pyc compile inside the first timed build
    compileall.compile_dir(str(dest / "hooks"), quiet=1)
    if real is not None:
        # n copies of real page dumps (realistic term density), cycling through the files
        pages = sorted(real.glob("*.txt"))
        (dest / "seeds").mkdir(exist_ok=True)
        for i in range(n):
            src = pages[i % len(pages)]
            (dest / "seeds" / f"{i:04d}_{src.name}").write_bytes(src.read_bytes())
        return []
    return generate_seeds(dest / "seeds", n, seed)


def mkdocs_build(cfg: Path, site: Path) -> tuple[float, str]:
    t = time.perf_counter()
    p = subprocess.run([MKDOCS, "build", "-f", str(cfg), "-d", str(site)], cwd=str(cfg.parent),
                       capture_output=True, text=True, env=ENV)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"mkdocs build -f {cfg} failed:\n{p.stderr[-3000:]}")
    return dt, p.stderr


def run_pagefind(site: Path) -> float:
    t = time.perf_counter()
    p = subprocess.run([PAGEFIND, "--site", str(site)], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(p.stdout + p.stderr)
    return time.perf_counter() - t


def variant_configs(proj: Path) -> tuple[Path, Path]:
    """Write mkdocs-noglossary.yml and the plain-Markdown project proj/plain/ (untimed)."""
    text = (proj / "mkdocs.yml").read_text(encoding="utf-8")
    assert "glossary: glossary.yml" in text and "  - hooks/kanbao_hook.py" in text
    nog = proj / "mkdocs-noglossary.yml"
    nog.write_text(text.replace("glossary: glossary.yml", "glossary: no-such-glossary.yml"), encoding="utf-8")

    from kanbao.glossary import load_glossary
    from kanbao.site import build_site
    site = build_site(proj / "seeds", glossary=load_glossary(proj / "docs" / "glossary.yml"))
    plain = proj / "plain"
    for d in ("docs", "overrides"):
        shutil.copytree(proj / d, plain / d, dirs_exist_ok=True)
    for path, md in site.files.items():
        f = plain / "docs" / path
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(md, encoding="utf-8")
    nav = [{"首页": "index.md"}] + site.nav
    ptext = text.replace("hooks:\n  - hooks/kanbao_hook.py\n", "")
    (plain / "mkdocs.yml").write_text(ptext + "nav: " + json.dumps(nav, ensure_ascii=False) + "\n", encoding="utf-8")
    return nog, plain / "mkdocs.yml"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=100, help="number of generated seeds (default 100)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1, help="best of N builds per variant (default 1)")
    ap.add_argument("--keep", action="store_true", help="keep the temp project")
    ap.add_argument("--from", dest="real", type=Path, default=None,
                    help="use N copies of the *.txt page dumps in this folder instead of generated seeds")
    a = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="kanbao-bench-build-"))
    try:
        t = time.perf_counter()
        make_project(tmp, a.n, a.seed, a.real)
        nog, plain_cfg = variant_configs(tmp)
        size = sum(f.stat().st_size for f in (tmp / "seeds").glob("*.txt"))
        npages = sum(1 for _ in (tmp / "plain" / "docs").rglob("*.md"))
        print(f"{a.n} seeds ({size / 1e6:.2f} MB) -> {npages} Markdown pages; setup {time.perf_counter() - t:.1f} s (untimed)",
              flush=True)

        def best(cfg, site):
            runs = [mkdocs_build(cfg, site)[0] for _ in range(a.repeat)]
            return min(runs)

        ta = best(tmp / "mkdocs.yml", tmp / "site-a")
        print(f"(a) hook + glossary + pagefind: {ta:7.2f} s", flush=True)
        tb = best(nog, tmp / "site-b")
        print(f"(b) hook, no glossary (+pagefind): {tb:7.2f} s", flush=True)
        tc = best(plain_cfg, tmp / "site-c")
        print(f"(c) plain Markdown, no hook:    {tc:7.2f} s", flush=True)
        tp = min(run_pagefind(tmp / "site-a") for _ in range(a.repeat))
        pf = tmp / "site-a" / "pagefind"
        pf_size = sum(f.stat().st_size for f in pf.rglob("*") if f.is_file())
        print(f"pagefind alone on (a)'s site:   {tp:7.2f} s  (index {pf_size / 1e6:.2f} MB, "
              f"{sum(1 for f in pf.rglob('*') if f.is_file())} files)")
        print(f"(a)/(c) = {ta / tc:.2f}   ((a)-pagefind)/(c) = {(ta - tp) / tc:.2f}")
        print(f"glossary overhead (a)/(b)-1 = {(ta / tb - 1) * 100:+.1f} %   "
              f"(without pagefind: {((ta - tp) / (tb - tp) - 1) * 100:+.1f} %)")
        print(f"hook work (a)-pagefind-(c) = {ta - tp - tc:.2f} s = {(ta - tp - tc) / a.n * 1000:.0f} ms/seed")
        if a.keep:
            print("kept", tmp)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
