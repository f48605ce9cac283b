"""Glossary tooltips in real headless Chromium (issue 13.4, issue 9.7).

A copy of the project is built with one hostile glossary entry (its
definition and English are HTML/script payloads) for a word of the sample
page. Checks: the tooltip shows the Chinese definition first, at least at the
article's font size and normal weight; Tab reaches a term, Enter toggles,
Esc closes; a tap opens and a second tap closes on a 390 px phone; dark mode
is readable; the hostile entry shows as text, no dialog opens, no element is
injected. Screenshots go to the pytest temp dir (paths printed with -s).
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from reader_conftest_helpers import ENV, MKDOCS, article_dirs, copy_project, serve, url_of

# `browser` is the session fixture of conftest.py (one Playwright per session)

HOSTILE_TERM = "三文鱼"   # a word of the sample page that the glossary does not have
HOSTILE_DEF = '<img src=x onerror="document.title=\'pwned\';alert(1)">一种鱼 & <b>粗体</b>。'
HOSTILE_EN = "</abbr><script>alert(2)</script>salmon"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("tooltips")
    proj = copy_project(tmp / "proj")
    with (proj / "docs" / "glossary.yml").open("a", encoding="utf-8") as f:
        f.write(f"\n- term: {HOSTILE_TERM}\n  pinyin: sānwényú\n"
                f"  definition: '{HOSTILE_DEF.replace(chr(39), chr(39) * 2)}'\n"
                f"  english: '{HOSTILE_EN}'\n")
    out = tmp / "site"
    r = subprocess.run([str(MKDOCS), "build", "-d", str(out)], cwd=proj, capture_output=True, text=True,
                       timeout=300, env={**ENV, "KANBAO_NO_SEARCH": "1"})
    assert r.returncode == 0, r.stdout + r.stderr
    return out


@pytest.fixture(scope="module")
def base(site):
    with serve(site) as url:
        yield url


def _article_with(site: Path, needle: str) -> str:
    for d in article_dirs(site):
        if needle in (d / "index.html").read_text(encoding="utf-8"):
            return url_of(site, d)
    raise AssertionError(f"no article contains {needle!r}")


def _new_page(browser, **ctx):
    context = browser.new_context(locale="zh-CN", **ctx)
    page = context.new_page()
    page.kb_dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.kb_dialogs.append(d.message), d.dismiss()))
    return context, page


def _tip(page) -> dict:
    return page.evaluate("""() => {
        const t = document.getElementById('kb-tip');
        if (!t || t.hidden) return {visible: false};
        const r = t.getBoundingClientRect(), cs = getComputedStyle(t);
        const art = document.querySelector('article p:not(.kb-source)') || document.querySelector('article');
        return {visible: true, def: t.querySelector('.kb-tip__def').textContent,
                meta: t.querySelector('.kb-tip__meta').textContent, html: t.innerHTML,
                children: t.querySelectorAll('*').length, left: r.left, right: r.right, top: r.top,
                bottom: r.bottom, width: r.width,
                size: parseFloat(cs.fontSize), weight: cs.fontWeight, color: cs.color, bg: cs.backgroundColor,
                bodySize: parseFloat(getComputedStyle(art).fontSize)};
    }""")


def test_served_html_keeps_abbr_title_escaped(site: Path) -> None:
    """The contract (<abbr title>) holds, and the payload is an escaped attribute value."""
    text = next((d / "index.html").read_text(encoding="utf-8") for d in article_dirs(site)
                if f">{HOSTILE_TERM}</abbr>" in (d / "index.html").read_text(encoding="utf-8"))
    m = re.search(rf'<abbr class="kb-term" tabindex="0" title="([^"]*)">{HOSTILE_TERM}</abbr>', text)
    assert m, "the hostile term is not tagged"
    assert "<" not in m.group(1) and "&lt;img src=x" in m.group(1)
    assert "<script>alert(2)" not in text


def test_hover_shows_definition_first_readably(browser, site, base, tmp_path) -> None:
    context, page = _new_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(base + _article_with(site, 'class="kb-term"'))
    term = page.locator("article abbr.kb-term").first
    title = term.get_attribute("title")
    definition, meta = title.split("\n")
    term.hover()
    tip = _tip(page)
    assert tip["visible"]
    assert tip["def"] == definition and re.search(r"[\u4e00-\u9fff]", tip["def"])
    assert tip["meta"] == meta
    assert tip["size"] >= tip["bodySize"], tip
    assert tip["weight"] in ("400", "normal")
    assert tip["width"] <= 24 * tip["size"] + 40   # a CJK measure, not a full-width banner
    page.screenshot(path=str(tmp_path / "tooltip-desktop.png"))
    print("screenshot", tmp_path / "tooltip-desktop.png")
    page.mouse.move(5, 5)
    assert not _tip(page)["visible"]
    context.close()


def test_hostile_definition_is_text(browser, site, base, tmp_path) -> None:
    context, page = _new_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(base + _article_with(site, f">{HOSTILE_TERM}</abbr>"))
    title0 = page.title()
    term = page.locator("article abbr.kb-term", has_text=HOSTILE_TERM).first
    term.hover()
    page.wait_for_timeout(300)
    tip = _tip(page)
    assert tip["visible"]
    assert tip["def"].startswith("<img src=x onerror=")
    assert "<script>alert(2)</script>" in tip["meta"]
    assert tip["children"] == 2              # the two <p> of the tooltip, nothing injected
    term.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.kb_dialogs == []
    assert page.title() == title0
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"], article script').length") == 0
    page.screenshot(path=str(tmp_path / "tooltip-hostile.png"))
    context.close()


def test_keyboard_tab_enter_esc(browser, site, base) -> None:
    context, page = _new_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(base + _article_with(site, 'class="kb-term"'))
    # start from the article heading, then Tab: the next stop is the first term
    page.evaluate("() => { const h = document.querySelector('article h1'); h.tabIndex = -1; h.focus(); }")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('abbr.kb-term')"):
            break
    assert page.evaluate("document.activeElement.matches('abbr.kb-term')"), "Tab never reached a term"
    assert _tip(page)["visible"]               # focus opens it
    page.keyboard.press("Escape")
    assert not _tip(page)["visible"]
    page.keyboard.press("Enter")
    assert _tip(page)["visible"]
    page.keyboard.press("Enter")
    assert not _tip(page)["visible"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")                  # leaving the term closes it
    assert not _tip(page)["visible"] or page.evaluate("document.activeElement.matches('abbr.kb-term')")
    context.close()


def test_phone_tap_opens_second_tap_closes(browser, site, base, tmp_path) -> None:
    context, page = _new_page(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                              device_scale_factor=2)
    page.goto(base + _article_with(site, 'class="kb-term"'))
    term = page.locator("article abbr.kb-term").nth(2)
    term.scroll_into_view_if_needed()
    term.tap()
    page.wait_for_timeout(400)
    tip = _tip(page)
    assert tip["visible"]
    assert tip["left"] >= 0 and tip["right"] <= 390, tip
    assert tip["size"] >= tip["bodySize"]
    page.screenshot(path=str(tmp_path / "tooltip-phone.png"))
    print("screenshot", tmp_path / "tooltip-phone.png")
    term.tap()
    page.wait_for_timeout(200)
    assert not _tip(page)["visible"]
    term.tap()
    page.wait_for_timeout(400)
    assert _tip(page)["visible"]
    page.locator("article h1").tap()           # a tap elsewhere closes
    page.wait_for_timeout(200)
    assert not _tip(page)["visible"]
    context.close()


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", rgb)[:3])
    f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def test_dark_mode_is_readable(browser, site, base, tmp_path) -> None:
    context, page = _new_page(browser, viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page.goto(base + _article_with(site, 'class="kb-term"'))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.locator("article abbr.kb-term").first.hover()
    tip = _tip(page)
    assert tip["visible"]
    hi, lo = sorted((_luminance(tip["color"]), _luminance(tip["bg"])), reverse=True)
    assert (hi + 0.05) / (lo + 0.05) >= 7, tip     # dark background, light text
    assert _luminance(tip["bg"]) < 0.1
    page.screenshot(path=str(tmp_path / "tooltip-dark.png"))
    print("screenshot", tmp_path / "tooltip-dark.png")
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_glossary_jump_bar_lands_below_the_sticky_bar(browser, base, width) -> None:
    context, page = _new_page(browser, viewport={"width": width, "height": 844})
    page.goto(base + "/glossary/")
    bar = page.locator("nav.kb-jump")
    letters = bar.locator("a").all_inner_texts()
    assert "L" in letters and "Z" in letters
    bar.locator("a", has_text="L").click()
    page.wait_for_timeout(400)
    heading = page.locator("#letter-L").bounding_box()
    bar_box = bar.bounding_box()
    assert heading["y"] >= bar_box["y"] + bar_box["height"] - 1, (heading, bar_box)
    assert heading["y"] < 844 / 2
    # the first use listed under a term links to a real article page
    href = page.locator("#term-链主 ~ ul.kb-uses a").first.get_attribute("href")
    assert href and page.request.get(page.url.split("#")[0] + href).ok
    context.close()
