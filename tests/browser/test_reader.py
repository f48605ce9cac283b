"""The reading experience in Debian Chromium (Playwright): links, offline, phone
layout, print to PDF (read back with pdftotext) and `mkdocs serve` live reload.

Uses the `built_site` / `server` / `browser` fixtures of conftest.py (the
sample seed plus tests/browser/extra_seeds.py) and reader_conftest_helpers.py.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import time
import unicodedata
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import PAGEFIND
from reader_conftest_helpers import (CHROMIUM, ENV, MKDOCS, article_dirs, copy_project, free_port,
                                     pdf_pages, squash, url_of)

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} missing", allow_module_level=True)
if shutil.which("pdftotext") is None:
    pytest.skip("pdftotext missing (apt-get install poppler-utils)", allow_module_level=True)
if not PAGEFIND.exists():
    pytest.skip("node_modules/.bin/pagefind missing: run `npm ci`", allow_module_level=True)
pytest.importorskip("playwright.sync_api")
from bs4 import BeautifulSoup  # noqa: E402

SAMPLE = "000_e92b42195bf00fd7"       # the repository's sample seed (two articles)
CJK = re.compile(r"[\u4e00-\u9fff]")


def norm(s: str) -> str:
    """Compare PDF text and HTML text: no whitespace, NFKC (pdftotext may give
    Kangxi radicals or fullwidth forms for the embedded CJK glyphs)."""
    return squash(unicodedata.normalize("NFKC", s))


def soup_of(site: Path, d: Path) -> BeautifulSoup:
    return BeautifulSoup((d / "index.html").read_text(encoding="utf-8"), "html.parser")


def body_paragraphs(soup: BeautifulSoup) -> list[str]:
    art = soup.select_one("article.md-content__inner")
    return [p.get_text() for p in art.find_all("p", recursive=False) if not p.get("class")]


@pytest.fixture(scope="module")
def sample_articles(built_site) -> list[Path]:
    dirs = [d for d in article_dirs(built_site) if d.parent.name == SAMPLE]
    assert dirs, "the sample seed gives at least one article"
    return dirs


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(**kw):
        ctx = browser.new_context(locale="zh-CN", **kw)
        contexts.append(ctx)
        return ctx.new_page()
    yield make
    for c in contexts:
        c.close()


# ---------------------------------------------------------------- navigation

def test_every_article_is_reached_from_home(built_site, server, page_factory):
    """Home shows the latest issue; every other article is reached through the
    archive (home → month/issue → newspaper page → article), and every link
    on the way resolves to a built page."""
    expected = {url_of(built_site, d) for d in article_dirs(built_site)}
    seeds = {p.name for p in (built_site / "pages").iterdir() if p.is_dir()}
    assert seeds == {d.parent.name for d in article_dirs(built_site)}, "every seed has an article"
    page = page_factory()
    seen, frontier = set(), ["/"]
    for _depth in range(4):
        nxt = []
        for path in frontier:
            if path in seen:
                continue
            seen.add(path)
            page.goto(server + path)
            hrefs = page.eval_on_selector_all("article.md-content__inner a[href]", "as => as.map(a => a.href)")
            for h in hrefs:
                if not h.startswith(server):
                    continue
                target_path = urlparse(h).path
                target = built_site / unquote(target_path).lstrip("/")
                assert (target / "index.html").exists() or target.is_file(), (path, target_path)
                if target_path not in seen and not target_path.endswith((".xml", "/print/")) and "/glossary" not in target_path:
                    nxt.append(target_path)
        frontier = nxt
        if expected <= seen:
            break
    assert expected - seen == set(), "articles not reached from the home page"


@pytest.mark.parametrize("which", ["home", "article", "glossary"])
def test_no_request_leaves_localhost(which, built_site, server, sample_articles, page_factory):
    url = {"home": "/", "article": url_of(built_site, sample_articles[0]), "glossary": "/glossary/"}[which]
    page = page_factory()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(server + url)
    page.wait_for_load_state("networkidle")
    assert seen, "no request recorded"
    outside = [u for u in seen if urlparse(u).scheme not in ("data", "blob")
               and urlparse(u).hostname != "127.0.0.1"]
    assert outside == []


# ---------------------------------------------------------------- phone

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_390px_has_no_horizontal_scroll(scheme, built_site, server, page_factory):
    page = page_factory(viewport={"width": 390, "height": 844}, color_scheme=scheme, is_mobile=True,
                        device_scale_factor=1)
    for d in article_dirs(built_site) + [built_site]:
        page.goto(server + (url_of(built_site, d) if d != built_site else "/"))
        page.wait_for_load_state("networkidle")
        got = page.evaluate("""() => ({sw: document.scrollingElement.scrollWidth, iw: innerWidth,
            scheme: document.body.getAttribute('data-md-color-scheme')})""")
        assert got["scheme"] == ("slate" if scheme == "dark" else "default"), got
        assert got["sw"] <= got["iw"], (d.name, got)


# ---------------------------------------------------------------- print

def test_article_prints_title_body_and_terms_without_site_chrome(built_site, server, sample_articles,
                                                                 page_factory, tmp_path):
    d = sample_articles[0]
    soup = soup_of(built_site, d)
    title = soup.select_one("article.md-content__inner h1").get_text()
    paras = body_paragraphs(soup)
    defs = [dd.get_text() for dd in soup.select("details.kb-terms dd")]
    assert paras and defs, "sample article has body paragraphs and a 本文术语 box"
    page = page_factory(viewport={"width": 1280, "height": 900})
    page.goto(server + url_of(built_site, d))
    page.wait_for_load_state("networkidle")
    # the reader closed the terms box: it must print anyway
    page.evaluate("document.querySelectorAll('details.kb-terms').forEach(e => e.open = false)")
    text = norm("".join(pdf_pages(page.pdf(format="A4"), tmp_path)))

    assert norm(title) in text
    for p in (paras[0], paras[len(paras) // 2], paras[-1]):
        assert norm(p)[:40] in text
    assert norm("本文术语") in text
    for dd in (defs[0], defs[-1]):
        assert norm(dd)[:40] in text
    # no header, search, nav, toc or footer
    others = [soup_of(built_site, o).select_one("article h1").get_text() for o in article_dirs(built_site) if o != d]
    for chrome in ["搜索", "看报 Kanbao", "Made with", "Material for MkDocs", "术语表", "目录",
                   "上一页", "下一页", "打印本版", "http://", "127.0.0.1", *others]:
        assert norm(chrome) not in text, chrome


def test_print_view_puts_each_article_on_its_own_sheet(built_site, server, sample_articles,
                                                       page_factory, tmp_path):
    view = built_site / "pages" / SAMPLE / "print"
    soup = soup_of(built_site, view)
    numbers = [s.find("h2").select_one(".kb-print-no").extract().get_text() for s in soup.select("section.kb-print-article")]
    assert numbers == [f"{k}/{len(sample_articles)}" for k in range(1, len(sample_articles) + 1)], "each sheet says which article"
    titles = [s.find("h2").get_text() for s in soup.select("section.kb-print-article")]
    index_titles = [soup_of(built_site, d).select_one("article h1").get_text() for d in sample_articles]
    assert [t.strip() for t in titles] == [t.strip() for t in index_titles], "print view holds every article, in reading order"
    toc = [a.get_text(strip=True) for a in soup.select(".md-sidebar--secondary nav.md-nav--secondary > ul > li > a")]
    assert [t.removeprefix(n).strip() for t, n in zip(toc, numbers)] == [t.strip() for t in titles], "its contents list skips no article"
    page = page_factory(viewport={"width": 1280, "height": 900})
    page.goto(server + url_of(built_site, view))
    page.wait_for_load_state("networkidle")
    if len(titles) < 3:
        # the sample page may hold few articles: append the (real) print sections of
        # the other seeds so the sheet breaks between articles are exercised
        for other in sorted((built_site / "pages").glob("*/print/index.html")):
            if other.parent != view:
                extra = soup_of(built_site, other.parent).select("section.kb-print-article")
                page.evaluate("""html => document.querySelector('section.kb-print-article:last-of-type')
                    .insertAdjacentHTML('afterend', html)""", "".join(str(x) for x in extra))
                titles += [x.find("h2").get_text() for x in extra]
    assert len(titles) >= 3
    pages = [norm(p) for p in pdf_pages(page.pdf(format="A4"), tmp_path)]
    starts = []
    for t in titles:
        hits = [i for i, p in enumerate(pages) if norm(t) in p]
        assert hits, f"{t} not in the PDF"
        starts.append(hits[0])
    assert starts[0] == 0
    assert starts == sorted(starts) and len(set(starts)) == len(starts), (
        f"each title on its own sheet, in reading order: {starts} of {len(pages)} pages")
    for i, t in zip(starts, titles):   # each article opens its sheet
        assert pages[i].find(norm(t)) < 40, (t, pages[i][:80])
    all_text = "".join(pages)
    assert norm("用浏览器的“打印”可导出") not in all_text and norm("搜索") not in all_text


# ---------------------------------------------------------------- mkdocs serve

def _get(url: str, timeout: float = 5) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read().decode("utf-8", "replace")


def _wait(pred, timeout: float, what: str, step: float = 0.3):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            v = pred()
            if v:
                return v
        except Exception:
            pass
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _pick_run(seed_lines: list[str], article_text: str) -> tuple[int, int, str]:
    """A run of 8 CJK characters on one seed line that the article shows (middle of a long line)."""
    for n, line in sorted(enumerate(seed_lines), key=lambda x: -len(x[1])):
        for start in range(len(line) // 2 - 4, 1, -1):
            run = line[start:start + 8]
            if len(run) == 8 and all(CJK.match(c) for c in run) and article_text.count(run) == 1:
                return n, start, run
    raise AssertionError("no CJK run found to edit")


@pytest.mark.parametrize("flags", [[], ["--dirty"]], ids=["full", "dirty"])   # make serve uses --dirty
def test_mkdocs_serve_reloads_an_edited_seed_and_survives_a_binary_one(tmp_path, page_factory, flags):
    proj = copy_project(tmp_path / "proj")
    seed = proj / "seeds" / f"{SAMPLE}.txt"
    assert seed.exists()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(MKDOCS), "serve", "--livereload", *flags,
                                 "-a", f"127.0.0.1:{port}"], cwd=proj, env=ENV,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait(lambda: _get(base + "/")[0] == 200, 90, "mkdocs serve to answer")
        html = _get(base + "/")[1]
        href = re.search(rf'href="(\./)?(pages/{SAMPLE}/1/)"', html).group(2)
        page = page_factory(viewport={"width": 1100, "height": 900})
        page.goto(f"{base}/{href}")   # (livereload long-polls: the network is never idle)
        page.wait_for_selector("article h1")
        shown = page.inner_text("article")
        lines = seed.read_text(encoding="utf-8").split("\n")
        n, start, old = _pick_run(lines, "".join(shown.split()))
        new = "".join(random.Random(n).sample("甲乙丙丁戊己庚辛壬癸子丑寅卯", 8))  # same width: reflow unchanged
        assert new not in shown
        lines[n] = lines[n][:start] + new + lines[n][start + 8:]
        seed.write_text("\n".join(lines), encoding="utf-8")

        _wait(lambda: new in "".join(page.inner_text("article").split()), 60,
              f"the reloaded page to show {new} (was {old})", step=0.5)

        (proj / "seeds" / "zz_broken.txt").write_bytes(b"\x00\x01\xff\xfe\x00binary\x89PNG\r\n\x1a\n" * 64)
        _wait(lambda: "zz_broken.txt" in log_path.read_text("utf-8", "replace"), 60,
              "the build log to name zz_broken.txt")
        log_text = log_path.read_text("utf-8", "replace")
        assert re.search(r"WARNING.*zz_broken\.txt", log_text), log_text[-2000:]
        assert proc.poll() is None, "mkdocs serve died"
        _wait(lambda: _get(base + "/")[0] == 200 and new in "".join(_get(f"{base}/{href}")[1].split()),
              30, "the server to keep serving the good seed")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
