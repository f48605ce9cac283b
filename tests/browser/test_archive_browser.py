"""The archive in Chromium: the 404 page under the root and under /kanbao/
(a static host that serves 404.html for any missing path), home → issue →
page → article navigation, and the feed link."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from conftest import PAGEFIND
from reader_conftest_helpers import CHROMIUM, build, copy_project

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} missing", allow_module_level=True)
if not PAGEFIND.exists():
    pytest.skip("node_modules/.bin/pagefind missing: run `npm ci`", allow_module_level=True)
pytest.importorskip("playwright.sync_api")

QUERY = "物流"     # in the sample seed's second article


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host: the site under ``prefix``; any missing path gets 404.html with status 404."""
    prefix = "/"

    def log_message(self, *a):
        pass

    def translate_path(self, path):
        p = path.split("?", 1)[0]
        if not p.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + p[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def host(directory: Path, prefix: str):
    handler = type("H", (_Host,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The project built twice: for the root, and for /kanbao/ with site_url set (as the README says)."""
    root = tmp_path_factory.mktemp("root")
    proj = copy_project(root / "proj")
    out = {"/": build(proj, root / "site")}
    cfg = proj / "mkdocs.yml"
    cfg.write_text("site_url: https://example.org/kanbao/\n" + cfg.read_text(encoding="utf-8"), encoding="utf-8")
    out["/kanbao/"] = build(proj, root / "site-kanbao")
    return out


@pytest.mark.parametrize("prefix", ["/", "/kanbao/"])
def test_404_page_has_text_styles_search_and_a_way_home(sites, browser, prefix):
    with host(sites[prefix], prefix) as base:
        page = browser.new_page(locale="zh-CN")
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "/no/such/" not in r.url else None)
        resp = page.goto(base + "no/such/page/")
        assert resp.status == 404
        assert "找不到这个页面" in page.locator("article h1").inner_text()
        assert not failed, failed                                   # styles and scripts all load
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
        assert page.get_attribute("#kb-search", "data-base") == prefix
        box = page.locator("#kb-search input.pagefind-ui__search-input")
        box.wait_for()
        box.fill(QUERY)
        page.wait_for_selector("#kb-search .pagefind-ui__result-link", timeout=15000)
        href = page.locator("#kb-search .pagefind-ui__result-link").first.get_attribute("href")
        assert href.startswith(prefix + "pages/"), href
        page.locator("a.kb-home-link").click()
        page.wait_for_load_state()
        assert page.url == base and "本期导读" in page.locator("article h1").inner_text()
        page.close()


def test_home_to_issue_to_page_to_article_and_back(sites, browser):
    with host(sites["/"], "/") as base:
        page = browser.new_page(locale="zh-CN")
        page.goto(base)
        assert page.locator("a.kb-feed").get_attribute("href") == "feed.xml"
        page.locator("article h2.kb-issue-page a").first.click()        # a newspaper page of the latest issue
        page.wait_for_load_state()
        assert "/pages/" in page.url
        page.locator("article li a").first.click()                      # its first article
        page.wait_for_load_state()
        assert page.locator(".kb-pager .kb-next a").count() == 1          # the sample page has two articles
        page.locator(".kb-pager .kb-next a").click()
        page.wait_for_load_state()
        assert page.locator(".kb-pager .kb-prev a").count() == 1 and page.locator(".kb-pager .kb-next a").count() == 0
        page.locator(".kb-pager .kb-up a").click()
        page.wait_for_load_state()
        assert page.url.endswith("/pages/000_e92b42195bf00fd7/")
        page.close()


def test_reader_details_phone_title_pullquote_rule_anchors(sites, browser):
    with host(sites["/"], "/") as base:
        page = browser.new_page(viewport={"width": 390, "height": 800}, locale="zh-CN")
        page.goto(base + "pages/000_e92b42195bf00fd7/")
        name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        assert name.inner_text().strip() == "看报 Kanbao"
        assert page.evaluate("e => e.scrollWidth <= e.clientWidth + 1", name.element_handle())   # not cut to 「看报 Ka…」
        page.locator("article li a").first.click()
        page.wait_for_load_state()
        rgb = page.evaluate("getComputedStyle(document.querySelector('blockquote.kb-pullquote')).borderLeftColor")
        r, g, b = (int(float(x)) for x in rgb[rgb.index("(") + 1:].rstrip(")").split(",")[:3])
        assert r > 150 and g < 100 and b < 100, rgb                                               # red, not grey
        ids = page.evaluate("[...document.querySelectorAll('article h2[id]')].map(h => h.id)")
        assert ids and all(any("\u4e00" <= c <= "\u9fff" for c in i) for i in ids), ids           # not #_1
        page.close()


def test_search_from_file_url_says_it_needs_a_server(sites, browser):
    page = browser.new_page(locale="zh-CN")
    page.goto((sites["/"] / "index.html").as_uri())
    box = page.locator("#kb-search input.pagefind-ui__search-input")
    box.fill(QUERY)
    page.wait_for_function("document.querySelector('#kb-search .pagefind-ui__message').textContent.length > 0",
                           timeout=15000)
    msg = page.locator("#kb-search .pagefind-ui__message").inner_text()
    assert "http.server" in msg and "TypeError" not in msg, msg
    page.close()
