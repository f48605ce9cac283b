"""Archive navigation (kanbao/archive.py): bounded nav, home, issues, months, pagers, feed."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from kanbao.archive import GROUP, build_archive, build_nav, group_issues, page_pagers
from kanbao.model import Article, Block, Page
from kanbao.render import ArticleRender


def _page(date: str, no: int, n_articles: int = 3, paper: str = "江城日报") -> Page:
    slug = f"{date or 'x'}-{no:02d}"
    p = Page(seed=f"{slug}.txt", slug=slug, page_no=f"{no:02d}", date=date, paper=paper)
    p.articles = [Article(id=f"a{k}", title=Block(f"b{k}", [], f"标题{slug}-{k}"),
                          lead=[Block(f"l{k}", [], f"第{k}篇的第一句。后面还有。")]) for k in range(1, n_articles + 1)]
    p.renders = [ArticleRender(f"pages/{slug}/{k:02d}.md", f"标题{slug}-{k}", "") for k in range(1, n_articles + 1)]
    return p


def _archive(days: int, pages_per_day: int, **kw) -> list[Page]:
    start = dt.date(2023, 1, 1)
    return [_page((start + dt.timedelta(days=d)).isoformat(), n, **kw) for d in range(days) for n in range(1, pages_per_day + 1)]


def visible_links(nav: list, target: str) -> int:
    """Links Material renders on ``target``'s page with navigation.prune: every
    item at the top level, and the children of each section on the path to it."""
    def contains(item) -> bool:
        if isinstance(item, str):
            return item == target
        if isinstance(item, dict):
            return any(contains(v) for v in item.values())
        return any(contains(v) for v in item)

    def count(items: list) -> int:
        n = 0
        for item in items:
            n += 1
            if isinstance(item, dict):
                (children,) = item.values()
                if isinstance(children, list) and contains(children):
                    n += count(children)
        return n
    return count(nav)


@pytest.mark.parametrize("days,per_day,articles", [(3, 8, 3), (400, 12, 5), (2, 90, 4), (1, 2, 200)])
def test_nav_links_per_page_are_bounded(days, per_day, articles):
    pages = _archive(days, per_day, n_articles=articles)
    nav = build_nav(group_issues(pages))
    years = len({p.date[:4] for p in pages})
    bound = years + 12 + 31 + GROUP + 1 + GROUP + 1 + 2 + 3   # years, months, days, pages, articles, fixed items
    worst = max(visible_links(nav, r.path) for p in pages[:: max(1, len(pages) // 50)] for r in p.renders)
    assert worst <= bound


def test_home_shows_the_latest_issue_only_and_stays_small():
    pages = _archive(400, 12)
    arc = build_archive(pages)
    home = arc.files["index.md"]
    latest = max(p.date for p in pages)
    assert all(p.slug in home for p in pages if p.date == latest)
    assert not any(p.slug in home for p in pages if p.date != latest)
    assert len(home.encode()) < 100_000
    assert "archive/2024/02/index.md" in home and "archive/2023/01/index.md" in home   # every month linked
    assert max(len(md.encode()) for md in arc.files.values()) < 150_000


def test_no_page_lists_every_article():
    pages = _archive(60, 10)
    arc = build_archive(pages)
    all_articles = {r.path.rsplit("/", 2)[1] + "/" + r.path.rsplit("/", 1)[1] for p in pages for r in p.renders}
    for path, md in arc.files.items():
        listed = sum(1 for a in all_articles if a in md)
        assert listed < len(all_articles) / 10, path


def test_issue_month_and_page_order():
    pages = _archive(40, 3)
    arc = build_archive(pages)
    assert [i.date for i in arc.issues] == sorted(p.date for p in pages if p.page_no == "01")
    jan = arc.files["archive/2023/01/index.md"]
    assert jan.count('class="kb-day"') == 31 and "archive/2023/02" not in jan.split("kb-pager")[0]
    assert "下一期" in arc.files["issues/2023-01-01/index.md"] and "上一期" not in arc.files["issues/2023-01-01/index.md"]
    pagers = page_pagers(arc.issues)
    first, middle = pagers["pages/2023-01-01-01/index.md"], pagers["pages/2023-01-01-02/index.md"]
    assert "上一版" not in first and "下一版" in first and "2023-01-01-02" in first
    assert "2023-01-01-01" in middle and "2023-01-01-03" in middle


def test_page_numbers_sort_as_numbers():
    pages = [_page("2024-12-05", n) for n in (10, 2, 1)]
    assert [p.page_no for p in group_issues(pages)[0].pages] == ["01", "02", "10"]


def test_undated_pages_in_bounded_groups():
    pages = [_page("", n) for n in range(1, 2 * GROUP + 5)]
    issues = group_issues(pages)
    assert [len(i.pages) for i in issues] == [GROUP, GROUP, 4]


def test_feed_is_atom_with_the_latest_issue():
    pages = _archive(3, 2) + [_page("2023-01-03", 3, paper="<b>&")]
    arc = build_archive(pages)
    root = ET.fromstring(arc.files["feed.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 9
    assert all(e.find("a:link", ns).get("href").startswith("pages/2023-01-03-") for e in entries)
    assert entries[0].find("a:summary", ns).text == "第1篇的第一句。"
    assert 'href="feed.xml"' in arc.files["index.md"]


def test_nav_labels_are_escaped():
    p = _page("2024-12-05", 1)
    p.page_name = "<img src=x onerror=alert(1)>"
    p.renders[0].title = "<script>x</script>"
    text = repr(build_nav(group_issues([p])))
    assert "<img" not in text and "<script>" not in text and "&lt;img" in text


def test_a_headline_printed_in_two_parts_keeps_a_wide_gap_in_lists():
    """A headline whose parts the paper sets apart, dumped with a space between them
    (林丹四度封王 辽宁男篮登顶), is listed with an ideographic space, never with a
    space between two Chinese characters, which reads as a line join left behind."""
    import re

    from kanbao.convert import convert_text
    from kanbao.render import RenderOptions, render_article, render_page_index

    text = ("05\n体育\n江城日报 2025年9月9日 星期二\n林丹四度封王 辽宁男篮登顶\n本报记者 王 东\n"
            "全运会最后一天共有七枚金牌\n产生，其中三枚产生于羽毛球赛\n场。\n")
    page = convert_text(text, "05_spaced.txt")
    renders = [render_article(page, a, n, RenderOptions()) for n, a in enumerate(page.articles, 1)]
    for i, r in enumerate(renders):
        r.path = f"pages/{page.slug}/{i + 1}.md"
    index = render_page_index(page, renders)
    assert "林丹四度封王\u3000辽宁男篮登顶" in index
    listed = [ln for ln in index.splitlines() if ln.startswith("- [")]
    assert listed and not any(re.search(r"[\u4e00-\u9fff][ \t]+[\u4e00-\u9fff]", ln) for ln in listed)


def test_a_headline_printed_in_two_parts_keeps_a_wide_gap_on_its_page():
    """The same gap on the article's own page: in its headline, and in a
    headline the structure pass could not place (kept in the body as text)."""
    import re

    from kanbao.convert import convert_text
    from kanbao.model import Block, Line
    from kanbao.render import RenderOptions, _block_md, _Marker, render_article

    text = ("05\n体育\n江城日报 2025年9月9日 星期二\n林丹四度封王 辽宁男篮登顶\n本报记者 王 东\n"
            "全运会最后一天共有七枚金牌\n产生，其中三枚产生于羽毛球赛\n场。\n")
    page = convert_text(text, "05_spaced.txt")
    md = render_article(page, page.articles[0], 1, RenderOptions()).markdown
    head = next(ln for ln in md.splitlines() if ln.startswith("# "))
    assert "林丹四度封王\u3000辽宁男篮登顶" in head
    left = Block("b9", [Line(9, "湛江等地 智能家电", "湛江等地 智能家电", 17)], "湛江等地 智能家电", kind="heading")
    html = _block_md(left, _Marker(RenderOptions(), tooltips=False))
    assert "湛江等地\u3000智能家电" in html and not re.search(r"[\u4e00-\u9fff][ \t]+[\u4e00-\u9fff]", html)


def test_a_byline_kept_in_the_body_keeps_its_gap_unbreakable():
    """A byline no headline took stays at the end of the last article; it is
    set like a byline, its own gap a no-break space, never a plain space
    between two Chinese characters (a line join left behind)."""
    import re

    from kanbao.model import Block, Line
    from kanbao.render import RenderOptions, _block_md, _Marker

    left = Block("b2", [Line(2, "本报通讯员 范平晨", "本报通讯员 范平晨", 17)], "本报通讯员 范平晨", kind="byline")
    html = _block_md(left, _Marker(RenderOptions(), tooltips=False))
    assert 'class="kb-byline"' in html and "范平晨" in html
    assert not re.search(r"[\u4e00-\u9fff][ \t]+[\u4e00-\u9fff]", html)
