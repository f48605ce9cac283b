"""The glossary pages: ``glossary.md`` (every entry, pinyin order, a jump bar,
each entry's most recent uses) and the full lists of uses of the terms used
more often than that, in pinyin order on a paged sequence of pages
(``glossary/uses-1.md``, ``uses-2.md`` …); a long list continues on the next page.

Size stays bounded as the archive grows: the main page holds at most
``RECENT`` uses per term, a uses page at most ``PER_PAGE`` uses; the number of
pages grows with the number of uses, not with the number of terms (every page
MkDocs renders costs build time).

>>> from kanbao.glossary import Entry, Glossary
>>> from kanbao.terms import Use
>>> g = Glossary([Entry("中试", (), "zhōngshì", "试验。", "pilot testing"),
...               Entry("链主", (), "liànzhǔ", "企业。", "chain leader")])
>>> zs, lz = g.entries
>>> uses = {zs: [Use(f"文章{i}", f"pages/p/{i:02d}.md", "中试", "建设", "平台。") for i in range(5)],
...         lz: [Use("文章", "pages/p/09.md", "链主", "", "。")] * 4}
>>> files = glossary_files(g, uses, recent=3, per_page=4)
>>> sorted(files)
['glossary.md', 'glossary/uses-1.md', 'glossary/uses-2.md', 'glossary/uses-3.md']
>>> "全部 5 篇文章" in files["glossary.md"], files["glossary.md"].count('class="kb-use"')
(True, 6)
>>> '<a href="../../pages/p/04/">文章4</a>' in files['glossary/uses-3.md']
True
>>> [files[f].count('class="kb-use"') for f in sorted(files)[1:]]
[4, 4, 1]
"""
from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

from .escape import escape_text
from .glossary import anchor, initial
from .terms import Use

#: Uses of a term listed on the glossary page itself (the most recent ones).
RECENT = 2   # 110 terms × 2 uses keeps the glossary page under 150 KB at any archive size
#: Uses per page of the full lists.
PER_PAGE = 300


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


_SLOT = re.compile(r'<div class="kb-slot" data-slot="(g\d+)"></div>')


def _put(block: str, slots: dict | None) -> str:
    """``block`` itself, or (with ``slots``) a placeholder that :func:`fill_slots`
    replaces on the built HTML: Markdown never parses big use lists (the raw
    HTML parser of md_in_html costs seconds per MB).

    >>> slots = {}; _put("<ul></ul>", slots), slots
    ('<div class="kb-slot" data-slot="g0"></div>', {'g0': '<ul></ul>'})
    """
    if slots is None:
        return block
    key = f"g{len(slots)}"
    slots[key] = block
    return f'<div class="kb-slot" data-slot="{key}"></div>'


def fill_slots(html_text: str, slots: dict) -> str:
    """Put the use lists back into a built page (the hook's ``on_page_content``).

    >>> fill_slots('<p>a</p><div class="kb-slot" data-slot="g0"></div>', {"g0": "<ul></ul>"})
    '<p>a</p><ul></ul>'
    """
    return _SLOT.sub(lambda m: slots.get(m.group(1), ""), html_text)


def _uses_html(used: list[Use], prefix: str, directory_urls: bool) -> str:
    from dataclasses import replace
    items = "\n".join(_use_html(replace(u, path=page_url(u.path, directory_urls)), prefix) for u in used)
    return f'<ul class="kb-uses" data-pagefind-ignore>\n{items}\n</ul>'


def _uses_page_path(k: int) -> str:
    return f"glossary/uses-{k}.md"


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


def render_glossary_page(glossary, uses: dict, recent: int = RECENT, directory_urls: bool = True,
                         full_list: dict | None = None, slots: dict | None = None) -> str:
    """The main glossary page (Markdown). ``uses`` maps an entry to its
    :class:`~kanbao.terms.Use` list, most recent first; ``full_list`` maps an
    entry to the uses page where its full list starts."""
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
            out += _entry_md(e, uses.get(e, []), recent, directory_urls, (full_list or {}).get(e), slots)
    return "\n".join(out) + "\n"


def _entry_md(e, used: list[Use], recent: int, directory_urls: bool = True, page: int | None = None,
              slots: dict | None = None) -> list[str]:
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
        out += ["", _put(_uses_html(used[:recent], prefix, directory_urls), slots)]
        if len(used) > recent and page:
            out += ["", f'<p class="kb-more" markdown>[全部 {len(used)} 篇文章]({_uses_page_path(page)}#{anchor(e)})</p>']
    out.append("")
    return out


def uses_pages(entries: list, uses: dict, per_page: int = PER_PAGE,
               directory_urls: bool = True, slots: dict | None = None) -> tuple[dict[str, str], dict]:
    """The full lists of uses of ``entries`` (in this order), ``per_page`` uses a
    page; returns the files and, per entry, the page its list starts on."""
    prefix = "../../" if directory_urls else "../"    # glossary/uses-k/ (or glossary/uses-k.html) → root
    chunks: list[list[tuple]] = [[]]
    room = per_page
    start: dict = {}
    for e in entries:
        used, done = uses[e], 0
        while done < len(used):
            if room == 0:
                chunks.append([])
                room = per_page
            take = used[done:done + room]
            start.setdefault(e, len(chunks))
            chunks[-1].append((e, take, done > 0))
            done += len(take)
            room -= len(take)
    if not chunks[0]:
        return {}, {}
    n = len(chunks)
    files = {}
    for k, chunk in enumerate(chunks, start=1):
        links = []
        if k > 1:
            links.append(f"[上一页](../{_uses_page_path(k - 1)})")
        links.append(f"第 {k} / {n} 页")
        if k < n:
            links.append(f"[下一页](../{_uses_page_path(k + 1)})")
        pager = f'<p class="kb-pager" markdown>{" · ".join(links)}</p>'
        body = [_fm(f"术语用例（第 {k} 页）"), f"# 术语用例 <small>第 {k} / {n} 页</small>", "",
                '<p class="kb-source" markdown>每个术语的全部用例，按拼音排序，最近的文章在前。'
                '[回到术语表](../glossary.md)</p>', "", pager, ""]
        for e, take, continued in chunk:
            more = "（续）" if continued else ""
            body += [f'<h2 id="{anchor(e)}">{escape_text(e.term)}{more} '
                     f'<small class="kb-pinyin">{escape_text(e.pinyin)}</small></h2>', "",
                     f'<p class="kb-source" markdown>{len(uses[e])} 篇文章。'
                     f'[释义](../glossary.md#{anchor(e)})</p>', "",
                     _put(_uses_html(take, prefix, directory_urls), slots), ""]
        body.append(pager)
        files[_uses_page_path(k)] = "\n".join(body) + "\n"
    return files, start


def glossary_files(glossary, uses: dict, recent: int = RECENT, per_page: int = PER_PAGE,
                   directory_urls: bool = True, slots: dict | None = None) -> dict[str, str]:
    """Every glossary file: the main page plus the paged full lists of the terms
    used more often than the main page shows. ``directory_urls`` is MkDocs'
    ``use_directory_urls`` (the use lists carry final URLs). With ``slots``
    the use lists go there and the Markdown holds placeholders (see :func:`_put`)."""
    long = [e for e in glossary.sorted_by_pinyin() if len(uses.get(e, [])) > recent]
    files, start = uses_pages(long, uses, per_page, directory_urls, slots)
    files["glossary.md"] = render_glossary_page(glossary, uses, recent, directory_urls, start, slots)
    return files
