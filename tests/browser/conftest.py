"""Fixtures for the Pagefind browser tests: a built copy of the site with a few
extra seeds, served on 127.0.0.1, and Debian Chromium driven by Playwright."""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
_SKIP = {".venv", "node_modules", "site", ".git", "tests", ".pytest_cache", "bench", ".ci"}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """Copy the project (seeds untouched), add extra seeds, `mkdocs build` into a temp dir."""
    sys.path.insert(0, str(Path(__file__).parent))
    from extra_seeds import write_seeds
    proj = tmp_path_factory.mktemp("kanbao")
    for item in ROOT.iterdir():
        if item.name in _SKIP:
            continue
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, proj / item.name)
    (proj / "node_modules").symlink_to(ROOT / "node_modules")
    write_seeds(proj / "seeds")
    out = proj / "_site"
    r = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-d", str(out)],
                       cwd=proj, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (out / "pagefind" / "pagefind-ui.js").exists(), r.stdout + r.stderr
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


@pytest.fixture(scope="session")
def server(built_site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(_Quiet, directory=str(built_site)))
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def search_page(browser, server):
    """One page kept open on the home page; each test types a new query."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(server + "/")
    page.wait_for_selector("#kb-search input.pagefind-ui__search-input")
    page.kanbao_requests = requests  # type: ignore[attr-defined]
    yield page
    page.close()
