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
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import NamedTuple

__all__ = ["pagefind_bin", "run_pagefind", "slim_page", "index_docs", "plan_bundles", "latin_key", "glossary_keys", "write_search_assets"]

GLOSSARY_JSON = "assets/kanbao/glossary-search.json"
OPENCC = {"opencc-t2cn.js": "t2cn.js", "opencc-cn2t.js": "cn2t.js"}


def pagefind_bin(root: str | Path) -> Path:
    return Path(root) / "node_modules" / ".bin" / "pagefind"


# Pagefind keeps every page it indexes in memory until it writes the index:
# measured at 1,000 real-size seeds (2,613 articles, 59 MB of slimmed article
# HTML), 2.0 GB in one run, about 35 bytes per byte of slimmed HTML.  So a big
# archive is indexed in bundles of at most this many bytes, one Pagefind run
# each (peak about 1 GB at any archive size), and the search box merges them
# (Pagefind's mergeIndex).
BUNDLE_BYTES = 30_000_000
BUNDLES_JSON = "kb-bundles.json"
_BODY = re.compile(rb"<(article|main|div|section)\b[^>]*\bdata-pagefind-body\b")


class IndexDoc(NamedTuple):   # a NamedTuple: this file is loaded by path, outside sys.modules
    """One page for Pagefind: its path in the site and a slim copy of it."""
    rel: str
    html: bytes


def slim_page(page: bytes) -> bytes | None:
    """The part of a built page Pagefind reads (``data-pagefind-body`` and
    everything in it, the ``<html lang>`` and the ``<title>``), or None for a
    page without a ``data-pagefind-body`` element (not indexed).  Parsing a
    sixth of each page instead of its navigation makes Pagefind faster; what it
    indexes is the same.

    >>> slim_page(b'<html lang="zh"><head><title>T</title></head><body><nav>x</nav>'
    ...           b'<article class="a" data-pagefind-body><h1>H</h1></article><p>z</p></body></html>')
    b'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>T</title></head><body><article class="a" data-pagefind-body><h1>H</h1></article></body></html>'
    >>> slim_page(b'<html><body><p>no body marker</p></body></html>') is None
    True
    """
    m = _BODY.search(page)
    if not m:
        return None
    tag = m.group(1)
    # the element's end: count nested elements of the same tag
    pos, depth = m.end(), 1
    opener, closer = re.compile(rb"<" + tag + rb"\b"), b"</" + tag + b">"
    while depth:
        end = page.find(closer, pos)
        if end < 0:
            return None
        depth += len(opener.findall(page, pos, end)) - 1
        pos = end + len(closer)
    html_tag = re.search(rb"<html\b[^>]*>", page[:m.start()])
    lang = re.search(rb'\blang="([^"]*)"', html_tag.group(0)) if html_tag else None
    title = re.search(rb"<title>.*?</title>", page[:m.start()], re.S)
    return (b'<!DOCTYPE html><html' + (b' lang="' + lang.group(1) + b'"' if lang else b"") + b'><head><meta charset="utf-8">'
            + (title.group(0) if title else b"") + b"</head><body>" + page[m.start():pos] + b"</body></html>")


def index_docs(site_dir: str | Path) -> list[IndexDoc]:
    """Every page of the built site with a ``data-pagefind-body``, slimmed, in path order."""
    site = Path(site_dir)
    out = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if rel.split("/", 1)[0] == "pagefind":
            continue
        page = f.read_bytes()
        if b"data-pagefind-body" not in page:
            continue
        slim = slim_page(page)
        if slim is not None:
            out.append(IndexDoc(rel, slim))
    return out


def plan_bundles(sizes: list[int], budget: int = BUNDLE_BYTES) -> list[range]:
    """Split documents (in order) into as few contiguous bundles of at most
    ``budget`` bytes as possible, of about equal size; one document larger than
    the budget is a bundle of its own.

    >>> plan_bundles([5, 5, 5, 5], 100)
    [range(0, 4)]
    >>> plan_bundles([5] * 10, 20)
    [range(0, 3), range(3, 7), range(7, 10)]
    >>> plan_bundles([30, 1, 1], 10)
    [range(0, 1), range(1, 3)]
    >>> plan_bundles([], 10)
    []
    """
    if not sizes:
        return []

    def share(left: int) -> float:   # an equal share of what is left, in as few bundles as fit
        return left / max(1, -(-left // budget))
    out, start, acc, left = [], 0, 0, sum(sizes)
    target = share(left)
    for i, n in enumerate(sizes):
        if i > start and (acc + n > budget or acc + n / 2 > target):
            out.append(range(start, i))
            left -= acc
            start, acc, target = i, 0, share(left)
        acc += n
    out.append(range(start, len(sizes)))
    return out


def _run_cli(exe: Path, site: Path, output: Path, root: str) -> str:
    proc = subprocess.run([str(exe), "--site", str(site), "--output-path", str(output)], cwd=str(root),
                          capture_output=True, text=True, timeout=900)
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise RuntimeError(f"pagefind failed ({proc.returncode}):\n{out.strip()}")
    ver = re.search(r"Running Pagefind (v\S+)( \(Extended\))?", out)
    if ver and not ver.group(2):
        raise RuntimeError("pagefind is not the extended build (no Chinese segmentation): run `npm ci`")
    return out


def run_pagefind(site_dir: str, root: str, budget: int | None = None) -> str:
    """Index ``site_dir`` into ``site_dir/pagefind``; return a one-line summary.

    The pages are slimmed (``slim_page``) into a temporary folder and indexed
    in bundles of at most ``budget`` bytes (``KANBAO_SEARCH_BUNDLE_BYTES``,
    default ``BUNDLE_BYTES``): the first into ``pagefind/``, the others into
    ``pagefind/b2/``, ``pagefind/b3/`` … listed in ``pagefind/kb-bundles.json``
    for the search box to merge.  The new index replaces the old one only
    once it is complete (``mkdocs serve`` keeps searching the old one meanwhile)."""
    exe = pagefind_bin(root)
    if not exe.exists():
        raise RuntimeError(f"pagefind not found at {exe}: run `npm ci` in {root}")
    if budget is None:
        budget = int(os.environ.get("KANBAO_SEARCH_BUNDLE_BYTES") or BUNDLE_BYTES)
    site = Path(site_dir)
    docs = index_docs(site)
    bundles = plan_bundles([len(d.html) for d in docs], budget) or [range(0)]
    new = Path(tempfile.mkdtemp(prefix=".kb-pagefind-", dir=site))
    try:
        outs = []
        for k, rng in enumerate(bundles):
            with tempfile.TemporaryDirectory(prefix="kb-pagefind-stage-") as stage:
                for d in (docs[i] for i in rng):
                    f = Path(stage) / d.rel
                    f.parent.mkdir(parents=True, exist_ok=True)
                    f.write_bytes(d.html)
                outs.append(_run_cli(exe, Path(stage), new if k == 0 else new / f"b{k + 1}", root))
        (new / BUNDLES_JSON).write_text(json.dumps([f"b{k + 1}/" for k in range(1, len(bundles))]), encoding="utf-8")
        old = site / "pagefind"
        if old.exists():
            trash = Path(tempfile.mkdtemp(prefix=".kb-pagefind-old-", dir=site))
            old.rename(trash / "pagefind")
            shutil.rmtree(trash, ignore_errors=True)
        new.rename(old)
    finally:
        shutil.rmtree(new, ignore_errors=True)
    out = outs[0]
    ver = re.search(r"Running Pagefind (v\S+)( \(Extended\))?", out)
    langs = re.search(r"Discovered \d+ languages?: ([^\n]+)", out)
    pages = sum(int(m) for o in outs for m in re.findall(r"Indexed (\d+) pages?", o)[:1])
    size = sum(f.stat().st_size for f in old.rglob("*") if f.is_file())
    return (f"pagefind {ver.group(1) if ver else '?'}{' extended' if ver and ver.group(2) else ''}: "
            f"{pages} pages in {len(bundles)} bundle{'s' if len(bundles) > 1 else ''}, "
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
