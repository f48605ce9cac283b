#!/usr/bin/env python3
"""Search benchmark: the header search box on a site of N real-size seeds.

Builds a temp project of N generated pages of real size (about 7,000
characters, 2-4 articles each, like the sample page; one date per 16 pages),
serves it on 127.0.0.1 and, in headless Chromium, types queries that can fail:

- rare: a person or place name on exactly one page; two of them as a
  two-keyword query; words planted on exactly three pages; words of common
  characters (like 钟文) on one or three pages, which Pagefind's ranking
  buries among the pages that hold their characters.  Every page holding
  the query must be listed (after 更多结果 as often as needed) and a rare
  name's article must come first;
- common: glossary terms and words on hundreds of pages (count shown vs. the
  true number of articles, and no listed result may lack a keyword);
- the new kinds: two keywords, traditional characters, pinyin.

Per query: ms from the last keystroke to the first result rendered (includes
the box's 50 ms input debounce; best of --rounds, each round in a fresh
browser context, so every round starts with a cold cache), bytes transferred
(Playwright request sizes: body + headers, uncompressed as served by Python's
http.server; a real host gzips), whether the right pages are listed, and the
count shown.  The same queries run with the search box of before this work
(``--before``, a git revision of overrides/assets/kanbao/search.js) on the
same site, so the cost of the new features stands next to the old numbers.
"""
from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import make_project, mkdocs_build  # noqa: E402
from gen_seeds import _article, _Writer, clause_pool, unique_names  # noqa: E402

CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run']
BEFORE = "3db1872"    # main before issue 12: one contiguous word, top 12 only


# ---------------------------------------------------------------- seeds

def real_page(i: int, seed: int, extras: list[str]) -> tuple[str, dict]:
    """One page dump of real size; ``extras`` (phrases with rare words) go into one article."""
    s = seed * 1_000_003 + i
    rng = random.Random(s)
    pool = clause_pool()
    w = _Writer(rng, rng.sample(pool, k=max(30, len(pool) * 2 // 5)))
    n_art = rng.randint(2, 4)
    target = rng.randrange(n_art)
    out, heads = [], []
    for k in range(n_art):
        head, lines = _article(w, rng, rng.randint(30, 60) // n_art, extras if k == target else [], rng.randint(14, 18))
        heads.append(head)
        out += ([""] if out else []) + lines
    pn = rng.randint(1, 16)
    day = i // 16
    date = f"2025年{1 + day // 28}月{1 + day % 28}日"
    text = f"{pn:02d} {date} 星期一 责任编辑：张三\n" + "\n".join(out) + "\n"
    return text, {"headline": heads[target], "page_no": pn}


def common_char_words(k: int, rng: random.Random) -> list[str]:
    """k words of 2-3 of the commonest characters that never occur in the text the
    pages are made of (like 钟文 in the sample: Pagefind cuts them into single
    characters that every page has, so its ranking buries the one page).

    >>> ws = common_char_words(3, random.Random(1))
    >>> len(ws), all(2 <= len(w) <= 3 for w in ws)
    (3, True)
    """
    from collections import Counter
    text = "".join(clause_pool())
    top = [c for c, _ in Counter(c for c in text if "\u4e00" <= c <= "\u9fff").most_common(60)]
    out: list[str] = []
    while len(out) < k:
        w = "".join(rng.sample(top, rng.choice([2, 3])))
        if w not in text and w not in out:
            out.append(w)
    return out


def write_seeds(dest: Path, n: int, seed: int) -> dict:
    """n real-size seeds in dest; returns the planted words: {word: kind}.

    Every page has a place and a person name of rare characters (one page
    each); 12 words of rare characters go on three pages each, 6 words of
    common characters on one page each and 3 on three pages each."""
    names = unique_names(n + 12, seed)
    dest.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    cc = common_char_words(9, rng)
    plant = {names[n + k][0]: 3 for k in range(12)} | {w: 1 for w in cc[:6]} | {w: 3 for w in cc[6:]}
    holders = {w: set(rng.sample(range(n), c)) for w, c in plant.items()} if n >= 3 else {}
    planted = {}
    for i in range(n):
        place, person = names[i]
        extras = [f"在{place}", f"{place}{person}介绍"] + [f"据{w}消息" for w, pages in holders.items() if i in pages]
        text, _ = real_page(i, seed, extras)
        (dest / f"{i:04d}_{rng.getrandbits(48):012x}.txt").write_text(text, encoding="utf-8")
        planted[place] = planted[person] = "one"
    for w in holders:
        planted[w] = ("cc" if w in cc else "rare") + str(len(holders[w]))
    return planted


# ---------------------------------------------------------------- truth from the built HTML

from kanbao.searchfold import fold  # noqa: E402  (the box's folding, in Python)


_IGNORED = re.compile(r'<(p|div|details)\b[^>]*data-pagefind-ignore[^>]*>.*?</\1>', re.S)


def article_texts(site: Path) -> dict[str, str]:
    """URL path -> folded indexed text (data-pagefind-body minus data-pagefind-ignore) of every article."""
    out = {}
    for f in site.glob("pages/*/*/index.html"):
        h = f.read_text(encoding="utf-8")
        m = re.search(r"data-pagefind-body>(.*?)</article>", h, re.S)
        if not m:
            continue
        body = _IGNORED.sub(" ", m.group(1))
        out["/" + str(f.parent.relative_to(site)) + "/"] = fold(html.unescape(re.sub(r"<[^>]+>", " ", body)))
    return out


def holders(texts: dict[str, str], words: list[str]) -> set[str]:
    return {u for u, t in texts.items() if all(fold(w) in t for w in words)}


# ---------------------------------------------------------------- browser

# t0: the last keystroke; t1: the first result (or "没有找到") shown for the *final* query
# (the message names it: results of a half-typed query do not count)
JS_SETUP = """
() => {
  window.__kb = {t0: null, t1: null, q: null};
  const box = document.getElementById('kb-search');
  const inp = box.querySelector('input');
  inp.addEventListener('input', () => { window.__kb.t0 = performance.now(); window.__kb.t1 = null; }, true);
  new MutationObserver(() => {
    const kb = window.__kb;
    if (kb.t1 !== null || kb.t0 === null || inp.value !== kb.q) return;
    const z = box.querySelector('.pagefind-ui__message'), msg = z ? z.textContent : '';
    if (!msg.includes(kb.q.trim()) || msg.includes('正在搜索')) return;
    if (box.querySelector('.pagefind-ui__result-link') || /没有找到/.test(msg)) kb.t1 = performance.now();
  }).observe(box, {childList: true, subtree: true, characterData: true});
}
"""

LISTED = """() => [...document.querySelectorAll('#kb-search .pagefind-ui__result-link')]
  .map(a => decodeURIComponent(new URL(a.href).pathname))"""


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class H(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(H, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def run_round(br, base: str, queries: list[dict], settle: float, list_all: bool) -> list[dict]:
    """All queries in one fresh browser context (cold cache); one row per query."""
    ctx = br.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    done: list = []
    page.on("requestfinished", lambda r: done.append(r))   # includes the Web Worker's fetches

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
    page.wait_for_timeout(300)
    load = nbytes(done)
    page.evaluate(JS_SETUP)
    inp = page.locator("input.pagefind-ui__search-input")
    rows = []
    done.clear()    # the first query's bytes include what focusing the box loads (engine, opencc, glossary)
    for i, q in enumerate(queries):
        if i:
            inp.fill("")
            page.wait_for_timeout(300)
            done.clear()
        page.evaluate("q => { window.__kb.t0 = null; window.__kb.t1 = null; window.__kb.q = q; }", q["q"])
        inp.click()
        inp.press_sequentially(q["q"], delay=40)
        try:
            page.wait_for_function("() => window.__kb.t1 !== null", timeout=30000)
            kb = page.evaluate("() => window.__kb")
            ms = kb["t1"] - kb["t0"]
        except Exception:
            ms = float("nan")
        page.wait_for_timeout(settle * 1000)   # later fetches (the count, fragments) belong to this query
        try:
            page.wait_for_function("() => (document.getElementById('kb-search').dataset.kbState || 'done') === 'done'",
                                   timeout=10000)
        except Exception:
            pass
        listed = page.evaluate(LISTED)
        nb = nbytes(done)     # the query itself, before any 更多结果
        clicks = 0
        if list_all:
            more = page.locator("#kb-search .kb-search__more")
            while more.count() and more.is_visible() and clicks < 40:
                more.click()
                clicks += 1
                page.wait_for_function(
                    "n => document.querySelectorAll('#kb-search .pagefind-ui__result').length > n ||"
                    " document.getElementById('kb-search').dataset.kbState === 'done'", arg=len(listed))
                page.wait_for_function("() => document.getElementById('kb-search').dataset.kbState === 'done'")
                listed = page.evaluate(LISTED)
        msg = page.evaluate("() => document.querySelector('#kb-search .pagefind-ui__message').textContent")
        m = re.search(r"找到 (\d+)", msg)
        rows.append({"q": q["q"], "ms": ms, "bytes": nb, "listed": listed, "more_clicks": clicks,
                     "count": int(m.group(1)) if m else len(listed), "first_query": i == 0})
    ctx.close()
    rows.append({"load": load})
    return rows


def measure(site: Path, queries: list[dict], rounds: int, settle: float, list_all: bool) -> tuple[list[dict], int]:
    """Best ms of ``rounds`` rounds; bytes, listing and count from the first."""
    from playwright.sync_api import sync_playwright
    httpd, base = serve(site)
    try:
        with sync_playwright() as pw:
            br = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            runs = [run_round(br, base, queries, settle, list_all and r == 0) for r in range(rounds)]
            br.close()
    finally:
        httpd.shutdown()
    load = runs[0][-1]["load"]
    rows = runs[0][:-1]
    for k, row in enumerate(rows):
        row["ms"] = min(r[k]["ms"] for r in runs)
    return rows, load


# ---------------------------------------------------------------- report

def judge(q: dict, row: dict) -> str:
    listed, want = row["listed"], q["want"]
    if q["kind"].startswith("rare"):
        ok = want <= set(listed) and (len(want) != 1 or (listed and listed[0] in want))
        return "yes" if ok else f"NO ({len(want & set(listed))}/{len(want)} listed)"
    bad = [u for u in listed if u not in want]
    return (f"{len(listed)} listed, {len(bad)} lack a keyword" if bad or not listed
            else f"{len(listed)} listed, all hold it")


def report(title: str, queries: list[dict], rows: list[dict], load: int) -> dict:
    print(f"\n== {title} (page load before any query: {load / 1024:.0f} KiB)")
    print(f"{'#':>2} {'kind':<10} {'query':<16} {'true':>5} {'count':>5} {'ms':>6} {'KiB':>7}  result")
    for i, (q, r) in enumerate(zip(queries, rows)):
        print(f"{i + 1:2d} {q['kind']:<10} {q['q']:<16} {len(q['want']):5d} {r['count']:5d} {r['ms']:6.0f} "
              f"{r['bytes'] / 1024:7.1f}  {judge(q, r)}")
    later = rows[1:]
    ms = [r["ms"] for r in later]
    kib = [r["bytes"] / 1024 for r in later]
    summary = {"first_ms": rows[0]["ms"], "first_kib": rows[0]["bytes"] / 1024,
               "median_ms": statistics.median(ms), "max_ms": max(ms),
               "median_kib": statistics.median(kib), "max_kib": max(kib), "load_kib": load / 1024,
               "rare_ok": sum(judge(q, r) == "yes" for q, r in zip(queries, rows) if q["kind"].startswith("rare")),
               "rare_n": sum(1 for q in queries if q["kind"].startswith("rare"))}
    print(f"first query {summary['first_ms']:.0f} ms, {summary['first_kib']:.0f} KiB (engine, index entry, "
          f"opencc/glossary where used); later queries: median {summary['median_ms']:.0f} ms, max {summary['max_ms']:.0f} ms, "
          f"median {summary['median_kib']:.1f} KiB, max {summary['max_kib']:.1f} KiB; "
          f"rare queries fully listed: {summary['rare_ok']}/{summary['rare_n']}")
    return summary


def build_queries(planted: dict, texts: dict[str, str], n_rare: int) -> list[dict]:
    ones = [w for w, k in planted.items() if k == "one"]
    threes = [w for w, k in planted.items() if k == "rare3"]
    step = max(1, len(ones) // (2 * n_rare))
    rare = ones[::step][:n_rare]
    qs = [{"q": w, "kind": "rare", "words": [w]} for w in rare]
    qs += [{"q": w, "kind": "rare", "words": [w]} for w in threes[:3]]
    # rare words of common characters (one page, three pages): the ones that can fail
    qs += [{"q": w, "kind": "rare cc", "words": [w]} for w, k in planted.items() if k.startswith("cc")]
    # place and person of the same page, as two keywords
    places = [w for w in ones if w.endswith("镇")][:2]
    for p in places:
        person = next(w for w in ones if any(p + w in t for t in texts.values() if p in t) and w != p)
        qs.append({"q": f"{person} {p}", "kind": "rare pair", "words": [person, p]})
    common = [("中试", ["中试"]), ("链主", ["链主"]), ("创新联合体", ["创新联合体"]), ("新赛道", ["新赛道"]),
              ("物流", ["物流"]), ("链主 物流", ["链主", "物流"]), ("鏈主", ["链主"]), ("zhongshi", ["中试"])]
    qs += [{"q": q, "kind": "common", "words": w} for q, w in common]
    for q in qs:
        q["want"] = holders(texts, q["words"])
    return qs


def before_site(site: Path, rev: str) -> Path:
    """A copy of the built site whose search.js is the one at git revision ``rev``."""
    old = subprocess.run(["git", "show", f"{rev}:overrides/assets/kanbao/search.js"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    dst = site.parent / "site-before"
    if not dst.exists():
        shutil.copytree(site, dst, symlinks=True)
    (dst / "assets" / "kanbao" / "search.js").write_text(old, encoding="utf-8")
    return dst


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=1000, help="number of real-size seeds (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rare", type=int, default=6, help="rare one-page names to query (default 6)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds per variant, best ms kept (default 3)")
    ap.add_argument("--settle", type=float, default=1.0, help="seconds after the first result for later fetches")
    ap.add_argument("--before", default=BEFORE, help=f"git revision of the old search.js (default {BEFORE}); '' skips")
    ap.add_argument("--site", help="reuse a project dir kept with --keep instead of building (its search scripts are refreshed)")
    ap.add_argument("--keep", action="store_true", help="keep the temp project")
    ap.add_argument("--json", help="write all numbers to this file")
    a = ap.parse_args(argv)

    tmp = Path(a.site) if a.site else Path(tempfile.mkdtemp(prefix="kanbao-bench-search-"))
    try:
        if a.site:
            planted = json.loads((tmp / "planted.json").read_text(encoding="utf-8"))
        else:
            make_project(tmp, 0, a.seed)
            planted = write_seeds(tmp / "seeds", a.n, a.seed)
            (tmp / "planted.json").write_text(json.dumps(planted, ensure_ascii=False), encoding="utf-8")
            tb, _, _ = mkdocs_build(tmp / "mkdocs.yml", tmp / "site")
            print(f"mkdocs build of {a.n} real-size seeds (incl. pagefind): {tb:.1f} s", flush=True)
        site = tmp / "site"
        if a.site:   # the box's current scripts (static files) into the kept site
            for f in (ROOT / "overrides" / "assets" / "kanbao").glob("*.*"):
                shutil.copyfile(f, site / "assets" / "kanbao" / f.name)
            shutil.rmtree(tmp / "site-before", ignore_errors=True)
        seeds = sorted((tmp / "seeds").glob("*.txt"))
        pf = [f for f in (site / "pagefind").rglob("*") if f.is_file()]
        texts = article_texts(site)
        print(f"{len(seeds)} seeds, mean {statistics.mean(len(s.read_text(encoding='utf-8')) for s in seeds):.0f} characters; "
              f"{len(texts)} articles; index {sum(f.stat().st_size for f in pf) / 1e6:.2f} MB in {len(pf)} files; "
              f"opencc t2cn {(site / 'assets/kanbao/vendor/opencc-t2cn.js').stat().st_size / 1024:.0f} KiB, "
              f"glossary JSON {(site / 'assets/kanbao/glossary-search.json').stat().st_size / 1024:.0f} KiB", flush=True)
        queries = build_queries(planted, texts, a.rare)
        out = {"n": a.n}
        rows, load = measure(site, queries, a.rounds, a.settle, list_all=True)
        out["now"] = report("search box now", queries, rows, load)
        if a.before:
            rows_b, load_b = measure(before_site(site, a.before), queries, a.rounds, a.settle, list_all=False)
            out["before"] = report(f"search box before ({a.before})", queries, rows_b, load_b)
            print("\ncost of the new features (now - before): "
                  f"median {out['now']['median_ms'] - out['before']['median_ms']:+.0f} ms, "
                  f"max {out['now']['max_ms'] - out['before']['max_ms']:+.0f} ms, "
                  f"median {out['now']['median_kib'] - out['before']['median_kib']:+.1f} KiB, "
                  f"first query {out['now']['first_kib'] - out['before']['first_kib']:+.0f} KiB")
        if a.json:
            Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        if a.keep:
            print("kept", tmp)
    finally:
        if not a.keep and not a.site:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
