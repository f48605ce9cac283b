"""Make the README pictures in docs/img/ (not a test; run it after changing the look):

    .venv/bin/python tests/browser/make_screenshots.py

Builds the project's own seeds into a temp dir, serves it on 127.0.0.1 and
shoots it in Debian Chromium: home.png, article-desktop.png, article-phone.png
(390 px), article-dark.png, print-page1.png (page 1 of the printed article).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from reader_conftest_helpers import (CHROME_ARGS, CHROMIUM, ROOT, article_dirs, build,  # noqa: E402
                                     copy_project, serve, url_of)

OUT = ROOT / "docs" / "img"


def main() -> None:
    from playwright.sync_api import sync_playwright
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = build(copy_project(tmp / "proj"), tmp / "site")
        article = url_of(site, article_dirs(site)[0])
        with serve(site) as base, sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)

            def shot(name, url, width, height, scheme="light", scale=1):
                ctx = b.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                    color_scheme=scheme, device_scale_factor=scale)
                page = ctx.new_page()
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / name))
                ctx.close()

            shot("home.png", "/", 1100, 760)
            shot("article-desktop.png", article, 1100, 900)
            shot("article-phone.png", article, 390, 844)
            shot("article-dark.png", article, 1100, 900, scheme="dark")
            page = b.new_page(locale="zh-CN")
            page.goto(base + article)
            page.wait_for_load_state("networkidle")
            pdf = tmp / "article.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True)
            b.close()
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(OUT / "print-page1")], check=True)
    for f in sorted(OUT.glob("*.png")):
        print(f"{f.relative_to(ROOT)}: {f.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
