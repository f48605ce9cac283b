"""``Page`` → Markdown files: one page per article plus a page index.

All seed text goes through ``escape.escape_text`` (glossary terms become
``<abbr>`` around escaped text), so a seed can never inject Markdown, HTML
or extension syntax.  Headings are real Markdown headings (for the table of
contents and search); classes come from ``attr_list``-free raw HTML wrappers.

>>> from kanbao.convert import convert_text
>>> files = render_page(convert_text("07测试标题\\n\\n这是正文第一段。", "p.txt"))
>>> sorted(files)
['pages/p/01-测试标题.md', 'pages/p/index.md']
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Callable, Protocol

from .escape import escape_text
from .model import Article, Block, Page


class TermFinder(Protocol):
    def find(self, text: str) -> list: ...
    def tooltip(self, entry) -> str: ...


@dataclass
class RenderOptions:
    glossary: TermFinder | None = None
    first_only: bool = False          # tag only the first occurrence of a term per article
    glossary_url: str = "glossary.md"  # site-relative path of the glossary page


@dataclass
class ArticleRender:
    path: str
    title: str
    markdown: str
    terms: list = field(default_factory=list)   # glossary entries used, in first-use order


def _fm(**kv: str) -> str:
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in kv.items() if v) + "---\n\n"


def article_slug(n: int, a: Article) -> str:
    """Readable, stable slug: position on the page plus the start of the title.

    >>> article_slug(1, Article(id="a1", title=Block(id="b1", lines=[], text="成都加快建设“现代物流”体系!")))
    '01-成都加快建设-现代物流-体系'
    """
    title = re.sub(r"[^\w]+", "-", a.title_text or "")[:16].strip("-_")
    return f"{n:02d}-{title}" if title else f"{n:02d}-article"


class _Marker:
    """Escapes text and wraps glossary terms, remembering which were used."""

    def __init__(self, opts: RenderOptions):
        self.opts = opts
        self.used: list = []

    def __call__(self, text: str, tag_terms: bool = True) -> str:
        g = self.opts.glossary
        if not g or not tag_terms:
            return escape_text(text)
        out, pos = [], 0
        for m in g.find(text):
            if self.opts.first_only and m.entry in self.used:
                continue
            out.append(escape_text(text[pos:m.start]))
            out.append(f'<abbr title="{escape_text(g.tooltip(m.entry))}">{escape_text(m.surface)}</abbr>')
            pos = m.end
            if m.entry not in self.used:
                self.used.append(m.entry)
        out.append(escape_text(text[pos:]))
        return "".join(out)


def _heading_md(level: int, b: Block, esc: _Marker) -> str:
    # a heading of several lines keeps its line breaks visible (kicker / title / subtitle)
    return "#" * level + " " + esc(b.text, tag_terms=False)


def _block_md(b: Block, esc: _Marker) -> str:
    if b.kind in ("question", "answer") and b.label and b.text.startswith(b.label):
        rest = b.text[len(b.label):]
        colon, body = rest[:1], rest[1:]
        cls = "kb-q" if b.kind == "question" else "kb-a"
        return (f'<p class="{cls}" markdown><strong class="kb-label">{escape_text(b.label + colon)}</strong>'
                f'{esc(body)}</p>')
    if b.kind == "heading":   # a heading the structure pass kept in the body
        return f'<p class="kb-unplaced-heading" markdown>{esc(b.text, tag_terms=False)}</p>'
    return esc(b.text)


def render_article(page: Page, a: Article, n: int, opts: RenderOptions, prev_next: tuple[str, str] = ("", "")) -> ArticleRender:
    esc = _Marker(opts)
    title = a.title_text or (a.lead or [b for s in a.sections for b in s.blocks] or [None])[0]
    title = title if isinstance(title, str) else (title.text[:24] + "…" if title else f"第{page.page_no}版")
    parts = [_fm(title=title, kanbao_page=page.page_no, kanbao_seed=page.seed, kanbao_article=a.id)]
    if a.kicker:
        parts.append(f'<p class="kb-kicker" markdown>{esc(a.kicker.text, False)}</p>')
    parts.append("# " + escape_text(title) if a.title else f'# {escape_text(title)} {{ .kb-untitled }}' if False else "# " + escape_text(title))
    if a.subtitle:
        parts.append(f'<p class="kb-subtitle" markdown>{esc(a.subtitle.text, False)}</p>')
    for b in a.byline:
        # the newspaper's own spaces in a byline must not break between role and name
        parts.append(f'<p class="kb-byline" markdown>{escape_text(b.text.replace(" ", chr(0xA0)))}</p>')
    src = f"第 {page.page_no} 版 · " if page.page_no else ""
    parts.append(f'<p class="kb-source" markdown>{escape_text(src)}{escape_text(page.seed)}</p>')
    if a.lead:
        parts.append('<div class="kb-lead" markdown>\n\n' + "\n\n".join(esc(b.text) for b in a.lead) + "\n\n</div>")
    pq_after: dict[str, list[Block]] = {}
    for pq in a.pullquotes:
        host = _host_block(a, pq)
        pq_after.setdefault(host.id if host else "", []).append(pq)
    for s in a.sections:
        if s.heading:
            parts.append(_heading_md(2, s.heading, esc))
        for b in s.blocks:
            parts.append(_block_md(b, esc))
            for pq in pq_after.pop(b.id, []):
                parts.append(_pullquote_md(pq, esc))
    for pqs in pq_after.values():
        for pq in pqs:
            parts.append(_pullquote_md(pq, esc))
    if esc.used and opts.glossary:
        parts.append(_terms_md(esc.used, opts))
    return ArticleRender(path="", title=title, markdown="\n\n".join(parts) + "\n", terms=list(esc.used))


def _pullquote_md(pq: Block, esc: _Marker) -> str:
    text = pq.text
    m = re.match(r"^(\d{1,2})(?=\D)", text)
    num = ""
    if m:
        num, text = m.group(1), text[m.end():]
    badge = f'<span class="kb-pq-no">{num}</span>' if num else ""
    return f'<blockquote class="kb-pullquote" markdown>\n<p markdown>{badge}{esc(text)}</p>\n</blockquote>'


def _host_block(a: Article, pq: Block) -> Block | None:
    """The paragraph a pull quote repeats (most shared characters)."""
    from .cohesion import bigrams
    q = bigrams(pq.text)
    best, score = None, 0
    for s in a.sections:
        for b in s.blocks:
            sc = sum((q & bigrams(b.text)).values())
            if sc > score:
                best, score = b, sc
    return best


def _terms_md(used: list, opts: RenderOptions) -> str:
    rows = "\n".join(f'<dt>{escape_text(e.term)} <span class="kb-pinyin">{escape_text(e.pinyin)}</span></dt>'
                     f'<dd>{escape_text(e.definition)} <em>{escape_text(e.english)}</em></dd>' for e in used)
    return (f'<details class="kb-terms" open markdown>\n<summary>本文术语</summary>\n<dl>\n{rows}\n</dl>\n</details>')


def render_page(page: Page, opts: RenderOptions | None = None) -> dict[str, str]:
    """All Markdown files for one page: ``pages/<seed>/index.md`` and one per article."""
    opts = opts or RenderOptions()
    base = f"pages/{page.slug}"
    files: dict[str, str] = {}
    renders = []
    slugs = []
    for n, a in enumerate(page.articles, start=1):
        slug = article_slug(n, a)
        while slug in slugs:
            slug += "-" + a.id
        slugs.append(slug)
        r = render_article(page, a, n, opts)
        r.path = f"{base}/{slug}.md"
        renders.append(r)
        files[r.path] = r.markdown
    files[f"{base}/index.md"] = render_page_index(page, renders)
    page.renders = renders  # type: ignore[attr-defined]
    return files


def first_sentence(a: Article) -> str:
    for b in a.lead + [b for s in a.sections for b in s.blocks]:
        if b.kind in ("para", "answer"):
            m = re.match(r"(.+?[。！？])", b.text)
            return (m.group(1) if m else b.text)[:80]
    return ""


def page_title(page: Page) -> str:
    return f"第 {page.page_no} 版" if page.page_no else page.seed.rsplit(".", 1)[0]


def render_page_index(page: Page, renders: list[ArticleRender]) -> str:
    lines = [_fm(title=page_title(page), kanbao_page=page.page_no, kanbao_seed=page.seed), f"# {escape_text(page_title(page))}", ""]
    meta = [escape_text(b.text) for b in page.furniture]
    if meta:
        lines.append('<div class="kb-furniture"><span>' + "</span> · <span>".join(meta) + "</span></div>\n")
    lines.append(f'<p class="kb-source" markdown>{escape_text(page.seed)} · {len(page.articles)} 篇文章</p>\n')
    for (a, r) in zip(page.articles, renders):
        link = r.path.rsplit("/", 1)[1]
        lines.append(f'- [{escape_text(r.title)}]({link})<br><span class="kb-first">{escape_text(first_sentence(a))}</span>')
    return "\n".join(lines) + "\n"
