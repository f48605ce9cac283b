"""Open every HTML page of a built site in Chromium and report what ran or was injected."""
from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "browser"))
from reader_conftest_helpers import CHROME_ARGS, CHROMIUM, serve  # noqa: E402,F401  (one launcher, one server)

# Elements no Kanbao page has of its own: any of them on a page was injected.
INJECTED = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.getAttributeNames()) {
      if (a.startsWith('on')) out.push(el.tagName + '[' + a + ']');
    }
    if (el.tagName === 'SCRIPT' && /alert|confirm|prompt|kbpwn/.test(el.textContent)) out.push('SCRIPT:' + el.textContent.slice(0, 40));
    if (['IMG', 'IFRAME', 'OBJECT', 'EMBED', 'SVG'].includes(el.tagName) && !el.closest('.md-header, .md-footer, .md-logo, .md-icon, .md-source, .md-nav__icon, label, .kb-search, .md-top, .md-content__button'))
      out.push(el.tagName + ' ' + (el.getAttribute('src') || ''));
    if (el.tagName === 'B' && el.textContent === 'kbpwn') out.push('B kbpwn');
  }
  return out;
}"""


def visit_all(site_dir: Path, browser) -> dict[str, list[str]]:
    """{page path: [dialogs opened and elements injected]} for every HTML page of ``site_dir``."""
    found: dict[str, list[str]] = {}
    with serve(site_dir) as base:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(f"dialog {d.type}: {d.message}"), d.dismiss()))
        for html in sorted(site_dir.rglob("*.html")):
            rel = html.relative_to(site_dir).as_posix()
            dialogs.clear()
            page.goto(f"{base}/{rel}", wait_until="load")
            page.wait_for_timeout(50)
            # hover everything that could show a tooltip or a nav label
            bad = list(dialogs) + page.evaluate(INJECTED)
            if bad:
                found[rel] = bad
        page.close()
    return found


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        try:
            yield b
        finally:
            b.close()


def with_chromium(fn):
    """``fn(browser)`` in a thread of its own: Playwright's sync API refuses to
    start where another test session (tests/browser) already runs its loop."""
    out: dict = {}

    def run():
        try:
            with chromium() as b:
                out["value"] = fn(b)
        except BaseException as e:   # re-raised in the caller
            out["error"] = e
    t = threading.Thread(target=run)
    t.start()
    t.join()
    if "error" in out:
        raise out["error"]
    return out["value"]
