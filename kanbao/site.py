"""All seeds → every generated Markdown file of the site, plus nav and log.

This is what the MkDocs hook calls; it knows nothing of MkDocs.  Seeds are
found by ``discover.py`` (unique slugs, links and odd files refused); each
seed is read, decoded, converted, placed (``meta.py``) and rendered inside one
guard (``guard.py``) — from the cache (``cache.py``) when nothing it depends
on changed, otherwise in a pool of worker processes — then ``archive.py`` adds
the home, issue and month pages, the navigation and the feed.  A seed that
cannot be read or decoded is reported and skipped, a bad sidecar is reported
and its seed built without it; the others always build.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("07正文第一段，很长的一句话。", encoding="utf-8")
>>> _ = (d / "b.txt").write_bytes(b"")
>>> s = build_site(d)
>>> [p for p in sorted(s.files) if p.startswith("pages/")], [w.split(":")[0] for w in s.warnings]
(['pages/a/1.md', 'pages/a/index.md', 'pages/a/print.md'], ['b.txt'])
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
from .discover import SeedFile, discover
from .glossary_page import glossary_files
from .guard import build_seed
from .model import Page
from .render import RenderOptions


@dataclass
class Site:
    files: dict[str, str] = field(default_factory=dict)   # site path → Markdown
    nav: list = field(default_factory=list)                # MkDocs-style nav
    pages: list[Page] = field(default_factory=list)
    log: list[str] = field(default_factory=list)           # one line per seed
    warnings: list[str] = field(default_factory=list)
    cache_stats: tuple[int, int] = (0, 0)                  # (hits, misses) of the seed cache
    slots: dict[str, str] = field(default_factory=dict)    # glossary use lists for glossary_page.fill_slots


def sidecar_for(seed: Path) -> dict | None:
    """The checked correction file next to ``seed`` (``X.txt`` → ``X.yml``/``X.yaml``), if there is one."""
    for suffix in (".yml", ".yaml"):
        side = seed.with_suffix(suffix)
        if side.exists() and side.name.lower() not in ("meta.yml", "meta.yaml"):
            from .sidecar import load_sidecar
            return load_sidecar(side)
    return None


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


def convert_seed(sf: SeedFile, job: _Job) -> SeedResult:
    """Read, convert, describe (meta.py) and render one seed inside the guard; never raises."""
    t0 = time.perf_counter()

    def describe(page: Page, warnings: list) -> None:
        meta.apply(page, meta.resolve(job.root, Path(sf.rel), [b.text for b in page.furniture], page.page_no, warnings))

    res = build_seed(sf, job.opts, describe)
    page = res.page
    if page is None:
        why = res.warnings[-1].split(": ", 1)[-1] if res.warnings else "?"
        return SeedResult(None, {}, f"{sf.rel}: skipped ({why})", res.warnings)
    warnings = res.warnings + page.warnings
    nblocks = sum(len(s.blocks) for a in page.articles for s in a.sections)
    _slim(page)
    notes = "".join(f", {n}" for n in res.notes)
    log = (f"{sf.rel}: page {page.page_no or '?'}, {len(page.articles)} articles, {nblocks} paragraphs, "
           f"{len(warnings)} warnings{notes} ({(time.perf_counter() - t0) * 1000:.0f} ms)")
    return SeedResult(page, res.files, log, warnings, nblocks)


_JOB: _Job | None = None      # set in the parent before the worker processes fork
_SEEDS: list[SeedFile] = []


def _work(k: int) -> SeedResult:
    assert _JOB is not None
    return convert_seed(_SEEDS[k], _JOB)


def jobs_wanted() -> int:
    """Worker processes: ``KANBAO_JOBS`` or the number of cores."""
    try:
        return max(1, int(os.environ.get("KANBAO_JOBS", "0"))) if os.environ.get("KANBAO_JOBS") else (os.cpu_count() or 1)
    except ValueError:
        return os.cpu_count() or 1


def _cache_key(cache: SeedCache, sf: SeedFile, root: Path) -> str | None:
    try:
        return cache.key(sf.path.read_bytes(), sf.sidecar.read_bytes() if sf.sidecar else b"\0none",
                         meta.meta_files_bytes(root, Path(sf.rel)), sf.rel, sf.slug)
    except OSError:
        return None


def convert_all(seeds: list[SeedFile], job: _Job, cache: SeedCache | None = None, jobs: int | None = None) -> list[SeedResult]:
    """Every seed's result, in order: from the cache where it can, the rest in parallel."""
    global _JOB, _SEEDS
    keys = [_cache_key(cache, s, job.root) if cache else None for s in seeds]
    results: list[SeedResult | None] = [cache.get(k) if cache and k else None for k in keys]
    for r in results:
        if r is not None:
            r.log = re.sub(r"\(\d+ ms\)$", "(cached)", r.log)
    todo = [k for k, r in enumerate(results) if r is None]
    jobs = jobs or jobs_wanted()
    if len(todo) >= 4 and jobs > 1:
        _JOB, _SEEDS = job, seeds
        if job.opts.glossary is not None:
            job.opts.glossary.find("预热")   # load the tokenizer once, before forking
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=ctx) as pool:
            chunk = max(1, len(todo) // (jobs * 8))
            for k, r in zip(todo, pool.map(_work, todo, chunksize=chunk)):
                results[k] = r
        _JOB, _SEEDS = None, []
    else:
        for k in todo:
            results[k] = convert_seed(seeds[k], job)
    if cache:
        for k in todo:
            if keys[k] and results[k] is not None:
                cache.put(keys[k], results[k])
    return [r for r in results if r is not None]


def build_site(seeds_dir: str | Path, glossary=None, glossary_tag: str = "first", with_home: bool = True,
               deferred_terms: bool = False, directory_urls: bool = True, cache_dir: str | Path | None = None, jobs: int | None = None,
               year: str | None = None) -> Site:
    """Convert and render every seed; ``deferred_terms`` leaves glossary terms
    marked for ``render.expand_terms`` on the HTML (what the MkDocs hook does);
    ``glossary_tag`` is first | section | all (see ``terms.py``).
    ``cache_dir`` keeps each seed's result between builds (see ``cache.py``);
    ``jobs`` worker processes convert the seeds not in the cache.  ``year``
    keeps only the pages of that year (one shard of a sharded archive)."""
    found = discover(seeds_dir)
    site = Site()
    site.warnings.extend(found.warnings)
    opts = RenderOptions(glossary=glossary, tag=glossary_tag, deferred_terms=deferred_terms)
    cache = None
    if cache_dir is not None and os.environ.get("KANBAO_NO_CACHE") != "1":
        cache = SeedCache(Path(cache_dir), salt=fingerprint(glossary.entries if glossary is not None else None,
                                                             glossary_tag, deferred_terms, directory_urls))
    for r in convert_all(found.seeds, _Job(Path(seeds_dir).resolve(), opts), cache, jobs):
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
        site.files.update(glossary_files(glossary, glossary_uses(site.pages), directory_urls=directory_urls,
                                         slots=site.slots if deferred_terms else None))
        site.nav.append({"术语表": "glossary.md"})
    return site


def glossary_uses(pages: list[Page]) -> dict:
    """Entry → its uses (one per article, with a concordance line), most recent page first."""
    from dataclasses import replace
    uses: dict = {}
    order = sorted(range(len(pages)), key=lambda i: (pages[i].date or "", i), reverse=True)
    for i in order:
        for r in pages[i].renders:
            for e, u in r.uses:
                uses.setdefault(e, []).append(replace(u, path=r.path))
    return uses
