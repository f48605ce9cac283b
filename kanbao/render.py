"""``Page`` → Markdown files: one page per article plus a page index.

All seed text goes through ``escape.escape_text`` (glossary terms become
``<abbr>`` around escaped text), so a seed can never inject Markdown, HTML
or extension syntax.  Headings are real Markdown headings (for the table of
contents and search); classes come from ``attr_list``-free raw HTML wrappers.

>>> from kanbao.convert import convert_text
>>> files = render_page(convert_text("07\\n测试标题\\n\\n这是正文的第一段，内容不长。", "p.txt"))
>>> sorted(files)
['pages/p/1.md', 'pages/p/index.md', 'pages/p/print.md']
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Protocol

from .escape import escape_text
from .meta import date_label
from .model import Article, Block, Page
from .textfix import ideographic_gaps


class TermFinder(Protocol):
    def find(self, text: str) -> list: ...
    def tooltip(self, entry) -> str: ...


@dataclass
class RenderOptions:
    glossary: TermFinder | None = None
    tag: str = "first"                # glossary_tag: which occurrences get a tooltip (first | section | all)
    deferred_terms: bool = False      # mark terms for `expand_terms` on the HTML instead of inline <abbr>
    term_index: dict = field(init=False, default_factory=dict)   # id(entry) -> its number in the glossary

    def __post_init__(self) -> None:
        if self.glossary is not None:
            self.term_index = {id(e): k for k, e in enumerate(self.glossary.entries)}


# Glossary term markup lives in terms.py (re-exported here).
from .terms import TERM_OPEN, TERM_MID, TERM_CLOSE, TermTagger, abbr, expand_terms, mark, terms_html  # noqa: E402,F401


@dataclass
class ArticleRender:
    path: str
    title: str
    markdown: str
    terms: list = field(default_factory=list)   # glossary entries used, in first-use order
    uses: list = field(default_factory=list)    # (entry, terms.Use) with a concordance line, for the glossary page


# Characters YAML cannot hold raw in a double-quoted scalar, or folds as line breaks
# (DEL, C1 with NEL, LS/PS, BOM, U+FFFE/FFFF, lone surrogates): written as \\u escapes.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def yaml_str(v: str) -> str:
    """``v`` as a YAML double-quoted scalar that always parses back to ``v``.

    >>> yaml_str('a"b\\x7f\\n中')
    '"a\\\\"b\\\\u007f\\\\n中"'
    """
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(v, ensure_ascii=False))


def _fm(**kv: str) -> str:
    """Front matter that cannot fail to parse, whatever the values hold.

    >>> import yaml; yaml.safe_load(_fm(title="<b>\\x7f\\x85---").strip("-\\n"))
    {'title': '<b>\\x7f\\x85---'}
    """
    return "---\n" + "".join(f"{k}: {yaml_str(str(v))}\n" for k, v in kv.items() if v) + "---\n\n"


class _Marker:
    """Escapes text and wraps glossary terms (see ``terms.TermTagger`` for which)."""

    def __init__(self, opts: RenderOptions, tooltips: bool = True):
        self.opts = opts
        self.tooltips = tooltips   # False: only collect the terms (for the printed list)
        self.tagger = TermTagger(opts.glossary, opts.tag) if opts.glossary else None

    @property
    def used(self) -> list:
        return self.tagger.used if self.tagger else []

    def index(self, entry) -> int:
        return self.opts.term_index[id(entry)]

    def __call__(self, text: str, tag_terms: bool = True) -> str:
        g = self.opts.glossary
        if not g or not tag_terms:
            return escape_text(text)
        out, pos = [], 0
        for m in g.find(text):
            if not self.tagger.tag(m, text) or not self.tooltips:
                continue
            out.append(escape_text(text[pos:m.start]))
            if self.opts.deferred_terms:
                out.append(mark(self.index(m.entry), m.entry.forms.index(m.surface), escape_text(m.surface)))
            else:
                out.append(abbr(g.tooltip(m.entry, m.surface), escape_text(m.surface)))
            pos = m.end
        out.append(escape_text(text[pos:]))
        return "".join(out)


HBR = '<br class="kb-hbr">'


def _lines_html(b: Block) -> list[str]:
    """A heading's printed lines, escaped (glossary terms are not marked in headings);
    a space between two Chinese characters is the paper's gap between a headline's
    parts (``ideographic_gaps``)."""
    return [escape_text(ideographic_gaps(t)) for t in (b.parts or b.line_texts())]


def _heading_md(level: int, b: Block, esc: _Marker) -> str:
    """A Markdown heading; a heading printed in several lines keeps a visible break at each.

    >>> _heading_md(2, Block("b1", [], "包起帆：依靠聪明才智", parts=["包起帆：", "依靠聪明才智"]), None)
    '## 包起帆：<br class="kb-hbr">依靠聪明才智'
    """
    return "#" * level + " " + HBR.join(_lines_html(b))


def _print_subhead(b: Block) -> str:
    """A subhead in the print view: a heading to assistive technology (level 3,
    under the articles' h2), but no ``h3``: the print view's contents list holds
    its articles only, and the subhead is a second copy of the article page's.

    >>> _print_subhead(Block("b1", [], "包起帆：依靠聪明才智", parts=["包起帆：", "依靠聪明才智"]))
    '<div class="kb-subhead" role="heading" aria-level="3">包起帆：<br class="kb-hbr">依靠聪明才智</div>'
    """
    return f'<div class="kb-subhead" role="heading" aria-level="3">{HBR.join(_lines_html(b))}</div>'


def _headline_md(a: Article, lv: int = 1) -> str:
    """The article's headline as one ``h1``: kicker (引题), title lines, subtitle (副题),
    each printed line a child of its own so the reader sees where it ends.

    >>> k = Block("k", [], "东西问")
    >>> t = Block("t", [], "侨批中有何密码？")
    >>> s = Block("s", [], "——专访刘进")
    >>> _headline_md(Article(id="a1", kicker=k, title=t, subtitle=s))
    '# <span class="kb-kicker">东西问</span>侨批中有何密码？<span class="kb-subtitle">——专访刘进</span>'
    """
    out = "".join(f'<span class="kb-kicker">{x}</span>' for x in (_lines_html(a.kicker) if a.kicker else []))
    out += HBR.join(_lines_html(a.title)) if a.title else ""
    out += "".join(f'<span class="kb-subtitle">{x}</span>' for x in (_lines_html(a.subtitle) if a.subtitle else []))
    return "#" * lv + " " + out


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
        return _wrap("kb-unplaced-heading", esc(ideographic_gaps(b.text), tag_terms=False), print_view)
    if b.kind == "byline":    # a byline no headline took, kept in the body: set like one
        return _byline_md(b, print_view)
    return _wrap("", esc(b.text), print_view)


def _byline_md(b: Block, print_view: bool = False) -> str:
    """A byline; the newspaper's own spaces in it must not break between role and name.

    >>> _byline_md(Block("b1", [], "本报通讯员 范平晨", kind="byline"))
    '<p class="kb-byline">本报通讯员&#160;范平晨</p>'
    """
    return _wrap("kb-byline", escape_text(b.text.replace(" ", chr(0xA0))), print_view)


def render_article(page: Page, a: Article, n: int, opts: RenderOptions, print_view: bool = False) -> ArticleRender:
    """Markdown of one article (front matter, headline block, body, pull quotes, terms).

    The print view gets no tooltips (paper cannot show them): its terms are
    defined in the 本文术语 list at the end of each article.
    """
    esc = _Marker(opts, tooltips=not print_view)
    first = (a.lead or [b for s in a.sections for b in s.blocks] or [None])[0]
    title = ideographic_gaps(a.title_text) or (first.text[:24] + "…" if first else page_title(page))
    chars = reading_chars(a)
    parts = [] if print_view else [_fm(title=title, kanbao_page=page.page_no, kanbao_seed=page.seed, kanbao_article=a.id,
                                       kanbao_title=f"{title} · {issue_label(page)}", kanbao_date=page.date,
                                       kanbao_paper=page.paper, kanbao_chars=str(chars))]
    lv = 2 if print_view else 1   # the print view has its own h1; its articles are h2, so its contents list holds them all
    head = _headline_md(a, lv) if a.title else "#" * lv + " " + escape_text(title)
    if print_view:   # each printed sheet says which of the page's articles it holds: 2/4
        head = head.replace(" ", f' <span class="kb-print-no">{n}/{len(page.articles)}</span> ', 1)
    parts.append(head)
    for b in a.byline:
        parts.append(_byline_md(b, print_view))
    if print_view:
        parts.append(_wrap("kb-source", source_line(page, chars), print_view))
    else:   # out of the search index; its meta (issue) is still read by Pagefind
        parts.append(f'<p class="kb-source" data-pagefind-ignore>{source_line(page, chars)}</p>')
        parts.extend(x for x in [search_meta(page)] if x)
    if a.lead:
        parts.append('<div class="kb-lead" markdown>\n\n' + "\n\n".join(_block_md(b, esc, print_view) for b in a.lead) + "\n\n</div>")
    pq_after: dict[str, list[Block]] = {}
    for pq in a.pullquotes:
        host = _host_block(a, pq)
        pq_after.setdefault(host.id if host else "", []).append(pq)
    for s in a.sections:
        if esc.tagger:
            esc.tagger.new_section()
        if s.heading:
            parts.append(_print_subhead(s.heading) if print_view else _heading_md(lv + 1, s.heading, esc))
        for b in s.blocks:
            parts.append(_block_md(b, esc, print_view))
            for pq in pq_after.pop(b.id, []):
                parts.append(_pullquote_md(pq, esc, print_view))
    for pqs in pq_after.values():
        for pq in pqs:
            parts.append(_pullquote_md(pq, esc, print_view))
    if esc.used and opts.glossary:
        parts.append(_terms_md(esc.used, opts, esc))
    return ArticleRender(path="", title=title, markdown="\n\n".join(parts) + "\n", terms=list(esc.used),
                         uses=esc.tagger.uses(title, "", page.date or "") if esc.tagger else [])


def search_meta(page: Page) -> str:
    """Hidden Pagefind metadata and filters of an article (newspaper page, date).

    Out of the index (``data-pagefind-ignore``), but Pagefind still reads the
    meta and filter values (the element's text); the search box shows them
    and filters on them.  Values are escaped like all seed text.

    >>> search_meta(Page(seed="a.txt", slug="a", page_no="07"))
    '<p class="kb-search-meta" hidden data-pagefind-ignore data-pagefind-meta="page" data-pagefind-filter="版面">第 07 版</p>'
    """
    paper, name = getattr(page, "paper", "") or "", getattr(page, "page_name", "") or ""
    label = " · ".join(x for x in (paper, page_title(page) if page.page_no else name) if x)   # page_title holds the 版名
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


def _terms_md(used: list, opts: RenderOptions, esc: "_Marker") -> str:
    forms = [esc.tagger.first_use[e][3] for e in used]     # the form the article wrote first
    if opts.deferred_terms:   # a small slot; expand_terms fills it in on the HTML
        keys = ",".join(f"{esc.index(e)}.{e.forms.index(f)}" for e, f in zip(used, forms))
        return f'<div class="kb-terms-slot" data-terms="{keys}"></div>'
    return terms_html(used, forms)


def render_page(page: Page, opts: RenderOptions | None = None) -> dict[str, str]:
    """All Markdown files for one page: ``pages/<seed>/index.md`` and one per article."""
    opts = opts or RenderOptions()
    base = f"pages/{page.slug}"
    files: dict[str, str] = {}
    renders = []
    for n, a in enumerate(page.articles, start=1):
        r = render_article(page, a, n, opts)
        r.path = f"{base}/{n}.md"   # the article's number on the page: a headline fix keeps the URL
        renders.append(r)
        files[r.path] = r.markdown
    for k, r in enumerate(renders):
        r.markdown += "\n" + article_pager(renders, k, f"{base}/index.md") + "\n"
        files[r.path] = r.markdown
    files[f"{base}/index.md"] = render_page_index(page, renders)
    files[f"{base}/print.md"] = render_print_view(page, renders, opts)
    page.renders = renders  # type: ignore[attr-defined]
    return files


def render_print_view(page: Page, renders: list[ArticleRender], opts: RenderOptions) -> str:
    """All articles of one newspaper page in reading order, each on a new sheet when printed."""
    out = [_fm(title=f"{page_title(page)} · 打印版", kanbao_page=page.page_no, kanbao_seed=page.seed, kanbao_print="page",
               kanbao_title=f"{issue_label(page)} · 打印版"),
           f"# {escape_text(page_title(page))} · 打印版",
           f'<p class="kb-print-note">{escape_text(page_title(page))}：全部 {len(renders)} 篇文章，按版面阅读顺序排列。'
           f'用浏览器的“打印”可导出 PDF，每篇文章从新的一页开始。</p>']
    for n, a in enumerate(page.articles, start=1):
        body = render_article(page, a, n, opts, print_view=True).markdown
        out.append(f'<section class="kb-print-article" markdown>\n\n{body}\n</section>')
    return "\n\n".join(out) + "\n"


from .glossary_page import render_glossary_page  # noqa: E402,F401  (re-export: the glossary page lives there)


def first_sentence(a: Article) -> str:
    for b in a.lead + [b for s in a.sections for b in s.blocks]:
        if b.kind in ("para", "answer"):
            m = re.match(r"(.+?[。！？])", b.text)
            return (m.group(1) if m else b.text)[:80]
    return ""


def page_title(page: Page) -> str:
    """A newspaper page's name: number and 版名, else the seed's file name.

    >>> page_title(Page(seed="x.txt", slug="x", page_no="03", page_name="农业·乡村")), page_title(Page(seed="x.txt", slug="x"))
    ('第 03 版 · 农业·乡村', 'x')
    """
    if page.page_no:
        return f"第 {page.page_no} 版" + (f" · {page.page_name}" if page.page_name else "")
    return page.page_name or page.seed.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def issue_label(page: Page) -> str:
    """Newspaper, date and page, for ``<title>`` and the source line (plain text).

    >>> issue_label(Page(seed="x.txt", slug="x", paper="江城日报", date="2024-10-23", page_no="03"))
    '江城日报 · 2024年10月23日星期三 · 第 03 版'
    """
    return " · ".join(x for x in (page.paper, date_label(page.date), page_title(page)) if x)


READ_SPEED = 400   # characters a minute


def reading_chars(a: Article) -> int:
    """Characters an article has for a reader (spaces not counted).

    >>> reading_chars(Article(id="a1", lead=[Block("b1", [], "一二 三。")]))
    4
    """
    return sum(len("".join(b.text.split())) for b in a.blocks())


def source_line(page: Page, chars: int) -> str:
    """The line under a headline: paper, date, page, 版名, reading time (escaped Markdown).

    >>> source_line(Page(seed="a<b>.txt", slug="a"), 1000)
    '<span class="kb-issue" data-pagefind-meta="issue">a&#60;b&#62;</span><span class="kb-readtime"> · 约 3 分钟读完（1000 字）</span>'
    """
    mins = max(1, -(-chars // READ_SPEED))
    return (f'<span class="kb-issue" data-pagefind-meta="issue">{escape_text(issue_label(page))}</span>'
            f'<span class="kb-readtime"> · 约 {mins} 分钟读完（{chars} 字）</span>')


def render_page_index(page: Page, renders: list[ArticleRender]) -> str:
    """The page's own index: its header, its articles in reading order, the print view."""
    lines = [_fm(title=page_title(page), kanbao_page=page.page_no, kanbao_seed=page.seed, kanbao_title=issue_label(page),
                 kanbao_date=page.date, kanbao_paper=page.paper),
             f"# {escape_text(page_title(page))}", ""]
    meta = [escape_text(b.text) for b in page.furniture]
    if meta:
        lines.append('<div class="kb-furniture"><span>' + "</span> · <span>".join(meta) + "</span></div>\n")
    issue = escape_text(" · ".join(x for x in (page.paper, date_label(page.date)) if x))
    lines.append(f'<p class="kb-source">{issue + " · " if issue else ""}{len(page.articles)} 篇文章'
                 f'<span class="kb-seedfile"> · 来源文件 {escape_text(page.seed)}</span></p>\n')
    items = []
    for (a, r) in zip(page.articles, renders):
        link = posixpath.relpath(r.path, posixpath.dirname(f"pages/{page.slug}/index.md"))
        items.append(f'- [{escape_text(r.title)}]({link})<br><span class="kb-first">{escape_text(first_sentence(a))}</span>')
    lines += toc_nav(items, "本版文章")
    lines.append('\n<p class="kb-print-link" markdown>[打印本版全部文章](print.md)</p>')
    return "\n".join(lines) + "\n"


def toc_nav(items: list[str], label: str) -> list[str]:
    """A list of links to articles as the navigation it is: headline and first
    sentence are a copy of the article's own, not the article.

    >>> toc_nav(["- [甲](1.md)"], "本版文章")
    ['<nav class="kb-toc" aria-label="本版文章" markdown>', '', '- [甲](1.md)', '', '</nav>']
    """
    return [f'<nav class="kb-toc" aria-label="{escape_text(label)}" markdown>', "", *items, "", "</nav>"] if items else []


def pager(prev: tuple[str, str] | None, up: tuple[str, str] | None, nxt: tuple[str, str] | None, here: str) -> str:
    """A row of links: previous, up, next; each ``(label, site path)``, label plain text.

    >>> pager(None, ("本版目录", "pages/p/index.md"), ("下一篇：T<2>", "pages/p/02.md"), "pages/p/01.md")
    '<nav class="kb-pager" data-pagefind-ignore markdown><span class="kb-up" markdown>[本版目录](index.md)</span><span class="kb-next" markdown>[下一篇：T&#60;2&#62; →](02.md)</span></nav>'
    """
    base = posixpath.dirname(here)
    out = []
    for cls, item, fmt in (("kb-prev", prev, "← {}"), ("kb-up", up, "{}"), ("kb-next", nxt, "{} →")):
        if item:
            out.append(f'<span class="{cls}" markdown>[{fmt.format(escape_text(item[0]))}]'
                       f'({posixpath.relpath(item[1], base)})</span>')
    return '<nav class="kb-pager" data-pagefind-ignore markdown>' + "".join(out) + "</nav>"


def article_pager(renders: list[ArticleRender], k: int, index_path: str) -> str:
    """Previous and next article of the same newspaper page, and the page's index."""
    prev = ("上一篇：" + renders[k - 1].title, renders[k - 1].path) if k > 0 else None
    nxt = ("下一篇：" + renders[k + 1].title, renders[k + 1].path) if k + 1 < len(renders) else None
    return pager(prev, ("本版目录", index_path), nxt, renders[k].path)
