"""The glossary pages: ``glossary.md`` (every entry, pinyin order, a jump bar,
each entry's most recent uses) and, for a term used more often than that, its
full list of uses on pages of its own (``glossary/<anchor>.md``, paged).

Size stays bounded as the archive grows: the main page holds at most
``RECENT`` uses per term, a per-term page at most ``PER_PAGE``.

>>> from kanbao.glossary import Entry, Glossary
>>> from kanbao.terms import Use
>>> g = Glossary([Entry("中试", (), "zhōngshì", "试验。", "pilot testing")])
>>> e = g.entries[0]
>>> uses = {e: [Use(f"文章{i}", f"pages/p/{i:02d}.md", "中试", "建设", "平台。") for i in range(5)]}
>>> files = glossary_files(g, uses, recent=3, per_page=2)
>>> sorted(files)
['glossary.md', 'glossary/term-中试-2.md', 'glossary/term-中试-3.md', 'glossary/term-中试.md']
>>> "全部 5 篇文章" in files["glossary.md"], files["glossary.md"].count('class="kb-use"')
(True, 3)
>>> '<a href="../../pages/p/04/">文章4</a>' in files['glossary/term-中试-3.md']
True
"""
from __future__ import annotations

import html
import json
from urllib.parse import quote

from .escape import escape_text
from .glossary import anchor, initial
from .terms import Use

#: Uses of a term listed on the glossary page itself (the most recent ones).
RECENT = 3
#: Uses per page of a term's own list.
PER_PAGE = 100


def _fm(title: str) -> str:
    """Front matter. The title is HTML-escaped: Material prints ``page.meta.title``
    as HTML (DESIGN.md §2), and a per-term page's title carries a glossary term.

    >>> _fm("<b>x</b> · 术语用例")
    '---\\ntitle: "&lt;b&gt;x&lt;/b&gt; · 术语用例"\\n---\\n\\n'
    """
    return f"---\ntitle: {json.dumps(html.escape(title), ensure_ascii=False)}\n---\n\n"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (from the site root) MkDocs gives the page built from ``path``.

    >>> page_url("pages/s/01-标题.md"), page_url("pages/s/index.md"), page_url("pages/s/01-a.md", False)
    ('pages/s/01-标题/', 'pages/s/', 'pages/s/01-a.html')
    """
    stem = path[:-3] if path.endswith(".md") else path
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def _use_html(u: Use, prefix: str) -> str:
    """One use: the article link and a concordance line with the term marked.

    Raw HTML with the final relative URL (``prefix`` leads from the page that
    shows it back to the site root): Markdown leaves such a block alone, which
    keeps thousands of uses cheap to build.
    """
    line = (f'<span class="kb-kwic">{escape_text(u.before)}<mark>{escape_text(u.surface)}</mark>'
            f"{escape_text(u.after)}</span>")
    date = f' <span class="kb-use-date">{escape_text(u.date)}</span>' if u.date else ""
    href = html.escape(quote(prefix + u.path, safe="/.-_~"))   # percent-encoded: nothing left to misread
    return f'<li class="kb-use"><a href="{href}">{escape_text(u.title)}</a>{date}<br>{line}</li>'


def _uses_html(used: list[Use], prefix: str, directory_urls: bool) -> str:
    from dataclasses import replace
    items = "\n".join(_use_html(replace(u, path=page_url(u.path, directory_urls)), prefix) for u in used)
    return f'<ul class="kb-uses" data-pagefind-ignore>\n{items}\n</ul>'


def _term_page_path(e, k: int = 1) -> str:
    return f"glossary/{anchor(e)}{'' if k == 1 else f'-{k}'}.md"


def _forms_md(e) -> str:
    """The other forms of an entry, each with its own reading (and sense, if its own)."""
    parts = []
    for alias in e.aliases:
        f = e.form(alias)
        own = next((a for a in e.alias_forms if a.text == alias), None)
        text = f'{escape_text(alias)} <span class="kb-pinyin">{escape_text(f.pinyin)}</span>'
        if own is not None and (own.definition or own.english):
            sense = " ".join(x for x in (escape_text(own.definition), f"<em>{escape_text(own.english)}</em>"
                                         if own.english else "") if x)
            text += f"：{sense}"
        parts.append(text)
    return f'<p class="kb-aliases">又作：{"；".join(parts)}</p>' if parts else ""


def render_glossary_page(glossary, uses: dict, recent: int = RECENT, directory_urls: bool = True) -> str:
    """The main glossary page (Markdown). ``uses`` maps an entry to its
    :class:`~kanbao.terms.Use` list, most recent first."""
    entries = glossary.sorted_by_pinyin()
    letters: dict[str, list] = {}
    for e in entries:
        letters.setdefault(initial(e.pinyin), []).append(e)
    jump = " ".join(f'<a href="#letter-{k}">{k}</a>' for k in letters)
    out = [_fm("术语表"), "# 术语表", "",
           '<p class="kb-source">文章中的政策术语，按拼音排序（先比音节，再比声调）。每条给出拼音、释义、英文对照，'
           '以及最近用到它的文章和文中的一句。</p>', "",
           f'<nav class="kb-jump" aria-label="按拼音首字母跳转" data-pagefind-ignore>{jump}</nav>', ""]
    for letter, group in letters.items():
        out += [f'<h2 id="letter-{letter}" class="kb-letter">{letter}</h2>', ""]
        for e in group:
            out += _entry_md(e, uses.get(e, []), recent, directory_urls)
    return "\n".join(out) + "\n"


def _entry_md(e, used: list[Use], recent: int, directory_urls: bool = True) -> list[str]:
    prefix = "../" if directory_urls else ""          # glossary/ (or glossary.html) → site root
    out = [f'<h3 id="{anchor(e)}">{escape_text(e.term)} <small class="kb-pinyin">{escape_text(e.pinyin)}</small></h3>',
           "", f'<p class="kb-def">{escape_text(e.definition)}</p>',
           f'<p class="kb-en"><em>{escape_text(e.english)}</em></p>']
    forms = _forms_md(e)
    if forms:
        out.append(forms)
    if e.source:
        out.append(f'<p class="kb-term-source">来源：{escape_text(e.source)}</p>')
    if used:
        out += ["", _uses_html(used[:recent], prefix, directory_urls)]
        if len(used) > recent:
            out += ["", f'<p class="kb-more" markdown>[全部 {len(used)} 篇文章]({_term_page_path(e)})</p>']
    out.append("")
    return out


def term_pages(e, used: list[Use], per_page: int = PER_PAGE, directory_urls: bool = True) -> dict[str, str]:
    """A term's full list of uses, ``per_page`` to a page, most recent first."""
    prefix = "../../" if directory_urls else "../"    # glossary/term-x/ (or glossary/term-x.html) → root
    pages = max(1, -(-len(used) // per_page))
    files = {}
    for k in range(1, pages + 1):
        chunk = used[(k - 1) * per_page:k * per_page]
        nav = ""
        if pages > 1:
            links = " ".join(f"**{i}**" if i == k else f"[{i}](../{_term_page_path(e, i)})" for i in range(1, pages + 1))
            nav = f'<p class="kb-pager" markdown>第 {k} / {pages} 页：{links}</p>'
        body = [_fm(f"{e.term} · 术语用例" + (f"（第 {k} 页）" if k > 1 else "")),
                f"# {escape_text(e.term)} <small class=\"kb-pinyin\">{escape_text(e.pinyin)}</small>", "",
                f'<p class="kb-def">{escape_text(e.definition)}</p>', "",
                f'<p class="kb-source" markdown>用到这个术语的 {len(used)} 篇文章，最近的在前。'
                f'[回到术语表](../glossary.md#{anchor(e)})</p>', "", nav, "",
                _uses_html(chunk, prefix, directory_urls), "", nav]
        files[_term_page_path(e, k)] = "\n".join(body) + "\n"
    return files


def glossary_files(glossary, uses: dict, recent: int = RECENT, per_page: int = PER_PAGE,
                   directory_urls: bool = True) -> dict[str, str]:
    """Every glossary file: the main page plus per-term pages where a term has
    more uses than the main page shows. ``directory_urls`` is MkDocs'
    ``use_directory_urls`` (the use lists carry final URLs)."""
    files = {"glossary.md": render_glossary_page(glossary, uses, recent, directory_urls)}
    for e, used in uses.items():
        if len(used) > recent:
            files.update(term_pages(e, used, per_page, directory_urls))
    return files
