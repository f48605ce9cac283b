"""A sharded archive at small scale: two years built as two independent sites
(`KANBAO_YEAR`, each its own `site_url` and Pagefind index), served side by
side; the search box of either year finds articles of both (Pagefind's
`mergeIndex` over `extra.kanbao.search_shards`)."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import PAGEFIND
from reader_conftest_helpers import CHROMIUM, ENV, MKDOCS, copy_project, serve

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} missing", allow_module_level=True)
if not PAGEFIND.exists():
    pytest.skip("node_modules/.bin/pagefind missing: run `npm ci`", allow_module_level=True)
pytest.importorskip("playwright.sync_api")

SEED = """01 要闻

江城日报 {y}年{m}月{d}日 星期四 责任编辑 张 磊

{place}建起新的物流中心
本报记者 王 明

  {place}的物流中心昨天正式投入使用，每天可以处理两万件快递包裹。当地居民说，
取件比以前方便多了。物流中心还为周边的农户提供冷链服务，让新鲜的蔬菜水果
更快地运到城里。
"""
YEARS = {"2023": ("5", "4", "澄岚镇"), "2024": ("6", "7", "翊晟镇")}


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("shards")
    proj = copy_project(tmp / "proj")
    for y, (m, d, place) in YEARS.items():
        (proj / "seeds" / f"{y}-{int(m):02d}-{int(d):02d}_01.txt").write_text(
            SEED.format(y=y, m=m, d=d, place=place), encoding="utf-8")
    cfg = proj / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8").replace("  kanbao:\n", "  kanbao:\n    search_shards: [/2023/, /2024/]\n", 1)
    out = tmp / "out"
    for y in YEARS:
        cfg.write_text(f"site_url: https://example.org/{y}/\n" + text, encoding="utf-8")
        r = subprocess.run([str(MKDOCS), "build", "-d", str(out / y)], cwd=proj, env={**ENV, "KANBAO_YEAR": y},
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr[-3000:]
    return out


def test_each_shard_holds_only_its_year(shards):
    for y, (_, _, place) in YEARS.items():
        other = next(p for yy, (_, _, p) in YEARS.items() if yy != y)
        pages = "".join(p.read_text(encoding="utf-8") for p in (shards / y / "pages").rglob("*.html"))
        assert place in pages and other not in pages
        assert not (shards / y / "pages" / "000_e92b42195bf00fd7").exists()    # undated pages are in no year


def test_one_search_finds_an_article_in_each_year(shards, browser):   # conftest's session browser
    with serve(shards) as base:
        page = browser.new_page(locale="zh-CN")
        page.goto(base + "/2024/")
        box = page.locator("#kb-search input.pagefind-ui__search-input")
        for y, (m, d, place) in YEARS.items():
            box.fill(place)
            page.wait_for_function(
                "q => (document.querySelector('#kb-search .pagefind-ui__message') || {}).textContent?.includes('找到')"
                " && document.querySelector('#kb-search .pagefind-ui__message').textContent.includes(q)",
                arg=place, timeout=15000)
            hrefs = page.eval_on_selector_all("#kb-search .pagefind-ui__result-link", "as => as.map(a => a.href)")
            assert hrefs and all(f"/{y}/pages/" in h for h in hrefs), (place, hrefs)
            issue = page.locator("#kb-search .kb-search__meta").first.inner_text()   # the result says where it ran
            assert "江城日报" in issue and "第 01 版 · 要闻" in issue and f"{y}-{int(m):02d}-{int(d):02d}" in issue, issue
            page.goto(hrefs[0])
            assert place in page.locator("article h1").inner_text()
            page.goto(base + "/2024/")
        page.close()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """One site (both years and the sample page) whose index is split into one
    Pagefind bundle per article (``KANBAO_SEARCH_BUNDLE_BYTES=1``), as a big
    archive's is split into bundles of about 1 GB of Pagefind memory each."""
    tmp = tmp_path_factory.mktemp("bundled")
    proj = copy_project(tmp / "proj")
    for y, (m, d, place) in YEARS.items():
        (proj / "seeds" / f"{y}-{int(m):02d}-{int(d):02d}_01.txt").write_text(
            SEED.format(y=y, m=m, d=d, place=place), encoding="utf-8")
    out = tmp / "out" / "site"
    r = subprocess.run([str(MKDOCS), "build", "-d", str(out)], cwd=proj,
                       env={**ENV, "KANBAO_SEARCH_BUNDLE_BYTES": "1"}, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return out


def test_bundles_cover_every_article_once(bundled):
    articles = [p for p in (bundled / "pages").rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    extra = json.loads((bundled / "pagefind" / "kb-bundles.json").read_text(encoding="utf-8"))
    assert len(extra) == len(articles) - 1 >= 3      # one bundle per article here
    frags = [f for b in ["."] + extra for f in (bundled / "pagefind" / b / "fragment").glob("*.pf_fragment")]
    assert len(frags) == len(articles)
    assert not list(bundled.glob(".kb-pagefind-*"))   # no temporary folders left in the site


def test_slimmed_bundles_index_what_pagefind_indexes_in_whole_pages(bundled, tmp_path):
    """Pagefind run once on the whole built pages gives the same fragments (named by
    the hash of their content: text, headline, meta, filters) as the bundles of slimmed pages."""
    extra = json.loads((bundled / "pagefind" / "kb-bundles.json").read_text(encoding="utf-8"))
    ours = sorted(f.name for b in ["."] + extra for f in (bundled / "pagefind" / b / "fragment").glob("*.pf_fragment"))
    r = subprocess.run([str(PAGEFIND), "--site", str(bundled), "--output-path", str(tmp_path / "whole")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert ours == sorted(f.name for f in (tmp_path / "whole" / "fragment").glob("*.pf_fragment"))


def test_one_search_over_all_bundles(bundled, browser):
    with serve(bundled) as base:
        page = browser.new_page(locale="zh-CN")
        page.goto(base + "/")
        box = page.locator("#kb-search input.pagefind-ui__search-input")
        for q, want in [(YEARS["2023"][2], YEARS["2023"][2]), (YEARS["2024"][2], YEARS["2024"][2]),
                        ("三文鱼 智利", "三文鱼")]:
            box.fill(q)
            page.wait_for_function(
                "q => (document.querySelector('#kb-search .pagefind-ui__message') || {}).textContent?.includes(q)"
                " && document.getElementById('kb-search').dataset.kbState === 'done'", arg=q, timeout=15000)
            hrefs = page.eval_on_selector_all("#kb-search .pagefind-ui__result-link", "as => as.map(a => a.href)")
            assert hrefs, q
            page.goto(hrefs[0])
            assert want in page.locator("article").inner_text(), (q, hrefs[0])
            page.goto(base + "/")
        # the filters of all bundles are merged: both years' dates are offered
        box.fill("物流")
        page.wait_for_function("() => document.getElementById('kb-search').dataset.kbState === 'done'", timeout=15000)
        dates = page.eval_on_selector_all("#kb-search select[data-f=from] option", "os => os.map(o => o.value)")
        assert any(d.startswith("2023") for d in dates) and any(d.startswith("2024") for d in dates), dates
        page.close()
