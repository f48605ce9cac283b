"""End to end: `mkdocs build` of the sample seed, asserting on the rendered HTML."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_e92b42195bf00fd7.txt"
CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018-\u201f\u2026\u2014"
JOIN_ERR = re.compile(rf"[{CJK}][ \t\n\r]+[{CJK}]")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    proj = tmp_path_factory.mktemp("proj")
    for name in ("mkdocs.yml", "hooks", "kanbao", "docs", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, proj / name)
        elif src.exists():
            shutil.copy2(src, proj / name)
    if (ROOT / "node_modules").exists():
        (proj / "node_modules").symlink_to(ROOT / "node_modules")
    (proj / "seeds").mkdir()
    shutil.copy2(SAMPLE, proj / "seeds" / SAMPLE.name)
    r = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-d", str(proj / "site")],
                       cwd=proj, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    (proj / "build.log").write_text(r.stderr, encoding="utf-8")
    return proj


def _articles(site: Path) -> list[BeautifulSoup]:
    out = []
    for p in sorted((site / "site" / "pages").rglob("index.html")):
        soup = BeautifulSoup(p.read_text(encoding="utf-8"), "lxml")
        if soup.select_one("article.md-content__inner p.kb-source") and p.parent.name not in (SAMPLE.stem, "print"):
            out.append(soup.select_one("article.md-content__inner"))
    return out


def test_one_line_per_seed_in_the_build_log(site):
    log = (site / "build.log").read_text(encoding="utf-8")
    lines = [ln for ln in log.splitlines() if SAMPLE.name in ln and "articles" in ln]
    assert len(lines) == 1 and "paragraphs" in lines[0] and "warnings" in lines[0]


def test_two_articles_with_titles(site):
    arts = _articles(site)
    titles = [a.find("h1").get_text() for a in arts]
    assert len(arts) == 2
    assert any("供与需如何发力" in t for t in titles)
    assert any("现代物流供应链体系" in t for t in titles)


def test_interview_questions_come_right_before_answers(site):
    interview = next(a for a in _articles(site) if "供与需" in a.find("h1").get_text())
    blocks = [el for el in interview.find_all(["p", "h2"]) if el.get_text(strip=True)]
    qs = [i for i, el in enumerate(blocks) if "kb-q" in (el.get("class") or [])]
    assert len(qs) == 3
    for i in qs:
        assert "kb-a" in blocks[i + 1].get("class"), blocks[i + 1]
        assert blocks[i - 1].name == "h2"            # each question's section has its subhead
    assert len(interview.find_all("h2")) == 3
    assert len(interview.select("blockquote.kb-pullquote")) == 3
    # the questions keep the order they were asked in
    order = [blocks[i].get_text() for i in qs]
    assert "新领域新赛道" in order[0] and "智力优势" in order[1] and "堵点" in order[2]


def test_no_line_join_whitespace_between_cjk(site):
    for art in _articles(site):
        for el in art.find_all(["p", "li", "h1", "h2", "dd", "blockquote"]):
            if "kb-byline" in (el.get("class") or []):
                continue
            assert not JOIN_ERR.search(el.get_text("").strip()), el.get_text("")[:80]


def test_nothing_lost(site):
    canon = lambda s: re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))
    shown = "".join(a.get_text("") for a in _articles(site))
    need = Counter(canon(SAMPLE.read_text(encoding="utf-8")))
    have = Counter(canon(shown))
    lacking = need - have
    assert sum(lacking.values()) <= 4, lacking   # only the page number "07" and pull-quote numbers "1 2 3" go
    assert set(lacking) <= set("0123456789")


def test_page_number_is_metadata_not_text(site):
    art = _articles(site)[0]
    first = art.find("div", class_="kb-lead") or art
    assert not first.get_text("").strip().startswith("07")
    assert "第 07 版" in art.select_one(".kb-source").get_text()


# --- stable, unique URLs (issue 11.3) ---------------------------------------------------------

def test_headline_correction_keeps_the_url_in_the_browser(site, tmp_path):
    """An article's URL is its seed's path and its number on the page: correcting
    the headline in a sidecar changes the page at that URL, not the URL."""
    from tests.hostile.chromium import serve, with_chromium
    url = f"pages/{SAMPLE.stem}/1/"
    proj2 = tmp_path / "proj2"
    shutil.copytree(site, proj2, ignore=shutil.ignore_patterns("site", "node_modules"))
    (proj2 / "seeds" / f"{SAMPLE.stem}.yml").write_text("articles:\n  a1: {title: 改过的标题}\n", encoding="utf-8")
    r = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-d", str(proj2 / "site")],
                       cwd=proj2, capture_output=True, text=True, timeout=300, env={**os.environ, "KANBAO_NO_SEARCH": "1"})
    assert r.returncode == 0, r.stderr[-3000:]
    def visit(browser):
        page = browser.new_page()
        heads = []
        for built in (site / "site", proj2 / "site"):
            with serve(built) as base:
                resp = page.goto(f"{base}/{url}")
                assert resp.status == 200, (built, url)
                heads.append(page.locator("article h1").first.inner_text())
        page.close()
        return heads
    heads = with_chromium(visit)
    assert heads[1] == "改过的标题" != heads[0]


NAMES = st.lists(st.text(alphabet=st.sampled_from("aAbB -_.()（）中文/\u3000&<"), min_size=1, max_size=8)
                 .map(lambda s: "/".join(p.strip("/") or "x" for p in s.split("/")) + ".txt")
                 .filter(lambda s: "//" not in s and not s.startswith("/")), unique=True, max_size=8)


@settings(max_examples=300, deadline=None)
@given(NAMES)
def test_no_two_seeds_share_a_url(names):
    """Unique, and deterministic: the same names give the same slugs in any order;
    no seed's URL is a folder of another seed's pages."""
    from kanbao.discover import assign_slugs
    slugs, _ = assign_slugs(names)
    assert len(set(slugs.values())) == len(names)
    assert assign_slugs(list(reversed(names)))[0] == slugs
    for s in slugs.values():
        assert not any(o.startswith(s + "/") for o in slugs.values()), s


def test_colliding_names_build_separate_pages(tmp_path):
    from kanbao.site import build_site
    names = ["A.txt", "a.txt", "a b.txt", "a-b.txt", "(1).txt", "1.txt", "..txt", "seed.txt", "x.txt", "x/1.txt"]
    for k, n in enumerate(names):
        (tmp_path / n).parent.mkdir(exist_ok=True)
        (tmp_path / n).write_text(f"0{k}\n标题{k}\n\n第{k}号文件的正文，内容要长一些才像一段正文。\n", encoding="utf-8")
    s = build_site(tmp_path)
    assert sorted(p.seed for p in s.pages) == sorted(names)
    for k in range(len(names)):
        assert sum(f"第{k}号文件的正文" in md for path, md in s.files.items() if path.endswith("/1.md")) == 1
    renamed = [w for w in s.warnings if "published at" in w]
    assert len(renamed) == 5 and all(w.split(":")[0] in names for w in renamed)


def test_missing_pagefind_is_one_clear_line(site, tmp_path):
    proj = tmp_path / "nopf"
    shutil.copytree(site, proj, ignore=shutil.ignore_patterns("site", "node_modules"))
    r = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-d", str(proj / "site")],
                       cwd=proj, capture_output=True, text=True, timeout=300,
                       env={k: v for k, v in os.environ.items() if k != "KANBAO_NO_SEARCH"})
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1 and "npm ci" in errors[0], r.stderr[-2000:]


def test_copies_of_the_articles_are_marked_as_copies(site):
    """The lists of articles (page index, home page) are navigation, and the
    print view's subheads are headings to assistive technology but no ``h3``:
    the print view's contents list holds its articles, and both are second
    copies of the article pages, where subheads stay ``h2``."""
    slug = SAMPLE.stem
    for page in (site / "site" / "pages" / slug / "index.html", site / "site" / "index.html"):
        body = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article.md-content__inner")
        listed = body.select("li a[href]")
        assert listed and all(a.find_parent("nav", class_="kb-toc") for a in listed)
    printed = BeautifulSoup((site / "site" / "pages" / slug / "print" / "index.html").read_text(encoding="utf-8"),
                            "lxml").select_one("article.md-content__inner")
    subheads = printed.select('div.kb-subhead[role="heading"][aria-level="3"]')
    on_pages = [h.get_text() for a in _articles(site) for h in a.find_all("h2")]
    assert subheads and not printed.find("h3")
    assert sorted(h.get_text() for h in subheads) == sorted(on_pages)
