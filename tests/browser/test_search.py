"""Pagefind Chinese search, driven in Debian Chromium through Playwright.

Each case: type the query into the header search box, wait until the list
and the count are final; the first result's title must contain the expected
title, and every listed result must contain every keyword of the query (in
the article text that is indexed, punctuation, case and width ignored).
Keyword, traditional, pinyin/English and quoted-phrase cases are data in
tests/cases/search_cases.yml; the single-word cases below predate them.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

from conftest import CHROMIUM, PAGEFIND

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} missing", allow_module_level=True)
if not PAGEFIND.exists():
    pytest.skip("node_modules/.bin/pagefind missing: run `npm ci`", allow_module_level=True)
pytest.importorskip("playwright.sync_api")
from bs4 import BeautifulSoup  # noqa: E402

from extra_seeds import SNOW, SNOW_PAGES  # noqa: E402

CASES_FILE = Path(__file__).resolve().parents[1] / "cases" / "search_cases.yml"
YAML_CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))

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


from kanbao.searchfold import fold  # noqa: E402  (the box's folding, in Python)


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _page_text(site: Path, href: str) -> str:
    """The text Pagefind indexes for a page: its data-pagefind-body without data-pagefind-ignore parts."""
    path = unquote(urlparse(href).path).lstrip("/")
    f = site / path / "index.html" if not path.endswith(".html") else site / path
    soup = BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("[data-pagefind-body]")
    if body is None:
        return ""
    for x in body.select("[data-pagefind-ignore]"):
        x.decompose()
    return _norm(body.get_text())


def search(page, query: str) -> list[dict]:
    """Type ``query`` as a reader would ("/" then the keys); the listed results once final."""
    box = page.locator("#kb-search input.pagefind-ui__search-input")
    box.fill("")
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")  # the keyboard shortcut focuses the box
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")
    page.keyboard.type(query)
    page.wait_for_function(
        """q => {
            const box = document.getElementById('kb-search');
            const m = box.querySelector('.pagefind-ui__message');
            return box.querySelector('input').value.trim() === q.trim() && box.dataset.kbState === 'done'
                && m && m.textContent.includes(q.trim());
        }""", arg=query, timeout=15000)
    return page.evaluate("""() => [...document.querySelectorAll('#kb-search .pagefind-ui__result')].map(r => ({
        title: r.querySelector('.pagefind-ui__result-link').textContent.trim(),
        href: r.querySelector('.pagefind-ui__result-link').href,
        meta: r.querySelector('.kb-search__meta')?.textContent || '',
        excerpt: r.querySelector('.pagefind-ui__result-excerpt')?.textContent || '',
        marks: [...r.querySelectorAll('.pagefind-ui__result-excerpt mark')].map(m => m.textContent),
    }))""")


def terms_offered(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('#kb-search .kb-search__term-link')].map(a => a.textContent)")


def message(page) -> str:
    """The search box's message once its search is done (a search started again meanwhile ends first)."""
    page.wait_for_function("() => document.getElementById('kb-search').dataset.kbState === 'done'")
    return page.evaluate("() => document.querySelector('#kb-search .pagefind-ui__message').textContent")


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


@pytest.mark.parametrize("case", YAML_CASES, ids=[f"{c['label']}: {c['query']}" for c in YAML_CASES])
def test_case(search_page, built_site, case):
    results = search(search_page, case["query"])
    titles = [r["title"] for r in results]
    if case.get("none"):
        assert not results, titles
        assert "没有找到" in message(search_page)
    else:
        assert results, f"no results for {case['query']}"
        if "first" in case:
            assert case["first"] in titles[0], titles
        if "top3" in case:
            assert any(case["top3"] in t for t in titles[:3]), titles
    # no listed result lacks a keyword
    for r in results:
        text = fold(_page_text(built_site, r["href"]))
        missing = [w for w in case["contain"] if fold(w) not in text]
        assert not missing, f"{r['title']} lacks {missing}"
        assert r["marks"], f"no highlight in excerpt of {r['title']}"
        marked = fold("".join(r["marks"]))
        assert any(fold(w) in marked or marked in fold(w) for w in case["contain"]), (r["marks"], case["contain"])
    if results and len(results) < 8:
        assert f"找到 {len(results)} 篇文章" in message(search_page)
    offered = terms_offered(search_page)
    if "term" in case:
        assert offered and offered[0] == "术语：" + case["term"], offered
    if "same_as" in case:
        hrefs = [r["href"].split("?")[0] for r in results]
        other = [r["href"].split("?")[0] for r in search(search_page, case["same_as"])]
        assert hrefs == other


def test_box_is_not_done_while_a_keystroke_waits(search_page):
    """Typing the query already listed again must not leave the box 'done'
    (with the older list) until the debounced search has run: a listener
    added after the box's own sees the state every keystroke leaves."""
    search(search_page, "冰雪")
    search_page.evaluate("""() => {
        const box = document.getElementById('kb-search');
        window.kbSeen = [];
        box.querySelector('input').addEventListener('input', () => window.kbSeen.push(box.dataset.kbState));
    }""")
    search(search_page, "冰雪")
    seen = search_page.evaluate("() => window.kbSeen")
    assert seen and "done" not in seen, seen
    assert f"找到 {len(SNOW)} 篇文章" in message(search_page)


def test_glossary_result_links_to_the_entry(search_page, built_site):
    search(search_page, "pilot-scale testing")
    href = search_page.evaluate("() => document.querySelector('#kb-search .kb-search__term-link').href")
    url = urlparse(href)
    assert unquote(url.path).endswith("/glossary/"), href
    page = BeautifulSoup((built_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    target = page.find(id=unquote(url.fragment))
    assert target is not None and target.get_text().strip().startswith("中试"), href


def test_count_and_more_results(search_page):
    results = search(search_page, "冰雪")
    assert len(results) == 8, [r["title"] for r in results]
    assert f"找到 {len(SNOW)} 篇文章" in message(search_page)
    more = search_page.locator("#kb-search .kb-search__more")
    assert more.is_visible()
    more.click()
    search_page.wait_for_function("() => document.querySelectorAll('#kb-search .pagefind-ui__result').length > 8"
                                  " && document.getElementById('kb-search').dataset.kbState === 'done'")
    titles = search_page.evaluate("() => [...document.querySelectorAll('#kb-search .pagefind-ui__result-link')]"
                                  ".map(a => a.textContent)")
    assert sorted(titles) == sorted(f"{p}冰雪季开幕" for p in SNOW)
    assert not more.is_visible()


def _articles_containing(site: Path, word: str) -> set[str]:
    """URL paths of the article pages whose indexed text contains ``word`` (folded)."""
    out = set()
    for f in site.glob("pages/*/*/index.html"):
        rel = "/" + str(f.parent.relative_to(site)) + "/"
        if fold(word) in fold(_page_text(site, rel)):
            out.add(rel)
    return out


def _all_results(page) -> list[str]:
    more = page.locator("#kb-search .kb-search__more")
    while more.is_visible():
        n = page.locator("#kb-search .pagefind-ui__result").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('#kb-search .pagefind-ui__result').length > n"
                               " && document.getElementById('kb-search').dataset.kbState === 'done'", arg=n)
    return page.evaluate("() => [...document.querySelectorAll('#kb-search .pagefind-ui__result-link')]"
                         ".map(a => decodeURIComponent(new URL(a.href).pathname))")


@pytest.mark.parametrize("query", ["冰雪", "景区", "成都", "物流", "开幕"])
def test_phrase_fallback_lists_every_page(browser, server, built_site, query):
    """With only the 2 best-ranked pages checked directly (data-ranked), every
    page holding the word must still be listed (Pagefind's phrase search), and
    the count must say how many."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    page.evaluate("() => { document.getElementById('kb-search').dataset.ranked = '2'; }")
    search(page, query)
    want = _articles_containing(built_site, query)
    got = _all_results(page)
    assert set(got) == want and len(got) == len(want), (sorted(got), sorted(want))
    assert f"找到 {len(want)} 篇文章" in message(page)
    page.close()


def test_result_shows_page_and_date(search_page):
    results = search(search_page, "峨眉山")
    assert results[0]["meta"] == "第 13 版 · 2025-12-05", results[0]


def _wait_done(page):
    page.wait_for_function("() => document.getElementById('kb-search').dataset.kbState === 'done'")


def test_filters_by_page_and_date(search_page):
    search(search_page, "冰雪")
    sel = search_page.locator("#kb-search .kb-search__filters select[data-f=page]")
    assert sel.is_visible()
    sel.select_option("第 12 版")
    _wait_done(search_page)
    metas = search_page.evaluate("() => [...document.querySelectorAll('#kb-search .kb-search__meta')].map(m => m.textContent)")
    assert len(metas) == sum(1 for i in range(len(SNOW)) if i % 3 == 0) and all(m.startswith("第 12 版") for m in metas), metas
    sel.select_option("")
    search_page.locator("#kb-search select[data-f=from]").select_option("2025-12-03")
    search_page.locator("#kb-search select[data-f=to]").select_option("2025-12-05")
    _wait_done(search_page)
    metas = search_page.evaluate("() => [...document.querySelectorAll('#kb-search .kb-search__meta')].map(m => m.textContent)")
    assert sorted(m.split(" · ")[1] for m in metas) == ["2025-12-03", "2025-12-04", "2025-12-05"], metas
    assert SNOW_PAGES >= {m.split(" · ")[0] for m in metas}
    # back to everything for the other tests
    search_page.locator("#kb-search select[data-f=from]").select_option("2025-10-09")
    search_page.locator("#kb-search select[data-f=to]").select_option("2025-12-10")
    _wait_done(search_page)


def test_open_result_highlights_keywords(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    search(page, "链主企业")
    page.locator("#kb-search .pagefind-ui__result-link").first.click()
    page.wait_for_selector("mark.kb-hit")
    assert "kbq=" in page.url
    marks = page.evaluate("() => [...document.querySelectorAll('mark.kb-hit')].map(m => m.textContent)")
    assert fold("".join(marks)).count("链主企业") >= 1 and all(fold(m) in "链主企业" for m in marks), marks
    # the first match is scrolled into view
    top = page.evaluate("() => document.querySelector('mark.kb-hit--current').getBoundingClientRect().top")
    assert 0 <= top <= 900, top
    page.locator(".kb-hit-clear").click()
    assert page.locator("mark.kb-hit").count() == 0
    assert "kbq=" not in page.url
    page.close()


def test_zh_switch_remembered_and_printed(browser, server, built_site):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    arts = sorted((built_site / "pages").glob("000_*/[0-9]*/index.html"))
    urls = [server + "/" + str(a.parent.relative_to(built_site)) + "/" for a in arts[:2]]
    page.goto(urls[0])
    body = page.locator("article.md-content__inner")
    simplified = body.inner_text()
    assert "发展" in simplified
    page.locator("#kb-zh").click()
    page.wait_for_selector("html[data-kb-script=tw]")
    traditional = body.inner_text()
    assert "發展" in traditional and "发展" not in traditional
    page.goto(urls[1])             # another page: the choice is remembered
    page.wait_for_selector("html[data-kb-script=tw]")
    page.emulate_media(media="print")
    assert "發展" in page.locator("article.md-content__inner").inner_text()
    page.emulate_media(media="screen")
    page.locator("#kb-zh").click()     # back to simplified, the original text
    page.goto(urls[0])
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.documentElement.dataset.kbScript") is None
    assert body.inner_text() == simplified
    ctx.close()


def test_s_key_focuses(search_page):
    search_page.locator("body").click(position={"x": 5, "y": 300})
    search_page.keyboard.press("s")
    assert search_page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")


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
    search(search_page, "成都 物流")
    search_page.screenshot(path="/tmp/search.png")
    assert Path("/tmp/search.png").stat().st_size > 10_000
