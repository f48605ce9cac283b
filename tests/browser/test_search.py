"""Pagefind Chinese search, driven in Debian Chromium through Playwright.

Each case: type the query into the header search box, wait for results; the
first result's title must contain the expected title, and every listed result
must contain the query (in its highlighted excerpt, else in the indexed page).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import CHROMIUM, PAGEFIND

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} missing", allow_module_level=True)
if not PAGEFIND.exists():
    pytest.skip("node_modules/.bin/pagefind missing: run `npm ci`", allow_module_level=True)
pytest.importorskip("playwright.sync_api")
from bs4 import BeautifulSoup  # noqa: E402

A = "提升城市科技成果转化效能"        # sample seed, article 1
B = "成都加快建设现代物流供应链体系"  # sample seed, article 2
P = "大熊猫基地开放夜游"              # extra_seeds.py
F = "郫都区建成无人农场"
E = "社区食堂织密养老服务网"

CASES = [
    # single words / glossary terms
    ("专利", A), ("中试", A), ("揭榜挂帅", A),
    ("链主", A),          # in both sample articles (3× in A, 2× in B): ranking must prefer A
    ("新赛道", A),        # 20× in A, 2× in B
    ("概念验证", A),
    ("岷山行动", A),      # indexed as 岷|山行|动: only the plain (ranked) search finds it
    ("豆瓣酱", F), ("银发经济", E), ("助餐点", E),
    # multiword without spaces
    ("国际班列", B), ("冷链物流", B), ("中欧班列", B), ("物流枢纽", B), ("无人农场", F),
    ("北斗导航", F), ("社区食堂", E), ("数字鸿沟", E), ("科技成果转化", A),
    # names
    ("蒋莉英", B), ("闫博文", A), ("王晓岚", P), ("李春生", F),
    ("周文华", E),        # indexed as …|周文|华介绍
    # places
    ("宁波", A), ("双流", B), ("吉尔吉斯斯坦", B), ("郫都区", F), ("九眼桥", P), ("玉林街道", E),
    ("锦江", P),
    # digits
    ("2028年", B), ("2026年", P), ("1600", B),
    # partial words
    ("熊猫", P), ("班列", B), ("揭榜", A), ("养老", E),
    ("成果转", A),        # not a word: 成果|转化 (and 中转 pages must not be listed)
]


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _page_text(site: Path, href: str) -> str:
    path = unquote(urlparse(href).path).lstrip("/")
    f = site / path / "index.html" if not path.endswith(".html") else site / path
    soup = BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("[data-pagefind-body]")
    return _norm(body.get_text() if body else "")


def search(page, query: str) -> list[dict]:
    box = page.locator("#kb-search input.pagefind-ui__search-input")
    box.fill("")
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")  # the keyboard shortcut focuses the box
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")
    page.keyboard.type(query)
    page.wait_for_function(
        """q => {
            const m = document.querySelector('#kb-search .pagefind-ui__message');
            if (!m || !m.textContent.includes(q) || m.textContent.includes('正在搜索')) return false;
            const rs = [...document.querySelectorAll('#kb-search .pagefind-ui__result')];
            return rs.every(r => r.querySelector('.pagefind-ui__result-link'));
        }""", arg=query, timeout=15000)
    return page.evaluate("""() => [...document.querySelectorAll('#kb-search .pagefind-ui__result')].map(r => ({
        title: r.querySelector('.pagefind-ui__result-link').textContent.trim(),
        href: r.querySelector('.pagefind-ui__result-link').href,
        excerpt: r.querySelector('.pagefind-ui__result-excerpt')?.textContent || '',
        marks: [...r.querySelectorAll('.pagefind-ui__result-excerpt mark')].map(m => m.textContent),
    }))""")


@pytest.mark.parametrize("query,title", CASES, ids=[c[0] for c in CASES])
def test_query(search_page, built_site, query, title):
    results = search(search_page, query)
    assert results, f"no results for {query}"
    assert title in results[0]["title"], [r["title"] for r in results]
    for r in results:
        assert r["marks"], f"no highlight in excerpt of {r['title']}"
        in_excerpt = query in _norm(r["excerpt"])
        assert in_excerpt or query in _page_text(built_site, r["href"]), \
            f"{query!r} not in result {r['title']}: {r['excerpt']}"


def test_s_key_focuses(search_page):
    search_page.locator("body").click(position={"x": 5, "y": 300})
    search_page.keyboard.press("s")
    assert search_page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")


def test_only_articles_indexed(search_page):
    # "Kanbao" is in the header/title of every page, never in an article body
    assert not search(search_page, "Kanbao")


def test_no_request_leaves_localhost(browser, server):
    page = browser.new_page()
    urls: list[str] = []
    page.on("request", lambda req: urls.append(req.url))
    page.goto(server + "/")
    page.wait_for_selector("#kb-search input.pagefind-ui__search-input")
    assert search(page, "冷链物流") and search(page, "大熊猫")
    page.close()
    assert any("/pagefind/" in u for u in urls), urls
    hosts = {urlparse(u).hostname for u in urls if not u.startswith(("data:", "blob:"))}
    assert hosts <= {"127.0.0.1"}, hosts


def test_screenshot(search_page):
    search(search_page, "国际班列")
    search_page.screenshot(path="/tmp/search.png")
    assert Path("/tmp/search.png").stat().st_size > 10_000
