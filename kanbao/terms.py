"""Glossary terms in articles: which occurrences get a tooltip, the marks the
renderer leaves in the Markdown, and the HTML they become.

``render.py`` re-exports :func:`expand_terms` and :func:`terms_html`.

Tagging (``glossary_tag`` in ``mkdocs.yml`` ``extra.kanbao``):

* ``first`` (default): the first occurrence of each term in an article;
* ``section``: the first in each section (the lead counts as one);
* ``all``: every occurrence.

Every term the article uses is listed in its 本文术语 box whatever the mode.

The HTML of a tagged term is ``<abbr class="kb-term" tabindex="0" title="…">``
(a contract, DESIGN.md §4). The title is plain text, the form's definition
first and, after a newline, its pinyin and English; ``tooltip.js`` shows it
as text (``textContent``), never as HTML.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .escape import escape_text

TAG_MODES = ("first", "section", "all")

# A term marked for expansion after Markdown: TERM_OPEN + "entry.form" numbers + TERM_MID
# + escaped surface + TERM_CLOSE (private-use characters; seed text never has
# them raw, see escape.py).  Markdown passes them through as plain text, which
# is far cheaper than parsing an inline <abbr> for every occurrence.
TERM_OPEN, TERM_MID, TERM_CLOSE = "\ue000", "\ue001", "\ue002"
_TERM_RE = re.compile("\ue000(\\d+)(?:\\.(\\d+))?\ue001(.*?)\ue002", re.S)
_SLOT_RE = re.compile(r'<div class="kb-terms-slot" data-terms="([\d,.]*)"></div>')

#: Characters of context on each side of a term in a concordance line.
CONTEXT = 18
_SENTENCE_END = "。！？!?；;"


@dataclass(frozen=True)
class Use:
    """One article's use of a term, for the glossary page.

    ``before``/``surface``/``after`` are plain text (escaped when rendered).
    """

    title: str
    path: str          # site path of the article's Markdown file
    surface: str
    before: str
    after: str
    date: str = ""


def concordance(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str]:
    """Context around ``text[start:end]``, within its sentence, at most ``width``
    characters each side, with … where the sentence goes on.

    >>> concordance("前一句。成都应通过揭榜挂帅的方式聚焦重点产业。后一句", 9, 13, 3)
    ('…应通过', '的方式…')
    >>> concordance("前一句。成都应通过揭榜挂帅的方式聚焦重点产业。后一句", 9, 13, 5)
    ('成都应通过', '的方式聚焦…')
    >>> concordance("如何发力？成都推动中试。", 9, 11)
    ('成都推动', '。')
    """
    left = start
    while left > 0 and start - left < width and text[left - 1] not in _SENTENCE_END:
        left -= 1
    right = end
    while right < len(text) and right - end < width and text[right - 1:right] not in _SENTENCE_END:
        right += 1
    before = ("…" if left > 0 and text[left - 1] not in _SENTENCE_END else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) and text[right - 1] not in _SENTENCE_END else "")
    return " ".join(before.split()), " ".join(after.split())


def mark(entry_no: int, form_no: int, surface_html: str) -> str:
    """The deferred mark for one tagged occurrence (see :func:`expand_terms`)."""
    return f"{TERM_OPEN}{entry_no}.{form_no}{TERM_MID}{surface_html}{TERM_CLOSE}"


def abbr(title: str, surface_html: str) -> str:
    """``<abbr>`` for a tagged term; ``title`` is plain text (escaped here).

    >>> abbr('<img src=x onerror="alert(1)">\\nzhōngshì', "中试")
    '<abbr class="kb-term" tabindex="0" title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#10;zhōngshì">中试</abbr>'
    """
    return (f'<abbr class="kb-term" tabindex="0" title="{html.escape(title).replace(chr(10), "&#10;")}">'
            f"{surface_html}</abbr>")


def expand_terms(html_text: str, glossary) -> str:
    """Turn deferred term marks into ``<abbr>`` and term slots into the 本文术语
    box (run on the final HTML).

    >>> from kanbao.glossary import Entry, Form, Glossary
    >>> g = Glossary([Entry("通关", ("清关",), "tōngguān", "过海关。", "customs clearance",
    ...                     alias_forms=(Form("清关", "qīngguān"),))])
    >>> expand_terms("在\\ue0000.1\\ue001清关\\ue002放行", g)
    '在<abbr class="kb-term" tabindex="0" title="过海关。&#10;qīngguān · customs clearance">清关</abbr>放行'
    """
    titles: dict[tuple[int, int], str] = {}

    def sub(m: re.Match) -> str:
        key = (int(m.group(1)), int(m.group(2) or 0))
        if key not in titles:
            entry = glossary.entries[key[0]]
            forms = entry.forms
            titles[key] = glossary.tooltip(entry, forms[key[1]] if key[1] < len(forms) else None)
        return abbr(titles[key], m.group(3))

    html_text = _TERM_RE.sub(sub, html_text)
    def box(m: re.Match) -> str:
        pairs = []
        for key in filter(None, m.group(1).split(",")):
            n, _, k = key.partition(".")
            e = glossary.entries[int(n)]
            pairs.append((e, e.forms[int(k or 0)]))
        return terms_html([e for e, _ in pairs], [f for _, f in pairs])
    return _SLOT_RE.sub(box, html_text)


def terms_html(used: list, forms: list | None = None) -> str:
    """The 本文术语 box: every term an article uses, with its definition (printed).
    Where the article first wrote another form of the term (``forms``), that
    form is named with its own reading, and its own sense is added if it has one.

    >>> from kanbao.glossary import Entry
    >>> print(terms_html([Entry("中试", (), "zhōngshì", "试验。", "pilot testing")], ["中试"]))
    <details class="kb-terms" open data-pagefind-ignore>
    <summary>本文术语</summary>
    <dl>
    <dt>中试 <span class="kb-pinyin">zhōngshì</span></dt><dd>试验。 <em>pilot testing</em></dd>
    </dl>
    </details>
    >>> from kanbao.glossary import Form
    >>> e = Entry("通关", ("清关",), "tōngguān", "过海关。", "customs clearance",
    ...           alias_forms=(Form("清关", "qīngguān", "手续办完。"),))
    >>> print(terms_html([e], ["清关"]).splitlines()[3])
    <dt>通关 <span class="kb-pinyin">tōngguān</span>（文中作“清关” <span class="kb-pinyin">qīngguān</span>）</dt><dd>过海关。 <em>customs clearance</em><br>清关：手续办完。 <em>customs clearance</em></dd>
    """
    rows = []
    for e, surface in zip(used, forms or [None] * len(used)):
        f = e.form(surface or e.term)
        head = f'<dt>{escape_text(e.term)} <span class="kb-pinyin">{escape_text(e.pinyin)}</span>'
        if f.text != e.term:
            head += f'（文中作“{escape_text(f.text)}” <span class="kb-pinyin">{escape_text(f.pinyin)}</span>）'
        dd = f"{escape_text(e.definition)} <em>{escape_text(e.english)}</em>"
        if f.text != e.term and (f.definition, f.english) != (e.definition, e.english):
            dd += f"<br>{escape_text(f.text)}：{escape_text(f.definition)} <em>{escape_text(f.english)}</em>"
        rows.append(f"{head}</dt><dd>{dd}</dd>")
    rows = "\n".join(rows)
    # not indexed: a query must find the articles that say it, not those that define it
    return f'<details class="kb-terms" open data-pagefind-ignore>\n<summary>本文术语</summary>\n<dl>\n{rows}\n</dl>\n</details>'


class TermTagger:
    """Decides which occurrences get a tooltip and remembers every term used.

    >>> from kanbao.glossary import Entry, Glossary
    >>> g = Glossary([Entry("中试", (), "zhōngshì", "d。", "e")])
    >>> t = TermTagger(g, "first")
    >>> [t.tag(m) for m in g.find("中试，中试")], [e.term for e in t.used]
    ([True, False], ['中试'])
    >>> t.new_section(); t.tag(g.find("中试")[0])
    False
    """

    def __init__(self, glossary, mode: str = "first"):
        if mode not in TAG_MODES:
            raise ValueError(f"glossary_tag must be one of {', '.join(TAG_MODES)}, not {mode!r}")
        self.glossary = glossary
        self.mode = mode
        self.used: list = []                 # entries in first-use order (the 本文术语 box)
        self.first_use: dict = {}            # entry -> (text, start, end, surface) of its first use
        self._tagged_here: set = set()       # ids of entries tagged in the current scope

    def new_section(self) -> None:
        """A new section starts (matters only in ``section`` mode)."""
        if self.mode == "section":
            self._tagged_here.clear()

    def see(self, m, text: str) -> None:
        """Record a use (for the box and the concordance line)."""
        if m.entry not in self.first_use:
            self.used.append(m.entry)
            self.first_use[m.entry] = (text, m.start, m.end, m.surface)

    def tag(self, m, text: str = "") -> bool:
        """Record the use of match ``m``; True if this occurrence gets a tooltip."""
        self.see(m, text)
        if self.mode == "all":
            return True
        if id(m.entry) in self._tagged_here:
            return False
        self._tagged_here.add(id(m.entry))
        return True

    def uses(self, title: str, path: str, date: str = "") -> list[tuple[object, Use]]:
        """``(entry, Use)`` for every term used, with its concordance line."""
        out = []
        for e in self.used:
            text, start, end, surface = self.first_use[e]
            before, after = concordance(text, start, end)
            out.append((e, Use(title, path, surface, before, after, date)))
        return out
