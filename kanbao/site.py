"""All seeds → every generated Markdown file of the site, plus nav and log.

This is what the MkDocs hook calls; it knows nothing of MkDocs.  Each seed is
converted, placed (``meta.py``) and rendered on its own — from the cache
(``cache.py``) when nothing it depends on changed, otherwise in a pool of
worker processes — then ``archive.py`` adds the home, issue and month pages,
the navigation and the feed.  A seed that fails to decode is reported and
skipped; the others still build.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("07正文第一段，很长的一句话。", encoding="utf-8")
>>> _ = (d / "b.txt").write_bytes(b"")
>>> s = build_site(d)
>>> [p for p in sorted(s.files) if p.startswith("pages/")], [w.split(":")[0] for w in s.warnings]
(['pages/a/01-article.md', 'pages/a/index.md', 'pages/a/print.md'], ['b.txt'])
>>> sorted(p for p in s.files if not p.startswith("pages/"))
['archive/index.md', 'feed.xml', 'index.md', 'issues/undated-1/index.md']
"""
from __future__ import annotations

import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import meta
from .archive import build_archive, page_pagers
from .cache import SeedCache, fingerprint
from .convert import convert_file
from .decode import DecodeError
from .model import Page
from .render import RenderOptions, render_glossary_page, render_page


GLOSSARY_USES = 6      # articles linked per glossary term (the newest)


@dataclass
class Site:
    files: dict[str, str] = field(default_factory=dict)   # site path → Markdown
    nav: list = field(default_factory=list)                # MkDocs-style nav
    pages: list[Page] = field(default_factory=list)
    log: list[str] = field(default_factory=list)           # one line per seed
    warnings: list[str] = field(default_factory=list)
    cache_stats: tuple[int, int] = (0, 0)                  # (hits, misses) of the seed cache


def sidecar_for(seed: Path) -> dict | None:
    """The parsed correction file next to ``seed`` (``X.txt`` → ``X.yml``), if there is one."""
    side = seed.with_suffix(".yml")
    if not side.exists() or side.name == "meta.yml":   # meta.yml describes a folder (meta.py)
        return None
    from .corrections import load_corrections as _load
    return _load(side)


@dataclass
class SeedResult:
    """What one seed contributes: its page (with ``renders``), its files, its log line."""
    page: Page | None
    files: dict[str, str]
    log: str
    warnings: list[str]
    nblocks: int = 0


@dataclass
class _Job:
    """Everything a worker needs to convert and render one seed."""
    root: Path
    opts: RenderOptions


def _slim(page: Page) -> None:
    """Drop what only ``explain`` needs (seed lines, decisions) before a result is pickled."""
    page.blocks = []
    for a in page.articles:
        for b in a.blocks():
            b.lines, b.decisions = [], []
    for b in page.furniture:
        b.lines, b.decisions = [], []


def convert_seed(seed: Path, job: _Job) -> SeedResult:
    """Convert, describe (meta.py) and render one seed; never raises."""
    t0 = time.perf_counter()
    try:
        page = convert_file(seed, sidecar_for(seed))
    except (DecodeError, ValueError) as e:     # undecodable, empty, or a bad sidecar
        return SeedResult(None, {}, f"{seed.name}: skipped ({e})", [str(e)])
    except Exception as e:  # a converter bug must not take the other seeds (or `mkdocs serve`) down
        msg = f"{seed.name}: conversion failed ({type(e).__name__}: {e}); page skipped — please report it"
        return SeedResult(None, {}, msg, [msg])
    warnings = list(page.warnings)
    try:
        rel = seed.relative_to(job.root)
    except ValueError:
        rel = Path(seed.name)
    meta.apply(page, meta.resolve(job.root, rel, [b.text for b in page.furniture], page.page_no, warnings))
    files = render_page(page, job.opts)
    nblocks = sum(len(s.blocks) for a in page.articles for s in a.sections)
    _slim(page)
    log = (f"{seed.name}: page {page.page_no or '?'}, {len(page.articles)} articles, {nblocks} paragraphs, "
           f"{len(warnings)} warnings ({(time.perf_counter() - t0) * 1000:.0f} ms)")
    return SeedResult(page, files, log, warnings, nblocks)


_JOB: _Job | None = None      # set in the parent before the worker processes fork


def _work(seed: str) -> SeedResult:
    assert _JOB is not None
    return convert_seed(Path(seed), _JOB)


def jobs_wanted() -> int:
    """Worker processes: ``KANBAO_JOBS`` or the number of cores."""
    try:
        return max(1, int(os.environ.get("KANBAO_JOBS", "0"))) if os.environ.get("KANBAO_JOBS") else (os.cpu_count() or 1)
    except ValueError:
        return os.cpu_count() or 1


def _cache_key(cache: SeedCache, seed: Path, root: Path) -> str | None:
    try:
        rel = seed.relative_to(root)
    except ValueError:
        rel = Path(seed.name)
    try:
        side = seed.with_suffix(".yml")
        return cache.key(seed.read_bytes(), side.read_bytes() if side.is_file() else b"\0none",
                         meta.meta_files_bytes(root, rel), rel.as_posix())
    except OSError:
        return None


def convert_all(seeds: list[Path], job: _Job, cache: SeedCache | None = None, jobs: int | None = None) -> list[SeedResult]:
    """Every seed's result, in order: from the cache where it can, the rest in parallel."""
    global _JOB
    keys = [_cache_key(cache, s, job.root) if cache else None for s in seeds]
    results: list[SeedResult | None] = [cache.get(k) if cache and k else None for k in keys]
    for r in results:
        if r is not None:
            r.log = re.sub(r"\(\d+ ms\)$", "(cached)", r.log)
    todo = [k for k, r in enumerate(results) if r is None]
    jobs = jobs or jobs_wanted()
    if len(todo) >= 4 and jobs > 1:
        _JOB = job
        if job.opts.glossary is not None:
            job.opts.glossary.find("预热")   # load the tokenizer once, before forking
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=ctx) as pool:
            chunk = max(1, len(todo) // (jobs * 8))
            for k, r in zip(todo, pool.map(_work, [str(seeds[k]) for k in todo], chunksize=chunk)):
                results[k] = r
        _JOB = None
    else:
        for k in todo:
            results[k] = convert_seed(seeds[k], job)
    if cache:
        for k in todo:
            if keys[k] and results[k] is not None:
                cache.put(keys[k], results[k])
    return [r for r in results if r is not None]


def build_site(seeds_dir: str | Path, glossary=None, first_only: bool = False, with_home: bool = True,
               deferred_terms: bool = False, cache_dir: str | Path | None = None, jobs: int | None = None,
               year: str | None = None) -> Site:
    """Convert and render every seed; ``deferred_terms`` leaves glossary terms
    marked for ``render.expand_terms`` on the HTML (what the MkDocs hook does).
    ``cache_dir`` keeps each seed's result between builds (see ``cache.py``);
    ``jobs`` worker processes convert the seeds not in the cache.  ``year``
    keeps only the pages of that year (one shard of a sharded archive)."""
    seeds = sorted(Path(seeds_dir).glob("*.txt"))
    site = Site()
    opts = RenderOptions(glossary=glossary, first_only=first_only, deferred_terms=deferred_terms)
    cache = None
    if cache_dir is not None and os.environ.get("KANBAO_NO_CACHE") != "1":
        cache = SeedCache(Path(cache_dir), salt=fingerprint(glossary.entries if glossary is not None else None,
                                                             first_only, deferred_terms))
    for r in convert_all(seeds, _Job(Path(seeds_dir), opts), cache, jobs):
        site.log.append(r.log)
        site.warnings.extend(r.warnings)
        if r.page is None or (year and not r.page.date.startswith(f"{year}-")):
            continue
        site.files.update(r.files)
        site.pages.append(r.page)
    site.warnings = list(dict.fromkeys(site.warnings))   # a broken meta.yml above many seeds: said once
    if cache:
        cache.prune()
        site.cache_stats = (cache.hits, cache.misses)
    arc = build_archive(site.pages)
    for path, extra in page_pagers(arc.issues).items():
        if path in site.files:
            site.files[path] += extra
    site.files.update({k: v for k, v in arc.files.items() if k != "index.md" or with_home})
    site.nav = arc.nav
    if glossary is not None:
        # the glossary page links each term to its newest uses only: it must not grow with the archive
        uses: dict[str, list[tuple[str, str]]] = {}
        for p in sorted(site.pages, key=lambda p: p.date, reverse=True):
            for r in p.renders:
                for e in r.terms:
                    if len(uses.setdefault(e.term, [])) < GLOSSARY_USES:
                        uses[e.term].append((r.title, r.path))
        site.files["glossary.md"] = render_glossary_page(glossary, uses)
        site.nav.append({"术语表": "glossary.md"})
    return site
