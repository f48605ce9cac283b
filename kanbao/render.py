"""``Page`` → Markdown files: one page per article plus a page index.

All seed text goes through ``escape.escape_text`` (glossary terms become
``<abbr>`` around escaped text), so a seed can never inject Markdown, HTML
or extension syntax.  Headings are real Markdown headings (for the table of
contents and search); classes come from ``attr_list``-free raw HTML wrappers.

>>> from kanbao.convert import convert_text
>>> files = render_page(convert_text("07\\n测试标题\\n\\n这是正文的第一段，内容不长。", "p.txt"))
>>> sorted(files)
['pages/p/01-测试标题.md', 'pages/p/index.md', 'pages/p/print.md']
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Protocol

from .escape import escape_text
from .model import Article, Block, Page


class TermFinder(Protocol):
    def find(self, text: str) -> list: ...
    def tooltip(self, entry) -> str: ...


@dataclass
class RenderOptions:
    glossary: TermFinder | None = None
    first_only: bool = False          # tag only the first occurrence of a term per article
    deferred_terms: bool = False      # mark terms for `expand_terms` on the HTML instead of inline <abbr>
    term_index: dict = field(init=False, default_factory=dict)   # id(entry) -> its number in the glossary

    def __post_init__(self) -> None:
        if self.glossary is not None:
            self.term_index = {id(e): k for k, e in enumerate(self.glossary.entries)}


# A term marked for expansion after Markdown: TERM_OPEN + entry number + TERM_MID
# + escaped surface + TERM_CLOSE (private-use characters; seed text never has
# them raw, see escape.py).  Markdown passes them through as plain text, which
# is far cheaper than parsing an inline <abbr> for every occurrence.
TERM_OPEN, TERM_MID, TERM_CLOSE = "\ue000", "\ue001", "\ue002"
_TERM_RE = re.compile("\ue000(\\d+)\ue001(.*?)\ue002", re.S)
_SLOT_RE = re.compile(r'<div class="kb-terms-slot" data-terms="([\d,]*)"></div>')


def expand_terms(html_text: str, glossary) -> str:
    """Turn deferred term marks into ``<abbr title="…">`` and term slots into
    the 本文术语 box (run on the final HTML).

    >>> class G:
    ...     entries = ["e"]
    ...     def tooltip(self, e): return 'zhōngshì · "pilot"'
    >>> expand_terms("建设\ue0000\ue001中试\ue002平台", G())
    '建设<abbr title="zhōngshì · &quot;pilot&quot;">中试</abbr>平台'
    """
    titles: dict[int, str] = {}

    def sub(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in titles:
            titles[n] = html.escape(glossary.tooltip(glossary.entries[n]))
        return f'<abbr title="{titles[n]}">{m.group(2)}</abbr>'
    html_text = _TERM_RE.sub(sub, html_text)
    return _SLOT_RE.sub(lambda m: terms_html([glossary.entries[int(k)] for k in m.group(1).split(",") if k]),
                        html_text)


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

    def __init__(self, opts: RenderOptions, tooltips: bool = True):
        self.opts = opts
        self.tooltips = tooltips   # False: only collect the terms (for the printed list)
        self.used: list = []

    def index(self, entry) -> int:
        return self.opts.term_index[id(entry)]

    def __call__(self, text: str, tag_terms: bool = True) -> str:
        g = self.opts.glossary
        if not g or not tag_terms:
            return escape_text(text)
        out, pos = [], 0
        for m in g.find(text):
            if self.opts.first_only and m.entry in self.used:
                continue
            out.append(escape_text(text[pos:m.start]))
            if self.tooltips and self.opts.deferred_terms:
                out.append(f"{TERM_OPEN}{self.index(m.entry)}{TERM_MID}{escape_text(m.surface)}{TERM_CLOSE}")
            elif self.tooltips:
                out.append(f'<abbr title="{html.escape(g.tooltip(m.entry))}">{escape_text(m.surface)}</abbr>')
            else:
                out.append(escape_text(m.surface))
            pos = m.end
            if m.entry not in self.used:
                self.used.append(m.entry)
        out.append(escape_text(text[pos:]))
        return "".join(out)


def _heading_md(level: int, b: Block, esc: _Marker) -> str:
    """A Markdown heading; a heading merged from two lines keeps a visible break."""
    if len(b.parts) == 2:
        return "#" * level + " " + escape_text(b.parts[0]) + '<br class="kb-hbr">' + escape_text(b.parts[1])
    return "#" * level + " " + esc(b.text, tag_terms=False)


def _wrap(cls: str, inner: str, print_view: bool) -> str:
    """One block of text.  In the print view blocks are ``div``s: the same text
    is already on the article pages, and the print view is a second copy."""
    if print_view:
        return f'<div class="{cls or "kb-p"}">{inner}</div>'
    return f'<p class="{cls}">{inner}</p>' if cls else inner


def _block_md(b: Block, esc: _Marker, print_view: bool = False) -> str:
    if b.kind in ("question", "answer") and b.label and b.text.startswith(b.label):
        rest = b.text[len(b.label):]
        colon, body = rest[:1], rest[1:]
        cls = "kb-q" if b.kind == "question" else "kb-a"
        return _wrap(cls, f'<strong class="kb-label">{escape_text(b.label + colon)}</strong>{esc(body)}', print_view)
    if b.kind == "heading":   # a heading the structure pass kept in the body
        return _wrap("kb-unplaced-heading", esc(b.text, tag_terms=False), print_view)
    return _wrap("", esc(b.text), print_view)


def render_article(page: Page, a: Article, n: int, opts: RenderOptions, print_view: bool = False) -> ArticleRender:
    """Markdown of one article (front matter, headline block, body, pull quotes, terms).

    The print view gets no tooltips (paper cannot show them): its terms are
    defined in the 本文术语 list at the end of each article.
    """
    esc = _Marker(opts, tooltips=not print_view)
    first = (a.lead or [b for s in a.sections for b in s.blocks] or [None])[0]
    title = a.title_text or (first.text[:24] + "…" if first else page_title(page))
    parts = [] if print_view else [_fm(title=title, kanbao_page=page.page_no, kanbao_seed=page.seed, kanbao_article=a.id)]
    if a.kicker:
        parts.append(_wrap("kb-kicker", esc(a.kicker.text, False), print_view))
    parts.append(_heading_md(1, a.title, esc) if a.title else "# " + escape_text(title))
    if a.subtitle:
        parts.append(_wrap("kb-subtitle", esc(a.subtitle.text, False), print_view))
    for b in a.byline:
        # the newspaper's own spaces in a byline must not break between role and name
        parts.append(_wrap("kb-byline", escape_text(b.text.replace(" ", chr(0xA0))), print_view))
    src = f"第 {page.page_no} 版 · " if page.page_no else ""
    parts.append(_wrap("kb-source", escape_text(src + page.seed), print_view))
    meta = "" if print_view else search_meta(page)
    if meta:
        parts.append(meta)
    if a.lead:
        parts.append('<div class="kb-lead" markdown>\n\n' + "\n\n".join(_block_md(b, esc, print_view) for b in a.lead) + "\n\n</div>")
    pq_after: dict[str, list[Block]] = {}
    for pq in a.pullquotes:
        host = _host_block(a, pq)
        pq_after.setdefault(host.id if host else "", []).append(pq)
    for s in a.sections:
        if s.heading:
            parts.append(_heading_md(2, s.heading, esc))
        for b in s.blocks:
            parts.append(_block_md(b, esc, print_view))
            for pq in pq_after.pop(b.id, []):
                parts.append(_pullquote_md(pq, esc, print_view))
    for pqs in pq_after.values():
        for pq in pqs:
            parts.append(_pullquote_md(pq, esc, print_view))
    if esc.used and opts.glossary:
        parts.append(_terms_md(esc.used, opts, esc))
    return ArticleRender(path="", title=title, markdown="\n\n".join(parts) + "\n", terms=list(esc.used))


def search_meta(page: Page) -> str:
    """Hidden Pagefind metadata and filters of an article (newspaper page, date).

    Out of the index (``data-pagefind-ignore``), but Pagefind still reads the
    meta and filter values (the element's text); the search box shows them
    and filters on them.  Values are escaped like all seed text.

    >>> search_meta(Page(seed="a.txt", slug="a", page_no="07"))
    '<p class="kb-search-meta" hidden data-pagefind-ignore data-pagefind-meta="page" data-pagefind-filter="版面">第 07 版</p>'
    """
    paper, name = getattr(page, "paper", "") or "", getattr(page, "page_name", "") or ""
    label = " ".join(x for x in (paper, page_title(page) if page.page_no else "", name) if x)
    out = []
    for key, filt, value in (("page", "版面", label), ("date", "日期", page.date or "")):
        if value:
            out.append(f'<p class="kb-search-meta" hidden data-pagefind-ignore data-pagefind-meta="{key}" '
                       f'data-pagefind-filter="{filt}">{escape_text(value)}</p>')
    return "\n".join(out)


def _pullquote_md(pq: Block, esc: _Marker, print_view: bool = False) -> str:
    text = pq.text
    m = re.match(r"^(\d{1,2})(?=\D)", text)
    num = ""
    if m:
        num, text = m.group(1), text[m.end():]
    badge = f'<span class="kb-pq-no">{num}</span>' if num else ""
    if print_view:
        return f'<div class="kb-pullquote"><div class="kb-p">{badge}{esc(text)}</div></div>'
    return f'<blockquote class="kb-pullquote"><p>{badge}{esc(text)}</p></blockquote>'


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


def terms_html(used: list) -> str:
    """The 本文术语 box: every term an article uses, with its definition (printed)."""
    rows = "\n".join(f'<dt>{escape_text(e.term)} <span class="kb-pinyin">{escape_text(e.pinyin)}</span></dt>'
                     f'<dd>{escape_text(e.definition)} <em>{escape_text(e.english)}</em></dd>' for e in used)
    # not indexed: a query must find the articles that say it, not those that define it
    return f'<details class="kb-terms" open data-pagefind-ignore>\n<summary>本文术语</summary>\n<dl>\n{rows}\n</dl>\n</details>'


def _terms_md(used: list, opts: RenderOptions, esc: "_Marker") -> str:
    if opts.deferred_terms:   # a small slot; expand_terms fills it in on the HTML
        return f'<div class="kb-terms-slot" data-terms="{",".join(str(esc.index(e)) for e in used)}"></div>'
    return terms_html(used)


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
    files[f"{base}/print.md"] = render_print_view(page, renders, opts)
    page.renders = renders  # type: ignore[attr-defined]
    return files


def render_print_view(page: Page, renders: list[ArticleRender], opts: RenderOptions) -> str:
    """All articles of one newspaper page in reading order, each on a new sheet when printed."""
    out = [_fm(title=f"{page_title(page)} · 打印版", kanbao_page=page.page_no, kanbao_seed=page.seed, kanbao_print="page"),
           f'<p class="kb-print-note">{escape_text(page_title(page))}：全部 {len(renders)} 篇文章，按版面阅读顺序排列。'
           f'用浏览器的“打印”可导出 PDF，每篇文章从新的一页开始。</p>']
    for n, a in enumerate(page.articles, start=1):
        body = render_article(page, a, n, opts, print_view=True).markdown
        out.append(f'<section class="kb-print-article" markdown>\n\n{body}\n</section>')
    return "\n\n".join(out) + "\n"


def render_glossary_page(glossary, renders_by_term: dict[str, list[tuple[str, str]]]) -> str:
    """All glossary terms in pinyin order, each with links to the articles that use it.

    ``renders_by_term`` maps a term to ``[(article title, site path), ...]``.
    """
    out = [_fm(title="术语表"), "# 术语表", "",
           '<p class="kb-source" markdown>文章中的政策术语，按拼音排序。每条给出拼音、释义、英文对照和用到它的文章。</p>', ""]
    for e in glossary.sorted_by_pinyin():
        anchor = "term-" + re.sub(r"[^\w]+", "-", e.term)
        aliases = f"（又作：{escape_text('、'.join(e.aliases))}）" if e.aliases else ""
        out.append(f'<h2 id="{anchor}">{escape_text(e.term)} '
                   f'<small class="kb-pinyin">{escape_text(e.pinyin)}</small></h2>')
        out.append("")
        out.append(f'<p class="kb-def">{escape_text(e.definition)}{aliases}</p>')
        out.append(f'<p class="kb-en"><em>{escape_text(e.english)}</em></p>')
        if e.source:
            out.append(f'<p class="kb-term-source">来源：{escape_text(e.source)}</p>')
        uses = renders_by_term.get(e.term, [])
        if uses:
            out.append('<p class="kb-uses" markdown>见于：' + "，".join(f"[{escape_text(t)}]({p})" for t, p in uses) + "</p>")
        out.append("")
    return "\n".join(out) + "\n"


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
