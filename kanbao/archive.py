"""The archive around the newspaper pages: home, years, months, issues, nav, feed.

A newspaper keeps thousands of pages a year, so nothing here lists the whole
archive on one page:

- home (``index.md``): the latest issue — its pages, each with its articles —
  and the archive as years → months (one link per month);
- ``archive/<YYYY>/<MM>/index.md``: one page per month, its days and their pages;
- ``issues/<YYYY-MM-DD>/index.md``: one page per issue (date), its pages and articles;
  pages without a date go to ``issues/undated-<n>/`` in groups of ``GROUP``;
- every page index gets previous/next page links, every issue previous/next
  issue links, every month previous/next month links;
- the navigation is years → months → days → pages → articles, each level
  split into groups of at most ``GROUP`` entries, so that with Material's
  ``navigation.prune`` a page carries a bounded number of links;
- ``feed.xml``: an Atom feed of the latest issue's articles.

>>> from kanbao.model import Page
>>> ps = [Page(seed=f"{d}_{n}.txt", slug=f"{d}-{n}", page_no=f"0{n}", date=d)
...       for d in ("2024-12-04", "2024-12-05") for n in (1, 2)]
>>> for p in ps: p.renders = []
>>> a = build_archive(ps)
>>> sorted(a.files)[:4]
['archive/2024/12/index.md', 'archive/index.md', 'feed.xml', 'index.md']
>>> [i.key for i in a.issues], [p.slug for p in a.issues[-1].pages]
(['2024-12-04', '2024-12-05'], ['2024-12-05-1', '2024-12-05-2'])
"""
from __future__ import annotations

import datetime as _dt
import html
import posixpath
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as xml_escape

from .escape import escape_text
from .meta import date_label
from .model import Page
from .render import _fm, first_sentence, page_title, pager, toc_nav

GROUP = 30            # at most this many entries per navigation level / undated issue
HOME_PAGES = 30       # pages of the latest issue shown on the home page
HOME_ARTICLES = 12    # articles listed per page on the home and issue pages
FEED_ITEMS = 50


@dataclass
class Issue:
    key: str                       # "2024-12-05", or "undated-1"
    date: str                      # "" for undated groups
    pages: list[Page] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"issues/{self.key}/index.md"

    @property
    def label(self) -> str:
        """``2024年12月5日星期四`` (with the newspaper when all pages share one)."""
        if not self.date:
            return f"未注明日期（{self.key.rsplit('-', 1)[1]}）"
        papers = {p.paper for p in self.pages}
        paper = papers.pop() if len(papers) == 1 else ""
        return " ".join(x for x in (paper, date_label(self.date)) if x)


@dataclass
class Archive:
    files: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def page_sort_key(p: Page) -> tuple:
    """Pages in print order: newspaper, page number (A07 after 07 … by letter), file name.

    >>> sorted(["10", "9", "A02", ""], key=lambda n: page_sort_key(Page(seed="s", slug="s", page_no=n)))
    ['9', '10', 'A02', '']
    """
    m = re.fullmatch(r"([A-Za-z]?)(\d+)", p.page_no or "")
    num = (0, m.group(1).upper(), int(m.group(2))) if m else (1, "", 0)
    return (p.paper, num, p.seed)


def group_issues(pages: list[Page]) -> list[Issue]:
    """Issues oldest first; undated pages last, in groups of ``GROUP``."""
    dated: dict[str, Issue] = {}
    undated = []
    for p in pages:
        if p.date:
            dated.setdefault(p.date, Issue(p.date, p.date)).pages.append(p)
        else:
            undated.append(p)
    issues = [dated[k] for k in sorted(dated)]
    for i in issues:
        i.pages.sort(key=page_sort_key)
    undated.sort(key=lambda p: (page_sort_key(p)[1], p.seed))
    for k in range(0, len(undated), GROUP):
        issues.append(Issue(f"undated-{k // GROUP + 1}", "", undated[k:k + GROUP]))
    return issues


def md_url(path: str) -> str:
    """Site path of a Markdown file → its URL (``use_directory_urls``).

    >>> md_url("pages/a/01-x.md"), md_url("issues/2024-12-05/index.md"), md_url("index.md")
    ('pages/a/01-x/', 'issues/2024-12-05/', '')
    """
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[:-len("index.md")]
    return path[:-3] + "/"


def _rel(path: str, here: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(here))


def _page_index(p: Page) -> str:
    return f"pages/{p.slug}/index.md"


def _articles_md(p: Page, here: str, limit: int = HOME_ARTICLES) -> list[str]:
    out = []
    renders = getattr(p, "renders", [])
    for a, r in list(zip(p.articles, renders))[:limit]:
        out.append(f'- [{escape_text(r.title)}]({_rel(r.path, here)})'
                   f'<br><span class="kb-first">{escape_text(first_sentence(a))}</span>')
    if len(renders) > limit:
        out.append(f"- [本版全部 {len(renders)} 篇文章 →]({_rel(_page_index(p), here)})")
    return out


def _issue_body(issue: Issue, here: str, max_pages: int | None = None) -> list[str]:
    out = []
    shown = issue.pages[:max_pages] if max_pages else issue.pages
    for p in shown:
        out.append(f'<h2 class="kb-issue-page" markdown>[{escape_text(page_title(p))}]({_rel(_page_index(p), here)})</h2>')
        out.append("")
        out += toc_nav(_articles_md(p, here), "本版文章")
        out.append(f'\n<p class="kb-print-link" markdown>[打印本版]({_rel(f"pages/{p.slug}/print.md", here)})</p>\n')
    if max_pages and len(issue.pages) > max_pages:
        out.append(f"[本期全部 {len(issue.pages)} 个版面 →]({_rel(issue.path, here)})")
    return out


def _months(issues: list[Issue]) -> dict[str, list[Issue]]:
    months: dict[str, list[Issue]] = {}
    for i in issues:
        if i.date:
            months.setdefault(i.date[:7], []).append(i)
    return months


def _month_path(month: str) -> str:
    return f"archive/{month[:4]}/{month[5:7]}/index.md"


def _archive_list(issues: list[Issue], here: str) -> list[str]:
    """Years → months, one link per month, and the undated groups."""
    months = _months(issues)
    out = []
    years: dict[str, list[str]] = {}
    for m in sorted(months, reverse=True):
        years.setdefault(m[:4], []).append(m)
    for y, ms in years.items():
        links = " ".join(f"[{int(m[5:7])}月]({_rel(_month_path(m), here)})" for m in sorted(ms))
        n = sum(len(i.pages) for m in ms for i in months[m])
        out.append(f'<p class="kb-archive-year" markdown><strong>{y}年</strong>（{n} 个版面）：{links}</p>')
    undated = [i for i in issues if not i.date]
    if undated:
        links = " ".join(f"[{k + 1}]({_rel(i.path, here)})" for k, i in enumerate(undated))
        out.append(f'<p class="kb-archive-year" markdown><strong>未注明日期</strong>：{links}</p>')
    return out


def render_home(issues: list[Issue]) -> str:
    """The latest issue and the archive by year and month."""
    here = "index.md"
    if not issues:
        return "\n".join([_fm(title="看报"), "# 看报 · 本期导读", "",
                          "还没有版面：把报纸版面的文本放进 `seeds/` 目录后重新构建。"]) + "\n"
    latest = next((i for i in reversed(issues) if i.date), issues[0])
    out = [_fm(title="看报", kanbao_title=f"本期导读 · {latest.label}"), "# 看报 · 本期导读", ""]
    out.append(f'<p class="kb-issue-head" markdown>[{escape_text(latest.label)}]({_rel(latest.path, here)})'
               f' · {len(latest.pages)} 个版面 · <a class="kb-feed" href="feed.xml" type="application/atom+xml">订阅（Atom）</a></p>')
    out.append("")
    out += _issue_body(latest, here, HOME_PAGES)
    out += ["", "## 往期", ""] + _archive_list(issues, here) + ["", "[往期总览](archive/index.md)"]
    return "\n".join(out) + "\n"


def render_issue(issue: Issue, prev: Issue | None, nxt: Issue | None) -> str:
    here = issue.path
    out = [_fm(title=issue.label, kanbao_date=issue.date), f"# {escape_text(issue.label)}", "",
           f'<p class="kb-source">{len(issue.pages)} 个版面，'
           f'{sum(len(p.articles) for p in issue.pages)} 篇文章</p>', ""]
    out += _issue_body(issue, here)
    up = ("往期", _month_path(issue.date[:7]) if issue.date else "archive/index.md")
    out.append("\n" + pager(("上一期：" + prev.label, prev.path) if prev else None, up,
                            ("下一期：" + nxt.label, nxt.path) if nxt else None, here))
    return "\n".join(out) + "\n"


def render_month(month: str, issues: list[Issue], prev: str | None, nxt: str | None) -> str:
    here = _month_path(month)
    title = f"{month[:4]}年{int(month[5:7])}月"
    out = [_fm(title=title), f"# {title}", ""]
    for i in issues:
        out.append(f'<h2 class="kb-day" markdown>[{escape_text(date_label(i.date))}]({_rel(i.path, here)})</h2>\n')
        out.append(" · ".join(f"[{escape_text(page_title(p))}]({_rel(_page_index(p), here)})" for p in i.pages))
        out.append("")
    out.append(pager((prev[:4] + "年" + str(int(prev[5:7])) + "月", _month_path(prev)) if prev else None,
                     ("往期总览", "archive/index.md"),
                     (nxt[:4] + "年" + str(int(nxt[5:7])) + "月", _month_path(nxt)) if nxt else None, here))
    return "\n".join(out) + "\n"


def render_archive_index(issues: list[Issue]) -> str:
    here = "archive/index.md"
    return "\n".join([_fm(title="往期"), "# 往期", ""] + _archive_list(issues, here)) + "\n"


def page_pager(p: Page, prev: Page | None, nxt: Page | None, issue: Issue) -> str:
    """Previous/next newspaper page (across issues) and the issue, for a page index."""
    def label(q: Page, word: str) -> str:
        return f"{word}：{page_title(q)}" + (f"（{date_label(q.date)}）" if q.date != p.date and q.date else "")
    return pager((label(prev, "上一版"), _page_index(prev)) if prev else None, ("本期：" + issue.label, issue.path),
                 (label(nxt, "下一版"), _page_index(nxt)) if nxt else None, _page_index(p))


def _chunks(items: list, label) -> list:
    """Split a nav level into groups of ``GROUP``; ``label(first, last)`` names a group.

    >>> len(_chunks(list(range(65)), lambda a, b: f"{a}-{b}")), _chunks([1, 2], str)
    (3, [1, 2])
    """
    if len(items) <= GROUP:
        return items
    return [{label(k + 1, min(k + GROUP, len(items))): items[k:k + GROUP]} for k in range(0, len(items), GROUP)]


def _nav_label(s: str) -> str:
    """Navigation titles are printed as HTML by Material: escape them."""
    return html.escape(s, quote=True)


def page_nav(p: Page) -> dict:
    """One newspaper page in the navigation: its index, its articles (grouped), the print view."""
    renders = getattr(p, "renders", [])
    arts = _chunks([{_nav_label(r.title): r.path} for r in renders], lambda a, b: f"第 {a}–{b} 篇")
    return {_nav_label(page_title(p)): [_page_index(p)] + arts + [{"打印本版": f"pages/{p.slug}/print.md"}]}


def build_nav(issues: list[Issue]) -> list:
    """Years → months → days → pages → articles, every level bounded by ``GROUP``."""
    nav: list = []
    years: dict[str, dict[str, list[Issue]]] = {}
    for m, iss in _months(issues).items():
        years.setdefault(m[:4], {})[m] = iss
    for y in sorted(years, reverse=True):
        months = []
        for m in sorted(years[y], reverse=True):
            days = [{_nav_label(date_label(i.date)): [i.path] + _chunks([page_nav(p) for p in i.pages],
                                                                         lambda a, b: f"第 {a}–{b} 个版面")}
                    for i in sorted(years[y][m], key=lambda i: i.date, reverse=True)]
            months.append({f"{int(m[5:7])}月": [_month_path(m)] + days})
        nav.append({f"{y}年": months})
    undated = [i for i in issues if not i.date]
    if undated:
        groups = [{_nav_label(i.label): [i.path] + [page_nav(p) for p in i.pages]} for i in undated]
        nav.append({"未注明日期": _chunks(groups, lambda a, b: f"第 {a}–{b} 组")})
    nav.append({"往期总览": "archive/index.md"})
    return nav


def render_feed(issue: Issue | None, updated: str = "") -> str:
    """Atom feed of the latest issue's articles (links relative to the feed's URL).

    >>> p = Page(seed="a.txt", slug="a", date="2024-12-05", paper="报<")
    >>> p.renders = []
    >>> "<title>看报 · 报&lt; 2024年12月5日星期四</title>" in render_feed(Issue("2024-12-05", "2024-12-05", [p]))
    True
    """
    title = "看报" + (f" · {issue.label}" if issue else "")
    stamp = (issue.date if issue and issue.date else (updated or "1970-01-01")) + "T00:00:00Z"
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh">',
           f"<title>{xml_escape(title)}</title>", '<id>urn:kanbao:feed</id>', f"<updated>{stamp}</updated>",
           '<link rel="self" href="feed.xml"/>', '<link href="./"/>']
    n = 0
    for p in issue.pages if issue else []:
        for a, r in zip(p.articles, getattr(p, "renders", [])):
            if n >= FEED_ITEMS:
                break
            n += 1
            url = md_url(r.path)
            out += ["<entry>", f"<title>{xml_escape(r.title)}</title>", f'<link href="{xml_escape(url, {chr(34): "&quot;"})}"/>',
                    f"<id>urn:kanbao:{xml_escape(url)}</id>", f"<updated>{stamp}</updated>",
                    f"<summary>{xml_escape(first_sentence(a))}</summary>",
                    f"<category term=\"{xml_escape(page_title(p), {chr(34): '&quot;'})}\"/>", "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def build_archive(pages: list[Page]) -> Archive:
    """Home, archive, issue and month pages, page pagers, nav and feed for ``pages``
    (each with ``renders`` from ``render.render_page``).  Page indexes get their
    pager through ``Archive.files`` entries keyed by the page index path with
    the Markdown to append (see ``site.build_site``)."""
    arc = Archive()
    arc.issues = issues = group_issues(pages)
    arc.files["index.md"] = render_home(issues)
    arc.files["archive/index.md"] = render_archive_index(issues)
    months = _months(issues)
    mkeys = sorted(months)
    for k, m in enumerate(mkeys):
        arc.files[_month_path(m)] = render_month(m, months[m], mkeys[k - 1] if k else None,
                                                 mkeys[k + 1] if k + 1 < len(mkeys) else None)
    for k, i in enumerate(issues):
        arc.files[i.path] = render_issue(i, issues[k - 1] if k else None, issues[k + 1] if k + 1 < len(issues) else None)
    latest = next((i for i in reversed(issues) if i.date), issues[0] if issues else None)
    arc.files["feed.xml"] = render_feed(latest, _dt.date.today().isoformat())
    arc.nav = build_nav(issues)
    return arc


def page_pagers(issues: list[Issue]) -> dict[str, str]:
    """Markdown to append to each page index: previous/next page, the issue."""
    order = [(p, i) for i in issues for p in i.pages]
    out = {}
    for k, (p, i) in enumerate(order):
        prev = order[k - 1][0] if k else None
        nxt = order[k + 1][0] if k + 1 < len(order) else None
        out[_page_index(p)] = "\n" + page_pager(p, prev, nxt, i) + "\n"
    return out

