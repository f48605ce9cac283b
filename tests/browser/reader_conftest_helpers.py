"""Helpers for the reader tests (test_reader.py) and make_screenshots.py:
build a copy of the project, serve a directory on 127.0.0.1, launch Debian
Chromium, print to PDF and read it back with pdftotext."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
PROJECT_PARTS = ("mkdocs.yml", "hooks", "kanbao", "docs", "overrides", "seeds")
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def copy_project(dest: Path) -> Path:
    """The parts `mkdocs build/serve` reads, plus a node_modules symlink for Pagefind."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    if (ROOT / "node_modules").exists():
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def build(proj: Path, out: Path) -> Path:
    r = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(out)], cwd=proj, env=ENV,
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise RuntimeError(r.stdout + r.stderr)
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 (random port); yields the base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(_Quiet, directory=str(directory)))
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def article_dirs(site: Path) -> list[Path]:
    """Directories of built article pages: pages/<seed>/<n>/index.html (reading order)."""
    return sorted((p.parent for p in (site / "pages").glob("*/*/index.html") if p.parent.name.isdigit()),
                  key=lambda d: (d.parent.name, int(d.name)))


def url_of(site: Path, d: Path) -> str:
    """Site-relative URL path of a built page directory."""
    return "/" + quote(d.relative_to(site).as_posix()) + "/"


def pdf_pages(pdf: bytes | Path, tmp: Path) -> list[str]:
    """pdftotext of a PDF, one string per page (split on form feeds)."""
    path = Path(pdf) if isinstance(pdf, Path) else tmp / "doc.pdf"
    if not isinstance(pdf, Path):
        path.write_bytes(pdf)
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=60)
    r.check_returncode()
    pages = r.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squash(s: str) -> str:
    """Text without any whitespace: pdftotext breaks CJK lines anywhere."""
    return "".join(s.split())
