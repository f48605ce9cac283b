"""All seeds → every generated Markdown file of the site, plus nav and log.

This is what the MkDocs hook calls; it knows nothing of MkDocs.  Every step of
one seed (read, decode, sidecar, convert, render) runs inside one guard: a
seed that cannot be read or decoded is reported and skipped, a bad sidecar is
reported and its seed built without it; the others always build.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("07正文第一段，很长的一句话。", encoding="utf-8")
>>> _ = (d / "b.txt").write_bytes(b"")
>>> s = build_site(d)
>>> sorted(s.files)[:2], [w.split(":")[0] for w in s.warnings]
(['index.md', 'pages/a/1.md'], ['b.txt'])
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from html import escape as html_escape

from .discover import discover
from .escape import escape_text
from .glossary_page import glossary_files
from .guard import build_seed
from .model import Page
from .render import RenderOptions, first_sentence, page_title


@dataclass
class Site:
    files: dict[str, str] = field(default_factory=dict)   # site path → Markdown
    nav: list = field(default_factory=list)                # MkDocs-style nav
    pages: list[Page] = field(default_factory=list)
    log: list[str] = field(default_factory=list)           # one line per seed
    warnings: list[str] = field(default_factory=list)
    slots: dict[str, str] = field(default_factory=dict)    # glossary use lists for glossary_page.fill_slots


def sidecar_for(seed: Path) -> dict | None:
    """The checked correction file next to ``seed`` (``X.txt`` → ``X.yml``/``X.yaml``), if there is one."""
    for suffix in (".yml", ".yaml"):
        side = seed.with_suffix(suffix)
        if side.exists():
            from .sidecar import load_sidecar
            return load_sidecar(side)
    return None


def build_site(seeds_dir: str | Path, glossary=None, glossary_tag: str = "first", with_home: bool = True,
               deferred_terms: bool = False, directory_urls: bool = True) -> Site:
    """Convert and render every seed; ``deferred_terms`` leaves glossary terms
    marked for ``render.expand_terms`` on the HTML (what the MkDocs hook does);
    ``glossary_tag`` is first | section | all (see ``terms.py``)."""
    found = discover(seeds_dir)
    site = Site()
    site.warnings.extend(found.warnings)
    page_navs: list[tuple[Page, dict]] = []
    opts = RenderOptions(glossary=glossary, tag=glossary_tag, deferred_terms=deferred_terms)
    for sf in found.seeds:
        t0 = time.perf_counter()
        res = build_seed(sf, opts)
        site.warnings.extend(res.warnings)
        page = res.page
        if page is None:
            site.log.append(f"{sf.rel}: skipped ({res.warnings[-1].split(': ', 1)[-1] if res.warnings else '?'})")
            continue
        site.files.update(res.files)
        site.pages.append(page)
        site.warnings.extend(page.warnings)
        nblocks = sum(len(s.blocks) for a in page.articles for s in a.sections)
        notes = "".join(f", {n}" for n in res.notes)
        site.log.append(f"{sf.rel}: page {page.page_no or '?'}, {len(page.articles)} articles, {nblocks} paragraphs, "
                        f"{len(page.warnings) + len(res.warnings)} warnings{notes} "
                        f"({(time.perf_counter() - t0) * 1000:.0f} ms)")
        page_navs.append((page, {nav_text(nav_label(page)): [f"pages/{page.slug}/index.md"] +
                                 [{nav_text(r.title): r.path} for r in page.renders] +
                                 [{"打印本版": f"pages/{page.slug}/print.md"}]}))
    site.nav = bucket_nav(page_navs)
    if with_home:
        site.files["index.md"] = render_home(site.pages)
    if glossary is not None:
        site.files.update(glossary_files(glossary, glossary_uses(site.pages), directory_urls=directory_urls,
                                         slots=site.slots if deferred_terms else None))
        site.nav.append({"术语表": "glossary.md"})
    return site


def nav_text(s: str) -> str:
    """A navigation label: Material prints nav titles as HTML, so seed text is escaped.

    >>> nav_text("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    return html_escape(s, quote=True)


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


def nav_label(page: Page) -> str:
    """Navigation label of a newspaper page: its number and, if known, date.

    >>> nav_label(Page(seed="a.txt", slug="a", page_no="07", date="2024-11-27"))
    '第 07 版 · 2024-11-27'
    """
    return page_title(page) + (f" · {page.date}" if page.date else "")


def bucket_nav(items: list[tuple[Page, dict]], size: int = 30) -> list:
    """Keep the navigation small as the archive grows.

    Up to ``size`` newspaper pages are listed directly.  Beyond that they are
    grouped by month of their date (pages without a date in groups of
    ``size`` by file name), and groups larger than ``size`` are split again,
    so that with ``navigation.prune`` a page carries only its own group's links.

    >>> ps = [(Page(seed=f"{i}.txt", slug=str(i), page_no=str(i)), {str(i): []}) for i in range(65)]
    >>> [list(g)[0] for g in bucket_nav(ps)]
    ['版面 1–30', '版面 31–60', '版面 61–65']
    """
    if len(items) <= size:
        return [nav for _, nav in items]
    groups: dict[str, list[dict]] = {}
    undated = [(p, nav) for p, nav in items if not p.date]
    for p, nav in items:
        if p.date:
            groups.setdefault(p.date[:7], []).append(nav)
    out = []
    for month in sorted(groups):
        navs = groups[month]
        if len(navs) <= size:
            out.append({month: navs})
        else:
            for k in range(0, len(navs), size):
                out.append({f"{month} ({k // size + 1})": navs[k:k + size]})
    for k in range(0, len(undated), size):
        chunk = undated[k:k + size]
        out.append({f"版面 {k + 1}–{k + len(chunk)}": [nav for _, nav in chunk]})
    return out


def render_home(pages: list[Page]) -> str:
    out = ["---\ntitle: 看报\n---\n", "# 看报 · 本期导读\n"]
    if not pages:
        out.append("还没有版面：把报纸版面的文本放进 `seeds/` 目录后重新构建。\n")
    for p in pages:
        date = f" · {p.date}" if p.date else ""
        out.append(f"## [{escape_text(page_title(p))}{escape_text(date)}](pages/{p.slug}/index.md)\n")
        out.append(f'<p class="kb-print-link" markdown>[打印本版全部文章](pages/{p.slug}/print.md)</p>\n')
        for r, a in zip(p.renders, p.articles):
            out.append(f'- **[{escape_text(r.title)}]({r.path})**<br><span class="kb-first">{escape_text(first_sentence(a))}</span>')
        out.append("")
    return "\n".join(out) + "\n"
