"""Pagefind full-text search for the built site (Chinese segmentation), and
the two small files the search box needs besides the index.

``run_pagefind`` runs the npm-installed Pagefind CLI (``npm ci`` puts it in
node_modules/.bin).  On linux-x64 the npm package ships only the *extended*
binary, which is the one that segments Chinese (and Japanese) text; we check
that it was the extended build that ran.

``write_search_assets`` writes, after each build:

- ``assets/kanbao/glossary-search.json``: every glossary term with the keys a
  reader may type for it (pinyin without tones, English gloss), its short
  definition and the link to its glossary entry (the search box offers the
  entry first and searches the articles for the term);
- ``assets/kanbao/vendor/opencc-*.js``: OpenCC (opencc-js, from node_modules)
  for traditional-character queries (``t2cn``, 109 KB, fetched with the search
  engine) and the 简/繁 switch of the article text (``cn2t``, 1.1 MB, fetched
  only when a reader switches to 繁).
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

__all__ = ["pagefind_bin", "run_pagefind", "latin_key", "glossary_keys", "write_search_assets"]

GLOSSARY_JSON = "assets/kanbao/glossary-search.json"
OPENCC = {"opencc-t2cn.js": "t2cn.js", "opencc-cn2t.js": "cn2t.js"}


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


def latin_key(text: str) -> str:
    """What the search box compares for pinyin and English: no tone marks, no
    case, letters and digits only (search.js ``latinKey`` does the same).

    >>> latin_key("zhōngshì"), latin_key("Pilot-scale testing"), latin_key("kǒu'àn")
    ('zhongshi', 'pilotscaletesting', 'kouan')
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c for c in plain.lower() if c.isascii() and c.isalnum())


def glossary_keys(pinyin: str, english: str) -> list[str]:
    """The Latin keys of one glossary entry: its pinyin, its English gloss,
    the gloss without parentheses and each of its ``;``/``,``/``/`` parts.

    >>> glossary_keys("zhōngshì", "pilot-scale testing")
    ['zhongshi', 'pilotscaletesting']
    >>> glossary_keys("chuàngxīn qūdòng", "innovation-driven (development strategy); IDS")
    ['chuangxinqudong', 'innovationdrivendevelopmentstrategyids', 'innovationdrivenids', 'innovationdriven', 'ids']
    """
    bare = re.sub(r"[(（][^)）]*[)）]", " ", english)
    keys = [pinyin, english, bare] + re.split(r"[;,/；，]", bare)
    out: list[str] = []
    for k in map(latin_key, keys):
        if len(k) >= 3 and k not in out:
            out.append(k)
    return out


def _anchors(glossary_html: str) -> dict[str, str]:
    """Text at the start of each element with an id → that id, from the built glossary page.

    >>> _anchors('<h2 id="term-中试">中试 <small>zhōngshì</small></h2>')
    {'中试': 'term-中试'}
    """
    out: dict[str, str] = {}
    for m in re.finditer(r'<(h[1-6]|dt|div|section|li)\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</\1>', glossary_html, re.S):
        text = html.unescape(re.sub(r"<[^>]+>", " ", m.group(3))).split()
        if text:
            out.setdefault(text[0], html.unescape(m.group(2)))
    return out


def glossary_records(glossary, glossary_html: str = "", url: str = "glossary/") -> list[dict]:
    """One small record per glossary entry for the browser.

    >>> from types import SimpleNamespace as E
    >>> glossary_records([E(term="中试", aliases=("中试熟化",), pinyin="zhōngshì",
    ...                     english="pilot-scale testing", definition="中间试验。")])
    [{'term': '中试', 'aliases': ['中试熟化'], 'pinyin': 'zhōngshì', 'english': 'pilot-scale testing', 'definition': '中间试验。', 'keys': ['zhongshi', 'pilotscaletesting'], 'url': 'glossary/'}]
    """
    anchors = _anchors(glossary_html)
    recs = []
    for e in glossary:
        d = e.definition or ""
        anchor = anchors.get(e.term)
        recs.append({"term": e.term, "aliases": list(e.aliases or ()), "pinyin": e.pinyin or "",
                     "english": e.english or "", "definition": d if len(d) <= 90 else d[:88] + "…",
                     "keys": glossary_keys(e.pinyin or "", e.english or ""),
                     "url": url + ("#" + anchor if anchor else "")})
    return recs


def write_search_assets(site_dir: str, root: str, glossary_path: str | Path | None) -> str:
    """Write the glossary JSON and copy OpenCC into the built site; return a summary line."""
    site = Path(site_dir)
    out = site / GLOSSARY_JSON
    out.parent.mkdir(parents=True, exist_ok=True)
    recs: list[dict] = []
    note = ""
    if glossary_path and Path(glossary_path).exists():
        try:
            from kanbao.glossary import load_glossary
            page = site / "glossary" / "index.html"
            recs = glossary_records(load_glossary(glossary_path),
                                    page.read_text(encoding="utf-8") if page.exists() else "")
        except Exception as e:  # a broken glossary must not stop the site (the page build says why)
            note = f" (glossary not used: {e})"
    # the JSON is data for the browser, never markup: search.js escapes every field it shows
    out.write_text(json.dumps(recs, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    src = Path(root) / "node_modules" / "opencc-js" / "dist" / "esm"
    vendor = site / "assets" / "kanbao" / "vendor"
    copied = 0
    if src.is_dir():
        vendor.mkdir(parents=True, exist_ok=True)
        for dst, name in OPENCC.items():
            if (src / name).exists():
                shutil.copyfile(src / name, vendor / dst)
                copied += 1
        lic = src.parent.parent / "LICENSE"
        if lic.exists():
            shutil.copyfile(lic, vendor / "opencc-js.LICENSE.txt")
    return (f"search assets: {len(recs)} glossary terms ({out.stat().st_size // 1024} KiB), "
            f"opencc {'copied' if copied == len(OPENCC) else 'MISSING: run `npm ci` (traditional characters off)'}{note}")
