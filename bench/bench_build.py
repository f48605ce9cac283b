#!/usr/bin/env python3
"""Time `mkdocs build` of a temp copy of the project with N generated real-size seeds.

Side by side in one run, best of ``--repeat`` (3), peak memory of each build:
- stock Material (no custom templates, no hook, no search) on the same Markdown pages and nav;
- kanbao with the seed cache emptied before each build (cold);
- kanbao with the cache warm (nothing changed);
- kanbao with the cache warm and one seed edited before each build.
Kanbao runs with KANBAO_NO_SEARCH=1 (Pagefind is timed on its own with --search).
Also reports the site's size: HTML files, MB, bytes per seed, largest page, home page.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
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


def mkdocs_build(cfg: Path, site: Path, env: dict | None = None) -> tuple[float, str, float]:
    """One `mkdocs build`: (seconds, log, peak memory of the build and its workers in MB)."""
    t = time.perf_counter()
    p = subprocess.Popen([MKDOCS, "build", "-f", str(cfg), "-d", str(site)], cwd=str(cfg.parent),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env or ENV)
    out, err = p.communicate()
    dt = time.perf_counter() - t
    # ru_maxrss of the waited child covers the largest of it and its waited-for workers
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if p.returncode != 0:
        raise RuntimeError(f"mkdocs build -f {cfg} failed:\n{err[-3000:]}")
    return dt, err, rss


def peak_rss(cmd: list[str], cwd: Path, env: dict, cpu: bool = False):
    """Run ``cmd`` in a fresh Python so the peak memory is its own: (seconds, MB),
    and with ``cpu`` the CPU seconds (user + system) of it and its children too."""
    code = ("import resource,subprocess,sys,time,json;t=time.perf_counter();"
            "r=subprocess.run(json.loads(sys.argv[1]),cwd=sys.argv[2],capture_output=True);"
            "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
            "print(time.perf_counter()-t, u.ru_maxrss/1024, u.ru_utime+u.ru_stime, r.returncode)")
    out = subprocess.run([sys.executable, "-c", code, json.dumps(cmd), str(cwd)], capture_output=True, text=True, env=env)
    dt, mb, cs, rc = out.stdout.split()
    if rc != "0":
        raise RuntimeError(f"{cmd} failed")
    return (float(dt), float(mb), float(cs)) if cpu else (float(dt), float(mb))


def site_sizes(site: Path) -> dict:
    """Bytes of the built site: total, HTML pages, the largest page, the home page."""
    htmls = [f for f in site.rglob("*.html")]
    sizes = {str(f.relative_to(site)): f.stat().st_size for f in htmls}
    big = max(sizes, key=sizes.get)
    return {"html_files": len(htmls), "total_mb": sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1e6,
            "html_mb": sum(sizes.values()) / 1e6, "largest": big, "largest_kb": sizes[big] / 1e3,
            "home_kb": sizes.get("index.html", 0) / 1e3}


def pagefind_cmd(site: Path, budget: int | None = None) -> list[str]:
    """The search index as the build makes it (hooks/search.py: slimmed pages, in
    bundles of ``budget`` bytes; a huge budget is one Pagefind run), as a command."""
    code = ("import sys; sys.path.insert(0, sys.argv[1] + '/hooks'); import search; "
            "print(search.run_pagefind(sys.argv[2], sys.argv[1], None if sys.argv[3] == '-' else int(sys.argv[3])))")
    return [sys.executable, "-c", code, str(ROOT), str(site), "-" if budget is None else str(budget)]


def search_bench(site: Path, repeat: int, res: dict) -> None:
    """Pagefind on the built site, best of ``repeat`` with its peak memory: as the
    build runs it (bundles), in one run of the slimmed pages, and the plain CLI
    on the whole site (as before the bundles)."""
    variants = [("pagefind as built (bundles)", pagefind_cmd(site)),
                ("pagefind, one run (slimmed pages)", pagefind_cmd(site, 10 ** 12)),
                ("pagefind CLI on the whole site", [PAGEFIND, "--site", str(site)])]
    for label, cmd in variants:
        runs, peak, cpus = [], 0.0, []
        for _ in range(repeat):
            dt, mb, cs = peak_rss(cmd, ROOT, ENV, cpu=True)
            runs.append(dt)
            cpus.append(cs)
            peak = max(peak, mb)
        pf = site / "pagefind"
        size = sum(f.stat().st_size for f in pf.rglob("*") if f.is_file())
        res.setdefault("pagefind", {})[label] = {"best_s": min(runs), "runs": runs, "cpu_s": min(cpus), "peak_mb": peak,
                                                  "index_mb": size / 1e6}
        print(f"{label:34s} best {min(runs):7.2f} s  (runs {', '.join(f'{r:.1f}' for r in runs)}; CPU {min(cpus):.1f} s; peak {peak:.0f} MB; "
              f"index {size / 1e6:.1f} MB)", flush=True)
    subprocess.run(pagefind_cmd(site), check=True, capture_output=True)   # leave the site as the build does


def variant_configs(proj: Path) -> Path:
    """The same pages as plain Markdown on stock Material, no hook, no search (untimed set-up)."""
    text = (proj / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - hooks/kanbao_hook.py" in text

    from kanbao.glossary import load_glossary
    from kanbao.site import build_site
    site = build_site(proj / "seeds", glossary=load_glossary(proj / "docs" / "glossary.yml"))
    plain = proj / "plain"
    shutil.copytree(proj / "docs", plain / "docs", dirs_exist_ok=True)
    for path, md in site.files.items():
        f = plain / "docs" / path
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(md, encoding="utf-8")
    nav = [{"首页": "index.md"}] + site.nav
    ptext = text.replace("hooks:\n  - hooks/kanbao_hook.py\n", "").replace("  custom_dir: overrides\n", "")
    (plain / "mkdocs.yml").write_text(ptext + "nav: " + json.dumps(nav, ensure_ascii=False) + "\n", encoding="utf-8")
    return plain / "mkdocs.yml"


def serve_edit(proj: Path, repeat: int) -> dict:
    """`mkdocs serve --dirty` (as `make serve`): seconds from saving an edit to one seed until
    the server returns the changed page (its print view, which holds every article)."""
    import socket
    import urllib.request
    seed = sorted((proj / "seeds").glob("*.txt"))[-1]
    with socket.socket() as sk:
        sk.bind(("127.0.0.1", 0))
        port = sk.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    log = open(proj / "serve.log", "wb")
    proc = subprocess.Popen([MKDOCS, "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}"], cwd=str(proj),
                            stdout=log, stderr=subprocess.STDOUT, env=dict(ENV, KANBAO_NO_SEARCH="1"))

    def get(url: str) -> str:
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                return r.read().decode("utf-8", "replace")
        except Exception:
            return ""
    times = []
    try:
        t0 = time.perf_counter()
        while "kb-home" not in get(base):
            if time.perf_counter() - t0 > 1800 or proc.poll() is not None:
                raise RuntimeError("mkdocs serve did not come up: " + (proj / "serve.log").read_text()[-2000:])
            time.sleep(1)
        first = time.perf_counter() - t0
        home = get(base)
        m = re.findall(r'href="(?:\./)?(pages/[^"/]+/)print/"', home)
        url = base + m[-1] + "print/" if m else None
        for k in range(repeat):
            marker = f"更正第{'一二三四五六七八九'[k]}次：本版稿件有误。"
            seed.write_text(seed.read_text(encoding="utf-8") + "\n" + marker + "\n", encoding="utf-8")
            t = time.perf_counter()
            if not url:
                raise RuntimeError("no print view linked from the home page")
            while marker not in "".join(re.sub(r"<[^>]+>", "", get(url)).split()):
                if time.perf_counter() - t > 300:
                    raise RuntimeError("edit never served")
                time.sleep(0.2)
            times.append(time.perf_counter() - t)
            time.sleep(2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    return {"first_build_s": first, "edit_served_s": times, "best_s": min(times), "page": url}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=100, help="number of generated seeds (default 100)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scale", type=float, default=3.0, help="paragraphs per article × this (default 3: real-size pages)")
    ap.add_argument("--per-day", type=int, default=12, help="pages per daily issue (default 12)")
    ap.add_argument("--repeat", type=int, default=3, help="best of N builds per variant (default 3)")
    ap.add_argument("--search", action="store_true", help="also time Pagefind on the built site")
    ap.add_argument("--serve", action="store_true", help="also time `mkdocs serve --dirty` from a seed edit to the page served")
    ap.add_argument("--only-serve", action="store_true", help="only time `mkdocs serve --dirty` (no build timings)")
    ap.add_argument("--only-size", action="store_true", help="only one cold kanbao build and the site's size")
    ap.add_argument("--only-search", action="store_true", help="only one cold kanbao build and the Pagefind timings (--search)")
    ap.add_argument("--keep", action="store_true", help="keep the temp project")
    ap.add_argument("--json", type=Path, help="write the numbers here")
    ap.add_argument("--from", dest="real", type=Path, default=None,
                    help="use N copies of the *.txt page dumps in this folder instead of generated seeds")
    a = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="kanbao-bench-build-"))
    res: dict = {"n": a.n, "cores": os.cpu_count()}
    try:
        t = time.perf_counter()
        if a.real is None:
            make_project(tmp, 0)
            generate_seeds(tmp / "seeds", a.n, a.seed, a.scale, a.per_day)
        else:
            make_project(tmp, a.n, a.seed, a.real)
        plain_cfg = None if a.only_serve or a.only_size or a.only_search else variant_configs(tmp)
        env = dict(ENV, KANBAO_NO_SEARCH="1")
        size = sum(f.stat().st_size for f in (tmp / "seeds").glob("*.txt"))
        res["seed_mb"] = size / 1e6
        print(f"{a.n} seeds ({size / 1e6:.2f} MB, {size / a.n / 1e3:.1f} KB each); set-up {time.perf_counter() - t:.1f} s (untimed)",
              flush=True)
        cache = tmp / ".cache"

        def best(label, cfg, site, cold=False, edit=False):
            runs, rss = [], 0.0
            for _ in range(a.repeat):
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
                if edit:   # one seed changed since the last build
                    f = sorted((tmp / "seeds").glob("*.txt"))[0]
                    f.write_text(f.read_text(encoding="utf-8") + "\n编者按：本版有更正。\n", encoding="utf-8")
                cmd = [MKDOCS, "build", "-f", str(cfg), "-d", str(site)]
                dt, mb = peak_rss(cmd, cfg.parent, env)
                runs.append(dt)
                rss = max(rss, mb)
            res[label] = {"best_s": min(runs), "runs": runs, "peak_mb": rss}
            print(f"{label:34s} best {min(runs):7.2f} s  (runs {', '.join(f'{r:.1f}' for r in runs)}; peak {rss:.0f} MB)",
                  flush=True)
            return min(runs)

        if a.only_size:   # one cold kanbao build, then the site's size
            dt, mb = peak_rss([MKDOCS, "build", "-d", str(tmp / "site-a")], tmp, env)
            sz = site_sizes(tmp / "site-a")
            print(f"kanbao cold build: {dt:.1f} s, peak {mb:.0f} MB; {sz['html_files']} HTML files, {sz['total_mb']:.1f} MB "
                  f"({sz['total_mb'] * 1e6 / a.n / 1e3:.1f} KB per seed, {sz['html_mb'] * 1e6 / sz['html_files'] / 1e3:.1f} KB per HTML page); "
                  f"largest {sz['largest']} {sz['largest_kb']:.0f} KB; home {sz['home_kb']:.0f} KB", flush=True)
            if a.json:
                a.json.write_text(json.dumps({"n": a.n, "build_s": dt, "peak_mb": mb, **sz}, ensure_ascii=False), encoding="utf-8")
            return 0
        if a.only_search:
            dt, mb = peak_rss([MKDOCS, "build", "-d", str(tmp / "site-a")], tmp, env)
            print(f"kanbao cold build without search: {dt:.1f} s, peak {mb:.0f} MB", flush=True)
            search_bench(tmp / "site-a", a.repeat, res)
            if a.json:
                a.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
            return 0
        if a.only_serve:
            sv = serve_edit(tmp, a.repeat)
            print(f"mkdocs serve --dirty: first build {sv['first_build_s']:.1f} s; one seed edited → page served in "
                  f"best {sv['best_s']:.1f} s (runs {', '.join(f'{x:.1f}' for x in sv['edit_served_s'])})", flush=True)
            return 0
        tc = best("stock Material, no search", plain_cfg, tmp / "site-c")
        ta = best("kanbao cold (cache emptied)", tmp / "mkdocs.yml", tmp / "site-a", cold=True)
        tw = best("kanbao warm cache", tmp / "mkdocs.yml", tmp / "site-a")
        te = best("kanbao warm, one seed edited", tmp / "mkdocs.yml", tmp / "site-a", edit=True)
        sizes = site_sizes(tmp / "site-a")
        res["sizes"] = sizes
        res["ratio_cold"], res["ratio_warm"], res["ratio_edit"] = ta / tc, tw / tc, te / tc
        print(f"cold/stock = {ta / tc:.2f}   warm/stock = {tw / tc:.2f}   one-edit/stock = {te / tc:.2f}")
        print(f"site: {sizes['html_files']} HTML files, {sizes['total_mb']:.1f} MB ({sizes['total_mb'] * 1e6 / a.n / 1e3:.1f} KB per seed); "
              f"largest {sizes['largest']} {sizes['largest_kb']:.0f} KB; home {sizes['home_kb']:.0f} KB")
        if a.serve:
            # the seed edited is the last one: the latest issue, whose pages the home page lists
            sv = serve_edit(tmp, a.repeat)
            res["serve"] = sv
            print(f"mkdocs serve --dirty: first build {sv['first_build_s']:.1f} s; one seed edited → page served in "
                  f"best {sv['best_s']:.1f} s (runs {', '.join(f'{x:.1f}' for x in sv['edit_served_s'])})", flush=True)
        if a.search:
            search_bench(tmp / "site-a", a.repeat, res)
        if a.json:
            a.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
        if a.keep:
            print("kept", tmp)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
