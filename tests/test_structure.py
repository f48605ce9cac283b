"""Structure cases from tests/cases/structure_cases.yml: articles, headlines,
bylines, Q&A, pull quotes and reading order of whole (small) pages."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kanbao.convert import convert_text
from kanbao.model import Article
from kanbao.structure import printed_lines

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "structure_cases.yml").read_text(encoding="utf-8"))


def _params():
    for c in CASES:
        marks = [pytest.mark.xfail(reason=c["known_failure"], strict=True)] if c.get("known_failure") else []
        yield pytest.param(c, id=c["label"], marks=marks)


def body(a: Article) -> list[tuple[str, str, list[str]]]:
    out = []
    for s in a.sections:
        if s.heading:
            out.append(("heading", s.heading.text, printed_lines(s.heading)))
        for b in s.blocks:
            out.append((b.kind, b.text, [b.text]))
    return out


@pytest.mark.parametrize("case", list(_params()))
def test_structure_case(case):
    page = convert_text(case["text"], "case.txt")
    assert page.page_no == case["page_no"]
    assert not page.warnings, page.warnings
    assert len(page.articles) == len(case["expect"]), [a.title_text for a in page.articles]
    for a, want in zip(page.articles, case["expect"]):
        assert a.title_text.startswith(want["title"]) if want["title"] else a.title is None, a.title_text
        for role in ("kicker", "subtitle"):
            got_role = getattr(a, role)
            assert (got_role.text if got_role else "") == want.get(role, ""), (role, got_role)
        if "title_lines" in want:
            assert printed_lines(a.title) == want["title_lines"]
        assert [b.text for b in a.byline] == want["byline"]
        if "lead" in want:
            assert len(a.lead) == len(want["lead"]) and all(b.text.startswith(w) for b, w in zip(a.lead, want["lead"])), \
                [b.text[:12] for b in a.lead]
        got = body(a)
        assert len(got) == len(want["body"]), got
        for (kind, text, lines), w in zip(got, want["body"]):
            (wkind, wtext), = w.items()
            if isinstance(wtext, list):     # a heading given by its printed lines
                assert kind == wkind and lines == wtext, (kind, lines, w)
                continue
            assert kind == wkind and text.startswith(wtext), (kind, text[:20], w)
        assert [b.text for b in a.pullquotes] == want.get("pullquotes", [])


def test_every_move_is_recorded_and_explained():
    case = next(c for c in CASES if c["label"].startswith("interview"))
    from kanbao.explain import explain
    page = convert_text(case["text"], "case.txt")
    text = explain(page)
    assert "question → before" in text and "subhead → heads the section" in text


@pytest.mark.parametrize("first, second, merged", [
    # a —— subtitle is a headline's last line: a heading under it is another one (a subhead, the next headline)
    ("——专心度假 没有背景", "林丹四度封王 辽宁男篮登顶", False),
    # a title over its —— subtitle is one headline
    ("全运会结束全部赛事", "——林丹四度封王 辽宁男篮登顶", True),
    # a —— subtitle that wrapped (a word runs across) is one printed line
    ("——合川农机专业合作", "社收水稻", True),
])
def test_heading_under_a_subtitle_is_not_merged_into_it(first, second, merged):
    from kanbao.model import Block, Line
    from kanbao.structure import _merge_headings
    blocks = [Block(f"b{i}", [Line(i, "", t, 2 * len(t))], t, kind="heading") for i, t in enumerate((first, second), 1)]
    _merge_headings(blocks)
    assert len(blocks) == (1 if merged else 2)


# Blocks as the untangler leaves them (line numbers out of the dump's order where it moved
# lines): each case gives its lines as (seed line, text, width, column width) and the texts
# of the blocks ``split_glued_lines`` leaves.
GLUED_INSIDE = [
    pytest.param([(83, "完善订单式研发，探索成都本地", 28, 28), (85, "强化监督深抓落实", 16, 28),
                  (91, "信息化部部长金壮龙提出，聚焦", 28, 28), (93, "高端化、智能化、绿色化。", 24, 28)],
                 ["完善订单式研发，探索成都本地", "强化监督深抓落实", "信息化部部长金壮龙提出，聚焦高端化、智能化、绿色化。"],
                 id="a headline line dealt between two open lines is cut from both"),
    pytest.param([(134, "的勤劳与智慧，融入充满希望的", 28, 28), (138, "收官", 4, 28), (140, "本地新闻", 8, 28),
                  (142, "结构，提高耕地蓄水保墒和抗旱", 28, 28)],
                 ["的勤劳与智慧，融入充满希望的收官本地新闻结构，提高耕地蓄水保墒和抗旱"],
                 id="lines of two to four characters may be a column's label: left in the text"),
    pytest.param([(83, "完善订单式研发，探索成都本地", 28, 28), (84, "强化监督深抓落实", 16, 28),
                  (85, "信息化部部长金壮龙提出，聚焦", 28, 28)],
                 ["完善订单式研发，探索成都本地强化监督深抓落实信息化部部长金壮龙提出，聚焦"],
                 id="lines in the dump's own order are left as the extractor joined them"),
    pytest.param([(83, "完善订单式研发，探索成都本地", 28, 28), (85, "简讯", 4, 28),
                  (91, "信息化部部长金壮龙提出，聚焦", 28, 28)],
                 ["完善订单式研发，探索成都本地简讯信息化部部长金壮龙提出，聚焦"],
                 id="a column's label inside the text is no end of it"),
]


@pytest.mark.parametrize("lines, blocks", GLUED_INSIDE)
def test_short_line_inside_moved_text_ends_it(lines, blocks):
    from kanbao.model import Block, Line
    from kanbao.structure import split_glued_lines
    ls = [Line(no, "", t, w, colw=c) for no, t, w, c in lines]
    bs = [Block("b1", ls, "".join(ln.text for ln in ls))]
    split_glued_lines(bs)
    assert [b.text for b in bs] == blocks
