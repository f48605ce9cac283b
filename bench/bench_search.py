#!/usr/bin/env python3
"""Pagefind search benchmark on a site built from N generated seeds.

Builds a temp project (mkdocs build, which runs Pagefind), times Pagefind alone,
reports the index size, serves the site on 127.0.0.1 and, in headless Chromium,
types ~10 queries whose right answer is known (a page's unique place/person name).
Per query: ms from the last keystroke to the first result rendered (includes the
Pagefind UI's input debounce), whether the right article is first, and bytes
transferred (Playwright request.sizes(): encoded body + headers) up to the first result and after settling.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import make_project, mkdocs_build, run_pagefind  # noqa: E402

CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run']

JS_SETUP = """
() => {
  window.__kb = {t0: null, t1: null};
  const inp = document.querySelector('input.pagefind-ui__search-input');
  inp.addEventListener('input', () => { window.__kb.t0 = performance.now(); }, true);
  const box = document.getElementById('kb-search');
  new MutationObserver(() => {
    if (window.__kb.t1 === null && window.__kb.t0 !== null) {
      const a = box.querySelector('.pagefind-ui__result-link');
      const z = box.querySelector('.pagefind-ui__message');
      if (a) { window.__kb.t1 = performance.now(); window.__kb.href = a.getAttribute('href'); window.__kb.title = a.textContent.trim(); }
      else if (z && /没有找到/.test(z.textContent)) { window.__kb.t1 = performance.now(); window.__kb.href = null; }
    }
  }).observe(box, {childList: true, subtree: true, characterData: true});
}
"""


def expected_urls(seeds: Path, answers: list[dict]) -> dict[str, set[str]]:
    """name -> site URLs of the article pages (as kanbao splits them) whose text contains it."""
    from kanbao.site import build_site
    site = build_site(seeds)
    out: dict[str, set[str]] = {}
    for p in site.pages:
        for r in p.renders:
            for x in answers:
                for name in (x["place"], x["person"]):
                    if name in r.markdown:
                        out.setdefault(name, set()).add("/" + r.path[:-3] + "/")
    return out


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class H(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(H, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def run_queries(base: str, queries: list[tuple[str, set[str]]], settle: float) -> list[dict]:
    from playwright.sync_api import sync_playwright
    rows = []
    with sync_playwright() as pw:
        br = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        ctx = br.new_context(viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        # Pagefind fetches from a Web Worker, which a page-level CDP Network session does not see;
        # Playwright's page events do include dedicated-worker requests.
        done: list = []      # finished requests since the last reset
        page.on("requestfinished", lambda r: done.append(r))
        page.on("requestfailed", lambda r: done.append(r))

        def nbytes(reqs) -> int:
            tot = 0
            for r in reqs:
                try:
                    sz = r.sizes()
                    tot += max(0, sz["responseBodySize"]) + max(0, sz["responseHeadersSize"])
                except Exception:
                    pass
            return tot
        page.goto(base, wait_until="load")
        page.wait_for_selector("input.pagefind-ui__search-input")
        page.wait_for_timeout(500)
        load_bytes = nbytes(done)
        done.clear()     # the first query's bytes include what focusing/typing loads (pagefind.js, wasm, entry)
        page.evaluate(JS_SETUP)
        inp = page.locator("input.pagefind-ui__search-input")
        for i, (q, want) in enumerate(queries):
            if i:
                inp.fill("")
                page.wait_for_timeout(400)
                done.clear()
            page.evaluate("() => { window.__kb.t0 = null; window.__kb.t1 = null; window.__kb.href = null; }")
            inp.click()
            inp.press_sequentially(q, delay=60)
            try:
                page.wait_for_function("() => window.__kb.t1 !== null", timeout=30000)
                kb = page.evaluate("() => window.__kb")
                ms = kb["t1"] - kb["t0"]
            except Exception:
                kb, ms = {"href": None}, float("nan")
            first_reqs = list(done)
            first_n = len(first_reqs)
            page.wait_for_timeout(settle * 1000)
            first_bytes = nbytes(first_reqs)
            all_bytes = nbytes(done)
            href = kb.get("href")
            got = unquote(urlparse(href).path) if href else None
            rows.append({"q": q, "ms": ms, "ok": got in want, "got": got, "want": sorted(want),
                         "bytes_first": first_bytes, "req_first": first_n, "bytes_settled": all_bytes,
                         "req_settled": len(done), "first": i == 0,
                         "kinds": sorted({Path(urlparse(u).path).suffix or Path(urlparse(u).path).name for u in (r.url for r in done)})})
        br.close()
    rows.append({"load_bytes": load_bytes})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=1000, help="number of generated seeds (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--queries", type=int, default=10, help="number of queries (default 10; 2 are person names)")
    ap.add_argument("--settle", type=float, default=1.5, help="seconds to wait after the first result for later fetches")
    ap.add_argument("--site", help="reuse an already built project dir (from --keep) instead of building")
    ap.add_argument("--keep", action="store_true", help="keep the temp project")
    a = ap.parse_args(argv)

    tmp = Path(a.site) if a.site else Path(tempfile.mkdtemp(prefix="kanbao-bench-search-"))
    try:
        import json
        if a.site:
            answers = json.loads((tmp / "answers.json").read_text(encoding="utf-8"))
        else:
            answers = make_project(tmp, a.n, a.seed)
            (tmp / "answers.json").write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
            tb, _ = mkdocs_build(tmp / "mkdocs.yml", tmp / "site")
            print(f"mkdocs build of {a.n} seeds (incl. pagefind): {tb:.1f} s", flush=True)
        site = tmp / "site"
        tp = run_pagefind(site)
        pf = [f for f in (site / "pagefind").rglob("*") if f.is_file()]
        html = sum(1 for _ in site.rglob("*.html"))
        print(f"pagefind alone: {tp:.2f} s; index {sum(f.stat().st_size for f in pf) / 1e6:.2f} MB in {len(pf)} files "
              f"({sum(1 for f in pf if '/fragment/' in str(f))} fragments, {sum(1 for f in pf if '/index/' in str(f))} index chunks); "
              f"{html} HTML files in site", flush=True)

        want = expected_urls(tmp / "seeds", answers)
        k = a.queries
        step = max(1, len(answers) // k)
        picks = answers[::step][:k]
        queries = [(x["place"], want.get(x["place"], set())) for x in picks[:max(1, k - 2)]]
        queries += [(x["person"], want.get(x["person"], set())) for x in picks[max(1, k - 2):]]
        httpd, base = serve(site)
        try:
            rows = run_queries(base, queries, a.settle)
        finally:
            httpd.shutdown()
        load = rows.pop()["load_bytes"]
        print(f"page load before any query: {load / 1024:.0f} KiB")
        print(f"{'#':>2} {'query':<6} {'ms':>6} {'ok':>3} {'KiB@first':>9} {'req':>4} {'KiB settled':>11} {'req':>4}  first result")
        for i, r in enumerate(rows):
            print(f"{i + 1:2d} {r['q']:<6} {r['ms']:6.0f} {'yes' if r['ok'] else 'NO':>3} {r['bytes_first'] / 1024:9.1f} "
                  f"{r['req_first']:4d} {r['bytes_settled'] / 1024:11.1f} {r['req_settled']:4d}  "
                  f"{r['got']}{'' if r['ok'] else '  (want ' + ', '.join(r['want']) + ')'}")
        later = rows[1:]
        med = lambda xs: statistics.median(xs) if xs else float("nan")
        print(f"first query: {rows[0]['ms']:.0f} ms, {rows[0]['bytes_first'] / 1024:.0f} KiB to first result, "
              f"{rows[0]['bytes_settled'] / 1024:.0f} KiB settled ({', '.join(rows[0]['kinds'])})")
        print(f"later queries: median {med([r['ms'] for r in later]):.0f} ms, "
              f"median {med([r['bytes_first'] for r in later]) / 1024:.1f} KiB to first result, "
              f"{med([r['bytes_settled'] for r in later]) / 1024:.1f} KiB settled")
        print(f"right article first: {sum(r['ok'] for r in rows)}/{len(rows)}   (all-query median {med([r['ms'] for r in rows]):.0f} ms; "
              f"includes the search box's input debounce, see overrides/assets/kanbao/search.js)")
        if a.keep:
            print("kept", tmp)
    finally:
        if not a.keep and not a.site:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
