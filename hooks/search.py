"""Pagefind full-text search for the built site (Chinese segmentation).

``run_pagefind`` runs the npm-installed Pagefind CLI (``npm ci`` puts it in
node_modules/.bin).  On linux-x64 the npm package ships only the *extended*
binary, which is the one that segments Chinese (and Japanese) text; we check
that it was the extended build that ran.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

__all__ = ["pagefind_bin", "run_pagefind"]


def pagefind_bin(root: str | Path) -> Path:
    return Path(root) / "node_modules" / ".bin" / "pagefind"


def run_pagefind(site_dir: str, root: str) -> str:
    """Index ``site_dir`` into ``site_dir/pagefind``; return a one-line summary."""
    exe = pagefind_bin(root)
    if not exe.exists():
        raise RuntimeError(f"pagefind not found at {exe}: run `npm ci` in {root}")
    proc = subprocess.run([str(exe), "--site", str(site_dir)], cwd=str(root),
                          capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise RuntimeError(f"pagefind failed ({proc.returncode}):\n{out.strip()}")
    ver = re.search(r"Running Pagefind (v\S+)( \(Extended\))?", out)
    if ver and not ver.group(2):
        raise RuntimeError("pagefind is not the extended build (no Chinese segmentation): run `npm ci`")
    langs = re.search(r"Discovered \d+ languages?: ([^\n]+)", out)
    pages = re.search(r"Indexed (\d+) pages?", out)
    words = re.search(r"Indexed (\d+) words?", out)
    size = sum(f.stat().st_size for f in (Path(site_dir) / "pagefind").rglob("*") if f.is_file())
    return (f"pagefind {ver.group(1) if ver else '?'}{' extended' if ver and ver.group(2) else ''}: "
            f"{pages.group(1) if pages else '?'} pages, {words.group(1) if words else '?'} words, "
            f"lang {langs.group(1).strip() if langs else '?'}, index {size // 1024} KiB")
